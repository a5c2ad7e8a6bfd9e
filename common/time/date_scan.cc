#include "common/time/date_scan.h"

namespace newsflow::date_scan {
namespace {

bool IsNoBreakSpaceAt(std::string_view s, size_t pos) {
  return pos + 1 < s.size() && static_cast<unsigned char>(s[pos]) == 0xC2 &&
         static_cast<unsigned char>(s[pos + 1]) == 0xA0;
}

}  // namespace

size_t SkipSpaces(std::string_view s, size_t pos, LineBreaks breaks) {
  while (pos < s.size()) {
    char c = s[pos];
    if (c == ' ' || c == '\t' || (c == '\n' && breaks == LineBreaks::kSkip)) {
      ++pos;
    } else if (IsNoBreakSpaceAt(s, pos)) {
      pos += 2;
    } else {
      break;
    }
  }
  return pos;
}

size_t ReadNumber(std::string_view s, size_t pos, size_t max_digits, int64_t* value) {
  size_t n = 0;
  int64_t v = 0;
  while (pos + n < s.size() && IsAsciiDigit(s[pos + n])) {
    v = v * 10 + (s[pos + n] - '0');
    ++n;
    if (n > max_digits) return 0;
  }
  *value = v;
  return n;
}

bool ReadExactDigits(std::string_view s, size_t pos, size_t n, int64_t* value) {
  if (pos > s.size() || n > s.size() - pos) return false;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!IsAsciiDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

}  // namespace newsflow::date_scan
