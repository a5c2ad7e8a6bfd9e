#include "daemon/kafka/ingest_service.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
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
// Poison-page guard (header comment): per partition, the InflightRecord of the batch running.
constexpr char kInflightNs[] = "inflight";
// A page is dead-lettered instead of run again once this many processes died on it: one with
// it in its batch, one with it alone.
constexpr int kMaxPageDeaths = 2;
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

bool Overlaps(const v1::InflightRecord& a, const v1::InflightRecord& b) {
  return a.first_offset() <= b.last_offset() && b.first_offset() <= a.last_offset();
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
  void SetObserver(IngestObserver* observer) { observer_ = observer; }

  // RebalanceCb: drop the batch's messages of revoked partitions (the new owner replays them).
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override;

 private:
  using Batch = std::vector<std::unique_ptr<RdKafka::Message>>;
  using TopicPartition = std::pair<std::string, int32_t>;
  // The poison-page guard's state for one partition of the batch.
  struct Guard {
    v1::InflightRecord marker;  // as written for this batch
    // Careful mode: the previous process died on these offsets. `before` is its marker.
    bool careful = false;
    v1::InflightRecord before;
  };
  using Guards = std::map<TopicPartition, Guard>;
  // Writes and commits the markers of the partitions with fresh messages; sets careful mode
  // where a marker left by a process that died overlaps them.
  Status MarkInflight(const Batch& batch, const std::vector<bool>& fresh, Guards* guards,
                      IngestCounters* counters);
  enum class CarefulVerdict { kRunAlone, kDeadLetter };
  // Careful mode, before a fresh message: kDeadLetter if processes already died on it
  // kMaxPageDeaths times; otherwise records it as the page being processed alone, commits and
  // answers kRunAlone. Sets *deaths to the processes that died on it before.
  StatusOr<CarefulVerdict> MarkCarefulPage(const RdKafka::Message& m, Guard* guard, int* deaths);
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
  IngestObserver* observer_ = nullptr;
  bool assigned_once_ = false;
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
    if (observer_ != nullptr && !assigned_once_) observer_->OnAssigned(partitions.size());
    assigned_once_ = true;
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

Status IngestService::Impl::MarkInflight(const Batch& batch, const std::vector<bool>& fresh,
                                         Guards* guards, IngestCounters* counters) {
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!fresh[i]) continue;
    const auto& m = batch[i];
    auto [it, inserted] = guards->try_emplace({m->topic_name(), m->partition()});
    v1::InflightRecord& r = it->second.marker;
    if (inserted || m->offset() < r.first_offset()) r.set_first_offset(m->offset());
    if (inserted || m->offset() > r.last_offset()) r.set_last_offset(m->offset());
  }
  if (guards->empty()) return Status::Ok();  // a replay: nothing runs the pipeline
  RocksDbStateStore& store = runtime_->store();
  for (auto& [tp, guard] : *guards) {
    const std::string key = PartitionKey(tp.first, tp.second);
    std::string value;
    if (store.Get(kInflightNs, key, &value).ok() && guard.before.ParseFromString(value) &&
        Overlaps(guard.before, guard.marker)) {
      guard.careful = true;
      counters->careful_batches++;
      log_->error(
          "{}[{}]: newsflowd died while processing offsets {}..{}; processing {}..{} "
          "one page at a time",
          tp.first, tp.second, guard.before.first_offset(), guard.before.last_offset(),
          guard.marker.first_offset(), guard.marker.last_offset());
    }
    store.Put(kInflightNs, key, guard.marker.SerializeAsString());
  }
  // Unsynced: the marker must survive the process, not the machine (no careful mode after a
  // power loss). The batch's final commit is synced (storage.sync_wal) and syncs this too.
  return store.Commit(WalSync::kNoSync);
}

StatusOr<IngestService::Impl::CarefulVerdict> IngestService::Impl::MarkCarefulPage(
    const RdKafka::Message& m, Guard* guard, int* deaths) {
  const v1::InflightRecord& before = guard->before;
  if (!guard->careful) {
    // Its partition's last process did not die on it: careful only because the batch is.
    *deaths = 0;
  } else if (before.careful_deaths() > 0) {
    // The previous process was careful too: it died on exactly careful_offset.
    *deaths = before.careful_offset() == m.offset() ? before.careful_deaths() : 0;
  } else {
    // It died on some page of its batch, perhaps this one.
    *deaths = m.offset() >= before.first_offset() && m.offset() <= before.last_offset() ? 1 : 0;
  }
  if (*deaths >= kMaxPageDeaths) return CarefulVerdict::kDeadLetter;
  guard->marker.set_careful_offset(m.offset());
  guard->marker.set_careful_deaths(*deaths + 1);
  RocksDbStateStore& store = runtime_->store();
  store.Put(kInflightNs, PartitionKey(m.topic_name(), m.partition()),
            guard->marker.SerializeAsString());
  // Also commits the outcomes and state of the pages before this one, with the Kafka
  // transaction still open: a process dying now leaves it to abort, and the next one replays
  // those pages from the outcome memo (the same events) instead of running them again.
  Status s = store.Commit(WalSync::kNoSync);
  if (!s.ok()) return s;
  return CarefulVerdict::kRunAlone;
}

Status IngestService::Impl::ProcessBatch(Batch& batch, IngestCounters* counters) {
  RocksDbStateStore& store = runtime_->store();
  Pipeline& pipeline = runtime_->pipeline();
  store.Rollback();
  if (RdKafka::Error* e = producer_->begin_transaction()) return KafkaError("begin_transaction", e);

  // Messages processed before (outcome memo) are replayed; the others are fresh.
  std::vector<v1::PageOutcomeRecord> recs(batch.size());
  std::vector<bool> fresh(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    std::string memo;
    fresh[i] = !(store.Get(kOutcomesNs, OutcomeKey(*batch[i]), &memo).ok() &&
                 recs[i].ParseFromString(memo));
    if (fresh[i]) recs[i].Clear();
  }
  Guards guards;
  Status status = MarkInflight(batch, fresh, &guards, counters);
  const bool careful_batch = std::any_of(guards.begin(), guards.end(),
                                         [](const auto& g) { return g.second.careful; });
  std::map<TopicPartition, int64_t> next_offsets;
  for (size_t i = 0; status.ok() && i < batch.size(); ++i) {
    const auto& m = batch[i];
    const std::string key = OutcomeKey(*m);
    v1::PageOutcomeRecord& rec = recs[i];
    // Careful mode: mark the page as processed alone first, unless it is the poison.
    bool poison = false;
    int deaths = 0;
    if (fresh[i]) {
      Guard& guard = guards.at({m->topic_name(), m->partition()});
      // Once one partition is careful, so is the batch: a death on another partition's page
      // would otherwise be blamed on the careful page before it, whose outcome is not yet
      // committed.
      if (careful_batch) {
        StatusOr<CarefulVerdict> verdict = MarkCarefulPage(*m, &guard, &deaths);
        if (!verdict.ok()) {
          status = verdict.status();
          break;
        }
        poison = *verdict == CarefulVerdict::kDeadLetter;
      }
    }
    if (!fresh[i]) {
      counters->replayed++;
    } else if (poison) {
      log_->error(
          "{}[{}] offset {}: newsflowd died {} times while processing this page; "
          "dead-lettering it",
          m->topic_name(), m->partition(), m->offset(), deaths);
      counters->poison_pages++;
      rec.set_failed_stage("pipeline");
      rec.set_dead_letter_reason(
          fmt::format("newsflowd died while processing this page ({} attempts); skipped", deaths));
      store.Put(kOutcomesNs, key, rec.SerializeAsString());
    } else {
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
      if (careful_batch) {
        // The page survived: its outcome is kept now, so a death on a later page is not
        // blamed on it (the marker still names it, but a memoised page is replayed, not run).
        status = store.Commit(WalSync::kNoSync);
        if (!status.ok()) break;
      }
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
  // After the batch: no marker, except that a careful partition keeps what the dead process's
  // marker says of offsets this batch did not reach (with `aborted`, of all of them), so a page
  // it died on is not given fresh attempts.
  auto drop_markers = [&](bool aborted) {
    for (const auto& [tp, guard] : guards) {
      const std::string key = PartitionKey(tp.first, tp.second);
      if (!guard.careful) {
        store.Delete(kInflightNs, key);
        continue;
      }
      if (aborted) {
        store.Put(kInflightNs, key, guard.before.SerializeAsString());
        continue;
      }
      const int64_t done = guard.marker.last_offset();
      if (guard.before.last_offset() <= done) {
        store.Delete(kInflightNs, key);
        continue;
      }
      v1::InflightRecord rest = guard.before;
      rest.set_first_offset(std::max(rest.first_offset(), done + 1));
      if (rest.careful_deaths() > 0 && rest.careful_offset() <= done) {
        rest.clear_careful_offset();
        rest.clear_careful_deaths();
      }
      store.Put(kInflightNs, key, rest.SerializeAsString());
    }
  };
  if (status.ok()) {
    counters->batches++;
    for (const auto& [tp, off] : next_offsets) {
      store.Put(kOffsetsNs, PartitionKey(tp.first, tp.second), std::to_string(off));
    }
    drop_markers(/*aborted=*/false);
    return store.Commit();
  }
  // We did not die on these pages: put the markers back as they were before the batch, or the
  // replay would run in careful mode (or forget a death).
  store.Rollback();
  drop_markers(/*aborted=*/true);
  if (Status cleared = store.Commit(WalSync::kNoSync); !cleared.ok()) {
    log_->error("restoring in-flight markers after a failed batch: {}", cleared.ToString());
  }
  if (status.code() == Status::Code::kInternal) return status;  // fatal: let systemd restart us
  counters->aborted_transactions++;
  log_->warn("batch of {} aborted, will replay: {}", batch.size(), status.ToString());
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
      "aborted={} careful_batches={} poison_pages={}",
      c.messages.load(), c.batches.load(), c.articles_published.load(),
      c.duplicates_published.load(), c.dead_lettered.load(), c.replayed.load(),
      c.aborted_transactions.load(), c.careful_batches.load(), c.poison_pages.load());
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
    if (observer_ != nullptr) observer_->OnLoop(svc->counters_);
    if (svc->stop_.load()) break;
  }
  log_->info("stopping: closing consumer");
  consumer_->close();
  producer_->flush(5000);
  return status;
}

std::vector<NamespaceSpec> IngestService::Namespaces(const Config& config) {
  return {{kOutcomesNs, static_cast<int64_t>(config.storage.outcome_retention_days) * 86400},
          {kOffsetsNs, 0},
          {kInflightNs, 0}};
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
void IngestService::SetObserver(IngestObserver* observer) { impl_->SetObserver(observer); }

}  // namespace newsflow
