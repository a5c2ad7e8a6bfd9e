// The explicit list of stages newsflow knows (no static-initialiser magic): a name, a factory
// building the stage from its config section, and the store namespaces it needs.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "daemon/config.h"
#include "pipeline/stage.h"
#include "pipeline/state_store.h"

namespace newsflow {

struct StageFactory {
  std::string name;
  std::function<StatusOr<std::unique_ptr<Stage>>(const Config&, const StageContext&)> make;
  std::function<std::vector<NamespaceSpec>(const Config&)> namespaces;
};

// decode, clean, dedup, classify.
const std::vector<StageFactory>& StageFactories();

// Every namespace the configured stages and the pipeline need. `factories` is the list the
// stage names are looked up in: StageFactories(), or a superset of it (tests add stages).
std::vector<NamespaceSpec> NamespacesFor(
    const Config& config, const std::vector<StageFactory>& factories = StageFactories());

// Builds the configured stages, in config order, from `factories`. Errors name the stage.
StatusOr<std::vector<std::unique_ptr<Stage>>> BuildStages(
    const Config& config, const StageContext& ctx,
    const std::vector<StageFactory>& factories = StageFactories());

}  // namespace newsflow
