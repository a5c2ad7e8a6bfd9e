#include "daemon/metrics/ingest_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <set>

namespace newsflow {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;
using prometheus::Histogram;

// A stage takes ~0.1-10 ms on a page; seconds for a pathological one.
const Histogram::BucketBoundaries kStageBuckets = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                   0.005,   0.01,   0.025,   0.05,   0.1,   0.25,
                                                   0.5,     1,      2.5,     5};
// A batch: up to kafka.batch_max_messages pages plus a transaction commit.
const Histogram::BucketBoundaries kBatchBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                   1,     2.5,  5,     10,   30,  60};
const Histogram::BucketBoundaries kCommitBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1,    2.5,   10};

double Seconds(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

IngestMetrics::IngestMetrics(const std::vector<std::string>& stages)
    : registry_(std::make_shared<prometheus::Registry>()) {
  AddCounters(stages);
  AddHistograms(stages);
  AddGauges();
}

void IngestMetrics::AddCounters(const std::vector<std::string>& stages) {
  prometheus::Registry& r = *registry_;
  auto counter = [&r](const char* name, const char* help) {
    return &BuildCounter().Name(name).Help(help).Register(r).Add({});
  };
  synced_ = {
      {&IngestCounters::messages,
       counter("newsflow_pages_in_total",
               "Messages taken from the input topics, re-reads after an abort included")},
      {&IngestCounters::replayed,
       counter("newsflow_pages_replayed_total", "Messages answered from the outcome memo")},
      {&IngestCounters::batches, counter("newsflow_batches_total", "Committed batches")},
      {&IngestCounters::aborted_transactions,
       counter("newsflow_aborted_transactions_total", "Batches whose transaction aborted")},
      {&IngestCounters::careful_batches,
       counter("newsflow_careful_batches_total",
               "Partitions of batches run page by page after newsflowd died on them")},
      {&IngestCounters::poison_pages,
       counter("newsflow_poison_pages_total",
               "Pages dead-lettered because newsflowd died on them")},
      {&IngestCounters::events_cut,
       counter("newsflow_events_cut_total", "Event bodies cut to fit kafka.max_message_bytes")},
      {&IngestCounters::dead_letters_cut,
       counter("newsflow_dead_letters_cut_total",
               "Dead letters cut to fit kafka.max_message_bytes")},
  };
  // By reason: "refused" (the cluster refused the page's output three times,
  // refused_messages.h) is the only one so far.
  auto& skipped = BuildCounter()
                      .Name("newsflow_pages_skipped_total")
                      .Help("Pages skipped, nothing published for them, their offsets committed")
                      .Register(r);
  synced_.push_back({&IngestCounters::refused_skipped, &skipped.Add({{"reason", "refused"}})});
  auto& events = BuildCounter()
                     .Name("newsflow_events_out_total")
                     .Help("Events published in committed transactions, by type")
                     .Register(r);
  created_ = &events.Add({{"type", "CREATED"}});
  updated_ = &events.Add({{"type", "UPDATED"}});
  duplicates_ = &events.Add({{"type", "DUPLICATE"}});
  dead_letters_ = &BuildCounter()
                       .Name("newsflow_dead_letters_total")
                       .Help("Dead letters published in committed transactions, by stage")
                       .Register(r);
  for (const char* s : {"input", "pipeline"}) Dead(s);
  for (const auto& s : stages) Dead(s);
}

void IngestMetrics::AddHistograms(const std::vector<std::string>& stages) {
  prometheus::Registry& r = *registry_;
  auto& stage_seconds = BuildHistogram()
                            .Name("newsflow_stage_seconds")
                            .Help("Time one stage took on one page")
                            .Register(r);
  for (const auto& s : stages) {
    stage_seconds_.push_back(&stage_seconds.Add({{"stage", s}}, kStageBuckets));
  }
  batch_seconds_ = &BuildHistogram()
                        .Name("newsflow_batch_seconds")
                        .Help("A committed batch, from beginning its transaction to the end")
                        .Register(r)
                        .Add({}, kBatchBuckets);
  commit_seconds_ = &BuildHistogram()
                         .Name("newsflow_commit_seconds")
                         .Help("Committing a batch: state store, offsets, transaction")
                         .Register(r)
                         .Add({}, kCommitBuckets);
}

void IngestMetrics::AddGauges() {
  prometheus::Registry& r = *registry_;
  auto gauge = [&r](const char* name, const char* help) {
    return &BuildGauge().Name(name).Help(help).Register(r).Add({});
  };
  lag_ = &BuildGauge()
              .Name("newsflow_consumer_lag")
              .Help("Messages behind the last stable offset, per assigned input partition")
              .Register(r);
  disk_ = &BuildGauge()
               .Name("newsflow_state_disk_bytes")
               .Help("RocksDB SST bytes per state namespace")
               .Register(r);
  brokers_ = gauge("newsflow_kafka_brokers", "The Kafka cluster's brokers the consumer knows");
  brokers_up_ = gauge("newsflow_kafka_brokers_up", "Brokers the consumer is connected to");
  ready_ = gauge("newsflow_ready", "1 when /readyz answers 200");
  rss_ = gauge("process_resident_memory_bytes", "Resident memory size in bytes");
  reloads_ = &BuildCounter()
                  .Name("newsflow_config_reloads_total")
                  .Help(
                      "Config reloads (SIGHUP): applied, partial (some keys need a "
                      "restart), rejected (the file was refused, nothing changed)")
                  .Register(r);
  for (const char* result : {"applied", "partial", "rejected"}) reloads_->Add({{"result", result}});
  restart_pending_ = gauge("newsflow_config_restart_pending_keys",
                           "Keys changed in the config file that wait for a restart");
}

void IngestMetrics::RecordConfigReload(const std::string& result, size_t restart_pending_keys) {
  reloads_->Add({{"result", result}}).Increment();
  restart_pending_->Set(static_cast<double>(restart_pending_keys));
}

IngestMetrics::~IngestMetrics() = default;

prometheus::Counter& IngestMetrics::Dead(const std::string& stage) {
  return dead_letters_->Add({{"stage", stage}});
}

void IngestMetrics::SyncCounters(const IngestCounters& counters) {
  for (Synced& s : synced_) {
    const uint64_t now = (counters.*s.field).load();
    if (now > s.last) s.counter->Increment(static_cast<double>(now - s.last));
    s.last = now;
  }
}

void IngestMetrics::RecordBatch(const BatchReport& report) {
  created_->Increment(static_cast<double>(report.created));
  updated_->Increment(static_cast<double>(report.updated));
  duplicates_->Increment(static_cast<double>(report.duplicates));
  for (const auto& [stage, n] : report.dead_letters) Dead(stage).Increment(static_cast<double>(n));
  batch_seconds_->Observe(Seconds(report.took));
  commit_seconds_->Observe(Seconds(report.commit_took));
}

void IngestMetrics::ObserveStage(size_t stage_index, std::chrono::nanoseconds took) {
  if (stage_index < stage_seconds_.size()) stage_seconds_[stage_index]->Observe(Seconds(took));
}

void IngestMetrics::SetConsumerLag(const std::vector<KafkaPartitionLag>& lags) {
  std::lock_guard<std::mutex> lock(lag_mu_);
  std::set<std::pair<std::string, int32_t>> seen;
  for (const auto& l : lags) {
    auto key = std::make_pair(l.topic, l.partition);
    seen.insert(key);
    auto [it, inserted] = lag_series_.try_emplace(key, nullptr);
    if (inserted) {
      it->second = &lag_->Add({{"topic", l.topic}, {"partition", std::to_string(l.partition)}});
    }
    it->second->Set(static_cast<double>(l.lag));
  }
  for (auto it = lag_series_.begin(); it != lag_series_.end();) {
    if (seen.count(it->first) == 0) {
      lag_->Remove(it->second);
      it = lag_series_.erase(it);
    } else {
      ++it;
    }
  }
}

void IngestMetrics::SetKafkaBrokers(int up, int known) {
  brokers_up_->Set(up);
  brokers_->Set(known);
}

void IngestMetrics::SetReady(bool ready) { ready_->Set(ready ? 1 : 0); }

void IngestMetrics::SetStateDiskBytes(const std::string& ns, uint64_t bytes) {
  disk_->Add({{"namespace", ns}}).Set(static_cast<double>(bytes));
}

void IngestMetrics::SetResidentBytes(uint64_t bytes) { rss_->Set(static_cast<double>(bytes)); }

}  // namespace newsflow
