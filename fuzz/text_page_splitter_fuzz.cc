// libFuzzer: the visible-text page splitter must never crash or hang, and every article it
// returns must be well-formed (positions in order).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stages/clean/text/text_page_splitter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const newsflow::TextPageSplitter splitter;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  newsflow::CleanResult r = splitter.Split(text, 1748779200000);
  for (const auto& a : r.articles) {
    if (a.published_at_ms && *a.published_at_ms > 1748779200000) __builtin_trap();
  }
  return 0;
}
