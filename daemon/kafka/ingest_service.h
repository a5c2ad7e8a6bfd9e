// IngestService: newsflowd's loop — consume pages from the input topics (consumer group),
// run them through the pipeline, publish ArticleEvents, exactly once.
//
// Per batch (up to kafka.batch_max_messages or kafka.batch_max_ms):
//   begin transaction -> for each message: run the pipeline (or, for a message processed
//   before, replay its stored outcome) and produce its events (CREATED/UPDATED to the
//   articles topic keyed by article_id, DUPLICATE to the duplicates topic, unprocessable
//   pages to the dead-letter topic with the reason in the `newsflow.error` header) ->
//   commit the RocksDB batch (state + per-offset outcome memo) -> send the consumer offsets
//   into the transaction -> commit the transaction.
// If the transaction aborts, the consumer is rewound to the batch's first offsets and the
// batch is replayed: the outcome memo makes the replay publish the same events, so nothing
// is published twice and nothing is lost. Consumers read with isolation.level=read_committed.
//
// The parts: OutcomeMemo (outcome_memo.h: what each offset published, for replays),
// PoisonGuard (poison_guard.h: a page the process died on twice is dead-lettered, not run
// again), OffsetLedger (offset_ledger.h: where each partition resumes), TransactionalProducer
// (transactional_producer.h: the Kafka transaction and its error classes).
//
// Errors: a fatal Kafka error (Status::Fatal: fenced, a fatal client error) ends Run() with
// that status, as does a failure to begin a transaction; any other failure of a batch aborts
// its transaction and replays the batch.
//
// Threads: Run() on one thread; RequestStop()/RequestReload() from any thread or a signal
// handler (they only set atomics). The observer is called on Run()'s thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "daemon/config.h"
#include "daemon/runtime.h"
#include "pipeline/status.h"

namespace RdKafka {
class EventCb;
}  // namespace RdKafka

namespace newsflow {

struct IngestCounters {
  std::atomic<uint64_t> messages{0};
  std::atomic<uint64_t> batches{0};
  std::atomic<uint64_t> articles_published{0};
  std::atomic<uint64_t> duplicates_published{0};
  std::atomic<uint64_t> dead_lettered{0};
  std::atomic<uint64_t> replayed{0};  // messages answered from the outcome memo
  std::atomic<uint64_t> aborted_transactions{0};
  std::atomic<uint64_t> careful_batches{0};  // partitions of batches run page by page
  std::atomic<uint64_t> poison_pages{0};     // dead-lettered because newsflowd died on them
  // Cut to fit kafka.max_message_bytes (message_fit.h): event bodies, dead-lettered pages.
  std::atomic<uint64_t> events_cut{0};
  std::atomic<uint64_t> dead_letters_cut{0};
  // Pages whose output the cluster refused twice (refused_messages.h).
  std::atomic<uint64_t> refused_pages{0};
  // ... of them refused a third time, so skipped: nothing published, their offsets committed
  // (counted once, when that commit succeeds).
  std::atomic<uint64_t> refused_skipped{0};
};

// One committed batch: what its transaction published and how long it took (metrics).
struct BatchReport {
  size_t messages = 0;                      // in the batch, memo replays included
  std::chrono::nanoseconds took{0};         // from beginning the transaction to the end
  std::chrono::nanoseconds commit_took{0};  // store commit + offsets + transaction commit
  uint64_t created = 0;                     // events published, by type
  uint64_t updated = 0;
  uint64_t duplicates = 0;
  // Dead letters published, by the stage that refused the page ("input": not decodable,
  // "pipeline": the poison guard's, else a stage's name).
  std::map<std::string, uint64_t> dead_letters;
};

// What the Kafka clients get beyond the config (newsflowd: logging and metrics).
struct KafkaHooks {
  // Receive the consumer's and the producer's logs, errors and statistics; called from
  // librdkafka's threads (logs) and from Run()'s (the rest). Not owned; must outlive the
  // service. nullptr: librdkafka's defaults (logs to stderr).
  RdKafka::EventCb* consumer_event_cb = nullptr;
  RdKafka::EventCb* producer_event_cb = nullptr;
  // The consumer's statistics.interval.ms when > 0; kafka.(consumer_)properties may override.
  int consumer_statistics_interval_ms = 0;
};

// Told how Run() is going (newsflowd: systemd's READY=1 and watchdog), on Run()'s thread.
class IngestObserver {
 public:
  virtual ~IngestObserver() = default;
  // The first partition assignment: the consumer has joined its group. `partitions` may be 0
  // (a group with more members than partitions). Not called again on later rebalances.
  virtual void OnAssigned(size_t partitions) = 0;
  // Each turn of Run()'s loop: after each batch, or after kafka.batch_max_ms without messages.
  // A loop stuck in a batch (a page that never finishes) makes no more calls.
  virtual void OnLoop(const IngestCounters& counters) = 0;
  // Each batch whose transaction committed, before the OnLoop() of its turn.
  virtual void OnBatch(const BatchReport& report) {}
};

class IngestService {
 public:
  // The namespaces of the outcome memo, the offset ledger and the poison guard;
  // Runtime::Open must include them.
  static std::vector<NamespaceSpec> Namespaces(const Config& config);

  // Connects the consumer and the transactional producer. `runtime` must outlive the service.
  static StatusOr<std::unique_ptr<IngestService>> Create(const Config& config, Runtime* runtime,
                                                         const KafkaHooks& hooks = {});
  ~IngestService();

  // Runs until RequestStop(): then finishes the batch in flight, commits, closes the consumer
  // (leaving the group) and returns OK. Returns the error that stopped it otherwise
  // (Status::Fatal for a fatal Kafka error).
  Status Run();
  void RequestStop() { stop_.store(true); }
  // Runs the reloader (by default: reload the classifier's model) between two batches.
  void RequestReload() { reload_.store(true); }
  // Set before Run(): what RequestReload() runs, on Run()'s thread, between two batches
  // (newsflowd: re-read the config file, daemon/config_reload.h). Empty: the default.
  void SetReloader(std::function<void()> reloader);
  // Set before Run(); not owned, must outlive Run(). nullptr (the default): none.
  void SetObserver(IngestObserver* observer);

  const IngestCounters& counters() const { return counters_; }
  // True when Run() ended because another producer with the same transactional id fenced
  // this one (its Status::Fatal names the id).
  bool fenced() const;

 private:
  class Impl;
  explicit IngestService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> reload_{false};
  IngestCounters counters_;
};

}  // namespace newsflow
