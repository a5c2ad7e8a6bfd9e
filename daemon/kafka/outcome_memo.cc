#include "daemon/kafka/outcome_memo.h"

#include <string>

#include "pipeline/namespaces.h"

namespace newsflow {

NamespaceSpec OutcomeMemo::Namespace(int retention_days) {
  return {state_ns::kOutcomes, static_cast<int64_t>(retention_days) * 86400};
}

std::optional<v1::PageOutcomeRecord> OutcomeMemo::Find(const SourcePosition& position) const {
  std::string value;
  v1::PageOutcomeRecord outcome;
  if (!store_->Get(state_ns::kOutcomes, PositionKey(position), &value).ok() ||
      !outcome.ParseFromString(value)) {
    return std::nullopt;
  }
  return outcome;
}

Status OutcomeMemo::Record(const SourcePosition& position, const v1::PageOutcomeRecord& outcome) {
  return store_->Put(state_ns::kOutcomes, PositionKey(position), outcome.SerializeAsString());
}

}  // namespace newsflow
