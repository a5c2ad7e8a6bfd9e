#include "daemon/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "common/json/json_write.h"

namespace newsflow {
namespace {

// %* in a pattern: the message as a JSON string.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string quoted;
    json::AppendQuoted(std::string_view(msg.payload.data(), msg.payload.size()), &quoted);
    dest.append(quoted.data(), quoted.data() + quoted.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

// %P in a pattern: the sd-daemon(3) priority prefix of the line's level ("<6>").
class JournalPriorityFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const char* prefix = "<6>";  // SD_INFO
    switch (msg.level) {
      case spdlog::level::trace:
      case spdlog::level::debug:
        prefix = "<7>";  // SD_DEBUG
        break;
      case spdlog::level::info:
        break;
      case spdlog::level::warn:
        prefix = "<4>";  // SD_WARNING
        break;
      case spdlog::level::err:
        prefix = "<3>";  // SD_ERR
        break;
      case spdlog::level::critical:
        prefix = "<2>";  // SD_CRIT
        break;
      default:
        break;
    }
    dest.append(prefix, prefix + 3);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JournalPriorityFlag>();
  }
};

std::unique_ptr<spdlog::formatter> MakeFormatter(LogFormat format) {
  auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  switch (ResolveLogFormat(format)) {
    case LogFormat::kJournald:
      f->add_flag<JournalPriorityFlag>('P').set_pattern("%P[%n] %v");
      break;
    case LogFormat::kJson:
      f->add_flag<JsonMessageFlag>('*').set_pattern(
          R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","logger":"%n","msg":%*})");
      break;
    default:
      f->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l [%n] %v");
      break;
  }
  return f;
}

// Held while a logger is made or the level set, so that a new logger gets the latest level.
std::mutex& LoggersMutex() {
  static std::mutex mu;
  return mu;
}

// The one sink every logger writes through.
std::shared_ptr<spdlog::sinks::sink> Sink() {
  static const auto sink = [] {
    auto s = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    s->set_formatter(MakeFormatter(LogFormat::kAuto));
    return s;
  }();
  return sink;
}

}  // namespace

StatusOr<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "auto") return LogFormat::kAuto;
  if (name == "text") return LogFormat::kText;
  if (name == "journald") return LogFormat::kJournald;
  if (name == "json") return LogFormat::kJson;
  return Status::InvalidArgument("must be one of auto, text, journald, json");
}

LogFormat ResolveLogFormat(LogFormat format) {
  if (format != LogFormat::kAuto) return format;
  // systemd sets JOURNAL_STREAM to "<device>:<inode>" of the stream it connected; stderr may
  // have been redirected since (a shell started from a unit), so compare (systemd.exec(5)).
  const char* stream = std::getenv("JOURNAL_STREAM");
  struct stat st {};
  if (stream == nullptr || fstat(fileno(stderr), &st) != 0) return LogFormat::kText;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return LogFormat::kText;
  return dev == static_cast<unsigned long long>(st.st_dev) &&
                 ino == static_cast<unsigned long long>(st.st_ino)
             ? LogFormat::kJournald
             : LogFormat::kText;
}

std::shared_ptr<spdlog::logger> Logger(const std::string& name) {
  std::lock_guard<std::mutex> lock(LoggersMutex());
  if (auto l = spdlog::get(name)) return l;
  auto l = std::make_shared<spdlog::logger>(name, Sink());
  // Not spdlog::initialize_logger(): it would give the shared sink the registry's formatter.
  l->set_level(spdlog::get_level());
  spdlog::register_logger(l);
  return l;
}

void SetLogLevel(const std::string& level) {
  std::lock_guard<std::mutex> lock(LoggersMutex());
  spdlog::set_level(spdlog::level::from_str(level));
}

void SetLogFormat(LogFormat format) { Sink()->set_formatter(MakeFormatter(format)); }

}  // namespace newsflow
