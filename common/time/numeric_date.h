// The one rule for all-numeric dates whose day and month could be swapped ("03/04/2025").
//
// Year-first dates ("2025-04-03", "2025/4/3") are always year-month-day. For a year-last date
// "A<sep>B<sep>yyyy" (sep '-', '/' or '.'):
//   1. A field above 12 cannot be a month, so it decides: "13/04/2025" is 13 April, "04/13/2025"
//      is 13 April.
//   2. Otherwise the page decides when it says how it writes dates: its declared language, turned
//      into a NumericDateOrder by NumericDateOrderFromLanguage. Only "en-US" is taken as
//      month-day; every other language or region that is named (en-GB, en-IN, de, fr-CA, ...)
//      is day-month. A bare "en", or no language at all, says nothing (kUnknown): nothing
//      about the site's host or top-level domain is guessed (a .com site is not American).
//   3. Otherwise day-month. Day-first is how most of the world writes numeric dates (all of
//      Europe, Latin America, Africa, India, Australia); month-first is a US habit, and a US page
//      that says "en-US" gets it.
// Pure, thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsflow {

// How a page orders day and month in an ambiguous numeric date.
enum class NumericDateOrder {
  kUnknown,   // the page does not say: day-month (rule 3)
  kDayMonth,  // "03/04/2025" is 3 April
  kMonthDay,  // "03/04/2025" is 4 March
};

// The order a declared language tag implies (BCP 47 "en-US" or POSIX "en_US", any case, as
// <html lang>, Content-Language or og:locale print it): "en-US" and its subtags ("en-US-x-...")
// give kMonthDay; "" and a bare "en" give kUnknown; anything else kDayMonth.
NumericDateOrder NumericDateOrderFromLanguage(std::string_view language_tag);

struct DayMonth {
  int64_t day = 0;
  int64_t month = 0;
};

// The day and month of a year-last numeric date printed as "first/second/yyyy", by rules 1-3.
// No validation: both fields above 12 come back as they are (day = first), for the caller's
// calendar check to reject.
DayMonth ResolveDayMonth(int64_t first, int64_t second, NumericDateOrder order);

}  // namespace newsflow
