#include "daemon/kafka/transactional_producer.h"

#include <librdkafka/rdkafkacpp.h>

#include "daemon/logging.h"

namespace newsflow {
namespace {

constexpr int kCommitAttempts = 6;

}  // namespace

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
  RdKafka::Error* e = producer_->send_offsets_to_transaction(offsets, group.get(), timeout_ms_);
  RdKafka::TopicPartition::destroy(offsets);
  return e == nullptr ? Status::Ok() : StatusFromKafkaError("send_offsets_to_transaction", e);
}

Status TransactionalProducer::Commit() {
  if (Status fatal = FatalError("commit_transaction"); !fatal.ok()) return fatal;
  for (int attempt = 1;; ++attempt) {
    RdKafka::Error* e = producer_->commit_transaction(timeout_ms_);
    if (e == nullptr) return Status::Ok();
    if (!e->is_retriable() || attempt == kCommitAttempts) {
      return StatusFromKafkaError("commit_transaction", e);
    }
    Logger("kafka")->warn("commit_transaction (retrying): {}", e->str());
    delete e;
  }
}

Status TransactionalProducer::Abort() {
  if (RdKafka::Error* e = producer_->abort_transaction(timeout_ms_)) {
    return StatusFromKafkaError("abort_transaction", e);
  }
  return Status::Ok();
}

void TransactionalProducer::Flush(int timeout_ms) { producer_->flush(timeout_ms); }

}  // namespace newsflow
