#include "daemon/metrics/service_health.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

using Phase = ServiceHealth::Phase;
using std::chrono::seconds;

TEST(ServiceHealthTest, ReadyOnlyWhenRunningJoinedAndABrokerIsUp) {
  ServiceHealth h(seconds(0));
  h.SetGroup("news");
  EXPECT_FALSE(h.Ready().ok);
  EXPECT_EQ(h.Ready().text, "not ready: starting");
  h.SetPhase(Phase::kRunning);
  EXPECT_EQ(h.Ready().text, "not ready: joining consumer group news");
  h.SetGroupJoined(true);  // the first assignment, before any statistics
  EXPECT_TRUE(h.Ready().ok);
  EXPECT_EQ(h.Ready().text, "ready: consuming as group news");
  h.SetBrokers(2, 3, "k3:9092/3");
  EXPECT_EQ(h.Ready().text, "ready: consuming as group news, 2/3 broker(s) up");
  h.SetBrokers(0, 3, "k1:9092/1, k2:9092/2, k3:9092/3");
  EXPECT_FALSE(h.Ready().ok);
  EXPECT_EQ(h.Ready().text,
            "not ready: no Kafka broker reachable (k1:9092/1, k2:9092/2, k3:9092/3)");
  h.SetBrokers(1, 3, "k2:9092/2, k3:9092/3");
  EXPECT_TRUE(h.Ready().ok);
  h.SetAllBrokersDown("");  // the error event: the last names known are kept
  EXPECT_EQ(h.Ready().text, "not ready: no Kafka broker reachable (k2:9092/2, k3:9092/3)");
  h.SetBrokers(3, 3, "");
  h.SetGroupJoined(false);  // a rebalance
  EXPECT_FALSE(h.Ready().ok);
  h.SetGroupJoined(true);
  h.SetPhase(Phase::kStopping);
  EXPECT_EQ(h.Ready().text, "not ready: stopping");
}

TEST(ServiceHealthTest, LiveUnlessTheLoopStalls) {
  ServiceHealth h(seconds(30));
  const auto t0 = ServiceHealth::Clock::now();
  EXPECT_TRUE(h.Live(t0 + seconds(3600)).ok);  // starting: the loop does not run yet
  h.SetPhase(Phase::kRunning);
  h.LoopTurned(t0);
  EXPECT_TRUE(h.Live(t0 + seconds(30)).ok);
  auto stalled = h.Live(t0 + seconds(31));
  EXPECT_FALSE(stalled.ok);
  EXPECT_EQ(stalled.text, "unhealthy: the processing loop has not turned for 31 s");
  h.LoopTurned(t0 + seconds(31));
  EXPECT_TRUE(h.Live(t0 + seconds(32)).ok);

  ServiceHealth never(seconds(0));
  never.SetPhase(Phase::kRunning);
  never.LoopTurned(t0);
  EXPECT_TRUE(never.Live(t0 + seconds(100000)).ok);
}

}  // namespace
}  // namespace newsflow
