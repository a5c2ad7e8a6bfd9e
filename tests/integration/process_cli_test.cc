// `newsflowctl process` as a user runs it: pages from files, JSON lines out.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "daemon/event_json.h"
#include "newsflow/v1/article_event.pb.h"
#include "tests/integration/test_pages.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

#include <google/protobuf/util/json_util.h>

namespace newsflow {
namespace {

std::vector<v1::ArticleEvent> RunProcess(const std::string& args, int* exit_code) {
  std::string cmd = std::string(NEWSFLOWCTL) + " process --fetch-time 2025-06-01T12:00:00Z " + args;
  FILE* p = popen(cmd.c_str(), "r");
  std::vector<v1::ArticleEvent> out;
  std::string line;
  char buf[1 << 16];
  std::string all;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) all.append(buf, n);
  *exit_code = pclose(p);
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string l = all.substr(start, end - start);
    if (!l.empty()) {
      v1::ArticleEvent ev;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(l, &ev).ok()) << l.substr(0, 200);
      // Field names are the proto's (snake_case) and defaults are printed.
      EXPECT_NE(l.find("\"published_text\""), std::string::npos);
      EXPECT_NE(l.find("\"truncated\":"), std::string::npos);
      out.push_back(ev);
    }
    start = end + 1;
  }
  return out;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(ProcessCliTest, FilesAndDirectoriesInJsonLinesOut) {
  testing::TempDir dir;
  Write(dir.path() + "/a_listing.txt", testing::TextListingPage());
  Write(dir.path() + "/b_article.html", testing::HtmlArticlePage("Library extends summer hours", "arts"));
  int rc = 0;
  auto events = RunProcess(dir.path(), &rc);
  EXPECT_EQ(rc, 0);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].title(), "Ferry service resumes after winter pause");
  EXPECT_EQ(events[0].page_url(), "file://" + dir.path() + "/a_listing.txt");
  EXPECT_EQ(events[2].title(), "Library extends summer hours");
  EXPECT_EQ(events[2].source(), "Lakeside Post");
}

TEST(ProcessCliTest, StateDirMakesSecondPassDuplicates) {
  testing::TempDir pages, state;
  Write(pages.path() + "/listing.txt", testing::TextListingPage());
  int rc = 0;
  auto first = RunProcess("--state-dir " + state.path() + " " + pages.path(), &rc);
  ASSERT_EQ(rc, 0);
  auto second = RunProcess("--state-dir " + state.path() + " " + pages.path(), &rc);
  ASSERT_EQ(rc, 0);
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(second.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(first[i].event_type(), v1::ArticleEvent::CREATED);
    EXPECT_EQ(second[i].event_type(), v1::ArticleEvent::DUPLICATE);
    EXPECT_EQ(second[i].dedup().duplicate_of(), first[i].article_id());
  }
  // Without --state-dir each run starts empty.
  auto fresh = RunProcess(pages.path(), &rc);
  ASSERT_EQ(fresh.size(), 2u);
  EXPECT_EQ(fresh[0].event_type(), v1::ArticleEvent::CREATED);
}

std::string RunCapture(const std::string& cmd, int* exit_code) {
  FILE* p = popen(cmd.c_str(), "r");
  std::string all;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) all.append(buf, n);
  *exit_code = pclose(p);
  return all;
}

TEST(ProcessCliTest, InspectFindsStoredArticlesByIdAndUrl) {
  testing::TempDir pages, state;
  Write(pages.path() + "/article.html",
        testing::HtmlArticlePage("Library extends summer hours", "arts"));
  int rc = 0;
  auto events = RunProcess("--state-dir " + state.path() + " " + pages.path(), &rc);
  ASSERT_EQ(rc, 0);
  ASSERT_EQ(events.size(), 1u);
  std::string by_id = RunCapture(std::string(NEWSFLOWCTL) + " inspect --state-dir " +
                                     state.path() + " " + events[0].article_id(), &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(by_id.find("Library extends summer hours"), std::string::npos);
  std::string by_url = RunCapture(std::string(NEWSFLOWCTL) + " inspect --state-dir " +
                                      state.path() + " '" + events[0].page_url() + "#0'", &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(by_url.find(events[0].article_id()), std::string::npos);
  RunCapture(std::string(NEWSFLOWCTL) + " inspect --state-dir " + state.path() +
                 " no-such-article 2>/dev/null", &rc);
  EXPECT_NE(rc, 0);
}

TEST(ProcessCliTest, SeedsAreSplitIntoArticlesWithMetadata) {
  NEWSFLOW_REQUIRE_SHARED("seeds");
  int rc = 0;
  auto events = RunProcess(newsflow::testing::SharedDir() + "/seeds", &rc);
  ASSERT_EQ(rc, 0);
  // Five pages, several articles each; every article has a body and a language.
  EXPECT_GE(events.size(), 10u);
  for (const auto& ev : events) {
    EXPECT_FALSE(ev.body().empty());
    EXPECT_EQ(ev.language(), "en");
  }
}

}  // namespace
}  // namespace newsflow
