#include "daemon/kafka/input_codec.h"

#include <google/protobuf/util/json_util.h>

namespace newsflow {

StatusOr<v1::RawPage> DecodeInputMessage(InputFormat format, std::string_view key,
                                         std::string_view value, int64_t timestamp_ms) {
  v1::RawPage page;
  switch (format) {
    case InputFormat::kProtobuf:
      if (!page.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        return Status::InvalidArgument("value is not a serialized newsflow.v1.RawPage");
      }
      break;
    case InputFormat::kJson: {
      auto st = google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(value.data(), value.size()), &page);
      if (!st.ok()) {
        return Status::InvalidArgument("value is not RawPage JSON: " + std::string(st.message()));
      }
      break;
    }
    case InputFormat::kBody:
      page.set_url(std::string(key));
      page.set_body(std::string(value));
      break;
  }
  if (page.fetched_at_ms() == 0 && timestamp_ms > 0) page.set_fetched_at_ms(timestamp_ms);
  if (page.body().empty() && page.body_text().empty()) return Status::InvalidArgument("message carries no page body");
  return page;
}

}  // namespace newsflow
