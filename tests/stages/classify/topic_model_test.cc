// Learned topics: train on a small fictional dataset, save, load, predict.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "stages/classify/classify_stage.h"
#include "stages/classify/linear_topic_model.h"
#include "stages/classify/training/topic_rows.h"
#include "stages/classify/training/train_topic_model.h"
#include "tests/support/read_file.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

// Fictional sentences per label; rows are built by combining them.
const char* const kFarming[] = {
    "The harvest came in early this year after a dry summer on the farms.",
    "Farmers say the price of wheat barely covers the cost of seed and fertiliser.",
    "Dairy herds were moved to higher pasture as the river rose.",
    "A new tractor cooperative lets small farms share machinery.",
    "Orchards in the valley expect a record apple crop.",
    "The barley yield fell where the fields flooded in spring.",
};
const char* const kShipping[] = {
    "The container ship docked at the port after a week at sea.",
    "Freight rates on the northern route rose as fuel costs climbed.",
    "Dock workers unloaded cargo from three vessels overnight.",
    "The harbour master closed the channel while a tanker was towed.",
    "A new ferry line will carry trucks and passengers across the strait.",
    "Crews reported rough seas and delays at the container terminal.",
};
const char* const kMusic[] = {
    "The band played its new album to a packed hall on Friday.",
    "The singer's third record went straight to the top of the charts.",
    "An orchestra from the capital opened the summer concert season.",
    "Fans queued overnight for tickets to the reunion tour.",
    "The guitarist wrote most of the songs in a cabin by the lake.",
    "A jazz festival returns to the old town square next month.",
};

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// 3 labels x 12 rows; each row mixes three sentences of its label.
std::string FictionalRows() {
  std::ostringstream out;
  const std::pair<const char*, const char* const*> kLabels[] = {
      {"farming", kFarming}, {"shipping", kShipping}, {"music", kMusic}};
  for (const auto& [label, sentences] : kLabels) {
    for (int i = 0; i < 12; ++i) {
      std::string text = std::string(sentences[i % 6]) + " " + sentences[(i + 1) % 6] + "\\n\\n" +
                         sentences[(i + 3) % 6];
      out << "{\"id\": \"" << label << "/" << i << "\", \"label\": \"" << label
          << "\", \"title\": \"" << JsonEscape(std::string(sentences[(i + 2) % 6]).substr(0, 30))
          << "\", \"text\": \"" << text << "\"}\n";
    }
  }
  return out.str();
}

std::string WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::string BestLabel(const TopicScorer& scorer, const std::string& title,
                      const std::string& body) {
  auto topics = SelectTopics(scorer.Score(title, body), 0.5, 3);
  return topics.empty() ? "" : topics[0].label;
}

class TopicModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.input_path = WriteFile(dir_.path() + "/rows.jsonl", FictionalRows());
    options_.output_path = dir_.path() + "/topics.model";
  }
  testing::TempDir dir_;
  TrainTopicOptions options_;
};

TEST_F(TopicModelTest, TrainsSavesLoadsAndPredicts) {
  options_.min_df = 1;
  TrainTopicReport report;
  Status s = TrainTopicModel(options_, &report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.rows, 36u);
  EXPECT_EQ(report.labels, 3u);
  EXPECT_GT(report.features, 100u);

  auto model = LinearTopicModel::LoadFile(options_.output_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ(model.value()->labels(), (std::vector<std::string>{"farming", "music", "shipping"}));
  // New fictional text, sharing vocabulary but not sentences with the rows.
  EXPECT_EQ(BestLabel(*model.value(), "Wheat farms hope for rain",
                      "Farmers fear the harvest and the apple crop will suffer."),
            "farming");
  EXPECT_EQ(BestLabel(*model.value(), "Port delays",
                      "The tanker and two container vessels wait outside the harbour."),
            "shipping");
  EXPECT_EQ(BestLabel(*model.value(), "Tour dates",
                      "The band and the singer announced a concert tour for the new album."),
            "music");
  for (const Topic& t : model.value()->Score("Port", "ship cargo harbour")) {
    EXPECT_GE(t.score, 0);
    EXPECT_LE(t.score, 1);
    EXPECT_TRUE(t.code.empty());
  }
}

TEST_F(TopicModelTest, SameSeedSameFileOtherSeedStillWorks) {
  options_.min_df = 1;
  ASSERT_TRUE(TrainTopicModel(options_).ok());
  const std::string first = testing::ReadFile(options_.output_path);
  ASSERT_TRUE(TrainTopicModel(options_).ok());
  EXPECT_TRUE(testing::ReadFile(options_.output_path) == first)
      << "same seed, different model file";
  options_.seed = 99;
  options_.solver = TopicSolver::kLogisticRegression;
  ASSERT_TRUE(TrainTopicModel(options_).ok());
  auto model = LinearTopicModel::LoadFile(options_.output_path);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(BestLabel(*model.value(), "", "The orchestra and the band play the festival."),
            "music");
}

TEST_F(TopicModelTest, CrossValidationReportsAccuracy) {
  options_.min_df = 1;
  options_.cv_folds = 3;
  TrainTopicReport report;
  ASSERT_TRUE(TrainTopicModel(options_, &report).ok());
  EXPECT_GE(report.cv_accuracy, 0.8);
  EXPECT_LE(report.cv_accuracy, 1.0);
}

TEST_F(TopicModelTest, BadInputIsAnError) {
  options_.input_path =
      WriteFile(dir_.path() + "/bad.jsonl",
                "{\"label\": \"a\", \"text\": \"x\"}\n{\"label\": \"b\", \"text\": ");
  Status s = TrainTopicModel(options_);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("bad.jsonl:2"), std::string::npos) << s.message();

  options_.input_path =
      WriteFile(dir_.path() + "/one.jsonl", "{\"label\": \"a\", \"text\": \"x y\"}\n");
  EXPECT_EQ(TrainTopicModel(options_).code(), Status::Code::kInvalidArgument);

  options_.input_path = dir_.path() + "/missing.jsonl";
  EXPECT_TRUE(TrainTopicModel(options_).IsNotFound());
}

TEST_F(TopicModelTest, ReadsJsonEscapes) {
  WriteFile(dir_.path() + "/esc.jsonl",
            "{\"id\": 7, \"label\": \"x\", \"title\": \"caf\\u00e9 \\ud83d\\ude00\", \"text\": "
            "\"a\\\"b\\\\c\\nd\", \"extra\": {\"k\": [1, 2]}}\n");
  auto rows = ReadTopicRows(dir_.path() + "/esc.jsonl");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows.value().size(), 1u);
  EXPECT_EQ(rows.value()[0].title, "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(rows.value()[0].text, "a\"b\\c\nd");
}

TEST_F(TopicModelTest, CorruptModelFilesAreRejectedWithTheLine) {
  options_.min_df = 1;
  ASSERT_TRUE(TrainTopicModel(options_).ok());
  std::string good = testing::ReadFile(options_.output_path);

  auto truncated = LinearTopicModel::LoadFile(
      WriteFile(dir_.path() + "/truncated.model", good.substr(0, good.size() / 2)));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), Status::Code::kCorruption);

  auto wrong = LinearTopicModel::LoadFile(WriteFile(dir_.path() + "/wrong.model", "hello\n"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("wrong.model:1"), std::string::npos);

  std::string bad_weight = good;
  size_t terms = bad_weight.find("\nterms\t");
  size_t line = bad_weight.find('\n', terms + 1);
  size_t tab = bad_weight.find('\t', bad_weight.find('\t', line + 1) + 1);
  bad_weight.replace(tab + 1, 1, "z");
  auto bad = LinearTopicModel::LoadFile(WriteFile(dir_.path() + "/bad.model", bad_weight));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad weight"), std::string::npos) << bad.status().message();

  EXPECT_TRUE(LinearTopicModel::LoadFile(dir_.path() + "/none.model").status().IsNotFound());
}

}  // namespace
}  // namespace newsflow
