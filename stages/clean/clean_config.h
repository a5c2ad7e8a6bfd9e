// The clean stage's config section ([clean] in deploy/newsflow.toml, which documents every
// key with its default), read into CleanOptions, and the rules those options obey.
//
// ValidateCleanOptions is the one place the rules live; MakeCleanStage checks them too.
// Errors name the key ("clean.chrome_min_pages: must be >= 2").
#pragma once

#include "pipeline/config_section.h"
#include "pipeline/status.h"
#include "stages/clean/clean_stage.h"

namespace newsflow {

// InvalidArgument naming the first option out of range; OK otherwise.
Status ValidateCleanOptions(const CleanOptions& options);

// Reads `section` into *options (absent keys keep their value), then validates. Errors: a
// value of the wrong type, a rule that does not hold, an unknown key (ConfigSection::Finish).
Status ParseCleanOptions(ConfigSection& section, CleanOptions* options);

}  // namespace newsflow
