// Printed-date recognition and resolution for scraped page text.
//
// News pages print dates in many shapes: relative ("a day ago", "2 hours ago", "yesterday"),
// numeric ("11-06-2025", "2025-06-11"), spelled-out ("May 31, 2025 20:08 (JST)",
// "31 May 2025", "Nov. 19, 2019 8:03 am ET") and ISO 8601 ("2025-05-31T20:08:00+09:00").
// These functions find such a date in a piece of text and resolve it to UTC epoch
// milliseconds.
//
// Contract:
// - Relative dates resolve against `fetched_at_ms` (the time the page was fetched).
// - A resolved date is never later than `fetched_at_ms` (a clock skew or an ambiguous
//   year is clamped to the fetch time); with `fetched_at_ms <= 0` no clamping happens and
//   relative dates are not recognised.
// - Absolute dates without a time resolve to 00:00 UTC of that day; with a time and a known
//   zone abbreviation or offset, to that instant; with a time and no zone, the time is taken
//   as UTC.
// - Numeric day-month order: "dd-mm-yyyy" unless the first field cannot be a day-of-month
//   reading (then "mm-dd-yyyy"); year-first forms are always "yyyy-mm-dd".
// - Never throws; text that holds no recognisable date gives std::nullopt. Thread-safe
//   (no shared state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "pipeline/civil_time.h"  // DaysFromCivil

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
// preceded by a label such as "time", "Published:", "Updated" or "Posted on".
// Returns its span (within `text`) and resolved instant, or nullopt.
std::optional<PrintedDate> ParsePrintedDate(std::string_view text, int64_t fetched_at_ms);

// The first printed date that starts at a word boundary at or after byte `from` in `text`,
// or nullopt. Dates without a year ("May 31") are not searched for here, since in running
// text they are more often datelines or event dates than publication dates.
std::optional<PrintedDate> FindPrintedDate(std::string_view text, int64_t fetched_at_ms,
                                           size_t from = 0);

// A relative date glued to the end of the text without a space, as innerText prints a
// publisher followed by its date ("The Mainichia day ago" -> "a day ago" starting at the
// last 'a'). Also accepts a normal space. Returns the date's span or nullopt when the text
// does not end in a relative date.
std::optional<PrintedDate> FindTrailingRelativeDate(std::string_view text, int64_t fetched_at_ms);

}  // namespace newsflow
