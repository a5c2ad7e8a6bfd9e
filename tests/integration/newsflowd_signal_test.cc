// The newsflowd binary as an operator runs it: starts on an embedded Kafka, stops cleanly on
// SIGTERM (exit 0), and refuses a bad config with a message naming the key (exit 2).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"

namespace {

// Starts `newsflowd args` with stdout to `out_path`, stderr to `err_path`; returns its pid.
pid_t Spawn(const std::string& args, const std::string& out_path, const std::string& err_path) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string cmd = "exec " + std::string(NEWSFLOWD) + " " + args + " >" + out_path + " 2>" + err_path;
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int WaitExit(pid_t pid, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

TEST(NewsflowdTest, StartsOnEmbeddedKafkaAndStopsCleanlyOnSigterm) {
  newsflow::testing::TempDir dir;
  std::ofstream(dir.path() + "/c.toml") << "[storage]\npath = \"" << dir.path()
                                         << "/state\"\n[classify]\ntaxonomy_path = \""
                                         << NEWSFLOW_SOURCE_DIR
                                         << "/deploy/topics/iptc_media_topics.toml\"\n";
  pid_t pid = Spawn("--config " + dir.path() + "/c.toml --embedded-kafka", dir.path() + "/out",
                    dir.path() + "/err");
  bool started = false;
  for (int i = 0; i < 200 && !started; ++i) {
    started = Slurp(dir.path() + "/err").find("newsflowd running") != std::string::npos;
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(started) << Slurp(dir.path() + "/err");
  EXPECT_NE(Slurp(dir.path() + "/out").find("embedded kafka bootstrap: 127.0.0.1:"), std::string::npos);
  kill(pid, SIGTERM);
  EXPECT_EQ(WaitExit(pid, 60), 0) << Slurp(dir.path() + "/err");
  EXPECT_NE(Slurp(dir.path() + "/err").find("stopped:"), std::string::npos);
}

TEST(NewsflowdTest, BadConfigIsRefusedNamingTheKey) {
  newsflow::testing::TempDir dir;
  std::ofstream(dir.path() + "/c.toml") << "[kafka]\nbatch_max_ms = -5\n";
  pid_t pid = Spawn("--config " + dir.path() + "/c.toml", dir.path() + "/out", dir.path() + "/err");
  EXPECT_EQ(WaitExit(pid, 30), 2);
  EXPECT_NE(Slurp(dir.path() + "/err").find("kafka.batch_max_ms"), std::string::npos);
}

}  // namespace
