// Printed dates in scraped page text, found and resolved to UTC epoch milliseconds.
//
// News pages print dates in many shapes: relative ("a day ago", "2 hours ago", "yesterday",
// see relative_date.h), numeric ("11-06-2025", "2025-06-11"), spelled-out ("May 31, 2025 20:08
// (JST)", "31 May 2025", "Nov. 19, 2019 8:03 am ET", "Saturday, May 31, 2025"), time first
// ("10:48, Tue, Nov 19, 2019", "9:15 am on May 31, 2025") and ISO 8601
// ("2025-05-31T20:08:00+09:00").
//
// Contract:
// - Relative dates resolve against `fetched_at_ms` (the time the page was fetched).
// - A resolved date is never later than `fetched_at_ms` (a clock skew or an ambiguous year is
//   clamped to the fetch time); with `fetched_at_ms <= 0` no clamping happens and relative
//   dates are not recognised.
// - Absolute dates need a real calendar day in 1970..2100; without a time they resolve to 00:00
//   UTC of that day; with a time and a known zone abbreviation or offset (time_of_day.h), to
//   that instant; with a time and no zone, the time is taken as UTC. A date without a year
//   takes the latest year that does not put it after the fetch.
// - Numeric day/month order: the rule of numeric_date.h, with `order` the page's hint
//   (kUnknown: day-month); year-first forms are always year-month-day.
// - Never throws; text that holds no recognisable date gives std::nullopt. Thread-safe (no
//   shared state); cost linear in the text for Find, constant per start position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/time/numeric_date.h"

namespace newsflow {

enum class DateKind {
  kRelative,  // "2 hours ago", "yesterday": resolved against the fetch time
  kAbsolute,  // a calendar date, with or without a time of day
};

struct PrintedDate {
  size_t begin = 0;  // byte offset of the printed date in the searched text
  size_t end = 0;    // one past its last byte
  DateKind kind = DateKind::kAbsolute;
  bool has_time = false;  // the print names a time of day (or is relative in minutes/hours)
  int64_t epoch_ms = 0;   // resolved instant, UTC
};

// The text (surrounding whitespace ignored) is one printed date and nothing else, optionally
// preceded by a label such as "time", "Published:", "Updated" or "Posted on", optionally
// followed by '.', ',' or spaces. Returns its span (within `text`) and resolved instant, or
// nullopt.
std::optional<PrintedDate> ParsePrintedDate(std::string_view text, int64_t fetched_at_ms,
                                            NumericDateOrder order = NumericDateOrder::kUnknown);

// The first printed date that starts at a word boundary at or after byte `from` in `text`,
// or nullopt. Dates without a year ("May 31") are not searched for here, since in running
// text they are more often datelines or event dates than publication dates.
std::optional<PrintedDate> FindPrintedDate(std::string_view text, int64_t fetched_at_ms,
                                           size_t from = 0,
                                           NumericDateOrder order = NumericDateOrder::kUnknown);

// FindPrintedDate with no fetch time, as the HTML extractor reads a byline or a machine field
// that holds a human date: no relative dates, no clamping, the year must be printed. Returns
// the instant; on success `*found` (if not null) receives the matched text as printed (weekday
// and time included: "Tuesday, Nov. 19, 2019 at 10:42 p.m.").
std::optional<int64_t> FindPrintedDateMs(std::string_view text, std::string_view* found = nullptr,
                                         NumericDateOrder order = NumericDateOrder::kUnknown);

}  // namespace newsflow
