// The HTTP endpoint on a real socket (an ephemeral loopback port), scraped with libcurl.
#include "daemon/metrics/metrics_server.h"

#include <gtest/gtest.h>

#include "daemon/metrics/ingest_metrics.h"
#include "tests/support/http_get.h"

namespace newsflow {
namespace {

using testing::HttpGet;

MetricsConfig LoopbackAnyPort() {
  MetricsConfig c;
  c.port = 0;
  return c;
}

TEST(MetricsServerTest, ServesMetricsInPrometheusTextFormat) {
  IngestMetrics metrics({"decode", "clean"});
  ServiceHealth health(std::chrono::seconds(0));
  auto server = MetricsServer::Start(LoopbackAnyPort(), metrics.registry(), &health);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  EXPECT_GT((*server)->port(), 0);
  EXPECT_EQ((*server)->url(), "http://127.0.0.1:" + std::to_string((*server)->port()));

  auto before = HttpGet((*server)->url() + "/metrics");
  EXPECT_EQ(before.status, 200);
  EXPECT_NE(before.content_type.find("text/plain"), std::string::npos);
  EXPECT_NE(before.body.find("# TYPE newsflow_pages_in_total counter\nnewsflow_pages_in_total 0\n"),
            std::string::npos)
      << before.body;
  EXPECT_NE(before.body.find("newsflow_dead_letters_total{stage=\"clean\"} 0"), std::string::npos);

  IngestCounters counters;
  counters.messages = 7;
  metrics.SyncCounters(counters);
  counters.messages = 9;
  metrics.SyncCounters(counters);
  BatchReport batch;
  batch.created = 2;
  batch.dead_letters["input"] = 1;
  batch.took = std::chrono::milliseconds(30);
  metrics.RecordBatch(batch);
  metrics.ObserveStage(1, std::chrono::microseconds(700));
  metrics.SetConsumerLag({{"pages", 3, 12}});
  auto after = HttpGet((*server)->url() + "/metrics").body;
  EXPECT_NE(after.find("newsflow_pages_in_total 9\n"), std::string::npos) << after;
  EXPECT_NE(after.find("newsflow_events_out_total{type=\"CREATED\"} 2\n"), std::string::npos);
  EXPECT_NE(after.find("newsflow_dead_letters_total{stage=\"input\"} 1\n"), std::string::npos);
  EXPECT_NE(after.find("newsflow_batch_seconds_bucket{le=\"0.05\"} 1\n"), std::string::npos);
  EXPECT_NE(after.find("newsflow_batch_seconds_bucket{le=\"0.025\"} 0\n"), std::string::npos);
  EXPECT_NE(after.find("newsflow_stage_seconds_bucket{stage=\"clean\",le=\"0.001\"} 1\n"),
            std::string::npos);
  EXPECT_NE(after.find("newsflow_consumer_lag{partition=\"3\",topic=\"pages\"} 12\n"),
            std::string::npos);
  // A partition no longer assigned loses its series.
  metrics.SetConsumerLag({{"pages", 1, 0}});
  after = HttpGet((*server)->url() + "/metrics").body;
  EXPECT_EQ(after.find("partition=\"3\""), std::string::npos);
  EXPECT_NE(after.find("newsflow_consumer_lag{partition=\"1\",topic=\"pages\"} 0\n"),
            std::string::npos);
  EXPECT_EQ(HttpGet((*server)->url() + "/nothing").status, 404);
}

TEST(MetricsServerTest, HealthAndReadinessFollowTheServiceHealth) {
  IngestMetrics metrics({});
  ServiceHealth health(std::chrono::seconds(60));
  health.SetGroup("news");
  auto server = MetricsServer::Start(LoopbackAnyPort(), metrics.registry(), &health);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string url = (*server)->url();

  auto ready = HttpGet(url + "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.body, "not ready: starting\n");
  EXPECT_EQ(HttpGet(url + "/healthz").status, 200);
  health.SetPhase(ServiceHealth::Phase::kRunning);
  EXPECT_EQ(HttpGet(url + "/readyz").body, "not ready: joining consumer group news\n");
  health.SetGroupJoined(true);
  health.SetBrokers(1, 1, "");
  ready = HttpGet(url + "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, "ready: consuming as group news, 1/1 broker(s) up\n");
  health.SetAllBrokersDown("10.0.0.1:9092/1");
  ready = HttpGet(url + "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.body, "not ready: no Kafka broker reachable (10.0.0.1:9092/1)\n");

  health.LoopTurned(ServiceHealth::Clock::now() - std::chrono::seconds(61));
  auto live = HttpGet(url + "/healthz");
  EXPECT_EQ(live.status, 503);
  EXPECT_EQ(live.body.rfind("unhealthy: the processing loop has not turned for 6", 0), 0u)
      << live.body;
}

TEST(MetricsServerTest, APortInUseIsUnavailable) {
  IngestMetrics metrics({});
  ServiceHealth health(std::chrono::seconds(0));
  auto first = MetricsServer::Start(LoopbackAnyPort(), metrics.registry(), &health);
  ASSERT_TRUE(first.ok());
  MetricsConfig same = LoopbackAnyPort();
  same.port = (*first)->port();
  auto second = MetricsServer::Start(same, metrics.registry(), &health);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(second.status().message().find("127.0.0.1:" + std::to_string(same.port)),
            std::string::npos)
      << second.status().ToString();
  // The first still answers.
  EXPECT_EQ(HttpGet((*first)->url() + "/healthz").status, 200);
}

}  // namespace
}  // namespace newsflow
