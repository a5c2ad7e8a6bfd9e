#include "daemon/page_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

TEST(PageFilesTest, ListsDirectoriesSortedAndReadsGzipAndJsonl) {
  testing::TempDir dir;
  std::ofstream(dir.path() + "/b.txt") << "second page";
  std::ofstream(dir.path() + "/a.txt") << "first page";
  gzFile gz = gzopen((dir.path() + "/c.html.gz").c_str(), "wb");
  gzputs(gz, "<html><body>zipped</body></html>");
  gzclose(gz);
  std::ofstream(dir.path() + "/d.jsonl")
      << "{\"url\":\"https://x.example/1\",\"body\":\"aGVsbG8=\"}\n"
      << "not json\n"
      << "{\"url\":\"https://x.example/2\",\"body\":\"d29ybGQ=\",\"fetched_at_ms\":\"5\"}\n";
  auto files = ListPageFiles({dir.path()});
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 4u);
  std::vector<v1::RawPage> pages;
  int bad = 0;
  Status s = ForEachPage(
      *files, PageFileOptions{42},
      [&](v1::RawPage&& p) {
        pages.push_back(p);
        return Status::Ok();
      },
      [&](const std::string&, int line, const std::string&) {
        EXPECT_EQ(line, 2);
        ++bad;
      });
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(pages.size(), 5u);
  EXPECT_EQ(pages[0].body(), "first page");
  EXPECT_EQ(pages[0].url(), "file://" + dir.path() + "/a.txt");
  EXPECT_EQ(pages[0].fetched_at_ms(), 42);
  EXPECT_EQ(pages[2].body(), "<html><body>zipped</body></html>");
  EXPECT_EQ(pages[3].body(), "hello");
  EXPECT_EQ(pages[3].fetched_at_ms(), 42);
  EXPECT_EQ(pages[4].fetched_at_ms(), 5);
  EXPECT_EQ(bad, 1);
}

TEST(PageFilesTest, MissingPathIsNotFound) {
  auto files = ListPageFiles({"/nonexistent/newsflow/path"});
  EXPECT_TRUE(files.status().IsNotFound());
}

}  // namespace
}  // namespace newsflow
