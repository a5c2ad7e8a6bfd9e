// Turns an input-topic message into a RawPage, per the topic's configured format.
#pragma once

#include <cstdint>
#include <string_view>

#include "daemon/config.h"
#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/status.h"

namespace newsflow {

// kProtobuf: value is a serialized RawPage. kJson: value is RawPage JSON. kBody: value is the
// page body and key its URL; `timestamp_ms` (the message timestamp) is the fetch time.
// InvalidArgument when the value cannot be decoded or has no body.
StatusOr<v1::RawPage> DecodeInputMessage(InputFormat format, std::string_view key,
                                         std::string_view value, int64_t timestamp_ms);

}  // namespace newsflow
