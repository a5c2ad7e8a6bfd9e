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

namespace {

// Byte classes of NormaliseForHash: ASCII letters and digits are kept (lower-cased), other ASCII
// separates words, bytes >= 0x80 need a look at the sequence (a few punctuation code points
// separate, every other code point is part of a word).
enum : uint8_t { kSeparator = 0, kHighByte = 1 };

struct NormaliseTable {
  uint8_t to[256];  // the lower-cased byte for kept ASCII, else the class
  NormaliseTable() {
    for (int c = 0; c < 256; ++c) to[c] = c >= 0x80 ? kHighByte : kSeparator;
    for (int c = '0'; c <= '9'; ++c) to[c] = static_cast<uint8_t>(c);
    for (int c = 'a'; c <= 'z'; ++c) to[c] = static_cast<uint8_t>(c);
    for (int c = 'A'; c <= 'Z'; ++c) to[c] = static_cast<uint8_t>(c + 32);
  }
};

const NormaliseTable kNormalise;

}  // namespace

std::string HashBytes128(std::string_view data) {
  const XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  std::string out(16, '\0');
  for (int i = 0; i < 8; ++i) {
    out[static_cast<size_t>(i)] = static_cast<char>(h.high64 >> (56 - 8 * i));
    out[static_cast<size_t>(8 + i)] = static_cast<char>(h.low64 >> (56 - 8 * i));
  }
  return out;
}

std::string NormaliseForHash(std::string_view s) { return NormaliseForHash(s, nullptr); }

std::string NormaliseForHash(std::string_view s, std::vector<NormalisedRun>* runs) {
  // One pass into a buffer of the input's size (the output is never longer), writing through
  // a pointer: several times faster than push_back per byte, and the dedup stage normalises
  // every body.
  std::string out;
  out.resize(s.size());
  if (runs != nullptr) runs->clear();
  char* const begin = out.data();
  char* w = begin;
  char* run_begin = begin;
  bool run_ascii = true;
  // Writes the space before a new run (and closes the previous one).
  auto start_run = [&] {
    if (runs != nullptr) {
      runs->push_back({static_cast<uint32_t>(run_begin - begin),
                       static_cast<uint32_t>(w - begin), run_ascii});
    }
    *w++ = ' ';
    run_begin = w;
    run_ascii = true;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  bool pending_space = false;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = p[i];
    const uint8_t t = kNormalise.to[c];
    if (t > kHighByte) {  // an ASCII letter or digit
      if (pending_space) start_run();
      pending_space = false;
      *w++ = static_cast<char>(t);
      continue;
    }
    if (t == kSeparator) {
      pending_space = w != begin;
      continue;
    }
    // Non-ASCII: general punctuation (U+2000..U+206F: dashes, quotes, ellipsis) and NBSP
    // separate words; every other code point is part of a word.
    if (c == 0xE2 && i + 1 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x81)) {
      i += 2;
      pending_space = w != begin;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
      i += 1;
      pending_space = w != begin;
      continue;
    }
    if (pending_space) start_run();
    pending_space = false;
    run_ascii = false;
    *w++ = static_cast<char>(c);
  }
  if (runs != nullptr && w > run_begin) {
    runs->push_back({static_cast<uint32_t>(run_begin - begin), static_cast<uint32_t>(w - begin),
                     run_ascii});
  }
  out.resize(static_cast<size_t>(w - begin));
  return out;
}

}  // namespace newsflow
