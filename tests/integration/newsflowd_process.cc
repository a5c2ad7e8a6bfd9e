#include "tests/integration/newsflowd_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/read_file.h"

namespace newsflow::testing {

NewsflowdProcess::NewsflowdProcess(const std::vector<std::string>& args, std::string out_path,
                                   std::string err_path,
                                   const std::vector<std::pair<std::string, std::string>>& env)
    : out_path_(std::move(out_path)), err_path_(std::move(err_path)) {
  std::vector<std::string> argv_s = {NEWSFLOWD};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ != 0) return;
  // The child: only async-signal-safe work would be strictly correct after fork() in a
  // threaded parent; the test is single-threaded here.
  for (const auto& [k, v] : env) {
    setenv(k.c_str(), v.c_str(), 1);
    if (k == "WATCHDOG_USEC") setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  }
  int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0 || err < 0) _exit(126);
  dup2(out, 1);
  dup2(err, 2);
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

NewsflowdProcess::~NewsflowdProcess() {
  if (Running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void NewsflowdProcess::Signal(int signo) {
  if (Running()) kill(pid_, signo);
}

bool NewsflowdProcess::Running() {
  if (status_ != -1) return false;
  int st = 0;
  if (waitpid(pid_, &st, WNOHANG) != pid_) return true;
  status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return false;
}

int NewsflowdProcess::WaitExit(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (Running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      status_ = -2;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return status_;
}

std::string NewsflowdProcess::Out() const { return ReadFile(out_path_); }
std::string NewsflowdProcess::Err() const { return ReadFile(err_path_); }

std::string WriteTestConfig(const std::string& dir, const std::string& extra) {
  const std::string path = dir + "/newsflow.toml";
  // An ephemeral metrics port, unless `extra` sets one: tests run side by side.
  const bool own_metrics = extra.find("[metrics]") != std::string::npos;
  std::ofstream(path) << extra << "\n[storage]\npath = \"" << dir << "/state\"\n[classify]\n"
                      << "taxonomy_path = \"" << NEWSFLOW_SOURCE_DIR
                      << "/deploy/topics/iptc_media_topics.toml\"\n"
                      << (own_metrics ? "" : "[metrics]\nport = 0\n");
  return path;
}

NotifySocket::NotifySocket(std::string path) : path_(std::move(path)) {
  sockaddr_un addr{};
  if (path_.size() >= sizeof(addr.sun_path)) throw std::runtime_error("socket path too long");
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    throw std::runtime_error("bind " + path_ + ": " + std::strerror(errno));
  }
}

NotifySocket::~NotifySocket() {
  close(fd_);
  unlink(path_.c_str());
}

bool NotifySocket::ReceiveOne(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char buf[4096];
  ssize_t n = recv(fd_, buf, sizeof buf, 0);
  if (n < 0) return false;
  Message m{std::chrono::steady_clock::now(), {}};
  std::istringstream text(std::string(buf, static_cast<size_t>(n)));
  for (std::string line; std::getline(text, line);) {
    if (!line.empty()) m.lines.push_back(line);
  }
  messages_.push_back(std::move(m));
  return true;
}

std::optional<NotifySocket::Message> NotifySocket::WaitFor(const std::string& prefix,
                                                           std::chrono::milliseconds timeout,
                                                           NewsflowdProcess* sender) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    while (next_ < messages_.size()) {
      const Message& m = messages_[next_++];
      if (HasLine(m, prefix)) return m;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    // With a sender, look at it every 100 ms; once it has exited, what it sent is all queued.
    const bool exited = sender != nullptr && !sender->Running();
    if (!ReceiveOne(exited ? std::chrono::milliseconds(0)
                           : std::min(left, std::chrono::milliseconds(100))) &&
        exited) {
      return std::nullopt;
    }
  }
}

bool HasLine(const NotifySocket::Message& m, const std::string& prefix) {
  for (const auto& line : m.lines) {
    if (line.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

}  // namespace newsflow::testing
