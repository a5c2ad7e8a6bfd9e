// Test helpers that run the newsflowd binary as systemd would: a child process with an
// environment of its own, its stdout and stderr in files, and systemd's end of the notify
// protocol (NOTIFY_SOCKET, sd_notify(3)).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace newsflow::testing {

// newsflowd (the NEWSFLOWD path compiled into the test) with `args`, stdout to `out_path`,
// stderr to `err_path`, and `env` added to the test's environment (WATCHDOG_PID=self is set
// for it when `env` sets WATCHDOG_USEC, as systemd does).
class NewsflowdProcess {
 public:
  NewsflowdProcess(const std::vector<std::string>& args, std::string out_path, std::string err_path,
                   const std::vector<std::pair<std::string, std::string>>& env = {});
  // Kills (SIGKILL) and reaps the process if it is still running.
  ~NewsflowdProcess();
  NewsflowdProcess(const NewsflowdProcess&) = delete;
  NewsflowdProcess& operator=(const NewsflowdProcess&) = delete;

  void Signal(int signo);
  // The exit status; 128 + the signal if one ended it; -1 if it still ran after `timeout`
  // (it is then killed).
  int WaitExit(std::chrono::seconds timeout);
  // True while the process has not exited.
  bool Running();
  std::string Out() const;
  std::string Err() const;

 private:
  pid_t pid_ = -1;
  int status_ = -1;  // once reaped
  std::string out_path_, err_path_;
};


// Writes `dir`/newsflow.toml for a daemon with its state in `dir`/state, the shipped taxonomy,
// its metrics on an ephemeral loopback port (unless `extra` has a [metrics] section), and
// `extra` TOML first; returns its path.
std::string WriteTestConfig(const std::string& dir, const std::string& extra = "");

// A unix datagram socket bound at `path`, as systemd's NOTIFY_SOCKET.
class NotifySocket {
 public:
  struct Message {
    std::chrono::steady_clock::time_point received;
    std::vector<std::string> lines;  // "READY=1", "STATUS=..."
  };

  explicit NotifySocket(std::string path);
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;
  const std::string& path() const { return path_; }

  // Reads messages until one after the last one returned has a line starting with `prefix`;
  // returns it, or nullopt after `timeout` — or as soon as `sender`, if given, has exited and
  // every message it sent was read.
  std::optional<Message> WaitFor(const std::string& prefix, std::chrono::milliseconds timeout,
                                 NewsflowdProcess* sender = nullptr);
  // Every message received so far.
  const std::vector<Message>& messages() const { return messages_; }

 private:
  bool ReceiveOne(std::chrono::milliseconds timeout);
  std::string path_;
  int fd_ = -1;
  std::vector<Message> messages_;
  size_t next_ = 0;  // the first message WaitFor() has not looked at
};

// True if `m` has a line starting with `prefix`.
bool HasLine(const NotifySocket::Message& m, const std::string& prefix);

}  // namespace newsflow::testing
