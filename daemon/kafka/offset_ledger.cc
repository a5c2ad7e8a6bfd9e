#include "daemon/kafka/offset_ledger.h"

#include <cstdlib>

#include "daemon/kafka/source_position.h"
#include "pipeline/namespaces.h"

namespace newsflow {

NamespaceSpec OffsetLedger::Namespace() { return {state_ns::kOffsets, 0}; }

// Values are decimal ASCII (the format state directories were written in).
std::optional<int64_t> OffsetLedger::Find(const std::string& topic, int32_t partition) const {
  std::string value;
  if (!store_->Get(state_ns::kOffsets, PartitionKey(topic, partition), &value).ok()) {
    return std::nullopt;
  }
  char* end = nullptr;
  const long long offset = std::strtoll(value.c_str(), &end, 10);
  if (end == value.c_str() || *end != '\0' || offset < 0) return std::nullopt;
  return offset;
}

Status OffsetLedger::Record(const std::string& topic, int32_t partition, int64_t next_offset) {
  return store_->Put(state_ns::kOffsets, PartitionKey(topic, partition),
                     std::to_string(next_offset));
}

int64_t OffsetLedger::StartOffset(int64_t group_committed, std::optional<int64_t> recorded) {
  if (!recorded) return group_committed;
  return group_committed < 0 || *recorded > group_committed ? *recorded : group_committed;
}

}  // namespace newsflow
