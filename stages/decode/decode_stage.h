// The decode stage (name "decode"): RawPage -> Page with PageDecoder (page_decoder.h, which
// also holds DecodeOptions and documents the rules). A page the decoder rejects goes to the
// dead-letter topic with the decoder's reason ("decode: ..."). The page's fetch time falls
// back to the context's clock. No state in the store. Cost: PageDecoder's.
#pragma once

#include <memory>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/state_store.h"
#include "pipeline/status.h"
#include "stages/decode/page_decoder.h"

namespace newsflow {

// The stage keeps no state in the store: no namespaces.
std::vector<NamespaceSpec> DecodeNamespaces(const DecodeOptions& options);

// Builds the stage. InvalidArgument for options out of range (ValidateDecodeOptions,
// decode_config.h). ctx.clock may be null (pages without a fetch time then get 0).
StatusOr<std::unique_ptr<Stage>> MakeDecodeStage(const DecodeOptions& options,
                                                 const StageContext& ctx);

}  // namespace newsflow
