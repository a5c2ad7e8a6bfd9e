// Date parsing for the HTML extractor: ISO-8601 timestamps (JSON-LD, <meta>, <time datetime>),
// dates embedded in URL paths, and dates as printed in a byline ("November 19, 2019",
// "19 Nov 2019 10:42 GMT", "2019-11-19").
//
// All functions are pure, never throw, and return std::nullopt for anything they cannot read as a
// real calendar date (month 13, February 30, year outside 1990..2100). Results are UTC epoch
// milliseconds; a timestamp without a zone is taken as UTC, a date without a time as 00:00 UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "pipeline/civil_time.h"  // DaysFromCivil

namespace newsflow {

// "2019-11-19", "2019-11-19T12:30", "2019-11-19T12:30:05.123+01:00", "2019-11-19 12:30:05Z",
// "20191119T123005Z", "2019-11-19T12:30:05-0500". Leading/trailing whitespace is ignored; any
// other trailing text makes the parse fail.
std::optional<int64_t> ParseIso8601Ms(std::string_view text);

// A date in a URL path: /2019/11/19/, /2019-11-19/, /20191119/ or /2019/11/ (day 1). Only the
// path is looked at (scheme and host are skipped). On success `*found` (if not null) receives the
// matched substring.
std::optional<int64_t> ParseUrlDateMs(std::string_view url, std::string_view* found = nullptr);

// The first date printed in free text: "November 19, 2019", "Nov. 19, 2019 10:42 AM ET",
// "19 November 2019", "19.11.2019", "2019-11-19", "11/19/2019" (US order when ambiguous).
// On success `*found` receives the matched substring (as printed, including a time of day if
// one follows directly). Times of day are applied when present; zone names other than
// UTC/GMT/Z and numeric offsets are ignored (the date is kept, the clock time taken as UTC).
std::optional<int64_t> FindPrintedDateMs(std::string_view text, std::string_view* found = nullptr);

}  // namespace newsflow
