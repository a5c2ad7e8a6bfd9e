// Setting librdkafka configuration properties with Status errors. The message names the
// property, not its value (values may be SASL secrets).
#pragma once

#include <map>
#include <string>

#include "pipeline/status.h"

namespace RdKafka {
class Conf;
}  // namespace RdKafka

namespace newsflow {

Status SetConf(RdKafka::Conf* conf, const std::string& key, const std::string& value);
// Sets each; stops at the first error.
Status SetConfs(RdKafka::Conf* conf, const std::map<std::string, std::string>& kv);

}  // namespace newsflow
