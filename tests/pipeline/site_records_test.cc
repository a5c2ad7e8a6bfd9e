#include "pipeline/site_records.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

// The bytes are the on-disk format of "site_stats" and "site_lines": they must not change.
TEST(SiteRecordsTest, SiteStatsKeepTheirFormat) {
  EXPECT_EQ(EncodeSiteStats({12, 30, 4}), "12 30 4");
  const SiteStats s = DecodeSiteStats("12 30 4");
  EXPECT_EQ(s.pages, 12u);
  EXPECT_EQ(s.articles, 30u);
  EXPECT_EQ(s.duplicates, 4u);
}

TEST(SiteRecordsTest, SiteLineCountsKeepTheirFormat) {
  EXPECT_EQ(EncodeSiteLineCount({3.5, 20240}), "3.500 20240");
  EXPECT_EQ(EncodeSiteLineCount({1.0 / 3, 1}), "0.333 1");
  const SiteLineCount c = DecodeSiteLineCount("3.500 20240");
  EXPECT_DOUBLE_EQ(c.count, 3.5);
  EXPECT_EQ(c.day, 20240);
}

TEST(SiteRecordsTest, MalformedValuesReadAsZero) {
  const SiteStats s = DecodeSiteStats("7 garbage");
  EXPECT_EQ(s.pages, 7u);
  EXPECT_EQ(s.articles, 0u);
  const SiteLineCount c = DecodeSiteLineCount("");
  EXPECT_EQ(c.count, 0);
  EXPECT_EQ(c.day, 0);
}

}  // namespace
}  // namespace newsflow
