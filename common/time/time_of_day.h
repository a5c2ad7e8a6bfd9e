// Printed clock times and the zone that may follow them, as the printed-date reader meets them:
// "20:08", "8:03 am", "8:03 a.m.", "20:08:15", "8pm", "20:08:00.123", each optionally followed by
// a zone: an abbreviation in capitals ("JST", "(JST)", "ET"), one with an offset ("UTC+9",
// "GMT+08:00"), a bare offset ("+0900") or a 'Z' glued to the time.
//
// Ambiguous abbreviations take their most frequent reading in English-language news (CST: US
// Central; IST: India). Pure, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsflow {

struct TimeOfDay {
  int hour = 0;          // 0..23
  int minute = 0;        // 0..59
  int second = 0;        // 0..60 (a leap second is kept as 60)
  int zone_minutes = 0;  // east of UTC; 0 when no zone is printed
};

// A time at `pos`: fills `*t` and returns the bytes consumed (zone included), or 0 when none
// starts there (hour 24, minute 60, "13 pm" are not times).
size_t ReadTimeOfDay(std::string_view s, size_t pos, TimeOfDay* t);

// A zone right after a time ending at `pos` (spaces allowed before it): sets `*offset_minutes`
// and returns the bytes consumed from `pos`, or 0 when none follows.
size_t ReadZone(std::string_view s, size_t pos, int* offset_minutes);

}  // namespace newsflow
