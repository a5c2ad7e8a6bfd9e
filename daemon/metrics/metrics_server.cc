#include "daemon/metrics/metrics_server.h"

#include <CivetServer.h>
#include <arpa/inet.h>
#include <civetweb.h>
#include <netinet/in.h>
#include <prometheus/exposer.h>
#include <prometheus/registry.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>

namespace newsflow {
namespace {

// civetweb's begin_request is a plain function: it finds the health to answer from by the
// port the request came in on. One entry per live server (ports are unique per process).
std::mutex& TableMutex() {
  static std::mutex mu;
  return mu;
}
std::map<int, const ServiceHealth*>& HealthByPort() {
  static std::map<int, const ServiceHealth*> table;
  return table;
}

int Reply(mg_connection* conn, const ServiceHealth::Verdict& verdict) {
  const std::string body = verdict.text + "\n";
  const int status = verdict.ok ? 200 : 503;
  mg_printf(conn,
            "HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Cache-Control: no-store\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
            status, verdict.ok ? "OK" : "Service Unavailable", body.size());
  mg_write(conn, body.data(), body.size());
  return status;
}

// 0: not a health path, civetweb goes on to the Exposer's handlers (or 404).
int BeginRequest(mg_connection* conn) {
  const mg_request_info* request = mg_get_request_info(conn);
  if (request == nullptr || request->local_uri == nullptr) return 0;
  const std::string_view path = request->local_uri;
  if (path != "/healthz" && path != "/readyz") return 0;
  const ServiceHealth* health = nullptr;
  {
    std::lock_guard<std::mutex> lock(TableMutex());
    auto it = HealthByPort().find(request->server_port);
    if (it != HealthByPort().end()) health = it->second;
  }
  if (health == nullptr) return 0;
  return Reply(conn,
               path == "/readyz" ? health->Ready() : health->Live(ServiceHealth::Clock::now()));
}

// Opens and closes connections to the server until `done`. civetweb's master thread polls its
// listening socket with a 2 s timeout and sees the stop flag only when the poll returns: a
// connection makes it return at once, so stopping takes milliseconds instead of up to 2 s.
void PokeUntil(const std::string& address, int port, const std::atomic<bool>& done) {
  sockaddr_storage addr{};
  socklen_t len = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
  if (inet_pton(AF_INET, address == "0.0.0.0" ? "127.0.0.1" : address.c_str(), &v4->sin_addr)) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    len = sizeof(*v4);
  } else if (inet_pton(AF_INET6, address == "::" ? "::1" : address.c_str(), &v6->sin6_addr)) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    len = sizeof(*v6);
  } else {
    return;
  }
  while (!done.load()) {
    const int fd = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    connect(fd, reinterpret_cast<const sockaddr*>(&addr), len);
    close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const MetricsConfig& config, const std::shared_ptr<prometheus::Registry>& registry,
    const ServiceHealth* health) {
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->address_ = config.listen_address;
  const bool v6 = config.listen_address.find(':') != std::string::npos;
  server->host_ = v6 ? "[" + config.listen_address + "]" : config.listen_address;
  const std::string listen = server->host_ + ":" + std::to_string(config.port);
  static const CivetCallbacks callbacks = [] {
    CivetCallbacks c;
    c.begin_request = BeginRequest;
    return c;
  }();
  try {
    server->exposer_ = std::make_unique<prometheus::Exposer>(
        std::vector<std::string>{"listening_ports", listen, "num_threads", "2"}, &callbacks);
  } catch (const std::exception& e) {
    return Status::Unavailable("metrics: cannot listen on " + listen + ": " + e.what());
  }
  const std::vector<int> ports = server->exposer_->GetListeningPorts();
  if (ports.empty()) return Status::Unavailable("metrics: not listening on " + listen);
  server->port_ = ports.front();
  server->exposer_->RegisterCollectable(registry);
  std::lock_guard<std::mutex> lock(TableMutex());
  HealthByPort()[server->port_] = health;
  return server;
}

MetricsServer::~MetricsServer() {
  if (exposer_ == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(TableMutex());
    HealthByPort().erase(port_);
  }
  std::atomic<bool> stopped{false};
  std::thread poker(PokeUntil, address_, port_, std::cref(stopped));
  exposer_.reset();
  stopped.store(true);
  poker.join();
}

std::string MetricsServer::url() const { return "http://" + host_ + ":" + std::to_string(port_); }

}  // namespace newsflow
