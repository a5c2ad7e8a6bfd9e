// Config: the one TOML file that configures newsflowd (deploy/newsflow.toml documents every
// key with its default). Typed, validated at start-up; an unknown key or a value of the wrong
// type is an error naming the key. librdkafka properties pass through untouched
// ([kafka.properties]).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "pipeline/status.h"
#include "stages/classify/classify_stage.h"
#include "stages/clean/clean_stage.h"
#include "stages/decode/page_decoder.h"
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
  std::string transactional_id = "newsflow-0";  // unique per instance
  int batch_max_messages = 200;
  int batch_max_ms = 500;
  int transaction_timeout_ms = 60000;
  std::map<std::string, std::string> properties;           // to consumer and producer, as is
  std::map<std::string, std::string> consumer_properties;  // to the consumer only
  std::map<std::string, std::string> producer_properties;  // to the producer only
};

struct StorageConfig {
  std::string path = "/var/lib/newsflow";
  int block_cache_mb = 64;
  int write_buffer_mb = 16;
  bool sync_wal = true;
  int outcome_retention_days = 7;  // replay memo of processed offsets
};

struct LogConfig {
  std::string level = "info";  // trace, debug, info, warn, error
  int stats_interval_s = 60;   // counters logged every N seconds (0 = never)
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
};

StatusOr<Config> ParseConfig(std::string_view toml_text, std::string_view source_name = "config");
StatusOr<Config> LoadConfigFile(const std::string& path);

StatusOr<InputFormat> ParseInputFormat(std::string_view name);

}  // namespace newsflow
