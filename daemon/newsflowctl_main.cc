// newsflowctl: the operator's and developer's tool, on the same pipeline code as newsflowd.
//
//   newsflowctl process [--state-dir DIR] [--fetch-time RFC3339] [--config FILE]
//                       [--topic-model MODEL] PATH...
//   newsflowctl produce --brokers HOST:PORT --topic T [--format protobuf|json|body]
//                       [--fetch-time RFC3339] PATH...
//   newsflowctl tail --brokers HOST:PORT --topic T [--max N] [--timeout-ms MS]
//   newsflowctl inspect --state-dir DIR ID|URL
//   newsflowctl train-topics --input ROWS.jsonl --output MODEL [--seed N] [--solver svm|lr] [--c C]
//   newsflowctl bench [--config FILE] [--kafka] PATH...
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "daemon/config.h"
#include "daemon/event_json.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/kafka/kafka_tools.h"
#include "daemon/logging.h"
#include "daemon/page_files.h"
#include "daemon/runtime.h"
#include "newsflow/v1/article_event.pb.h"
#include "pipeline/namespaces.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

// Parsed "--flag value" options and positional arguments.
struct Args {
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;
  bool Has(const std::string& f) const { return flags.count(f) > 0; }
  std::string Get(const std::string& f, const std::string& def = "") const {
    auto it = flags.find(f);
    return it == flags.end() ? def : it->second;
  }
};

// Flags that take no value.
bool IsSwitch(const std::string& f) {
  return f == "--kafka" || f == "--help" || f == "--dead-letters";
}

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
      "  process [--state-dir DIR] [--fetch-time RFC3339] [--config FILE] [--topic-model MODEL] PATH...\n"
      "      run pages (files, directories, .gz, .jsonl of RawPage JSON) through the pipeline;\n"
      "      print one ArticleEvent per line as JSON (duplicates included)\n"
      "  produce --brokers HOST:PORT --topic T [--format protobuf|json|body] [--fetch-time RFC3339] PATH...\n"
      "  tail --brokers HOST:PORT --topic T [--max N] [--timeout-ms MS] [--dead-letters]\n"
      "      print ArticleEvents from a topic as JSON lines (read_committed); with\n"
      "      --dead-letters, each message's origin and headers (newsflow.error = the reason)\n"
      "  inspect --state-dir DIR ID|URL      print a stored article\n"
      "  train-topics --input ROWS.jsonl --output MODEL [--seed N] [--solver svm|lr] [--c C]\n"
      "  bench [--config FILE] [--passes N] [--kafka [--kafka-copies N]] PATH...\n"
      "      pages/s, MB/s, CPU per page and per stage, peak RSS; with --kafka also end to end\n"
      "      through an embedded Kafka (the set sent N times, default 5)\n");
  return 2;
}

StatusOr<Config> ConfigFrom(const Args& a) {
  Config config;
  if (a.Has("--config")) {
    auto c = LoadConfigFile(a.Get("--config"));
    if (!c.ok()) return c.status();
    config = std::move(c).value();
  }
  if (a.Has("--topic-model")) config.classify.topic_model_path = a.Get("--topic-model");
  // Find the default taxonomy when run from a build or source tree.
  if (!fs::exists(config.classify.taxonomy_path)) {
    for (const char* base : {NEWSFLOW_SOURCE_DIR, "/usr/share/newsflow", "/etc/newsflow"}) {
      fs::path p = fs::path(base) / config.classify.taxonomy_path;
      fs::path q = fs::path(base) / "topics" / fs::path(config.classify.taxonomy_path).filename();
      if (fs::exists(p)) {
        config.classify.taxonomy_path = p.string();
        break;
      }
      if (fs::exists(q)) {
        config.classify.taxonomy_path = q.string();
        break;
      }
    }
  }
  return config;
}

StatusOr<int64_t> FetchTime(const Args& a) {
  if (!a.Has("--fetch-time")) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  return ParseRfc3339(a.Get("--fetch-time"));
}

// A state dir for the run: the given one, or a temporary one removed at exit.
class StateDir {
 public:
  explicit StateDir(const std::string& given) : path_(given) {
    if (path_.empty()) {
      std::string tmpl = (fs::temp_directory_path() / "newsflowctl-XXXXXX").string();
      if (mkdtemp(tmpl.data()) != nullptr) {
        path_ = tmpl;
        temporary_ = true;
      }
    }
  }
  ~StateDir() {
    if (temporary_) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool temporary_ = false;
};

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

long PeakRssKb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int Process(const Args& a) {
  if (a.positional.empty()) return Usage();
  auto config = ConfigFrom(a);
  if (!config.ok()) return Fail(config.status().ToString());
  auto fetch = FetchTime(a);
  if (!fetch.ok()) return Fail(fetch.status().ToString());
  auto files = ListPageFiles(a.positional);
  if (!files.ok()) return Fail(files.status().ToString());
  StateDir dir(a.Get("--state-dir"));
  auto rt = Runtime::Open(*config, dir.path(), {}, WalSync::kNoSync);
  if (!rt.ok()) return Fail(rt.status().ToString());
  Runtime& runtime = **rt;
  int dead = 0;
  std::string line;
  Status s = ForEachPage(
      *files, PageFileOptions{*fetch},
      [&](v1::RawPage&& page) -> Status {
        PageOutcome out = runtime.pipeline().Process(page);
        if (out.kind == PageOutcome::Kind::kDeadLetter) {
          ++dead;
          std::fprintf(stderr, "dead-letter %s: %s\n", page.url().c_str(),
                       out.dead_letter_reason.c_str());
        }
        for (const auto& ev : out.events) {
          line = EventToJson(ev);
          line.push_back('\n');
          std::fwrite(line.data(), 1, line.size(), stdout);
        }
        return runtime.store().Commit();
      },
      [](const std::string& file, int n, const std::string& why) {
        std::fprintf(stderr, "dead-letter %s:%d: %s\n", file.c_str(), n, why.c_str());
      });
  std::fflush(stdout);
  if (!s.ok()) return Fail(s.ToString());
  return 0;
}

int Produce(const Args& a) {
  if (!a.Has("--brokers") || !a.Has("--topic") || a.positional.empty()) return Usage();
  auto format = ParseInputFormat(a.Get("--format", "protobuf"));
  if (!format.ok()) return Fail(format.status().ToString());
  auto fetch = FetchTime(a);
  if (!fetch.ok()) return Fail(fetch.status().ToString());
  auto files = ListPageFiles(a.positional);
  if (!files.ok()) return Fail(files.status().ToString());
  auto producer = PageProducer::Create(a.Get("--brokers"));
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
      // Dead letters (or anything that is not an event): where it came from and why.
      std::string line = "{\"topic\":\"" + m.topic + "\",\"offset\":" + std::to_string(m.offset) +
                         ",\"value_bytes\":" + std::to_string(m.value.size()) + ",\"headers\":{";
      bool first = true;
      for (const auto& [k, v] : m.headers) {
        if (!first) line += ",";
        first = false;
        line += "\"" + JsonEscape(k) + "\":\"" + JsonEscape(v) + "\"";
      }
      std::printf("%s}}\n", line.c_str());
      continue;
    }
    std::printf("%s\n", EventToJson(ev).c_str());
  }
  return 0;
}

int Inspect(const Args& a) {
  if (!a.Has("--state-dir") || a.positional.size() != 1) return Usage();
  auto config = ConfigFrom(a);
  if (!config.ok()) return Fail(config.status().ToString());
  auto rt = Runtime::Open(*config, a.Get("--state-dir"), {}, WalSync::kNoSync);
  if (!rt.ok()) return Fail(rt.status().ToString());
  StateStore& store = (*rt)->store();
  std::string id = a.positional[0], value;
  if (!store.Get(state_ns::kArticles, id, &value).ok()) {
    std::string mapped;
    if (!store.Get(state_ns::kUrlIndex, id, &mapped).ok() ||
        !store.Get(state_ns::kArticles, mapped, &value).ok()) {
      return Fail("no article with id or URL " + id);
    }
  }
  v1::ArticleEvent ev;
  if (!ev.ParseFromString(value)) return Fail("stored article is corrupt");
  std::printf("%s\n", EventToJson(ev).c_str());
  return 0;
}

int TrainTopics(const Args& a) {
  if (!a.Has("--input") || !a.Has("--output")) return Usage();
  TrainTopicOptions o;
  o.input_path = a.Get("--input");
  o.output_path = a.Get("--output");
  o.seed = std::strtoull(a.Get("--seed", "1").c_str(), nullptr, 10);
  if (a.Has("--c")) o.c = std::atof(a.Get("--c").c_str());
  if (a.Get("--solver", "svm") == "lr") o.solver = TopicSolver::kLogisticRegression;
  TrainTopicReport report;
  Status s = TrainTopicModel(o, &report);
  if (!s.ok()) return Fail(s.ToString());
  std::fprintf(stderr, "trained on %zu rows, %zu labels, %zu features in %.1f s -> %s\n",
               report.rows, report.labels, report.features, report.seconds,
               o.output_path.c_str());
  return 0;
}

int Bench(const Args& a) {
  if (a.positional.empty()) return Usage();
  auto config = ConfigFrom(a);
  if (!config.ok()) return Fail(config.status().ToString());
  auto files = ListPageFiles(a.positional);
  if (!files.ok()) return Fail(files.status().ToString());
  std::vector<v1::RawPage> pages;
  size_t bytes = 0;
  const int64_t fetch = 1748779200000;  // fixed, so runs compare
  Status s = ForEachPage(
      *files, PageFileOptions{fetch},
      [&](v1::RawPage&& p) {
        bytes += p.body().size();
        pages.push_back(std::move(p));
        return Status::Ok();
      },
      [](const std::string&, int, const std::string&) {});
  if (!s.ok()) return Fail(s.ToString());
  if (pages.empty()) return Fail("no pages");
  // One warm-up pass (loads ICU and CLD2 data, grows the heap), then `passes` measured passes,
  // each on fresh state so every pass does the same work. Wall time suffers when the machine
  // is shared; CPU time per page (this thread's) much less.
  const int passes = std::max(1, std::atoi(a.Get("--passes", "3").c_str()));
  std::vector<double> pass_secs, pass_cpu;
  std::vector<std::vector<double>> stage_us;  // [pass][stage]
  std::vector<std::string> stage_names;
  size_t events = 0;
  for (int pass = 0; pass <= passes; ++pass) {
    StateDir dir("");
    auto rt = Runtime::Open(*config, dir.path(), {}, WalSync::kNoSync);
    if (!rt.ok()) return Fail(rt.status().ToString());
    events = 0;
    const double cpu0 = ThreadCpuSeconds();
    auto start = std::chrono::steady_clock::now();
    for (const auto& p : pages) {
      events += (*rt)->pipeline().Process(p).events.size();
      (*rt)->store().Commit();
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = ThreadCpuSeconds() - cpu0;
    if (pass == 0) {
      std::printf("process: warm_up_pass_seconds=%.3f\n", secs);
      continue;
    }
    pass_secs.push_back(secs);
    pass_cpu.push_back(cpu);
    stage_us.emplace_back();
    stage_names.clear();
    for (const auto& c : (*rt)->pipeline().stage_counters()) {
      stage_names.push_back(c.stage);
      stage_us.back().push_back(c.pages_in ? c.nanos / 1e3 / c.pages_in : 0.0);
    }
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double secs = median(pass_secs), cpu = median(pass_cpu);
  std::printf("process: pages=%zu events=%zu bytes=%zu passes=%d (median pass)\n", pages.size(),
              events, bytes, passes);
  std::printf("process: pages_per_s=%.1f\n", pages.size() / secs);
  std::printf("process: mb_per_s=%.2f\n", bytes / secs / 1e6);
  std::printf("process: cpu_us_per_page=%.1f\n", cpu * 1e6 / pages.size());
  std::printf("process: pages_per_cpu_s=%.1f\n", pages.size() / cpu);
  for (size_t i = 0; i < stage_names.size(); ++i) {
    std::vector<double> v;
    for (const auto& pass : stage_us) v.push_back(pass[i]);
    std::printf("process: stage=%s us_per_page=%.1f\n", stage_names[i].c_str(), median(v));
  }
  std::printf("process: peak_rss_mb=%.1f\n", PeakRssKb() / 1024.0);
  std::fflush(stdout);
  if (a.Has("--kafka")) {
    auto kafka = EmbeddedKafka::Start(1);
    if (!kafka.ok()) return Fail(kafka.status().ToString());
    Config c = *config;
    c.kafka.brokers = (*kafka)->bootstrap_servers();
    c.log.stats_interval_s = 0;
    // The mock cluster keeps about 5 MB per partition (older messages are dropped): spread
    // the pages over enough partitions to hold them all.
    const int copies = std::max(1, std::atoi(a.Get("--kafka-copies", "5").c_str()));
    const int partitions =
        static_cast<int>(std::min<size_t>(64, bytes * copies / (2u << 20) + 1));
    for (const auto& t : {c.inputs[0].topic, c.kafka.articles_topic, c.kafka.duplicates_topic,
                          c.kafka.dead_letter_topic}) {
      (*kafka)->CreateTopic(t, partitions);
    }
    StateDir dir("");
    auto rt = Runtime::Open(c, dir.path(), IngestService::Namespaces(c), WalSync::kNoSync);
    if (!rt.ok()) return Fail(rt.status().ToString());
    auto producer = PageProducer::Create(c.kafka.brokers);
    if (!producer.ok()) return Fail(producer.status().ToString());
    // The set is sent `copies` times (copy k under URL + "#copy=k") so the run is long enough
    // to measure past the consumer group's join; later copies are duplicates, still processed
    // and published.
    size_t sent = 0, too_large = 0;
    for (int k = 0; k < copies; ++k) {
      for (auto p : pages) {
        if (k > 0) p.set_url(p.url() + "#copy=" + std::to_string(k));
        // Pages over the producer's message.max.bytes (1 MB) are refused by Kafka clients.
        if ((*producer)->Send(c.inputs[0].topic, InputFormat::kProtobuf, p).ok()) {
          ++sent;
        } else {
          ++too_large;
        }
      }
    }
    (*producer)->Flush(30000);
    std::printf("kafka_end_to_end: produced=%zu refused_by_producer=%zu\n", sent, too_large);
    std::fflush(stdout);
    auto service = IngestService::Create(c, rt->get());
    if (!service.ok()) return Fail(service.status().ToString());
    auto start = std::chrono::steady_clock::now();
    std::thread t([&] { (*service)->Run(); });
    std::chrono::steady_clock::time_point first{};
    while ((*service)->counters().messages.load() < sent &&
           std::chrono::steady_clock::now() - start < std::chrono::minutes(5)) {
      if (first == std::chrono::steady_clock::time_point{} &&
          (*service)->counters().messages.load() > 0) {
        first = std::chrono::steady_clock::now();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    const auto end = std::chrono::steady_clock::now();
    const double secs = std::chrono::duration<double>(end - start).count();
    const double join = std::chrono::duration<double>(first - start).count();
    (*service)->RequestStop();
    t.join();
    const auto& counters = (*service)->counters();
    std::printf("kafka_end_to_end: pages=%llu seconds=%.3f batches=%llu aborted=%llu dead=%llu\n",
                static_cast<unsigned long long>(counters.messages.load()), secs,
                static_cast<unsigned long long>(counters.batches.load()),
                static_cast<unsigned long long>(counters.aborted_transactions.load()),
                static_cast<unsigned long long>(counters.dead_lettered.load()));
    std::printf("kafka_end_to_end: group_join_seconds=%.3f\n", join);
    std::printf("kafka_end_to_end: pages_per_s=%.1f (including the join)\n", sent / secs);
    std::printf("kafka_end_to_end: steady_pages_per_s=%.1f (after the first batch)\n",
                (sent - 1) / std::max(1e-3, secs - join));
    std::printf("kafka_end_to_end: steady_mb_per_s=%.2f\n",
                bytes * copies / std::max(1e-3, secs - join) / 1e6);
    std::printf("kafka_end_to_end: peak_rss_mb=%.1f\n", PeakRssKb() / 1024.0);
  }
  return 0;
}

}  // namespace
}  // namespace newsflow

int main(int argc, char** argv) {
  using namespace newsflow;
  if (argc < 2) return Usage();
  std::string cmd = argv[1];
  Args a = ParseArgs(argc, argv, 2);
  SetLogLevel(a.Get("--log-level", "warn"));
  if (a.Has("--help")) return Usage();
  if (cmd == "process") return Process(a);
  if (cmd == "produce") return Produce(a);
  if (cmd == "tail") return Tail(a);
  if (cmd == "inspect") return Inspect(a);
  if (cmd == "train-topics") return TrainTopics(a);
  if (cmd == "bench") return Bench(a);
  return Usage();
}
