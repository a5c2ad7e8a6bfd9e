// The newsflowd binary's HTTP endpoint as an operator's Prometheus and orchestrator see it:
// the URL logged at start-up, /readyz 503 until the group is joined and 200 after, /metrics
// counters that move once pages are sent to the embedded Kafka, a fast exit on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <optional>
#include <regex>
#include <string>

#include "daemon/kafka/kafka_tools.h"
#include "tests/integration/newsflowd_process.h"
#include "tests/integration/test_pages.h"
#include "tests/support/http_get.h"
#include "tests/support/prometheus_text.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

namespace {

using newsflow::testing::HttpGet;
using newsflow::testing::MetricValue;
using newsflow::testing::NewsflowdProcess;
using newsflow::testing::TempDir;
using newsflow::testing::WaitUntil;
using newsflow::testing::WriteTestConfig;
using std::chrono::seconds;

// The first match of `pattern`'s group 1 in `text`, or "".
std::string Find(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

TEST(NewsflowdMetricsTest, ServesReadinessAndCountersThatMoveWithPages) {
  TempDir dir;
  NewsflowdProcess d({"--config",
                      WriteTestConfig(dir.path(),
                                      "[kafka]\nbatch_max_ms = 100\n"
                                      "[metrics]\nport = 0\nkafka_stats_interval_ms = 200\n"),
                      "--embedded-kafka"},
                     dir.path() + "/out", dir.path() + "/err");
  std::string url, brokers;
  ASSERT_TRUE(WaitUntil(
      [&] {
        url = Find(d.Err(), R"(metrics on (http://127\.0\.0\.1:[0-9]+)/metrics)");
        brokers = Find(d.Out(), R"(embedded kafka bootstrap: (\S+))");
        return !url.empty() && !brokers.empty();
      },
      seconds(30)))
      << d.Err();
  // The group is joined ~3 s after start (the mock cluster's rebalance delay): not ready yet.
  auto early = HttpGet(url + "/readyz");
  EXPECT_EQ(early.status, 503) << early.body;
  EXPECT_EQ(early.body.rfind("not ready: ", 0), 0u) << early.body;
  EXPECT_EQ(HttpGet(url + "/healthz").status, 200);
  ASSERT_TRUE(WaitUntil([&] { return HttpGet(url + "/readyz").status == 200; }, seconds(60)))
      << HttpGet(url + "/readyz").body << d.Err();
  const std::string before = HttpGet(url + "/metrics").body;
  EXPECT_EQ(MetricValue(before, "newsflow_pages_in_total"), 0) << before;
  EXPECT_EQ(MetricValue(before, "newsflow_ready"), 1);

  auto producer = newsflow::PageProducer::Create(brokers);
  ASSERT_TRUE(producer.ok());
  newsflow::v1::RawPage page;
  page.set_url("https://lakeside.example/news/library-hours");
  page.set_fetched_at_ms(1748779200000);
  page.set_body(newsflow::testing::HtmlArticlePage("Library extends summer hours", "arts"));
  ASSERT_TRUE((*producer)->Send("pages", newsflow::InputFormat::kProtobuf, page).ok());
  ASSERT_TRUE((*producer)->Flush(10000).ok());
  std::string after;
  EXPECT_TRUE(WaitUntil(
      [&] {
        after = HttpGet(url + "/metrics").body;
        return MetricValue(after, "newsflow_events_out_total{type=\"CREATED\"}") == 1.0;
      },
      seconds(60)))
      << after;
  EXPECT_EQ(MetricValue(after, "newsflow_pages_in_total"), 1);
  EXPECT_EQ(MetricValue(after, "newsflow_stage_seconds_count{stage=\"dedup\"}"), 1);
  producer->reset();  // before the cluster goes away with newsflowd

  const auto stop = std::chrono::steady_clock::now();
  d.Signal(SIGTERM);
  EXPECT_EQ(d.WaitExit(seconds(30)), 0) << d.Err();
  EXPECT_LT(std::chrono::steady_clock::now() - stop, seconds(5));
  EXPECT_EQ(HttpGet(url + "/healthz").status, 0) << "still listening after exit";
}

// [metrics] enabled = false: nothing listens, the daemon runs as before.
TEST(NewsflowdMetricsTest, DisabledMeansNoEndpoint) {
  TempDir dir;
  NewsflowdProcess d(
      {"--config", WriteTestConfig(dir.path(), "[metrics]\nenabled = false\n"), "--embedded-kafka"},
      dir.path() + "/out", dir.path() + "/err");
  ASSERT_TRUE(WaitUntil([&] { return d.Err().find("newsflowd running") != std::string::npos; },
                        seconds(60)))
      << d.Err();
  EXPECT_EQ(d.Err().find("metrics on"), std::string::npos);
  d.Signal(SIGTERM);
  EXPECT_EQ(d.WaitExit(seconds(30)), 0) << d.Err();
}

}  // namespace
