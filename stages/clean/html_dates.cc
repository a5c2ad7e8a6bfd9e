#include "stages/clean/html_dates.h"

#include <array>
#include <cctype>
#include <cstring>

namespace newsflow {
namespace {

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads exactly `n` digits at `pos`; advances `pos` on success.
bool ReadDigits(std::string_view s, size_t* pos, int n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

// Reads 1..max_n digits; fails when none or when more digits follow.
bool ReadUpTo(std::string_view s, size_t* pos, int max_n, int* out) {
  size_t p = *pos;
  int v = 0;
  int n = 0;
  while (p < s.size() && IsDigit(s[p]) && n < max_n) {
    v = v * 10 + (s[p] - '0');
    ++p;
    ++n;
  }
  if (n == 0 || (p < s.size() && IsDigit(s[p]))) return false;
  *pos = p;
  *out = v;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool ValidDate(int y, int m, int d) {
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

int64_t ToMs(int y, int m, int d, int hh, int mm, int ss, int offset_minutes) {
  int64_t days = DaysFromCivil(y, m, d);
  int64_t secs =
      days * 86400 + hh * 3600 + mm * 60 + ss - static_cast<int64_t>(offset_minutes) * 60;
  return secs * 1000;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Month name (English, full or 3-4 letter abbreviation, optional trailing '.') at `pos`.
int ReadMonthName(std::string_view s, size_t* pos) {
  static constexpr const char* kNames[] = {"january",   "february", "march",    "april",
                                           "may",       "june",     "july",     "august",
                                           "september", "october",  "november", "december"};
  size_t p = *pos;
  size_t start = p;
  while (p < s.size() && std::isalpha(static_cast<unsigned char>(s[p]))) ++p;
  size_t len = p - start;
  if (len < 3 || len > 9) return 0;
  char word[10] = {0};
  for (size_t i = 0; i < len; ++i) word[i] = Lower(s[start + i]);
  for (int m = 0; m < 12; ++m) {
    const char* name = kNames[m];
    size_t nlen = std::strlen(name);
    bool full = len == nlen && std::memcmp(word, name, len) == 0;
    bool abbrev = len <= 4 && len < nlen && std::memcmp(word, name, len) == 0 &&
                  (len == 3 || (m == 8 && len == 4));  // "Sept"
    if (full || abbrev) {
      if (p < s.size() && s[p] == '.') ++p;
      *pos = p;
      return m + 1;
    }
  }
  return 0;
}

void SkipSpaces(std::string_view s, size_t* pos) {
  while (*pos < s.size() && (s[*pos] == ' ' || s[*pos] == '\t' || s[*pos] == '\n' ||
                             static_cast<unsigned char>(s[*pos]) == 0xC2)) {
    // 0xC2 0xA0 is a UTF-8 no-break space.
    if (static_cast<unsigned char>(s[*pos]) == 0xC2) {
      if (*pos + 1 < s.size() && static_cast<unsigned char>(s[*pos + 1]) == 0xA0) {
        *pos += 2;
        continue;
      }
      return;
    }
    ++*pos;
  }
}

// An optional clock time after a printed date: "10:42", "10:42 AM", "at 10:42 a.m. GMT".
// Returns seconds since midnight, or -1; advances `pos` past what it read.
int ReadClock(std::string_view s, size_t* pos, int* offset_minutes) {
  size_t p = *pos;
  SkipSpaces(s, &p);
  if (p < s.size() && (s[p] == ',' || s[p] == '-' || s[p] == '|' || s[p] == '@')) ++p;
  SkipSpaces(s, &p);
  if (p + 2 < s.size() && Lower(s[p]) == 'a' && Lower(s[p + 1]) == 't' && s[p + 2] == ' ') {
    p += 3;
    SkipSpaces(s, &p);
  }
  int hh = 0;
  int mm = 0;
  int ss = 0;
  if (!ReadUpTo(s, &p, 2, &hh) || p >= s.size() || (s[p] != ':' && s[p] != '.')) return -1;
  ++p;
  if (!ReadDigits(s, &p, 2, &mm)) return -1;
  if (p + 2 < s.size() && s[p] == ':' && IsDigit(s[p + 1])) {
    ++p;
    if (!ReadDigits(s, &p, 2, &ss)) return -1;
  }
  size_t q = p;
  SkipSpaces(s, &q);
  if (q < s.size() && (Lower(s[q]) == 'a' || Lower(s[q]) == 'p')) {
    bool pm = Lower(s[q]) == 'p';
    size_t r = q + 1;
    if (r < s.size() && s[r] == '.') ++r;
    if (r < s.size() && Lower(s[r]) == 'm') {
      ++r;
      if (r < s.size() && s[r] == '.') ++r;
      if (r >= s.size() || !std::isalpha(static_cast<unsigned char>(s[r]))) {
        if (hh == 12) hh = 0;
        if (pm) hh += 12;
        p = r;
      }
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return -1;
  size_t z = p;
  SkipSpaces(s, &z);
  if (z + 3 <= s.size() && (s.substr(z, 3) == "GMT" || s.substr(z, 3) == "UTC")) {
    p = z + 3;
    *offset_minutes = 0;
  }
  *pos = p;
  return hh * 3600 + mm * 60 + ss;
}

bool WordBoundaryBefore(std::string_view s, size_t pos) {
  return pos == 0 || !std::isalnum(static_cast<unsigned char>(s[pos - 1]));
}

// Tries every printed form at `pos`; on success sets `end` and the parts.
bool TryPrintedAt(std::string_view s, size_t pos, size_t* end, int* y, int* m, int* d) {
  size_t p = pos;
  if (IsDigit(s[p])) {
    int a = 0;
    if (!ReadUpTo(s, &p, 4, &a)) return false;
    size_t digits = p - pos;
    if (digits == 4 && p < s.size() && (s[p] == '-' || s[p] == '/' || s[p] == '.')) {
      // 2019-11-19, 2019/11/19
      char sep = s[p++];
      int mo = 0;
      int da = 0;
      if (!ReadUpTo(s, &p, 2, &mo) || p >= s.size() || s[p] != sep) return false;
      ++p;
      if (!ReadUpTo(s, &p, 2, &da)) return false;
      *y = a, *m = mo, *d = da, *end = p;
      return ValidDate(a, mo, da);
    }
    if (digits <= 2 && p < s.size() && (s[p] == '/' || s[p] == '.' || s[p] == '-')) {
      // 11/19/2019 (US), 19.11.2019 (European), 19-11-2019
      char sep = s[p++];
      int b = 0;
      int yr = 0;
      if (!ReadUpTo(s, &p, 2, &b) || p >= s.size() || s[p] != sep) return false;
      ++p;
      if (!ReadDigits(s, &p, 4, &yr) || (p < s.size() && IsDigit(s[p]))) return false;
      int mo = sep == '/' ? a : b;
      int da = sep == '/' ? b : a;
      if (mo > 12 && da <= 12) std::swap(mo, da);
      *y = yr, *m = mo, *d = da, *end = p;
      return ValidDate(yr, mo, da);
    }
    if (digits <= 2) {
      // 19 November 2019, 19th Nov 2019, 19. November 2019
      if (p + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[p]))) {
        std::string_view suf = s.substr(p, 2);
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") p += 2;
      }
      if (p < s.size() && s[p] == '.') ++p;
      SkipSpaces(s, &p);
      int mo = ReadMonthName(s, &p);
      if (mo == 0) return false;
      if (p < s.size() && s[p] == ',') ++p;
      SkipSpaces(s, &p);
      int yr = 0;
      if (!ReadDigits(s, &p, 4, &yr) || (p < s.size() && IsDigit(s[p]))) return false;
      *y = yr, *m = mo, *d = a, *end = p;
      return ValidDate(yr, mo, a);
    }
    return false;
  }
  // November 19, 2019 / Nov. 19 2019 / November 19th, 2019
  int mo = ReadMonthName(s, &p);
  if (mo == 0) return false;
  SkipSpaces(s, &p);
  int da = 0;
  if (!ReadUpTo(s, &p, 2, &da)) return false;
  if (p + 1 < s.size()) {
    std::string_view suf = s.substr(p, 2);
    if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") p += 2;
  }
  if (p < s.size() && s[p] == ',') ++p;
  SkipSpaces(s, &p);
  int yr = 0;
  if (!ReadDigits(s, &p, 4, &yr) || (p < s.size() && IsDigit(s[p]))) return false;
  *y = yr, *m = mo, *d = da, *end = p;
  return ValidDate(yr, mo, da);
}

}  // namespace

std::optional<int64_t> ParseIso8601Ms(std::string_view text) {
  std::string_view s = Trim(text);
  size_t p = 0;
  int y = 0;
  int m = 0;
  int d = 0;
  if (!ReadDigits(s, &p, 4, &y)) return std::nullopt;
  bool basic = p < s.size() && IsDigit(s[p]);
  if (!basic) {
    if (p >= s.size() || s[p] != '-') return std::nullopt;
    ++p;
  }
  if (!ReadDigits(s, &p, 2, &m)) return std::nullopt;
  if (!basic) {
    if (p >= s.size() || s[p] != '-') return std::nullopt;
    ++p;
  }
  if (!ReadDigits(s, &p, 2, &d)) return std::nullopt;
  if (!ValidDate(y, m, d)) return std::nullopt;
  int hh = 0;
  int mm = 0;
  int ss = 0;
  int offset = 0;
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    ++p;
    if (!ReadDigits(s, &p, 2, &hh)) return std::nullopt;
    if (p < s.size() && s[p] == ':') ++p;
    if (!ReadDigits(s, &p, 2, &mm)) return std::nullopt;
    if (p < s.size() && (s[p] == ':' || IsDigit(s[p]))) {
      if (s[p] == ':') ++p;
      if (!ReadDigits(s, &p, 2, &ss)) return std::nullopt;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        size_t start = p;
        while (p < s.size() && IsDigit(s[p])) ++p;
        if (p == start) return std::nullopt;
      }
    }
    if (hh > 24 || mm > 59 || ss > 60) return std::nullopt;
    if (p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
      ++p;
    } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
      int sign = s[p] == '-' ? -1 : 1;
      ++p;
      int oh = 0;
      int om = 0;
      if (!ReadDigits(s, &p, 2, &oh)) return std::nullopt;
      if (p < s.size() && s[p] == ':') ++p;
      if (p < s.size() && IsDigit(s[p]) && !ReadDigits(s, &p, 2, &om)) return std::nullopt;
      if (oh > 14 || om > 59) return std::nullopt;
      offset = sign * (oh * 60 + om);
    }
  }
  if (p != s.size()) return std::nullopt;
  return ToMs(y, m, d, hh, mm, ss, offset);
}

std::optional<int64_t> ParseUrlDateMs(std::string_view url, std::string_view* found) {
  size_t scheme = url.find("://");
  size_t path_start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (path_start == std::string_view::npos) return std::nullopt;
  size_t query = url.find_first_of("?#", path_start);
  std::string_view path = url.substr(
      path_start, query == std::string_view::npos ? std::string_view::npos : query - path_start);
  for (size_t i = 0; i + 5 <= path.size(); ++i) {
    if (path[i] != '/' && path[i] != '-' && path[i] != '_') continue;
    size_t p = i + 1;
    int y = 0;
    int m = 0;
    int d = 1;
    if (!ReadDigits(path, &p, 4, &y) || y < kMinYear || y > kMaxYear) continue;
    size_t before_month = p;
    if (p < path.size() && IsDigit(path[p])) {
      // 20191119
      if (!ReadDigits(path, &p, 2, &m) || !ReadDigits(path, &p, 2, &d)) continue;
      if (p < path.size() && IsDigit(path[p])) continue;
    } else {
      if (p >= path.size() || (path[p] != '/' && path[p] != '-' && path[p] != '_')) continue;
      char sep = path[p++];
      if (!ReadUpTo(path, &p, 2, &m)) continue;
      size_t after_month = p;
      if (p < path.size() && path[p] == sep) {
        ++p;
        if (!ReadUpTo(path, &p, 2, &d)) {
          d = 1;
          p = after_month;
        }
      } else if (sep != '/') {
        continue;  // "2019-11" without a day is too ambiguous outside a /yyyy/mm/ path
      }
      (void)before_month;
    }
    if (!ValidDate(y, m, d)) continue;
    if (found != nullptr) *found = path.substr(i + 1, p - i - 1);
    return ToMs(y, m, d, 0, 0, 0, 0);
  }
  return std::nullopt;
}

std::optional<int64_t> FindPrintedDateMs(std::string_view text, std::string_view* found) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!IsDigit(c) && !std::isalpha(static_cast<unsigned char>(c))) continue;
    if (!WordBoundaryBefore(text, i)) continue;
    size_t end = 0;
    int y = 0;
    int m = 0;
    int d = 0;
    if (!TryPrintedAt(text, i, &end, &y, &m, &d)) continue;
    int offset = 0;
    size_t clock_end = end;
    int secs = ReadClock(text, &clock_end, &offset);
    if (secs >= 0) end = clock_end;
    if (found != nullptr) *found = text.substr(i, end - i);
    return ToMs(y, m, d, 0, 0, secs > 0 ? secs : 0, offset);
  }
  return std::nullopt;
}

}  // namespace newsflow
