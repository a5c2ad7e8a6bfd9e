// Data tests on ../shared (read, never copied): the learned model on BBC News and the default
// taxonomy on BBC News and on the seed pages' gold articles.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "stages/classify/classify_stage.h"
#include "stages/classify/linear_topic_model.h"
#include "stages/classify/taxonomy.h"
#include "stages/classify/training/topic_evaluation.h"
#include "stages/classify/training/train_topic_model.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

TEST(BbcDataTest, LearnedModelReachesDevAccuracy) {
  NEWSFLOW_REQUIRE_SHARED("data/bbc/train.jsonl");
  NEWSFLOW_REQUIRE_SHARED("data/bbc/dev.jsonl");
  testing::TempDir dir;
  TrainTopicOptions options;
  options.input_path = testing::SharedDir() + "/data/bbc/train.jsonl";
  options.output_path = dir.path() + "/bbc.model";
  TrainTopicReport report;
  Status s = TrainTopicModel(options, &report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_LT(report.seconds, 60);
  auto model = LinearTopicModel::LoadFile(options.output_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto dev = ReadTopicRows(testing::SharedDir() + "/data/bbc/dev.jsonl");
  ASSERT_TRUE(dev.ok());
  TopicEvaluation eval = EvaluateTopics(*model.value(), dev.value());
  RecordProperty("dev_accuracy", std::to_string(eval.accuracy));
  EXPECT_EQ(eval.rows, dev.value().size());
  EXPECT_EQ(eval.no_topic, 0u);
  EXPECT_GE(eval.accuracy, 0.97) << "trained in " << report.seconds << " s";
  EXPECT_GE(eval.macro_f1, 0.97);
}

TEST(BbcDataTest, DefaultTaxonomyReachesDevAccuracy) {
  NEWSFLOW_REQUIRE_SHARED("data/bbc/dev.jsonl");
  auto tax =
      TopicTaxonomy::LoadFile(testing::SourceDir() + "/deploy/topics/iptc_media_topics.toml");
  ASSERT_TRUE(tax.ok()) << tax.status().ToString();
  auto dev = ReadTopicRows(testing::SharedDir() + "/data/bbc/dev.jsonl");
  ASSERT_TRUE(dev.ok());
  TopicEvaluation eval = EvaluateTopics(*tax.value(), dev.value(),
                                        {{"business", "economy_business_finance"},
                                         {"entertainment", "arts_culture_entertainment"},
                                         {"tech", "science_technology"}});
  RecordProperty("dev_accuracy", std::to_string(eval.accuracy));
  EXPECT_GE(eval.accuracy, 0.85);
}

}  // namespace
}  // namespace newsflow
