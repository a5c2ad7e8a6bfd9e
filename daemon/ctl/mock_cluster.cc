// newsflowctl mock-cluster: librdkafka's mock cluster (rdkafka_mock.h) served in this process
// on loopback TCP, for trying newsflowd against broker faults and for the soak harness
// (tests/soak/). Prints the bootstrap servers as its first line, then reads control lines on
// stdin (daemon/ctl/mock_control.h), answering each with "ok" or "error: <why>". At the end
// of stdin it goes on serving until SIGINT or SIGTERM. Nothing is persisted; each partition
// keeps about 5 MB (older messages are dropped), so give topics enough partitions.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "daemon/ctl/commands.h"
#include "daemon/ctl/mock_control.h"
#include "daemon/kafka/embedded_kafka.h"

namespace newsflow::ctl {
namespace {

// "--topics pages:8,articles:8": the topics to create before serving.
Status CreateTopics(const std::string& list, rd_kafka_mock_cluster_t* cluster, int brokers) {
  std::istringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    const size_t colon = item.rfind(':');
    const std::string line = colon == std::string::npos
                                 ? "topic " + item + " 1"
                                 : "topic " + item.substr(0, colon) + " " + item.substr(colon + 1);
    auto command = ParseMockCommand(line);
    if (!command.ok())
      return Status::InvalidArgument("--topics " + item + ": " + command.status().ToString());
    if (Status s = ApplyMockCommand(*command, cluster, brokers); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

int MockCluster(const Args& a) {
  const int brokers = std::atoi(a.Get("--brokers", "3").c_str());
  if (brokers < 1) return Usage();
  auto kafka = EmbeddedKafka::Start(brokers);
  if (!kafka.ok()) return Fail(kafka.status().ToString());
  rd_kafka_mock_cluster_t* cluster = (*kafka)->cluster();
  if (Status s = CreateTopics(a.Get("--topics"), cluster, brokers); !s.ok()) {
    return Fail(s.ToString());
  }
  std::printf("%s\n", (*kafka)->bootstrap_servers().c_str());
  std::fflush(stdout);
  for (std::string line; std::getline(std::cin, line);) {
    auto command = ParseMockCommand(line);
    Status s = command.ok() ? ApplyMockCommand(*command, cluster, brokers) : command.status();
    if (command.ok() && command->kind == MockCommand::Kind::kNone && s.ok()) continue;
    std::printf("%s\n", s.ok() ? "ok" : ("error: " + s.ToString()).c_str());
    std::fflush(stdout);
  }
  for (;;) pause();  // serve until a signal ends the process
}

}  // namespace newsflow::ctl
