#include "common/time/numeric_date.h"

#include <gtest/gtest.h>

#include "common/time/civil_time.h"
#include "common/time/printed_date.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAtMs = 1748779200000;  // 2025-06-01T12:00:00Z

int64_t Day(int64_t y, unsigned m, unsigned d) { return DaysFromCivil(y, m, d) * kDayMs; }

TEST(NumericDateOrder, FromLanguage) {
  EXPECT_EQ(NumericDateOrderFromLanguage(""), NumericDateOrder::kUnknown);
  EXPECT_EQ(NumericDateOrderFromLanguage("en"), NumericDateOrder::kUnknown);
  EXPECT_EQ(NumericDateOrderFromLanguage("EN"), NumericDateOrder::kUnknown);
  EXPECT_EQ(NumericDateOrderFromLanguage("en-US"), NumericDateOrder::kMonthDay);
  EXPECT_EQ(NumericDateOrderFromLanguage("en_us"), NumericDateOrder::kMonthDay);
  EXPECT_EQ(NumericDateOrderFromLanguage("en-US-x-news"), NumericDateOrder::kMonthDay);
  EXPECT_EQ(NumericDateOrderFromLanguage("en-GB"), NumericDateOrder::kDayMonth);
  EXPECT_EQ(NumericDateOrderFromLanguage("en-USA"), NumericDateOrder::kDayMonth);
  EXPECT_EQ(NumericDateOrderFromLanguage("es-US"), NumericDateOrder::kDayMonth);
  EXPECT_EQ(NumericDateOrderFromLanguage("de"), NumericDateOrder::kDayMonth);
  EXPECT_EQ(NumericDateOrderFromLanguage("ja-JP"), NumericDateOrder::kDayMonth);
}

TEST(ResolveDayMonth, AFieldAbove12Decides) {
  for (NumericDateOrder order :
       {NumericDateOrder::kUnknown, NumericDateOrder::kDayMonth, NumericDateOrder::kMonthDay}) {
    DayMonth a = ResolveDayMonth(13, 4, order);
    EXPECT_EQ(a.day, 13);
    EXPECT_EQ(a.month, 4);
    DayMonth b = ResolveDayMonth(4, 13, order);
    EXPECT_EQ(b.day, 13);
    EXPECT_EQ(b.month, 4);
  }
}

TEST(ResolveDayMonth, OtherwiseThePageThenDayMonth) {
  DayMonth unknown = ResolveDayMonth(3, 4, NumericDateOrder::kUnknown);
  EXPECT_EQ(unknown.day, 3);
  EXPECT_EQ(unknown.month, 4);
  DayMonth gb = ResolveDayMonth(3, 4, NumericDateOrder::kDayMonth);
  EXPECT_EQ(gb.day, 3);
  EXPECT_EQ(gb.month, 4);
  DayMonth us = ResolveDayMonth(3, 4, NumericDateOrder::kMonthDay);
  EXPECT_EQ(us.day, 4);
  EXPECT_EQ(us.month, 3);
}

// Both readers of printed dates follow the same rule, whatever the separator.
TEST(ResolveDayMonth, BothReadersAgree) {
  for (const char* text : {"03/04/2025", "03-04-2025", "03.04.2025"}) {
    EXPECT_EQ(ParsePrintedDate(text, kFetchedAtMs)->epoch_ms, Day(2025, 4, 3)) << text;
    EXPECT_EQ(FindPrintedDateMs(text), Day(2025, 4, 3)) << text;
    EXPECT_EQ(ParsePrintedDate(text, kFetchedAtMs, NumericDateOrder::kMonthDay)->epoch_ms,
              Day(2025, 3, 4))
        << text;
    EXPECT_EQ(FindPrintedDateMs(text, nullptr, NumericDateOrder::kMonthDay), Day(2025, 3, 4))
        << text;
  }
  EXPECT_EQ(ParsePrintedDate("04/13/2025", kFetchedAtMs)->epoch_ms, Day(2025, 4, 13));
  EXPECT_EQ(FindPrintedDateMs("13/04/2025", nullptr, NumericDateOrder::kMonthDay),
            Day(2025, 4, 13));
  EXPECT_FALSE(ParsePrintedDate("13/13/2025", kFetchedAtMs).has_value());
  EXPECT_FALSE(FindPrintedDateMs("13/13/2025").has_value());
  // Year-first is always year-month-day.
  EXPECT_EQ(ParsePrintedDate("2025-03-04", kFetchedAtMs, NumericDateOrder::kMonthDay)->epoch_ms,
            Day(2025, 3, 4));
  EXPECT_EQ(FindPrintedDateMs("2025/03/04", nullptr, NumericDateOrder::kMonthDay), Day(2025, 3, 4));
}

}  // namespace
}  // namespace newsflow
