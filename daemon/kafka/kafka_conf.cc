#include "daemon/kafka/kafka_conf.h"

#include <librdkafka/rdkafkacpp.h>

namespace newsflow {
Status SetConf(RdKafka::Conf* conf, const std::string& key, const std::string& value) {
  std::string err;
  if (conf->set(key, value, err) != RdKafka::Conf::CONF_OK) {
    return Status::InvalidArgument("kafka property " + key + ": " + err);
  }
  return Status::Ok();
}

Status SetConfs(RdKafka::Conf* conf, const std::map<std::string, std::string>& kv) {
  for (const auto& [key, value] : kv) {
    Status s = SetConf(conf, key, value);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace newsflow
