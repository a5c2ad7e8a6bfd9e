// `newsflowctl process` as a user runs it: pages from files, JSON lines out.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "daemon/event_json.h"
#include "newsflow/v1/article_event.pb.h"
#include "tests/integration/test_pages.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

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
  Write(dir.path() + "/b_article.html",
        testing::HtmlArticlePage("Library extends summer hours", "arts"));
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
  std::string by_id = RunCapture(std::string(NEWSFLOWCTL) + " inspect --state-dir " + state.path() +
                                     " " + events[0].article_id(),
                                 &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(by_id.find("Library extends summer hours"), std::string::npos);
  std::string by_url = RunCapture(std::string(NEWSFLOWCTL) + " inspect --state-dir " +
                                      state.path() + " '" + events[0].page_url() + "#0'",
                                  &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(by_url.find(events[0].article_id()), std::string::npos);
  RunCapture(std::string(NEWSFLOWCTL) + " inspect --state-dir " + state.path() +
                 " no-such-article 2>/dev/null",
             &rc);
  EXPECT_NE(rc, 0);
}

// A gzip bomb among pages: refused once max_page_bytes + 1 bytes are inflated (a dead letter
// on stderr), never inflated whole, and the pages beside it -- one in UTF-16 -- still come.
TEST(ProcessCliTest, GzipBombIsRefusedWithinMaxPageBytes) {
  testing::TempDir pages, tmp;
  Write(pages.path() + "/a_article.html",
        testing::HtmlArticlePage("Library extends summer hours", "arts"));
  {
    gzFile gz = gzopen((pages.path() + "/b_bomb.html.gz").c_str(), "wb9");
    ASSERT_NE(gz, nullptr);
    const std::string zeros(1u << 20, '\0');
    for (int i = 0; i < 384; ++i) gzwrite(gz, zeros.data(), static_cast<unsigned>(zeros.size()));
    gzclose(gz);
  }
  // The same kind of page in UTF-16LE with a byte-order mark.
  {
    const std::string html =
        testing::HtmlArticlePage("Ferry returns to winter timetable", "travel");
    std::u16string u16;
    for (char c : html) u16.push_back(static_cast<unsigned char>(c));  // ASCII page
    std::string bytes = "\xFF\xFE";
    for (char16_t c : u16) {
      bytes.push_back(static_cast<char>(c & 0xFF));
      bytes.push_back(static_cast<char>(c >> 8));
    }
    std::ofstream(pages.path() + "/c_utf16.html", std::ios::binary) << bytes;
  }
  Write(tmp.path() + "/config.toml", "[decode]\nmax_page_bytes = 4194304\n");
  int rc = 0;
  auto events = RunProcess(
      "--config " + tmp.path() + "/config.toml " + pages.path() + " 2> " + tmp.path() + "/err",
      &rc);
  EXPECT_EQ(rc, 0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].title(), "Library extends summer hours");
  EXPECT_EQ(events[1].title(), "Ferry returns to winter timetable");
  std::ifstream err_in(tmp.path() + "/err");
  const std::string err((std::istreambuf_iterator<char>(err_in)), {});
  EXPECT_NE(err.find("dead-letter " + pages.path() +
                     "/b_bomb.html.gz: over max_page_bytes (4194304 bytes once decompressed)"),
            std::string::npos)
      << err;
  // The 384 MiB the bomb holds were never in memory (the largest child's peak RSS).
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  EXPECT_LT(ru.ru_maxrss, 200 * 1024) << "KiB";
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
