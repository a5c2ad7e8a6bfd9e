// MetricsServer: newsflowd's HTTP endpoint, prometheus-cpp's pull Exposer (civetweb inside):
//   GET /metrics  the registry, Prometheus text format (gzip when asked), plus the exposer's
//                 own exposer_* series
//   GET /healthz  200 "ok" / 503 why (ServiceHealth::Live)
//   GET /readyz   200 "ready: ..." / 503 "not ready: ..." (ServiceHealth::Ready)
// Anything else is 404. The two health paths are answered from civetweb's begin_request
// callback, which the Exposer takes (CivetCallbacks) and calls before its own handlers.
//
// Errors: Start() gives Unavailable when civetweb cannot listen (the port is taken, the
// address is not this host's). Threads: civetweb serves on its own threads (two); `registry`
// and `health` must outlive the server. Destroying it stops serving (in milliseconds).
#pragma once

#include <memory>
#include <string>

#include "daemon/config.h"
#include "daemon/metrics/service_health.h"
#include "pipeline/status.h"

namespace prometheus {
class Exposer;
class Registry;
}  // namespace prometheus

namespace newsflow {

class MetricsServer {
 public:
  static StatusOr<std::unique_ptr<MetricsServer>> Start(
      const MetricsConfig& config, const std::shared_ptr<prometheus::Registry>& registry,
      const ServiceHealth* health);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // The port listened on (the configured one, or the one chosen for port 0).
  int port() const { return port_; }
  // "http://127.0.0.1:9464" ("http://[::1]:9464" for IPv6).
  std::string url() const;

 private:
  MetricsServer() = default;
  std::string address_;  // as configured
  std::string host_;     // as in a URL (IPv6 in brackets)
  int port_ = 0;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace newsflow
