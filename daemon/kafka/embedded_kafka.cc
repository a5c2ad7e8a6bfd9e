#include "daemon/kafka/embedded_kafka.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace newsflow {

StatusOr<std::unique_ptr<EmbeddedKafka>> EmbeddedKafka::Start(int brokers) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // The handle only hosts the mock cluster; keep it quiet.
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Status::Internal(std::string("rd_kafka_new: ") + err);
  }
  rd_kafka_mock_cluster_t* mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (mc == nullptr) {
    rd_kafka_destroy(rk);
    return Status::Internal("rd_kafka_mock_cluster_new failed");
  }
  std::unique_ptr<EmbeddedKafka> k(new EmbeddedKafka());
  k->handle_ = rk;
  k->cluster_ = mc;
  k->bootstrap_ = rd_kafka_mock_cluster_bootstraps(mc);
  return k;
}

EmbeddedKafka::~EmbeddedKafka() {
  if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
  if (handle_ != nullptr) rd_kafka_destroy(handle_);
}

Status EmbeddedKafka::CreateTopic(const std::string& topic, int partitions) {
  rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(cluster_, topic.c_str(), partitions, 1);
  if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::Internal("creating topic " + topic + ": " + rd_kafka_err2str(e));
  }
  return Status::Ok();
}

}  // namespace newsflow
