#include "common/time/byline_date.h"

#include "common/text/ascii.h"
#include "common/time/civil_time.h"
#include "common/time/date_scan.h"
#include "common/time/month_names.h"

namespace newsflow {
namespace {

using date_scan::IsAsciiAlnum;
using date_scan::IsAsciiAlpha;
using date_scan::IsAsciiDigit;
using date_scan::LineBreaks;
using date_scan::ReadExactDigits;
using text::AsciiLower;

constexpr int64_t kMinYear = 1990;
constexpr int64_t kMaxYear = 2100;

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  return IsValidCivilDate(y, m, d, kMinYear, kMaxYear);
}

size_t SkipSpaces(std::string_view s, size_t pos) {
  return date_scan::SkipSpaces(s, pos, LineBreaks::kSkip);
}

// 1..max_digits digits at `*pos` (not followed by another digit); advances `*pos`.
bool ReadUpTo(std::string_view s, size_t* pos, size_t max_digits, int64_t* out) {
  size_t n = date_scan::ReadNumber(s, *pos, max_digits, out);
  if (n == 0) return false;
  *pos += n;
  return true;
}

// Exactly `n` digits at `*pos`; advances `*pos`.
bool ReadDigits(std::string_view s, size_t* pos, size_t n, int64_t* out) {
  if (!ReadExactDigits(s, *pos, n, out)) return false;
  *pos += n;
  return true;
}

// A four-digit year at `*pos` not followed by a digit; advances `*pos`.
bool ReadYear(std::string_view s, size_t* pos, int64_t* year) {
  return ReadDigits(s, pos, 4, year) && !(*pos < s.size() && IsAsciiDigit(s[*pos]));
}

bool IsOrdinalSuffix(std::string_view suf) {
  return suf == "st" || suf == "nd" || suf == "rd" || suf == "th";
}

// "a.m."/"pm"/... after a clock time at `q`: applies it to `*hh`, returns the end or `q`.
size_t ReadMeridiem(std::string_view s, size_t q, int64_t* hh) {
  if (q >= s.size() || (AsciiLower(s[q]) != 'a' && AsciiLower(s[q]) != 'p')) return q;
  bool pm = AsciiLower(s[q]) == 'p';
  size_t r = q + 1;
  if (r < s.size() && s[r] == '.') ++r;
  if (r >= s.size() || AsciiLower(s[r]) != 'm') return q;
  ++r;
  if (r < s.size() && s[r] == '.') ++r;
  if (r < s.size() && IsAsciiAlpha(s[r])) return q;
  if (*hh == 12) *hh = 0;
  if (pm) *hh += 12;
  return r;
}

// An optional clock time after a printed date: "10:42", "10:42 AM", "at 10:42 a.m. GMT".
// Returns seconds since midnight, or -1; advances `pos` past what it read.
int64_t ReadClock(std::string_view s, size_t* pos) {
  size_t p = SkipSpaces(s, *pos);
  if (p < s.size() && (s[p] == ',' || s[p] == '-' || s[p] == '|' || s[p] == '@')) ++p;
  p = SkipSpaces(s, p);
  if (p + 2 < s.size() && AsciiLower(s[p]) == 'a' && AsciiLower(s[p + 1]) == 't' &&
      s[p + 2] == ' ') {
    p = SkipSpaces(s, p + 3);
  }
  int64_t hh = 0, mm = 0, ss = 0;
  if (!ReadUpTo(s, &p, 2, &hh) || p >= s.size() || (s[p] != ':' && s[p] != '.')) return -1;
  ++p;
  if (!ReadDigits(s, &p, 2, &mm)) return -1;
  if (p + 2 < s.size() && s[p] == ':' && IsAsciiDigit(s[p + 1])) {
    ++p;
    if (!ReadDigits(s, &p, 2, &ss)) return -1;
  }
  size_t q = SkipSpaces(s, p);
  size_t r = ReadMeridiem(s, q, &hh);
  if (r != q) p = r;
  if (hh > 23 || mm > 59 || ss > 60) return -1;
  size_t z = SkipSpaces(s, p);
  if (z + 3 <= s.size() && (s.substr(z, 3) == "GMT" || s.substr(z, 3) == "UTC")) p = z + 3;
  *pos = p;
  return hh * 3600 + mm * 60 + ss;
}

struct Ymd {
  int64_t y = 0, m = 0, d = 0;
};

// Numeric forms at `pos`: "2019-11-19", "2019/11/19", "11/19/2019", "19.11.2019", "19-11-2019";
// then "19 November 2019", "19th Nov 2019", "19. November 2019".
bool TryDigitsFirstAt(std::string_view s, size_t pos, NumericDateOrder order, size_t* end,
                      Ymd* out) {
  size_t p = pos;
  int64_t a = 0;
  if (!ReadUpTo(s, &p, 4, &a)) return false;
  const size_t digits = p - pos;
  const bool sep_follows = p < s.size() && (s[p] == '-' || s[p] == '/' || s[p] == '.');
  if (digits == 4 && sep_follows) {
    char sep = s[p++];
    int64_t mo = 0, da = 0;
    if (!ReadUpTo(s, &p, 2, &mo) || p >= s.size() || s[p] != sep) return false;
    ++p;
    if (!ReadUpTo(s, &p, 2, &da)) return false;
    *out = {a, mo, da}, *end = p;
    return ValidDate(a, mo, da);
  }
  if (digits > 2) return false;
  if (sep_follows) {
    char sep = s[p++];
    int64_t b = 0, yr = 0;
    if (!ReadUpTo(s, &p, 2, &b) || p >= s.size() || s[p] != sep) return false;
    ++p;
    if (!ReadYear(s, &p, &yr)) return false;
    DayMonth dm = ResolveDayMonth(a, b, order);
    *out = {yr, dm.month, dm.day}, *end = p;
    return ValidDate(yr, dm.month, dm.day);
  }
  if (p + 1 < s.size() && IsAsciiAlpha(s[p]) && IsOrdinalSuffix(s.substr(p, 2))) p += 2;
  if (p < s.size() && s[p] == '.') ++p;
  p = SkipSpaces(s, p);
  unsigned mo = 0;
  size_t nm = ReadMonthName(s, p, &mo);
  if (nm == 0) return false;
  p += nm;
  if (p < s.size() && s[p] == ',') ++p;
  p = SkipSpaces(s, p);
  int64_t yr = 0;
  if (!ReadYear(s, &p, &yr)) return false;
  *out = {yr, mo, a}, *end = p;
  return ValidDate(yr, mo, a);
}

// "November 19, 2019", "Nov. 19 2019", "November 19th, 2019" at `pos`.
bool TryMonthFirstAt(std::string_view s, size_t pos, size_t* end, Ymd* out) {
  unsigned mo = 0;
  size_t nm = ReadMonthName(s, pos, &mo);
  if (nm == 0) return false;
  size_t p = SkipSpaces(s, pos + nm);
  int64_t da = 0, yr = 0;
  if (!ReadUpTo(s, &p, 2, &da)) return false;
  if (p + 1 < s.size() && IsOrdinalSuffix(s.substr(p, 2))) p += 2;
  if (p < s.size() && s[p] == ',') ++p;
  p = SkipSpaces(s, p);
  if (!ReadYear(s, &p, &yr)) return false;
  *out = {yr, mo, da}, *end = p;
  return ValidDate(yr, mo, da);
}

}  // namespace

std::optional<int64_t> FindPrintedDateMs(std::string_view text, std::string_view* found,
                                         NumericDateOrder order) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAsciiAlnum(text[i]) || (i > 0 && IsAsciiAlnum(text[i - 1]))) continue;
    size_t end = 0;
    Ymd date;
    bool ok = IsAsciiDigit(text[i]) ? TryDigitsFirstAt(text, i, order, &end, &date)
                                    : TryMonthFirstAt(text, i, &end, &date);
    if (!ok) continue;
    size_t clock_end = end;
    int64_t secs = ReadClock(text, &clock_end);
    if (secs >= 0) end = clock_end;
    if (found != nullptr) *found = text.substr(i, end - i);
    return CivilToEpochMs(date.y, static_cast<unsigned>(date.m), static_cast<unsigned>(date.d), 0,
                          0, secs > 0 ? secs : 0);
  }
  return std::nullopt;
}

}  // namespace newsflow
