#include "stages/dedup/dedup_config.h"

namespace newsflow {
namespace {

bool InUnitInterval(double v) { return v > 0 && v <= 1; }

}  // namespace

Status ValidateDedupOptions(const DedupOptions& o) {
  constexpr const char* kUnit = "must be in (0, 1]";
  return OptionChecks("dedup")
      .Require(o.shingle_words >= 1 && o.shingle_words <= 16, "shingle_words", "must be in [1, 16]")
      .Require(o.bands >= 1 && o.bands <= 255, "bands", "must be in [1, 255]")
      .Require(o.rows >= 1, "rows", "must be >= 1")
      .Require(o.bands * o.rows <= 1024, "bands", "bands * rows must be <= 1024")
      .Require(InUnitInterval(o.near_threshold), "near_threshold", kUnit)
      .Require(InUnitInterval(o.near_threshold_short), "near_threshold_short", kUnit)
      .Require(InUnitInterval(o.teaser_containment), "teaser_containment", kUnit)
      .Require(InUnitInterval(o.teaser_max_ratio), "teaser_max_ratio", kUnit)
      .Require(InUnitInterval(o.cut_copy_containment), "cut_copy_containment", kUnit)
      .Require(o.sketch_size >= 16, "sketch_size", "must be >= 16")
      .Require(o.teaser_max_words < o.sketch_size, "teaser_max_words", "must be < sketch_size")
      .Require(o.max_postings >= 1, "max_postings", "must be >= 1")
      .Require(o.max_candidates >= 1, "max_candidates", "must be >= 1")
      .Require(o.lead_sample_modulus >= 1, "lead_sample_modulus", "must be >= 1")
      .Require(o.retention_days > 0, "retention_days", "must be > 0")
      .status();
}

Status ParseDedupOptions(ConfigSection& section, DedupOptions* d) {
  section.Read("shingle_words", &d->shingle_words);
  section.Read("bands", &d->bands);
  section.Read("rows", &d->rows);
  section.Read("near_threshold", &d->near_threshold);
  section.Read("near_threshold_short", &d->near_threshold_short);
  section.Read("short_words", &d->short_words);
  section.Read("min_words", &d->min_words);
  section.Read("teaser_max_words", &d->teaser_max_words);
  section.Read("teaser_containment", &d->teaser_containment);
  section.Read("max_candidates", &d->max_candidates);
  section.Read("cut_copy_containment", &d->cut_copy_containment);
  section.Read("teaser_min_words", &d->teaser_min_words);
  section.Read("teaser_max_ratio", &d->teaser_max_ratio);
  section.Read("retention_days", &d->retention_days);
  section.Read("exact_title_words", &d->exact_title_words);
  section.Read("sketch_size", &d->sketch_size);
  section.Read("teaser_exact_below_words", &d->teaser_exact_below_words);
  section.Read("lead_index_shingles", &d->lead_index_shingles);
  section.Read("lead_sample_modulus", &d->lead_sample_modulus);
  section.Read("max_postings", &d->max_postings);
  section.Read("tracking_params", &d->url.tracking_params);
  bool http_as_https = d->url.scheme == dedup::SchemePolicy::kHttpAsHttps;
  bool strip_www = d->url.www == dedup::WwwPolicy::kStrip;
  section.Read("url_http_as_https", &http_as_https);
  section.Read("url_strip_www", &strip_www);
  d->url.scheme = http_as_https ? dedup::SchemePolicy::kHttpAsHttps : dedup::SchemePolicy::kKeep;
  d->url.www = strip_www ? dedup::WwwPolicy::kStrip : dedup::WwwPolicy::kKeep;
  section.Record(ValidateDedupOptions(*d));
  return section.Finish();
}

}  // namespace newsflow
