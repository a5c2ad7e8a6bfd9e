// newsflowctl tail: ArticleEvents from a topic as JSON lines (read_committed); with
// --dead-letters (or for a message that is not an event), its origin and headers instead;
// with --headers, its origin and headers with the event under "event".
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/json/json_write.h"
#include "daemon/ctl/commands.h"
#include "daemon/event_json.h"
#include "daemon/kafka/kafka_tools.h"
#include "newsflow/v1/article_event.pb.h"

namespace newsflow::ctl {
namespace {

// {"topic", "partition", "offset", "key", "value_bytes", "headers": {...} of one message,
// left open for the caller to add to and close.
std::string OriginJson(const ReadMessage& m) {
  std::string line = "{\"topic\":" + json::Quoted(m.topic) +
                     ",\"partition\":" + std::to_string(m.partition) +
                     ",\"offset\":" + std::to_string(m.offset) + ",\"key\":" + json::Quoted(m.key) +
                     ",\"value_bytes\":" + std::to_string(m.value.size()) + ",\"headers\":{";
  bool first = true;
  for (const auto& [k, v] : m.headers) {
    if (!first) line += ",";
    first = false;
    line += json::Quoted(k) + ":" + json::Quoted(v);
  }
  return line + "}";
}

}  // namespace

int Tail(const Args& a) {
  if (!a.Has("--brokers") || !a.Has("--topic")) return Usage();
  auto reader = TopicReader::Create(a.Get("--brokers"), {a.Get("--topic")});
  if (!reader.ok()) return Fail(reader.status().ToString());
  size_t max = std::strtoul(a.Get("--max", "0").c_str(), nullptr, 10);
  int timeout = std::atoi(a.Get("--timeout-ms", "5000").c_str());
  int idle = std::atoi(a.Get("--idle-ms", "0").c_str());
  const bool dead_letters = a.Has("--dead-letters");
  const bool headers = a.Has("--headers");
  for (const auto& m : (*reader)->Read(max, timeout, idle)) {
    v1::ArticleEvent ev;
    if (dead_letters || !ev.ParseFromString(m.value)) {
      std::printf("%s}\n", OriginJson(m).c_str());
    } else if (headers) {
      std::printf("%s,\"event\":%s}\n", OriginJson(m).c_str(), EventToJson(ev).c_str());
    } else {
      std::printf("%s\n", EventToJson(ev).c_str());
    }
  }
  return 0;
}

}  // namespace newsflow::ctl
