// TransactionalProducer: newsflowd's side of a Kafka transaction — begin, produce, add the
// consumer's offsets, commit or abort — with librdkafka's errors turned into Status values:
// a fatal client error (fenced by a newer instance, lost authorisation) is Status::Fatal, any
// other failure Status::Unavailable (the batch aborts and is replayed).
//
// One thread uses it at a time.
#pragma once

#include <cstdint>
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

  // Creates the producer from `conf` (with transactional.id) and initialises transactions;
  // every call waits at most `timeout_ms`.
  static StatusOr<std::unique_ptr<TransactionalProducer>> Create(RdKafka::Conf* conf,
                                                                 int timeout_ms);
  ~TransactionalProducer();

  Status Begin();
  // Queues one message in the open transaction (waiting while the local queue is full).
  Status Produce(const std::string& topic, std::string_view key, std::string_view value,
                 const Headers& headers);
  // Adds the next offsets to consume to the transaction, for `consumer`'s group.
  Status SendOffsets(const std::map<TopicPartition, int64_t>& next_offsets,
                     RdKafka::KafkaConsumer* consumer);
  // Commits; a retriable error is retried a few times before it is returned. Begin and Commit
  // refuse (Status::Fatal) once the client has raised a fatal error.
  Status Commit();
  Status Abort();
  // Waits for queued messages (at shutdown).
  void Flush(int timeout_ms);

  // The librdkafka handle (tests inject client errors through it).
  RdKafka::Producer* client() { return producer_.get(); }

 private:
  TransactionalProducer(std::unique_ptr<RdKafka::Producer> producer, int timeout_ms);
  // Status::Fatal naming `what` if the client has raised a fatal error, else OK.
  Status FatalError(const std::string& what);
  std::unique_ptr<RdKafka::Producer> producer_;
  int timeout_ms_;
};

}  // namespace newsflow
