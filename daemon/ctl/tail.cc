// newsflowctl tail: ArticleEvents from a topic as JSON lines (read_committed); with
// --dead-letters (or for a message that is not an event), its origin and headers instead.
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

// {"topic", "offset", "value_bytes", "headers": {...}} of one message.
std::string OriginJson(const ReadMessage& m) {
  std::string line = "{\"topic\":\"" + m.topic + "\",\"offset\":" + std::to_string(m.offset) +
                     ",\"value_bytes\":" + std::to_string(m.value.size()) + ",\"headers\":{";
  bool first = true;
  for (const auto& [k, v] : m.headers) {
    if (!first) line += ",";
    first = false;
    line += json::Quoted(k) + ":" + json::Quoted(v);
  }
  return line + "}}";
}

}  // namespace

int Tail(const Args& a) {
  if (!a.Has("--brokers") || !a.Has("--topic")) return Usage();
  auto reader = TopicReader::Create(a.Get("--brokers"), {a.Get("--topic")});
  if (!reader.ok()) return Fail(reader.status().ToString());
  size_t max = std::strtoul(a.Get("--max", "0").c_str(), nullptr, 10);
  int timeout = std::atoi(a.Get("--timeout-ms", "5000").c_str());
  const bool dead_letters = a.Has("--dead-letters");
  for (const auto& m : (*reader)->Read(max, timeout, 0)) {
    v1::ArticleEvent ev;
    if (dead_letters || !ev.ParseFromString(m.value)) {
      std::printf("%s\n", OriginJson(m).c_str());
      continue;
    }
    std::printf("%s\n", EventToJson(ev).c_str());
  }
  return 0;
}

}  // namespace newsflow::ctl
