#include "daemon/service_notify.h"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "daemon/logging.h"

namespace newsflow {
namespace {

constexpr auto kStatusEvery = std::chrono::seconds(10);

// One line: STATUS= ends at a newline.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

ServiceNotifier::ServiceNotifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && socket[0] != '\0';
  uint64_t usec = 0;
  if (enabled_ && sd_watchdog_enabled(/*unset_environment=*/0, &usec) > 0) {
    watchdog_interval_ = std::chrono::microseconds(usec);
  }
}

void ServiceNotifier::Send(const std::string& message) {
  if (!enabled_) return;
  int r = sd_notify(/*unset_environment=*/0, message.c_str());
  if (r < 0 && !send_failed_.exchange(true)) {
    Logger("newsflowd")->warn("sd_notify to $NOTIFY_SOCKET failed: {}", std::strerror(-r));
  }
}

void ServiceNotifier::Status(const std::string& text) { Send("STATUS=" + OneLine(text)); }

void ServiceNotifier::Stopping(const std::string& why) {
  Send("STOPPING=1\nSTATUS=" + OneLine(why));
}

void ServiceNotifier::OnAssigned(size_t partitions) {
  Send("READY=1\nSTATUS=" + OneLine("Consuming as group " + group_ + ": " +
                                    std::to_string(partitions) + " partition(s) assigned"));
  last_status_ = SteadyClock::now();
  ready_ = true;
}

void ServiceNotifier::OnLoop(const IngestCounters& c) {
  const auto now = SteadyClock::now();
  if (watchdog_interval_.count() > 0 && now - last_ping_ >= watchdog_interval_ / 4) {
    Send("WATCHDOG=1");
    last_ping_ = now;
  }
  if (ready_ && now - last_status_ >= kStatusEvery) {
    last_status_ = now;
    Status("Consuming as group " + group_ + ": " + std::to_string(c.messages.load()) +
           " messages, " + std::to_string(c.articles_published.load()) + " articles, " +
           std::to_string(c.duplicates_published.load()) + " duplicates, " +
           std::to_string(c.dead_lettered.load()) + " dead-lettered");
  }
}

}  // namespace newsflow
