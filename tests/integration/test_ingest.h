// What the ingest service's end-to-end tests share: its config on the mock cluster, the pages
// they send and how they read topics and the state store back.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/kafka_tools.h"
#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/state_store.h"
#include "tests/support/shared_data.h"

namespace newsflow::testing {

inline constexpr int64_t kTestFetchMs = 1748779200000;  // 2025-06-01T12:00:00Z

// A one-broker mock cluster holding `topics`, each with `partitions` partitions; null (after
// a test failure) when it cannot be started.
inline std::unique_ptr<EmbeddedKafka> StartTestCluster(const std::vector<std::string>& topics,
                                                       int partitions) {
  auto kafka = EmbeddedKafka::Start(1);
  EXPECT_TRUE(kafka.ok()) << kafka.status().ToString();
  if (!kafka.ok()) return nullptr;
  for (const std::string& topic : topics) {
    Status s = (*kafka)->CreateTopic(topic, partitions);
    EXPECT_TRUE(s.ok()) << topic << ": " << s.ToString();
    if (!s.ok()) return nullptr;
  }
  return std::move(kafka).value();
}

// The service's config on the cluster at `brokers`: consumer group `group` (transactional id
// "<group>-0"), batches of at most 100 ms, no periodic stats, the shipped taxonomy. The mock
// cluster keeps a closed member until its session times out: the session is short (6 s) so
// that a restarted instance rejoins quickly. Inputs and stages are the defaults.
inline Config TestIngestConfig(const std::string& brokers, const std::string& group) {
  Config config;
  config.kafka.brokers = brokers;
  config.kafka.group_id = group;
  config.kafka.transactional_id = group + "-0";
  config.kafka.batch_max_ms = 100;
  config.log.stats_interval_s = 0;
  config.kafka.consumer_properties = {{"session.timeout.ms", "6000"},
                                      {"heartbeat.interval.ms", "500"}};
  config.classify.taxonomy_path = SourceDir() + "/deploy/topics/iptc_media_topics.toml";
  return config;
}

// A page of `url` with `body`, fetched at kTestFetchMs.
inline v1::RawPage TestRawPage(const std::string& url, const std::string& body) {
  v1::RawPage page;
  page.set_url(url);
  page.set_fetched_at_ms(kTestFetchMs);
  page.set_body(body);
  return page;
}

// What a read_committed reader of `topic` gets (TopicReader::Read's limits); nothing when it
// cannot be created (a test failure).
inline std::vector<ReadMessage> ReadTopic(const std::string& brokers, const std::string& topic,
                                          size_t max, int timeout_ms, int idle_ms = 0) {
  auto reader = TopicReader::Create(brokers, {topic});
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {};
  return (*reader)->Read(max, timeout_ms, idle_ms);
}

// How many records namespace `ns` of `store` holds; -1 when the scan fails.
inline int CountRecords(StateStore& store, std::string_view ns) {
  int n = 0;
  Status s =
      store.ScanPrefix(ns, "", [&](std::string_view, std::string_view) { return ++n, true; });
  return s.ok() ? n : -1;
}

}  // namespace newsflow::testing
