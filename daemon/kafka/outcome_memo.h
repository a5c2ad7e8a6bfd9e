// OutcomeMemo: what newsflowd published for each consumed message (namespace "outcomes",
// pipeline/namespaces.h), so that a batch replayed after an aborted transaction or a crash
// publishes the same events again instead of running the pipeline a second time.
//
// Writes go into the store's open batch and become durable with it (the batch's commit, or
// the poison guard's commit of a careful page).
#pragma once

#include <optional>

#include "daemon/kafka/source_position.h"
#include "newsflow/v1/state.pb.h"
#include "pipeline/state_store.h"
#include "pipeline/status.h"

namespace newsflow {

class OutcomeMemo {
 public:
  // Outcomes are kept `retention_days` (storage.outcome_retention_days) after their write.
  static NamespaceSpec Namespace(int retention_days);

  explicit OutcomeMemo(StateStore* store) : store_(store) {}

  // The outcome recorded for the message at `position`, or nullopt: the message is fresh.
  std::optional<v1::PageOutcomeRecord> Find(const SourcePosition& position) const;
  Status Record(const SourcePosition& position, const v1::PageOutcomeRecord& outcome);

 private:
  StateStore* store_;
};

}  // namespace newsflow
