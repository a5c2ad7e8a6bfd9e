#include "common/time/month_names.h"

#include <array>

#include "common/time/date_scan.h"

namespace newsflow {
namespace {

using date_scan::WordAt;

struct Month {
  std::string_view name;
  unsigned number;
};
// Longer names first where one is a prefix of another ("sept" before "sep").
constexpr std::array<Month, 25> kMonths = {{
    {"january", 1},   {"february", 2}, {"march", 3},     {"april", 4},    {"june", 6},
    {"july", 7},      {"august", 8},   {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"sept", 9},     {"jan", 1},       {"feb", 2},      {"mar", 3},
    {"apr", 4},       {"may", 5},      {"jun", 6},       {"jul", 7},      {"aug", 8},
    {"sep", 9},       {"oct", 10},     {"nov", 11},      {"dec", 12},     {"mei", 5},
}};

constexpr std::array<std::string_view, 14> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon",    "tue",     "wed",       "thu",      "fri",    "sat",      "sun"};

}  // namespace

size_t ReadMonthName(std::string_view s, size_t pos, unsigned* month) {
  if (pos >= s.size() || !date_scan::IsAsciiAlpha(s[pos])) return 0;
  for (const Month& m : kMonths) {
    if (!WordAt(s, pos, m.name)) continue;
    *month = m.number;
    size_t end = pos + m.name.size();
    if (end < s.size() && s[end] == '.') ++end;
    return end - pos;
  }
  return 0;
}

size_t ReadWeekdayName(std::string_view s, size_t pos) {
  if (pos >= s.size() || !date_scan::IsAsciiAlpha(s[pos])) return 0;
  for (std::string_view w : kWeekdays) {
    if (!WordAt(s, pos, w)) continue;
    size_t end = pos + w.size();
    if (end < s.size() && s[end] == '.') ++end;
    if (end < s.size() && s[end] == ',') ++end;
    return end - pos;
  }
  return 0;
}

}  // namespace newsflow
