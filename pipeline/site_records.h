// The per-site records of the "site_stats" and "site_lines" namespaces (pipeline/namespaces.h)
// and their one codec each. Both are decimal ASCII, kept as first written so state
// directories stay readable; neither carries a version.
//
// Decoding never fails: a missing or malformed field reads as 0 (as sscanf leaves it).
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

// Per-site counters the pipeline keeps ("site_stats"): statistics, not replay-exact.
struct SiteStats {
  uint64_t pages = 0;
  uint64_t articles = 0;  // created or updated
  uint64_t duplicates = 0;
};

// "pages articles duplicates", e.g. "12 30 4".
std::string EncodeSiteStats(const SiteStats& stats);
SiteStats DecodeSiteStats(std::string_view value);

// How many pages of a site showed a line ("site_lines", clean's learned chrome): a decayed
// count and the day (UTC days since the epoch) it was last updated.
struct SiteLineCount {
  double count = 0;
  int64_t day = 0;
};

// "count day" with the count to three decimals, e.g. "3.500 20240".
std::string EncodeSiteLineCount(const SiteLineCount& c);
SiteLineCount DecodeSiteLineCount(std::string_view value);

}  // namespace newsflow
