// libFuzzer target: UrlCanonicalizer on arbitrary bytes. Checks that it never crashes, that its
// output is either empty or an absolute URL, and that canonicalisation is idempotent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "stages/dedup/url_canonicalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const newsflow::dedup::UrlCanonicalizer canonicalizer;
  const std::string_view url(reinterpret_cast<const char*>(data), size);
  const std::string once = canonicalizer.Canonicalize(url);
  if (once.empty()) return 0;
  if (once.find("://") == std::string::npos) std::abort();
  if (once.find('#') != std::string::npos) std::abort();
  const std::string twice = canonicalizer.Canonicalize(once);
  if (twice != once) std::abort();
  return 0;
}
