// The date printed in a byline or a machine field that holds a human date, as the HTML
// extractor reads it: "November 19, 2019", "Nov. 19, 2019 10:42 AM ET", "19 November 2019",
// "19th Nov 2019", "19.11.2019", "2019-11-19", "11/19/2019".
//
// Unlike FindPrintedDate (printed_date.h) it looks for no relative dates and no time before the
// date, needs no fetch time, and applies only UTC/GMT after a clock time: other zone names and
// numeric offsets are ignored (the clock time is taken as UTC). Dates need a year 1990..2100 and
// a real calendar day. Numeric day/month order follows the rule of numeric_date.h, with `order`
// the page's hint.
//
// Pure, never throws, thread-safe; linear in the text.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/time/numeric_date.h"

namespace newsflow {

// The first such date starting at a word boundary in `text`, as UTC epoch milliseconds, or
// nullopt. On success `*found` (if not null) receives the matched substring as printed,
// including a clock time that follows directly ("Nov. 19, 2019 at 10:42 p.m.").
std::optional<int64_t> FindPrintedDateMs(std::string_view text, std::string_view* found = nullptr,
                                         NumericDateOrder order = NumericDateOrder::kUnknown);

}  // namespace newsflow
