#include "daemon/event_json.h"

#include <google/protobuf/util/json_util.h>

namespace newsflow {
namespace {

google::protobuf::util::JsonPrintOptions PrintOptions() {
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  o.always_print_primitive_fields = true;
  o.add_whitespace = false;
  return o;
}

}  // namespace

std::string EventToJson(const v1::ArticleEvent& event) {
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(event, &out, PrintOptions());
  return out;
}

}  // namespace newsflow
