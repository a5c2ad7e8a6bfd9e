// Where a consumed message came from, and the state-store keys derived from it. The key
// formats are part of the on-disk format (pipeline/namespaces.h): topic + "|" + partition as
// 8 hex digits, + "|" + offset as 16 hex digits for one message.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace newsflow {

using TopicPartition = std::pair<std::string, int32_t>;

struct SourcePosition {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;

  TopicPartition topic_partition() const { return {topic, partition}; }
};

// "topic|0000000p": the key of one partition (offsets, in-flight markers).
std::string PartitionKey(const std::string& topic, int32_t partition);
// "topic|0000000p|00000000000000oo": the key of one message (the outcome memo).
std::string PositionKey(const SourcePosition& position);

}  // namespace newsflow
