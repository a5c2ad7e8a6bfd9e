// CheckKafkaProperties: the [kafka.*properties] tables of a config, checked by librdkafka
// itself without connecting anywhere — so a misspelt or ill-typed property is a config error
// found at start-up (and by `newsflowd --check-config`), not a failure after the state store
// was opened.
#pragma once

#include "daemon/config.h"
#include "pipeline/status.h"

namespace newsflow {

// Sets kafka.properties and kafka.consumer_properties on a consumer configuration, and
// kafka.properties and kafka.producer_properties on a producer one, as IngestService does.
// InvalidArgument naming the first property librdkafka refuses, with its table and its reason
// ("kafka.consumer_properties.fetch.wait.max.ms: Invalid value ..."). Checks what
// librdkafka checks when a property is set (name, type, range); conflicts between properties
// show only when the clients are created.
Status CheckKafkaProperties(const KafkaConfig& kafka);

}  // namespace newsflow
