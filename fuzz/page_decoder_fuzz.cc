// libFuzzer: the charset decoder and sniffer must never crash or hang on any bytes, with any
// declared content type.
#include <cstddef>
#include <cstdint>
#include <string>

#include "stages/decode/page_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kTypes[] = {"", "text/html", "text/plain; charset=utf-8",
                                       "text/html; charset=Shift_JIS", "text/plain; charset=gb18030",
                                       "text/html; charset=x-unknown-charset"};
  if (size == 0) return 0;
  newsflow::v1::RawPage raw;
  raw.set_url("https://fuzz.example/page");
  raw.set_content_type(kTypes[data[0] % 6]);
  raw.set_body(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  newsflow::PageDecoder decoder(newsflow::DecodeOptions{.max_page_bytes = 1 << 20});
  auto page = decoder.Decode(raw, 1);
  if (page.ok() && page->text.empty()) __builtin_trap();  // decode promises a non-blank body
  return 0;
}
