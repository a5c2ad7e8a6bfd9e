// OffsetLedger: the next offset to consume per partition (namespace "offsets",
// pipeline/namespaces.h), recorded with each committed batch. On assignment the consumer
// starts at the later of this and the group's committed offset, so a broker that lost (or never
// stored) a transactional offset commit does not make newsflowd publish a batch again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pipeline/state_store.h"
#include "pipeline/status.h"

namespace newsflow {

class OffsetLedger {
 public:
  static NamespaceSpec Namespace();

  explicit OffsetLedger(StateStore* store) : store_(store) {}

  // The recorded next offset of the partition, or nullopt if none was recorded.
  std::optional<int64_t> Find(const std::string& topic, int32_t partition) const;
  // Records it in the store's open batch (durable with the batch's commit).
  Status Record(const std::string& topic, int32_t partition, int64_t next_offset);

  // Where to start: the later of the group's committed offset (negative: none, a logical
  // offset) and the recorded one.
  static int64_t StartOffset(int64_t group_committed, std::optional<int64_t> recorded);

 private:
  StateStore* store_;
};

}  // namespace newsflow
