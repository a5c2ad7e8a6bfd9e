// newsflowd under systemd's notify protocol, the test playing systemd: it binds NOTIFY_SOCKET
// and sets WATCHDOG_USEC as a Type=notify unit with WatchdogSec= would, and checks READY=1
// once the consumer has joined its group, WATCHDOG=1 within every interval, STOPPING=1 and
// exit 0 on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <string>

#include "tests/integration/newsflowd_process.h"
#include "tests/support/temp_dir.h"

namespace {

using newsflow::testing::NewsflowdProcess;
using newsflow::testing::NotifySocket;
using newsflow::testing::TempDir;
using newsflow::testing::WriteTestConfig;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr auto kWatchdog = seconds(2);

TEST(NewsflowdSystemdTest, ReadyAfterGroupJoinWatchdogThenStoppingOnSigterm) {
  TempDir dir;
  NotifySocket notify(dir.path() + "/notify");
  // Batches of at most 100 ms: the loop turns about ten times a second when idle.
  NewsflowdProcess d(
      {"--config", WriteTestConfig(dir.path(), "[kafka]\nbatch_max_ms = 100\n"),
       "--embedded-kafka"},
      dir.path() + "/out", dir.path() + "/err",
      {{"NOTIFY_SOCKET", notify.path()},
       {"WATCHDOG_USEC", std::to_string(std::chrono::microseconds(kWatchdog).count())}});
  auto ready = notify.WaitFor("READY=1", seconds(60), &d);
  ASSERT_TRUE(ready.has_value()) << d.Err();
  // Ready only once the group is joined: the assignment is logged before READY=1 is sent.
  EXPECT_NE(d.Err().find("assigned 4 partition(s)"), std::string::npos) << d.Err();
  EXPECT_TRUE(HasLine(*ready, "STATUS=Consuming as group newsflow: 4 partition(s)"))
      << ready->lines.back();
  // Before it, systemd was told each start-up step.
  bool joining = false;
  for (const auto& m : notify.messages()) joining |= HasLine(m, "STATUS=Joining consumer group");
  EXPECT_TRUE(joining);
  // The config names no transactional id: it is derived from the state dir's instance id.
  std::string instance;
  std::ifstream(dir.path() + "/state/instance_id") >> instance;
  ASSERT_EQ(instance.size(), 16u);
  bool connecting = false;
  for (const auto& m : notify.messages()) {
    for (const auto& line : m.lines) {
      connecting |= line.find("as newsflow-" + instance) != std::string::npos;
    }
  }
  EXPECT_TRUE(connecting) << "STATUS=Connecting to Kafka ... as newsflow-<instance id>";

  // WATCHDOG=1 well within each interval, from READY=1 on.
  auto last = ready->received;
  for (int i = 0; i < 5; ++i) {
    auto ping = notify.WaitFor("WATCHDOG=1", kWatchdog, &d);
    ASSERT_TRUE(ping.has_value()) << "no WATCHDOG=1 within " << kWatchdog.count() << " s";
    EXPECT_LT(ping->received - last, kWatchdog);
    last = ping->received;
  }

  d.Signal(SIGTERM);
  EXPECT_TRUE(notify.WaitFor("STOPPING=1", seconds(30), &d).has_value()) << d.Err();
  EXPECT_EQ(d.WaitExit(seconds(60)), 0) << d.Err();
  EXPECT_NE(d.Err().find("stopped:"), std::string::npos);
}

// Without WATCHDOG_USEC (no WatchdogSec= in the unit) there are no pings.
TEST(NewsflowdSystemdTest, NoWatchdogPingsUnlessAsked) {
  TempDir dir;
  NotifySocket notify(dir.path() + "/notify");
  NewsflowdProcess d({"--config", WriteTestConfig(dir.path(), "[kafka]\nbatch_max_ms = 100\n"),
                      "--embedded-kafka"},
                     dir.path() + "/out", dir.path() + "/err", {{"NOTIFY_SOCKET", notify.path()}});
  ASSERT_TRUE(notify.WaitFor("READY=1", seconds(60), &d).has_value()) << d.Err();
  // A second of loop turns (about ten), then the stop: no WATCHDOG=1 among the messages.
  notify.WaitFor("WATCHDOG=1", milliseconds(1000), &d);
  d.Signal(SIGTERM);
  EXPECT_EQ(d.WaitExit(seconds(60)), 0) << d.Err();
  for (const auto& m : notify.messages()) EXPECT_FALSE(HasLine(m, "WATCHDOG=1"));
}

}  // namespace
