// The control lines of `newsflowctl mock-cluster` (daemon/ctl/mock_cluster.cc): one command a
// line, parsed into a MockCommand and applied to librdkafka's mock cluster (rdkafka_mock.h).
//
//   topic NAME PARTITIONS               create a topic (replication factor 1)
//   broker down|up N                    disconnect broker N and refuse connections / serve again
//   rtt N|all MS                        add MS ms of round trip to broker N (or every broker)
//   errors API COUNT [ERROR]            the next COUNT requests of API fail with ERROR
//                                       (default REQUEST_TIMED_OUT)
//   leader TOPIC PARTITION N            move a partition's leader to broker N
//   coordinator transaction|group KEY N the coordinator of a transactional id / group
//   clear                               every broker up, no added round trip, no pushed errors
//
// API is a Kafka request name (MockApiNames()); ERROR a Kafka error name without the
// RD_KAFKA_RESP_ERR_ prefix (REQUEST_TIMED_OUT, NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE,
// ...). Brokers are numbered from 1. Blank lines and lines starting with '#' are no command.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace newsflow::ctl {

struct MockCommand {
  enum class Kind {
    kNone,
    kTopic,
    kBrokerDown,
    kBrokerUp,
    kRtt,
    kErrors,
    kLeader,
    kCoordinator,
    kClear
  };
  Kind kind = Kind::kNone;
  std::string name;     // kTopic, kLeader: the topic; kCoordinator: "transaction" or "group"
  std::string key;      // kCoordinator: the transactional id or group id
  int broker = 0;       // 1..brokers; kRtt: 0 = every broker
  int number = 0;       // kTopic: partitions; kLeader: the partition; kErrors: the count
  int rtt_ms = 0;       // kRtt
  int16_t api_key = 0;  // kErrors
  int error = 0;        // kErrors: an rd_kafka_resp_err_t
};

// Parses one control line; InvalidArgument naming what is wrong (the usage of the command).
StatusOr<MockCommand> ParseMockCommand(std::string_view line);

// The request names `errors` takes, in API key order.
std::vector<std::string> MockApiNames();

// Applies `command` to a cluster of `brokers` brokers: InvalidArgument for a broker out of
// range, Internal for what the mock cluster refuses. kNone does nothing.
Status ApplyMockCommand(const MockCommand& command, rd_kafka_mock_cluster_t* cluster, int brokers);

}  // namespace newsflow::ctl
