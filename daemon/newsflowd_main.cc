// newsflowd: the ingest service. See README.md, deploy/newsflow.toml, deploy/newsflow.service.
//
//   newsflowd --config FILE [--embedded-kafka] [--state-dir DIR] [--transactional-id ID]
//             [--metrics-port PORT]
//   newsflowd --check-config --config FILE
//   newsflowd --version
//
// SIGTERM/SIGINT: stop consuming, finish the batch in flight, commit, close; during start-up,
// stop once the current step ends. SIGHUP: re-read the config file and apply what can change
// at run time, between two batches (daemon/config_reload.h; during start-up: once the service
// runs). Both are handled from main()'s first line
// (daemon/daemon_signals.h). Under systemd (Type=notify): READY=1 once the consumer has
// joined its group, WATCHDOG=1 from the processing loop, STOPPING=1 (daemon/service_notify.h).
// HTTP ([metrics]): Prometheus /metrics, /healthz, /readyz (daemon/metrics/daemon_metrics.h),
// listening from the config's load on, before Kafka and the state store are reached.
//
// Exit codes: 0 stopped on request (or --check-config: the config is valid); 1 a runtime
// failure (Kafka, state store: worth a restart); 64 (EX_USAGE) a bad command line; 69
// (EX_UNAVAILABLE) the Kafka cluster did not answer within kafka.connect_timeout_ms (the
// brokers named on stderr; worth a restart); 78 (EX_CONFIG) a config error, the key named on
// stderr, or a second instance on the same identity — the state directory in use by another
// process, or fenced by another producer with the same transactional id (a restart would
// fail the same way, or fence the other instance in turn).
#include <sysexits.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "daemon/config.h"
#include "daemon/config_reload.h"
#include "daemon/daemon_signals.h"
#include "daemon/instance_id.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/kafka/kafka_properties.h"
#include "daemon/logging.h"
#include "daemon/metrics/daemon_metrics.h"
#include "daemon/runtime.h"
#include "daemon/service_notify.h"

#ifndef NEWSFLOW_VERSION
#error "NEWSFLOW_VERSION: the build sets it from CMake's project() version"
#endif

namespace newsflow {
namespace {

constexpr int kExitFailure = 1;

void PrintUsage(std::FILE* out) {
  std::fprintf(out,
               "usage: newsflowd --config FILE [--embedded-kafka] [--state-dir DIR]\n"
               "                 [--transactional-id ID] [--metrics-port PORT]\n"
               "       newsflowd --check-config --config FILE\n"
               "       newsflowd --version\n"
               "  --config FILE          TOML configuration (see deploy/newsflow.toml)\n"
               "  --check-config         parse and validate the config, print OK or the error\n"
               "                         (exit 0, or 78 naming the key)\n"
               "  --embedded-kafka       start librdkafka's mock cluster in-process and use it\n"
               "                         (prints its bootstrap address; for trying newsflow out)\n"
               "  --state-dir DIR        overrides storage.path\n"
               "  --transactional-id ID  overrides kafka.transactional_id (one per instance;\n"
               "                         deploy/newsflow@.service derives it from %%H and %%i)\n"
               "  --metrics-port PORT    overrides metrics.port (one per instance on a host)\n"
               "  --version              print the version\n"
               "exit codes: 0 stopped on request, 1 runtime failure, 64 bad command line,\n"
               "            69 Kafka unreachable (kafka.connect_timeout_ms), 78 config error\n"
               "            (or state dir in use, or fenced by an instance on the same id)\n");
}

enum class Mode { kRun, kCheckConfig, kVersion, kHelp };

struct DaemonArgs {
  Mode mode = Mode::kRun;
  std::string config_path;
  std::string state_dir;
  std::string transactional_id;
  int metrics_port = -1;  // -1: the config's
  bool embedded_kafka = false;
};

// A TCP port number, or -1.
int ParsePort(const std::string& text) {
  char* end = nullptr;
  const long port = std::strtol(text.c_str(), &end, 10);
  return end != text.c_str() && *end == '\0' && port >= 0 && port <= 65535 ? static_cast<int>(port)
                                                                           : -1;
}

// The command line; nullopt after printing why.
std::optional<DaemonArgs> ParseArgs(int argc, char** argv) {
  DaemonArgs args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc && argv[i + 1][0] != '\0';
    if (a == "--config" && has_value) {
      args.config_path = argv[++i];
    } else if (a == "--state-dir" && has_value) {
      args.state_dir = argv[++i];
    } else if (a == "--transactional-id" && has_value) {
      args.transactional_id = argv[++i];
    } else if (a == "--metrics-port" && has_value && ParsePort(argv[i + 1]) >= 0) {
      args.metrics_port = ParsePort(argv[++i]);
    } else if (a == "--embedded-kafka") {
      args.embedded_kafka = true;
    } else if (a == "--check-config") {
      args.mode = Mode::kCheckConfig;
    } else if (a == "--version") {
      args.mode = Mode::kVersion;
    } else if (a == "--help" || a == "-h") {
      args.mode = Mode::kHelp;
    } else {
      std::fprintf(stderr, "newsflowd: unknown argument or missing value: %s\n", a.c_str());
      return std::nullopt;
    }
  }
  if (args.config_path.empty() && (args.mode == Mode::kRun || args.mode == Mode::kCheckConfig)) {
    std::fprintf(stderr, "newsflowd: --config FILE is required\n");
    return std::nullopt;
  }
  return args;
}

// The config file with the command line's overrides, checked as far as can be without
// connecting (librdkafka's properties included). Every error is a config error.
// `text`, if given, gets the file's text (what a reload compares with).
StatusOr<Config> LoadDaemonConfig(const DaemonArgs& args, std::string* text = nullptr) {
  auto file = ReadConfigText(args.config_path);
  if (!file.ok()) return file.status();
  auto config = ParseConfig(*file, args.config_path);
  if (!config.ok()) return config.status();
  if (text != nullptr) *text = std::move(file).value();
  if (!args.state_dir.empty()) config->storage.path = args.state_dir;
  if (!args.transactional_id.empty()) config->kafka.transactional_id = args.transactional_id;
  if (args.metrics_port >= 0) config->metrics.port = args.metrics_port;
  Status s = CheckKafkaProperties(config->kafka);
  if (!s.ok()) return s;
  return config;
}

int CheckConfig(const DaemonArgs& args) {
  auto config = LoadDaemonConfig(args);
  if (!config.ok()) {
    std::fprintf(stderr, "%s: config error: %s\n", args.config_path.c_str(),
                 config.status().ToString().c_str());
    return EX_CONFIG;
  }
  std::printf("%s: OK\n", args.config_path.c_str());
  return EXIT_SUCCESS;
}

// A start-up failure's exit code: EX_CONFIG when a component refused the config (a stage's
// files, a librdkafka property), EX_UNAVAILABLE when the Kafka cluster did not answer within
// kafka.connect_timeout_ms, kExitFailure when something else may work on a retry.
int StartupExitCode(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return EX_CONFIG;
    case Status::Code::kUnavailable:
      return EX_UNAVAILABLE;
    default:
      return kExitFailure;
  }
}

// The state store could not be opened: when another process holds its lock, say so (a second
// instance on the same state directory: a deployment error, EX_CONFIG).
int StateStoreFailure(const std::string& state_dir, const Status& s, std::string* message) {
  const pid_t holder = StateDirLockHolder(state_dir);
  if (holder == 0) {
    *message = s.ToString();
    return StartupExitCode(s);
  }
  *message = "state directory " + state_dir + " is in use by another process (pid " +
             std::to_string(holder) +
             " holds its RocksDB LOCK): each newsflowd instance needs its own storage.path "
             "(--state-dir); " +
             s.ToString();
  return EX_CONFIG;
}

// Starts librdkafka's mock cluster with the config's topics and points the config at it.
StatusOr<std::unique_ptr<EmbeddedKafka>> StartEmbeddedKafka(Config* config) {
  auto kafka = EmbeddedKafka::Start(1);
  if (!kafka.ok()) return kafka.status();
  // 4 partitions each: the mock cluster keeps about 5 MB per partition.
  for (const auto& in : config->inputs) (*kafka)->CreateTopic(in.topic, 4);
  for (const auto* t : {&config->kafka.articles_topic, &config->kafka.duplicates_topic,
                        &config->kafka.dead_letter_topic}) {
    (*kafka)->CreateTopic(*t, 4);
  }
  config->kafka.brokers = (*kafka)->bootstrap_servers();
  std::printf("embedded kafka bootstrap: %s\n", (*kafka)->bootstrap_servers().c_str());
  std::fflush(stdout);
  return kafka;
}

const char* SignalName(int signo) { return signo == SIGINT ? "SIGINT" : "SIGTERM"; }

// What newsflowd holds while it runs, destroyed in reverse order: the service before the
// runtime it uses, both before the metrics they report to, the embedded cluster last. The
// metrics observe the runtime's pipeline, so they let go of it before the runtime goes.
struct Daemon {
  ~Daemon() {
    service.reset();
    if (metrics != nullptr) metrics->Detach();
  }

  Config config;
  std::string config_text;  // the file `config` was read from
  std::unique_ptr<EmbeddedKafka> kafka;
  std::unique_ptr<DaemonMetrics> metrics;
  std::unique_ptr<Runtime> runtime;
  std::unique_ptr<IngestService> service;
};

// The start-up steps, each reported to systemd (STATUS=), up to a service ready to Run(). An
// exit code when one fails; 0 when a stop signal came (it takes effect between two steps).
std::optional<int> StartUp(const DaemonArgs& args, const DaemonSignals& signals,
                           ServiceNotifier& notifier, Daemon* d) {
  auto log = Logger("newsflowd");
  auto failed = [&](const std::string& what, const Status& s, int code) {
    log->error("{}: {}", what, s.ToString());
    notifier.Status("Failed: " + what + ": " + s.ToString());
    return code;
  };
  notifier.Status("Reading the config " + args.config_path);
  auto config = LoadDaemonConfig(args, &d->config_text);
  if (!config.ok()) return failed("config error", config.status(), EX_CONFIG);
  d->config = std::move(config).value();
  SetLogLevel(d->config.log.level);
  SetLogFormat(d->config.log.format);
  auto metrics = DaemonMetrics::Start(d->config);
  if (!metrics.ok()) return failed("metrics", metrics.status(), kExitFailure);
  d->metrics = std::move(metrics).value();
  if (const MetricsServer* server = d->metrics->server()) {
    log->info("metrics on {}/metrics, health on /healthz and /readyz", server->url());
  }
  if (args.embedded_kafka && !signals.stop_requested()) {
    auto kafka = StartEmbeddedKafka(&d->config);
    if (!kafka.ok()) return failed("embedded kafka", kafka.status(), kExitFailure);
    d->kafka = std::move(kafka).value();
  }
  if (signals.stop_requested()) return EXIT_SUCCESS;
  const Config& c = d->config;
  notifier.Status("Opening the state store " + c.storage.path);
  auto runtime = Runtime::Open(c, c.storage.path, IngestService::Namespaces(c),
                               c.storage.sync_wal ? WalSync::kSyncEachCommit : WalSync::kNoSync);
  if (!runtime.ok()) {
    std::string why;
    const int code = StateStoreFailure(c.storage.path, runtime.status(), &why);
    log->error("state store: {}", why);
    notifier.Status("Failed: state store: " + why);
    return code;
  }
  d->runtime = std::move(runtime).value();
  if (signals.stop_requested()) return EXIT_SUCCESS;
  if (d->config.kafka.transactional_id.empty()) {
    auto instance = LoadOrCreateInstanceId(c.storage.path);
    if (!instance.ok()) return failed("instance id", instance.status(), kExitFailure);
    d->config.kafka.transactional_id = DerivedTransactionalId(c.kafka.group_id, *instance);
  }
  notifier.Status("Connecting to Kafka at " + c.kafka.brokers + " as " + c.kafka.transactional_id);
  auto service = IngestService::Create(c, d->runtime.get(), d->metrics->kafka_hooks());
  if (!service.ok()) return failed("kafka", service.status(), StartupExitCode(service.status()));
  d->service = std::move(service).value();
  return std::nullopt;
}

// Runs the started service until a stop signal or a fatal error; the exit code. Signals reach
// the service from here on; a stop or a SIGHUP that came during start-up is passed on.
int RunService(const DaemonArgs& args, Daemon& d, DaemonSignals& signals, ServiceNotifier& notifier,
               const std::atomic<bool>& reload_requested) {
  auto log = Logger("newsflowd");
  IngestService* service = d.service.get();
  ConfigReloader reloader(args.config_path, d.config_text, &d.config, d.runtime.get());
  size_t restart_pending = 0;
  service->SetReloader([&] {
    ReloadReport report = reloader.Reload();
    if (report.result != ReloadReport::Result::kRejected) {
      restart_pending = report.need_restart.size();
    }
    d.metrics->metrics().RecordConfigReload(ReloadResultName(report.result), restart_pending);
  });
  d.metrics->Attach(d.runtime.get(), &notifier);
  service->SetObserver(d.metrics.get());
  notifier.SetGroup(d.config.kafka.group_id);
  signals.SetActions(
      [&, service](int signo) {
        log->info("{}: finishing the batch in flight, then stopping", SignalName(signo));
        notifier.Stopping("Stopping: finishing the batch in flight");
        d.metrics->health().SetPhase(ServiceHealth::Phase::kStopping);
        service->RequestStop();
      },
      [&, service] {
        log->info("SIGHUP: re-reading the config between two batches");
        service->RequestReload();
      });
  if (signals.stop_requested()) service->RequestStop();
  if (reload_requested.load()) service->RequestReload();
  notifier.Status("Joining consumer group " + d.config.kafka.group_id);
  log->info("newsflowd running, state in {}", d.config.storage.path);
  Status s = service->Run();
  signals.ClearActions();
  const auto& c = service->counters();
  log->info("stopped: messages={} articles={} duplicates={} dead_lettered={}", c.messages.load(),
            c.articles_published.load(), c.duplicates_published.load(), c.dead_lettered.load());
  if (!s.ok() && service->fenced()) {
    // Restarting would fence the other instance in turn: stop for good (EX_CONFIG).
    log->critical(
        "fenced by another instance with transactional id {}: two instances must not "
        "share kafka.transactional_id; not restarting (exit {}): {}",
        d.config.kafka.transactional_id, EX_CONFIG, s.ToString());
    notifier.Status("Failed: fenced by another instance with transactional id " +
                    d.config.kafka.transactional_id);
    return EX_CONFIG;
  }
  if (!s.ok()) {
    log->error("fatal: {}", s.ToString());
    notifier.Status("Failed: " + s.ToString());
    return kExitFailure;
  }
  return EXIT_SUCCESS;
}

int RunDaemon(const DaemonArgs& args, DaemonSignals& signals) {
  auto log = Logger("newsflowd");
  ServiceNotifier notifier;
  std::atomic<bool> reload_requested{false};
  signals.SetActions(
      [&](int signo) {
        log->info("{} during start-up: stopping after the current step", SignalName(signo));
        notifier.Stopping("Stopping: signal during start-up");
      },
      [&] {
        log->info("SIGHUP during start-up: the config is re-read once the service runs");
        reload_requested.store(true);
      });
  Daemon d;
  std::optional<int> failed = StartUp(args, signals, notifier, &d);
  if (failed) {
    signals.ClearActions();
    if (*failed == EXIT_SUCCESS) log->info("stopped during start-up");
    return *failed;
  }
  return RunService(args, d, signals, notifier, reload_requested);
}

}  // namespace
}  // namespace newsflow

int main(int argc, char** argv) {
  // First: from here on no SIGTERM, SIGINT or SIGHUP takes its default action.
  auto signals = newsflow::DaemonSignals::Install();
  using newsflow::Mode;
  std::optional<newsflow::DaemonArgs> args = newsflow::ParseArgs(argc, argv);
  if (!args) {
    newsflow::PrintUsage(stderr);
    return EX_USAGE;
  }
  switch (args->mode) {
    case Mode::kHelp:
      newsflow::PrintUsage(stdout);
      return EXIT_SUCCESS;
    case Mode::kVersion:
      std::printf("newsflowd %s\n", NEWSFLOW_VERSION);
      return EXIT_SUCCESS;
    case Mode::kCheckConfig:
      return newsflow::CheckConfig(*args);
    case Mode::kRun:
      break;
  }
  return newsflow::RunDaemon(*args, *signals);
}
