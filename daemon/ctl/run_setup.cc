#include "daemon/ctl/run_setup.h"

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "common/time/rfc3339.h"
#include "daemon/data_files.h"
#include "pipeline/pipeline.h"

namespace newsflow::ctl {
namespace fs = std::filesystem;

StatusOr<Config> ConfigFrom(const Args& a) {
  Config config;
  if (a.Has("--config")) {
    auto c = LoadConfigFile(a.Get("--config"));
    if (!c.ok()) return c.status();
    config = std::move(c).value();
  }
  if (a.Has("--topic-model")) config.classify.topic_model_path = a.Get("--topic-model");
  std::string& taxonomy = config.classify.taxonomy_path;
  taxonomy = FindDataFile(taxonomy, "topics/" + fs::path(taxonomy).filename().string());
  return config;
}

StatusOr<int64_t> FetchTime(const Args& a) {
  if (!a.Has("--fetch-time")) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  const std::string text = a.Get("--fetch-time");
  std::optional<int64_t> ms = ParseIso8601Ms(text);
  if (!ms) return Status::InvalidArgument("--fetch-time: not an RFC 3339 date: " + text);
  return *ms;
}

StateDir::StateDir(const std::string& given) : path_(given) {
  if (path_.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "newsflowctl-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) {
      path_ = tmpl;
      temporary_ = true;
    }
  }
}

StateDir::~StateDir() {
  if (temporary_) {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
}

}  // namespace newsflow::ctl
