#include "common/time/printed_date.h"

#include <array>

#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/time/civil_time.h"
#include "common/time/date_scan.h"
#include "common/time/month_names.h"
#include "common/time/relative_date.h"
#include "common/time/time_of_day.h"

namespace newsflow {
namespace {

using date_scan::IsAsciiAlnum;
using date_scan::IsAsciiAlpha;
using date_scan::IsAsciiDigit;
using date_scan::ReadNumber;
using date_scan::SkipSpaces;
using date_scan::StartsWithAt;
using date_scan::WordAt;

constexpr int64_t kMinYear = 1970;
constexpr int64_t kMaxYear = 2100;

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  return IsValidCivilDate(y, m, d, kMinYear, kMaxYear);
}

struct Parsed {
  size_t length = 0;
  int64_t year = 0;  // 0: not printed
  unsigned month = 0;
  unsigned day = 0;
  bool has_time = false;
  TimeOfDay time;
};

// After a date ending at `pos`: optional ",", "at", "-", "|" (or an ISO 'T'), then a time.
void ReadOptionalTime(std::string_view s, Parsed* out, size_t pos) {
  size_t p = pos;
  if (p < s.size() && s[p] == ',') ++p;
  p = SkipSpaces(s, p);
  if (WordAt(s, p, "at")) p = SkipSpaces(s, p + 2);
  if (p < s.size() && (s[p] == '-' || s[p] == '|') && p > pos) p = SkipSpaces(s, p + 1);
  if (p == pos) {
    if (p >= s.size() || s[p] != 'T') return;
    ++p;
  }
  TimeOfDay t;
  size_t n = ReadTimeOfDay(s, p, &t);
  if (n == 0) return;
  out->has_time = true;
  out->time = t;
  out->length = p + n - (pos - out->length);
}

// An ordinal suffix ("st", "nd", "rd", "th") ending a word at `p`: its length, or 0.
size_t OrdinalSuffixAt(std::string_view s, size_t p) {
  for (const char* suffix : {"st", "nd", "rd", "th"}) {
    if (WordAt(s, p, suffix)) return 2;
  }
  return 0;
}

// A four-digit year at `q` not followed by a letter or digit: true and sets `*y`.
bool ReadYearAt(std::string_view s, size_t q, int64_t* y) {
  return ReadNumber(s, q, 4, y) == 4 && (q + 4 >= s.size() || !IsAsciiAlnum(s[q + 4]));
}

// Numeric dates: yyyy-mm-dd[Thh:mm...], dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy.
bool ReadNumericDate(std::string_view s, size_t pos, NumericDateOrder order, Parsed* out) {
  int64_t a = 0, b = 0, c = 0;
  size_t na = ReadNumber(s, pos, 4, &a);
  if (na == 0) return false;
  size_t p = pos + na;
  if (p >= s.size()) return false;
  char sep = s[p];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  size_t nb = ReadNumber(s, p + 1, 2, &b);
  if (nb == 0) return false;
  p += 1 + nb;
  if (p >= s.size() || s[p] != sep) return false;
  size_t nc = ReadNumber(s, p + 1, 4, &c);
  if (nc == 0) return false;
  p += 1 + nc;
  if (p < s.size() && IsAsciiAlnum(s[p]) && s[p] != 'T') return false;
  int64_t y, m, d;
  if (na == 4 && nc <= 2) {
    y = a, m = b, d = c;
  } else if (nc == 4 && na <= 2) {
    DayMonth dm = ResolveDayMonth(a, b, order);
    y = c, m = dm.month, d = dm.day;
  } else {
    return false;
  }
  if (!ValidDate(y, m, d)) return false;
  out->year = y;
  out->month = static_cast<unsigned>(m);
  out->day = static_cast<unsigned>(d);
  out->length = p - pos;
  ReadOptionalTime(s, out, p);
  return true;
}

// A date read from `pos` to `end` (year 0: none printed) is valid, then any time after it:
// fills `out`.
bool Finish(std::string_view s, size_t pos, size_t end, int64_t y, unsigned month, int64_t d,
            Parsed* out) {
  if (!ValidDate(y == 0 ? 2000 : y, month, d)) return false;
  out->year = y;
  out->month = month;
  out->day = static_cast<unsigned>(d);
  out->length = end - pos;
  ReadOptionalTime(s, out, end);
  return true;
}

// "May 31, 2025", "Nov. 19, 2019 8:03 am ET", "May 31st 2025", "May 31" (year optional).
bool ReadMonthFirst(std::string_view s, size_t pos, Parsed* out) {
  unsigned month = 0;
  size_t nm = ReadMonthName(s, pos, &month);
  if (nm == 0) return false;
  size_t p = SkipSpaces(s, pos + nm);
  if (p == pos + nm && s[p - 1] != '.') return false;
  int64_t d = 0, y = 0;
  size_t nd = ReadNumber(s, p, 2, &d);
  if (nd == 0) return false;
  p += nd;
  p += OrdinalSuffixAt(s, p);
  if (p < s.size() && IsAsciiAlnum(s[p])) return false;
  size_t after_day = p;
  size_t q = p;
  if (q < s.size() && s[q] == ',') ++q;
  q = SkipSpaces(s, q);
  // A year, but not the hour of a time ("May 31 2025" yes, "May 31 20:08" no).
  if (ReadYearAt(s, q, &y) && s.substr(q + 4, 1) != ":") {
    p = q + 4;
  } else {
    y = 0;
    p = after_day;
  }
  return Finish(s, pos, p, y, month, d, out);
}

// "31 May 2025", "31 May, 2025 20:08", "1st June 2025".
bool ReadDayFirst(std::string_view s, size_t pos, Parsed* out) {
  int64_t d = 0, y = 0;
  size_t nd = ReadNumber(s, pos, 2, &d);
  if (nd == 0) return false;
  size_t p = pos + nd;
  p += OrdinalSuffixAt(s, p);
  size_t q = SkipSpaces(s, p);
  if (q == p) return false;
  unsigned month = 0;
  size_t nm = ReadMonthName(s, q, &month);
  if (nm == 0) return false;
  q += nm;
  size_t after_month = q;
  if (q < s.size() && s[q] == ',') ++q;
  q = SkipSpaces(s, q);
  if (ReadYearAt(s, q, &y)) {
    p = q + 4;
  } else {
    y = 0;
    p = after_month;
  }
  return Finish(s, pos, p, y, month, d, out);
}

int64_t ToEpochMs(const Parsed& p, int64_t year) {
  if (!p.has_time) return CivilToEpochMs(year, p.month, p.day);
  return CivilToEpochMs(year, p.month, p.day, p.time.hour, p.time.minute, p.time.second,
                        p.time.zone_minutes);
}

// The latest year that puts a yearless date at or before the fetch (1970 without a fetch time).
int64_t YearForYearless(const Parsed& parsed, int64_t fetched_at_ms) {
  if (fetched_at_ms <= 0) return 1970;
  int64_t days = fetched_at_ms / kDayMs;
  // Civil year of the fetch (approximate, then corrected below).
  int64_t year = 1970 + days / 365;
  while (DaysFromCivil(year, 1, 1) * kDayMs > fetched_at_ms) --year;
  if (ToEpochMs(parsed, year) > fetched_at_ms + kDayMs) --year;
  return year;
}

// Whether a date must print its year to count ("May 31" alone is often not a publication date).
enum class YearRule { kRequired, kOptional };

// An absolute date at `pos` (weekday prefix allowed).
std::optional<PrintedDate> ReadAbsolute(std::string_view s, size_t pos, int64_t fetched_at_ms,
                                        YearRule year_rule, NumericDateOrder order) {
  size_t start = pos;
  size_t nw = ReadWeekdayName(s, pos);
  if (nw > 0) pos = SkipSpaces(s, pos + nw);
  Parsed parsed;
  bool ok = false;
  if (pos < s.size() && IsAsciiDigit(s[pos])) {
    ok = ReadNumericDate(s, pos, order, &parsed) || ReadDayFirst(s, pos, &parsed);
  } else {
    ok = ReadMonthFirst(s, pos, &parsed);
  }
  if (!ok) return std::nullopt;
  if (parsed.year == 0 && year_rule == YearRule::kRequired) return std::nullopt;
  PrintedDate out;
  out.begin = start;
  out.end = pos + parsed.length;
  out.kind = DateKind::kAbsolute;
  out.has_time = parsed.has_time;
  int64_t year = parsed.year != 0 ? parsed.year : YearForYearless(parsed, fetched_at_ms);
  out.epoch_ms = ToEpochMs(parsed, year);
  if (fetched_at_ms > 0 && out.epoch_ms > fetched_at_ms) out.epoch_ms = fetched_at_ms;
  return out;
}

// Time first: "10:48, Tue, Nov 19, 2019", "9:15 am on May 31, 2025".
std::optional<PrintedDate> ReadTimeThenDate(std::string_view s, size_t pos, int64_t fetched_at_ms,
                                            YearRule year_rule, NumericDateOrder order) {
  TimeOfDay t;
  size_t n = ReadTimeOfDay(s, pos, &t);
  if (n == 0) return std::nullopt;
  size_t p = pos + n;
  if (p < s.size() && s[p] == ',') ++p;
  p = SkipSpaces(s, p);
  if (WordAt(s, p, "on")) p = SkipSpaces(s, p + 2);
  auto d = ReadAbsolute(s, p, /*fetched_at_ms=*/0, year_rule, order);
  if (!d || d->has_time) return std::nullopt;
  d->begin = pos;
  d->has_time = true;
  d->epoch_ms += t.hour * kHourMs + t.minute * kMinuteMs + t.second * kSecondMs -
                 static_cast<int64_t>(t.zone_minutes) * kMinuteMs;
  if (fetched_at_ms > 0 && d->epoch_ms > fetched_at_ms) d->epoch_ms = fetched_at_ms;
  return d;
}

std::optional<PrintedDate> ReadDateAt(std::string_view s, size_t pos, int64_t fetched_at_ms,
                                      YearRule year_rule, NumericDateOrder order) {
  if (auto rel = ReadRelativeDate(s, pos, fetched_at_ms)) return rel;
  if (auto abs = ReadAbsolute(s, pos, fetched_at_ms, year_rule, order)) return abs;
  if (pos < s.size() && IsAsciiDigit(s[pos])) {
    return ReadTimeThenDate(s, pos, fetched_at_ms, year_rule, order);
  }
  return std::nullopt;
}

// Labels that pages print before a date. Longer ones first where one is a prefix of another.
constexpr std::string_view kLabels[] = {"published on", "published", "updated on",   "updated",
                                        "posted on",    "posted",    "last updated", "date",
                                        "time",         "on"};

}  // namespace

std::optional<PrintedDate> ParsePrintedDate(std::string_view text, int64_t fetched_at_ms,
                                            NumericDateOrder order) {
  std::string_view trimmed = text::Trim(text);
  if (trimmed.empty()) return std::nullopt;
  const size_t b = static_cast<size_t>(trimmed.data() - text.data());
  std::string_view s = text.substr(0, b + trimmed.size());
  std::array<size_t, 2> starts = {b, b};
  for (std::string_view label : kLabels) {
    if (StartsWithAt(s, b, label)) {
      size_t p = b + label.size();
      if (p < s.size() && s[p] == ':') ++p;
      starts[1] = SkipSpaces(s, p);
      break;
    }
  }
  for (size_t start : starts) {
    auto d = ReadDateAt(s, start, fetched_at_ms, YearRule::kOptional, order);
    if (!d) continue;
    size_t end = d->end;
    // Trailing punctuation is allowed; anything else means the text is more than a date.
    while (end < s.size() && (s[end] == '.' || s[end] == ',' || s[end] == ' ')) ++end;
    if (end == s.size()) return d;
  }
  return std::nullopt;
}

std::optional<PrintedDate> FindPrintedDate(std::string_view text, int64_t fetched_at_ms,
                                           size_t from, NumericDateOrder order) {
  for (size_t i = from; i < text.size(); ++i) {
    char c = text[i];
    if (!IsAsciiAlnum(c)) continue;
    // Word boundary: a letter or digit may not precede, except that numeric dates may be
    // glued after letters ("time11-06-2025").
    if (i > 0 && IsAsciiAlnum(text[i - 1]) && !(IsAsciiDigit(c) && IsAsciiAlpha(text[i - 1]))) {
      continue;
    }
    if (auto d = ReadDateAt(text, i, fetched_at_ms, YearRule::kRequired, order)) return d;
  }
  return std::nullopt;
}

std::optional<int64_t> FindPrintedDateMs(std::string_view text, std::string_view* found,
                                         NumericDateOrder order) {
  auto d = FindPrintedDate(text, /*fetched_at_ms=*/0, /*from=*/0, order);
  if (!d) return std::nullopt;
  if (found != nullptr) *found = text.substr(d->begin, d->end - d->begin);
  return d->epoch_ms;
}

}  // namespace newsflow
