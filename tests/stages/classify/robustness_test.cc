// Parsers and scorers on hostile input: random bytes, broken UTF-8, mutated files. None may
// crash, hang or return out-of-range scores (a deterministic stand-in for a fuzz run).
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "stages/classify/classify_stage.h"
#include "stages/classify/linear_topic_model.h"
#include "stages/classify/taxonomy.h"
#include "stages/classify/text_features.h"
#include "stages/classify/training/topic_rows.h"
#include "stages/classify/training/train_topic_model.h"
#include "tests/support/read_file.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

std::string RandomBytes(std::mt19937_64* rng, size_t max_len) {
  std::string s(static_cast<size_t>((*rng)() % (max_len + 1)), '\0');
  for (char& c : s) {
    // Mostly text-like bytes, with UTF-8 lead and continuation bytes mixed in.
    const uint64_t r = (*rng)() % 10;
    c = static_cast<char>(r < 6   ? 0x20 + (*rng)() % 0x5F
                          : r < 8 ? 0x80 + (*rng)() % 0x40
                                  : (*rng)() % 256);
  }
  return s;
}

void ExpectValidTopics(const std::vector<Topic>& topics) {
  for (const Topic& t : topics) {
    EXPECT_GE(t.score, 0.0);
    EXPECT_LE(t.score, 1.0);
    EXPECT_FALSE(t.label.empty());
  }
}

TEST(RobustnessTest, TokeniserKeepsWordsInsideTheText) {
  std::mt19937_64 rng(1);
  Words words;
  for (int i = 0; i < 2000; ++i) {
    const std::string text = RandomBytes(&rng, 300);
    words.Tokenize(text);
    for (const Words::Word& w : words.words()) {
      ASSERT_GE(w.size, 2u);
      ASSERT_LE(w.begin + w.size, words.lower().size());
      ASSERT_EQ(w.hash, WordHash(words.text(w)));
    }
  }
}

TEST(RobustnessTest, LanguageAndTaxonomyOnRandomText) {
  auto tax = TopicTaxonomy::Parse(
      "[[topic]]\nslug = \"a\"\n[topic.terms]\n\"ab\" = 1\n\"ab cd\" = 2\n\"abc*\" = 1\n"
      "[[topic]]\nslug = \"b\"\n[topic.terms]\n\"x1\" = -1\n\"zz*\" = 3\n",
      "t.toml");
  ASSERT_TRUE(tax.ok()) << tax.status().ToString();
  std::mt19937_64 rng(2);
  for (int i = 0; i < 2000; ++i) {
    const std::string title = RandomBytes(&rng, 40);
    const std::string body = RandomBytes(&rng, 600);
    LanguageGuess g = DetectLanguage(title, body, static_cast<size_t>(rng() % 700), 2048);
    EXPECT_GE(g.confidence, 0.0);
    EXPECT_LE(g.confidence, 1.0);
    ExpectValidTopics(tax.value()->Score(title, body));
  }
}

TEST(RobustnessTest, MutatedTaxonomyFilesFailCleanly) {
  const std::string good =
      "title_weight = 2\n[[topic]]\nslug = \"sport\"\ncode = \"medtop:15000000\"\n"
      "[topic.terms]\n\"goal\" = 2\n\"penalty kick\" = 3\n\"champion*\" = 2\n";
  std::mt19937_64 rng(3);
  size_t ok = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = good;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          text.erase(at, 1 + rng() % 5);
          break;
        default:
          text.insert(at, RandomBytes(&rng, 4));
          break;
      }
      if (text.empty()) text = "x";
    }
    auto tax = TopicTaxonomy::Parse(text, "m.toml");
    if (tax.ok()) {
      ++ok;
      ExpectValidTopics(tax.value()->Score("Goal", "A penalty kick for the champions."));
    } else {
      EXPECT_EQ(tax.status().code(), Status::Code::kInvalidArgument);
      EXPECT_EQ(tax.status().message().rfind("m.toml", 0), 0u) << tax.status().message();
    }
  }
  EXPECT_GT(ok, 0u);
}

TEST(RobustnessTest, MutatedModelFilesFailCleanly) {
  testing::TempDir dir;
  std::string rows;
  for (int i = 0; i < 4; ++i) {
    rows +=
        "{\"label\": \"boats\", \"title\": \"Ferry\", \"text\": \"The ferry left the harbour.\"}\n";
    rows +=
        "{\"label\": \"trains\", \"title\": \"Rail\", \"text\": \"The train left the station.\"}\n";
  }
  std::ofstream(dir.path() + "/rows.jsonl") << rows;
  TrainTopicOptions options;
  options.input_path = dir.path() + "/rows.jsonl";
  options.output_path = dir.path() + "/m.model";
  options.min_df = 1;
  ASSERT_TRUE(TrainTopicModel(options).ok());
  const std::string good = testing::ReadFile(options.output_path);
  std::mt19937_64 rng(4);
  for (int i = 0; i < 200; ++i) {  // file writes dominate: keep the count modest
    std::string text = good;
    const size_t at = rng() % text.size();
    if (rng() % 2) {
      text[at] = static_cast<char>(rng() % 256);
    } else {
      text.erase(at, 1 + rng() % 20);
    }
    const std::string path = dir.path() + "/mutated.model";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    auto model = LinearTopicModel::LoadFile(path);
    if (model.ok()) {
      ExpectValidTopics(model.value()->Score("Ferry", "The ferry and the train."));
    } else {
      EXPECT_TRUE(model.status().code() == Status::Code::kCorruption) << model.status().ToString();
    }
  }
}

TEST(RobustnessTest, MalformedJsonRowsFailCleanly) {
  testing::TempDir dir;
  const std::string good =
      "{\"label\": \"a\", \"title\": \"T\\u00e9\", \"text\": \"x \\\"y\\\"\"}\n";
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200; ++i) {
    std::string text = good;
    text[rng() % text.size()] = static_cast<char>(rng() % 256);
    const std::string path = dir.path() + "/rows.jsonl";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    auto rows = ReadTopicRows(path);
    if (!rows.ok()) {
      EXPECT_EQ(rows.status().code(), Status::Code::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace newsflow
