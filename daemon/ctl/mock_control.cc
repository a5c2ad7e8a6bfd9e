#include "daemon/ctl/mock_control.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <charconv>
#include <sstream>

namespace newsflow::ctl {
namespace {

struct ApiName {
  const char* name;
  int16_t key;
};

// Kafka's request API keys (the protocol's numbers; librdkafka does not install its table).
constexpr ApiName kApis[] = {
    {"Produce", 0},
    {"Fetch", 1},
    {"ListOffsets", 2},
    {"Metadata", 3},
    {"OffsetCommit", 8},
    {"OffsetFetch", 9},
    {"FindCoordinator", 10},
    {"JoinGroup", 11},
    {"Heartbeat", 12},
    {"LeaveGroup", 13},
    {"SyncGroup", 14},
    {"InitProducerId", 22},
    {"AddPartitionsToTxn", 24},
    {"AddOffsetsToTxn", 25},
    {"EndTxn", 26},
    {"TxnOffsetCommit", 28},
};

std::vector<std::string> Words(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool ToInt(const std::string& s, int min, int* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && *out >= min;
}

StatusOr<int16_t> ApiKey(const std::string& name) {
  for (const ApiName& a : kApis) {
    if (name == a.name) return a.key;
  }
  std::string known;
  for (const ApiName& a : kApis) known += std::string(known.empty() ? "" : ", ") + a.name;
  return Status::InvalidArgument("unknown API " + name + " (one of: " + known + ")");
}

StatusOr<int> ErrorCode(const std::string& name) {
  const rd_kafka_err_desc* descs = nullptr;
  size_t n = 0;
  rd_kafka_get_err_descs(&descs, &n);
  for (size_t i = 0; i < n; ++i) {
    if (descs[i].name != nullptr && name == descs[i].name) return static_cast<int>(descs[i].code);
  }
  return Status::InvalidArgument("unknown Kafka error " + name +
                                 " (a name as REQUEST_TIMED_OUT, without RD_KAFKA_RESP_ERR_)");
}

Status Usage(const std::string& usage) { return Status::InvalidArgument("usage: " + usage); }

StatusOr<MockCommand> ParseErrors(const std::vector<std::string>& w) {
  const char* usage = "errors API COUNT [ERROR]";
  MockCommand c;
  c.kind = MockCommand::Kind::kErrors;
  if (w.size() < 3 || w.size() > 4 || !ToInt(w[2], 1, &c.number)) return Usage(usage);
  auto api = ApiKey(w[1]);
  if (!api.ok()) return api.status();
  c.api_key = *api;
  auto error = ErrorCode(w.size() == 4 ? w[3] : "REQUEST_TIMED_OUT");
  if (!error.ok()) return error.status();
  c.error = *error;
  return c;
}

StatusOr<MockCommand> ParseWords(const std::vector<std::string>& w) {
  using Kind = MockCommand::Kind;
  const std::string& verb = w[0];
  MockCommand c;
  if (verb == "topic") {
    c.kind = Kind::kTopic;
    if (w.size() != 3 || !ToInt(w[2], 1, &c.number)) return Usage("topic NAME PARTITIONS");
    c.name = w[1];
  } else if (verb == "broker") {
    c.kind = w.size() > 1 && w[1] == "up" ? Kind::kBrokerUp : Kind::kBrokerDown;
    if (w.size() != 3 || (w[1] != "up" && w[1] != "down") || !ToInt(w[2], 1, &c.broker)) {
      return Usage("broker down|up N");
    }
  } else if (verb == "rtt") {
    c.kind = Kind::kRtt;
    const bool all = w.size() == 3 && w[1] == "all";
    if (w.size() != 3 || (!all && !ToInt(w[1], 1, &c.broker)) || !ToInt(w[2], 0, &c.rtt_ms)) {
      return Usage("rtt N|all MS");
    }
  } else if (verb == "errors") {
    return ParseErrors(w);
  } else if (verb == "leader") {
    c.kind = Kind::kLeader;
    if (w.size() != 4 || !ToInt(w[2], 0, &c.number) || !ToInt(w[3], 1, &c.broker)) {
      return Usage("leader TOPIC PARTITION N");
    }
    c.name = w[1];
  } else if (verb == "coordinator") {
    c.kind = Kind::kCoordinator;
    if (w.size() != 4 || (w[1] != "transaction" && w[1] != "group") || !ToInt(w[3], 1, &c.broker)) {
      return Usage("coordinator transaction|group KEY N");
    }
    c.name = w[1];
    c.key = w[2];
  } else if (verb == "clear") {
    c.kind = Kind::kClear;
    if (w.size() != 1) return Usage("clear");
  } else {
    return Status::InvalidArgument("unknown command " + verb +
                                   " (topic, broker, rtt, errors, leader, coordinator, clear)");
  }
  return c;
}

Status FromMock(const char* what, rd_kafka_resp_err_t e) {
  if (e == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::Ok();
  return Status::Internal(std::string(what) + ": " + rd_kafka_err2str(e));
}

Status Clear(rd_kafka_mock_cluster_t* cluster, int brokers) {
  for (int b = 1; b <= brokers; ++b) {
    if (Status s = FromMock("broker up", rd_kafka_mock_broker_set_up(cluster, b)); !s.ok()) {
      return s;
    }
    if (Status s = FromMock("rtt", rd_kafka_mock_broker_set_rtt(cluster, b, 0)); !s.ok()) return s;
  }
  for (const ApiName& a : kApis) rd_kafka_mock_clear_request_errors(cluster, a.key);
  return Status::Ok();
}

}  // namespace

StatusOr<MockCommand> ParseMockCommand(std::string_view line) {
  std::vector<std::string> w = Words(line);
  if (w.empty() || w[0][0] == '#') return MockCommand{};
  return ParseWords(w);
}

std::vector<std::string> MockApiNames() {
  std::vector<std::string> names;
  for (const ApiName& a : kApis) names.push_back(a.name);
  return names;
}

Status ApplyMockCommand(const MockCommand& c, rd_kafka_mock_cluster_t* cluster, int brokers) {
  using Kind = MockCommand::Kind;
  if (c.broker > brokers) {
    return Status::InvalidArgument("no broker " + std::to_string(c.broker) + " (brokers 1.." +
                                   std::to_string(brokers) + ")");
  }
  switch (c.kind) {
    case Kind::kNone:
      return Status::Ok();
    case Kind::kTopic:
      return FromMock("topic", rd_kafka_mock_topic_create(cluster, c.name.c_str(), c.number, 1));
    case Kind::kBrokerDown:
      return FromMock("broker down", rd_kafka_mock_broker_set_down(cluster, c.broker));
    case Kind::kBrokerUp:
      return FromMock("broker up", rd_kafka_mock_broker_set_up(cluster, c.broker));
    case Kind::kRtt:
      for (int b = c.broker == 0 ? 1 : c.broker; b <= (c.broker == 0 ? brokers : c.broker); ++b) {
        Status s = FromMock("rtt", rd_kafka_mock_broker_set_rtt(cluster, b, c.rtt_ms));
        if (!s.ok()) return s;
      }
      return Status::Ok();
    case Kind::kErrors: {
      std::vector<rd_kafka_resp_err_t> errors(c.number, static_cast<rd_kafka_resp_err_t>(c.error));
      rd_kafka_mock_push_request_errors_array(cluster, c.api_key, errors.size(), errors.data());
      return Status::Ok();
    }
    case Kind::kLeader:
      return FromMock("leader", rd_kafka_mock_partition_set_leader(cluster, c.name.c_str(),
                                                                   c.number, c.broker));
    case Kind::kCoordinator:
      return FromMock("coordinator", rd_kafka_mock_coordinator_set(cluster, c.name.c_str(),
                                                                   c.key.c_str(), c.broker));
    case Kind::kClear:
      return Clear(cluster, brokers);
  }
  return Status::Ok();
}

}  // namespace newsflow::ctl
