#include "daemon/kafka/ingest_client_conf.h"

#include <librdkafka/rdkafkacpp.h>

#include <string>

#include "daemon/kafka/kafka_conf.h"

namespace newsflow {
namespace {

Status SetEventCb(RdKafka::Conf* conf, RdKafka::EventCb* event_cb) {
  std::string err;
  if (event_cb != nullptr && conf->set("event_cb", event_cb, err) != RdKafka::Conf::CONF_OK) {
    return Status::Internal("event_cb: " + err);
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<RdKafka::Conf>> IngestConsumerConf(const KafkaConfig& k,
                                                            const KafkaHooks& hooks,
                                                            RdKafka::RebalanceCb* rebalance) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  // Defaults first: the operator's properties may override them, except what exactly-once
  // needs (group.id and manual offset commits, set last).
  Status s = SetConfs(conf.get(), {{"isolation.level", "read_committed"},
                                   {"auto.offset.reset", "earliest"},
                                   {"bootstrap.servers", k.brokers}});
  if (s.ok() && hooks.consumer_statistics_interval_ms > 0) {
    s = SetConf(conf.get(), "statistics.interval.ms",
                std::to_string(hooks.consumer_statistics_interval_ms));
  }
  if (s.ok()) s = SetEventCb(conf.get(), hooks.consumer_event_cb);
  if (s.ok()) s = SetConfs(conf.get(), k.properties);
  if (s.ok()) s = SetConfs(conf.get(), k.consumer_properties);
  if (s.ok()) {
    s = SetConfs(conf.get(), {{"group.id", k.group_id},
                              {"enable.auto.commit", "false"},
                              {"enable.auto.offset.store", "false"}});
  }
  if (!s.ok()) return s;
  std::string err;
  if (conf->set("rebalance_cb", rebalance, err) != RdKafka::Conf::CONF_OK) {
    return Status::Internal("rebalance_cb: " + err);
  }
  return conf;
}

StatusOr<std::unique_ptr<RdKafka::Conf>> IngestProducerConf(const KafkaConfig& k,
                                                            const KafkaHooks& hooks) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  Status s = SetConf(conf.get(), "bootstrap.servers", k.brokers);
  if (s.ok()) s = SetEventCb(conf.get(), hooks.producer_event_cb);
  if (s.ok()) s = SetConfs(conf.get(), k.properties);
  if (s.ok()) s = SetConfs(conf.get(), k.producer_properties);
  if (s.ok()) {
    s = SetConfs(conf.get(), {{"transactional.id", k.transactional_id},
                              {"transaction.timeout.ms", std::to_string(k.transaction_timeout_ms)},
                              {"message.max.bytes", std::to_string(k.max_message_bytes)},
                              // As the Java client: Kafka Streams and Java consumers joining on
                              // article_id find the same partition.
                              {"partitioner", "murmur2_random"},
                              {"linger.ms", "5"}});
  }
  if (!s.ok()) return s;
  return conf;
}

}  // namespace newsflow
