#include "daemon/config.h"

#include <arpa/inet.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "daemon/stage_registry.h"
#include "pipeline/config_section.h"

namespace newsflow {
namespace {

// A ConfigSection over one TOML table (null: the section is absent, every key keeps its
// default).
class TomlSection final : public ConfigSection {
 public:
  TomlSection(const toml::table* table, std::string path)
      : ConfigSection(std::move(path)), table_(table) {}

 protected:
  Found LookupBool(std::string_view key, bool* out) const override {
    const toml::node* n = Node(key);
    if (n == nullptr) return Found::kAbsent;
    if (!n->is_boolean()) return Found::kWrongType;
    *out = *n->value<bool>();
    return Found::kValue;
  }
  Found LookupInt(std::string_view key, int64_t* out) const override {
    const toml::node* n = Node(key);
    if (n == nullptr) return Found::kAbsent;
    if (!n->is_integer()) return Found::kWrongType;
    *out = *n->value<int64_t>();
    return Found::kValue;
  }
  Found LookupDouble(std::string_view key, double* out) const override {
    const toml::node* n = Node(key);
    if (n == nullptr) return Found::kAbsent;
    if (!n->is_floating_point() && !n->is_integer()) return Found::kWrongType;
    *out = *n->value<double>();
    return Found::kValue;
  }
  Found LookupString(std::string_view key, std::string* out) const override {
    const toml::node* n = Node(key);
    if (n == nullptr) return Found::kAbsent;
    if (!n->is_string()) return Found::kWrongType;
    *out = *n->value<std::string>();
    return Found::kValue;
  }
  Found LookupStrings(std::string_view key, std::vector<std::string>* out) const override {
    const toml::node* n = Node(key);
    if (n == nullptr) return Found::kAbsent;
    const toml::array* arr = n->as_array();
    if (arr == nullptr) return Found::kWrongType;
    std::vector<std::string> values;
    for (const auto& el : *arr) {
      if (!el.is_string()) return Found::kWrongType;
      values.push_back(*el.value<std::string>());
    }
    *out = std::move(values);
    return Found::kValue;
  }
  std::vector<std::string> Keys() const override {
    std::vector<std::string> keys;
    if (table_ == nullptr) return keys;
    for (const auto& [k, v] : *table_) keys.emplace_back(k.str());
    return keys;
  }

 private:
  const toml::node* Node(std::string_view key) const {
    return table_ == nullptr ? nullptr : table_->get(key);
  }
  const toml::table* table_;
};

#define NF_RETURN_IF_ERROR(expr)   \
  do {                             \
    Status nf_s_ = (expr);         \
    if (!nf_s_.ok()) return nf_s_; \
  } while (0)

Status ReadKafka(const toml::table* t, KafkaConfig* k) {
  TomlSection r(t, "kafka");
  r.Read("brokers", &k->brokers);
  r.Read("group_id", &k->group_id);
  r.Read("articles_topic", &k->articles_topic);
  r.Read("duplicates_topic", &k->duplicates_topic);
  r.Read("dead_letter_topic", &k->dead_letter_topic);
  r.Read("transactional_id", &k->transactional_id);
  r.Read("batch_max_messages", &k->batch_max_messages);
  r.Read("batch_max_ms", &k->batch_max_ms);
  r.Read("transaction_timeout_ms", &k->transaction_timeout_ms);
  r.Read("connect_timeout_ms", &k->connect_timeout_ms);
  r.Read("max_message_bytes", &k->max_message_bytes);
  r.MarkKnown("properties");
  r.MarkKnown("consumer_properties");
  r.MarkKnown("producer_properties");
  r.Check(k->batch_max_messages > 0, "batch_max_messages", "must be > 0");
  r.Check(k->batch_max_ms > 0, "batch_max_ms", "must be > 0");
  r.Check(k->connect_timeout_ms >= 100, "connect_timeout_ms", "must be >= 100");
  r.Check(k->max_message_bytes >= 65536 && k->max_message_bytes <= 1000000000, "max_message_bytes",
          "must be between 65536 and 1000000000");
  r.Check(!k->group_id.empty(), "group_id", "must not be empty");
  if (t != nullptr) {
    for (auto [name, out] : {std::pair{"properties", &k->properties},
                             std::pair{"consumer_properties", &k->consumer_properties},
                             std::pair{"producer_properties", &k->producer_properties}}) {
      const toml::node* p = t->get(name);
      if (p == nullptr) continue;
      const toml::table* pt = p->as_table();
      if (pt == nullptr)
        return Status::InvalidArgument(std::string("kafka.") + name + " must be a table");
      for (const auto& [key, v] : *pt) {
        if (auto s = v.value<std::string>(); s && v.is_string()) {
          (*out)[std::string(key.str())] = *s;
        } else if (auto i = v.value<int64_t>(); i && v.is_integer()) {
          (*out)[std::string(key.str())] = std::to_string(*i);
        } else if (auto b = v.value<bool>(); b && v.is_boolean()) {
          (*out)[std::string(key.str())] = *b ? "true" : "false";
        } else {
          return Status::InvalidArgument(std::string("kafka.") + name + "." +
                                         std::string(key.str()) +
                                         " must be a string, integer or boolean");
        }
      }
    }
  }
  return r.Finish();
}

Status ReadInputs(const toml::node* n, std::vector<InputConfig>* inputs) {
  if (n == nullptr) return Status::Ok();
  const toml::array* arr = n->as_array();
  if (arr == nullptr)
    return Status::InvalidArgument("inputs must be an array of tables ([[inputs]])");
  inputs->clear();
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (t == nullptr)
      return Status::InvalidArgument("inputs[" + std::to_string(i) + "] must be a table");
    TomlSection r(t, "inputs[" + std::to_string(i) + "]");
    InputConfig in;
    std::string format = "protobuf";
    r.Read("topic", &in.topic);
    r.Read("format", &format);
    r.Check(!in.topic.empty(), "topic", "must be set");
    NF_RETURN_IF_ERROR(r.Finish());
    auto f = ParseInputFormat(format);
    if (!f.ok())
      return Status::InvalidArgument("inputs[" + std::to_string(i) +
                                     "].format: " + f.status().message());
    in.format = *f;
    inputs->push_back(in);
  }
  if (inputs->empty()) return Status::InvalidArgument("inputs: at least one input topic is needed");
  return Status::Ok();
}

Status ReadStorage(const toml::table* t, StorageConfig* s) {
  TomlSection r(t, "storage");
  r.Read("path", &s->path);
  r.Read("block_cache_mb", &s->block_cache_mb);
  r.Read("write_buffer_mb", &s->write_buffer_mb);
  r.Read("sync_wal", &s->sync_wal);
  r.Read("outcome_retention_days", &s->outcome_retention_days);
  r.Read("article_retention_days", &s->article_retention_days);
  r.Check(s->block_cache_mb > 0, "block_cache_mb", "must be > 0");
  r.Check(s->write_buffer_mb > 0, "write_buffer_mb", "must be > 0");
  r.Check(s->outcome_retention_days > 0, "outcome_retention_days", "must be > 0");
  r.Check(s->article_retention_days >= 0, "article_retention_days", "must be >= 0 (0 = forever)");
  return r.Finish();
}

Status ReadLog(const toml::table* t, LogConfig* l) {
  TomlSection r(t, "log");
  r.Read("level", &l->level);
  r.Read("stats_interval_s", &l->stats_interval_s);
  std::string format = "auto";
  r.Read("format", &format);
  static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error"};
  r.Check(kLevels.count(l->level) > 0, "level", "must be one of trace, debug, info, warn, error");
  auto parsed = ParseLogFormat(format);
  r.Check(parsed.ok(), "format", "must be one of auto, text, journald, json");
  if (parsed.ok()) l->format = *parsed;
  return r.Finish();
}

bool IsIpLiteral(const std::string& address) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, address.c_str(), buf) == 1 ||
         inet_pton(AF_INET6, address.c_str(), buf) == 1;
}

Status ReadMetrics(const toml::table* t, MetricsConfig* m) {
  TomlSection r(t, "metrics");
  r.Read("enabled", &m->enabled);
  r.Read("listen_address", &m->listen_address);
  r.Read("port", &m->port);
  r.Read("kafka_stats_interval_ms", &m->kafka_stats_interval_ms);
  r.Read("loop_stall_timeout_s", &m->loop_stall_timeout_s);
  r.Check(IsIpLiteral(m->listen_address), "listen_address",
          "must be an IPv4 or IPv6 address (\"127.0.0.1\", \"::1\", \"0.0.0.0\")");
  r.Check(m->port >= 0 && m->port <= 65535, "port", "must be between 0 and 65535");
  r.Check(m->kafka_stats_interval_ms >= 100, "kafka_stats_interval_ms", "must be >= 100");
  r.Check(m->loop_stall_timeout_s >= 0, "loop_stall_timeout_s", "must be >= 0");
  return r.Finish();
}

Status ReadPipeline(const toml::table* t, std::vector<std::string>* stages) {
  TomlSection r(t, "pipeline");
  r.Read("stages", stages);
  NF_RETURN_IF_ERROR(r.Finish());
  for (const auto& st : *stages) {
    if (FindStage(st) == nullptr) {
      return Status::InvalidArgument("pipeline.stages: unknown stage '" + st + "'");
    }
  }
  if (stages->size() < 2 || (*stages)[0] != "decode" || (*stages)[1] != "clean") {
    return Status::InvalidArgument("pipeline.stages must start with \"decode\", \"clean\"");
  }
  // Dedup assigns each article its id (the Kafka key of its events): without it every event
  // would be keyed "".
  if (std::find(stages->begin(), stages->end(), "dedup") == stages->end()) {
    return Status::InvalidArgument(
        "pipeline.stages must include \"dedup\" (it assigns every article its id)");
  }
  return Status::Ok();
}

// Every top-level key is a known section, and every section but [[inputs]] is a table.
Status CheckSections(const toml::table& root) {
  static const std::set<std::string, std::less<>> kDaemonSections = {
      "kafka", "inputs", "storage", "pipeline", "log", "metrics"};
  for (const auto& [k, v] : root) {
    if (kDaemonSections.count(k.str()) == 0 && FindStage(k.str()) == nullptr) {
      return Status::InvalidArgument("unknown section or key '" + std::string(k.str()) + "'");
    }
  }
  std::vector<std::string> tables = {"kafka", "storage", "pipeline"};
  for (const StageFactory& stage : StageFactories()) tables.push_back(stage.name);
  tables.push_back("log");
  tables.push_back("metrics");
  for (const std::string& name : tables) {
    const toml::node* n = root.get(name);
    if (n != nullptr && !n->is_table()) return Status::InvalidArgument(name + " must be a table");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "protobuf") return InputFormat::kProtobuf;
  if (name == "json") return InputFormat::kJson;
  if (name == "body") return InputFormat::kBody;
  return Status::InvalidArgument("unknown format '" + std::string(name) +
                                 "' (protobuf, json or body)");
}

StatusOr<Config> ParseConfig(std::string_view toml_text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << source_name << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
        << e.description();
    return Status::InvalidArgument(msg.str());
  }
  NF_RETURN_IF_ERROR(CheckSections(root));
  Config c;
  NF_RETURN_IF_ERROR(ReadKafka(root.get_as<toml::table>("kafka"), &c.kafka));
  NF_RETURN_IF_ERROR(ReadInputs(root.get("inputs"), &c.inputs));
  NF_RETURN_IF_ERROR(ReadStorage(root.get_as<toml::table>("storage"), &c.storage));
  NF_RETURN_IF_ERROR(ReadPipeline(root.get_as<toml::table>("pipeline"), &c.stages));
  for (const StageFactory& stage : StageFactories()) {
    TomlSection section(root.get_as<toml::table>(stage.name), stage.name);
    NF_RETURN_IF_ERROR(stage.parse(section, &c));
  }
  NF_RETURN_IF_ERROR(ReadLog(root.get_as<toml::table>("log"), &c.log));
  NF_RETURN_IF_ERROR(ReadMetrics(root.get_as<toml::table>("metrics"), &c.metrics));
  return c;
}

StatusOr<Config> LoadConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read config file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseConfig(ss.str(), path);
}

}  // namespace newsflow
