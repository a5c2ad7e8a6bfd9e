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
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

double Accuracy(const TopicScorer& scorer, const std::vector<TopicRow>& rows,
                const std::map<std::string, std::string>& rename) {
  size_t correct = 0;
  for (const TopicRow& row : rows) {
    auto topics = SelectTopics(scorer.Score(row.title, row.text), 0.5, 3);
    auto it = rename.find(row.label);
    const std::string& gold = it == rename.end() ? row.label : it->second;
    correct += !topics.empty() && topics[0].label == gold ? 1 : 0;
  }
  return static_cast<double>(correct) / rows.size();
}

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
  const double accuracy = Accuracy(*model.value(), dev.value(), {});
  RecordProperty("dev_accuracy", std::to_string(accuracy));
  EXPECT_GE(accuracy, 0.97) << "trained in " << report.seconds << " s";
}

TEST(BbcDataTest, DefaultTaxonomyReachesDevAccuracy) {
  NEWSFLOW_REQUIRE_SHARED("data/bbc/dev.jsonl");
  auto tax =
      TopicTaxonomy::LoadFile(testing::SourceDir() + "/deploy/topics/iptc_media_topics.toml");
  ASSERT_TRUE(tax.ok()) << tax.status().ToString();
  auto dev = ReadTopicRows(testing::SharedDir() + "/data/bbc/dev.jsonl");
  ASSERT_TRUE(dev.ok());
  const double accuracy = Accuracy(*tax.value(), dev.value(),
                                   {{"business", "economy_business_finance"},
                                    {"entertainment", "arts_culture_entertainment"},
                                    {"tech", "science_technology"}});
  EXPECT_GE(accuracy, 0.85);
}

}  // namespace
}  // namespace newsflow
