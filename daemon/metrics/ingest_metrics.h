// IngestMetrics: newsflowd's Prometheus metrics (prometheus-cpp), in one registry that the
// HTTP endpoint (metrics_server.h) serves at /metrics. Every name starts with "newsflow_"
// but the process' own (process_resident_memory_bytes):
//
//   newsflow_pages_in_total                 messages taken from the input topics (re-reads
//                                           after an aborted transaction included)
//   newsflow_pages_replayed_total           ... of them answered from the outcome memo
//   newsflow_events_out_total{type}         events in committed transactions: CREATED,
//                                           UPDATED, DUPLICATE
//   newsflow_dead_letters_total{stage}      dead letters in committed transactions, by the
//                                           stage that refused the page ("input", "pipeline"
//                                           for the poison guard, else the stage's name)
//   newsflow_batches_total, newsflow_aborted_transactions_total, newsflow_careful_batches_total,
//   newsflow_poison_pages_total, newsflow_events_cut_total, newsflow_dead_letters_cut_total
//                                           IngestCounters (daemon/kafka/ingest_service.h)
//   newsflow_pages_skipped_total{reason}    pages skipped, nothing published: "refused" (the
//                                           cluster refused their output three times)
//   newsflow_stage_seconds{stage}           histogram: one stage's time on one page
//   newsflow_batch_seconds                  histogram: a committed batch, begin to end
//   newsflow_commit_seconds                 histogram: its commit (store, offsets, txn)
//   newsflow_consumer_lag{topic,partition}  messages behind the partition's last stable
//                                           offset, assigned partitions only
//   newsflow_kafka_brokers, newsflow_kafka_brokers_up  the cluster's brokers, those connected
//   newsflow_ready                          1 when /readyz answers 200
//   newsflow_state_disk_bytes{namespace}    RocksDB SST bytes per namespace
//   newsflow_config_reloads_total{result}   SIGHUP reloads: applied, partial, rejected
//                                           (daemon/config_reload.h)
//   newsflow_config_restart_pending_keys    keys changed in the file that need a restart
//   process_resident_memory_bytes           RSS
//
// Threads: prometheus-cpp's metrics are thread-safe; SyncCounters() keeps the last values it
// saw, so call it from one thread (Run()'s); SetConsumerLag() is serialised inside.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "daemon/kafka/ingest_service.h"
#include "daemon/metrics/kafka_stats.h"

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
class Registry;
template <typename T>
class Family;
}  // namespace prometheus

namespace newsflow {

class IngestMetrics {
 public:
  // `stages`: the pipeline's stages, in order (their histograms and dead-letter series exist
  // from the start, at zero).
  explicit IngestMetrics(const std::vector<std::string>& stages);
  ~IngestMetrics();
  IngestMetrics(const IngestMetrics&) = delete;
  IngestMetrics& operator=(const IngestMetrics&) = delete;

  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

  // Adds what the counters gained since the last call.
  void SyncCounters(const IngestCounters& counters);
  void RecordBatch(const BatchReport& report);
  // `stage_index` as in the constructor's list; others are ignored.
  void ObserveStage(size_t stage_index, std::chrono::nanoseconds took);
  // The assigned partitions' lags; series of partitions not listed are removed.
  void SetConsumerLag(const std::vector<KafkaPartitionLag>& lags);
  void SetKafkaBrokers(int up, int known);
  void SetReady(bool ready);
  void SetStateDiskBytes(const std::string& ns, uint64_t bytes);
  void SetResidentBytes(uint64_t bytes);
  // One config reload's result ("applied", "partial", "rejected") and the keys that still
  // wait for a restart (kept from the last reload that was not rejected).
  void RecordConfigReload(const std::string& result, size_t restart_pending_keys);

 private:
  struct Synced {
    const std::atomic<uint64_t> IngestCounters::*field;
    prometheus::Counter* counter;
    uint64_t last = 0;
  };
  void AddCounters(const std::vector<std::string>& stages);
  void AddHistograms(const std::vector<std::string>& stages);
  void AddGauges();
  prometheus::Counter& Dead(const std::string& stage);

  std::shared_ptr<prometheus::Registry> registry_;
  std::vector<Synced> synced_;
  prometheus::Family<prometheus::Counter>* dead_letters_;
  prometheus::Counter* created_;
  prometheus::Counter* updated_;
  prometheus::Counter* duplicates_;
  std::vector<prometheus::Histogram*> stage_seconds_;
  prometheus::Histogram* batch_seconds_;
  prometheus::Histogram* commit_seconds_;
  prometheus::Family<prometheus::Gauge>* lag_;
  prometheus::Family<prometheus::Gauge>* disk_;
  prometheus::Gauge* brokers_;
  prometheus::Gauge* brokers_up_;
  prometheus::Gauge* ready_;
  prometheus::Gauge* rss_;
  prometheus::Family<prometheus::Counter>* reloads_;
  prometheus::Gauge* restart_pending_;
  std::mutex lag_mu_;
  std::map<std::pair<std::string, int32_t>, prometheus::Gauge*> lag_series_;
};

}  // namespace newsflow
