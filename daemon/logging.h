// One named logger per module ("kafka", "storage", "pipeline", "ctl"), all to stderr (journald
// under systemd). Level set once from [log] level.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace newsflow {

// The logger `name`, created on first use.
std::shared_ptr<spdlog::logger> Logger(const std::string& name);
// Sets the level of every logger, current and future ("trace" ... "error").
void SetLogLevel(const std::string& level);

}  // namespace newsflow
