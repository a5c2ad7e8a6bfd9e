#include "common/time/byline_date.h"

#include <gtest/gtest.h>

#include "common/time/civil_time.h"

namespace newsflow {
namespace {

int64_t At(int64_t y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  return CivilToEpochMs(y, m, d, hh, mm);
}

TEST(FindPrintedDateMs, BylineForms) {
  std::string_view found;
  EXPECT_EQ(FindPrintedDateMs("By Jo Roe | March 3rd, 2024 @ 9:05 pm", &found),
            At(2024, 3, 3, 21, 5));
  EXPECT_EQ(found, "March 3rd, 2024 @ 9:05 pm");
  EXPECT_FALSE(FindPrintedDateMs("Stand: 3. M\xC3\xA4rz 2024"));  // not an English month
  EXPECT_EQ(FindPrintedDateMs("gepubliceerd 3 mei 2024"), At(2024, 5, 3));
  EXPECT_EQ(FindPrintedDateMs("Feb 29 2024 12:00 UTC"), At(2024, 2, 29, 12));
  EXPECT_EQ(FindPrintedDateMs("2024.03.03"), At(2024, 3, 3));
}

TEST(FindPrintedDateMs, ZonesOtherThanUtcAreIgnored) {
  std::string_view found;
  EXPECT_EQ(FindPrintedDateMs("Mar 3, 2024 9:05 AM ET", &found), At(2024, 3, 3, 9, 5));
  EXPECT_EQ(found, "Mar 3, 2024 9:05 AM");
}

TEST(FindPrintedDateMs, RejectsNonDates) {
  for (const char* text :
       {"Feb 29 2025", "Marching 3, 2024", "in 1989", "31.04.2024", "page 12/2024", "x3/4/2024"}) {
    EXPECT_FALSE(FindPrintedDateMs(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace newsflow
