// newsflowctl: the operator's and developer's tool, on the same pipeline code as newsflowd.
// One file per command in daemon/ctl/; `newsflowctl --help` prints the usage of each.
//
//   newsflowctl process [--state-dir DIR] [--fetch-time RFC3339] [--config FILE]
//                       [--topic-model MODEL] PATH...
//   newsflowctl produce --brokers HOST:PORT --topic T [--format protobuf|json|body]
//                       [--fetch-time RFC3339] [--max-message-bytes N] PATH...
//   newsflowctl tail --brokers HOST:PORT --topic T [--max N] [--timeout-ms MS]
//   newsflowctl inspect --state-dir DIR ID|URL
//   newsflowctl train-topics --input ROWS.jsonl --output MODEL [--seed N] [--solver svm|lr] [--c C]
//   newsflowctl bench [--config FILE] [--kafka] PATH...
//   newsflowctl mock-cluster [--brokers N] [--topics NAME:PARTITIONS,...]
#include <string>

#include "daemon/ctl/args.h"
#include "daemon/ctl/commands.h"
#include "daemon/logging.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const newsflow::ctl::Args&);
};

constexpr Command kCommands[] = {
    {"process", newsflow::ctl::Process},
    {"produce", newsflow::ctl::Produce},
    {"tail", newsflow::ctl::Tail},
    {"inspect", newsflow::ctl::Inspect},
    {"train-topics", newsflow::ctl::TrainTopics},
    {"bench", newsflow::ctl::Bench},
    {"mock-cluster", newsflow::ctl::MockCluster},
};

}  // namespace

int main(int argc, char** argv) {
  using newsflow::ctl::Usage;
  if (argc < 2) return Usage();
  const std::string cmd = argv[1];
  newsflow::ctl::Args a = newsflow::ctl::ParseArgs(argc, argv, 2);
  newsflow::SetLogLevel(a.Get("--log-level", "warn"));
  if (a.Has("--help")) return Usage();
  for (const Command& c : kCommands) {
    if (cmd == c.name) return c.run(a);
  }
  return Usage();
}
