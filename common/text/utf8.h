// UTF-8 helpers: validation, repair, encoding and cutting without splitting a character.
// "Valid" is RFC 3629's well-formed UTF-8: no overlong forms, no surrogates, nothing above
// U+10FFFF. Strings are bytes; nothing here allocates unless it returns a string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow::text {

inline bool IsUtf8Continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Bytes of the sequence a lead byte announces (1 for ASCII and for stray continuation bytes,
// which callers step over one at a time). Says nothing about validity.
inline size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Length of the well-formed sequence starting at s[at], or 0 if there is none there.
size_t ValidUtf8SequenceAt(std::string_view s, size_t at);

// Whether all of `s` is well-formed UTF-8 (ASCII runs checked eight bytes at a time).
bool IsValidUtf8(std::string_view s);

// Replaces every ill-formed byte of `s` by U+FFFD, one replacement per bad byte. Leaves a
// valid string untouched (no copy).
void ScrubUtf8(std::string* s);

// Appends code point `cp` (<= U+10FFFF) encoded as UTF-8.
void AppendUtf8(uint32_t cp, std::string* out);

// The longest prefix of `s` of at most `max_bytes` that does not end inside a sequence.
std::string_view CutUtf8(std::string_view s, size_t max_bytes);
// The longest suffix of `s` of at most `max_bytes` that does not start inside a sequence.
std::string_view CutUtf8Suffix(std::string_view s, size_t max_bytes);

}  // namespace newsflow::text
