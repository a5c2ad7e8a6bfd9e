#include "common/text/trim.h"

#include "common/text/ascii.h"

namespace newsflow::text {
namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";

// Bytes of blank at the start of `s` (0 if none).
size_t BlankPrefix(std::string_view s, Blank blank) {
  if (s.empty()) return 0;
  if (IsAsciiSpace(s.front())) return 1;
  if (blank == Blank::kVisible) {
    if (StartsWith(s, kNoBreakSpace)) return kNoBreakSpace.size();
    if (StartsWith(s, kZeroWidthSpace)) return kZeroWidthSpace.size();
  }
  return 0;
}

size_t BlankSuffix(std::string_view s, Blank blank) {
  if (s.empty()) return 0;
  if (IsAsciiSpace(s.back())) return 1;
  if (blank == Blank::kVisible) {
    if (EndsWith(s, kNoBreakSpace)) return kNoBreakSpace.size();
    if (EndsWith(s, kZeroWidthSpace)) return kZeroWidthSpace.size();
  }
  return 0;
}

}  // namespace

std::string_view TrimLeft(std::string_view s, Blank blank) {
  for (size_t n = BlankPrefix(s, blank); n != 0; n = BlankPrefix(s, blank)) s.remove_prefix(n);
  return s;
}

std::string_view TrimRight(std::string_view s, Blank blank) {
  for (size_t n = BlankSuffix(s, blank); n != 0; n = BlankSuffix(s, blank)) s.remove_suffix(n);
  return s;
}

std::string_view Trim(std::string_view s, Blank blank) {
  return TrimRight(TrimLeft(s, blank), blank);
}

}  // namespace newsflow::text
