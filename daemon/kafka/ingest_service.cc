#include "daemon/kafka/ingest_service.h"

#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "daemon/kafka/input_codec.h"
#include "daemon/logging.h"
#include "newsflow/v1/state.pb.h"

namespace newsflow {
namespace {

constexpr char kOutcomesNs[] = "outcomes";
// Next offset per partition, written after each committed transaction. On assignment the
// consumer starts at the later of this and the group's committed offset, so a broker that
// lost (or never stored) the transactional offset commit does not make us republish.
constexpr char kOffsetsNs[] = "offsets";
constexpr int kTxnTimeoutMs = 30000;

using SteadyClock = std::chrono::steady_clock;

std::string PartitionKey(const std::string& topic, int32_t partition) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "|%08x", static_cast<unsigned>(partition));
  return topic + buf;
}

std::string OutcomeKey(const RdKafka::Message& m) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "|%08x|%016" PRIx64, static_cast<unsigned>(m.partition()),
                static_cast<uint64_t>(m.offset()));
  return m.topic_name() + buf;
}

Status KafkaError(const std::string& what, RdKafka::Error* e) {
  std::string msg = what + ": " + e->str();
  Status s = e->is_fatal() ? Status::Internal(msg) : Status::Unavailable(msg);
  delete e;
  return s;
}

Status SetConf(RdKafka::Conf* conf, const std::string& k, const std::string& v) {
  std::string err;
  if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) {
    return Status::InvalidArgument("kafka property " + k + "=" + v + ": " + err);
  }
  return Status::Ok();
}

}  // namespace

class IngestService::Impl : public RdKafka::RebalanceCb {
 public:
  Impl(const Config& config, Runtime* runtime) : config_(config), runtime_(runtime) {
    for (const auto& in : config.inputs) formats_[in.topic] = in.format;
  }
  ~Impl() override = default;

  Status Connect();
  Status Run(IngestService* svc);

  // RebalanceCb: drop the batch's messages of revoked partitions (the new owner replays them).
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override;

 private:
  using Batch = std::vector<std::unique_ptr<RdKafka::Message>>;
  Status CollectBatch(const std::atomic<bool>& stop, Batch* batch);
  // Processes and publishes one batch in one transaction.
  Status ProcessBatch(Batch& batch, IngestCounters* counters);
  Status Produce(const std::string& topic, const std::string& key, const std::string& value,
                 RdKafka::Headers* headers);
  void Rewind(const Batch& batch);
  void LogStats(const IngestCounters& c);

  const Config& config_;
  Runtime* runtime_;
  std::map<std::string, InputFormat> formats_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::unique_ptr<RdKafka::Producer> producer_;
  Batch* collecting_ = nullptr;
  std::shared_ptr<spdlog::logger> log_ = Logger("kafka");
  SteadyClock::time_point last_stats_ = SteadyClock::now();
};

void IngestService::Impl::rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                                       std::vector<RdKafka::TopicPartition*>& partitions) {
  if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
    log_->info("assigned {} partition(s)", partitions.size());
    // Start at the later of the group's committed offset and the one we recorded.
    consumer->committed(partitions, 10000);
    for (auto* tp : partitions) {
      std::string v;
      if (!runtime_->store().Get(kOffsetsNs, PartitionKey(tp->topic(), tp->partition()), &v).ok()) {
        continue;
      }
      int64_t ours = std::strtoll(v.c_str(), nullptr, 10);
      if (tp->offset() < 0 || ours > tp->offset()) tp->set_offset(ours);
    }
    for (auto* tp : partitions) {
      log_->debug("start {}[{}] at {}", tp->topic(), tp->partition(), tp->offset());
    }
    consumer->assign(partitions);
    return;
  }
  log_->info("revoked {} partition(s)", partitions.size());
  if (collecting_ != nullptr) {
    std::set<std::pair<std::string, int32_t>> revoked;
    for (auto* tp : partitions) revoked.insert({tp->topic(), tp->partition()});
    Batch kept;
    for (auto& m : *collecting_) {
      if (revoked.count({m->topic_name(), m->partition()}) == 0) kept.push_back(std::move(m));
    }
    collecting_->swap(kept);
  }
  consumer->unassign();
}

Status IngestService::Impl::Connect() {
  const KafkaConfig& k = config_.kafka;
  std::unique_ptr<RdKafka::Conf> cc(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::unique_ptr<RdKafka::Conf> pc(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  // Defaults first: the operator's properties may override them (except what exactly-once
  // needs: group.id and manual offset commits, set again below).
  for (const auto& [key, v] : std::vector<std::pair<std::string, std::string>>{
           {"isolation.level", "read_committed"}, {"auto.offset.reset", "earliest"}}) {
    Status s = SetConf(cc.get(), key, v);
    if (!s.ok()) return s;
  }
  for (auto* conf : {cc.get(), pc.get()}) {
    Status s = SetConf(conf, "bootstrap.servers", k.brokers);
    if (!s.ok()) return s;
    for (const auto& [key, v] : k.properties) {
      s = SetConf(conf, key, v);
      if (!s.ok()) return s;
    }
  }
  for (const auto& [key, v] : k.consumer_properties) {
    Status s = SetConf(cc.get(), key, v);
    if (!s.ok()) return s;
  }
  for (const auto& [key, v] : k.producer_properties) {
    Status s = SetConf(pc.get(), key, v);
    if (!s.ok()) return s;
  }
  for (const auto& [key, v] : std::vector<std::pair<std::string, std::string>>{
           {"group.id", k.group_id},
           {"enable.auto.commit", "false"},
           {"enable.auto.offset.store", "false"}}) {
    Status s = SetConf(cc.get(), key, v);
    if (!s.ok()) return s;
  }
  std::string err;
  if (cc->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(this), err) !=
      RdKafka::Conf::CONF_OK) {
    return Status::Internal("rebalance_cb: " + err);
  }
  for (const auto& [key, v] : std::vector<std::pair<std::string, std::string>>{
           {"transactional.id", k.transactional_id},
           {"transaction.timeout.ms", std::to_string(k.transaction_timeout_ms)},
           {"linger.ms", "5"}}) {
    Status s = SetConf(pc.get(), key, v);
    if (!s.ok()) return s;
  }
  consumer_.reset(RdKafka::KafkaConsumer::create(cc.get(), err));
  if (!consumer_) return Status::InvalidArgument("creating consumer: " + err);
  producer_.reset(RdKafka::Producer::create(pc.get(), err));
  if (!producer_) return Status::InvalidArgument("creating producer: " + err);
  if (RdKafka::Error* e = producer_->init_transactions(kTxnTimeoutMs)) {
    return KafkaError("init_transactions", e);
  }
  std::vector<std::string> topics;
  for (const auto& in : config_.inputs) topics.push_back(in.topic);
  if (RdKafka::ErrorCode e = consumer_->subscribe(topics); e != RdKafka::ERR_NO_ERROR) {
    return Status::Unavailable("subscribe: " + RdKafka::err2str(e));
  }
  log_->info("consuming {} as group {} from {}", fmt::join(topics, ","), k.group_id, k.brokers);
  return Status::Ok();
}

Status IngestService::Impl::CollectBatch(const std::atomic<bool>& stop, Batch* batch) {
  collecting_ = batch;
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(config_.kafka.batch_max_ms);
  Status status;
  while (!stop.load() && static_cast<int>(batch->size()) < config_.kafka.batch_max_messages) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) break;
    std::unique_ptr<RdKafka::Message> m(consumer_->consume(static_cast<int>(
        std::min<int64_t>(left.count(), 100))));
    switch (m->err()) {
      case RdKafka::ERR_NO_ERROR:
        batch->push_back(std::move(m));
        break;
      case RdKafka::ERR__TIMED_OUT:
      case RdKafka::ERR__PARTITION_EOF:
        break;
      case RdKafka::ERR__FATAL:
        status = Status::Internal("consumer: " + m->errstr());
        break;
      default:
        log_->warn("consumer: {}", m->errstr());
        break;
    }
    if (!status.ok()) break;
  }
  collecting_ = nullptr;
  return status;
}

Status IngestService::Impl::Produce(const std::string& topic, const std::string& key,
                                    const std::string& value, RdKafka::Headers* headers) {
  for (;;) {
    RdKafka::ErrorCode e = producer_->produce(
        topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
        const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0, headers,
        nullptr);
    if (e == RdKafka::ERR_NO_ERROR) return Status::Ok();
    if (e == RdKafka::ERR__QUEUE_FULL) {
      producer_->poll(50);
      continue;
    }
    delete headers;
    return Status::Unavailable("produce to " + topic + ": " + RdKafka::err2str(e));
  }
}

void IngestService::Impl::Rewind(const Batch& batch) {
  std::map<std::pair<std::string, int32_t>, int64_t> first;
  for (const auto& m : batch) {
    auto key = std::make_pair(m->topic_name(), m->partition());
    auto it = first.find(key);
    if (it == first.end() || m->offset() < it->second) first[key] = m->offset();
  }
  for (const auto& [tp, offset] : first) {
    std::unique_ptr<RdKafka::TopicPartition> p(
        RdKafka::TopicPartition::create(tp.first, tp.second, offset));
    if (RdKafka::ErrorCode e = consumer_->seek(*p, 5000); e != RdKafka::ERR_NO_ERROR) {
      log_->warn("rewinding {}[{}] to {}: {}", tp.first, tp.second, offset, RdKafka::err2str(e));
    }
  }
}

Status IngestService::Impl::ProcessBatch(Batch& batch, IngestCounters* counters) {
  StateStore& store = runtime_->store();
  Pipeline& pipeline = runtime_->pipeline();
  store.Rollback();
  if (RdKafka::Error* e = producer_->begin_transaction()) return KafkaError("begin_transaction", e);

  Status status;
  std::map<std::pair<std::string, int32_t>, int64_t> next_offsets;
  for (const auto& m : batch) {
    const std::string key = OutcomeKey(*m);
    v1::PageOutcomeRecord rec;
    std::string memo;
    if (store.Get(kOutcomesNs, key, &memo).ok() && rec.ParseFromString(memo)) {
      counters->replayed++;
    } else {
      rec.Clear();
      std::string_view mkey = m->key() ? std::string_view(*m->key()) : std::string_view();
      std::string_view value(static_cast<const char*>(m->payload()), m->len());
      auto raw = DecodeInputMessage(formats_[m->topic_name()], mkey, value,
                                    m->timestamp().timestamp);
      if (!raw.ok()) {
        rec.set_failed_stage("input");
        rec.set_dead_letter_reason(raw.status().ToString());
      } else {
        PageOutcome out = pipeline.Process(*raw);
        if (out.kind == PageOutcome::Kind::kDeadLetter) {
          rec.set_failed_stage(out.failed_stage);
          rec.set_dead_letter_reason(out.dead_letter_reason);
        }
        for (auto& ev : out.events) *rec.add_events() = std::move(ev);
      }
      store.Put(kOutcomesNs, key, rec.SerializeAsString());
    }
    counters->messages++;
    for (const auto& ev : rec.events()) {
      const bool dup = ev.event_type() == v1::ArticleEvent::DUPLICATE;
      RdKafka::Headers* h = RdKafka::Headers::create();
      h->add("newsflow.event_type", v1::ArticleEvent::EventType_Name(ev.event_type()));
      status = Produce(dup ? config_.kafka.duplicates_topic : config_.kafka.articles_topic,
                       ev.article_id(), ev.SerializeAsString(), h);
      if (!status.ok()) break;
      (dup ? counters->duplicates_published : counters->articles_published)++;
    }
    if (status.ok() && !rec.dead_letter_reason().empty()) {
      log_->debug("dead-letter {}: {}", key, rec.dead_letter_reason());
      RdKafka::Headers* h = RdKafka::Headers::create();
      h->add("newsflow.error", rec.dead_letter_reason());
      h->add("newsflow.stage", rec.failed_stage());
      h->add("newsflow.source_topic", m->topic_name());
      h->add("newsflow.source_partition", std::to_string(m->partition()));
      h->add("newsflow.source_offset", std::to_string(m->offset()));
      std::string value(static_cast<const char*>(m->payload()), m->len());
      status = Produce(config_.kafka.dead_letter_topic, m->key() ? *m->key() : std::string(),
                       value, h);
      if (status.ok()) counters->dead_lettered++;
    }
    if (!status.ok()) break;
    auto& next = next_offsets[{m->topic_name(), m->partition()}];
    next = std::max(next, m->offset() + 1);
  }
  if (status.ok()) status = store.Commit();
  if (status.ok()) {
    std::vector<RdKafka::TopicPartition*> offsets;
    for (const auto& [tp, off] : next_offsets) {
      offsets.push_back(RdKafka::TopicPartition::create(tp.first, tp.second, off));
    }
    std::unique_ptr<RdKafka::ConsumerGroupMetadata> meta(consumer_->groupMetadata());
    RdKafka::Error* e =
        producer_->send_offsets_to_transaction(offsets, meta.get(), kTxnTimeoutMs);
    RdKafka::TopicPartition::destroy(offsets);
    if (e != nullptr) status = KafkaError("send_offsets_to_transaction", e);
  }
  if (status.ok()) {
    for (int attempt = 0;; ++attempt) {
      RdKafka::Error* e = producer_->commit_transaction(kTxnTimeoutMs);
      if (e == nullptr) break;
      if (e->is_retriable() && attempt < 5) {
        log_->warn("commit_transaction (retrying): {}", e->str());
        delete e;
        continue;
      }
      status = KafkaError("commit_transaction", e);
      break;
    }
  }
  if (status.ok()) {
    counters->batches++;
    for (const auto& [tp, off] : next_offsets) {
      store.Put(kOffsetsNs, PartitionKey(tp.first, tp.second), std::to_string(off));
    }
    return store.Commit();
  }
  if (status.code() == Status::Code::kInternal) return status;  // fatal: let systemd restart us
  counters->aborted_transactions++;
  log_->warn("batch of {} aborted, will replay: {}", batch.size(), status.ToString());
  store.Rollback();
  if (RdKafka::Error* e = producer_->abort_transaction(kTxnTimeoutMs)) {
    return KafkaError("abort_transaction", e);
  }
  Rewind(batch);
  return Status::Ok();
}

void IngestService::Impl::LogStats(const IngestCounters& c) {
  const int every = config_.log.stats_interval_s;
  if (every <= 0 || SteadyClock::now() - last_stats_ < std::chrono::seconds(every)) return;
  last_stats_ = SteadyClock::now();
  log_->info(
      "stats messages={} batches={} articles={} duplicates={} dead_lettered={} replayed={} "
      "aborted={}",
      c.messages.load(), c.batches.load(), c.articles_published.load(),
      c.duplicates_published.load(), c.dead_lettered.load(), c.replayed.load(),
      c.aborted_transactions.load());
  auto plog = Logger("pipeline");
  for (const auto& s : runtime_->pipeline().stage_counters()) {
    std::string own;
    if (const Stage* stage = runtime_->pipeline().FindStage(s.stage)) {
      for (const auto& [name, value] : stage->OwnCounters()) {
        own += " " + name + "=" + std::to_string(value);
      }
    }
    plog->info("stage={} pages={} dead_lettered={} ms_total={}{}", s.stage, s.pages_in,
               s.dead_lettered, s.nanos / 1000000, own);
  }
}

Status IngestService::Impl::Run(IngestService* svc) {
  Status status;
  while (status.ok()) {
    if (svc->reload_.exchange(false)) {
      Status r = runtime_->ReloadClassifier();
      if (r.ok()) {
        log_->info("classifier reloaded");
      } else {
        log_->error("classifier reload failed, keeping the old model: {}", r.ToString());
      }
    }
    Batch batch;
    status = CollectBatch(svc->stop_, &batch);
    if (status.ok() && !batch.empty()) status = ProcessBatch(batch, &svc->counters_);
    LogStats(svc->counters_);
    if (svc->stop_.load()) break;
  }
  log_->info("stopping: closing consumer");
  consumer_->close();
  producer_->flush(5000);
  return status;
}

std::vector<NamespaceSpec> IngestService::Namespaces(const Config& config) {
  return {{kOutcomesNs, static_cast<int64_t>(config.storage.outcome_retention_days) * 86400},
          {kOffsetsNs, 0}};
}

IngestService::IngestService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IngestService::~IngestService() = default;

StatusOr<std::unique_ptr<IngestService>> IngestService::Create(const Config& config,
                                                               Runtime* runtime) {
  auto impl = std::make_unique<Impl>(config, runtime);
  Status s = impl->Connect();
  if (!s.ok()) return s;
  return std::unique_ptr<IngestService>(new IngestService(std::move(impl)));
}

Status IngestService::Run() { return impl_->Run(this); }

}  // namespace newsflow
