// Trimming. Two sets of what counts as blank, chosen by name at the call site:
//  - kAscii: the C locale's isspace set (space, \t, \n, \v, \f, \r) — for markup, headers,
//    config values and anything machine-written;
//  - kVisible: kAscii plus U+00A0 no-break space and U+200B zero-width space — for text a
//    browser rendered, where those two often pad a line that looks empty.
// The result is a view into the argument.
#pragma once

#include <string_view>

namespace newsflow::text {

enum class Blank { kAscii, kVisible };

std::string_view Trim(std::string_view s, Blank blank = Blank::kAscii);
std::string_view TrimLeft(std::string_view s, Blank blank = Blank::kAscii);
std::string_view TrimRight(std::string_view s, Blank blank = Blank::kAscii);

}  // namespace newsflow::text
