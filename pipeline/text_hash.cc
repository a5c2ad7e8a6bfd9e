#include "pipeline/text_hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>

namespace newsflow {

uint64_t Hash64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

std::string HashHex128(std::string_view data) {
  XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string(buf, 32);
}

std::string NormaliseForHash(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool word_char;
    if (c >= 0x80) {
      // Non-ASCII: treat general punctuation (U+2000..U+206F: dashes, quotes, ellipsis) and
      // NBSP as separators; keep every other code point as part of a word.
      if (c == 0xE2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) == 0x80 ||
                                             static_cast<unsigned char>(s[i + 1]) == 0x81)) {
        i += 2;
        pending_space = !out.empty();
        continue;
      }
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        i += 1;
        pending_space = !out.empty();
        continue;
      }
      word_char = true;
    } else {
      word_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    if (!word_char) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
  }
  return out;
}

std::string ArticleIdFor(std::string_view canonical_url, std::string_view page_url,
                         uint32_t position) {
  if (!canonical_url.empty()) return HashHex128(std::string("u|").append(canonical_url));
  std::string key("p|");
  key.append(page_url).append("#").append(std::to_string(position));
  return HashHex128(key);
}

}  // namespace newsflow
