// KafkaEvents: the librdkafka EventCb newsflowd gives its consumer and producer
// (KafkaHooks::event_cb). It routes
//   logs        to the "rdkafka" logger at their syslog level (connection failures at debug:
//               the error events below report them, once, with the broker named);
//   errors      to the "kafka" logger: a broker connection lost is a warning naming the
//               broker, all brokers down an error naming them, a fatal error an error;
//   statistics  of the consumer (statistics.interval.ms) to the metrics (consumer lag, broker
//               gauges) and to ServiceHealth (group joined, brokers reachable), and logs
//               each broker that goes down or comes back.
//
// Threads: event_cb() is called from librdkafka's threads (logs) and from the threads that
// poll the clients (errors, statistics; IngestService::Run()'s); it is safe from any of them.
// `metrics` and `health` must outlive it.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "daemon/metrics/ingest_metrics.h"
#include "daemon/metrics/kafka_stats.h"
#include "daemon/metrics/service_health.h"

namespace spdlog {
class logger;
}  // namespace spdlog

namespace newsflow {

class KafkaEvents final : public RdKafka::EventCb {
 public:
  // Either may be nullptr. newsflowd gives the producer's router neither: the producer's
  // error events arrive when it is next polled (a batch, the shutdown), too late for health.
  KafkaEvents(IngestMetrics* metrics, ServiceHealth* health);
  ~KafkaEvents() override;

  void event_cb(RdKafka::Event& event) override;

 private:
  void OnLog(const RdKafka::Event& event);
  void OnError(const RdKafka::Event& event);
  void OnAllBrokersDown(const std::string& what);
  void OnStats(const std::string& json);
  // Logs the brokers whose state changed since the last report, keeps the new states
  // (stats_mu_ held).
  void LogBrokerChanges(const KafkaStats& stats);

  IngestMetrics* metrics_;
  ServiceHealth* health_;
  std::shared_ptr<spdlog::logger> log_;
  std::shared_ptr<spdlog::logger> rdkafka_log_;
  std::mutex stats_mu_;
  std::map<std::string, bool> broker_up_;  // by name, as of the last report
};

}  // namespace newsflow
