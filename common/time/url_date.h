// Dates in URL paths, as news sites put them in article addresses: "/2019/11/19/",
// "/2019-11-19-story", "/20191119/", "_2019_11_19", and without a day (day 1) "/2019/11",
// "/2019/11/" or "-2019-11-story" (a month not followed by its separator counts only after a
// '/': "/2019-11.html" does not). Only the path is looked at (scheme, host, query and fragment
// are skipped); the date must start right after a '/', '-' or '_'; year 1990..2100 and a real
// calendar day. Results are 00:00 UTC of the day.
//
// Pure, never throws, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsflow {

// The first date in the path of `url` as UTC epoch milliseconds, or nullopt. On success
// `*found` (if not null) receives the matched substring ("2019/11/19").
std::optional<int64_t> ParseUrlDateMs(std::string_view url, std::string_view* found = nullptr);

}  // namespace newsflow
