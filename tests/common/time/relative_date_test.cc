#include "common/time/relative_date.h"

#include <gtest/gtest.h>

#include <string>

#include "common/time/civil_time.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAtMs = 1748779200000;  // 2025-06-01T12:00:00Z

TEST(ReadRelativeDate, ResolvesAgainstTheFetchTime) {
  struct Case {
    const char* text;
    int64_t ago_ms;
    bool has_time;
  };
  for (const Case& c : {
           Case{"3 hours ago", 3 * kHourMs, true},
           Case{"a day ago", kDayMs, false},
           Case{"An hour ago", kHourMs, true},
           Case{"one week ago", 7 * kDayMs, false},
           Case{"45 secs ago", 45 * kSecondMs, true},
           Case{"2 months ago", 60 * kDayMs, false},
           Case{"1 year ago", 365 * kDayMs, false},
           Case{"30m ago", 30 * kMinuteMs, true},
           Case{"2d ago", 2 * kDayMs, false},
           Case{"Yesterday", kDayMs, false},
           Case{"today", 0, false},
           Case{"just now", 0, true},
       }) {
    auto d = ReadRelativeDate(c.text, 0, kFetchedAtMs);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->kind, DateKind::kRelative) << c.text;
    EXPECT_EQ(d->epoch_ms, kFetchedAtMs - c.ago_ms) << c.text;
    EXPECT_EQ(d->has_time, c.has_time) << c.text;
    EXPECT_EQ(d->end, std::string(c.text).size()) << c.text;
  }
}

TEST(ReadRelativeDate, ReadsAtAPosition) {
  std::string_view t = "Posted 5 minutes ago by staff";
  auto d = ReadRelativeDate(t, 7, kFetchedAtMs);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(t.substr(d->begin, d->end - d->begin), "5 minutes ago");
  EXPECT_EQ(d->epoch_ms, kFetchedAtMs - 5 * kMinuteMs);
}

TEST(ReadRelativeDate, RejectsNonDates) {
  for (const char* text : {"3 hours", "hours ago", "a long time ago", "5 apples ago", "3hours ago",
                           "yesterdays", "5x ago", "a dayago"}) {
    EXPECT_FALSE(ReadRelativeDate(text, 0, kFetchedAtMs).has_value()) << text;
  }
}

TEST(ReadRelativeDate, NeedsAFetchTime) {
  EXPECT_FALSE(ReadRelativeDate("yesterday", 0, 0).has_value());
  EXPECT_FALSE(ReadRelativeDate("3 hours ago", 0, -1).has_value());
}

TEST(FindTrailingRelativeDate, FindsTheDateAtTheEnd) {
  std::string_view t = "Kyodo News5h ago  ";
  auto d = FindTrailingRelativeDate(t, kFetchedAtMs);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(t.substr(d->begin, d->end - d->begin), "5h ago");
  EXPECT_EQ(d->epoch_ms, kFetchedAtMs - 5 * kHourMs);
  auto y = FindTrailingRelativeDate("NHK World yesterday", kFetchedAtMs);
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(y->epoch_ms, kFetchedAtMs - kDayMs);
  auto an = FindTrailingRelativeDate("Reutersan hour ago", kFetchedAtMs);
  ASSERT_TRUE(an.has_value());
  EXPECT_EQ(an->begin, 7u);
  EXPECT_FALSE(FindTrailingRelativeDate("3 hours ago, more", kFetchedAtMs).has_value());
  EXPECT_FALSE(FindTrailingRelativeDate("5 hours ago", 0).has_value());
}

}  // namespace
}  // namespace newsflow
