// Calendar arithmetic shared by every component that reads or prints dates.
#pragma once

#include <cstdint>

namespace newsflow {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
// month 1..12, day 1..31; no validation.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

}  // namespace newsflow
