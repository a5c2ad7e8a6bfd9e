// TransactionalProducer against librdkafka's mock cluster (the Kafka protocol on loopback).
// The 2.0.2 mock shows aborted transactions to read_committed readers, so these tests assert
// what a committed transaction delivers and what the producer answers, never that an aborted
// message is invisible.
#include "daemon/kafka/transactional_producer.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <string>

#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/kafka_conf.h"
#include "daemon/kafka/kafka_tools.h"

namespace newsflow {
namespace {

class TransactionalProducerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kafka = EmbeddedKafka::Start();
    ASSERT_TRUE(kafka.ok()) << kafka.status().ToString();
    kafka_ = std::move(kafka).value();
    ASSERT_TRUE(kafka_->CreateTopic("events", 1).ok());
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    ASSERT_TRUE(SetConfs(conf.get(), {{"bootstrap.servers", kafka_->bootstrap_servers()},
                                      {"transactional.id", "producer-test"},
                                      {"message.max.bytes", "20000"}})
                    .ok());
    auto producer = TransactionalProducer::Create(conf.get(), 10000);
    ASSERT_TRUE(producer.ok()) << producer.status().ToString();
    producer_ = std::move(producer).value();
  }

  std::vector<ReadMessage> ReadAll(size_t expected) {
    auto reader = TopicReader::Create(kafka_->bootstrap_servers(), {"events"});
    EXPECT_TRUE(reader.ok());
    return (*reader)->Read(expected, 10000, 1500);
  }

  std::unique_ptr<EmbeddedKafka> kafka_;
  std::unique_ptr<TransactionalProducer> producer_;
};

TEST_F(TransactionalProducerTest, ACommittedTransactionDeliversItsMessagesWithHeaders) {
  ASSERT_TRUE(producer_->Begin().ok());
  for (int i = 0; i < 3; ++i) {
    Status s =
        producer_->Produce("events", "key-" + std::to_string(i), "value-" + std::to_string(i),
                           {{"newsflow.event_type", "CREATED"}});
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  Status committed = producer_->Commit();
  ASSERT_TRUE(committed.ok()) << committed.ToString();
  auto messages = ReadAll(3);
  ASSERT_EQ(messages.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(messages[i].key, "key-" + std::to_string(i));
    EXPECT_EQ(messages[i].value, "value-" + std::to_string(i));
    EXPECT_EQ(messages[i].headers["newsflow.event_type"], "CREATED");
  }
}

// The header names each message's transaction, apart from the transactions before it and from
// those of a restarted producer with the same transactional.id (the soak verifier's ledger).
TEST_F(TransactionalProducerTest, EveryMessageNamesItsTransaction) {
  std::vector<std::string> names;
  for (int t = 0; t < 2; ++t) {
    ASSERT_TRUE(producer_->Begin().ok());
    names.push_back(producer_->transaction_name());
    ASSERT_TRUE(producer_->Produce("events", "k", "v", {}).ok());
    ASSERT_TRUE(producer_->Commit().ok());
  }
  EXPECT_NE(names[0], names[1]);
  EXPECT_EQ(names[0].rfind("producer-test/", 0), 0u) << names[0];
  auto messages = ReadAll(2);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].headers["newsflow.transaction"], names[0]);
  EXPECT_EQ(messages[1].headers["newsflow.transaction"], names[1]);
  producer_.reset();
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  ASSERT_TRUE(SetConfs(conf.get(), {{"bootstrap.servers", kafka_->bootstrap_servers()},
                                    {"transactional.id", "producer-test"}})
                  .ok());
  auto restarted = TransactionalProducer::Create(conf.get(), 10000);
  ASSERT_TRUE(restarted.ok()) << restarted.status().ToString();
  ASSERT_TRUE((*restarted)->Begin().ok());
  EXPECT_NE((*restarted)->transaction_name(), names[0]);
  EXPECT_TRUE((*restarted)->Abort().ok());
}

TEST_F(TransactionalProducerTest, TheConsumersOffsetsJoinTheTransaction) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  ASSERT_TRUE(SetConfs(conf.get(), {{"bootstrap.servers", kafka_->bootstrap_servers()},
                                    {"group.id", "producer-test-group"}})
                  .ok());
  std::string err;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(RdKafka::KafkaConsumer::create(conf.get(), err));
  ASSERT_TRUE(consumer) << err;
  ASSERT_TRUE(producer_->Begin().ok());
  ASSERT_TRUE(producer_->Produce("events", "k", "v", {}).ok());
  Status sent = producer_->SendOffsets({{{"pages", 0}, 42}}, consumer.get());
  EXPECT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_TRUE(producer_->Commit().ok());
  consumer->close();
}

TEST_F(TransactionalProducerTest, AnOversizedMessageFailsClearlyAndTheNextTransactionWorks) {
  ASSERT_TRUE(producer_->Begin().ok());
  Status s = producer_->Produce("events", "big", std::string(50000, 'x'), {});
  ASSERT_FALSE(s.ok());
  EXPECT_FALSE(s.IsFatal());
  EXPECT_NE(s.message().find("too large"), std::string::npos) << s.ToString();
  ASSERT_TRUE(producer_->Abort().ok());
  ASSERT_TRUE(producer_->Begin().ok());
  ASSERT_TRUE(producer_->Produce("events", "small", "fits", {}).ok());
  ASSERT_TRUE(producer_->Commit().ok());
  bool found = false;
  for (const auto& m : ReadAll(1)) found = found || m.key == "small";
  EXPECT_TRUE(found);
}

TEST_F(TransactionalProducerTest, AFatalClientErrorIsStatusFatal) {
  ASSERT_TRUE(producer_->Begin().ok());
  ASSERT_EQ(rd_kafka_test_fatal_error(producer_->client()->c_ptr(),
                                      RD_KAFKA_RESP_ERR_PRODUCER_FENCED, "fenced in a test"),
            RD_KAFKA_RESP_ERR_NO_ERROR);
  Status produced = producer_->Produce("events", "k", "v", {});
  EXPECT_TRUE(produced.IsFatal()) << produced.ToString();
  EXPECT_NE(produced.message().find("fenced in a test"), std::string::npos) << produced.ToString();
  Status committed = producer_->Commit();
  EXPECT_TRUE(committed.IsFatal()) << committed.ToString();
  EXPECT_TRUE(producer_->Begin().IsFatal());
}

// A fencing (a newer producer on the same transactional.id: a second instance started with
// the same kafka.transactional_id) is named as such, with the id, and remembered. The error is
// injected: the 2.0.2 mock does not fence the older of two producers on one id (its next
// transaction commits; tried while writing this test), so it cannot show the real thing.
TEST_F(TransactionalProducerTest, AFencingIsNamedAsSuchWithTheId) {
  ASSERT_TRUE(producer_->Begin().ok());
  EXPECT_FALSE(producer_->fenced());
  ASSERT_EQ(rd_kafka_test_fatal_error(producer_->client()->c_ptr(),
                                      RD_KAFKA_RESP_ERR_PRODUCER_FENCED, "a newer producer"),
            RD_KAFKA_RESP_ERR_NO_ERROR);
  Status s = producer_->Produce("events", "k", "v", {});
  ASSERT_TRUE(s.IsFatal()) << s.ToString();
  EXPECT_TRUE(producer_->fenced());
  EXPECT_EQ(s.message().rfind("fenced: ", 0), 0u) << s.ToString();
  EXPECT_NE(s.message().find("transactional.id \"producer-test\""), std::string::npos)
      << s.ToString();
  EXPECT_TRUE(producer_->Begin().IsFatal());
}

TEST(TransactionalProducerConnectTest, AnUnreachableClusterIsUnavailableAfterTheInitTimeout) {
  auto kafka = EmbeddedKafka::Start();
  ASSERT_TRUE(kafka.ok());
  // The only broker down: init_transactions finds no coordinator.
  rd_kafka_mock_broker_set_down((*kafka)->cluster(), 1);
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  ASSERT_TRUE(SetConfs(conf.get(), {{"bootstrap.servers", (*kafka)->bootstrap_servers()},
                                    {"transactional.id", "unreachable"}})
                  .ok());
  auto producer = TransactionalProducer::Create(conf.get(), 30000, 1000);
  ASSERT_FALSE(producer.ok());
  EXPECT_EQ(producer.status().code(), Status::Code::kUnavailable) << producer.status().ToString();
  EXPECT_NE(producer.status().message().find("init_transactions"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
