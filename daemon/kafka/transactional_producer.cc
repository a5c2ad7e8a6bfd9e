#include "daemon/kafka/transactional_producer.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "daemon/logging.h"

namespace newsflow {
namespace {}  // namespace

Status StatusFromKafkaError(const std::string& what, RdKafka::Error* error) {
  std::string msg = what + ": " + error->str();
  Status s = error->is_fatal() ? Status::Fatal(msg) : Status::Unavailable(msg);
  delete error;
  return s;
}

TransactionalProducer::TransactionalProducer(std::unique_ptr<RdKafka::Producer> producer,
                                             int timeout_ms)
    : producer_(std::move(producer)), timeout_ms_(timeout_ms) {}

TransactionalProducer::~TransactionalProducer() = default;

StatusOr<std::unique_ptr<TransactionalProducer>> TransactionalProducer::Create(RdKafka::Conf* conf,
                                                                               int timeout_ms) {
  std::string err;
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf, err));
  if (!producer) return Status::InvalidArgument("creating producer: " + err);
  if (RdKafka::Error* e = producer->init_transactions(timeout_ms)) {
    return StatusFromKafkaError("init_transactions", e);
  }
  return std::unique_ptr<TransactionalProducer>(
      new TransactionalProducer(std::move(producer), timeout_ms));
}

// librdkafka raises some fatal errors (an idempotence failure, a test's) without telling the
// transaction state machine: ask before beginning or committing a transaction.
Status TransactionalProducer::FatalError(const std::string& what) {
  std::string reason;
  if (producer_->fatal_error(reason) == RdKafka::ERR_NO_ERROR) return Status::Ok();
  return Status::Fatal(what + ": " + reason);
}

Status TransactionalProducer::Begin() {
  if (Status fatal = FatalError("begin_transaction"); !fatal.ok()) return fatal;
  if (RdKafka::Error* e = producer_->begin_transaction()) {
    return StatusFromKafkaError("begin_transaction", e);
  }
  return Status::Ok();
}

Status TransactionalProducer::Produce(const std::string& topic, std::string_view key,
                                      std::string_view value, const Headers& headers) {
  for (;;) {
    RdKafka::Headers* h = RdKafka::Headers::create();
    for (const auto& [name, v] : headers) h->add(name, v);
    RdKafka::ErrorCode e = producer_->produce(
        topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
        const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0, h, nullptr);
    if (e == RdKafka::ERR_NO_ERROR) return Status::Ok();  // librdkafka owns the headers now
    delete h;
    if (e == RdKafka::ERR__FATAL) return FatalError("produce to " + topic);
    if (e == RdKafka::ERR_MSG_SIZE_TOO_LARGE) {
      return Status::TooLarge("produce to " + topic + ": " + RdKafka::err2str(e));
    }
    if (e != RdKafka::ERR__QUEUE_FULL) {
      return Status::Unavailable("produce to " + topic + ": " + RdKafka::err2str(e));
    }
    producer_->poll(50);
  }
}

Status TransactionalProducer::SendOffsets(const std::map<TopicPartition, int64_t>& next_offsets,
                                          RdKafka::KafkaConsumer* consumer) {
  std::vector<RdKafka::TopicPartition*> offsets;
  for (const auto& [tp, offset] : next_offsets) {
    offsets.push_back(RdKafka::TopicPartition::create(tp.first, tp.second, offset));
  }
  std::unique_ptr<RdKafka::ConsumerGroupMetadata> group(consumer->groupMetadata());
  Status s = Retry("send_offsets_to_transaction", kMaxAttempts, /*abortable_too=*/false, [&] {
    return producer_->send_offsets_to_transaction(offsets, group.get(), timeout_ms_);
  });
  RdKafka::TopicPartition::destroy(offsets);
  return s;
}

// A retriable commit error means the outcome is not known yet: librdkafka resumes the commit
// when it is called again, so it is called again until the answer is definite (success, an
// abortable error, or a fatal one). The transaction timeout bounds the wait: once it expires
// the coordinator aborts the transaction and the commit fails definitely.
Status TransactionalProducer::Commit() {
  if (Status fatal = FatalError("commit_transaction"); !fatal.ok()) return fatal;
  return Retry("commit_transaction", /*attempts=*/0, /*abortable_too=*/false,
               [&] { return producer_->commit_transaction(timeout_ms_); });
}

// An abort that fails with a retriable or abortable error is tried again (it resumes); after
// kMaxAttempts the error is returned and the daemon exits: a new process's init_transactions
// aborts the transaction for it.
Status TransactionalProducer::Abort() {
  return Retry("abort_transaction", kMaxAttempts, /*abortable_too=*/true,
               [&] { return producer_->abort_transaction(timeout_ms_); });
}

Status TransactionalProducer::Retry(const char* what, int attempts, bool abortable_too,
                                    const std::function<RdKafka::Error*()>& call) {
  std::chrono::milliseconds wait(100);
  for (int attempt = 1;; ++attempt) {
    RdKafka::Error* e = call();
    if (e == nullptr) return Status::Ok();
    const bool again =
        !e->is_fatal() && (e->is_retriable() || (abortable_too && e->txn_requires_abort()));
    if (!again || attempt == attempts) return StatusFromKafkaError(what, e);
    Logger("kafka")->warn("{} (attempt {}, retrying in {} ms): {}", what, attempt, wait.count(),
                          e->str());
    delete e;
    std::this_thread::sleep_for(wait);
    wait = std::min(wait * 2, std::chrono::milliseconds(5000));
  }
}

void TransactionalProducer::Flush(int timeout_ms) { producer_->flush(timeout_ms); }

}  // namespace newsflow
