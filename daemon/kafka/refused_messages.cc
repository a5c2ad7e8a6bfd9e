#include "daemon/kafka/refused_messages.h"

namespace newsflow {

void RefusedMessages::Note(const SourcePosition& position, const std::string& reason) {
  Refusal& r = refusals_[PositionKey(position)];
  r.count++;
  r.reason = reason;
}

void RefusedMessages::Resolve(const SourcePosition& position) {
  refusals_.erase(PositionKey(position));
}

RefusedMessages::Step RefusedMessages::StepFor(const SourcePosition& position) const {
  auto it = refusals_.find(PositionKey(position));
  if (it == refusals_.end() || it->second.count < 2) return Step::kPublish;
  return it->second.count == 2 ? Step::kDeadLetterHeadersOnly : Step::kSkip;
}

std::string RefusedMessages::ReasonFor(const SourcePosition& position) const {
  auto it = refusals_.find(PositionKey(position));
  return it == refusals_.end() ? std::string() : it->second.reason;
}

}  // namespace newsflow
