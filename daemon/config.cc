#include "daemon/config.h"

#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace newsflow {
namespace {

// Reads typed keys from one TOML table and remembers which keys were used, so that
// Finish() can reject the rest by name (Vector's deny_unknown_fields).
class TableReader {
 public:
  TableReader(const toml::table* table, std::string path) : table_(table), path_(std::move(path)) {}

  template <typename T>
  void Read(const char* key, T* out) {
    used_.insert(key);
    if (!status_.ok() || table_ == nullptr) return;
    const toml::node* node = table_->get(key);
    if (node == nullptr) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node->value<bool>(); v && node->is_boolean()) {
        *out = *v;
        return;
      }
      Fail(key, "a boolean");
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (auto v = node->value<std::string>(); v && node->is_string()) {
        *out = *v;
        return;
      }
      Fail(key, "a string");
    } else if constexpr (std::is_floating_point_v<T>) {
      if (auto v = node->value<double>(); v && (node->is_floating_point() || node->is_integer())) {
        *out = static_cast<T>(*v);
        return;
      }
      Fail(key, "a number");
    } else if constexpr (std::is_integral_v<T>) {
      if (auto v = node->value<int64_t>(); v && node->is_integer()) {
        if (*v < 0 && std::is_unsigned_v<T>) {
          Fail(key, "a non-negative integer");
          return;
        }
        *out = static_cast<T>(*v);
        return;
      }
      Fail(key, "an integer");
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      const toml::array* arr = node->as_array();
      if (arr == nullptr) {
        Fail(key, "an array of strings");
        return;
      }
      out->clear();
      for (const auto& el : *arr) {
        auto s = el.value<std::string>();
        if (!s || !el.is_string()) {
          Fail(key, "an array of strings");
          return;
        }
        out->push_back(*s);
      }
    }
  }

  // Marks a key (a sub-table) as handled elsewhere.
  void Use(const char* key) { used_.insert(key); }

  void Check(bool ok, const char* key, const std::string& why) {
    if (status_.ok() && !ok) {
      status_ = Status::InvalidArgument(path_ + "." + key + ": " + why);
    }
  }

  Status Finish() {
    if (!status_.ok() || table_ == nullptr) return status_;
    for (const auto& [k, v] : *table_) {
      if (used_.count(std::string(k.str())) == 0) {
        return Status::InvalidArgument("unknown key " + path_ + "." + std::string(k.str()));
      }
    }
    return Status::Ok();
  }

 private:
  void Fail(const char* key, const char* what) {
    status_ = Status::InvalidArgument(path_ + "." + key + " must be " + what);
  }
  const toml::table* table_;
  std::string path_;
  std::set<std::string, std::less<>> used_;
  Status status_;
};

const toml::table* Sub(const toml::table& root, const char* key, Status* status) {
  const toml::node* n = root.get(key);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) *status = Status::InvalidArgument(std::string(key) + " must be a table");
  return n->as_table();
}

#define NF_RETURN_IF_ERROR(expr)    \
  do {                              \
    Status nf_s_ = (expr);          \
    if (!nf_s_.ok()) return nf_s_;  \
  } while (0)

Status ReadKafka(const toml::table* t, KafkaConfig* k) {
  TableReader r(t, "kafka");
  r.Read("brokers", &k->brokers);
  r.Read("group_id", &k->group_id);
  r.Read("articles_topic", &k->articles_topic);
  r.Read("duplicates_topic", &k->duplicates_topic);
  r.Read("dead_letter_topic", &k->dead_letter_topic);
  r.Read("transactional_id", &k->transactional_id);
  r.Read("batch_max_messages", &k->batch_max_messages);
  r.Read("batch_max_ms", &k->batch_max_ms);
  r.Read("transaction_timeout_ms", &k->transaction_timeout_ms);
  r.Use("properties");
  r.Use("consumer_properties");
  r.Use("producer_properties");
  r.Check(k->batch_max_messages > 0, "batch_max_messages", "must be > 0");
  r.Check(k->batch_max_ms > 0, "batch_max_ms", "must be > 0");
  r.Check(!k->group_id.empty(), "group_id", "must not be empty");
  r.Check(!k->transactional_id.empty(), "transactional_id", "must not be empty");
  if (t != nullptr) {
    for (auto [name, out] : {std::pair{"properties", &k->properties},
                             std::pair{"consumer_properties", &k->consumer_properties},
                             std::pair{"producer_properties", &k->producer_properties}}) {
      const toml::node* p = t->get(name);
      if (p == nullptr) continue;
      const toml::table* pt = p->as_table();
      if (pt == nullptr) return Status::InvalidArgument(std::string("kafka.") + name + " must be a table");
      for (const auto& [key, v] : *pt) {
        if (auto s = v.value<std::string>(); s && v.is_string()) {
          (*out)[std::string(key.str())] = *s;
        } else if (auto i = v.value<int64_t>(); i && v.is_integer()) {
          (*out)[std::string(key.str())] = std::to_string(*i);
        } else if (auto b = v.value<bool>(); b && v.is_boolean()) {
          (*out)[std::string(key.str())] = *b ? "true" : "false";
        } else {
          return Status::InvalidArgument(std::string("kafka.") + name + "." + std::string(key.str()) +
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
  if (arr == nullptr) return Status::InvalidArgument("inputs must be an array of tables ([[inputs]])");
  inputs->clear();
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (t == nullptr) return Status::InvalidArgument("inputs[" + std::to_string(i) + "] must be a table");
    TableReader r(t, "inputs[" + std::to_string(i) + "]");
    InputConfig in;
    std::string format = "protobuf";
    r.Read("topic", &in.topic);
    r.Read("format", &format);
    r.Check(!in.topic.empty(), "topic", "must be set");
    NF_RETURN_IF_ERROR(r.Finish());
    auto f = ParseInputFormat(format);
    if (!f.ok()) return Status::InvalidArgument("inputs[" + std::to_string(i) + "].format: " + f.status().message());
    in.format = *f;
    inputs->push_back(in);
  }
  if (inputs->empty()) return Status::InvalidArgument("inputs: at least one input topic is needed");
  return Status::Ok();
}

Status ReadStorage(const toml::table* t, StorageConfig* s) {
  TableReader r(t, "storage");
  r.Read("path", &s->path);
  r.Read("block_cache_mb", &s->block_cache_mb);
  r.Read("write_buffer_mb", &s->write_buffer_mb);
  r.Read("sync_wal", &s->sync_wal);
  r.Read("outcome_retention_days", &s->outcome_retention_days);
  r.Check(s->block_cache_mb > 0, "block_cache_mb", "must be > 0");
  r.Check(s->write_buffer_mb > 0, "write_buffer_mb", "must be > 0");
  r.Check(s->outcome_retention_days > 0, "outcome_retention_days", "must be > 0");
  return r.Finish();
}

Status ReadDecode(const toml::table* t, DecodeOptions* d) {
  TableReader r(t, "decode");
  r.Read("max_page_bytes", &d->max_page_bytes);
  r.Read("max_control_ratio", &d->max_control_ratio);
  r.Read("max_replacement_ratio", &d->max_replacement_ratio);
  r.Check(d->max_page_bytes > 0, "max_page_bytes", "must be > 0");
  return r.Finish();
}

Status ReadClean(const toml::table* t, CleanOptions* c) {
  TableReader r(t, "clean");
  r.Read("learn_site_chrome", &c->learn_site_chrome);
  r.Read("chrome_min_pages", &c->chrome_min_pages);
  r.Read("chrome_half_life_days", &c->chrome_half_life_days);
  r.Read("chrome_max_line_chars", &c->chrome_max_line_chars);
  r.Read("chrome_retention_days", &c->chrome_retention_days);
  r.Read("html_max_bytes", &c->html.max_html_bytes);
  r.Read("html_max_element_depth", &c->html.max_element_depth);
  r.Read("html_min_article_chars", &c->html.min_article_chars);
  r.Read("html_max_block_link_density", &c->html.max_block_link_density);
  r.Read("text_min_body_chars", &c->text.min_body_chars);
  r.Read("text_max_page_bytes", &c->text.max_page_bytes);
  r.Check(c->chrome_min_pages >= 2, "chrome_min_pages", "must be >= 2");
  return r.Finish();
}

Status ReadDedup(const toml::table* t, DedupOptions* d) {
  TableReader r(t, "dedup");
  r.Read("shingle_words", &d->shingle_words);
  r.Read("bands", &d->bands);
  r.Read("rows", &d->rows);
  r.Read("near_threshold", &d->near_threshold);
  r.Read("near_threshold_short", &d->near_threshold_short);
  r.Read("short_words", &d->short_words);
  r.Read("min_words", &d->min_words);
  r.Read("teaser_max_words", &d->teaser_max_words);
  r.Read("teaser_containment", &d->teaser_containment);
  r.Read("max_candidates", &d->max_candidates);
  r.Read("cut_copy_containment", &d->cut_copy_containment);
  r.Read("teaser_min_words", &d->teaser_min_words);
  r.Read("teaser_max_ratio", &d->teaser_max_ratio);
  r.Read("retention_days", &d->retention_days);
  r.Read("exact_title_words", &d->exact_title_words);
  r.Read("sketch_size", &d->sketch_size);
  r.Read("teaser_exact_below_words", &d->teaser_exact_below_words);
  r.Read("lead_index_shingles", &d->lead_index_shingles);
  r.Read("lead_sample_modulus", &d->lead_sample_modulus);
  r.Read("max_postings", &d->max_postings);
  r.Read("tracking_params", &d->url.tracking_params);
  bool http_as_https = d->url.scheme == dedup::SchemePolicy::kHttpAsHttps;
  bool strip_www = d->url.www == dedup::WwwPolicy::kStrip;
  r.Read("url_http_as_https", &http_as_https);
  r.Read("url_strip_www", &strip_www);
  d->url.scheme = http_as_https ? dedup::SchemePolicy::kHttpAsHttps : dedup::SchemePolicy::kKeep;
  d->url.www = strip_www ? dedup::WwwPolicy::kStrip : dedup::WwwPolicy::kKeep;
  r.Check(d->near_threshold > 0 && d->near_threshold <= 1, "near_threshold", "must be in (0, 1]");
  r.Check(d->near_threshold_short > 0 && d->near_threshold_short <= 1, "near_threshold_short",
          "must be in (0, 1]");
  r.Check(d->teaser_containment > 0 && d->teaser_containment <= 1, "teaser_containment",
          "must be in (0, 1]");
  r.Check(d->cut_copy_containment > 0 && d->cut_copy_containment <= 1, "cut_copy_containment",
          "must be in (0, 1]");
  r.Check(d->shingle_words > 0, "shingle_words", "must be > 0");
  r.Check(d->bands > 0 && d->rows > 0, "bands", "bands and rows must be > 0");
  r.Check(d->retention_days > 0, "retention_days", "must be > 0");
  return r.Finish();
}

Status ReadClassify(const toml::table* t, ClassifyOptions* c) {
  TableReader r(t, "classify");
  r.Read("taxonomy_path", &c->taxonomy_path);
  r.Read("topic_model_path", &c->topic_model_path);
  r.Read("topic_threshold", &c->topic_threshold);
  r.Read("max_topics", &c->max_topics);
  r.Read("language_probe_bytes", &c->language_probe_bytes);
  r.Read("language_max_bytes", &c->language_max_bytes);
  r.Read("page_min_content_chars", &c->page_type.min_content_chars);
  r.Read("page_min_article_chars", &c->page_type.min_article_chars);
  r.Read("page_min_listing_entries", &c->page_type.min_listing_entries);
  r.Read("page_main_article_ratio", &c->page_type.main_article_ratio);
  r.Check(c->language_probe_bytes > 0 && c->language_probe_bytes <= c->language_max_bytes,
          "language_probe_bytes", "must be > 0 and <= language_max_bytes");
  r.Check(c->topic_threshold >= 0 && c->topic_threshold <= 1, "topic_threshold", "must be in [0, 1]");
  r.Check(c->max_topics > 0, "max_topics", "must be > 0");
  return r.Finish();
}

Status ReadLog(const toml::table* t, LogConfig* l) {
  TableReader r(t, "log");
  r.Read("level", &l->level);
  r.Read("stats_interval_s", &l->stats_interval_s);
  static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error"};
  r.Check(kLevels.count(l->level) > 0, "level", "must be one of trace, debug, info, warn, error");
  return r.Finish();
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
  Config c;
  Status s;
  static const std::set<std::string> kSections = {"kafka", "inputs", "storage", "pipeline", "decode",
                                                  "clean", "dedup",  "classify", "log"};
  for (const auto& [k, v] : root) {
    if (kSections.count(std::string(k.str())) == 0) {
      return Status::InvalidArgument("unknown section or key '" + std::string(k.str()) + "'");
    }
  }
  const toml::table* kafka = Sub(root, "kafka", &s);
  const toml::table* storage = Sub(root, "storage", &s);
  const toml::table* pipeline = Sub(root, "pipeline", &s);
  const toml::table* decode = Sub(root, "decode", &s);
  const toml::table* clean = Sub(root, "clean", &s);
  const toml::table* dedup = Sub(root, "dedup", &s);
  const toml::table* classify = Sub(root, "classify", &s);
  const toml::table* log = Sub(root, "log", &s);
  NF_RETURN_IF_ERROR(s);
  NF_RETURN_IF_ERROR(ReadKafka(kafka, &c.kafka));
  NF_RETURN_IF_ERROR(ReadInputs(root.get("inputs"), &c.inputs));
  NF_RETURN_IF_ERROR(ReadStorage(storage, &c.storage));
  {
    TableReader r(pipeline, "pipeline");
    r.Read("stages", &c.stages);
    NF_RETURN_IF_ERROR(r.Finish());
    static const std::set<std::string> kKnown = {"decode", "clean", "dedup", "classify"};
    for (const auto& st : c.stages) {
      if (kKnown.count(st) == 0) return Status::InvalidArgument("pipeline.stages: unknown stage '" + st + "'");
    }
    if (c.stages.size() < 2 || c.stages[0] != "decode" || c.stages[1] != "clean") {
      return Status::InvalidArgument("pipeline.stages must start with \"decode\", \"clean\"");
    }
  }
  NF_RETURN_IF_ERROR(ReadDecode(decode, &c.decode));
  NF_RETURN_IF_ERROR(ReadClean(clean, &c.clean));
  NF_RETURN_IF_ERROR(ReadDedup(dedup, &c.dedup));
  NF_RETURN_IF_ERROR(ReadClassify(classify, &c.classify));
  NF_RETURN_IF_ERROR(ReadLog(log, &c.log));
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
