#include "common/text/words.h"

namespace newsflow::text {

size_t CountWords(std::string_view s) {
  size_t n = 0;
  size_t cjk = 0;
  bool in_word = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool space = u == ' ' || u == '\t';
    n += !space && !in_word;
    in_word = !space;
    // Three-byte sequences led by E3..ED cover U+3000..U+DFFF: the ranges above.
    cjk += static_cast<unsigned>(u - 0xE3) <= 0x0A;
  }
  return n + cjk / 2;
}

}  // namespace newsflow::text
