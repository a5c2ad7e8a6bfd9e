#include "daemon/stage_registry.h"

#include "pipeline/pipeline.h"

namespace newsflow {

const std::vector<StageFactory>& StageFactories() {
  static const std::vector<StageFactory> kFactories = {
      {"decode",
       [](const Config& c, const StageContext& ctx) -> StatusOr<std::unique_ptr<Stage>> {
         return std::unique_ptr<Stage>(new DecodeStage(c.decode, ctx));
       },
       [](const Config&) { return std::vector<NamespaceSpec>{}; }},
      {"clean",
       [](const Config& c, const StageContext& ctx) -> StatusOr<std::unique_ptr<Stage>> {
         return std::unique_ptr<Stage>(new CleanStage(c.clean, ctx));
       },
       [](const Config& c) { return CleanNamespaces(c.clean); }},
      {"dedup",
       [](const Config& c, const StageContext& ctx) -> StatusOr<std::unique_ptr<Stage>> {
         auto s = MakeDedupStage(c.dedup, ctx);
         if (!s.ok()) return s.status();
         return std::unique_ptr<Stage>(std::move(s).value());
       },
       [](const Config& c) { return DedupNamespaces(c.dedup); }},
      {"classify",
       [](const Config& c, const StageContext& ctx) -> StatusOr<std::unique_ptr<Stage>> {
         auto s = MakeClassifyStage(c.classify, ctx);
         if (!s.ok()) return s.status();
         return std::unique_ptr<Stage>(std::move(s).value());
       },
       [](const Config&) { return std::vector<NamespaceSpec>{}; }},
  };
  return kFactories;
}

std::vector<NamespaceSpec> NamespacesFor(const Config& config,
                                         const std::vector<StageFactory>& factories) {
  std::vector<NamespaceSpec> out = Pipeline::Namespaces();
  for (const auto& name : config.stages) {
    for (const auto& f : factories) {
      if (f.name != name) continue;
      for (auto& ns : f.namespaces(config)) out.push_back(std::move(ns));
    }
  }
  return out;
}

StatusOr<std::vector<std::unique_ptr<Stage>>> BuildStages(
    const Config& config, const StageContext& ctx, const std::vector<StageFactory>& factories) {
  std::vector<std::unique_ptr<Stage>> stages;
  for (const auto& name : config.stages) {
    const StageFactory* factory = nullptr;
    for (const auto& f : factories) {
      if (f.name == name) factory = &f;
    }
    if (factory == nullptr) return Status::InvalidArgument("unknown stage " + name);
    auto stage = factory->make(config, ctx);
    if (!stage.ok()) {
      return Status::InvalidArgument("stage " + name + ": " + stage.status().ToString());
    }
    stages.push_back(std::move(stage).value());
  }
  return stages;
}

}  // namespace newsflow
