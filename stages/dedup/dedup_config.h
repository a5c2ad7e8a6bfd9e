// The dedup stage's config section ([dedup] in deploy/newsflow.toml, which documents every key
// with its default), read into DedupOptions, and the rules those options obey.
//
// ValidateDedupOptions is the one place the rules live; MakeDedupStage checks them too, so
// options built in code obey the same rules as options read from a file. Errors name the key
// ("dedup.retention_days: must be > 0"). retention_days must be > 0: an index that never
// forgets grows without bound.
#pragma once

#include "pipeline/config_section.h"
#include "pipeline/status.h"
#include "stages/dedup/dedup_stage.h"

namespace newsflow {

// InvalidArgument naming the first option out of range; OK otherwise.
Status ValidateDedupOptions(const DedupOptions& options);

// Reads `section` into *options (absent keys keep their value), then validates. Errors: a
// value of the wrong type, a rule that does not hold, an unknown key (ConfigSection::Finish).
Status ParseDedupOptions(ConfigSection& section, DedupOptions* options);

}  // namespace newsflow
