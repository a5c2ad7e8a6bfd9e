#include "stages/decode/decode_stage.h"

#include "stages/decode/decode_config.h"

namespace newsflow {
namespace {

class DecodeStage final : public Stage {
 public:
  DecodeStage(const DecodeOptions& options, const StageContext& ctx)
      : decoder_(options), ctx_(ctx) {}
  std::string_view name() const override { return "decode"; }
  StageResult Process(PageWork& work) override {
    StatusOr<Page> page = decoder_.Decode(*work.raw, ctx_.clock ? ctx_.clock->NowMs() : 0);
    if (!page.ok()) return StageResult::DeadLetter("decode: " + page.status().ToString());
    work.page = std::move(page).value();
    return StageResult::Continue();
  }

 private:
  PageDecoder decoder_;
  StageContext ctx_;
};

}  // namespace

std::vector<NamespaceSpec> DecodeNamespaces(const DecodeOptions&) { return {}; }

StatusOr<std::unique_ptr<Stage>> MakeDecodeStage(const DecodeOptions& options,
                                                 const StageContext& ctx) {
  if (Status s = ValidateDecodeOptions(options); !s.ok()) return s;
  return std::unique_ptr<Stage>(std::make_unique<DecodeStage>(options, ctx));
}

}  // namespace newsflow
