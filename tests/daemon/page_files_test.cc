#include "daemon/page_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

// Writes `total` bytes of `fill` gzipped to `path`, a piece at a time (a bomb: 1 MiB of
// zeros compresses to about 1 KB).
void WriteGzip(const std::string& path, size_t total, char fill) {
  gzFile gz = gzopen(path.c_str(), "wb9");
  ASSERT_NE(gz, nullptr);
  const std::string piece(1u << 20, fill);
  for (size_t done = 0; done < total; done += piece.size()) {
    const size_t n = std::min(piece.size(), total - done);
    ASSERT_EQ(gzwrite(gz, piece.data(), static_cast<unsigned>(n)), static_cast<int>(n));
  }
  gzclose(gz);
}

// A gzip bomb is read up to max_page_bytes + 1 and refused, never inflated whole; a page of
// exactly max_page_bytes is read.
TEST(PageFilesTest, GzipIsInflatedWithinMaxPageBytes) {
  testing::TempDir dir;
  const std::string bomb = dir.path() + "/bomb.html.gz";
  WriteGzip(bomb, 256u << 20, 'a');  // 256 MiB inflated, about 250 KB on disk
  auto refused = ReadFileBytes(bomb, 1u << 20);
  EXPECT_EQ(refused.status().code(), Status::Code::kTooLarge);
  EXPECT_EQ(refused.status().message(), "over max_page_bytes (1048576 bytes once decompressed)");
  const std::string exact = dir.path() + "/exact.html.gz";
  WriteGzip(exact, 1u << 20, 'b');
  auto read = ReadFileBytes(exact, 1u << 20);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->size(), 1u << 20);
  EXPECT_EQ(ReadFileBytes(exact, (1u << 20) - 1).status().code(), Status::Code::kTooLarge);
  // A truncated gzip stream is Corruption, not a page.
  std::string bytes;
  {
    std::ifstream in(exact, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(dir.path() + "/cut.html.gz", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  EXPECT_EQ(ReadFileBytes(dir.path() + "/cut.html.gz").status().code(), Status::Code::kCorruption);
}

// Oversized pages are skipped and reported (line 0 for a whole file, the line number in
// JSONL); the pages around them still come.
TEST(PageFilesTest, OversizedPagesAreSkippedAndReported) {
  testing::TempDir dir;
  std::ofstream(dir.path() + "/a.html") << "<p>first</p>";
  WriteGzip(dir.path() + "/b.html.gz", 64u << 20, '\0');
  std::ofstream(dir.path() + "/c.html") << std::string(5000, 'x');
  {
    std::ofstream jsonl(dir.path() + "/d.jsonl");
    jsonl << "{\"url\":\"https://x.example/1\",\"body\":\"aGVsbG8=\"}\n";
    jsonl << "{\"url\":\"https://x.example/big\",\"body\":\"" << std::string(9000, 'A') << "\"}\n";
    jsonl << "{\"url\":\"https://x.example/3\",\"body\":\"d29ybGQ=\"}";  // no final newline
  }
  WriteGzip(dir.path() + "/e.html.gz", 3000, 'y');
  auto files = ListPageFiles({dir.path()});
  ASSERT_TRUE(files.ok());
  std::vector<std::string> urls;
  std::vector<std::string> skipped;
  Status s = ForEachPage(
      *files, PageFileOptions{1, 4096},
      [&](v1::RawPage&& p) {
        urls.push_back(p.url().substr(p.url().rfind('/') + 1) + " " +
                       std::to_string(p.body().size()));
        return Status::Ok();
      },
      [&](const std::string& file, int line, const std::string& why) {
        skipped.push_back(file.substr(file.rfind('/') + 1) + ":" + std::to_string(line) + " " +
                          why);
      });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(urls, (std::vector<std::string>{"a.html 12", "1 5", "3 5", "e.html.gz 3000"}));
  EXPECT_EQ(skipped, (std::vector<std::string>{
                         "b.html.gz:0 over max_page_bytes (4096 bytes once decompressed)",
                         "c.html:0 over max_page_bytes (4096 bytes)",
                         "d.jsonl:2 over max_page_bytes (4096 bytes, a line of twice that)"}));
}

TEST(PageFilesTest, MissingPathIsNotFound) {
  auto files = ListPageFiles({"/nonexistent/newsflow/path"});
  EXPECT_TRUE(files.status().IsNotFound());
}

}  // namespace
}  // namespace newsflow
