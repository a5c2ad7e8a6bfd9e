#include "daemon/metrics/daemon_metrics.h"

#include <unistd.h>

#include <fstream>

namespace newsflow {
namespace {

constexpr auto kRefreshEvery = std::chrono::seconds(1);

// The resident set size from /proc/self/statm (its second field, in pages); 0 if unreadable.
uint64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size_pages = 0, resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

DaemonMetrics::DaemonMetrics(const Config& config)
    : stats_interval_ms_(config.metrics.enabled ? config.metrics.kafka_stats_interval_ms : 0),
      health_(std::chrono::seconds(config.metrics.loop_stall_timeout_s)),
      metrics_(config.stages),
      consumer_events_(&metrics_, &health_),
      producer_events_(nullptr, nullptr) {
  health_.SetGroup(config.kafka.group_id);
}

DaemonMetrics::~DaemonMetrics() { Detach(); }

StatusOr<std::unique_ptr<DaemonMetrics>> DaemonMetrics::Start(const Config& config) {
  std::unique_ptr<DaemonMetrics> m(new DaemonMetrics(config));
  if (config.metrics.enabled) {
    auto server = MetricsServer::Start(config.metrics, m->metrics_.registry(), &m->health_);
    if (!server.ok()) return server.status();
    m->server_ = std::move(server).value();
  }
  return m;
}

KafkaHooks DaemonMetrics::kafka_hooks() {
  KafkaHooks hooks;
  hooks.consumer_event_cb = &consumer_events_;
  hooks.producer_event_cb = &producer_events_;
  hooks.consumer_statistics_interval_ms = stats_interval_ms_;
  return hooks;
}

void DaemonMetrics::Attach(Runtime* runtime, IngestObserver* next) {
  runtime_ = runtime;
  next_ = next;
  runtime_->pipeline().SetObserver(this);
  health_.SetPhase(ServiceHealth::Phase::kRunning);
  RefreshResources();
}

void DaemonMetrics::Detach() {
  if (runtime_ != nullptr) runtime_->pipeline().SetObserver(nullptr);
  runtime_ = nullptr;
  next_ = nullptr;
}

void DaemonMetrics::OnAssigned(size_t partitions) {
  health_.SetGroupJoined(true);
  metrics_.SetReady(health_.Ready().ok);
  if (next_ != nullptr) next_->OnAssigned(partitions);
}

void DaemonMetrics::OnLoop(const IngestCounters& counters) {
  const auto now = std::chrono::steady_clock::now();
  health_.LoopTurned(now);
  metrics_.SyncCounters(counters);
  metrics_.SetReady(health_.Ready().ok);
  if (now - last_refresh_ >= kRefreshEvery) RefreshResources();
  if (next_ != nullptr) next_->OnLoop(counters);
}

void DaemonMetrics::OnBatch(const BatchReport& report) {
  metrics_.RecordBatch(report);
  if (next_ != nullptr) next_->OnBatch(report);
}

void DaemonMetrics::OnStage(size_t stage_index, std::string_view stage,
                            std::chrono::nanoseconds took) {
  metrics_.ObserveStage(stage_index, took);
}

void DaemonMetrics::RefreshResources() {
  last_refresh_ = std::chrono::steady_clock::now();
  metrics_.SetResidentBytes(ResidentBytes());
  if (runtime_ == nullptr) return;
  RocksDbStateStore& store = runtime_->store();
  for (const std::string& ns : store.Namespaces()) {
    metrics_.SetStateDiskBytes(ns, store.ApproximateDiskBytes(ns));
  }
}

}  // namespace newsflow
