#include "stages/decode/decode_config.h"

namespace newsflow {

Status ValidateDecodeOptions(const DecodeOptions& o) {
  return OptionChecks("decode")
      .Require(o.max_page_bytes > 0, "max_page_bytes", "must be > 0")
      .status();
}

Status ParseDecodeOptions(ConfigSection& section, DecodeOptions* d) {
  section.Read("max_page_bytes", &d->max_page_bytes);
  section.Read("max_control_ratio", &d->max_control_ratio);
  section.Read("max_replacement_ratio", &d->max_replacement_ratio);
  section.Record(ValidateDecodeOptions(*d));
  return section.Finish();
}

}  // namespace newsflow
