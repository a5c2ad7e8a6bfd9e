// RefusedMessages: the pages whose output the cluster refused for a reason tied to the message
// (TransactionalProducer::DeliveryFailure: too large for the broker, an invalid record, a
// policy). Such a batch aborts; replayed as it is, it would abort again forever. The rules, as
// the poison guard's for crashes:
// - refused once (in its batch): batches run one message at a time until every refused page
//   is resolved, so an innocent page refused with its batch goes through alone;
// - refused again (alone): its outcome becomes a dead letter of headers only (stage
//   "publish", the reason, the source coordinates; no page);
// - refused even so: nothing is published for it; its offset commits. Once that commits, the
//   page is logged (a warning with its coordinates) and counted (IngestCounters::
//   refused_skipped, newsflow_pages_skipped_total{reason="refused"}).
// Kept in memory: nothing died, and a restart starts the rules over.
#pragma once

#include <map>
#include <string>

#include "daemon/kafka/source_position.h"

namespace newsflow {

class RefusedMessages {
 public:
  enum class Step { kPublish, kDeadLetterHeadersOnly, kSkip };

  void Note(const SourcePosition& position, const std::string& reason);
  // The page is published (its batch committed): forget it.
  void Resolve(const SourcePosition& position);
  bool any() const { return !refusals_.empty(); }
  Step StepFor(const SourcePosition& position) const;
  // The last refusal's reason, "" if none.
  std::string ReasonFor(const SourcePosition& position) const;

 private:
  struct Refusal {
    int count = 0;
    std::string reason;
  };
  std::map<std::string, Refusal> refusals_;  // by PositionKey
};

}  // namespace newsflow
