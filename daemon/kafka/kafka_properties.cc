#include "daemon/kafka/kafka_properties.h"

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace newsflow {
namespace {

using Properties = std::map<std::string, std::string>;

Status SetAll(RdKafka::Conf* conf, const std::string& table, const Properties& properties) {
  for (const auto& [key, value] : properties) {
    std::string err;
    if (conf->set(key, value, err) != RdKafka::Conf::CONF_OK) {
      // The value is not echoed: it may be a secret (librdkafka's reason may quote it).
      return Status::InvalidArgument("kafka." + table + "." + key + ": " + err);
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckKafkaProperties(const KafkaConfig& kafka) {
  const std::vector<std::pair<std::string, const Properties*>> consumer = {
      {"properties", &kafka.properties}, {"consumer_properties", &kafka.consumer_properties}};
  const std::vector<std::pair<std::string, const Properties*>> producer = {
      {"properties", &kafka.properties}, {"producer_properties", &kafka.producer_properties}};
  for (const auto* tables : {&consumer, &producer}) {
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    for (const auto& [table, properties] : *tables) {
      Status s = SetAll(conf.get(), table, *properties);
      if (!s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace newsflow
