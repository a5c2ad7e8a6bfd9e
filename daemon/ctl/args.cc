#include "daemon/ctl/args.h"

#include <cstdio>

namespace newsflow::ctl {
namespace {

bool IsSwitch(const std::string& f) {
  return f == "--kafka" || f == "--help" || f == "--dead-letters" || f == "--headers";
}

}  // namespace

Args ParseArgs(int argc, char** argv, int from) {
  Args a;
  for (int i = from; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0 && s.size() > 2) {
      if (IsSwitch(s) || i + 1 >= argc) {
        a.flags[s] = "";
      } else {
        a.flags[s] = argv[++i];
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

int Fail(const std::string& msg) {
  std::fprintf(stderr, "newsflowctl: %s\n", msg.c_str());
  return 1;
}

int Usage() {
  std::fprintf(
      stderr,
      "usage: newsflowctl COMMAND [options]\n"
      "  process [--state-dir DIR] [--fetch-time RFC3339] [--config FILE] [--topic-model MODEL] "
      "PATH...\n"
      "      run pages (files, directories, .gz, .jsonl of RawPage JSON) through the pipeline;\n"
      "      print one ArticleEvent per line as JSON (duplicates included)\n"
      "  produce --brokers HOST:PORT --topic T [--format protobuf|json|body] [--fetch-time "
      "RFC3339]\n"
      "          [--max-message-bytes N] PATH...\n"
      "  tail --brokers HOST:PORT --topic T [--max N] [--timeout-ms MS] [--dead-letters]\n"
      "       [--headers] [--idle-ms MS]\n"
      "      print ArticleEvents from a topic as JSON lines (read_committed); with\n"
      "      --dead-letters, each message's origin and headers (newsflow.error = the reason);\n"
      "      with --headers, origin and headers with the event under \"event\"; with\n"
      "      --idle-ms, stop once no message came for MS ms (else after --timeout-ms)\n"
      "  inspect --state-dir DIR ID|URL      print a stored article\n"
      "  train-topics --input ROWS.jsonl --output MODEL [--seed N] [--solver svm|lr] [--c C]\n"
      "  bench [--config FILE] [--passes N] [--kafka [--kafka-copies N]] PATH...\n"
      "      pages/s, MB/s, CPU per page and per stage, peak RSS; with --kafka also end to end\n"
      "      through an embedded Kafka (the set sent N times, default 5)\n"
      "  mock-cluster [--brokers N] [--topics NAME:PARTITIONS,...]\n"
      "      serve librdkafka's mock cluster (N brokers, default 3) on loopback; print its\n"
      "      bootstrap servers, then take fault controls on stdin, one a line:\n"
      "        topic NAME PARTITIONS | broker down|up N | rtt N|all MS |\n"
      "        errors API COUNT [ERROR] | leader TOPIC PARTITION N |\n"
      "        coordinator transaction|group KEY N | clear\n"
      "The default taxonomy (classify.taxonomy_path) is looked for as given, then in\n"
      "<exe>/../share/newsflow/topics, <exe>/../../deploy/topics, /usr/share/newsflow/topics.\n");
  return 2;
}

}  // namespace newsflow::ctl
