// Waiting in tests for something another thread or process does, without sleeping on luck.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace newsflow::testing {

// Polls `done` every `poll` until it holds or `timeout` has passed; returns whether it held.
inline bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                      std::chrono::milliseconds poll = std::chrono::milliseconds(50)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(poll);
  }
  return true;
}

}  // namespace newsflow::testing
