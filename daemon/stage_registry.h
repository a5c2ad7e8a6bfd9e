// The explicit list of stages newsflow knows (no static-initialiser magic). Each stage is one
// line in stage_registry.cc: its name, the parser of its config section, its factory and the
// store namespaces it declares — all four from its folder (stages/<x>/<x>_config.h,
// stages/<x>/<x>_stage.h). Adding a stage is adding that line (and its Config member).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config.h"
#include "pipeline/config_section.h"
#include "pipeline/stage.h"
#include "pipeline/state_store.h"

namespace newsflow {

struct StageFactory {
  std::string name;
  std::function<StatusOr<std::unique_ptr<Stage>>(const Config&, const StageContext&)> make;
  std::function<std::vector<NamespaceSpec>(const Config&)> namespaces;
  // Reads the stage's config section into the Config (empty for a stage without a section,
  // such as one a test adds).
  std::function<Status(ConfigSection&, Config*)> parse = nullptr;
};

// decode, clean, dedup, classify.
const std::vector<StageFactory>& StageFactories();

// The entry named `name` in `factories`, or null.
const StageFactory* FindStage(std::string_view name,
                              const std::vector<StageFactory>& factories = StageFactories());

// Every namespace the configured stages and the pipeline need. `factories` is the list the
// stage names are looked up in: StageFactories(), or a superset of it (tests add stages).
std::vector<NamespaceSpec> NamespacesFor(
    const Config& config, const std::vector<StageFactory>& factories = StageFactories());

// Builds the configured stages, in config order, from `factories`. Errors name the stage.
StatusOr<std::vector<std::unique_ptr<Stage>>> BuildStages(
    const Config& config, const StageContext& ctx,
    const std::vector<StageFactory>& factories = StageFactories());

}  // namespace newsflow
