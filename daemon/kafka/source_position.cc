#include "daemon/kafka/source_position.h"

#include <cinttypes>
#include <cstdio>

namespace newsflow {

std::string PartitionKey(const std::string& topic, int32_t partition) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "|%08x", static_cast<unsigned>(partition));
  return topic + buf;
}

std::string PositionKey(const SourcePosition& position) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "|%016" PRIx64, static_cast<uint64_t>(position.offset));
  return PartitionKey(position.topic, position.partition) + buf;
}

}  // namespace newsflow
