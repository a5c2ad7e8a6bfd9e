#include "daemon/metrics/service_health.h"

namespace newsflow {

ServiceHealth::ServiceHealth(std::chrono::seconds loop_stall_timeout)
    : loop_stall_timeout_(loop_stall_timeout) {}

void ServiceHealth::SetPhase(Phase phase) {
  std::lock_guard<std::mutex> lock(mu_);
  phase_ = phase;
  if (phase == Phase::kRunning) last_loop_ = Clock::now();
}

void ServiceHealth::SetGroup(const std::string& group_id) {
  std::lock_guard<std::mutex> lock(mu_);
  group_ = group_id;
}

void ServiceHealth::SetGroupJoined(bool joined) {
  std::lock_guard<std::mutex> lock(mu_);
  joined_ = joined;
}

void ServiceHealth::SetBrokers(int up, int known, const std::string& down) {
  std::lock_guard<std::mutex> lock(mu_);
  brokers_known_ = true;
  brokers_up_ = up;
  brokers_ = known;
  brokers_down_ = down;
}

void ServiceHealth::SetAllBrokersDown(const std::string& down) {
  std::lock_guard<std::mutex> lock(mu_);
  brokers_known_ = true;
  brokers_up_ = 0;
  if (!down.empty()) brokers_down_ = down;
}

void ServiceHealth::LoopTurned(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  last_loop_ = now;
}

ServiceHealth::Verdict ServiceHealth::Ready() const {
  std::lock_guard<std::mutex> lock(mu_);
  switch (phase_) {
    case Phase::kStarting:
      return {false, "not ready: starting"};
    case Phase::kStopping:
      return {false, "not ready: stopping"};
    case Phase::kRunning:
      break;
  }
  if (brokers_known_ && brokers_up_ == 0) {
    return {false, "not ready: no Kafka broker reachable" +
                       (brokers_down_.empty() ? std::string() : " (" + brokers_down_ + ")")};
  }
  if (!joined_) return {false, "not ready: joining consumer group " + group_};
  std::string text = "ready: consuming as group " + group_;
  if (brokers_known_) {
    text += ", " + std::to_string(brokers_up_) + "/" + std::to_string(brokers_) + " broker(s) up";
  }
  return {true, text};
}

ServiceHealth::Verdict ServiceHealth::Live(Clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (phase_ == Phase::kRunning && loop_stall_timeout_.count() > 0 &&
      now - last_loop_ > loop_stall_timeout_) {
    const auto stalled = std::chrono::duration_cast<std::chrono::seconds>(now - last_loop_);
    return {false, "unhealthy: the processing loop has not turned for " +
                       std::to_string(stalled.count()) + " s"};
  }
  return {true, "ok"};
}

}  // namespace newsflow
