#include "daemon/daemon_signals.h"

#include <pthread.h>
#include <signal.h>

#include <utility>

namespace newsflow {
namespace {

sigset_t HandledSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

std::unique_ptr<DaemonSignals> DaemonSignals::Install() {
  const sigset_t set = HandledSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::unique_ptr<DaemonSignals> signals(new DaemonSignals());
  signals->thread_ = std::thread([s = signals.get()] { s->WaitLoop(); });
  return signals;
}

DaemonSignals::~DaemonSignals() {
  quit_.store(true);
  // Wakes the thread's sigwait(); seeing quit_, it returns without running an action.
  pthread_kill(thread_.native_handle(), SIGTERM);
  thread_.join();
}

void DaemonSignals::SetActions(std::function<void(int)> stop, std::function<void()> reload) {
  std::lock_guard<std::mutex> lock(mu_);
  stop_ = std::move(stop);
  reload_ = std::move(reload);
}

void DaemonSignals::WaitLoop() {
  const sigset_t set = HandledSignals();
  for (;;) {
    int signo = 0;
    if (sigwait(&set, &signo) != 0) continue;
    if (quit_.load()) return;
    Dispatch(signo);
  }
}

void DaemonSignals::Dispatch(int signo) {
  std::lock_guard<std::mutex> lock(mu_);
  if (signo == SIGHUP) {
    if (reload_) reload_();
    return;
  }
  stop_requested_.store(true);
  if (stop_) stop_(signo);
}

}  // namespace newsflow
