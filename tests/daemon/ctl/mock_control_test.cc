#include "daemon/ctl/mock_control.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include "daemon/kafka/embedded_kafka.h"

namespace newsflow::ctl {
namespace {

using Kind = MockCommand::Kind;

MockCommand Parsed(const std::string& line) {
  auto c = ParseMockCommand(line);
  EXPECT_TRUE(c.ok()) << line << ": " << c.status().ToString();
  return c.ok() ? *c : MockCommand{};
}

TEST(MockControlTest, ParsesEveryCommand) {
  MockCommand topic = Parsed("topic pages 8");
  EXPECT_EQ(topic.kind, Kind::kTopic);
  EXPECT_EQ(topic.name, "pages");
  EXPECT_EQ(topic.number, 8);
  EXPECT_EQ(Parsed("broker down 2").kind, Kind::kBrokerDown);
  EXPECT_EQ(Parsed("  broker up 2 ").broker, 2);
  MockCommand rtt = Parsed("rtt all 200");
  EXPECT_EQ(rtt.kind, Kind::kRtt);
  EXPECT_EQ(rtt.broker, 0);
  EXPECT_EQ(rtt.rtt_ms, 200);
  EXPECT_EQ(Parsed("rtt 3 0").broker, 3);
  MockCommand leader = Parsed("leader articles 5 2");
  EXPECT_EQ(leader.kind, Kind::kLeader);
  EXPECT_EQ(leader.number, 5);
  EXPECT_EQ(leader.broker, 2);
  MockCommand coord = Parsed("coordinator transaction newsflow-1 3");
  EXPECT_EQ(coord.kind, Kind::kCoordinator);
  EXPECT_EQ(coord.name, "transaction");
  EXPECT_EQ(coord.key, "newsflow-1");
  EXPECT_EQ(Parsed("clear").kind, Kind::kClear);
  EXPECT_EQ(Parsed("").kind, Kind::kNone);
  EXPECT_EQ(Parsed("# a comment").kind, Kind::kNone);
}

TEST(MockControlTest, ErrorsTakeEveryTransactionalApiAndAnErrorName) {
  const std::pair<const char*, int16_t> apis[] = {
      {"Produce", 0},          {"FindCoordinator", 10},
      {"InitProducerId", 22},  {"AddPartitionsToTxn", 24},
      {"AddOffsetsToTxn", 25}, {"EndTxn", 26},
      {"TxnOffsetCommit", 28}};
  for (const auto& [name, key] : apis) {
    MockCommand c = Parsed(std::string("errors ") + name + " 3");
    EXPECT_EQ(c.kind, Kind::kErrors);
    EXPECT_EQ(c.api_key, key) << name;
    EXPECT_EQ(c.number, 3);
    EXPECT_EQ(c.error, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT);  // the default
  }
  EXPECT_EQ(Parsed("errors EndTxn 1 NOT_COORDINATOR").error, RD_KAFKA_RESP_ERR_NOT_COORDINATOR);
  EXPECT_EQ(MockApiNames().size(), 16u);
}

TEST(MockControlTest, RefusesMalformedLinesNamingTheUsage) {
  for (const char* line :
       {"topic pages", "topic pages 0", "topic pages x", "broker sideways 1", "broker down 0",
        "rtt 1", "rtt some 5", "rtt 1 -5", "errors EndTxn", "errors Nope 1", "errors EndTxn 0",
        "leader t x 1", "coordinator cluster k 1", "clear now", "explode"}) {
    auto c = ParseMockCommand(line);
    EXPECT_FALSE(c.ok()) << line;
  }
  auto bad_api = ParseMockCommand("errors Nope 1");
  EXPECT_NE(bad_api.status().ToString().find("EndTxn"), std::string::npos);  // lists the APIs
  auto bad_error = ParseMockCommand("errors EndTxn 1 NO_SUCH_ERROR");
  EXPECT_NE(bad_error.status().ToString().find("NO_SUCH_ERROR"), std::string::npos);
  EXPECT_NE(ParseMockCommand("topic x").status().ToString().find("topic NAME PARTITIONS"),
            std::string::npos);
}

TEST(MockControlTest, AppliesCommandsToARealMockCluster) {
  auto kafka = EmbeddedKafka::Start(3);
  ASSERT_TRUE(kafka.ok()) << kafka.status().ToString();
  rd_kafka_mock_cluster_t* cluster = (*kafka)->cluster();
  for (const char* line : {"topic pages 4", "leader pages 1 2", "broker down 3", "broker up 3",
                           "rtt all 50", "errors EndTxn 2", "coordinator group g 2", "clear"}) {
    Status s = ApplyMockCommand(Parsed(line), cluster, 3);
    EXPECT_TRUE(s.ok()) << line << ": " << s.ToString();
  }
  // A broker out of range is refused before the mock cluster sees it.
  EXPECT_FALSE(ApplyMockCommand(Parsed("broker down 4"), cluster, 3).ok());
  EXPECT_FALSE(ApplyMockCommand(Parsed("leader pages 1 7"), cluster, 3).ok());
  // The mock cluster refuses a partition that does not exist.
  EXPECT_FALSE(ApplyMockCommand(Parsed("leader pages 9 1"), cluster, 3).ok());
}

}  // namespace
}  // namespace newsflow::ctl
