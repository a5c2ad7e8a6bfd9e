#include "stages/clean/date_text.h"

#include <array>
#include <cstring>

namespace newsflow {
namespace {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kMinuteMs = 60 * kSecondMs;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive: does `s` at `pos` start with the lower-case ASCII word `w`?
bool StartsWithCi(std::string_view s, size_t pos, std::string_view w) {
  if (pos > s.size() || w.size() > s.size() - pos) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (Lower(s[pos + i]) != w[i]) return false;
  }
  return true;
}

// Like StartsWithCi, and the word ends there (no letter follows).
bool WordAt(std::string_view s, size_t pos, std::string_view w) {
  return StartsWithCi(s, pos, w) && (pos + w.size() >= s.size() || !IsAlpha(s[pos + w.size()]));
}

size_t SkipSpaces(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  // A no-break space (U+00A0) is common between date parts.
  while (pos + 1 < s.size() && static_cast<unsigned char>(s[pos]) == 0xC2 &&
         static_cast<unsigned char>(s[pos + 1]) == 0xA0) {
    pos += 2;
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  }
  return pos;
}

// Reads 1..max_digits digits at `pos`; returns the number of digits read (0 on none, or when
// more than max_digits digits follow).
size_t ReadNumber(std::string_view s, size_t pos, size_t max_digits, int64_t* value) {
  size_t n = 0;
  int64_t v = 0;
  while (pos + n < s.size() && IsDigit(s[pos + n])) {
    v = v * 10 + (s[pos + n] - '0');
    ++n;
    if (n > max_digits) return 0;
  }
  *value = v;
  return n;
}

struct Month {
  std::string_view name;
  unsigned number;
};
constexpr std::array<Month, 25> kMonths = {{
    {"january", 1},   {"february", 2}, {"march", 3},     {"april", 4},    {"june", 6},
    {"july", 7},      {"august", 8},   {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"sept", 9},     {"jan", 1},       {"feb", 2},      {"mar", 3},
    {"apr", 4},       {"may", 5},      {"jun", 6},       {"jul", 7},      {"aug", 8},
    {"sep", 9},       {"oct", 10},     {"nov", 11},      {"dec", 12},     {"mei", 5},
}};

// A month name or abbreviation (optionally with a '.') at `pos`. Returns bytes consumed.
size_t ReadMonth(std::string_view s, size_t pos, unsigned* month) {
  if (pos >= s.size() || !IsAlpha(s[pos])) return 0;
  const char first = Lower(s[pos]);
  for (const Month& m : kMonths) {
    if (m.name[0] != first) continue;
    size_t len = m.name.size();
    if (WordAt(s, pos, m.name)) {
      *month = m.number;
      size_t end = pos + len;
      if (end < s.size() && s[end] == '.') ++end;
      return end - pos;
    }
  }
  return 0;
}

constexpr std::array<std::string_view, 14> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon",    "tue",     "wed",       "thu",      "fri",    "sat",      "sun"};

size_t ReadWeekday(std::string_view s, size_t pos) {
  if (pos >= s.size() || !IsAlpha(s[pos])) return 0;
  const char first = Lower(s[pos]);
  for (std::string_view w : kWeekdays) {
    if (w[0] != first) continue;
    size_t len = w.size();
    if (WordAt(s, pos, w)) {
      size_t end = pos + len;
      if (end < s.size() && s[end] == '.') ++end;
      if (end < s.size() && s[end] == ',') ++end;
      return end - pos;
    }
  }
  return 0;
}

struct Zone {
  std::string_view name;
  int offset_minutes;
};
// Common abbreviations in news pages. Ambiguous ones take their most frequent reading in
// English-language news (CST: US Central; IST: India).
constexpr std::array<Zone, 32> kZones = {{
    {"utc", 0},    {"gmt", 0},    {"z", 0},      {"bst", 60},   {"cet", 60},   {"cest", 120},
    {"eet", 120},  {"eest", 180}, {"msk", 180},  {"ist", 330},  {"wib", 420},  {"ict", 420},
    {"hkt", 480},  {"sgt", 480},  {"pht", 480},  {"awst", 480}, {"jst", 540},  {"kst", 540},
    {"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780}, {"est", -300}, {"edt", -240},
    {"et", -300},  {"cst", -360}, {"cdt", -300}, {"ct", -360},  {"mst", -420}, {"mdt", -360},
    {"pst", -480}, {"pdt", -420},
}};

// A time zone after a time: "JST", "(JST)", "UTC+9", "GMT+08:00", "+0900", "Z", "pt".
size_t ReadZone(std::string_view s, size_t pos, int* offset_minutes) {
  size_t p = SkipSpaces(s, pos);
  bool paren = p < s.size() && s[p] == '(';
  if (paren) ++p;
  size_t q = p;
  int offset = 0;
  bool found = false;
  if (q < s.size() && (s[q] == '+' || s[q] == '-')) {
    found = true;  // bare numeric offset
  } else {
    for (const Zone& z : kZones) {
      size_t len = z.name.size();
      // "Z" only glued to a time ("20:08Z"), never as a separate word.
      if (len == 1 && q != pos) continue;
      // Zone abbreviations are printed in capitals; "et" or "est" in lower case are words.
      if (WordAt(s, q, z.name) && q < s.size() && s[q] >= 'A' && s[q] <= 'Z') {
        offset = z.offset_minutes;
        q += len;
        found = true;
        break;
      }
    }
    if (!found) {
      // "PT"-style abbreviations are covered above; anything else is not a zone.
      return 0;
    }
  }
  // Optional numeric offset: +9, +09, +0900, +09:00.
  if (q < s.size() && (s[q] == '+' || s[q] == '-')) {
    int sign = s[q] == '-' ? -1 : 1;
    int64_t h = 0, m = 0;
    size_t n = ReadNumber(s, q + 1, 4, &h);
    if (n > 0) {
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
      if (h <= 14 && m < 60) {
        offset = sign * static_cast<int>(h * 60 + m);
        q = r;
      }
    } else if (q == p) {
      return 0;  // a bare sign without digits
    }
  }
  if (q == p) return 0;
  if (paren) {
    if (q < s.size() && s[q] == ')') {
      ++q;
    } else {
      return 0;
    }
  }
  *offset_minutes = offset;
  return q - pos;
}

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  int second = 0;
  int zone_minutes = 0;
};

// "20:08", "8:03 am", "8:03 a.m.", "20:08:15", "8pm", each optionally followed by a zone.
size_t ReadTime(std::string_view s, size_t pos, TimeOfDay* t) {
  int64_t h = 0, m = 0, sec = 0;
  size_t n = ReadNumber(s, pos, 2, &h);
  if (n == 0) return 0;
  size_t p = pos + n;
  bool has_minutes = false;
  if (p < s.size() && (s[p] == ':' || s[p] == '.')) {
    if (ReadNumber(s, p + 1, 2, &m) == 2) {
      has_minutes = true;
      p += 3;
      if (p < s.size() && s[p] == ':' && ReadNumber(s, p + 1, 2, &sec) == 2) p += 3;
      // ISO fractions of a second.
      if (p < s.size() && s[p] == '.' && p + 1 < s.size() && IsDigit(s[p + 1])) {
        ++p;
        while (p < s.size() && IsDigit(s[p])) ++p;
      }
    }
  }
  size_t q = SkipSpaces(s, p);
  bool pm = false, am = false;
  if (WordAt(s, q, "pm") || StartsWithCi(s, q, "p.m.")) {
    pm = true;
    q += StartsWithCi(s, q, "p.m.") ? 4 : 2;
  } else if (WordAt(s, q, "am") || StartsWithCi(s, q, "a.m.")) {
    am = true;
    q += StartsWithCi(s, q, "a.m.") ? 4 : 2;
  }
  if (!has_minutes && !am && !pm) return 0;
  if (am || pm) {
    if (h < 1 || h > 12) return 0;
    if (pm && h != 12) h += 12;
    if (am && h == 12) h = 0;
    p = q;
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

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1970 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

struct Parsed {
  size_t length = 0;
  int64_t year = 0;  // 0: not printed
  unsigned month = 0;
  unsigned day = 0;
  bool has_time = false;
  TimeOfDay time;
};

// After a date: optional ",", "at", "-", "|" then a time.
void ReadOptionalTime(std::string_view s, Parsed* out, size_t pos) {
  size_t p = pos;
  if (p < s.size() && s[p] == ',') ++p;
  p = SkipSpaces(s, p);
  if (WordAt(s, p, "at")) p = SkipSpaces(s, p + 2);
  if (p < s.size() && (s[p] == '-' || s[p] == '|') && p > pos) p = SkipSpaces(s, p + 1);
  if (p == pos) {
    // ISO 'T' separator.
    if (p < s.size() && s[p] == 'T')
      ++p;
    else
      return;
  }
  TimeOfDay t;
  size_t n = ReadTime(s, p, &t);
  if (n == 0) return;
  out->has_time = true;
  out->time = t;
  out->length = p + n - (pos - out->length);
}

// Numeric dates: yyyy-mm-dd[Thh:mm...], dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy.
bool ReadNumericDate(std::string_view s, size_t pos, Parsed* out) {
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
  if (p < s.size() && IsAlnum(s[p]) && s[p] != 'T') return false;
  int64_t y, m, d;
  if (na == 4 && nc <= 2) {
    y = a, m = b, d = c;
  } else if (nc == 4 && na <= 2) {
    y = c;
    if (a > 12 && b <= 12) {
      d = a, m = b;
    } else if (b > 12 && a <= 12) {
      m = a, d = b;
    } else {
      d = a, m = b;
    }
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

// "May 31, 2025", "Nov. 19, 2019 8:03 am ET", "May 31st 2025", "May 31" (year optional).
bool ReadMonthFirst(std::string_view s, size_t pos, Parsed* out) {
  unsigned month = 0;
  size_t nm = ReadMonth(s, pos, &month);
  if (nm == 0) return false;
  size_t p = SkipSpaces(s, pos + nm);
  if (p == pos + nm && s[p - 1] != '.') return false;
  int64_t d = 0, y = 0;
  size_t nd = ReadNumber(s, p, 2, &d);
  if (nd == 0) return false;
  p += nd;
  for (const char* suffix : {"st", "nd", "rd", "th"}) {
    if (WordAt(s, p, suffix)) {
      p += 2;
      break;
    }
  }
  if (p < s.size() && IsAlnum(s[p])) return false;
  size_t after_day = p;
  size_t q = p;
  if (q < s.size() && s[q] == ',') ++q;
  q = SkipSpaces(s, q);
  size_t ny = ReadNumber(s, q, 4, &y);
  if (ny == 4 && (q + 4 >= s.size() || !IsAlnum(s[q + 4])) && s.substr(q + 4, 1) != ":") {
    p = q + 4;
  } else {
    y = 0;
    p = after_day;
  }
  if (!ValidDate(y == 0 ? 2000 : y, month, d)) return false;
  out->year = y;
  out->month = month;
  out->day = static_cast<unsigned>(d);
  out->length = p - pos;
  ReadOptionalTime(s, out, p);
  return true;
}

// "31 May 2025", "31 May, 2025 20:08", "1st June 2025".
bool ReadDayFirst(std::string_view s, size_t pos, Parsed* out) {
  int64_t d = 0, y = 0;
  size_t nd = ReadNumber(s, pos, 2, &d);
  if (nd == 0) return false;
  size_t p = pos + nd;
  for (const char* suffix : {"st", "nd", "rd", "th"}) {
    if (WordAt(s, p, suffix)) {
      p += 2;
      break;
    }
  }
  size_t q = SkipSpaces(s, p);
  if (q == p) return false;
  unsigned month = 0;
  size_t nm = ReadMonth(s, q, &month);
  if (nm == 0) return false;
  q += nm;
  size_t after_month = q;
  if (q < s.size() && s[q] == ',') ++q;
  q = SkipSpaces(s, q);
  size_t ny = ReadNumber(s, q, 4, &y);
  if (ny == 4 && (q + 4 >= s.size() || !IsAlnum(s[q + 4]))) {
    p = q + 4;
  } else {
    y = 0;
    p = after_month;
  }
  if (!ValidDate(y == 0 ? 2000 : y, month, d)) return false;
  out->year = y;
  out->month = month;
  out->day = static_cast<unsigned>(d);
  out->length = p - pos;
  ReadOptionalTime(s, out, p);
  return true;
}

int64_t ToEpochMs(const Parsed& p, int64_t year) {
  int64_t days = DaysFromCivil(year, p.month, p.day);
  int64_t ms = days * kDayMs;
  if (p.has_time) {
    ms += p.time.hour * kHourMs + p.time.minute * kMinuteMs + p.time.second * kSecondMs;
    ms -= static_cast<int64_t>(p.time.zone_minutes) * kMinuteMs;
  }
  return ms;
}

// Whether a date must print its year to count ("May 31" alone is often not a publication date).
enum class YearRule { kRequired, kOptional };

// An absolute date at `pos` (weekday prefix allowed).
std::optional<PrintedDate> ReadAbsolute(std::string_view s, size_t pos, int64_t fetched_at_ms,
                                        YearRule year_rule) {
  size_t start = pos;
  size_t nw = ReadWeekday(s, pos);
  if (nw > 0) pos = SkipSpaces(s, pos + nw);
  Parsed parsed;
  bool ok = false;
  if (pos < s.size() && IsDigit(s[pos])) {
    ok = ReadNumericDate(s, pos, &parsed) || ReadDayFirst(s, pos, &parsed);
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
  int64_t year = parsed.year;
  if (year == 0) {
    // The latest year that puts the date at or before the fetch.
    year = 1970;
    if (fetched_at_ms > 0) {
      int64_t days = fetched_at_ms / kDayMs;
      // Civil year of the fetch (approximate, then corrected below).
      year = 1970 + days / 365;
      while (DaysFromCivil(year, 1, 1) * kDayMs > fetched_at_ms) --year;
      if (ToEpochMs(parsed, year) > fetched_at_ms + kDayMs) --year;
    }
  }
  out.epoch_ms = ToEpochMs(parsed, year);
  if (fetched_at_ms > 0 && out.epoch_ms > fetched_at_ms) out.epoch_ms = fetched_at_ms;
  return out;
}

struct Unit {
  std::string_view name;
  int64_t ms;
  bool has_time;
};
constexpr std::array<Unit, 20> kUnits = {{
    {"seconds", kSecondMs, true},   {"second", kSecondMs, true},    {"secs", kSecondMs, true},
    {"sec", kSecondMs, true},       {"minutes", kMinuteMs, true},   {"minute", kMinuteMs, true},
    {"mins", kMinuteMs, true},      {"min", kMinuteMs, true},       {"hours", kHourMs, true},
    {"hour", kHourMs, true},        {"hrs", kHourMs, true},         {"hr", kHourMs, true},
    {"days", kDayMs, false},        {"day", kDayMs, false},         {"weeks", 7 * kDayMs, false},
    {"week", 7 * kDayMs, false},    {"months", 30 * kDayMs, false}, {"month", 30 * kDayMs, false},
    {"years", 365 * kDayMs, false}, {"year", 365 * kDayMs, false},
}};
struct ShortUnit {
  char name;
  int64_t ms;
  bool has_time;
};
constexpr std::array<ShortUnit, 5> kShortUnits = {{
    {'s', kSecondMs, true},
    {'m', kMinuteMs, true},
    {'h', kHourMs, true},
    {'d', kDayMs, false},
    {'w', 7 * kDayMs, false},
}};

// "2 hours ago", "a day ago", "an hour ago", "5h ago", "yesterday", "just now".
std::optional<PrintedDate> ReadRelative(std::string_view s, size_t pos, int64_t fetched_at_ms) {
  if (fetched_at_ms <= 0) return std::nullopt;
  PrintedDate out;
  out.begin = pos;
  out.kind = DateKind::kRelative;
  if (WordAt(s, pos, "yesterday")) {
    out.end = pos + 9;
    out.epoch_ms = fetched_at_ms - kDayMs;
    return out;
  }
  if (WordAt(s, pos, "today")) {
    out.end = pos + 5;
    out.epoch_ms = fetched_at_ms;
    return out;
  }
  if (WordAt(s, pos, "just now")) {
    out.end = pos + 8;
    out.has_time = true;
    out.epoch_ms = fetched_at_ms;
    return out;
  }
  int64_t count = 0;
  size_t p = pos;
  if (WordAt(s, p, "an")) {
    count = 1;
    p += 2;
  } else if (WordAt(s, p, "a") || WordAt(s, p, "one")) {
    count = 1;
    p += StartsWithCi(s, p, "one") ? 3 : 1;
  } else {
    size_t n = ReadNumber(s, p, 4, &count);
    if (n == 0) return std::nullopt;
    p += n;
    // Compact form: "5h ago", "30m ago".
    if (p < s.size()) {
      for (const ShortUnit& u : kShortUnits) {
        if (Lower(s[p]) == u.name && (p + 1 >= s.size() || !IsAlpha(s[p + 1]))) {
          size_t q = SkipSpaces(s, p + 1);
          if (q > p + 1 && WordAt(s, q, "ago")) {
            out.end = q + 3;
            out.has_time = u.has_time;
            out.epoch_ms = fetched_at_ms - count * u.ms;
            return out;
          }
        }
      }
    }
  }
  size_t q = SkipSpaces(s, p);
  if (q == p) return std::nullopt;
  for (const Unit& u : kUnits) {
    if (WordAt(s, q, u.name)) {
      size_t r = SkipSpaces(s, q + u.name.size());
      if (r == q + u.name.size() || !WordAt(s, r, "ago")) return std::nullopt;
      out.end = r + 3;
      out.has_time = u.has_time;
      out.epoch_ms = fetched_at_ms - count * u.ms;
      return out;
    }
  }
  return std::nullopt;
}

std::optional<PrintedDate> ReadDateAt(std::string_view s, size_t pos, int64_t fetched_at_ms,
                                      YearRule year_rule) {
  if (auto rel = ReadRelative(s, pos, fetched_at_ms)) return rel;
  if (auto abs = ReadAbsolute(s, pos, fetched_at_ms, year_rule)) return abs;
  // Time first: "10:48, Tue, Nov 19, 2019", "9:15 am on May 31, 2025".
  if (pos < s.size() && IsDigit(s[pos])) {
    TimeOfDay t;
    size_t n = ReadTime(s, pos, &t);
    if (n == 0) return std::nullopt;
    size_t p = pos + n;
    if (p < s.size() && s[p] == ',') ++p;
    p = SkipSpaces(s, p);
    if (WordAt(s, p, "on")) p = SkipSpaces(s, p + 2);
    auto d = ReadAbsolute(s, p, /*fetched_at_ms=*/0, year_rule);
    if (!d || d->has_time) return std::nullopt;
    d->begin = pos;
    d->has_time = true;
    d->epoch_ms += t.hour * kHourMs + t.minute * kMinuteMs + t.second * kSecondMs -
                   static_cast<int64_t>(t.zone_minutes) * kMinuteMs;
    if (fetched_at_ms > 0 && d->epoch_ms > fetched_at_ms) d->epoch_ms = fetched_at_ms;
    return d;
  }
  return std::nullopt;
}

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::optional<PrintedDate> ParsePrintedDate(std::string_view text, int64_t fetched_at_ms) {
  size_t b = 0, e = text.size();
  while (b < e && IsSpaceByte(text[b])) ++b;
  while (e > b && IsSpaceByte(text[e - 1])) --e;
  if (b == e) return std::nullopt;
  std::string_view s = text.substr(0, e);
  // Labels that pages print before a date.
  static constexpr std::string_view kLabels[] = {
      "published on", "published",    "updated on", "updated", "posted on",
      "posted",       "last updated", "date",       "time",    "on"};
  std::array<size_t, 2> starts = {b, b};
  for (std::string_view label : kLabels) {
    if (StartsWithCi(s, b, label)) {
      size_t p = b + label.size();
      if (p < s.size() && s[p] == ':') ++p;
      starts[1] = SkipSpaces(s, p);
      break;
    }
  }
  for (size_t start : starts) {
    auto d = ReadDateAt(s, start, fetched_at_ms, YearRule::kOptional);
    if (!d) continue;
    size_t end = d->end;
    // Trailing punctuation is allowed; anything else means the text is more than a date.
    while (end < s.size() && (s[end] == '.' || s[end] == ',' || s[end] == ' ')) ++end;
    if (end == s.size()) return d;
  }
  return std::nullopt;
}

std::optional<PrintedDate> FindPrintedDate(std::string_view text, int64_t fetched_at_ms,
                                           size_t from) {
  for (size_t i = from; i < text.size(); ++i) {
    char c = text[i];
    if (!IsAlnum(c)) continue;
    // Word boundary: a letter or digit may not precede, except that numeric dates may be
    // glued after letters ("time11-06-2025").
    if (i > 0 && IsAlnum(text[i - 1]) && !(IsDigit(c) && IsAlpha(text[i - 1]))) continue;
    if (auto d = ReadDateAt(text, i, fetched_at_ms, YearRule::kRequired)) return d;
  }
  return std::nullopt;
}

std::optional<PrintedDate> FindTrailingRelativeDate(std::string_view text, int64_t fetched_at_ms) {
  size_t e = text.size();
  while (e > 0 && IsSpaceByte(text[e - 1])) --e;
  std::string_view s = text.substr(0, e);
  if (!(s.size() >= 3 && StartsWithCi(s, s.size() - 3, "ago")) &&
      !(s.size() >= 9 && StartsWithCi(s, s.size() - 9, "yesterday"))) {
    return std::nullopt;
  }
  // Walk back over the words of "<count> <unit> ago"; the count may be glued to what precedes.
  if (s.size() >= 9 && StartsWithCi(s, s.size() - 9, "yesterday")) {
    auto d = ReadRelative(s, s.size() - 9, fetched_at_ms);
    if (d) return d;
  }
  size_t p = s.size() - 3;
  while (p > 0 && s[p - 1] == ' ') --p;
  size_t unit_end = p;
  while (p > 0 && IsAlpha(s[p - 1])) --p;
  if (p == unit_end) return std::nullopt;
  // Compact "5h ago": the unit letter is glued to the count.
  size_t count_end = p;
  if (p > 0 && IsDigit(s[p - 1]) && unit_end - p == 1) {
    size_t q = p;
    while (q > 0 && IsDigit(s[q - 1])) --q;
    return ReadRelative(s, q, fetched_at_ms);
  }
  while (count_end > 0 && s[count_end - 1] == ' ') --count_end;
  if (count_end == p) return std::nullopt;
  if (count_end > 0 && IsDigit(s[count_end - 1])) {
    size_t q = count_end;
    while (q > 0 && IsDigit(s[q - 1])) --q;
    return ReadRelative(s, q, fetched_at_ms);
  }
  // "a"/"an"/"one", possibly glued: "Mainichia day ago".
  for (std::string_view w : {"an", "one", "a"}) {
    if (count_end >= w.size() && StartsWithCi(s, count_end - w.size(), w)) {
      // "an" wins over "a" only when a vowel-initial unit follows ("an hour").
      if (w == "an" && !StartsWithCi(s, p, "hour")) continue;
      auto d = ReadRelative(s, count_end - w.size(), fetched_at_ms);
      if (d) return d;
    }
  }
  return std::nullopt;
}

}  // namespace newsflow
