// Scanning primitives shared by the date readers of common/time (internal to the library):
// positions are byte offsets into the scanned text, letters and digits are ASCII only, and a
// word ends where no ASCII letter follows. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text/ascii.h"

namespace newsflow::date_scan {

using text::IsAsciiAlnum;
using text::IsAsciiAlpha;
using text::IsAsciiDigit;

// Does `s` at `pos` start with `w` (A-Z and a-z taken as equal)?
inline bool StartsWithAt(std::string_view s, size_t pos, std::string_view w) {
  return pos <= s.size() && text::StartsWithIgnoreAsciiCase(s.substr(pos), w);
}

// StartsWithAt, and the word ends there (no letter follows).
inline bool WordAt(std::string_view s, size_t pos, std::string_view w) {
  return StartsWithAt(s, pos, w) &&
         (pos + w.size() >= s.size() || !IsAsciiAlpha(s[pos + w.size()]));
}

// Whether SkipSpaces steps over '\n' as well.
enum class LineBreaks { kStop, kSkip };

// The position after spaces, tabs and UTF-8 no-break spaces (U+00A0) at `pos` (and newlines
// with LineBreaks::kSkip).
size_t SkipSpaces(std::string_view s, size_t pos, LineBreaks breaks = LineBreaks::kStop);

// Reads 1..max_digits digits at `pos` into `*value`; returns the number of digits read, 0 when
// there is none or when more than max_digits digits follow (then `*value` is unspecified).
size_t ReadNumber(std::string_view s, size_t pos, size_t max_digits, int64_t* value);

// Reads exactly `n` digits at `pos` into `*value`; returns false (and leaves `*value`) otherwise.
bool ReadExactDigits(std::string_view s, size_t pos, size_t n, int64_t* value);

}  // namespace newsflow::date_scan
