#include "stages/clean/site_chrome.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <unordered_set>

#include "stages/clean/clean_stage.h"
#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

constexpr int64_t kDayMs = 86400000;

class SiteChromeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = RocksDbStateStore::Open(dir_.path() + "/state", CleanNamespaces(CleanOptions()));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  // A page of `site` whose text is a story line and a shared footer.
  static Page PageOf(const std::string& site, int n, int64_t day = 20000) {
    Page p;
    p.site = site;
    p.url = "https://" + site + "/story/" + std::to_string(n);
    p.fetched_at_ms = day * kDayMs;
    p.text = "Story number " + std::to_string(n) + " told in its own words.\n" +
             "Follow us on the river app";
    p.content_hash = "hash" + std::to_string(n);
    return p;
  }

  testing::TempDir dir_;
  std::unique_ptr<RocksDbStateStore> store_;
};

TEST_F(SiteChromeTest, ALineOnEnoughOtherPagesOfTheSiteIsChrome) {
  SiteChrome chrome({/*min_pages=*/3, /*half_life_days=*/30, /*max_line_chars=*/120}, store_.get());
  for (int n = 0; n < 3; ++n) {
    EXPECT_TRUE(chrome.Learn(PageOf("river.example", n)).empty()) << n;
    ASSERT_TRUE(store_->Commit().ok());
  }
  // Three other pages showed the footer: it is chrome on the fourth, the story line is not.
  auto learned = chrome.Learn(PageOf("river.example", 3));
  EXPECT_EQ(learned.size(), 1u);
  Article a;
  a.body = "Story number 3 told in its own words.\nFollow us on the river app";
  EXPECT_EQ(chrome.DropParagraphs(learned, &a), 1u);
  EXPECT_EQ(a.body, "Story number 3 told in its own words.");
  // Another site has learned nothing.
  EXPECT_TRUE(chrome.Learn(PageOf("other.example", 9)).empty());
}

// Lines past max_page_bytes are not read (the splitter does not read them either): a huge
// page of distinct lines costs no more than its first max_page_bytes.
TEST_F(SiteChromeTest, OnlyTheFirstMaxPageBytesAreCounted) {
  const std::string story = "Story number 1 told in its own words.\n";
  SiteChrome chrome({2, 30, 120, story.size()}, store_.get());
  std::unordered_set<uint64_t> learned;
  for (int n = 0; n < 4; ++n) {
    Page p = PageOf("river.example", n);
    p.text = story + "Follow us on the river app";  // the footer starts at the limit
    learned = chrome.Learn(p);
    ASSERT_TRUE(store_->Commit().ok());
  }
  // Both lines were on every page; only the one within the limit was counted.
  EXPECT_EQ(learned.size(), 1u);
  Article a;
  a.body = "Story number 1 told in its own words.\nFollow us on the river app";
  EXPECT_EQ(chrome.DropParagraphs(learned, &a), 1u);
  EXPECT_EQ(a.body, "Follow us on the river app");
}

TEST_F(SiteChromeTest, IdenticalRecrawlsCountOnce) {
  SiteChrome chrome({3, 30, 120}, store_.get());
  for (int n = 0; n < 5; ++n) {
    Page same = PageOf("river.example", 0);  // same content hash every time
    EXPECT_TRUE(chrome.Learn(same).empty()) << n;
    ASSERT_TRUE(store_->Commit().ok());
  }
}

TEST_F(SiteChromeTest, CountsFadeWithTheHalfLife) {
  SiteChrome chrome({3, /*half_life_days=*/1, 120}, store_.get());
  for (int n = 0; n < 3; ++n) {
    chrome.Learn(PageOf("river.example", n, 20000));
    ASSERT_TRUE(store_->Commit().ok());
  }
  // Ten days later three sightings have decayed to far below three.
  EXPECT_TRUE(chrome.Learn(PageOf("river.example", 3, 20010)).empty());
}

TEST_F(SiteChromeTest, LongLinesAreNeverChrome) {
  SiteChrome chrome({1, 30, /*max_line_chars=*/10}, store_.get());
  chrome.Learn(PageOf("river.example", 0));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_TRUE(chrome.Learn(PageOf("river.example", 1)).empty());
}

}  // namespace
}  // namespace newsflow
