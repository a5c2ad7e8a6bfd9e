// ASCII character classes and case, locale-free. Bytes >= 0x80 (UTF-8 lead and continuation
// bytes) are never letters, digits or space here and are never changed: every function is safe
// on UTF-8 text and leaves its non-ASCII characters as they are.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsflow::text {

inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
// The C locale's isspace set: space, \t, \n, \v, \f, \r.
inline bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

inline char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
inline char AsciiUpper(char c) { return IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// A copy of `s` with A-Z lower-cased.
std::string AsciiLower(std::string_view s);
// Lower-cases A-Z of `s` in place.
void AsciiLowerInPlace(std::string* s);
// Lower-cases at most `cap` bytes of `s` into `buf` and returns them as a view of `buf` (no
// allocation, for hot paths that only compare a prefix).
std::string_view AsciiLowerInto(std::string_view s, char* buf, size_t cap);

// Equality and search with A-Z and a-z taken as equal.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreAsciiCase(std::string_view s, std::string_view prefix);
bool EndsWithIgnoreAsciiCase(std::string_view s, std::string_view suffix);
// Position of the first match of `needle` in `hay` ignoring ASCII case, or npos.
size_t FindIgnoreAsciiCase(std::string_view hay, std::string_view needle);
inline bool ContainsIgnoreAsciiCase(std::string_view hay, std::string_view needle) {
  return FindIgnoreAsciiCase(hay, needle) != std::string_view::npos;
}

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace newsflow::text
