// The shipped systemd units (deploy/newsflow.service, deploy/newsflow@.service, as installed:
// the build directory's copies): the template differs from the single unit only in the
// instance's paths and id, both say what newsflowd's notify and exit-code contract needs, and —
// where systemd-analyze is installed — both verify cleanly and rate <= 2.0 in
// `systemd-analyze security`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/support/read_file.h"
#include "tests/support/temp_dir.h"

namespace {

// "Section/Key" -> the values of its lines, in order; comments dropped, continued lines joined.
std::multimap<std::string, std::string> ReadUnit(const std::string& path) {
  std::ifstream in(path);
  std::multimap<std::string, std::string> out;
  std::string section, line, pending;
  while (std::getline(in, line)) {
    const bool continued = !line.empty() && line.back() == '\\';
    if (continued || !pending.empty()) {
      pending += continued ? line.substr(0, line.size() - 1) : line;
      if (continued) continue;
      line = std::move(pending);
      pending.clear();
    }
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      section = line.substr(1, line.find(']') - 1);
      continue;
    }
    const size_t eq = line.find('=');
    out.emplace(section + "/" + line.substr(0, eq), line.substr(eq + 1));
  }
  return out;
}

struct Command {
  int status = -1;
  std::string output;  // stdout and stderr
};

Command RunCommand(const std::string& cmd) {
  Command c;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return c;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) c.output.append(buf, n);
  c.status = pclose(p);
  return c;
}

bool HaveSystemdAnalyze() { return RunCommand("command -v systemd-analyze").status == 0; }

const std::string kUnit = std::string(NEWSFLOW_BINARY_DIR) + "/newsflow.service";
const std::string kTemplate = std::string(NEWSFLOW_BINARY_DIR) + "/newsflow@.service";

TEST(SystemdUnitsTest, TemplateDiffersOnlyInTheInstancesPathsAndId) {
  auto unit = ReadUnit(kUnit);
  auto tmpl = ReadUnit(kTemplate);
  ASSERT_FALSE(unit.empty());
  for (const char* key : {"Unit/Description", "Service/ExecStart", "Service/StateDirectory",
                          "Service/WorkingDirectory"}) {
    ASSERT_EQ(unit.count(key), 1u) << key;
    ASSERT_EQ(tmpl.count(key), 1u) << key;
    EXPECT_NE(tmpl.find(key)->second.find("%i"), std::string::npos) << key;
    unit.erase(key);
    tmpl.erase(key);
  }
  EXPECT_EQ(unit, tmpl);
  const std::string exec = ReadUnit(kTemplate).find("Service/ExecStart")->second;
  EXPECT_NE(exec.find("--transactional-id newsflow-%H-%i"), std::string::npos) << exec;
  EXPECT_NE(exec.find("--state-dir /var/lib/newsflow-%i"), std::string::npos) << exec;
}

TEST(SystemdUnitsTest, SaysWhatTheNotifyAndExitCodeContractNeeds) {
  const auto unit = ReadUnit(kUnit);
  auto value = [&](const std::string& key) {
    auto it = unit.find("Service/" + key);
    return it == unit.end() ? std::string("(unset)") : it->second;
  };
  EXPECT_EQ(value("Type"), "notify");
  EXPECT_EQ(value("NotifyAccess"), "main");
  EXPECT_NE(value("WatchdogSec"), "(unset)");
  EXPECT_NE((" " + value("RestartPreventExitStatus") + " ").find(" 78 "), std::string::npos);
  EXPECT_EQ(value("ProtectSystem"), "strict");
  EXPECT_EQ(value("RestrictAddressFamilies"), "AF_INET AF_INET6 AF_UNIX");
}

// A copy of `unit` under `name` in `dir`, ExecStart naming the built binary (verify checks it).
std::string InstallCopy(const std::string& unit, const std::string& dir, const std::string& name) {
  std::string s = newsflow::testing::ReadFile(unit);
  const std::string installed = NEWSFLOW_INSTALL_BINDIR "/newsflowd";
  for (size_t at; (at = s.find(installed)) != std::string::npos;) {
    s.replace(at, installed.size(), NEWSFLOWD);
  }
  std::ofstream(dir + "/" + name) << s;
  return dir + "/" + name;
}

TEST(SystemdUnitsTest, VerifyCleanlyAndRateAtMostTwoInSecurity) {
  if (!HaveSystemdAnalyze()) GTEST_SKIP() << "systemd-analyze is not installed";
  newsflow::testing::TempDir dir;
  for (const auto& [unit, name] :
       {std::pair{kUnit, "newsflow.service"}, std::pair{kTemplate, "newsflow@test.service"}}) {
    SCOPED_TRACE(name);
    const std::string path = InstallCopy(unit, dir.path(), name);
    Command verify = RunCommand("systemd-analyze verify " + path);
    EXPECT_EQ(verify.status, 0) << verify.output;
    EXPECT_EQ(verify.output, "");  // unknown keys are only warnings
    Command security = RunCommand("systemd-analyze security --offline=yes " + path);
    const std::string marker = "Overall exposure level for " + std::string(name) + ": ";
    const size_t at = security.output.rfind(marker);
    ASSERT_NE(at, std::string::npos) << security.output;
    const double exposure = std::stod(security.output.substr(at + marker.size()));
    std::printf("%s: systemd-analyze security %.1f\n", name, exposure);
    EXPECT_LE(exposure, 2.0) << security.output;
  }
}

}  // namespace
