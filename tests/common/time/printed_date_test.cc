#include "common/time/printed_date.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "common/time/civil_time.h"
#include "common/time/relative_date.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAtMs = 1748779200000;  // 2025-06-01T12:00:00Z

int64_t Utc(int64_t y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  return DaysFromCivil(y, m, d) * kDayMs + hh * kHourMs + mm * kMinuteMs;
}

std::string Span(std::string_view text, const PrintedDate& d) {
  return std::string(text.substr(d.begin, d.end - d.begin));
}

struct Dated {
  const char* text;
  int64_t epoch_ms;
};

// Each text reads (fetched at kFetchedAtMs) as a date at its epoch_ms.
void ExpectReadAs(std::initializer_list<Dated> cases) {
  for (const Dated& c : cases) {
    const std::optional<PrintedDate> d = ParsePrintedDate(c.text, kFetchedAtMs);
    if (!d) {
      ADD_FAILURE() << "no date read in \"" << c.text << "\"";
      continue;
    }
    EXPECT_EQ(d->epoch_ms, c.epoch_ms) << c.text;
  }
}

TEST(ParsePrintedDate, RelativeDates) {
  struct Case {
    const char* text;
    int64_t ago_ms;
  } cases[] = {
      {"a day ago", kDayMs},
      {"2 hours ago", 2 * kHourMs},
      {"an hour ago", kHourMs},
      {"12 minutes ago", 12 * kMinuteMs},
      {"3 days ago", 3 * kDayMs},
      {"1 week ago", 7 * kDayMs},
      {"yesterday", kDayMs},
      {"Yesterday", kDayMs},
      {"5h ago", 5 * kHourMs},
      {"30 mins ago", 30 * kMinuteMs},
      {"time2 hours ago", 2 * kHourMs},
      {"  4 hours ago  ", 4 * kHourMs},
      {"just now", 0},
  };
  for (const Case& c : cases) {
    auto d = ParsePrintedDate(c.text, kFetchedAtMs);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->kind, DateKind::kRelative) << c.text;
    EXPECT_EQ(d->epoch_ms, kFetchedAtMs - c.ago_ms) << c.text;
  }
  // The printed span excludes the "time" label.
  std::string_view t = "time2 hours ago";
  EXPECT_EQ(Span(t, *ParsePrintedDate(t, kFetchedAtMs)), "2 hours ago");
}

TEST(ParsePrintedDate, RelativeDatesNeedAFetchTime) {
  EXPECT_FALSE(ParsePrintedDate("2 hours ago", 0).has_value());
}

TEST(ParsePrintedDate, NumericDates) {
  ExpectReadAs({
      {"time16-05-2025", Utc(2025, 5, 16)},
      {"09-04-2025", Utc(2025, 4, 9)},
      {"31/05/2025", Utc(2025, 5, 31)},
      {"2025-05-31", Utc(2025, 5, 31)},
      // Month first when the day-first reading is impossible.
      {"05/31/2025", Utc(2025, 5, 31)},
  });
  EXPECT_FALSE(ParsePrintedDate("31-31-2025", kFetchedAtMs).has_value());
  EXPECT_FALSE(ParsePrintedDate("30-02-2025", kFetchedAtMs).has_value());
}

TEST(ParsePrintedDate, SpelledOutDatesWithTimeZones) {
  auto d = ParsePrintedDate("May 31, 2025 20:08 (JST)", kFetchedAtMs);
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->has_time);
  EXPECT_EQ(d->epoch_ms, Utc(2025, 5, 31, 11, 8));
  ExpectReadAs({
      {"Nov. 19, 2019 8:03 am ET", Utc(2019, 11, 19, 13, 3)},
      {"31 May 2025", Utc(2025, 5, 31)},
      {"Saturday, May 31, 2025", Utc(2025, 5, 31)},
      {"18 Nov 2019, 19:09", Utc(2019, 11, 18, 19, 9)},
      {"Updated: May 30, 2025 9:15 p.m. EDT", Utc(2025, 5, 31, 1, 15)},
      {"May 31, 2025 20:08 GMT+8", Utc(2025, 5, 31, 12, 8)},
  });
}

TEST(ParsePrintedDate, TimeBeforeDate) {
  ExpectReadAs({
      {"10:48, Tue, Nov 19, 2019", Utc(2019, 11, 19, 10, 48)},
      {"Published: 9:15 am on May 31, 2025", Utc(2025, 5, 31, 9, 15)},
  });
  std::string_view t = "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019";
  auto d = FindPrintedDate(t, kFetchedAtMs);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(Span(t, *d), "10:48, Tue, Nov 19, 2019");
}

TEST(ParsePrintedDate, Iso8601) {
  ExpectReadAs({
      {"2025-05-31T20:08:00+09:00", Utc(2025, 5, 31, 11, 8)},
      {"2025-05-31T20:08:00Z", Utc(2025, 5, 31, 20, 8)},
      {"2025-05-31T20:08:00.123-0400", Utc(2025, 6, 1, 0, 8)},
  });
}

TEST(ParsePrintedDate, YearlessDatesTakeTheLatestYearNotAfterFetch) {
  ExpectReadAs({
      {"May 31", Utc(2025, 5, 31)},
      {"December 24", Utc(2024, 12, 24)},
  });
}

TEST(ParsePrintedDate, NeverLaterThanFetchTime) {
  auto d = ParsePrintedDate("11-06-2025", kFetchedAtMs);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->epoch_ms, kFetchedAtMs);
}

TEST(ParsePrintedDate, RejectsTextThatIsMoreThanADate) {
  for (const char* t :
       {"", "   ", "hello", "Business", "The Diplomat", "2 hours", "May 31, 2025 was a Saturday",
        "Wall Street Journal", "100-200-3000", "3 apples ago"}) {
    EXPECT_FALSE(ParsePrintedDate(t, kFetchedAtMs).has_value()) << t;
  }
}

TEST(FindPrintedDate, FindsADateInsideRunningText) {
  std::string_view t = "News from Japan Politics May 31, 2025 20:08 (JST) Singapore, May 31 (Jiji)";
  auto d = FindPrintedDate(t, kFetchedAtMs);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(Span(t, *d), "May 31, 2025 20:08 (JST)");
  // Yearless dates in running text are datelines, not publication dates.
  EXPECT_FALSE(FindPrintedDate("Singapore, May 31 (Jiji Press)--", kFetchedAtMs).has_value());
  std::string_view rel = "KYODO NEWS - 12 minutes ago - 17:46 | World";
  auto r = FindPrintedDate(rel, kFetchedAtMs);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(Span(rel, *r), "12 minutes ago");
  EXPECT_FALSE(FindPrintedDate("no dates here at all", kFetchedAtMs).has_value());
}

TEST(FindTrailingRelativeDate, SplitsAPublisherGluedToItsDate) {
  std::string_view t = "The Mainichia day ago";
  auto d = FindTrailingRelativeDate(t, kFetchedAtMs);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(t.substr(0, d->begin), "The Mainichi");
  EXPECT_EQ(Span(t, *d), "a day ago");
  EXPECT_EQ(d->epoch_ms, kFetchedAtMs - kDayMs);

  std::string_view t2 = "Metro Wire3 hours ago";
  auto d2 = FindTrailingRelativeDate(t2, kFetchedAtMs);
  ASSERT_TRUE(d2.has_value());
  EXPECT_EQ(t2.substr(0, d2->begin), "Metro Wire");
  EXPECT_EQ(d2->epoch_ms, kFetchedAtMs - 3 * kHourMs);

  std::string_view t3 = "Island Post an hour ago";
  auto d3 = FindTrailingRelativeDate(t3, kFetchedAtMs);
  ASSERT_TRUE(d3.has_value());
  EXPECT_EQ(Span(t3, *d3), "an hour ago");

  EXPECT_FALSE(FindTrailingRelativeDate("The Mainichi", kFetchedAtMs).has_value());
  EXPECT_FALSE(FindTrailingRelativeDate("long ago", kFetchedAtMs).has_value());
}

// FindPrintedDateMs: the same reader, without a fetch time, as the HTML extractor uses it.
TEST(FindPrintedDateMs, BylineForms) {
  std::string_view found;
  EXPECT_EQ(FindPrintedDateMs("By Jo Roe | March 3rd, 2024 | 9:05 pm", &found),
            Utc(2024, 3, 3, 21, 5));
  EXPECT_EQ(found, "March 3rd, 2024 | 9:05 pm");
  EXPECT_EQ(FindPrintedDateMs("Mar 3, 2024 9:05 AM ET", &found), Utc(2024, 3, 3, 14, 5));
  EXPECT_EQ(found, "Mar 3, 2024 9:05 AM ET");
  EXPECT_EQ(FindPrintedDateMs("01:38:07 PM IST Nov 20, 2019"), Utc(2019, 11, 20, 8, 8) + 7000);
  EXPECT_EQ(FindPrintedDateMs("gepubliceerd 3 mei 2024"), Utc(2024, 5, 3));
  EXPECT_EQ(FindPrintedDateMs("Feb 29 2024 12:00 UTC"), Utc(2024, 2, 29, 12));
  EXPECT_EQ(FindPrintedDateMs("2024.03.03"), Utc(2024, 3, 3));
  // No fetch time: nothing is clamped, nothing relative is read.
  EXPECT_EQ(FindPrintedDateMs("Dec 24, 2030"), Utc(2030, 12, 24));
  EXPECT_FALSE(FindPrintedDateMs("2 hours ago").has_value());
}

TEST(FindPrintedDateMs, RejectsNonDates) {
  for (const char* text : {"Feb 29 2025", "Marching 3, 2024", "in 1969", "31.04.2024",
                           "page 12/2024", "Stand: 3. M\xC3\xA4rz 2024", "May 31"}) {
    EXPECT_FALSE(FindPrintedDateMs(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace newsflow
