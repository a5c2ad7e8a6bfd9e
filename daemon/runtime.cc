#include "daemon/runtime.h"

#include <cstdlib>
#include <filesystem>

#include "daemon/stage_registry.h"

namespace newsflow {

StatusOr<std::unique_ptr<Runtime>> Runtime::Open(const Config& config, const std::string& state_dir,
                                                 const std::vector<NamespaceSpec>& extra_namespaces,
                                                 WalSync wal_sync,
                                                 const std::vector<StageFactory>& factories) {
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec) return Status::IoError("cannot create state dir " + state_dir + ": " + ec.message());
  std::vector<NamespaceSpec> spaces = NamespacesFor(config, factories);
  for (const auto& ns : extra_namespaces) spaces.push_back(ns);
  RocksDbOptions options;
  options.block_cache_bytes = static_cast<size_t>(config.storage.block_cache_mb) << 20;
  options.write_buffer_bytes = static_cast<size_t>(config.storage.write_buffer_mb) << 20;
  options.wal_sync = wal_sync;
  for (const auto& ns : spaces) {
    if (ns.point_lookups_only) options.point_lookup_namespaces.push_back(ns.name);
  }
  auto store = RocksDbStateStore::Open(state_dir, spaces, options);
  if (!store.ok()) return store.status();
  std::unique_ptr<Runtime> rt(new Runtime());
  rt->factories_ = factories;
  rt->store_ = std::move(store).value();
  StageContext ctx{rt->store_.get(), &rt->clock_};
  auto stages = newsflow::BuildStages(config, ctx, factories);
  if (!stages.ok()) return stages.status();
  rt->pipeline_ =
      std::make_unique<Pipeline>(std::move(stages).value(), rt->store_.get(), &rt->clock_);
  return rt;
}

Status Runtime::ReloadClassifier() {
  auto* stage = dynamic_cast<ClassifyStage*>(pipeline_->FindStage("classify"));
  if (stage == nullptr) return Status::NotFound("no classify stage configured");
  return stage->Reload();
}

StatusOr<std::vector<std::unique_ptr<Stage>>> Runtime::BuildStages(
    const Config& config, const std::vector<std::string>& names) const {
  Config only = config;
  only.stages = names;
  return newsflow::BuildStages(only, StageContext{store_.get(), &clock_}, factories_);
}

void Runtime::ReplaceStages(std::vector<std::unique_ptr<Stage>> stages) {
  for (auto& stage : stages) {
    // Built from this runtime's own stage names: always found.
    Status s = pipeline_->ReplaceStage(std::move(stage));
    if (!s.ok()) std::abort();
  }
}

}  // namespace newsflow
