// Lead-ins: what a paragraph prints before its dateline ("KYODO NEWS - 12 minutes ago - 17:46 |
// World, All", "... file photo <caption> SINGAPORE —", "Yokohama, Aug. 21 (Jiji Press)--").
// StripLeadIn cuts it off and keeps what it says (tags, an absolute date, the agency). Pure
// function on views (into the paragraph): safe from any thread; looks at the first 240 bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/time/printed_date.h"
#include "common/time/relative_date.h"

namespace newsflow {
namespace clean_text {

struct LeadIn {
  std::string_view body;  // the paragraph without the lead-in
  std::vector<std::string_view> tags;
  std::optional<PrintedDate> date;  // an absolute date printed in the lead-in
  std::string_view date_text;
  std::string_view agency;
};

// Removes the lead-in before a dateline or a "source - date | tags" strip at the start of
// paragraph `p`; dates resolve against `fetched_at_ms`. A paragraph without one comes back
// whole as `body`, with nothing else set.
LeadIn StripLeadIn(std::string_view p, int64_t fetched_at_ms);

}  // namespace clean_text
}  // namespace newsflow
