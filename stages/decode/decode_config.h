// The decode stage's config section ([decode] in deploy/newsflow.toml, which documents every
// key with its default), read into DecodeOptions, and the rules those options obey.
//
// ValidateDecodeOptions is the one place the rules live; MakeDecodeStage checks them too.
// Errors name the key ("decode.max_page_bytes: must be > 0").
#pragma once

#include "pipeline/config_section.h"
#include "pipeline/status.h"
#include "stages/decode/decode_stage.h"

namespace newsflow {

// InvalidArgument naming the first option out of range; OK otherwise.
Status ValidateDecodeOptions(const DecodeOptions& options);

// Reads `section` into *options (absent keys keep their value), then validates. Errors: a
// value of the wrong type, a rule that does not hold, an unknown key (ConfigSection::Finish).
Status ParseDecodeOptions(ConfigSection& section, DecodeOptions* options);

}  // namespace newsflow
