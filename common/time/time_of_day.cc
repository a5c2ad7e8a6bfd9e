#include "common/time/time_of_day.h"

#include <array>
#include <cstdint>

#include "common/time/date_scan.h"

namespace newsflow {
namespace {

using date_scan::IsAsciiDigit;
using date_scan::ReadNumber;
using date_scan::SkipSpaces;
using date_scan::StartsWithAt;
using date_scan::WordAt;

struct Zone {
  std::string_view name;
  int offset_minutes;
};
constexpr std::array<Zone, 32> kZones = {{
    {"utc", 0},    {"gmt", 0},    {"z", 0},      {"bst", 60},   {"cet", 60},   {"cest", 120},
    {"eet", 120},  {"eest", 180}, {"msk", 180},  {"ist", 330},  {"wib", 420},  {"ict", 420},
    {"hkt", 480},  {"sgt", 480},  {"pht", 480},  {"awst", 480}, {"jst", 540},  {"kst", 540},
    {"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780}, {"est", -300}, {"edt", -240},
    {"et", -300},  {"cst", -360}, {"cdt", -300}, {"ct", -360},  {"mst", -420}, {"mdt", -360},
    {"pst", -480}, {"pdt", -420},
}};

// A zone abbreviation at `q` (a time ends at `pos`): returns its length, or 0.
size_t ReadZoneName(std::string_view s, size_t pos, size_t q, int* offset) {
  for (const Zone& z : kZones) {
    // "Z" only glued to a time ("20:08Z"), never as a separate word.
    if (z.name.size() == 1 && q != pos) continue;
    // Zone abbreviations are printed in capitals; "et" or "est" in lower case are words.
    if (WordAt(s, q, z.name) && q < s.size() && s[q] >= 'A' && s[q] <= 'Z') {
      *offset = z.offset_minutes;
      return z.name.size();
    }
  }
  return 0;
}

// A numeric offset at `q` ("+9", "+09", "+0900", "+09:00"): returns the position after it and
// sets `*offset`; returns `q` when no valid offset is there, npos for a bare sign.
size_t ReadOffset(std::string_view s, size_t q, int* offset) {
  int sign = s[q] == '-' ? -1 : 1;
  int64_t h = 0, m = 0;
  size_t n = ReadNumber(s, q + 1, 4, &h);
  if (n == 0) return std::string_view::npos;
  size_t r = q + 1 + n;
  if (n == 4) {
    m = h % 100;
    h /= 100;
  } else if (n <= 2 && r < s.size() && s[r] == ':') {
    int64_t mm = 0;
    if (ReadNumber(s, r + 1, 2, &mm) == 2) {
      m = mm;
      r += 3;
    }
  }
  if (h > 14 || m >= 60) return q;
  *offset = sign * static_cast<int>(h * 60 + m);
  return r;
}

// "am"/"pm"/"a.m."/"p.m." at `q`: returns its length and sets `*pm`, or 0.
size_t ReadMeridiem(std::string_view s, size_t q, bool* pm) {
  for (bool is_pm : {true, false}) {
    std::string_view word = is_pm ? "pm" : "am";
    std::string_view dotted = is_pm ? "p.m." : "a.m.";
    if (StartsWithAt(s, q, dotted)) {
      *pm = is_pm;
      return 4;
    }
    if (WordAt(s, q, word)) {
      *pm = is_pm;
      return 2;
    }
  }
  return 0;
}

}  // namespace

size_t ReadZone(std::string_view s, size_t pos, int* offset_minutes) {
  size_t p = SkipSpaces(s, pos);
  bool paren = p < s.size() && s[p] == '(';
  if (paren) ++p;
  size_t q = p;
  int offset = 0;
  bool sign_first = q < s.size() && (s[q] == '+' || s[q] == '-');
  if (!sign_first) {
    size_t n = ReadZoneName(s, pos, q, &offset);
    if (n == 0) return 0;
    q += n;
  }
  if (q < s.size() && (s[q] == '+' || s[q] == '-')) {
    size_t r = ReadOffset(s, q, &offset);
    if (r == std::string_view::npos) {
      if (q == p) return 0;  // a bare sign without digits
    } else {
      q = r;
    }
  }
  if (q == p) return 0;
  if (paren) {
    if (q >= s.size() || s[q] != ')') return 0;
    ++q;
  }
  *offset_minutes = offset;
  return q - pos;
}

size_t ReadTimeOfDay(std::string_view s, size_t pos, TimeOfDay* t) {
  int64_t h = 0, m = 0, sec = 0;
  size_t n = ReadNumber(s, pos, 2, &h);
  if (n == 0) return 0;
  size_t p = pos + n;
  bool has_minutes = false;
  if (p < s.size() && (s[p] == ':' || s[p] == '.') && ReadNumber(s, p + 1, 2, &m) == 2) {
    has_minutes = true;
    p += 3;
    if (p < s.size() && s[p] == ':' && ReadNumber(s, p + 1, 2, &sec) == 2) p += 3;
    // ISO fractions of a second.
    if (p + 1 < s.size() && s[p] == '.' && IsAsciiDigit(s[p + 1])) {
      ++p;
      while (p < s.size() && IsAsciiDigit(s[p])) ++p;
    }
  }
  size_t q = SkipSpaces(s, p);
  bool pm = false;
  size_t nm = ReadMeridiem(s, q, &pm);
  if (!has_minutes && nm == 0) return 0;
  if (nm > 0) {
    if (h < 1 || h > 12) return 0;
    if (pm && h != 12) h += 12;
    if (!pm && h == 12) h = 0;
    p = q + nm;
  }
  if (h > 23 || m > 59 || sec > 60) return 0;
  t->hour = static_cast<int>(h);
  t->minute = static_cast<int>(m);
  t->second = static_cast<int>(sec);
  int zone = 0;
  size_t z = ReadZone(s, p, &zone);
  if (z > 0) {
    t->zone_minutes = zone;
    p += z;
  }
  return p - pos;
}

}  // namespace newsflow
