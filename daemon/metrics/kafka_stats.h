// KafkaStats: what newsflowd reads from librdkafka's statistics JSON (statistics.interval.ms;
// the fields are librdkafka's STATISTICS.md): the brokers' connection states, the consumer
// group's state and each assigned partition's lag.
//
// Lag of a partition = its last stable offset (ls_offset: consumers read read_committed) minus
// the consumer's position: the offset after the last message handed to newsflowd
// (app_offset), else the committed offset, else the partition's first offset (nothing read
// or committed yet: auto.offset.reset=earliest). Partitions not assigned (fetch_state
// "none"), the internal partition -1 and partitions whose offsets are not known yet are left
// out.
//
// Errors: input that is not a librdkafka statistics object gives nullopt. Pure functions,
// safe from any thread; cost linear in the JSON (a few KB per partition).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

struct KafkaBrokerState {
  std::string name;   // "host:port/nodeid" as librdkafka names it
  std::string state;  // "UP", "DOWN", "CONNECT", "TRY_CONNECT", ...
  bool up() const { return state == "UP"; }
};

struct KafkaPartitionLag {
  std::string topic;
  int32_t partition = 0;
  int64_t lag = 0;  // messages, >= 0
};

struct KafkaStats {
  std::string client_type;  // "consumer" or "producer"
  // The cluster's brokers (librdkafka's logical brokers such as "GroupCoordinator" and its
  // internal one left out).
  std::vector<KafkaBrokerState> brokers;
  // A consumer in a group: cgrp.state "up" (coordinator known) and join_state "steady".
  bool group_joined = false;
  std::vector<KafkaPartitionLag> lags;

  int brokers_up() const;
  // The names of the brokers that are not up, ", "-separated.
  std::string BrokersDown() const;
};

std::optional<KafkaStats> ParseKafkaStats(std::string_view json);

}  // namespace newsflow
