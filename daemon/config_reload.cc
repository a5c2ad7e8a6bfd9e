#include "daemon/config_reload.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "daemon/kafka/kafka_properties.h"
#include "daemon/logging.h"

namespace newsflow {
namespace {

// Keys applied at run time: whole sections ("classify.") or single keys; see the header for
// why each is safe between two batches.
constexpr std::string_view kReloadable[] = {
    "log.level",
    "log.format",
    "log.stats_interval_s",
    "kafka.batch_max_messages",
    "kafka.batch_max_ms",
    "decode.",
    "classify.",
    "clean.html_",
    "clean.text_",
    "dedup.near_threshold",  // and near_threshold_short
    "dedup.short_words",
    "dedup.min_words",
    "dedup.teaser_min_words",
    "dedup.teaser_max_words",
    "dedup.teaser_max_ratio",
    "dedup.teaser_containment",
    "dedup.teaser_exact_below_words",
    "dedup.cut_copy_containment",
    "dedup.max_candidates",
};

// Every leaf of a TOML table as "section.key" -> its value printed as TOML. A table nested in
// a section (kafka.properties) is flattened too; an array (of values or of tables: [[inputs]])
// is one value.
void Flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string>* out) {
  for (const auto& [k, node] : table) {
    const std::string key = prefix + std::string(k.str());
    if (const toml::table* t = node.as_table()) {
      Flatten(*t, key + ".", out);
      continue;
    }
    std::ostringstream printed;
    node.visit([&](const auto& v) { printed << v; });
    (*out)[key] = printed.str();
  }
}

StatusOr<toml::table> ParseToml(std::string_view text, std::string_view source_name) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(std::string(source_name) + ": " + std::string(e.description()));
  }
}

// Sets `key` ("section.key") of `root` to its node in `from`, or removes it when `from` has
// none. Reloadable keys are all one level deep.
void CopyKey(const toml::table& from, const std::string& key, toml::table* root) {
  const size_t dot = key.find('.');
  const std::string section = key.substr(0, dot);
  const std::string name = key.substr(dot + 1);
  const toml::node* value = from.at_path(key).node();
  toml::table* target = (*root)[section].as_table();
  if (value == nullptr) {
    if (target != nullptr) target->erase(name);
    return;
  }
  if (target == nullptr) {
    root->insert_or_assign(section, toml::table{});
    target = (*root)[section].as_table();
  }
  target->insert_or_assign(name, *value);
}

}  // namespace

bool IsReloadableKey(std::string_view key) {
  for (std::string_view prefix : kReloadable) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

StatusOr<ReloadPlan> PlanReload(std::string_view running_text, std::string_view new_text,
                                const Config& running, std::string_view source_name) {
  auto checked = ParseConfig(new_text, source_name);
  if (!checked.ok()) return checked.status();
  if (Status s = CheckKafkaProperties(checked->kafka); !s.ok()) return s;
  auto old_root = ParseToml(running_text, "running config");
  if (!old_root.ok()) return old_root.status();
  auto new_root = ParseToml(new_text, source_name);
  if (!new_root.ok()) return new_root.status();
  std::map<std::string, std::string> old_keys, new_keys;
  Flatten(*old_root, "", &old_keys);
  Flatten(*new_root, "", &new_keys);
  std::set<std::string> keys;
  for (const auto& [k, v] : old_keys) keys.insert(k);
  for (const auto& [k, v] : new_keys) keys.insert(k);

  ReloadPlan plan;
  toml::table merged = *old_root;
  std::set<std::string> sections;
  for (const std::string& key : keys) {
    auto o = old_keys.find(key);
    auto n = new_keys.find(key);
    if (o != old_keys.end() && n != new_keys.end() && o->second == n->second) continue;
    if (!IsReloadableKey(key)) {
      plan.need_restart.push_back(key);
      continue;
    }
    plan.applied.push_back(key);
    sections.insert(key.substr(0, key.find('.')));
    CopyKey(*new_root, key, &merged);
  }
  std::ostringstream text;
  text << merged;
  plan.next_text = text.str();
  // Checked again as a whole: the new values next to the running ones of restart-only keys.
  auto next = ParseConfig(plan.next_text, source_name);
  if (!next.ok()) {
    return Status::InvalidArgument(
        "the reloadable keys' new values do not fit the running "
        "config: " +
        next.status().ToString());
  }
  plan.next = running;
  plan.next.log = next->log;
  plan.next.kafka.batch_max_messages = next->kafka.batch_max_messages;
  plan.next.kafka.batch_max_ms = next->kafka.batch_max_ms;
  plan.next.decode = next->decode;
  plan.next.clean = next->clean;
  plan.next.dedup = next->dedup;
  plan.next.classify = next->classify;
  for (const std::string& stage : running.stages) {
    if (sections.count(stage) > 0) plan.stages.push_back(stage);
  }
  return plan;
}

StatusOr<std::string> ReadConfigText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read config file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* ReloadResultName(ReloadReport::Result result) {
  switch (result) {
    case ReloadReport::Result::kApplied:
      return "applied";
    case ReloadReport::Result::kPartial:
      return "partial";
    case ReloadReport::Result::kRejected:
      break;
  }
  return "rejected";
}

ConfigReloader::ConfigReloader(std::string path, std::string running_text, Config* live,
                               Runtime* runtime)
    : path_(std::move(path)),
      running_text_(std::move(running_text)),
      live_(live),
      runtime_(runtime) {}

// The fallible steps first (building the changed stages, re-reading the topic model), then
// the swaps, which cannot fail: a stage that cannot be built leaves everything as it was.
Status ConfigReloader::Apply(ReloadPlan& plan) {
  auto stages = runtime_->BuildStages(plan.next, plan.stages);
  if (!stages.ok()) return stages.status();
  const bool classify_rebuilt =
      std::find(plan.stages.begin(), plan.stages.end(), "classify") != plan.stages.end();
  const bool has_classify =
      std::find(live_->stages.begin(), live_->stages.end(), "classify") != live_->stages.end();
  if (has_classify && !classify_rebuilt) {
    if (Status s = runtime_->ReloadClassifier(); !s.ok()) return s;
  }
  runtime_->ReplaceStages(std::move(stages).value());
  // Only the reloadable parts: the rest of `live_` may be read by other threads.
  live_->log = plan.next.log;
  live_->kafka.batch_max_messages = plan.next.kafka.batch_max_messages;
  live_->kafka.batch_max_ms = plan.next.kafka.batch_max_ms;
  live_->decode = plan.next.decode;
  live_->clean = plan.next.clean;
  live_->dedup = plan.next.dedup;
  live_->classify = plan.next.classify;
  SetLogLevel(live_->log.level);
  SetLogFormat(live_->log.format);
  running_text_ = std::move(plan.next_text);
  return Status::Ok();
}

ReloadReport ConfigReloader::Reload() {
  auto log = Logger("config");
  ReloadReport report;
  auto text = ReadConfigText(path_);
  StatusOr<ReloadPlan> plan = text.ok() ? PlanReload(running_text_, *text, *live_, path_)
                                        : StatusOr<ReloadPlan>(text.status());
  Status s = plan.ok() ? Apply(*plan) : plan.status();
  if (!s.ok()) {
    report.result = ReloadReport::Result::kRejected;
    report.error = s.ToString();
    log->error("config reload rejected, the running config is kept: {}", report.error);
    return report;
  }
  report.applied = plan->applied;
  report.need_restart = plan->need_restart;
  const std::string applied = report.applied.empty()
                                  ? "no key changed"
                                  : "applied " + fmt::format("{}", fmt::join(report.applied, ", "));
  if (report.need_restart.empty()) {
    log->info("config reloaded from {}: {}; classifier reloaded", path_, applied);
    return report;
  }
  report.result = ReloadReport::Result::kPartial;
  log->warn(
      "config reloaded from {}: {}; classifier reloaded; not applied, need a restart "
      "(running values kept): {}",
      path_, applied, fmt::join(report.need_restart, ", "));
  return report;
}

}  // namespace newsflow
