// newsflowd's poison-page guard (daemon/kafka/poison_guard.h) with real deaths: the ingest
// service runs in forked child processes on librdkafka's mock cluster (real Kafka protocol on
// loopback) and a real RocksDB in a temp dir, with a test stage that abort()s on one page, as a
// crash in the HTML parser would. The first child dies on it in its batch, the second alone in
// careful mode; the third dead-letters it and publishes everything else once.
//
// The children are this test binary run again (fork + exec, `--ingest-child`), starting clean
// as newsflowd does when systemd restarts it. A child that was only forked inherits the parent's
// librdkafka state without its threads; tried first, its clients never connected.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "daemon/config.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/kafka/kafka_tools.h"
#include "daemon/runtime.h"
#include "daemon/stage_registry.h"
#include "newsflow/v1/state.pb.h"
#include "tests/integration/test_ingest.h"
#include "tests/support/read_file.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

constexpr char kPoisonMarker[] = "KILL-THE-PARSER";

// Stands in for a parser bug: kills the process on a page containing kPoisonMarker.
class CrashOnMarkerStage final : public Stage {
 public:
  std::string_view name() const override { return "crash_on_marker"; }
  StageResult Process(PageWork& work) override {
    if (work.raw->body().find(kPoisonMarker) != std::string::npos) std::abort();
    return StageResult::Continue();
  }
};

std::vector<StageFactory> FactoriesWithCrashStage() {
  std::vector<StageFactory> factories = StageFactories();
  factories.push_back({"crash_on_marker",
                       [](const Config&, const StageContext&) -> StatusOr<std::unique_ptr<Stage>> {
                         return std::unique_ptr<Stage>(new CrashOnMarkerStage());
                       },
                       [](const Config&) { return std::vector<NamespaceSpec>{}; }});
  return factories;
}

// The child's SIGTERM handler stops its service as newsflowd's does.
std::atomic<IngestService*> g_service{nullptr};
std::atomic<bool> g_stop{false};

void OnSigterm(int) {
  g_stop.store(true);
  if (IngestService* s = g_service.load()) s->RequestStop();
}

// Child exit codes besides 0 (stopped cleanly) and death by SIGABRT.
enum ChildExit { kOpenFailed = 10, kCreateFailed = 11, kRunFailed = 12 };

// The service's config, the same in the parent and the children.
Config IngestConfig(const std::string& brokers) {
  Config config = testing::TestIngestConfig(brokers, "newsflow-poison");
  // Long enough that the 11 pages, sent before a child joins, make one batch: the tests count
  // deaths and replays per batch.
  config.kafka.batch_max_ms = 1000;
  // A dead child stays in the group until its session times out: keep that shorter still.
  config.kafka.consumer_properties = {{"session.timeout.ms", "3000"},
                                      {"heartbeat.interval.ms", "300"}};
  config.inputs = {{"pages", InputFormat::kProtobuf}};
  config.stages = {"decode", "clean", "crash_on_marker", "dedup", "classify"};
  return config;
}

// The child process: newsflowd's ingest loop on `state_dir` until SIGTERM; after a clean stop
// it writes its counters to `report_path`. Returns the exit code.
int RunIngestChild(const std::string& brokers, const std::string& state_dir,
                   const std::string& report_path) {
  const Config config = IngestConfig(brokers);
  const struct rlimit no_core = {0, 0};
  setrlimit(RLIMIT_CORE, &no_core);  // the abort() is expected: no core file
  struct sigaction sa {};
  sa.sa_handler = OnSigterm;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  int code = 0;
  {
    // Synced commits, as newsflowd runs by default (storage.sync_wal = true).
    auto rt = Runtime::Open(config, state_dir, IngestService::Namespaces(config),
                            WalSync::kSyncEachCommit, FactoriesWithCrashStage());
    if (!rt.ok()) {
      std::fprintf(stderr, "child: %s\n", rt.status().ToString().c_str());
      return kOpenFailed;
    }
    auto svc = IngestService::Create(config, rt->get());
    if (!svc.ok()) {
      std::fprintf(stderr, "child: %s\n", svc.status().ToString().c_str());
      return kCreateFailed;
    }
    g_service.store(svc->get());
    if (g_stop.load()) (*svc)->RequestStop();
    Status s = (*svc)->Run();
    g_service.store(nullptr);
    if (!s.ok()) {
      std::fprintf(stderr, "child: %s\n", s.ToString().c_str());
      code = kRunFailed;
    }
    const IngestCounters& c = (*svc)->counters();
    std::ofstream(report_path) << "replayed=" << c.replayed.load()
                               << " careful_batches=" << c.careful_batches.load()
                               << " poison_pages=" << c.poison_pages.load();
  }  // closes the consumer, producer and store
  return code;
}

bool DiedOfAbort(int status) {
  return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

// A story of its own for page `n`: words drawn from a small vocabulary by a fixed LCG, so
// dedup links no two pages (5-word shingles shared by chance are rare).
std::string Story(int n) {
  static const char* kWords[] = {
      "harbour", "library", "council",  "ferry",   "bakery",     "garden",  "school",  "river",
      "bridge",  "market",  "festival", "museum",  "station",    "orchard", "theatre", "meadow",
      "tram",    "lantern", "chapel",   "quarry",  "mill",       "pier",    "square",  "tower",
      "opened",  "closed",  "repaired", "painted", "planted",    "visited", "counted", "moved",
      "early",   "late",    "quiet",    "busy",    "new",        "old",     "green",   "narrow",
      "morning", "evening", "spring",   "winter",  "volunteers", "pupils",  "owners",  "crews",
      "the",     "a",       "and",      "after",   "before",     "with",    "near",    "for"};
  constexpr int kCount = sizeof(kWords) / sizeof(kWords[0]);
  uint32_t x = 2654435761u * static_cast<uint32_t>(n + 1);
  std::string text;
  for (int sentence = 0; sentence < 8; ++sentence) {
    std::string s;
    for (int w = 0; w < 12; ++w) {
      x = x * 1664525u + 1013904223u;
      s += (w == 0 ? "" : " ") + std::string(kWords[(x >> 16) % kCount]);
    }
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    text += s + ". ";
  }
  return text;
}

std::string Title(int n) { return "Town notes number " + std::to_string(n); }

class IngestPoisonPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kafka_ =
        testing::StartTestCluster({"pages", "articles", "articles.duplicates", "pages.dlq"}, 1);
    ASSERT_NE(kafka_, nullptr);
    config_ = IngestConfig(kafka_->bootstrap_servers());
    state_dir_ = state_.path() + "/state";
    report_path_ = state_.path() + "/counters";
  }

  v1::RawPage Page(int n, const std::string& extra = "") {
    return testing::TestRawPage(
        "https://poison.example/story/" + std::to_string(n),
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Title(n) +
            "</title></head><body><article><h1>" + Title(n) + "</h1><p>" + Story(n) + extra +
            "</p><p>" + Story(n + 1000) + "</p></article></body></html>");
  }

  // Sends pages [first, last] to "pages"; `poison` (if in range) carries the crash marker.
  void SendPages(int first, int last, int poison = -1) {
    auto p = PageProducer::Create(kafka_->bootstrap_servers());
    ASSERT_TRUE(p.ok());
    for (int n = first; n <= last; ++n) {
      ASSERT_TRUE((*p)->Send("pages", InputFormat::kProtobuf,
                             Page(n, n == poison ? std::string(" ") + kPoisonMarker : ""))
                      .ok());
    }
    ASSERT_TRUE((*p)->Flush(10000).ok());
  }

  // Starts a child running the service (main() below); TearDown kills any left running.
  pid_t ForkIngest() {
    std::fflush(nullptr);  // nothing buffered is written twice
    const pid_t pid = fork();
    if (pid == 0) {
      execl("/proc/self/exe", "poison_page_test", "--ingest-child", config_.kafka.brokers.c_str(),
            state_dir_.c_str(), report_path_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    if (pid > 0) children_.insert(pid);
    return pid;
  }

  // Waits up to `seconds` for the child `pid` to end; returns its wait status, or -1 (after
  // killing it).
  int WaitChild(pid_t pid, int seconds) {
    children_.erase(pid);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return -1;
  }

  void TearDown() override {
    for (pid_t pid : children_) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }

  std::vector<ReadMessage> Read(const std::string& topic, size_t max, int timeout_ms,
                                int idle_ms = 0) {
    return testing::ReadTopic(kafka_->bootstrap_servers(), topic, max, timeout_ms, idle_ms);
  }

  std::unique_ptr<EmbeddedKafka> kafka_;
  Config config_;
  testing::TempDir state_;
  std::string state_dir_;
  std::string report_path_;
  std::set<pid_t> children_;  // started and not yet waited for
};

// Pages 0-4 and 6-10 are good, page 5 kills the process. The poison page is sent after 0-4 were
// published, so it starts its batch and no dying child has produced anything: the assertions do
// not depend on the mock cluster hiding aborted transactions from read_committed readers
// (librdkafka 2.0.2's does not; a real cluster does).
TEST_F(IngestPoisonPageTest, PageThatKillsTheProcessTwiceIsDeadLetteredAndTheRestPublishedOnce) {
  SendPages(0, 4);
  const pid_t first = ForkIngest();
  ASSERT_GT(first, 0);
  ASSERT_EQ(Read("articles", 5, 30000).size(), 5u) << "the first child published pages 0-4";
  SendPages(5, 10, /*poison=*/5);

  EXPECT_TRUE(DiedOfAbort(WaitChild(first, 30))) << "dies on the poison page in its batch";
  const pid_t second = ForkIngest();
  EXPECT_TRUE(DiedOfAbort(WaitChild(second, 30))) << "careful mode: dies on it alone";
  const pid_t third = ForkIngest();
  const auto dead = Read("pages.dlq", 1, 30000);
  const auto articles = Read("articles", 10, 30000);
  kill(third, SIGTERM);
  const int status = WaitChild(third, 30);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;

  // Read again after the end: nothing more than expected.
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(Read("pages.dlq", 2, 5000, 1500).size(), 1u);
  const ReadMessage& d = dead[0];
  EXPECT_EQ(d.value, Page(5, std::string(" ") + kPoisonMarker).SerializeAsString());
  EXPECT_EQ(d.key, "https://poison.example/story/5");
  ASSERT_TRUE(d.headers.count("newsflow.error"));
  EXPECT_EQ(d.headers.at("newsflow.error"),
            "newsflowd died while processing this page (2 attempts); skipped");
  EXPECT_EQ(d.headers.at("newsflow.stage"), "pipeline");
  EXPECT_EQ(d.headers.at("newsflow.source_offset"), "5");

  ASSERT_EQ(articles.size(), 10u);
  EXPECT_EQ(Read("articles", 11, 5000, 1500).size(), 10u) << "each page's article once";
  std::set<std::string> titles, want;
  for (const auto& m : articles) {
    v1::ArticleEvent ev;
    ASSERT_TRUE(ev.ParseFromString(m.value));
    EXPECT_EQ(ev.event_type(), v1::ArticleEvent::CREATED);
    titles.insert(ev.title());
  }
  for (int n : {0, 1, 2, 3, 4, 6, 7, 8, 9, 10}) want.insert(Title(n));
  EXPECT_EQ(titles, want);
  EXPECT_TRUE(Read("articles.duplicates", 1, 3000, 1500).empty());

  // The clean stop left no in-flight marker; the poison page's outcome is memoised.
  auto store = RocksDbStateStore::Open(state_dir_, IngestService::Namespaces(config_));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(testing::CountRecords(**store, "inflight"), 0);
  int poison_outcomes = 0;
  ASSERT_TRUE((*store)
                  ->ScanPrefix(
                      "outcomes", "",
                      [&](std::string_view, std::string_view v) {
                        v1::PageOutcomeRecord rec;
                        if (rec.ParseFromString(std::string(v)) &&
                            rec.failed_stage() == "pipeline") {
                          ++poison_outcomes;
                        }
                        return true;
                      },
                      0)
                  .ok());
  EXPECT_EQ(poison_outcomes, 1);
  EXPECT_EQ(testing::ReadFile(report_path_), "replayed=0 careful_batches=1 poison_pages=1");
}

// All pages sent first: the poison page sits in the middle of its batch. The second child, in
// careful mode, commits pages 0-4's outcomes one by one before it dies on page 5; the third
// replays them from the memo: the same events, not duplicates of themselves. The dying
// children's aborted transactions are visible to readers of librdkafka 2.0.2's mock cluster, so
// copies of an article may show here (never on a real cluster): they must be byte-identical.
TEST_F(IngestPoisonPageTest, CarefulModeCommitsThePagesBeforeThePoisonAndTheReplayAgrees) {
  SendPages(0, 10, /*poison=*/5);
  EXPECT_TRUE(DiedOfAbort(WaitChild(ForkIngest(), 30))) << "dies on the poison page in its batch";
  EXPECT_TRUE(DiedOfAbort(WaitChild(ForkIngest(), 30))) << "careful mode: dies on it alone";
  const pid_t third = ForkIngest();
  const auto dead = Read("pages.dlq", 1, 30000);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].headers.at("newsflow.source_offset"), "5");
  EXPECT_EQ(dead[0].headers.at("newsflow.error"),
            "newsflowd died while processing this page (2 attempts); skipped");
  // Wait for the last page's article, then stop the child.
  std::map<std::string, std::string> by_title;  // title -> the event's bytes
  std::set<std::string> want;
  for (int n : {0, 1, 2, 3, 4, 6, 7, 8, 9, 10}) want.insert(Title(n));
  auto reader = TopicReader::Create(kafka_->bootstrap_servers(), {"articles"});
  ASSERT_TRUE(reader.ok());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (by_title.size() < want.size() && std::chrono::steady_clock::now() < deadline) {
    for (const auto& m : (*reader)->Read(0, 500)) {
      v1::ArticleEvent ev;
      ASSERT_TRUE(ev.ParseFromString(m.value));
      EXPECT_EQ(ev.event_type(), v1::ArticleEvent::CREATED) << ev.title();
      auto [it, inserted] = by_title.emplace(ev.title(), m.value);
      EXPECT_EQ(it->second, m.value) << "a replay published a different event for " << ev.title();
    }
  }
  (*reader).reset();
  kill(third, SIGTERM);
  const int status = WaitChild(third, 30);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;

  std::set<std::string> titles;
  for (const auto& [title, bytes] : by_title) titles.insert(title);
  EXPECT_EQ(titles, want);
  EXPECT_EQ(Read("pages.dlq", 2, 5000, 1500).size(), 1u);
  EXPECT_TRUE(Read("articles.duplicates", 1, 3000, 1500).empty());
  EXPECT_EQ(testing::ReadFile(report_path_), "replayed=5 careful_batches=1 poison_pages=1");
}

}  // namespace
}  // namespace newsflow

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--ingest-child") {
    return newsflow::RunIngestChild(argv[2], argv[3], argv[4]);
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
