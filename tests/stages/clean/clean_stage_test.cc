#include "stages/clean/clean_stage.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAtMs = 1748779200000;  // 2025-06-01T12:00:00Z

// One story page of a fictional site: the publisher line above the date and a boilerplate
// sentence inside the body repeat on every page; headline and paragraphs differ.
std::string StoryPage(int n) {
  const std::string title = "Harbour board approves plan number " + std::to_string(n);
  return title + "\n\n" + title +
         "\nHarbour Gazette\n2 hours ago\n\n"
         "The Portvale harbour board approved plan number " +
         std::to_string(n) +
         " on Tuesday after a long public meeting in the town hall that ran late into the "
         "evening.\n"
         "Correction notices for this newspaper are printed on page two.\n"
         "Board members said the work on plan " +
         std::to_string(n) +
         " would start next month and should be finished before the winter storms arrive.\n";
}

PageWork Work(const std::string& url, const std::string& site, const std::string& text,
              const std::string& hash) {
  PageWork w;
  w.page.url = url;
  w.page.site = site;
  w.page.fetched_at_ms = kFetchedAtMs;
  w.page.kind = ContentKind::kText;
  w.page.text = text;
  w.page.content_hash = hash;
  return w;
}

// The stage on a real RocksDB store in a temp dir, committed after each page as the pipeline does.
class CleanStageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = RocksDbStateStore::Open(dir_.path() + "/state", CleanNamespaces(options_));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ctx_.store = store_.get();
  }

  StageResult ProcessAndCommit(CleanStage& stage, PageWork& w) {
    StageResult r = stage.Process(w);
    EXPECT_TRUE(store_->Commit().ok());
    return r;
  }

  CleanOptions options_;
  testing::TempDir dir_;
  std::unique_ptr<RocksDbStateStore> store_;
  StageContext ctx_;
};

TEST_F(CleanStageTest, LearnedChromeLeavesTheLayoutAndDropsBoilerplateParagraphs) {
  const CleanOptions& options = options_;
  CleanStage stage(options, ctx_);
  const int pages = options.chrome_min_pages + 2;
  for (int n = 0; n < pages; ++n) {
    PageWork w = Work("https://gazette.example/news/" + std::to_string(n), "gazette.example",
                      StoryPage(n), "hash" + std::to_string(n));
    ASSERT_EQ(ProcessAndCommit(stage, w).verdict, StageVerdict::kContinue) << n;
    ASSERT_EQ(w.articles.size(), 1u) << n;
    const Article& a = w.articles[0];
    // The publisher line is on every page of the site, hence learned chrome; it still
    // names the publisher, and the headline and date are still found.
    EXPECT_EQ(a.title, "Harbour board approves plan number " + std::to_string(n));
    EXPECT_EQ(a.source, "Harbour Gazette") << n;
    EXPECT_EQ(a.published_text, "2 hours ago") << n;
    const bool learned = n >= options.chrome_min_pages;
    EXPECT_EQ(a.body.find("Correction notices") == std::string::npos, learned) << n;
    EXPECT_NE(a.body.find("would start next month"), std::string::npos) << n;
  }
  bool counted = false;
  for (const auto& [name, value] : stage.OwnCounters()) {
    if (name == "chrome_paragraphs_dropped") {
      counted = true;
      EXPECT_EQ(value, static_cast<uint64_t>(pages - options.chrome_min_pages));
    }
  }
  EXPECT_TRUE(counted);
}

TEST_F(CleanStageTest, IdenticalRecrawlsTeachNothing) {
  const CleanOptions& options = options_;
  CleanStage stage(options, ctx_);
  for (int n = 0; n < options.chrome_min_pages + 3; ++n) {
    PageWork w = Work("https://gazette.example/news/1", "gazette.example", StoryPage(1), "same");
    ASSERT_EQ(ProcessAndCommit(stage, w).verdict, StageVerdict::kContinue);
    ASSERT_EQ(w.articles.size(), 1u);
    EXPECT_NE(w.articles[0].body.find("Correction notices"), std::string::npos) << n;
  }
}

TEST_F(CleanStageTest, UnsourcedArticlesTakeTheHostOfAnHttpPage) {
  const std::string page =
      "The Portvale harbour board voted on Tuesday to keep the late ferry running through the "
      "winter, reversing a decision it took in the autumn after a petition.\n"
      "Board chair Meredith Anstey said the numbers on the last crossing had recovered since "
      "the new timetable started and that the service would be reviewed in the spring.\n"
      "Commuters who rely on the crossing said they were relieved and would keep using it.\n";
  const CleanOptions& options = options_;
  CleanStage stage(options, ctx_);
  PageWork http = Work("https://lantern.example/a", "lantern.example", page, "h1");
  ASSERT_EQ(ProcessAndCommit(stage, http).verdict, StageVerdict::kContinue);
  ASSERT_EQ(http.articles.size(), 1u);
  EXPECT_EQ(http.articles[0].source, "lantern.example");
  // A file page has no site, hence no host to fall back on.
  PageWork file = Work("file:///pages/a.txt", "", page, "h2");
  ASSERT_EQ(ProcessAndCommit(stage, file).verdict, StageVerdict::kContinue);
  ASSERT_EQ(file.articles.size(), 1u);
  EXPECT_EQ(file.articles[0].source, "");
}

TEST(CleanStageWithoutStore, PageWithoutArticlesIsDeadLettered) {
  CleanStage stage(CleanOptions{}, StageContext{});
  PageWork w = Work("file:///pages/menu.txt", "", "Home\nNews\nSport\n", "h");
  StageResult r = stage.Process(w);
  EXPECT_EQ(r.verdict, StageVerdict::kDeadLetter);
  EXPECT_NE(r.reason.find("no article content"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
