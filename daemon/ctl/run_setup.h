// What the commands that run the pipeline share: the config (file, flags, the default
// taxonomy found at run time), the fetch time, and a state directory.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/config.h"
#include "daemon/ctl/args.h"
#include "pipeline/status.h"

namespace newsflow::ctl {

// The config of --config (defaults without it), with --topic-model applied and, when
// classify.taxonomy_path does not name a file, the taxonomy found by FindDataFile
// (daemon/data_files.h). Errors: the config file's.
StatusOr<Config> ConfigFrom(const Args& a);

// --fetch-time (RFC 3339) in ms since the epoch, or now. InvalidArgument for a bad time.
StatusOr<int64_t> FetchTime(const Args& a);

// A state dir for the run: the given one, or (given "") a temporary one removed when this
// object is destroyed. path() is "" when no temporary dir could be made.
class StateDir {
 public:
  explicit StateDir(const std::string& given);
  ~StateDir();
  StateDir(const StateDir&) = delete;
  StateDir& operator=(const StateDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool temporary_ = false;
};

}  // namespace newsflow::ctl
