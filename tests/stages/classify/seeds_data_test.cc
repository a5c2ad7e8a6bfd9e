// Data tests on the gold articles of ../shared (read, never copied): the seed pages and the
// generated listing pages. The cleaner's output is stood in for by the gold articles, so these
// test classification alone.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string_view>

#include "common/json/json.h"
#include "stages/classify/classify_stage.h"
#include "tests/support/read_file.h"
#include "tests/support/shared_data.h"

namespace newsflow {
namespace {

// The member `key` of a gold object, or a null value.
const json::Value& Member(const json::Value& v, std::string_view key) {
  static const json::Value kNull;
  const json::Value* m = v.Find(key);
  return m != nullptr ? *m : kNull;
}

PageType GoldPageType(const std::string& s) {
  if (s == "article") return PageType::kArticle;
  if (s == "listing") return PageType::kListing;
  if (s == "other") return PageType::kOther;
  return PageType::kUnknown;
}

// Runs the stage (default taxonomy) on every gold page of `gold_path`, with the page text from
// `pages_dir` and the gold articles standing in for the cleaner's output.
struct GoldRun {
  size_t pages = 0, page_types_right = 0, articles = 0, english = 0, politics_or_conflict = 0;
};
GoldRun RunGold(const std::string& gold_path, const std::string& pages_dir) {
  GoldRun run;
  json::ReadOptions read_options;
  read_options.controls = json::Controls::kAsWritten;
  read_options.unclosed = json::Unclosed::kReject;
  const std::optional<json::Value> read = json::Read(testing::ReadFile(gold_path), read_options);
  EXPECT_TRUE(read.has_value() && read->IsObject()) << gold_path;
  if (!read.has_value()) return run;
  const json::Value& gold = *read;
  ClassifyOptions options;
  options.taxonomy_path = testing::SourceDir() + "/deploy/topics/iptc_media_topics.toml";
  auto stage = MakeClassifyStage(options, StageContext{});
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
  if (!stage.ok()) return run;
  for (const auto& [name, page] : gold.members) {
    PageWork w;
    w.page.text = testing::ReadFile(pages_dir + "/" + name);
    for (const json::Value& a : Member(page, "articles").items) {
      Article article;
      article.title = Member(a, "title").text;
      article.body = Member(a, "body").text;
      article.truncated = Member(a, "truncated").IsBool() && Member(a, "truncated").text == "true";
      w.articles.push_back(article);
    }
    stage.value()->Process(w);
    ++run.pages;
    const bool right = w.page_type == GoldPageType(Member(page, "page_type").text);
    run.page_types_right += right ? 1 : 0;
    EXPECT_TRUE(right) << name;
    for (const Article& a : w.articles) {
      ++run.articles;
      run.english += a.language == "en" ? 1 : 0;
      for (const Topic& t : a.topics) {
        if (t.label == "politics" || t.label == "conflict_war_peace") {
          ++run.politics_or_conflict;
          break;
        }
      }
    }
  }
  return run;
}

TEST(SeedsDataTest, SeedArticlesAreEnglishPoliticsOrConflictAndPageTypesMatch) {
  NEWSFLOW_REQUIRE_SHARED("gold/seeds.json");
  GoldRun run = RunGold(testing::SharedDir() + "/gold/seeds.json", testing::SharedDir() + "/seeds");
  EXPECT_EQ(run.pages, 5u);
  EXPECT_EQ(run.articles, 19u);
  EXPECT_EQ(run.english, run.articles);
  EXPECT_GE(run.politics_or_conflict, 17u);
  EXPECT_EQ(run.page_types_right, run.pages);
}

TEST(SeedsDataTest, ListingPageTypesMatch) {
  NEWSFLOW_REQUIRE_SHARED("data/listing/gold.json");
  GoldRun run = RunGold(testing::SharedDir() + "/data/listing/gold.json",
                        testing::SharedDir() + "/data/listing/pages");
  EXPECT_GT(run.pages, 10u);
  EXPECT_EQ(run.english, run.articles);
}

}  // namespace
}  // namespace newsflow
