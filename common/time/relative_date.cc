#include "common/time/relative_date.h"

#include <array>

#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/time/civil_time.h"
#include "common/time/date_scan.h"

namespace newsflow {
namespace {

using date_scan::IsAsciiAlpha;
using date_scan::IsAsciiDigit;
using date_scan::ReadNumber;
using date_scan::SkipSpaces;
using date_scan::StartsWithAt;
using date_scan::WordAt;

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

// "yesterday", "today", "just now" at `pos`, or nullopt.
std::optional<PrintedDate> ReadRelativeWord(std::string_view s, size_t pos, int64_t fetched_at_ms) {
  PrintedDate out;
  out.begin = pos;
  out.kind = DateKind::kRelative;
  if (WordAt(s, pos, "yesterday")) {
    out.end = pos + 9;
    out.epoch_ms = fetched_at_ms - kDayMs;
  } else if (WordAt(s, pos, "today")) {
    out.end = pos + 5;
    out.epoch_ms = fetched_at_ms;
  } else if (WordAt(s, pos, "just now")) {
    out.end = pos + 8;
    out.has_time = true;
    out.epoch_ms = fetched_at_ms;
  } else {
    return std::nullopt;
  }
  return out;
}

// The compact "5h ago" with the unit letter at `p`, right after the count.
std::optional<PrintedDate> ReadCompactUnit(std::string_view s, size_t p, int64_t count,
                                           PrintedDate out, int64_t fetched_at_ms) {
  if (p >= s.size()) return std::nullopt;
  for (const ShortUnit& u : kShortUnits) {
    if (text::AsciiLower(s[p]) != u.name || (p + 1 < s.size() && IsAsciiAlpha(s[p + 1]))) {
      continue;
    }
    size_t q = SkipSpaces(s, p + 1);
    if (q > p + 1 && WordAt(s, q, "ago")) {
      out.end = q + 3;
      out.has_time = u.has_time;
      out.epoch_ms = fetched_at_ms - count * u.ms;
      return out;
    }
  }
  return std::nullopt;
}

// The count of "<count> <unit> ago" at `p`: "a", "an", "one" or digits. Returns the bytes read.
size_t ReadCount(std::string_view s, size_t p, int64_t* count) {
  if (WordAt(s, p, "an")) {
    *count = 1;
    return 2;
  }
  if (WordAt(s, p, "a") || WordAt(s, p, "one")) {
    *count = 1;
    return StartsWithAt(s, p, "one") ? 3 : 1;
  }
  return ReadNumber(s, p, 4, count);
}

// The start of the digits that end at `end`.
size_t DigitsStart(std::string_view s, size_t end) {
  while (end > 0 && IsAsciiDigit(s[end - 1])) --end;
  return end;
}

}  // namespace

std::optional<PrintedDate> ReadRelativeDate(std::string_view s, size_t pos, int64_t fetched_at_ms) {
  if (fetched_at_ms <= 0) return std::nullopt;
  if (auto word = ReadRelativeWord(s, pos, fetched_at_ms)) return word;
  PrintedDate out;
  out.begin = pos;
  out.kind = DateKind::kRelative;
  int64_t count = 0;
  const bool digits = pos < s.size() && IsAsciiDigit(s[pos]);
  size_t n = ReadCount(s, pos, &count);
  if (n == 0) return std::nullopt;
  size_t p = pos + n;
  if (digits) {
    if (auto compact = ReadCompactUnit(s, p, count, out, fetched_at_ms)) return compact;
  }
  size_t q = SkipSpaces(s, p);
  if (q == p) return std::nullopt;
  for (const Unit& u : kUnits) {
    if (!WordAt(s, q, u.name)) continue;
    size_t r = SkipSpaces(s, q + u.name.size());
    if (r == q + u.name.size() || !WordAt(s, r, "ago")) return std::nullopt;
    out.end = r + 3;
    out.has_time = u.has_time;
    out.epoch_ms = fetched_at_ms - count * u.ms;
    return out;
  }
  return std::nullopt;
}

std::optional<PrintedDate> FindTrailingRelativeDate(std::string_view text, int64_t fetched_at_ms) {
  std::string_view s = text::TrimRight(text);
  const bool ends_yesterday = s.size() >= 9 && StartsWithAt(s, s.size() - 9, "yesterday");
  if (!(s.size() >= 3 && StartsWithAt(s, s.size() - 3, "ago")) && !ends_yesterday) {
    return std::nullopt;
  }
  if (ends_yesterday) {
    if (auto d = ReadRelativeDate(s, s.size() - 9, fetched_at_ms)) return d;
  }
  // Walk back over the words of "<count> <unit> ago"; the count may be glued to what precedes.
  size_t p = s.size() - 3;
  while (p > 0 && s[p - 1] == ' ') --p;
  size_t unit_end = p;
  while (p > 0 && IsAsciiAlpha(s[p - 1])) --p;
  if (p == unit_end) return std::nullopt;
  // Compact "5h ago": the unit letter is glued to the count.
  if (p > 0 && IsAsciiDigit(s[p - 1]) && unit_end - p == 1) {
    return ReadRelativeDate(s, DigitsStart(s, p), fetched_at_ms);
  }
  size_t count_end = p;
  while (count_end > 0 && s[count_end - 1] == ' ') --count_end;
  if (count_end == p) return std::nullopt;
  if (count_end > 0 && IsAsciiDigit(s[count_end - 1])) {
    return ReadRelativeDate(s, DigitsStart(s, count_end), fetched_at_ms);
  }
  // "a"/"an"/"one", possibly glued: "Mainichia day ago".
  for (std::string_view w : {"an", "one", "a"}) {
    if (count_end >= w.size() && StartsWithAt(s, count_end - w.size(), w)) {
      // "an" wins over "a" only when a vowel-initial unit follows ("an hour").
      if (w == "an" && !StartsWithAt(s, p, "hour")) continue;
      if (auto d = ReadRelativeDate(s, count_end - w.size(), fetched_at_ms)) return d;
    }
  }
  return std::nullopt;
}

}  // namespace newsflow
