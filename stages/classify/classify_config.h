// The classify stage's config section ([classify] in deploy/newsflow.toml, which documents
// every key with its default), read into ClassifyOptions, and the rules those options obey.
//
// ValidateClassifyOptions is the one place the rules live; MakeClassifyStage checks them too,
// so options built in code obey the same rules as options read from a file. Errors name the
// key ("classify.max_topics: must be > 0").
#pragma once

#include "pipeline/config_section.h"
#include "pipeline/status.h"
#include "stages/classify/classify_stage.h"

namespace newsflow {

// InvalidArgument naming the first option out of range; OK otherwise.
Status ValidateClassifyOptions(const ClassifyOptions& options);

// Reads `section` into *options (absent keys keep their value), then validates. Errors: a
// value of the wrong type, a rule that does not hold, an unknown key (ConfigSection::Finish).
Status ParseClassifyOptions(ConfigSection& section, ClassifyOptions* options);

}  // namespace newsflow
