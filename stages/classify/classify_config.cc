#include "stages/classify/classify_config.h"

namespace newsflow {

Status ValidateClassifyOptions(const ClassifyOptions& o) {
  return OptionChecks("classify")
      .Require(o.language_probe_bytes > 0 && o.language_probe_bytes <= o.language_max_bytes,
               "language_probe_bytes", "must be > 0 and <= language_max_bytes")
      .Require(o.topic_threshold >= 0 && o.topic_threshold <= 1, "topic_threshold",
               "must be in [0, 1]")
      .Require(o.max_topics > 0, "max_topics", "must be > 0")
      .status();
}

Status ParseClassifyOptions(ConfigSection& section, ClassifyOptions* c) {
  section.Read("taxonomy_path", &c->taxonomy_path);
  section.Read("topic_model_path", &c->topic_model_path);
  section.Read("topic_threshold", &c->topic_threshold);
  section.Read("max_topics", &c->max_topics);
  section.Read("language_probe_bytes", &c->language_probe_bytes);
  section.Read("language_max_bytes", &c->language_max_bytes);
  section.Read("page_min_content_chars", &c->page_type.min_content_chars);
  section.Read("page_min_article_chars", &c->page_type.min_article_chars);
  section.Read("page_min_listing_entries", &c->page_type.min_listing_entries);
  section.Read("page_main_article_ratio", &c->page_type.main_article_ratio);
  section.Record(ValidateClassifyOptions(*c));
  return section.Finish();
}

}  // namespace newsflow
