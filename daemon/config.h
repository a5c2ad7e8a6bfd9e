// Config: the one TOML file that configures newsflowd (deploy/newsflow.toml documents every
// key with its default). Typed, validated at start-up; an unknown key or a value of the wrong
// type is an error naming the key. librdkafka properties pass through untouched
// ([kafka.properties]).
//
// This file reads the daemon's own sections ([kafka], [[inputs]], [storage], [pipeline],
// [log], [metrics]); each stage's section ([decode], [clean], ...) is read and validated by the
// stage's own Parse<X>Options (stages/<x>/<x>_config.h), found through the stage registry
// (daemon/stage_registry.h), over a ConfigSection (pipeline/config_section.h) on the TOML
// table — so stages do not know the file format.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "daemon/logging.h"
#include "pipeline/status.h"
#include "stages/classify/classify_stage.h"
#include "stages/clean/clean_stage.h"
#include "stages/decode/decode_stage.h"
#include "stages/dedup/dedup_stage.h"

namespace newsflow {

// How a message on an input topic carries its page.
enum class InputFormat {
  kProtobuf,  // value = serialized newsflow.v1.RawPage
  kJson,      // value = RawPage in the protobuf JSON mapping
  kBody,      // value = the page body, key = its URL; fetch time = message timestamp
};

struct InputConfig {
  std::string topic;
  InputFormat format = InputFormat::kProtobuf;
};

struct KafkaConfig {
  std::string brokers = "localhost:9092";
  std::string group_id = "newsflow";
  std::string articles_topic = "articles";
  std::string duplicates_topic = "articles.duplicates";
  std::string dead_letter_topic = "pages.dlq";
  // Unique per instance; empty: newsflowd derives one (daemon/instance_id.h).
  std::string transactional_id;
  int batch_max_messages = 200;
  int batch_max_ms = 500;
  int transaction_timeout_ms = 60000;
  // How long start-up waits for the cluster (the transaction coordinator's answer to
  // init_transactions); then newsflowd exits 69 (EX_UNAVAILABLE) naming the brokers.
  int connect_timeout_ms = 30000;
  // The largest message newsflowd publishes (the producer's message.max.bytes); what would be
  // larger is cut to fit (daemon/kafka/message_fit.h).
  int max_message_bytes = 1000000;
  std::map<std::string, std::string> properties;           // to consumer and producer, as is
  std::map<std::string, std::string> consumer_properties;  // to the consumer only
  std::map<std::string, std::string> producer_properties;  // to the producer only
};

struct StorageConfig {
  std::string path = "/var/lib/newsflow";
  int block_cache_mb = 64;
  int write_buffer_mb = 16;
  bool sync_wal = true;
  int outcome_retention_days = 7;   // replay memo of processed offsets
  int article_retention_days = 30;  // published articles and the URL index (0 = forever)
};

struct LogConfig {
  std::string level = "info";  // trace, debug, info, warn, error
  LogFormat format = LogFormat::kAuto;  // text, journald, json (daemon/logging.h)
  int stats_interval_s = 60;   // counters logged every N seconds (0 = never)
};

// newsflowd's HTTP endpoint: Prometheus /metrics, /healthz, /readyz (daemon/metrics/).
struct MetricsConfig {
  bool enabled = true;
  std::string listen_address = "127.0.0.1";  // an IPv4 or IPv6 literal; "0.0.0.0": every one
  int port = 9464;                           // 0: an ephemeral port, logged at start-up
  // librdkafka's consumer statistics (consumer lag, broker states for /readyz) every N ms.
  int kafka_stats_interval_ms = 5000;
  // /healthz answers 503 when the processing loop has not turned for this long (0 = never).
  int loop_stall_timeout_s = 300;
};

struct Config {
  KafkaConfig kafka;
  std::vector<InputConfig> inputs = {{"pages", InputFormat::kProtobuf}};
  StorageConfig storage;
  std::vector<std::string> stages = {"decode", "clean", "dedup", "classify"};
  DecodeOptions decode;
  CleanOptions clean;
  DedupOptions dedup;
  ClassifyOptions classify;
  LogConfig log;
  MetricsConfig metrics;
};

// Parses a whole config. InvalidArgument naming the file, line and column for a TOML syntax
// error, or the key ("dedup.retention_days: must be > 0", "unknown key kafka.brokerz").
StatusOr<Config> ParseConfig(std::string_view toml_text, std::string_view source_name = "config");
// ParseConfig on a file's contents; NotFound when it cannot be read.
StatusOr<Config> LoadConfigFile(const std::string& path);

StatusOr<InputFormat> ParseInputFormat(std::string_view name);

}  // namespace newsflow
