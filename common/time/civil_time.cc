#include "common/time/civil_time.h"

namespace newsflow {

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool IsValidCivilDate(int64_t year, int64_t month, int64_t day, int64_t min_year,
                      int64_t max_year) {
  return year >= min_year && year <= max_year && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, static_cast<int>(month));
}

int64_t CivilToEpochMs(int64_t year, unsigned month, unsigned day, int64_t hour, int64_t minute,
                       int64_t second, int64_t offset_minutes) {
  return DaysFromCivil(year, month, day) * kDayMs + hour * kHourMs + minute * kMinuteMs +
         second * kSecondMs - offset_minutes * kMinuteMs;
}

}  // namespace newsflow
