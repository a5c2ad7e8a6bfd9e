// Runtime: the pipeline with everything it stands on — the RocksDB state store, the stages
// built from config, the clock. newsflowd and every newsflowctl command that processes pages
// open one, so they run the very same code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "daemon/config.h"
#include "daemon/stage_registry.h"
#include "pipeline/pipeline.h"
#include "storage/rocksdb_state_store.h"

namespace newsflow {

class Runtime {
 public:
  // Opens the store at `state_dir` (created if missing) with every namespace the configured
  // stages need and builds the pipeline. Extra namespaces (e.g. the daemon's replay memo) can
  // be asked for in `extra_namespaces`. The configured stage names are looked up in
  // `factories`: newsflow's own list, or a superset of it (a test adding a stage of its own).
  static StatusOr<std::unique_ptr<Runtime>> Open(
      const Config& config, const std::string& state_dir,
      const std::vector<NamespaceSpec>& extra_namespaces, WalSync wal_sync,
      const std::vector<StageFactory>& factories = StageFactories());

  Pipeline& pipeline() { return *pipeline_; }
  RocksDbStateStore& store() { return *store_; }
  const Clock& clock() const { return clock_; }

  // Reloads the classifier's topic model / taxonomy (SIGHUP). Safe while another thread
  // runs the pipeline.
  Status ReloadClassifier();

  // Builds the stages `names` from `config` with the factories Open() used, on this runtime's
  // store and clock, without putting them in the pipeline. Errors name the stage.
  StatusOr<std::vector<std::unique_ptr<Stage>>> BuildStages(
      const Config& config, const std::vector<std::string>& names) const;
  // Puts each of `stages` in the place of the pipeline's stage of the same name (config
  // reload). On the pipeline's thread, between two pages: unlike ReloadClassifier().
  void ReplaceStages(std::vector<std::unique_ptr<Stage>> stages);

 private:
  Runtime() = default;
  std::vector<StageFactory> factories_;
  SystemClock clock_;
  std::unique_ptr<RocksDbStateStore> store_;
  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace newsflow
