// newsflowctl produce: pages (as `process` reads them) to a Kafka topic, in one of the input
// formats (protobuf, json, body). --max-message-bytes raises the producer's message.max.bytes
// for pages over 1 MB (the brokers and topics must accept them too).
#include <cstdio>
#include <map>
#include <string>

#include "daemon/ctl/commands.h"
#include "daemon/ctl/run_setup.h"
#include "daemon/kafka/kafka_tools.h"
#include "daemon/page_files.h"

namespace newsflow::ctl {

int Produce(const Args& a) {
  if (!a.Has("--brokers") || !a.Has("--topic") || a.positional.empty()) return Usage();
  auto format = ParseInputFormat(a.Get("--format", "protobuf"));
  if (!format.ok()) return Fail(format.status().ToString());
  auto fetch = FetchTime(a);
  if (!fetch.ok()) return Fail(fetch.status().ToString());
  auto files = ListPageFiles(a.positional);
  if (!files.ok()) return Fail(files.status().ToString());
  // Kafka clients refuse messages over message.max.bytes (librdkafka's default: 1000000).
  std::map<std::string, std::string> properties;
  if (a.Has("--max-message-bytes")) properties["message.max.bytes"] = a.Get("--max-message-bytes");
  auto producer = PageProducer::Create(a.Get("--brokers"), properties);
  if (!producer.ok()) return Fail(producer.status().ToString());
  size_t n = 0;
  Status s = ForEachPage(
      *files, PageFileOptions{*fetch},
      [&](v1::RawPage&& page) {
        ++n;
        return (*producer)->Send(a.Get("--topic"), *format, page);
      },
      [](const std::string& file, int line, const std::string& why) {
        std::fprintf(stderr, "skipped %s:%d: %s\n", file.c_str(), line, why.c_str());
      });
  if (s.ok()) s = (*producer)->Flush(30000);
  if (!s.ok()) return Fail(s.ToString());
  std::fprintf(stderr, "produced %zu page(s) to %s\n", n, a.Get("--topic").c_str());
  return 0;
}

}  // namespace newsflow::ctl
