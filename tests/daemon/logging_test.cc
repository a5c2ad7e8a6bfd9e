// newsflowd's log formats (daemon/logging.h), read back from stderr as journald or a log
// shipper would: text with UTC timestamps, journald's <N> priority prefixes, JSON lines; and
// the automatic choice from JOURNAL_STREAM.
#include "daemon/logging.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "common/json/json.h"
#include "tests/support/read_file.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

// What `log` writes to stderr while it runs, line by line.
template <typename F>
std::vector<std::string> CaptureStderr(F log) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/stderr";
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  FILE* f = std::fopen(path.c_str(), "w");
  dup2(fileno(f), STDERR_FILENO);
  log();
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::fclose(f);
  std::vector<std::string> lines;
  std::istringstream in(testing::ReadFile(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class LoggingTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLogFormat(LogFormat::kText); }
  static void LogThree() {
    auto log = Logger("logging_test");
    log->info("consuming \"pages\"");
    log->warn("broker b1:9092 is unreachable");
    log->error("line one\nline two");
  }
};

TEST_F(LoggingTest, TextHasUtcTimestampsWithMilliseconds) {
  SetLogFormat(LogFormat::kText);
  auto lines = CaptureStderr(LogThree);
  ASSERT_GE(lines.size(), 2u);
  const std::regex text(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info \[logging_test\] consuming "pages")");
  EXPECT_TRUE(std::regex_match(lines[0], text)) << lines[0];
  EXPECT_NE(lines[1].find("Z warning [logging_test] broker b1:9092"), std::string::npos);
}

TEST_F(LoggingTest, JournaldLinesCarryTheirPriority) {
  SetLogFormat(LogFormat::kJournald);
  auto lines = CaptureStderr(LogThree);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "<6>[logging_test] consuming \"pages\"");            // SD_INFO
  EXPECT_EQ(lines[1], "<4>[logging_test] broker b1:9092 is unreachable");  // SD_WARNING
  EXPECT_EQ(lines[2], "<3>[logging_test] line one");                       // SD_ERR
}

TEST_F(LoggingTest, JsonIsOneObjectPerLine) {
  SetLogFormat(LogFormat::kJson);
  auto lines = CaptureStderr(LogThree);
  ASSERT_EQ(lines.size(), 3u);  // the message's newline is escaped
  const char* levels[] = {"info", "warning", "error"};
  const char* msgs[] = {"consuming \"pages\"", "broker b1:9092 is unreachable",
                        "line one\nline two"};
  const std::regex ts(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  for (size_t i = 0; i < 3; ++i) {
    auto v = json::Read(lines[i], {json::Controls::kAsWritten, json::Unclosed::kReject});
    ASSERT_TRUE(v.has_value() && v->IsObject()) << lines[i];
    ASSERT_NE(v->Find("ts"), nullptr);
    EXPECT_TRUE(std::regex_match(v->Find("ts")->text, ts)) << lines[i];
    EXPECT_EQ(v->Find("level")->text, levels[i]);
    EXPECT_EQ(v->Find("logger")->text, "logging_test");
    EXPECT_EQ(v->Find("msg")->text, msgs[i]);
  }
}

TEST_F(LoggingTest, AutoIsJournaldOnlyWhenStderrIsTheJournalStream) {
  struct stat st {};
  ASSERT_EQ(fstat(STDERR_FILENO, &st), 0);
  const std::string mine = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  unsetenv("JOURNAL_STREAM");
  EXPECT_EQ(ResolveLogFormat(LogFormat::kAuto), LogFormat::kText);
  setenv("JOURNAL_STREAM", mine.c_str(), 1);
  EXPECT_EQ(ResolveLogFormat(LogFormat::kAuto), LogFormat::kJournald);
  setenv("JOURNAL_STREAM", "1:2", 1);  // stderr redirected since systemd connected it
  EXPECT_EQ(ResolveLogFormat(LogFormat::kAuto), LogFormat::kText);
  unsetenv("JOURNAL_STREAM");
  EXPECT_EQ(ResolveLogFormat(LogFormat::kJson), LogFormat::kJson);
}

TEST_F(LoggingTest, ParsesFormatNames) {
  EXPECT_EQ(*ParseLogFormat("journald"), LogFormat::kJournald);
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(*ParseLogFormat("text"), LogFormat::kText);
  EXPECT_EQ(*ParseLogFormat("auto"), LogFormat::kAuto);
  EXPECT_FALSE(ParseLogFormat("syslog").ok());
}

}  // namespace
}  // namespace newsflow
