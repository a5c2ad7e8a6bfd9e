#include "daemon/stage_registry.h"

#include "pipeline/pipeline.h"
#include "stages/classify/classify_config.h"
#include "stages/clean/clean_config.h"
#include "stages/decode/decode_config.h"
#include "stages/dedup/dedup_config.h"

namespace newsflow {
namespace {

// One registry entry from a stage's four functions and the Config member holding its options.
template <typename Options>
StageFactory Entry(const char* name, Options Config::*options,
                   Status (*parse)(ConfigSection&, Options*),
                   StatusOr<std::unique_ptr<Stage>> (*make)(const Options&, const StageContext&),
                   std::vector<NamespaceSpec> (*namespaces)(const Options&)) {
  return {name, [=](const Config& c, const StageContext& ctx) { return make(c.*options, ctx); },
          [=](const Config& c) { return namespaces(c.*options); },
          [=](ConfigSection& section, Config* c) { return parse(section, &(c->*options)); }};
}

}  // namespace

const std::vector<StageFactory>& StageFactories() {
  static const std::vector<StageFactory> kFactories = {
      Entry("decode", &Config::decode, ParseDecodeOptions, MakeDecodeStage, DecodeNamespaces),
      Entry("clean", &Config::clean, ParseCleanOptions, MakeCleanStage, CleanNamespaces),
      Entry("dedup", &Config::dedup, ParseDedupOptions, MakeDedupStage, DedupNamespaces),
      Entry("classify", &Config::classify, ParseClassifyOptions, MakeClassifyStage,
            ClassifyNamespaces),
  };
  return kFactories;
}

const StageFactory* FindStage(std::string_view name, const std::vector<StageFactory>& factories) {
  for (const auto& f : factories) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<NamespaceSpec> NamespacesFor(const Config& config,
                                         const std::vector<StageFactory>& factories) {
  std::vector<NamespaceSpec> out = Pipeline::Namespaces(config.storage.article_retention_days);
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
