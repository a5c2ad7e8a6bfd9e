// The librdkafka configurations of IngestService's consumer and transactional producer: the
// operator's properties ([kafka.properties], [kafka.consumer_properties],
// [kafka.producer_properties]) go between newsflowd's defaults (which they may override) and
// what exactly-once and the message limits require (set last: group.id, manual offset
// commits, transactional.id, message.max.bytes, the Java client's partitioner).
#pragma once

#include <memory>

#include "daemon/config.h"
#include "daemon/kafka/ingest_service.h"
#include "pipeline/status.h"

namespace RdKafka {
class Conf;
class RebalanceCb;
}  // namespace RdKafka

namespace newsflow {

StatusOr<std::unique_ptr<RdKafka::Conf>> IngestConsumerConf(const KafkaConfig& kafka,
                                                            const KafkaHooks& hooks,
                                                            RdKafka::RebalanceCb* rebalance);
StatusOr<std::unique_ptr<RdKafka::Conf>> IngestProducerConf(const KafkaConfig& kafka,
                                                            const KafkaHooks& hooks);

}  // namespace newsflow
