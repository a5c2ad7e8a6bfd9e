#include "daemon/metrics/kafka_stats.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

// librdkafka's statistics shape (STATISTICS.md), cut to the fields newsflowd reads.
std::string ConsumerStats(const std::string& cgrp_state, const std::string& join_state) {
  return R"({"name": "rdkafka#consumer-1", "type": "consumer", "ts": 1, "time": 2,
  "brokers": {
    "10.0.0.1:9092/1": {"name": "10.0.0.1:9092/1", "nodeid": 1, "source": "configured",
                        "state": "UP"},
    "10.0.0.2:9092/2": {"name": "10.0.0.2:9092/2", "nodeid": 2, "source": "learned",
                        "state": "TRY_CONNECT"},
    "GroupCoordinator": {"name": "GroupCoordinator", "nodeid": 1, "source": "logical",
                         "state": "UP"}},
  "topics": {"pages": {"topic": "pages", "partitions": {
    "0": {"partition": 0, "fetch_state": "active", "app_offset": 40, "committed_offset": 30,
          "lo_offset": 0, "ls_offset": 50, "hi_offset": 52},
    "1": {"partition": 1, "fetch_state": "active", "app_offset": -1001, "committed_offset": 7,
          "lo_offset": 0, "ls_offset": 9},
    "2": {"partition": 2, "fetch_state": "offset-query", "app_offset": -1001,
          "committed_offset": -1001, "lo_offset": 3, "ls_offset": 5},
    "3": {"partition": 3, "fetch_state": "none", "app_offset": 1, "ls_offset": 9},
    "4": {"partition": 4, "fetch_state": "active", "app_offset": 12, "ls_offset": 11},
    "5": {"partition": 5, "fetch_state": "active", "app_offset": -1001,
          "committed_offset": -1001, "lo_offset": -1001, "ls_offset": -1001},
    "-1": {"partition": -1, "fetch_state": "none", "ls_offset": -1001}}}},
  "cgrp": {"state": ")" +
         cgrp_state + R"(", "join_state": ")" + join_state + R"(",
           "assignment_size": 5}})";
}

TEST(KafkaStatsTest, ReadsBrokersGroupAndLagOfAssignedPartitions) {
  auto stats = ParseKafkaStats(ConsumerStats("up", "steady"));
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->client_type, "consumer");
  ASSERT_EQ(stats->brokers.size(), 2u);  // GroupCoordinator is librdkafka's, not a broker
  EXPECT_EQ(stats->brokers_up(), 1);
  EXPECT_EQ(stats->BrokersDown(), "10.0.0.2:9092/2");
  EXPECT_TRUE(stats->group_joined);
  ASSERT_EQ(stats->lags.size(), 4u);
  // Behind the last stable offset from the position: consumed, else committed, else the
  // partition's start; never negative.
  EXPECT_EQ(stats->lags[0].topic, "pages");
  EXPECT_EQ(stats->lags[0].partition, 0);
  EXPECT_EQ(stats->lags[0].lag, 10);
  EXPECT_EQ(stats->lags[1].partition, 1);
  EXPECT_EQ(stats->lags[1].lag, 2);
  EXPECT_EQ(stats->lags[2].partition, 2);
  EXPECT_EQ(stats->lags[2].lag, 2);
  EXPECT_EQ(stats->lags[3].partition, 4);
  EXPECT_EQ(stats->lags[3].lag, 0);
}

TEST(KafkaStatsTest, GroupJoinedOnlyWhenUpAndSteady) {
  EXPECT_FALSE(ParseKafkaStats(ConsumerStats("up", "wait-join"))->group_joined);
  EXPECT_FALSE(ParseKafkaStats(ConsumerStats("query-coord", "steady"))->group_joined);
  auto producer = ParseKafkaStats(R"({"type": "producer", "brokers": {}, "topics": {}})");
  ASSERT_TRUE(producer.has_value());
  EXPECT_EQ(producer->client_type, "producer");
  EXPECT_FALSE(producer->group_joined);
  EXPECT_TRUE(producer->brokers.empty());
}

TEST(KafkaStatsTest, RejectsWhatIsNotAStatisticsObject) {
  EXPECT_FALSE(ParseKafkaStats("").has_value());
  EXPECT_FALSE(ParseKafkaStats("[1, 2]").has_value());
  EXPECT_FALSE(ParseKafkaStats(R"({"type": "consumer"})").has_value());  // no brokers
  EXPECT_FALSE(ParseKafkaStats(R"({"type": "consumer", "brokers": {)").has_value());
}

}  // namespace
}  // namespace newsflow
