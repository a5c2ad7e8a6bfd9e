// ServiceNotifier: newsflowd's side of systemd's notify protocol (sd_notify(3)) for its
// Type=notify unit (deploy/newsflow.service):
//   READY=1     once the consumer has joined its group (the first partition assignment)
//   WATCHDOG=1  from the processing loop, when the unit sets WatchdogSec=
//   STOPPING=1  when a stop signal arrives
//   STATUS=...  the start-up phase, then the counters, for `systemctl status`
//
// Without NOTIFY_SOCKET in the environment (not started by systemd) every call does nothing.
// The watchdog is on when systemd set WATCHDOG_USEC (and WATCHDOG_PID, if set, is this
// process): OnLoop() then pings at most every quarter of the interval, so the pings stay well
// inside it though one loop turn may take a whole batch. A failed send is logged once.
//
// Threads: OnAssigned() and OnLoop() on IngestService::Run()'s thread; Status() and
// Stopping() from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "daemon/kafka/ingest_service.h"

namespace newsflow {

class ServiceNotifier final : public IngestObserver {
 public:
  // Reads NOTIFY_SOCKET and the watchdog settings from the environment (leaving them set).
  ServiceNotifier();

  bool enabled() const { return enabled_; }
  // Zero when systemd's watchdog is off.
  std::chrono::microseconds watchdog_interval() const { return watchdog_interval_; }

  // STATUS=<text>: one line saying what the daemon is doing.
  void Status(const std::string& text);
  // STOPPING=1 with STATUS=<why>.
  void Stopping(const std::string& why);
  // READY=1 with the group and the partition count (`group` as set by SetGroup).
  void OnAssigned(size_t partitions) override;
  // WATCHDOG=1 (rate-limited as above) and, once ready, every 10 s STATUS= with the counters.
  void OnLoop(const IngestCounters& counters) override;
  // The consumer group named in the READY status line.
  void SetGroup(const std::string& group) { group_ = group; }

 private:
  using SteadyClock = std::chrono::steady_clock;
  void Send(const std::string& message);

  bool enabled_ = false;
  std::chrono::microseconds watchdog_interval_{0};
  std::string group_;
  bool ready_ = false;  // READY=1 sent; counters in STATUS from then on
  SteadyClock::time_point last_ping_{};
  SteadyClock::time_point last_status_{};
  std::atomic<bool> send_failed_{false};
};

}  // namespace newsflow
