#include "daemon/kafka/transactional_producer.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <thread>

#include "daemon/logging.h"

namespace newsflow {
namespace {

constexpr char kTransactionHeader[] = "newsflow.transaction";

// "<transactional.id>/<run>/": run is random, so that a restarted process names its
// transactions apart from the last one's.
std::string TransactionNamePrefix(const std::string& id) {
  std::random_device random;
  return fmt::format("{}/{:08x}/", id, random());
}

}  // namespace

Status StatusFromKafkaError(const std::string& what, RdKafka::Error* error) {
  std::string msg = what + ": " + error->str();
  Status s = error->is_fatal() ? Status::Fatal(msg) : Status::Unavailable(msg);
  delete error;
  return s;
}

namespace {

// Broker errors that name something wrong with the message (or its batch) itself.
bool RefusesTheMessage(RdKafka::ErrorCode e) {
  switch (e) {
    case RdKafka::ERR_MSG_SIZE_TOO_LARGE:
    case RdKafka::ERR_RECORD_LIST_TOO_LARGE:
    case RdKafka::ERR_INVALID_RECORD:
    case RdKafka::ERR_INVALID_MSG:
    case RdKafka::ERR_INVALID_MSG_SIZE:
    case RdKafka::ERR_INVALID_TIMESTAMP:
    case RdKafka::ERR_POLICY_VIOLATION:
      return true;
    default:
      return false;
  }
}

// A newer producer with the same transactional.id has taken over (InitProducerId bumped the
// epoch): this one can never produce again.
bool IsFencing(RdKafka::ErrorCode e) {
  return e == RdKafka::ERR__FENCED || e == RdKafka::ERR_PRODUCER_FENCED ||
         e == RdKafka::ERR_INVALID_PRODUCER_EPOCH;
}

}  // namespace

class TransactionalProducer::DeliveryReports : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    if (!RefusesTheMessage(message.err())) return;
    failures_.push_back({reinterpret_cast<uintptr_t>(message.msg_opaque()),
                         message.topic_name() + ": " + message.errstr()});
  }
  std::vector<DeliveryFailure> Take() { return std::exchange(failures_, {}); }

 private:
  std::vector<DeliveryFailure> failures_;
};

TransactionalProducer::TransactionalProducer(std::unique_ptr<DeliveryReports> reports,
                                             std::unique_ptr<RdKafka::Producer> producer,
                                             int timeout_ms, std::string transactional_id)
    : reports_(std::move(reports)),
      producer_(std::move(producer)),
      timeout_ms_(timeout_ms),
      transactional_id_(std::move(transactional_id)),
      name_prefix_(TransactionNamePrefix(transactional_id_)) {}

TransactionalProducer::~TransactionalProducer() { producer_.reset(); }

StatusOr<std::unique_ptr<TransactionalProducer>> TransactionalProducer::Create(
    RdKafka::Conf* conf, int timeout_ms, int init_timeout_ms) {
  auto reports = std::make_unique<DeliveryReports>();
  std::string err;
  if (conf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(reports.get()), err) !=
      RdKafka::Conf::CONF_OK) {
    return Status::Internal("dr_cb: " + err);
  }
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf, err));
  if (!producer) return Status::InvalidArgument("creating producer: " + err);
  if (RdKafka::Error* e =
          producer->init_transactions(init_timeout_ms < 0 ? timeout_ms : init_timeout_ms)) {
    return StatusFromKafkaError("init_transactions", e);
  }
  std::string id;
  conf->get("transactional.id", id);
  return std::unique_ptr<TransactionalProducer>(new TransactionalProducer(
      std::move(reports), std::move(producer), timeout_ms, std::move(id)));
}

std::vector<TransactionalProducer::DeliveryFailure> TransactionalProducer::TakeDeliveryFailures() {
  return reports_->Take();
}

// librdkafka raises some fatal errors (an idempotence failure, a test's) without telling the
// transaction state machine: ask before beginning or committing a transaction.
Status TransactionalProducer::FatalError(const std::string& what) {
  std::string reason;
  const RdKafka::ErrorCode code = producer_->fatal_error(reason);
  if (code == RdKafka::ERR_NO_ERROR) return Status::Ok();
  if (IsFencing(code)) return Fenced(what, reason);
  return Status::Fatal(what + ": " + reason);
}

Status TransactionalProducer::Failed(const std::string& what, RdKafka::Error* error) {
  if (!IsFencing(error->code())) return StatusFromKafkaError(what, error);
  const std::string reason = error->str();
  delete error;
  return Fenced(what, reason);
}

Status TransactionalProducer::Fenced(const std::string& what, const std::string& reason) {
  fenced_ = true;
  return Status::Fatal(
      "fenced: another producer started with transactional.id \"" + transactional_id_ +
      "\" (two newsflowd instances must never share one): " + what + ": " + reason);
}

Status TransactionalProducer::Begin() {
  if (Status fatal = FatalError("begin_transaction"); !fatal.ok()) return fatal;
  if (RdKafka::Error* e = producer_->begin_transaction()) {
    return Failed("begin_transaction", e);
  }
  transaction_name_ = name_prefix_ + std::to_string(++transactions_);
  open_ = true;
  return Status::Ok();
}

Status TransactionalProducer::Produce(const std::string& topic, std::string_view key,
                                      std::string_view value, const Headers& headers,
                                      uint64_t tag) {
  for (;;) {
    RdKafka::Headers* h = RdKafka::Headers::create();
    for (const auto& [name, v] : headers) h->add(name, v);
    h->add(kTransactionHeader, transaction_name_);
    RdKafka::ErrorCode e =
        producer_->produce(topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                           const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0,
                           h, reinterpret_cast<void*>(static_cast<uintptr_t>(tag)));
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
  auto log = Logger("kafka");
  log->debug("transaction {} committing", transaction_name_);
  Status s = Retry("commit_transaction", /*attempts=*/0, /*abortable_too=*/false,
                   [&] { return producer_->commit_transaction(timeout_ms_); });
  if (s.ok()) {
    log->debug("transaction {} committed", transaction_name_);
    open_ = false;
  }
  return s;
}

// An abort that fails with a retriable or abortable error (a coordinator away, brokers down)
// is tried again until it is done: it resumes, and nothing else can go on meanwhile. A loop
// stuck here for longer than the unit's WatchdogSec is restarted by systemd; the new
// process's init_transactions aborts the transaction for it.
Status TransactionalProducer::Abort() {
  Status s = Retry("abort_transaction", /*attempts=*/0, /*abortable_too=*/true,
                   [&] { return producer_->abort_transaction(timeout_ms_); });
  if (s.ok() && open_) Logger("kafka")->debug("transaction {} aborted", transaction_name_);
  if (s.ok()) open_ = false;
  return s;
}

Status TransactionalProducer::Retry(const char* what, int attempts, bool abortable_too,
                                    const std::function<RdKafka::Error*()>& call) {
  std::chrono::milliseconds wait(100);
  for (int attempt = 1;; ++attempt) {
    RdKafka::Error* e = call();
    if (e == nullptr) return Status::Ok();
    const bool again =
        !e->is_fatal() && (e->is_retriable() || (abortable_too && e->txn_requires_abort()));
    if (!again || attempt == attempts) return Failed(what, e);
    Logger("kafka")->warn("{} (attempt {}, retrying in {} ms): {}", what, attempt, wait.count(),
                          e->str());
    delete e;
    std::this_thread::sleep_for(wait);
    wait = std::min(wait * 2, std::chrono::milliseconds(5000));
  }
}

void TransactionalProducer::Flush(int timeout_ms) { producer_->flush(timeout_ms); }

}  // namespace newsflow
