// EmbeddedKafka: librdkafka's mock cluster (rdkafka_mock.h) in-process — the real Kafka
// protocol on loopback TCP, ephemeral ports. For `newsflowd --embedded-kafka`, the demo,
// benchmarks and integration tests; not for production data: nothing is persisted and each
// partition keeps only about 5 MB (older messages are dropped), so use enough partitions.
#pragma once

#include <memory>
#include <string>

#include "pipeline/status.h"

typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace newsflow {

class EmbeddedKafka {
 public:
  // Starts a cluster of `brokers` brokers. Topics are created on first use with
  // `default_partitions`, or explicitly with CreateTopic.
  static StatusOr<std::unique_ptr<EmbeddedKafka>> Start(int brokers = 1);
  ~EmbeddedKafka();
  EmbeddedKafka(const EmbeddedKafka&) = delete;
  EmbeddedKafka& operator=(const EmbeddedKafka&) = delete;

  // "127.0.0.1:port,..." for bootstrap.servers.
  const std::string& bootstrap_servers() const { return bootstrap_; }
  Status CreateTopic(const std::string& topic, int partitions);
  // For fault injection in tests (rd_kafka_mock_* functions).
  rd_kafka_mock_cluster_t* cluster() const { return cluster_; }

 private:
  EmbeddedKafka() = default;
  rd_kafka_t* handle_ = nullptr;
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstrap_;
};

}  // namespace newsflow
