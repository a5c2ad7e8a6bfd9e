// One named logger per module ("kafka", "storage", "pipeline", "rdkafka" for librdkafka's own
// lines, "ctl"), all writing through one stderr sink in one of three formats:
//
//   text      2026-12-03T08:20:25.123Z info [kafka] message      (UTC, milliseconds)
//   journald  <6>[kafka] message          sd-daemon(3) priority prefixes: journald stores
//                                         the priority and adds its own timestamp
//   json      {"ts":"2026-12-03T08:20:25.123Z","level":"info","logger":"kafka","msg":"..."}
//             one object per line (RFC 3339 UTC with milliseconds; the message escaped)
//
// The format is set for every logger, current and future, by SetLogFormat(); until then (and
// with LogFormat::kAuto) it is journald when stderr is the journal (JOURNAL_STREAM names
// stderr's device and inode, as systemd sets it), else text. The level is shared the same way.
//
// Threads: Logger() and logging are safe from any thread; SetLogFormat() and SetLogLevel() too
// (newsflowd calls them from the service thread on SIGHUP while others log).
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/status.h"

namespace newsflow {

enum class LogFormat { kAuto, kText, kJournald, kJson };

// "auto", "text", "journald", "json"; InvalidArgument otherwise.
StatusOr<LogFormat> ParseLogFormat(std::string_view name);
// kAuto resolved from the environment: kJournald or kText.
LogFormat ResolveLogFormat(LogFormat format);

// The logger `name`, created on first use.
std::shared_ptr<spdlog::logger> Logger(const std::string& name);
// Sets the level of every logger, current and future ("trace" ... "error").
void SetLogLevel(const std::string& level);
// Sets the format of every logger's lines, current and future.
void SetLogFormat(LogFormat format);

}  // namespace newsflow
