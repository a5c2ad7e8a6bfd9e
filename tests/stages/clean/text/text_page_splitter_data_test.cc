// The text page splitter on the shared data: the seed pages and the generated listing pages
// split into the article counts of their gold files.
#include <dirent.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "stages/clean/text/text_page_splitter.h"
#include "tests/support/read_file.h"
#include "tests/support/shared_data.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAtMs = 1748779200000;  // 2025-06-01T12:00:00Z

// Number of articles per page in a gold file shaped like shared/gold/seeds.json: page keys
// map to {"articles": [{... "body": ...}, ...]}. Counted without a JSON library: the bodies
// between one page key and the next.
std::map<std::string, size_t> GoldCounts(const std::string& gold,
                                         const std::vector<std::string>& pages) {
  std::vector<std::pair<size_t, std::string>> at;
  for (const std::string& p : pages) {
    size_t pos = gold.find("\"" + p + "\"");
    if (pos != std::string::npos) at.emplace_back(pos, p);
  }
  std::sort(at.begin(), at.end());
  std::map<std::string, size_t> counts;
  for (size_t i = 0; i < at.size(); ++i) {
    size_t end = i + 1 < at.size() ? at[i + 1].first : gold.size();
    size_t n = 0;
    for (size_t pos = gold.find("\"body\"", at[i].first); pos < end;
         pos = gold.find("\"body\"", pos + 1)) {
      ++n;
    }
    counts[at[i].second] = n;
  }
  return counts;
}

std::vector<std::string> TextFiles(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 4 && name.substr(name.size() - 4) == ".txt") out.push_back(name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The .txt pages of a shared folder and their gold article counts.
struct GoldPages {
  std::string dir;
  std::vector<std::string> pages;
  std::map<std::string, size_t> counts;
};

GoldPages ReadGoldPages(const std::string& pages_dir, const std::string& gold_file) {
  GoldPages g;
  g.dir = testing::SharedDir() + "/" + pages_dir;
  g.pages = TextFiles(g.dir);
  g.counts = GoldCounts(testing::ReadFile(testing::SharedDir() + "/" + gold_file), g.pages);
  return g;
}

TEST(TextPageSplitterData, SeedPagesSplitIntoTheArticlesAReaderSees) {
  NEWSFLOW_REQUIRE_SHARED("seeds");
  NEWSFLOW_REQUIRE_SHARED("gold/seeds.json");
  GoldPages gold = ReadGoldPages("seeds", "gold/seeds.json");
  ASSERT_FALSE(gold.pages.empty());
  TextPageSplitter splitter;
  for (const std::string& p : gold.pages) {
    ASSERT_TRUE(gold.counts.count(p)) << p;
    CleanResult r = splitter.Split(testing::ReadFile(gold.dir + "/" + p), kFetchedAtMs);
    EXPECT_EQ(r.articles.size(), gold.counts[p]) << p;
    for (const Article& a : r.articles) {
      EXPECT_GE(a.body.size(), 200u) << p << " #" << a.position;
      if (a.published_at_ms) {
        EXPECT_LE(*a.published_at_ms, kFetchedAtMs);
      }
      // Bodies are paragraphs, never a stray menu line.
      EXPECT_EQ(a.body.find("\n\n"), std::string::npos);
    }
  }
}

TEST(TextPageSplitterData, GeneratedListingPagesSplitToGoldCounts) {
  NEWSFLOW_REQUIRE_SHARED("data/listing/gold.json");
  GoldPages gold = ReadGoldPages("data/listing/pages", "data/listing/gold.json");
  ASSERT_FALSE(gold.pages.empty());
  TextPageSplitter splitter;
  size_t right = 0;
  for (const std::string& p : gold.pages) {
    CleanResult r = splitter.Split(testing::ReadFile(gold.dir + "/" + p), kFetchedAtMs);
    right += r.articles.size() == gold.counts[p];
  }
  // Generated pages vary; at least 95% must split to the reader's count.
  EXPECT_GE(right * 100, gold.pages.size() * 95) << right << "/" << gold.pages.size();
}

}  // namespace
}  // namespace newsflow
