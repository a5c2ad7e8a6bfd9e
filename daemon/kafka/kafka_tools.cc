#include "daemon/kafka/kafka_tools.h"

#include <google/protobuf/util/json_util.h>
#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <random>

#include "daemon/kafka/kafka_conf.h"

namespace newsflow {

PageProducer::~PageProducer() {
  if (producer_) producer_->flush(5000);
}

StatusOr<std::unique_ptr<PageProducer>> PageProducer::Create(
    const std::string& brokers, const std::map<std::string, std::string>& properties) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  Status s = SetConf(conf.get(), "bootstrap.servers", brokers);
  if (s.ok()) s = SetConfs(conf.get(), properties);
  if (s.ok()) s = SetConf(conf.get(), "linger.ms", "5");
  if (!s.ok()) return s;
  std::string err;
  std::unique_ptr<PageProducer> p(new PageProducer());
  p->producer_.reset(RdKafka::Producer::create(conf.get(), err));
  if (!p->producer_) return Status::InvalidArgument("creating producer: " + err);
  return p;
}

Status PageProducer::SendRaw(const std::string& topic, const std::string& key,
                             const std::string& value) {
  for (;;) {
    RdKafka::ErrorCode e = producer_->produce(
        topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
        const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0, nullptr);
    if (e == RdKafka::ERR_NO_ERROR) return Status::Ok();
    if (e != RdKafka::ERR__QUEUE_FULL) return Status::Unavailable(RdKafka::err2str(e));
    producer_->poll(50);
  }
}

Status PageProducer::Send(const std::string& topic, InputFormat format, const v1::RawPage& page) {
  std::string value;
  switch (format) {
    case InputFormat::kProtobuf:
      value = page.SerializeAsString();
      break;
    case InputFormat::kJson:
      (void)google::protobuf::util::MessageToJsonString(page, &value);
      break;
    case InputFormat::kBody:
      value = page.body();
      break;
  }
  return SendRaw(topic, page.url(), value);
}

Status PageProducer::Flush(int timeout_ms) {
  RdKafka::ErrorCode e = producer_->flush(timeout_ms);
  if (e != RdKafka::ERR_NO_ERROR) return Status::Unavailable("flush: " + RdKafka::err2str(e));
  return Status::Ok();
}

TopicReader::~TopicReader() {
  if (consumer_) consumer_->close();
}

StatusOr<std::unique_ptr<TopicReader>> TopicReader::Create(
    const std::string& brokers, const std::vector<std::string>& topics,
    const std::map<std::string, std::string>& properties) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::random_device rd;
  Status s = SetConf(conf.get(), "bootstrap.servers", brokers);
  if (s.ok()) {
    s = SetConfs(conf.get(), {{"group.id", "newsflow-reader-" + std::to_string(rd())},
                              {"enable.auto.commit", "false"},
                              {"enable.partition.eof", "false"},
                              {"auto.offset.reset", "earliest"},
                              {"isolation.level", "read_committed"}});
  }
  if (s.ok()) s = SetConfs(conf.get(), properties);
  if (!s.ok()) return s;
  std::string err;
  std::unique_ptr<TopicReader> r(new TopicReader());
  r->consumer_.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!r->consumer_) return Status::InvalidArgument("creating consumer: " + err);
  // Assign every partition from the beginning: no group join (and its rebalance delay).
  std::vector<RdKafka::TopicPartition*> parts;
  for (const auto& topic : topics) {
    std::unique_ptr<RdKafka::Topic> handle(
        RdKafka::Topic::create(r->consumer_.get(), topic, nullptr, err));
    RdKafka::Metadata* md = nullptr;
    if (!handle ||
        r->consumer_->metadata(false, handle.get(), &md, 10000) != RdKafka::ERR_NO_ERROR) {
      RdKafka::TopicPartition::destroy(parts);
      return Status::Unavailable("metadata of " + topic);
    }
    std::unique_ptr<RdKafka::Metadata> owned(md);
    for (const auto* tm : *md->topics()) {
      if (tm->err() != RdKafka::ERR_NO_ERROR) {
        RdKafka::TopicPartition::destroy(parts);
        return Status::NotFound("topic " + topic + ": " + RdKafka::err2str(tm->err()));
      }
      for (const auto* pm : *tm->partitions()) {
        parts.push_back(
            RdKafka::TopicPartition::create(topic, pm->id(), RdKafka::Topic::OFFSET_BEGINNING));
      }
    }
  }
  RdKafka::ErrorCode e = r->consumer_->assign(parts);
  RdKafka::TopicPartition::destroy(parts);
  if (e != RdKafka::ERR_NO_ERROR) return Status::Unavailable("assign: " + RdKafka::err2str(e));
  return r;
}

std::vector<ReadMessage> TopicReader::Read(size_t max, int timeout_ms, int idle_ms) {
  std::vector<ReadMessage> out;
  auto now = [] { return std::chrono::steady_clock::now(); };
  const auto deadline = now() + std::chrono::milliseconds(timeout_ms);
  auto last = now();
  while ((max == 0 || out.size() < max) && now() < deadline) {
    if (idle_ms > 0 && now() - last > std::chrono::milliseconds(idle_ms)) break;
    std::unique_ptr<RdKafka::Message> m(consumer_->consume(50));
    if (m->err() != RdKafka::ERR_NO_ERROR) continue;
    last = now();
    ReadMessage r;
    r.topic = m->topic_name();
    r.partition = m->partition();
    r.offset = m->offset();
    if (m->key()) r.key = *m->key();
    r.value.assign(static_cast<const char*>(m->payload()), m->len());
    if (RdKafka::Headers* h = m->headers()) {
      for (const auto& hd : h->get_all()) {
        r.headers[hd.key()] = std::string(static_cast<const char*>(hd.value()), hd.value_size());
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace newsflow
