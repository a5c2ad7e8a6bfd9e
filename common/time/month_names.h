// Month and weekday names as news pages print them: English full names and three-letter
// abbreviations, "Sept", and the Dutch/Indonesian "mei" (May); any case, an optional trailing
// '.'. A name must end at a word boundary ("Mayor" is not May). Pure, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsflow {

// A month name at `pos` of `s`: sets `*month` (1..12) and returns the bytes consumed (with a
// trailing '.'), or 0 when none starts there.
size_t ReadMonthName(std::string_view s, size_t pos, unsigned* month);

// A weekday name or abbreviation at `pos` ("Saturday", "Sat.", "Tue,"): returns the bytes
// consumed, including a trailing '.' and then ','; 0 when none starts there.
size_t ReadWeekdayName(std::string_view s, size_t pos);

}  // namespace newsflow
