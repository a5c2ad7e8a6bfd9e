// Small Kafka clients for newsflowctl (produce, tail), the demo, benchmarks and tests.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "daemon/config.h"
#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/status.h"

namespace RdKafka {
class Producer;
class KafkaConsumer;
}  // namespace RdKafka

namespace newsflow {

// Writes RawPages to an input topic in one of the input formats. Not transactional.
class PageProducer {
 public:
  static StatusOr<std::unique_ptr<PageProducer>> Create(
      const std::string& brokers, const std::map<std::string, std::string>& properties = {});
  ~PageProducer();
  // Queues one page (key = its URL). The raw bytes variant sends `value` as is (e.g. junk).
  Status Send(const std::string& topic, InputFormat format, const v1::RawPage& page);
  Status SendRaw(const std::string& topic, const std::string& key, const std::string& value);
  // Waits until everything queued was acknowledged.
  Status Flush(int timeout_ms);

 private:
  PageProducer() = default;
  std::unique_ptr<RdKafka::Producer> producer_;
};

struct ReadMessage {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
  std::map<std::string, std::string> headers;
};

// Reads every partition of the topics from the beginning with isolation.level=read_committed,
// as a downstream consumer would (assigned partitions, no group, no offsets committed).
class TopicReader {
 public:
  static StatusOr<std::unique_ptr<TopicReader>> Create(
      const std::string& brokers, const std::vector<std::string>& topics,
      const std::map<std::string, std::string>& properties = {});
  ~TopicReader();
  // Returns the messages that arrive within `timeout_ms` (at most `max`; 0 = no limit),
  // returning early once `max` were read or, with idle_ms > 0, once no message arrived for
  // idle_ms.
  std::vector<ReadMessage> Read(size_t max, int timeout_ms, int idle_ms = 0);

 private:
  TopicReader() = default;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
};

}  // namespace newsflow
