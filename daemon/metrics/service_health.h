// ServiceHealth: what newsflowd's /healthz and /readyz answer, gathered from the parts that
// know (the start-up steps, the processing loop, the consumer's group and broker states).
//
//   /readyz  ready once the consumer has joined its group and a broker is reachable; not
//            ready while starting, while the group is (re)joining, while no broker of the
//            cluster is reachable, and once stopping.
//   /healthz live unless the processing loop has not turned for `loop_stall_timeout` (a
//            batch stuck on a page: the same condition systemd's watchdog restarts on).
//
// Threads: every method from any thread (a mutex; nothing slow under it).
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace newsflow {

class ServiceHealth {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Phase { kStarting, kRunning, kStopping };
  struct Verdict {
    bool ok = false;
    std::string text;  // one line for the operator ("ready: ...", "not ready: ...")
  };

  // `loop_stall_timeout` zero: /healthz never fails on a stalled loop.
  explicit ServiceHealth(std::chrono::seconds loop_stall_timeout);

  void SetPhase(Phase phase);
  void SetGroup(const std::string& group_id);
  // The consumer's group membership (the first assignment; each statistics report).
  void SetGroupJoined(bool joined);
  // From a statistics report: how many of the cluster's brokers are up, and which are not.
  void SetBrokers(int up, int known, const std::string& down);
  // librdkafka reported every broker connection down (before the next statistics report).
  void SetAllBrokersDown(const std::string& down);
  // The processing loop turned at `now`.
  void LoopTurned(Clock::time_point now);

  Verdict Ready() const;
  Verdict Live(Clock::time_point now) const;

 private:
  mutable std::mutex mu_;
  const std::chrono::seconds loop_stall_timeout_;
  Phase phase_ = Phase::kStarting;
  std::string group_;
  bool joined_ = false;
  // Unknown until the first report: a consumer that joined its group reached a broker.
  bool brokers_known_ = false;
  int brokers_up_ = 0;
  int brokers_ = 0;
  std::string brokers_down_;
  Clock::time_point last_loop_{};
};

}  // namespace newsflow
