// newsflowd: the ingest service. See README.md and deploy/newsflow.toml.
//
//   newsflowd --config FILE [--embedded-kafka] [--state-dir DIR]
//
// SIGTERM/SIGINT: stop consuming, finish the batch in flight, commit, close. SIGHUP: reload
// the classifier's topic model.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "daemon/config.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/logging.h"
#include "daemon/runtime.h"

namespace {

newsflow::IngestService* g_service = nullptr;

void OnSignal(int sig) {
  if (g_service == nullptr) return;
  if (sig == SIGHUP) {
    g_service->RequestReload();
  } else {
    g_service->RequestStop();
  }
}

int Usage() {
  std::fprintf(stderr,
               "usage: newsflowd --config FILE [--embedded-kafka] [--state-dir DIR]\n"
               "  --config FILE      TOML configuration (see deploy/newsflow.toml)\n"
               "  --embedded-kafka   start librdkafka's mock cluster in-process and use it\n"
               "                     (prints its bootstrap address; for trying newsflow out)\n"
               "  --state-dir DIR    overrides storage.path\n");
  return 2;
}

// The command line; nullopt after printing why (the exit code in *exit_code).
struct DaemonArgs {
  std::string config_path;
  std::string state_dir;
  bool embedded_kafka = false;
};

std::optional<DaemonArgs> ParseArgs(int argc, char** argv, int* exit_code) {
  DaemonArgs args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) {
      args.config_path = argv[++i];
    } else if (a == "--state-dir" && i + 1 < argc) {
      args.state_dir = argv[++i];
    } else if (a == "--embedded-kafka") {
      args.embedded_kafka = true;
    } else if (a == "--help" || a == "-h") {
      Usage();
      *exit_code = 0;
      return std::nullopt;
    } else {
      std::fprintf(stderr, "newsflowd: unknown argument %s\n", a.c_str());
      *exit_code = Usage();
      return std::nullopt;
    }
  }
  if (args.config_path.empty()) {
    *exit_code = Usage();
    return std::nullopt;
  }
  return args;
}

// Starts librdkafka's mock cluster with the config's topics and points the config at it.
newsflow::StatusOr<std::unique_ptr<newsflow::EmbeddedKafka>> StartEmbeddedKafka(
    newsflow::Config* config) {
  auto kafka = newsflow::EmbeddedKafka::Start(1);
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

void InstallSignalHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace newsflow;
  int exit_code = 0;
  std::optional<DaemonArgs> args = ParseArgs(argc, argv, &exit_code);
  if (!args) return exit_code;
  auto log = Logger("newsflowd");
  auto config = LoadConfigFile(args->config_path);
  if (!config.ok()) {
    log->error("config: {}", config.status().ToString());
    return 2;
  }
  SetLogLevel(config->log.level);
  if (!args->state_dir.empty()) config->storage.path = args->state_dir;

  std::unique_ptr<EmbeddedKafka> kafka;
  if (args->embedded_kafka) {
    auto k = StartEmbeddedKafka(&*config);
    if (!k.ok()) {
      log->error("embedded kafka: {}", k.status().ToString());
      return 1;
    }
    kafka = std::move(k).value();
  }

  auto runtime =
      Runtime::Open(*config, config->storage.path, IngestService::Namespaces(*config),
                    config->storage.sync_wal ? WalSync::kSyncEachCommit : WalSync::kNoSync);
  if (!runtime.ok()) {
    log->error("startup: {}", runtime.status().ToString());
    return 1;
  }
  auto service = IngestService::Create(*config, runtime->get());
  if (!service.ok()) {
    log->error("kafka: {}", service.status().ToString());
    return 1;
  }
  g_service = service->get();
  InstallSignalHandlers();
  log->info("newsflowd running, state in {}", config->storage.path);
  Status s = (*service)->Run();
  g_service = nullptr;
  const auto& c = (*service)->counters();
  log->info("stopped: messages={} articles={} duplicates={} dead_lettered={}", c.messages.load(),
            c.articles_published.load(), c.duplicates_published.load(), c.dead_lettered.load());
  if (!s.ok()) {
    log->error("fatal: {}", s.ToString());
    return 1;
  }
  return 0;
}
