// The newsflowd binary as an operator runs it: starts on an embedded Kafka and stops cleanly on
// SIGTERM (exit 0); SIGHUP and SIGTERM during start-up (config, state store, init_transactions,
// group join) neither kill it nor leave it half-stopped; a bad config is refused with exit 78
// (EX_CONFIG) naming the key; --check-config and --version.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/integration/newsflowd_process.h"
#include "tests/support/temp_dir.h"

namespace {

using newsflow::testing::NewsflowdProcess;
using newsflow::testing::NotifySocket;
using newsflow::testing::TempDir;
using newsflow::testing::WriteTestConfig;
using std::chrono::seconds;

constexpr int kExConfig = 78;

TEST(NewsflowdTest, StartsOnEmbeddedKafkaAndStopsCleanlyOnSigterm) {
  TempDir dir;
  NewsflowdProcess d({"--config", WriteTestConfig(dir.path()), "--embedded-kafka"},
                     dir.path() + "/out", dir.path() + "/err");
  bool started = false;
  for (int i = 0; i < 200 && !started; ++i) {
    started = d.Err().find("newsflowd running") != std::string::npos;
    if (!started && !d.Running()) break;
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(started) << d.Err();
  EXPECT_NE(d.Out().find("embedded kafka bootstrap: 127.0.0.1:"), std::string::npos);
  d.Signal(SIGTERM);
  EXPECT_EQ(d.WaitExit(seconds(60)), 0) << d.Err();
  EXPECT_NE(d.Err().find("stopped:"), std::string::npos);
}

// SIGHUP at every start-up step systemd is told of (STATUS=), from the first one on: the
// daemon reaches READY=1, applies the reload once running, and still stops with exit 0.
TEST(NewsflowdTest, SighupDuringStartupDoesNotKillIt) {
  TempDir dir;
  NotifySocket notify(dir.path() + "/notify");
  NewsflowdProcess d({"--config", WriteTestConfig(dir.path()), "--embedded-kafka"},
                     dir.path() + "/out", dir.path() + "/err", {{"NOTIFY_SOCKET", notify.path()}});
  int hups = 0;
  for (;;) {
    auto m = notify.WaitFor("", std::chrono::seconds(60), &d);  // any message
    ASSERT_TRUE(m.has_value()) << d.Err();
    if (HasLine(*m, "READY=1")) break;
    ASSERT_TRUE(HasLine(*m, "STATUS=")) << m->lines[0];
    d.Signal(SIGHUP);
    ++hups;
  }
  EXPECT_GE(hups, 4);  // config, state store, Kafka, group join
  EXPECT_TRUE(d.Running());
  const std::string err = d.Err();
  EXPECT_NE(err.find("SIGHUP during start-up"), std::string::npos) << err;
  d.Signal(SIGTERM);
  EXPECT_EQ(d.WaitExit(seconds(60)), 0) << d.Err();
  EXPECT_NE(d.Err().find("classifier reloaded"), std::string::npos) << d.Err();
}

// SIGTERM as soon as the daemon has started (its first STATUS=), and while it connects to
// Kafka (init_transactions): a clean stop, exit 0, STOPPING=1 and never READY=1.
TEST(NewsflowdTest, SigtermDuringStartupStopsCleanly) {
  for (const std::string step : {"STATUS=Reading the config", "STATUS=Connecting to Kafka"}) {
    SCOPED_TRACE(step);
    TempDir dir;
    NotifySocket notify(dir.path() + "/notify");
    NewsflowdProcess d({"--config", WriteTestConfig(dir.path()), "--embedded-kafka"},
                       dir.path() + "/out", dir.path() + "/err",
                       {{"NOTIFY_SOCKET", notify.path()}});
    ASSERT_TRUE(notify.WaitFor(step, seconds(60), &d).has_value()) << d.Err();
    d.Signal(SIGTERM);
    EXPECT_TRUE(notify.WaitFor("STOPPING=1", seconds(60), &d).has_value()) << d.Err();
    EXPECT_EQ(d.WaitExit(seconds(60)), 0) << d.Err();
    for (const auto& m : notify.messages()) EXPECT_FALSE(HasLine(m, "READY=1"));
    // (In the second case the signal may come just after the Kafka clients are up.)
    if (step == "STATUS=Reading the config") {
      EXPECT_NE(d.Err().find("SIGTERM during start-up"), std::string::npos) << d.Err();
    }
  }
}

TEST(NewsflowdTest, BadConfigExitsWithExConfigNamingTheKey) {
  const std::pair<std::string, std::string> cases[] = {
      {"[kafka]\nbatch_max_ms = -5\n", "kafka.batch_max_ms"},
      {"[kafka]\nbrokerz = \"x:9092\"\n", "kafka.brokerz"},
      {"[kafka.consumer_properties]\n\"fetch.wait.max.ms\" = \"soon\"\n",
       "kafka.consumer_properties.fetch.wait.max.ms"},
  };
  for (const auto& [toml, key] : cases) {
    SCOPED_TRACE(key);
    TempDir dir;
    const std::string config = WriteTestConfig(dir.path(), toml);
    NewsflowdProcess d({"--config", config}, dir.path() + "/out", dir.path() + "/err");
    EXPECT_EQ(d.WaitExit(seconds(30)), kExConfig);
    EXPECT_NE(d.Err().find(key), std::string::npos) << d.Err();
    NewsflowdProcess check({"--check-config", "--config", config}, dir.path() + "/out2",
                           dir.path() + "/err2");
    EXPECT_EQ(check.WaitExit(seconds(30)), kExConfig);
    EXPECT_NE(check.Err().find(key), std::string::npos) << check.Err();
  }
}

TEST(NewsflowdTest, CheckConfigPassesOnTheShippedExample) {
  TempDir dir;
  const std::string example = std::string(NEWSFLOW_SOURCE_DIR) + "/deploy/newsflow.toml";
  NewsflowdProcess d({"--check-config", "--config", example}, dir.path() + "/out",
                     dir.path() + "/err");
  EXPECT_EQ(d.WaitExit(seconds(30)), 0) << d.Err();
  EXPECT_NE(d.Out().find("OK"), std::string::npos) << d.Out();
}

TEST(NewsflowdTest, VersionAndUsage) {
  TempDir dir;
  NewsflowdProcess version({"--version"}, dir.path() + "/out", dir.path() + "/err");
  EXPECT_EQ(version.WaitExit(seconds(30)), 0);
  EXPECT_EQ(version.Out(), std::string("newsflowd ") + NEWSFLOW_VERSION + "\n");
  NewsflowdProcess bad({"--no-such-flag"}, dir.path() + "/out2", dir.path() + "/err2");
  EXPECT_EQ(bad.WaitExit(seconds(30)), 64);  // EX_USAGE
  EXPECT_NE(bad.Err().find("--no-such-flag"), std::string::npos);
}

}  // namespace
