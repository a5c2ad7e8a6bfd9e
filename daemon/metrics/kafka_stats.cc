#include "daemon/metrics/kafka_stats.h"

#include <charconv>
#include <cstdint>

#include "common/json/json.h"

namespace newsflow {
namespace {

constexpr int64_t kUnknown = -1;

// An integer member, or kUnknown (absent, not a number, or librdkafka's "invalid" -1001).
int64_t IntMember(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  if (v == nullptr || v->type != json::Value::Type::kNumber) return kUnknown;
  int64_t n = 0;
  const char* end = v->text.data() + v->text.size();
  auto [ptr, ec] = std::from_chars(v->text.data(), end, n);
  if (ec != std::errc() || ptr != end || n < 0) return kUnknown;
  return n;
}

std::string StringMember(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  return v != nullptr && v->IsString() ? v->text : std::string();
}

void ReadBrokers(const json::Value& brokers, KafkaStats* stats) {
  for (const auto& [name, b] : brokers.members) {
    const std::string source = StringMember(b, "source");
    if (!b.IsObject() || source == "logical" || source == "internal") continue;
    stats->brokers.push_back({name, StringMember(b, "state")});
  }
}

// The lag of one partition object, or kUnknown.
int64_t PartitionLag(const json::Value& p) {
  const int64_t end = IntMember(p, "ls_offset");
  if (end == kUnknown) return kUnknown;
  int64_t position = IntMember(p, "app_offset");
  if (position == kUnknown) position = IntMember(p, "committed_offset");
  if (position == kUnknown) position = IntMember(p, "lo_offset");
  if (position == kUnknown) return kUnknown;
  return end > position ? end - position : 0;
}

void ReadLags(const json::Value& topics, KafkaStats* stats) {
  for (const auto& [topic, t] : topics.members) {
    const json::Value* partitions = t.Find("partitions");
    if (partitions == nullptr || !partitions->IsObject()) continue;
    for (const auto& [id, p] : partitions->members) {
      const int64_t partition = IntMember(p, "partition");
      if (!p.IsObject() || partition == kUnknown || partition > INT32_MAX) continue;
      const std::string fetch_state = StringMember(p, "fetch_state");
      if (fetch_state.empty() || fetch_state == "none") continue;
      const int64_t lag = PartitionLag(p);
      if (lag == kUnknown) continue;
      stats->lags.push_back({topic, static_cast<int32_t>(partition), lag});
    }
  }
}

}  // namespace

int KafkaStats::brokers_up() const {
  int up = 0;
  for (const auto& b : brokers) up += b.up() ? 1 : 0;
  return up;
}

std::string KafkaStats::BrokersDown() const {
  std::string names;
  for (const auto& b : brokers) {
    if (b.up()) continue;
    if (!names.empty()) names += ", ";
    names += b.name;
  }
  return names;
}

std::optional<KafkaStats> ParseKafkaStats(std::string_view text) {
  json::ReadOptions options;
  options.controls = json::Controls::kAsWritten;
  options.unclosed = json::Unclosed::kReject;
  options.max_bytes = 256u << 20;
  std::optional<json::Value> root = json::Read(text, options);
  if (!root || !root->IsObject()) return std::nullopt;
  const json::Value* brokers = root->Find("brokers");
  const json::Value* topics = root->Find("topics");
  if (brokers == nullptr || !brokers->IsObject()) return std::nullopt;
  KafkaStats stats;
  stats.client_type = StringMember(*root, "type");
  ReadBrokers(*brokers, &stats);
  if (topics != nullptr && topics->IsObject()) ReadLags(*topics, &stats);
  if (const json::Value* cgrp = root->Find("cgrp"); cgrp != nullptr && cgrp->IsObject()) {
    stats.group_joined =
        StringMember(*cgrp, "state") == "up" && StringMember(*cgrp, "join_state") == "steady";
  }
  return stats;
}

}  // namespace newsflow
