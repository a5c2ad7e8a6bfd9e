#include "common/time/civil_time.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(CivilTime, DaysFromCivil) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2025, 6, 1) * kDayMs, 1748736000000);
}

TEST(CivilTime, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2025));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2025, 2), 28);
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(DaysInMonth(2025, 13), 0);
}

TEST(CivilTime, ValidDates) {
  EXPECT_TRUE(IsValidCivilDate(2024, 2, 29, 1970, 2100));
  EXPECT_FALSE(IsValidCivilDate(2025, 2, 29, 1970, 2100));
  EXPECT_FALSE(IsValidCivilDate(2025, 4, 31, 1970, 2100));
  EXPECT_FALSE(IsValidCivilDate(2025, 0, 1, 1970, 2100));
  EXPECT_FALSE(IsValidCivilDate(2025, 1, 0, 1970, 2100));
  EXPECT_FALSE(IsValidCivilDate(1969, 12, 31, 1970, 2100));
  EXPECT_FALSE(IsValidCivilDate(2101, 1, 1, 1970, 2100));
}

TEST(CivilTime, EpochMsWithOffset) {
  const int64_t noon = 1748779200000;  // 2025-06-01T12:00:00Z
  EXPECT_EQ(CivilToEpochMs(2025, 6, 1, 12), noon);
  EXPECT_EQ(CivilToEpochMs(2025, 6, 1, 21, 0, 0, 9 * 60), noon);          // +09:00
  EXPECT_EQ(CivilToEpochMs(2025, 6, 1, 7, 30, 0, -(4 * 60 + 30)), noon);  // -04:30
  EXPECT_EQ(CivilToEpochMs(2025, 5, 31, 24), CivilToEpochMs(2025, 6, 1));
}

}  // namespace
}  // namespace newsflow
