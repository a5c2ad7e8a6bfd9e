// Relative dates as news pages print them — "2 hours ago", "a day ago", "an hour ago",
// "5h ago", "3 weeks ago", "yesterday", "today", "just now" (English, any case) — resolved
// against the time the page was fetched: "N <unit> ago" is fetched_at_ms minus N units (a month
// is 30 days, a year 365), "yesterday" one day before, "today" and "just now" the fetch time.
//
// With `fetched_at_ms <= 0` nothing is recognised (there is nothing to resolve against).
// Pure, never throws, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/time/printed_date.h"

namespace newsflow {

// A relative date starting at byte `pos` of `s` (kind kRelative; has_time for seconds, minutes,
// hours and "just now"), or nullopt.
std::optional<PrintedDate> ReadRelativeDate(std::string_view s, size_t pos, int64_t fetched_at_ms);

// A relative date glued to the end of the text without a space, as innerText prints a
// publisher followed by its date ("The Mainichia day ago" -> "a day ago" starting at the
// last 'a'). Also accepts a normal space. Returns the date's span or nullopt when the text
// does not end in a relative date.
std::optional<PrintedDate> FindTrailingRelativeDate(std::string_view text, int64_t fetched_at_ms);

}  // namespace newsflow
