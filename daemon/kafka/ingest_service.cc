#include "daemon/kafka/ingest_service.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "daemon/kafka/ingest_client_conf.h"
#include "daemon/kafka/input_codec.h"
#include "daemon/kafka/kafka_conf.h"
#include "daemon/kafka/message_fit.h"
#include "daemon/kafka/offset_ledger.h"
#include "daemon/kafka/outcome_memo.h"
#include "daemon/kafka/poison_guard.h"
#include "daemon/kafka/refused_messages.h"
#include "daemon/kafka/source_position.h"
#include "daemon/kafka/transactional_producer.h"
#include "daemon/logging.h"
#include "newsflow/v1/state.pb.h"

namespace newsflow {
namespace {

constexpr int kTxnTimeoutMs = 30000;
constexpr std::chrono::milliseconds kFirstReplayWait(100);
constexpr std::chrono::milliseconds kMaxReplayWait(5000);

using SteadyClock = std::chrono::steady_clock;

SourcePosition PositionOf(const RdKafka::Message& m) {
  return {m.topic_name(), m.partition(), m.offset()};
}

std::string_view PayloadOf(const RdKafka::Message& m) {
  return {static_cast<const char*>(m.payload()), m.len()};
}

}  // namespace

class IngestService::Impl : public RdKafka::RebalanceCb {
 public:
  Impl(const Config& config, Runtime* runtime, const KafkaHooks& hooks)
      : config_(config),
        runtime_(runtime),
        hooks_(hooks),
        memo_(&runtime->store()),
        ledger_(&runtime->store()),
        fit_(static_cast<size_t>(config.kafka.max_message_bytes)) {
    for (const auto& in : config.inputs) formats_[in.topic] = in.format;
  }
  ~Impl() override = default;

  Status Connect();
  Status Run(IngestService* svc);
  void SetObserver(IngestObserver* observer) { observer_ = observer; }
  void SetReloader(std::function<void()> reloader) { reloader_ = std::move(reloader); }
  bool fenced() const { return producer_ != nullptr && producer_->fenced(); }

  // RebalanceCb: start assigned partitions at the later of the group's offset and the
  // ledger's; drop the batch's messages of revoked partitions (the new owner replays them).
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override;

 private:
  using Batch = std::vector<std::unique_ptr<RdKafka::Message>>;
  // A message's outcome: from the memo (a replay) or made by this batch (a fresh message).
  struct Outcome {
    bool fresh = true;
    v1::PageOutcomeRecord record;
  };

  Status CollectBatch(const std::atomic<bool>& stop, Batch* batch);
  // Processes and publishes one batch in one transaction.
  Status ProcessBatch(Batch& batch, IngestCounters* counters);
  std::vector<Outcome> RecalledOutcomes(const Batch& batch);
  void ReportCareful(const PoisonGuard& guard, IngestCounters* counters);
  // Gives a fresh message its outcome (the pipeline's, or the poison guard's dead letter).
  Status RunMessage(const RdKafka::Message& m, Outcome* outcome, PoisonGuard* guard,
                    IngestCounters* counters);
  v1::PageOutcomeRecord RunPipeline(const RdKafka::Message& m);
  // Gives a page the cluster refused twice its refusal outcome (refused_messages.h).
  Status ReplaceRefused(const SourcePosition& position, Outcome* outcome, IngestCounters* counters);
  Status Publish(const RdKafka::Message& m, const v1::PageOutcomeRecord& outcome, uint64_t tag,
                 IngestCounters* counters);
  // After an aborted batch: the pages whose messages the cluster refused.
  void NoteRefusals(const Batch& batch);
  // After a committed batch: its refused pages are resolved; those skipped are counted.
  void ResolveRefusals(const Batch& batch, IngestCounters* counters);
  Status CommitTransaction(const std::map<TopicPartition, int64_t>& next_offsets);
  void ReportBatch(const std::vector<Outcome>& outcomes, SteadyClock::time_point started,
                   SteadyClock::duration commit_took);
  Status RecordCommitted(const std::map<TopicPartition, int64_t>& next_offsets, PoisonGuard* guard);
  Status AbortBatch(const Batch& batch, const Status& why, PoisonGuard* guard,
                    IngestCounters* counters);
  void Rewind(const Batch& batch);
  // Waits before a failed batch is replayed (doubling from kFirstReplayWait, reset by a
  // committed batch), so that a broker fault does not become a hot loop.
  void WaitBeforeReplay();
  void LogStats(const IngestCounters& c);
  void Reload();

  const Config& config_;
  Runtime* runtime_;
  KafkaHooks hooks_;
  OutcomeMemo memo_;
  OffsetLedger ledger_;
  MessageFit fit_;
  RefusedMessages refused_;
  std::map<std::string, InputFormat> formats_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::unique_ptr<TransactionalProducer> producer_;
  Batch* collecting_ = nullptr;
  std::shared_ptr<spdlog::logger> log_ = Logger("kafka");
  SteadyClock::time_point last_stats_ = SteadyClock::now();
  const std::atomic<bool>* stop_ = nullptr;
  std::chrono::milliseconds replay_wait_ = kFirstReplayWait;
  IngestObserver* observer_ = nullptr;
  std::function<void()> reloader_;
  bool assigned_once_ = false;
};

void IngestService::Impl::rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                                       std::vector<RdKafka::TopicPartition*>& partitions) {
  if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
    log_->info("assigned {} partition(s)", partitions.size());
    consumer->committed(partitions, 10000);
    for (auto* tp : partitions) {
      tp->set_offset(
          OffsetLedger::StartOffset(tp->offset(), ledger_.Find(tp->topic(), tp->partition())));
      log_->debug("start {}[{}] at {}", tp->topic(), tp->partition(), tp->offset());
    }
    consumer->assign(partitions);
    if (observer_ != nullptr && !assigned_once_) observer_->OnAssigned(partitions.size());
    assigned_once_ = true;
    return;
  }
  log_->info("revoked {} partition(s)", partitions.size());
  if (collecting_ != nullptr) {
    std::set<TopicPartition> revoked;
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
  auto consumer_conf = IngestConsumerConf(config_.kafka, hooks_, this);
  if (!consumer_conf.ok()) return consumer_conf.status();
  auto producer_conf = IngestProducerConf(config_.kafka, hooks_);
  if (!producer_conf.ok()) return producer_conf.status();
  std::string err;
  consumer_.reset(RdKafka::KafkaConsumer::create(consumer_conf->get(), err));
  if (!consumer_) return Status::InvalidArgument("creating consumer: " + err);
  auto producer = TransactionalProducer::Create(producer_conf->get(), kTxnTimeoutMs,
                                                config_.kafka.connect_timeout_ms);
  if (!producer.ok() && producer.status().code() == Status::Code::kUnavailable) {
    return Status::Unavailable(fmt::format(
        "cannot reach the Kafka cluster at {} (kafka.connect_timeout_ms = {}): {}",
        config_.kafka.brokers, config_.kafka.connect_timeout_ms, producer.status().message()));
  }
  if (!producer.ok()) return producer.status();
  producer_ = std::move(producer).value();
  std::vector<std::string> topics;
  for (const auto& in : config_.inputs) topics.push_back(in.topic);
  if (RdKafka::ErrorCode e = consumer_->subscribe(topics); e != RdKafka::ERR_NO_ERROR) {
    return Status::Unavailable("subscribe: " + RdKafka::err2str(e));
  }
  log_->info("consuming {} as group {} from {}", fmt::join(topics, ","), config_.kafka.group_id,
             config_.kafka.brokers);
  return Status::Ok();
}

Status IngestService::Impl::CollectBatch(const std::atomic<bool>& stop, Batch* batch) {
  collecting_ = batch;
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(config_.kafka.batch_max_ms);
  Status status;
  // One message per batch while a refused page is unresolved (refused_messages.h).
  const int limit = refused_.any() ? 1 : config_.kafka.batch_max_messages;
  while (!stop.load() && static_cast<int>(batch->size()) < limit) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) break;
    std::unique_ptr<RdKafka::Message> m(
        consumer_->consume(static_cast<int>(std::min<int64_t>(left.count(), 100))));
    switch (m->err()) {
      case RdKafka::ERR_NO_ERROR:
        batch->push_back(std::move(m));
        break;
      case RdKafka::ERR__TIMED_OUT:
      case RdKafka::ERR__PARTITION_EOF:
        break;
      case RdKafka::ERR__FATAL:
        status = Status::Fatal("consumer: " + m->errstr());
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

// The recipe: replay what the memo knows, guard and run the rest, publish everything, commit
// the store, then the transaction with the consumer's offsets; on failure abort and rewind.
Status IngestService::Impl::ProcessBatch(Batch& batch, IngestCounters* counters) {
  const auto started = SteadyClock::now();
  RocksDbStateStore& store = runtime_->store();
  store.Rollback();
  producer_->TakeDeliveryFailures();  // of an earlier transaction: already handled
  if (Status s = producer_->Begin(); !s.ok()) {
    if (s.IsFatal()) return s;
    // Not in a transaction (an earlier abort that did not finish, a coordinator away): end
    // whatever is open, and replay the batch after a wait.
    log_->warn("batch of {} not started, will replay: {}", batch.size(), s.ToString());
    if (Status aborted = producer_->Abort(); !aborted.ok()) {
      log_->debug("abort before a new transaction: {}", aborted.ToString());
    }
    Rewind(batch);
    WaitBeforeReplay();
    return Status::Ok();
  }
  std::vector<Outcome> outcomes = RecalledOutcomes(batch);
  std::vector<SourcePosition> fresh;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (outcomes[i].fresh) fresh.push_back(PositionOf(*batch[i]));
  }
  PoisonGuard guard(&store);
  Status status = guard.BeginBatch(fresh);
  if (status.ok()) ReportCareful(guard, counters);
  std::map<TopicPartition, int64_t> next_offsets;
  for (size_t i = 0; status.ok() && i < batch.size(); ++i) {
    const RdKafka::Message& m = *batch[i];
    status = RunMessage(m, &outcomes[i], &guard, counters);
    if (status.ok()) status = Publish(m, outcomes[i].record, i + 1, counters);
    int64_t& next = next_offsets[{m.topic_name(), m.partition()}];
    next = std::max(next, m.offset() + 1);
  }
  const auto commit_started = SteadyClock::now();
  if (status.ok()) status = CommitTransaction(next_offsets);
  if (!status.ok()) return AbortBatch(batch, status, &guard, counters);
  const auto commit_took = SteadyClock::now() - commit_started;
  counters->batches++;
  replay_wait_ = kFirstReplayWait;
  ResolveRefusals(batch, counters);
  status = RecordCommitted(next_offsets, &guard);
  if (status.ok()) ReportBatch(outcomes, started, commit_took);
  return status;
}

void IngestService::Impl::ReportBatch(const std::vector<Outcome>& outcomes,
                                      SteadyClock::time_point started,
                                      SteadyClock::duration commit_took) {
  if (observer_ == nullptr) return;
  BatchReport report;
  report.messages = outcomes.size();
  report.took = SteadyClock::now() - started;
  report.commit_took = commit_took;
  for (const Outcome& o : outcomes) {
    for (const auto& ev : o.record.events()) {
      if (ev.event_type() == v1::ArticleEvent::DUPLICATE) {
        report.duplicates++;
      } else {
        (ev.event_type() == v1::ArticleEvent::UPDATED ? report.updated : report.created)++;
      }
    }
    if (!o.record.dead_letter_reason().empty()) report.dead_letters[o.record.failed_stage()]++;
  }
  observer_->OnBatch(report);
}

std::vector<IngestService::Impl::Outcome> IngestService::Impl::RecalledOutcomes(
    const Batch& batch) {
  std::vector<Outcome> outcomes(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (auto recalled = memo_.Find(PositionOf(*batch[i]))) {
      outcomes[i] = {false, std::move(*recalled)};
    }
  }
  return outcomes;
}

void IngestService::Impl::ReportCareful(const PoisonGuard& guard, IngestCounters* counters) {
  for (const auto& p : guard.CarefulPartitions()) {
    counters->careful_batches++;
    log_->error(
        "{}[{}]: newsflowd died while processing offsets {}..{}; processing {}..{} "
        "one page at a time",
        p.topic_partition.first, p.topic_partition.second, p.died_on.first_offset(),
        p.died_on.last_offset(), p.now.first_offset(), p.now.last_offset());
  }
}

Status IngestService::Impl::RunMessage(const RdKafka::Message& m, Outcome* outcome,
                                       PoisonGuard* guard, IngestCounters* counters) {
  counters->messages++;
  const SourcePosition position = PositionOf(m);
  if (refused_.StepFor(position) != RefusedMessages::Step::kPublish) {
    return ReplaceRefused(position, outcome, counters);
  }
  if (!outcome->fresh) {
    counters->replayed++;
    return Status::Ok();
  }
  StatusOr<PoisonGuard::PageVerdict> verdict = guard->BeforePage(position);
  if (!verdict.ok()) return verdict.status();
  if (verdict->dead_letter) {
    log_->error(
        "{}[{}] offset {}: newsflowd died {} times while processing this page; "
        "dead-lettering it",
        position.topic, position.partition, position.offset, verdict->deaths);
    counters->poison_pages++;
    outcome->record.set_failed_stage("pipeline");
    outcome->record.set_dead_letter_reason(fmt::format(
        "newsflowd died while processing this page ({} attempts); skipped", verdict->deaths));
    return memo_.Record(position, outcome->record);
  }
  outcome->record = RunPipeline(m);
  counters->events_cut += fit_.FitOutcome(&outcome->record);
  Status s = memo_.Record(position, outcome->record);
  return s.ok() ? guard->AfterPage() : s;
}

Status IngestService::Impl::ReplaceRefused(const SourcePosition& position, Outcome* outcome,
                                           IngestCounters* counters) {
  const bool skip = refused_.StepFor(position) == RefusedMessages::Step::kSkip;
  log_->error("{}[{}] offset {}: the cluster refused this page's output ({}); {}", position.topic,
              position.partition, position.offset, refused_.ReasonFor(position),
              skip ? "publishing nothing for it" : "dead-lettering it without the page");
  counters->refused_pages++;
  outcome->record.Clear();
  if (!skip) {
    outcome->record.set_failed_stage("publish");
    outcome->record.set_dead_letter_reason(fit_.CutReason(
        "the cluster refused this page's output twice: " + refused_.ReasonFor(position)));
  }
  return memo_.Record(position, outcome->record);
}

v1::PageOutcomeRecord IngestService::Impl::RunPipeline(const RdKafka::Message& m) {
  v1::PageOutcomeRecord record;
  std::string_view key = m.key() ? std::string_view(*m.key()) : std::string_view();
  auto raw =
      DecodeInputMessage(formats_[m.topic_name()], key, PayloadOf(m), m.timestamp().timestamp);
  if (!raw.ok()) {
    record.set_failed_stage("input");
    record.set_dead_letter_reason(raw.status().ToString());
    return record;
  }
  PageOutcome out = runtime_->pipeline().Process(*raw);
  if (out.kind == PageOutcome::Kind::kDeadLetter) {
    record.set_failed_stage(out.failed_stage);
    record.set_dead_letter_reason(out.dead_letter_reason);
  }
  for (auto& ev : out.events) *record.add_events() = std::move(ev);
  return record;
}

Status IngestService::Impl::Publish(const RdKafka::Message& m, const v1::PageOutcomeRecord& outcome,
                                    uint64_t tag, IngestCounters* counters) {
  for (const auto& ev : outcome.events()) {
    const bool dup = ev.event_type() == v1::ArticleEvent::DUPLICATE;
    // docs/consumers.md lists the headers. A replayed event from before schema_version
    // existed (0) is version 1.
    Status s = producer_->Produce(
        dup ? config_.kafka.duplicates_topic : config_.kafka.articles_topic, ev.article_id(),
        ev.SerializeAsString(),
        {{"newsflow.event_type", v1::ArticleEvent::EventType_Name(ev.event_type())},
         {"newsflow.schema_version", std::to_string(std::max<uint32_t>(ev.schema_version(), 1))}},
        tag);
    if (!s.ok()) return s;
    (dup ? counters->duplicates_published : counters->articles_published)++;
  }
  if (outcome.dead_letter_reason().empty()) return Status::Ok();
  log_->debug("dead-letter {}: {}", PositionKey(PositionOf(m)), outcome.dead_letter_reason());
  TransactionalProducer::Headers headers = {
      {"newsflow.error", outcome.dead_letter_reason()},
      {"newsflow.stage", outcome.failed_stage()},
      {"newsflow.source_topic", m.topic_name()},
      {"newsflow.source_partition", std::to_string(m.partition())},
      {"newsflow.source_offset", std::to_string(m.offset())}};
  size_t header_bytes = 64;  // room for newsflow.truncated_from_bytes
  for (const auto& [name, value] : headers) header_bytes += name.size() + value.size();
  MessageFit::DeadLetter letter = fit_.FitDeadLetter(
      m.key() ? std::string_view(*m.key()) : std::string_view(), PayloadOf(m), header_bytes);
  if (refused_.StepFor(PositionOf(m)) == RefusedMessages::Step::kDeadLetterHeadersOnly) {
    letter.value = {};
    letter.cut = true;
  }
  if (letter.cut) {
    headers.emplace_back("newsflow.truncated_from_bytes", std::to_string(m.len()));
    counters->dead_letters_cut++;
  }
  Status s =
      producer_->Produce(config_.kafka.dead_letter_topic, letter.key, letter.value, headers, tag);
  if (s.ok()) counters->dead_lettered++;
  return s;
}

// The store first (state and outcome memo, synced): once the transaction commits, a replay of
// these offsets must find their outcomes.
Status IngestService::Impl::CommitTransaction(
    const std::map<TopicPartition, int64_t>& next_offsets) {
  Status s = runtime_->store().Commit();
  if (s.ok()) s = producer_->SendOffsets(next_offsets, consumer_.get());
  if (s.ok()) s = producer_->Commit();
  return s;
}

Status IngestService::Impl::RecordCommitted(const std::map<TopicPartition, int64_t>& next_offsets,
                                            PoisonGuard* guard) {
  for (const auto& [tp, offset] : next_offsets) {
    if (Status s = ledger_.Record(tp.first, tp.second, offset); !s.ok()) return s;
  }
  guard->EndCommitted();
  return runtime_->store().Commit();
}

Status IngestService::Impl::AbortBatch(const Batch& batch, const Status& why, PoisonGuard* guard,
                                       IngestCounters* counters) {
  // We did not die on these pages: the guard puts its markers back as they were before the
  // batch, or the replay would run in careful mode (or forget a death).
  runtime_->store().Rollback();
  if (Status restored = guard->EndAborted(); !restored.ok()) {
    log_->error("restoring in-flight markers after a failed batch: {}", restored.ToString());
  }
  if (why.IsFatal()) return why;  // stop: systemd restarts us
  counters->aborted_transactions++;
  NoteRefusals(batch);
  log_->warn("batch of {} aborted, will replay: {}", batch.size(), why.ToString());
  if (Status s = producer_->Abort(); !s.ok()) return s;
  Rewind(batch);
  WaitBeforeReplay();
  return Status::Ok();
}

void IngestService::Impl::NoteRefusals(const Batch& batch) {
  for (const auto& failure : producer_->TakeDeliveryFailures()) {
    if (failure.tag == 0 || failure.tag > batch.size()) continue;
    const SourcePosition position = PositionOf(*batch[failure.tag - 1]);
    log_->warn("{}[{}] offset {}: the cluster refused a message of this page: {}", position.topic,
               position.partition, position.offset, failure.reason);
    refused_.Note(position, failure.reason);
  }
}

void IngestService::Impl::ResolveRefusals(const Batch& batch, IngestCounters* counters) {
  for (const auto& m : batch) {
    const SourcePosition position = PositionOf(*m);
    if (refused_.StepFor(position) == RefusedMessages::Step::kSkip) {
      counters->refused_skipped++;
      log_->warn(
          "{}[{}] offset {}: skipped, nothing published: the cluster refused its output "
          "three times ({})",
          position.topic, position.partition, position.offset, refused_.ReasonFor(position));
    }
    refused_.Resolve(position);
  }
}

void IngestService::Impl::WaitBeforeReplay() {
  const auto until = SteadyClock::now() + replay_wait_;
  while (SteadyClock::now() < until && !(stop_ != nullptr && stop_->load())) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  replay_wait_ = std::min(replay_wait_ * 2, kMaxReplayWait);
}

void IngestService::Impl::Rewind(const Batch& batch) {
  std::map<TopicPartition, int64_t> first;
  for (const auto& m : batch) {
    auto [it, inserted] = first.try_emplace({m->topic_name(), m->partition()}, m->offset());
    if (!inserted) it->second = std::min(it->second, m->offset());
  }
  for (const auto& [tp, offset] : first) {
    std::unique_ptr<RdKafka::TopicPartition> p(
        RdKafka::TopicPartition::create(tp.first, tp.second, offset));
    if (RdKafka::ErrorCode e = consumer_->seek(*p, 5000); e != RdKafka::ERR_NO_ERROR) {
      log_->warn("rewinding {}[{}] to {}: {}", tp.first, tp.second, offset, RdKafka::err2str(e));
    }
  }
}

void IngestService::Impl::LogStats(const IngestCounters& c) {
  const int every = config_.log.stats_interval_s;
  if (every <= 0 || SteadyClock::now() - last_stats_ < std::chrono::seconds(every)) return;
  last_stats_ = SteadyClock::now();
  log_->info(
      "stats messages={} batches={} articles={} duplicates={} dead_lettered={} replayed={} "
      "aborted={} careful_batches={} poison_pages={} events_cut={} dead_letters_cut={} "
      "refused_pages={} refused_skipped={}",
      c.messages.load(), c.batches.load(), c.articles_published.load(),
      c.duplicates_published.load(), c.dead_lettered.load(), c.replayed.load(),
      c.aborted_transactions.load(), c.careful_batches.load(), c.poison_pages.load(),
      c.events_cut.load(), c.dead_letters_cut.load(), c.refused_pages.load(),
      c.refused_skipped.load());
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

void IngestService::Impl::Reload() {
  if (reloader_) return reloader_();
  Status r = runtime_->ReloadClassifier();
  if (r.ok()) {
    log_->info("classifier reloaded");
  } else {
    log_->error("classifier reload failed, keeping the old model: {}", r.ToString());
  }
}

Status IngestService::Impl::Run(IngestService* svc) {
  stop_ = &svc->stop_;
  Status status;
  while (status.ok()) {
    if (svc->reload_.exchange(false)) Reload();
    Batch batch;
    status = CollectBatch(svc->stop_, &batch);
    if (status.ok() && !batch.empty()) status = ProcessBatch(batch, &svc->counters_);
    LogStats(svc->counters_);
    if (observer_ != nullptr) observer_->OnLoop(svc->counters_);
    if (svc->stop_.load()) break;
  }
  log_->info("stopping: closing consumer");
  consumer_->close();
  producer_->Flush(5000);
  return status;
}

std::vector<NamespaceSpec> IngestService::Namespaces(const Config& config) {
  return {OutcomeMemo::Namespace(config.storage.outcome_retention_days), OffsetLedger::Namespace(),
          PoisonGuard::Namespace()};
}

IngestService::IngestService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IngestService::~IngestService() = default;

StatusOr<std::unique_ptr<IngestService>> IngestService::Create(const Config& config,
                                                               Runtime* runtime,
                                                               const KafkaHooks& hooks) {
  if (config.kafka.transactional_id.empty()) {
    return Status::InvalidArgument(
        "kafka.transactional_id is empty (newsflowd derives one: daemon/instance_id.h)");
  }
  auto impl = std::make_unique<Impl>(config, runtime, hooks);
  Status s = impl->Connect();
  if (!s.ok()) return s;
  return std::unique_ptr<IngestService>(new IngestService(std::move(impl)));
}

Status IngestService::Run() { return impl_->Run(this); }
void IngestService::SetObserver(IngestObserver* observer) { impl_->SetObserver(observer); }
bool IngestService::fenced() const { return impl_->fenced(); }
void IngestService::SetReloader(std::function<void()> reloader) {
  impl_->SetReloader(std::move(reloader));
}

}  // namespace newsflow
