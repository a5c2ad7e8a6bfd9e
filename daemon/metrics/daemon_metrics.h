// DaemonMetrics: newsflowd's observability in one piece, built from the config's [metrics]:
// the Prometheus metrics (ingest_metrics.h), the health behind /healthz and /readyz
// (service_health.h), the librdkafka event router (kafka_events.h: logs, errors, statistics)
// and, when metrics.enabled, the HTTP endpoint (metrics_server.h). It observes the pipeline
// (per-stage latency) and the ingest loop (counters, batches, group join), passing every
// IngestObserver call on to the next observer (newsflowd's systemd notifier).
//
// Use: Start() -> IngestService::Create(..., kafka_hooks()) -> Attach() and
// IngestService::SetObserver(this) -> Run(). Destroy it after the service and the runtime.
//
// Threads: the observer calls come on Run()'s thread; health() is thread-safe. The state
// store's disk use and the RSS are read at most once a second, from OnLoop().
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "daemon/config.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/metrics/ingest_metrics.h"
#include "daemon/metrics/kafka_events.h"
#include "daemon/metrics/metrics_server.h"
#include "daemon/metrics/service_health.h"
#include "daemon/runtime.h"
#include "pipeline/pipeline.h"

namespace newsflow {

class DaemonMetrics final : public IngestObserver, public PipelineObserver {
 public:
  // Unavailable when the endpoint cannot listen (metrics_server.h).
  static StatusOr<std::unique_ptr<DaemonMetrics>> Start(const Config& config);
  ~DaemonMetrics() override;

  // For IngestService::Create: the event router; consumer statistics when metrics are on.
  KafkaHooks kafka_hooks();
  // Observes `runtime`'s pipeline and state store from now on and forwards the ingest
  // observer calls to `next` (nullptr: none); the health's phase becomes running. `runtime`
  // must outlive this object, or Detach() be called first.
  void Attach(Runtime* runtime, IngestObserver* next);
  void Detach();

  ServiceHealth& health() { return health_; }
  IngestMetrics& metrics() { return metrics_; }
  // nullptr when metrics.enabled is false.
  const MetricsServer* server() const { return server_.get(); }

  void OnAssigned(size_t partitions) override;
  void OnLoop(const IngestCounters& counters) override;
  void OnBatch(const BatchReport& report) override;
  void OnStage(size_t stage_index, std::string_view stage, std::chrono::nanoseconds took) override;

 private:
  explicit DaemonMetrics(const Config& config);
  void RefreshResources();

  const int stats_interval_ms_;
  ServiceHealth health_;
  IngestMetrics metrics_;
  KafkaEvents consumer_events_;  // logs, metrics, health
  KafkaEvents producer_events_;  // logs only: its errors arrive when it is next polled
  std::unique_ptr<MetricsServer> server_;
  Runtime* runtime_ = nullptr;
  IngestObserver* next_ = nullptr;
  std::chrono::steady_clock::time_point last_refresh_{};
};

}  // namespace newsflow
