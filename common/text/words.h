// Word counting, the one definition every stage uses for "how long is this text".
#pragma once

#include <cstddef>
#include <string_view>

namespace newsflow::text {

// Words separated by spaces or tabs. Text in scripts written without spaces (CJK ideographs,
// kana, Hangul: U+3040..U+9FFF, U+AC00..U+D7AF) adds one word per two such characters, so a
// Japanese paragraph is not "one word".
size_t CountWords(std::string_view s);

}  // namespace newsflow::text
