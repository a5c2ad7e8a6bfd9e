#include "daemon/metrics/kafka_events.h"

#include <string_view>

#include "daemon/logging.h"

namespace newsflow {
namespace {

spdlog::level::level_enum LevelOf(RdKafka::Event::Severity severity) {
  switch (severity) {
    case RdKafka::Event::EVENT_SEVERITY_EMERG:
    case RdKafka::Event::EVENT_SEVERITY_ALERT:
    case RdKafka::Event::EVENT_SEVERITY_CRITICAL:
    case RdKafka::Event::EVENT_SEVERITY_ERROR:
      return spdlog::level::err;
    case RdKafka::Event::EVENT_SEVERITY_WARNING:
      return spdlog::level::warn;
    case RdKafka::Event::EVENT_SEVERITY_NOTICE:
    case RdKafka::Event::EVENT_SEVERITY_INFO:
      return spdlog::level::info;
    case RdKafka::Event::EVENT_SEVERITY_DEBUG:
      break;
  }
  return spdlog::level::debug;
}

bool IsCoordinator(std::string_view what) {
  return what.rfind("GroupCoordinator", 0) == 0 || what.rfind("TxnCoordinator", 0) == 0;
}

}  // namespace

KafkaEvents::KafkaEvents(IngestMetrics* metrics, ServiceHealth* health)
    : metrics_(metrics), health_(health), log_(Logger("kafka")), rdkafka_log_(Logger("rdkafka")) {}

KafkaEvents::~KafkaEvents() = default;

void KafkaEvents::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_LOG:
      OnLog(event);
      break;
    case RdKafka::Event::EVENT_ERROR:
      OnError(event);
      break;
    case RdKafka::Event::EVENT_STATS:
      OnStats(event.str());
      break;
    case RdKafka::Event::EVENT_THROTTLE:
      log_->debug("throttled {} ms by broker {}", event.throttle_time(), event.broker_name());
      break;
  }
}

void KafkaEvents::OnLog(const RdKafka::Event& event) {
  // A connection failure is also an error event (OnError): logged there, once.
  const spdlog::level::level_enum level =
      event.fac() == "FAIL" ? spdlog::level::debug : LevelOf(event.severity());
  rdkafka_log_->log(level, "{}: {}", event.fac(), event.str());
}

void KafkaEvents::OnError(const RdKafka::Event& event) {
  switch (event.err()) {
    case RdKafka::ERR__TRANSPORT:
      // "<broker>: Disconnected (after ...)", "<broker>: Connect to ... failed: ...". The
      // coordinators are librdkafka's aliases of a broker, reported under its name too.
      log_->log(IsCoordinator(event.str()) ? spdlog::level::debug : spdlog::level::warn,
                "broker connection lost: {}", event.str());
      return;
    case RdKafka::ERR__ALL_BROKERS_DOWN:
      OnAllBrokersDown(event.str());
      return;
    default:
      break;
  }
  if (event.fatal()) {
    log_->error("fatal Kafka client error: {}: {}", RdKafka::err2str(event.err()), event.str());
  } else {
    log_->warn("Kafka client error: {}: {}", RdKafka::err2str(event.err()), event.str());
  }
}

void KafkaEvents::OnAllBrokersDown(const std::string& what) {
  std::string names;
  int known = 0;
  {
    std::lock_guard<std::mutex> lock(stats_mu_);
    for (const auto& [name, up] : broker_up_) {
      names += (names.empty() ? "" : ", ") + name;
      ++known;
    }
  }
  log_->error("all Kafka brokers unreachable ({}{}{}); /readyz answers 503 until one is back", what,
              names.empty() ? "" : ": ", names);
  if (metrics_ != nullptr) metrics_->SetKafkaBrokers(0, known);
  if (health_ != nullptr) health_->SetAllBrokersDown(names);
}

void KafkaEvents::OnStats(const std::string& json) {
  std::optional<KafkaStats> stats = ParseKafkaStats(json);
  if (!stats) {
    log_->debug("librdkafka statistics not understood ({} bytes)", json.size());
    return;
  }
  if (stats->client_type != "consumer") return;
  std::lock_guard<std::mutex> lock(stats_mu_);
  LogBrokerChanges(*stats);
  const int up = stats->brokers_up();
  const int known = static_cast<int>(stats->brokers.size());
  if (metrics_ != nullptr) {
    metrics_->SetConsumerLag(stats->lags);
    metrics_->SetKafkaBrokers(up, known);
  }
  if (health_ != nullptr) {
    health_->SetBrokers(up, known, stats->BrokersDown());
    health_->SetGroupJoined(stats->group_joined);
  }
}

void KafkaEvents::LogBrokerChanges(const KafkaStats& stats) {
  // A broker renamed once its id is known ("host:port/bootstrap" -> "host:port/1") is gone.
  for (auto it = broker_up_.begin(); it != broker_up_.end();) {
    bool listed = false;
    for (const auto& b : stats.brokers) listed |= b.name == it->first;
    it = listed ? std::next(it) : broker_up_.erase(it);
  }
  for (const auto& b : stats.brokers) {
    auto [it, first] = broker_up_.try_emplace(b.name, b.up());
    if (first || it->second == b.up()) continue;
    it->second = b.up();
    if (b.up()) {
      log_->info("broker {} is reachable again", b.name);
    } else {
      log_->warn("broker {} is unreachable (state {})", b.name, b.state);
    }
  }
}

}  // namespace newsflow
