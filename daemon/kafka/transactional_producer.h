// TransactionalProducer: newsflowd's side of a Kafka transaction — begin, produce, add the
// consumer's offsets, commit or abort — with librdkafka's errors turned into Status values:
// a fatal client error (fenced by a newer instance, lost authorisation) is Status::Fatal; a
// message over the size limit Status::TooLarge; any other failure Status::Unavailable (the
// batch aborts and is replayed). Retriable errors are retried here, with a growing wait.
//
// Every message carries the header newsflow.transaction = "<transactional.id>/<run>/<n>": the
// n-th transaction of this producer (run: a random id drawn at Create, so that restarts do not
// reuse a name). The outcome of each is logged at debug ("kafka" logger): "transaction T
// committing", then "transaction T committed" or "transaction T aborted". A reader of a
// cluster that shows aborted transactions (librdkafka's 2.0.2 mock cluster does) can tell from
// the log which messages a real cluster would have shown; a transaction logged "committing"
// and nothing after (the process killed meanwhile) may have gone either way.
//
// One thread uses it at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/kafka/source_position.h"
#include "pipeline/status.h"

namespace RdKafka {
class Conf;
class Error;
class KafkaConsumer;
class Producer;
}  // namespace RdKafka

namespace newsflow {

// `what` failed with `error` (consumed): Fatal when librdkafka says the error is fatal.
Status StatusFromKafkaError(const std::string& what, RdKafka::Error* error);

class TransactionalProducer {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // Creates the producer from `conf` (with transactional.id) and initialises transactions,
  // waiting at most `init_timeout_ms` for that (-1: `timeout_ms`): the first call that needs
  // a broker, so an unreachable cluster is an Unavailable error after that long. Every later
  // call waits at most `timeout_ms`.
  static StatusOr<std::unique_ptr<TransactionalProducer>> Create(RdKafka::Conf* conf,
                                                                 int timeout_ms,
                                                                 int init_timeout_ms = -1);
  ~TransactionalProducer();

  Status Begin();
  // Queues one message in the open transaction (waiting while the local queue is full).
  // `tag` names the message in DeliveryFailures.
  Status Produce(const std::string& topic, std::string_view key, std::string_view value,
                 const Headers& headers, uint64_t tag = 0);

  // A message the cluster refused for a reason tied to the message itself (too large, an
  // invalid record, a policy): retrying it as it is cannot succeed.
  struct DeliveryFailure {
    uint64_t tag = 0;
    std::string reason;
  };
  // The refusals reported since the last call (delivery reports are served while a
  // transaction commits); other delivery errors (timeouts, purges on abort) are not listed.
  std::vector<DeliveryFailure> TakeDeliveryFailures();
  // Adds the next offsets to consume to the transaction, for `consumer`'s group.
  Status SendOffsets(const std::map<TopicPartition, int64_t>& next_offsets,
                     RdKafka::KafkaConsumer* consumer);
  // Commits. A retriable error (the outcome not known yet) is resumed until the answer is
  // definite; an abortable error is returned as Unavailable (abort, then replay). Begin and
  // Commit refuse (Status::Fatal) once the client has raised a fatal error.
  Status Commit();
  // Aborts, resuming on retriable and abortable errors until done.
  Status Abort();
  // Waits for queued messages (at shutdown).
  void Flush(int timeout_ms);

  // The newsflow.transaction header value of the open (or last) transaction.
  const std::string& transaction_name() const { return transaction_name_; }
  // True once a call failed because a newer producer with the same transactional.id fenced
  // this one (a second instance on the same id): that call's Status::Fatal names the id.
  bool fenced() const { return fenced_; }

  // The librdkafka handle (tests inject client errors through it).
  RdKafka::Producer* client() { return producer_.get(); }

 private:
  class DeliveryReports;  // the producer's dr_cb (transactional_producer.cc)

  TransactionalProducer(std::unique_ptr<DeliveryReports> reports,
                        std::unique_ptr<RdKafka::Producer> producer, int timeout_ms,
                        std::string transactional_id);
  static constexpr int kMaxAttempts = 8;

  // Status::Fatal naming `what` if the client has raised a fatal error, else OK.
  Status FatalError(const std::string& what);
  // StatusFromKafkaError, a fencing named as such (and remembered: fenced()).
  Status Failed(const std::string& what, RdKafka::Error* error);
  Status Fenced(const std::string& what, const std::string& reason);
  // Calls `call` until it succeeds or fails definitely: again (with a growing wait) on a
  // retriable error, or with `abortable_too` an abortable one, at most `attempts` times
  // (0 = no limit).
  Status Retry(const char* what, int attempts, bool abortable_too,
               const std::function<RdKafka::Error*()>& call);
  std::unique_ptr<DeliveryReports> reports_;  // outlives producer_, which calls it
  std::unique_ptr<RdKafka::Producer> producer_;
  int timeout_ms_;
  std::string transactional_id_;
  bool fenced_ = false;
  std::string name_prefix_;  // "<transactional.id>/<run>/"
  uint64_t transactions_ = 0;
  std::string transaction_name_;
  bool open_ = false;  // transaction_name_ begun, neither committed nor aborted yet
};

}  // namespace newsflow
