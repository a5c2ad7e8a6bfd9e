// DaemonSignals: newsflowd's SIGTERM, SIGINT and SIGHUP, handled from main()'s first line.
//
// Install() blocks the three signals in the calling thread, and so in every thread started
// after it (librdkafka's, RocksDB's), and starts one thread that takes them with sigwait(). No
// signal ever takes its default action (SIGHUP's would end the process with status 129 during
// the seconds before the service runs), and what a signal does is ordinary code, not a signal
// handler: it may log, lock and write to systemd's socket.
//
// SIGTERM and SIGINT set stop_requested() and run the stop action; SIGHUP runs the reload
// action. The actions are whatever SetActions() last set: newsflowd sets start-up ones first,
// then ones that reach the running service. A signal with no action set is dropped (but a
// stop still sets stop_requested()).
//
// Threads: the actions run on the signal thread, one at a time, while SetActions() and
// ClearActions() wait: once they return, no earlier action is running or will run.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace newsflow {

class DaemonSignals {
 public:
  // Call first in main(), before any thread exists (a thread started before would still get
  // the signals' default actions).
  static std::unique_ptr<DaemonSignals> Install();
  // Ends the signal thread. The signals stay blocked: one arriving later stays pending, unseen.
  ~DaemonSignals();
  DaemonSignals(const DaemonSignals&) = delete;
  DaemonSignals& operator=(const DaemonSignals&) = delete;

  // `stop` gets the signal's number (SIGTERM or SIGINT).
  void SetActions(std::function<void(int signo)> stop, std::function<void()> reload);
  void ClearActions() { SetActions(nullptr, nullptr); }
  // A SIGTERM or SIGINT has arrived since Install().
  bool stop_requested() const { return stop_requested_.load(); }

 private:
  DaemonSignals() = default;
  void WaitLoop();
  void Dispatch(int signo);

  std::mutex mu_;
  std::function<void(int)> stop_;  // guarded by mu_
  std::function<void()> reload_;   // guarded by mu_
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> quit_{false};
  std::thread thread_;
};

}  // namespace newsflow
