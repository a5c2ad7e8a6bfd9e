// newsflowd's observability end to end: the ingest service on librdkafka's mock cluster with
// DaemonMetrics attached as newsflowd attaches it; /metrics scraped over HTTP before and after
// pages are sent, /readyz before the group is joined, with the broker down and after it is
// back; the count of pages skipped because the cluster refused their output.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "daemon/config.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/kafka/kafka_tools.h"
#include "daemon/logging.h"
#include "daemon/metrics/daemon_metrics.h"
#include "daemon/runtime.h"
#include "tests/integration/test_ingest.h"
#include "tests/integration/test_pages.h"
#include "tests/support/http_get.h"
#include "tests/support/prometheus_text.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

namespace newsflow {
namespace {

using std::chrono::seconds;
using testing::HttpGet;
using testing::MetricValue;
using testing::WaitUntil;

constexpr int32_t kBroker = 1;

class IngestMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kafka_ =
        testing::StartTestCluster({"pages", "articles", "articles.duplicates", "pages.dlq"}, 2);
    ASSERT_NE(kafka_, nullptr);
    config_ = testing::TestIngestConfig(kafka_->bootstrap_servers(), "newsflow-metrics");
    // Reconnect within a fraction of a second once the broker is back.
    config_.kafka.properties = {{"reconnect.backoff.ms", "50"},
                                {"reconnect.backoff.max.ms", "200"}};
    config_.metrics.port = 0;
    config_.metrics.kafka_stats_interval_ms = 200;
    auto p = PageProducer::Create(kafka_->bootstrap_servers());
    ASSERT_TRUE(p.ok());
    producer_ = std::move(p).value();
    // What the "kafka" logger says, for the broker-loss warnings.
    log_sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    Logger("kafka")->sinks().push_back(log_sink_);
  }

  void TearDown() override {
    auto& sinks = Logger("kafka")->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), log_sink_), sinks.end());
  }

  std::string Scrape() { return HttpGet(url_ + "/metrics").body; }
  // Waits until the scraped `series` reaches `at_least`; its last value.
  double WaitForValue(const std::string& series, double at_least) {
    double last = -1;
    WaitUntil(
        [&] {
          last = MetricValue(Scrape(), series).value_or(-1);
          return last >= at_least;
        },
        seconds(60));
    return last;
  }
  bool WaitForReady(long status) {
    return WaitUntil([&] { return HttpGet(url_ + "/readyz").status == status; }, seconds(60));
  }

  std::unique_ptr<EmbeddedKafka> kafka_;
  std::unique_ptr<PageProducer> producer_;
  Config config_;
  testing::TempDir state_;
  std::string url_;
  std::ostringstream log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> log_sink_;
};

TEST_F(IngestMetricsTest, CountersMoveWithPagesAndReadinessFollowsTheBroker) {
  auto rt =
      Runtime::Open(config_, state_.path(), IngestService::Namespaces(config_), WalSync::kNoSync);
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  auto metrics = DaemonMetrics::Start(config_);
  ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
  ASSERT_NE((*metrics)->server(), nullptr);
  url_ = (*metrics)->server()->url();
  EXPECT_EQ(HttpGet(url_ + "/readyz").body, "not ready: starting\n");
  auto svc = IngestService::Create(config_, rt->get(), (*metrics)->kafka_hooks());
  ASSERT_TRUE(svc.ok()) << svc.status().ToString();
  (*metrics)->Attach(rt->get(), nullptr);
  (*svc)->SetObserver(metrics->get());
  auto joining = HttpGet(url_ + "/readyz");
  EXPECT_EQ(joining.status, 503);
  EXPECT_EQ(joining.body, "not ready: joining consumer group newsflow-metrics\n");
  EXPECT_EQ(HttpGet(url_ + "/healthz").status, 200);
  const std::string before = Scrape();
  EXPECT_EQ(MetricValue(before, "newsflow_pages_in_total"), 0);
  EXPECT_EQ(MetricValue(before, "newsflow_events_out_total{type=\"CREATED\"}"), 0);
  EXPECT_EQ(MetricValue(before, "newsflow_ready"), 0);

  Status run_status;
  std::thread run([&] { run_status = (*svc)->Run(); });
  ASSERT_TRUE(WaitForReady(200)) << HttpGet(url_ + "/readyz").body;
  EXPECT_EQ(HttpGet(url_ + "/readyz").body.rfind("ready: consuming as group newsflow-metrics", 0),
            0u);

  // An article page (1 article), a listing (2) and a message that is not a RawPage.
  const v1::RawPage article =
      testing::TestRawPage("https://lakeside.example/news/library-hours",
                           testing::HtmlArticlePage("Library extends summer hours", "arts"));
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf, article).ok());
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         testing::TestRawPage("https://harbour.example/tag/town",
                                              testing::TextListingPage()))
                  .ok());
  ASSERT_TRUE(producer_->SendRaw("pages", "junk", std::string("\xff\xff not protobuf")).ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(WaitForValue("newsflow_events_out_total{type=\"CREATED\"}", 3), 3);
  EXPECT_EQ(WaitForValue("newsflow_pages_in_total", 3), 3);
  std::string after = Scrape();
  EXPECT_EQ(MetricValue(after, "newsflow_dead_letters_total{stage=\"input\"}"), 1);
  EXPECT_EQ(MetricValue(after, "newsflow_events_out_total{type=\"DUPLICATE\"}"), 0);
  EXPECT_GE(MetricValue(after, "newsflow_batches_total").value_or(0), 1);
  EXPECT_GE(MetricValue(after, "newsflow_batch_seconds_count").value_or(0), 1);
  EXPECT_GE(MetricValue(after, "newsflow_commit_seconds_count").value_or(0), 1);
  // The junk never reached the stages: two pages each.
  EXPECT_EQ(MetricValue(after, "newsflow_stage_seconds_count{stage=\"decode\"}"), 2);
  EXPECT_EQ(MetricValue(after, "newsflow_stage_seconds_count{stage=\"classify\"}"), 2);
  EXPECT_GT(MetricValue(after, "process_resident_memory_bytes").value_or(0), 1e6);
  EXPECT_TRUE(MetricValue(after, "newsflow_state_disk_bytes{namespace=\"articles\"}").has_value());
  EXPECT_EQ(MetricValue(after, "newsflow_kafka_brokers_up"), 1);
  // Every message read: no lag on either partition (the statistics come every 200 ms).
  for (const char* p : {"0", "1"}) {
    const std::string series =
        std::string("newsflow_consumer_lag{partition=\"") + p + "\",topic=\"pages\"}";
    EXPECT_TRUE(WaitUntil([&] { return MetricValue(Scrape(), series) == 0.0; }, seconds(30)))
        << series << "\n"
        << Scrape();
  }

  // The article crawled again: a duplicate.
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf, article).ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(WaitForValue("newsflow_events_out_total{type=\"DUPLICATE\"}", 1), 1);
  EXPECT_EQ(WaitForValue("newsflow_pages_in_total", 4), 4);

  // The broker down: not ready, and the log names it; back up: ready again.
  rd_kafka_mock_broker_set_down(kafka_->cluster(), kBroker);
  ASSERT_TRUE(WaitForReady(503));
  EXPECT_NE(HttpGet(url_ + "/readyz").body.find("not ready: no Kafka broker reachable"),
            std::string::npos);
  EXPECT_EQ(MetricValue(Scrape(), "newsflow_kafka_brokers_up").value_or(-1), 0);
  const std::string broker = kafka_->bootstrap_servers() + "/1";
  EXPECT_TRUE(WaitUntil([&] { return log_.str().find(broker) != std::string::npos; }, seconds(10)))
      << log_.str();
  rd_kafka_mock_broker_set_up(kafka_->cluster(), kBroker);
  ASSERT_TRUE(WaitForReady(200)) << HttpGet(url_ + "/readyz").body;

  (*metrics)->health().SetPhase(ServiceHealth::Phase::kStopping);
  EXPECT_EQ(HttpGet(url_ + "/readyz").body, "not ready: stopping\n");
  (*svc)->RequestStop();
  run.join();
  EXPECT_TRUE(run_status.ok()) << run_status.ToString();
}

// A page whose every output the cluster refuses (MESSAGE_TOO_LARGE on every produce request):
// its event in its batch, then again alone, then its headers-only dead letter. The third time
// it is skipped: nothing published, its offset committed, counted in
// newsflow_pages_skipped_total{reason="refused"} and logged with its coordinates; the next
// page goes through.
TEST_F(IngestMetricsTest, APageRefusedThreeTimesIsSkippedCountedAndLogged) {
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         testing::TestRawPage(
                             "https://lakeside.example/news/ferry",
                             testing::HtmlArticlePage("Ferry timetable changes in June", "arts")))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  // The page is in: newsflowd's produce requests are refused until it is skipped. More than
  // three: a refusal whose delivery report comes after its transaction's abort is not counted
  // against the page (seen under ASan), so it may take a few more. Once the page is skipped,
  // nothing of it is produced again; the rest are cleared below.
  constexpr int16_t kProduceApiKey = 0;
  const std::vector<rd_kafka_resp_err_t> refusals(12, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  rd_kafka_mock_push_request_errors_array(kafka_->cluster(), kProduceApiKey, refusals.size(),
                                          refusals.data());
  auto rt =
      Runtime::Open(config_, state_.path(), IngestService::Namespaces(config_), WalSync::kNoSync);
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  auto metrics = DaemonMetrics::Start(config_);
  ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
  url_ = (*metrics)->server()->url();
  auto svc = IngestService::Create(config_, rt->get(), (*metrics)->kafka_hooks());
  ASSERT_TRUE(svc.ok()) << svc.status().ToString();
  (*metrics)->Attach(rt->get(), nullptr);
  (*svc)->SetObserver(metrics->get());
  const std::string skipped = "newsflow_pages_skipped_total{reason=\"refused\"}";
  EXPECT_EQ(MetricValue(Scrape(), skipped), 0);

  Status run_status;
  std::thread run([&] { run_status = (*svc)->Run(); });
  EXPECT_EQ(WaitForValue(skipped, 1), 1);
  std::string after = Scrape();
  EXPECT_EQ(MetricValue(after, "newsflow_events_out_total{type=\"CREATED\"}"), 0);
  EXPECT_EQ(MetricValue(after, "newsflow_dead_letters_total{stage=\"publish\"}").value_or(0), 0);
  EXPECT_GE(MetricValue(after, "newsflow_aborted_transactions_total").value_or(0), 3);
  const std::string line = log_.str();
  const bool on_0 = line.find("pages[0] offset 0: skipped, nothing published") != std::string::npos;
  const bool on_1 = line.find("pages[1] offset 0: skipped, nothing published") != std::string::npos;
  EXPECT_TRUE(on_0 != on_1) << line;
  EXPECT_NE(line.find("refused its output three times (pages.dlq: Broker: Message size too large)"),
            std::string::npos)
      << line;

  rd_kafka_mock_clear_request_errors(kafka_->cluster(), kProduceApiKey);
  // Nothing more is refused: the next page is published (a listing, whose two articles are not
  // near-duplicates of the skipped one), and the skipped one stays skipped.
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         testing::TestRawPage("https://harbour.example/tag/town",
                                              testing::TextListingPage()))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(WaitForValue("newsflow_events_out_total{type=\"CREATED\"}", 2), 2) << Scrape();
  EXPECT_EQ(MetricValue(Scrape(), skipped), 1);
  (*svc)->RequestStop();
  run.join();
  EXPECT_TRUE(run_status.ok()) << run_status.ToString();
}

}  // namespace
}  // namespace newsflow
