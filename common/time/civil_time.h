// Civil-time arithmetic: proleptic Gregorian calendar dates to days and milliseconds since the
// Unix epoch, UTC. The base every date reader of common/time builds on.
//
// Pure functions, no state, no allocation, thread-safe. Nothing here validates unless its name
// says so: DaysFromCivil of February 30 is the day after February 29 (or 28).
#pragma once

#include <cstdint>

namespace newsflow {

inline constexpr int64_t kSecondMs = 1000;
inline constexpr int64_t kMinuteMs = 60 * kSecondMs;
inline constexpr int64_t kHourMs = 60 * kMinuteMs;
inline constexpr int64_t kDayMs = 24 * kHourMs;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
// month 1..12, day 1..31; no validation.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

bool IsLeapYear(int64_t year);

// 28..31; month 1..12 (anything else gives 0).
int DaysInMonth(int64_t year, int month);

// A real calendar date: month 1..12, day 1..DaysInMonth, year in [min_year, max_year].
bool IsValidCivilDate(int64_t year, int64_t month, int64_t day, int64_t min_year, int64_t max_year);

// UTC epoch milliseconds of a wall-clock time at `offset_minutes` east of UTC (JST: +540).
// No validation: 24:00 is midnight of the next day.
int64_t CivilToEpochMs(int64_t year, unsigned month, unsigned day, int64_t hour = 0,
                       int64_t minute = 0, int64_t second = 0, int64_t offset_minutes = 0);

}  // namespace newsflow
