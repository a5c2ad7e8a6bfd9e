// Machine-written timestamps: ISO 8601 / RFC 3339 as JSON-LD, <meta>, <time datetime>, the
// command line and our own events carry them.
//
// ParseIso8601Ms reads, with leading/trailing ASCII whitespace ignored:
//   date        "2019-11-19" (00:00 UTC) or basic "20191119"
//   date-time   date, then 'T', 't' or ' ', then "hh:mm", "hh:mm:ss" or basic "hhmmss", an
//               optional fraction (".123" or ",5", any number of digits, truncated), then an
//               optional zone: 'Z'/'z', "+hh", "+hhmm", "+hh:mm" (or '-'), none meaning UTC.
// It rejects (std::nullopt) anything else: trailing text, a month outside 1..12, a day the
// month does not have (2019-02-29; 2020-02-29 is fine), a year outside 1990..2100, an hour above
// 23 except "24:00:00" (midnight ending the day), a minute above 59, a second above 60 (a leap
// second 60 reads as second 0 of the next minute), an offset above 14:59.
//
// Pure, never throws, thread-safe, no allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsflow {

// UTC epoch milliseconds of an ISO 8601 / RFC 3339 timestamp, or nullopt (rules above).
std::optional<int64_t> ParseIso8601Ms(std::string_view text);

// RFC 3339 UTC with second precision ("2025-06-01T12:00:00Z", milliseconds truncated);
// "" for epoch_ms <= 0.
std::string FormatRfc3339(int64_t epoch_ms);

}  // namespace newsflow
