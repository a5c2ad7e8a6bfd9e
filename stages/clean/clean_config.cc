#include "stages/clean/clean_config.h"

#include <algorithm>

namespace newsflow {

Status ValidateCleanOptions(const CleanOptions& o) {
  return OptionChecks("clean")
      .Require(o.chrome_min_pages >= 2, "chrome_min_pages", "must be >= 2")
      .Require(o.html.section_min_body_chars >= 0, "html_section_min_body_chars", "must be >= 0")
      .Require(o.html.section_max_link_density >= 0 && o.html.section_max_link_density <= 1,
               "html_section_max_link_density", "must be in [0, 1]")
      .Require(o.html.section_max_share >= 0 && o.html.section_max_share <= 1,
               "html_section_max_share", "must be in [0, 1]")
      .Require(o.html.section_climb_levels >= 0, "html_section_climb_levels", "must be >= 0")
      .Require(o.html.budget_tags > 0, "html_budget_tags", "must be > 0")
      .Require(o.html.budget_elements > 0, "html_budget_elements", "must be > 0")
      .Require(o.html.budget_depth > static_cast<size_t>(std::max(0, o.html.max_element_depth)),
               "html_budget_depth", "must be > html_max_element_depth")
      .Require(o.html.budget_text_bytes > 0, "html_budget_text_bytes", "must be > 0")
      .status();
}

Status ParseCleanOptions(ConfigSection& section, CleanOptions* c) {
  section.Read("learn_site_chrome", &c->learn_site_chrome);
  section.Read("chrome_min_pages", &c->chrome_min_pages);
  section.Read("chrome_half_life_days", &c->chrome_half_life_days);
  section.Read("chrome_max_line_chars", &c->chrome_max_line_chars);
  section.Read("chrome_retention_days", &c->chrome_retention_days);
  section.Read("html_max_bytes", &c->html.max_html_bytes);
  section.Read("html_max_element_depth", &c->html.max_element_depth);
  section.Read("html_min_article_chars", &c->html.min_article_chars);
  section.Read("html_max_block_link_density", &c->html.max_block_link_density);
  section.Read("html_section_min_body_chars", &c->html.section_min_body_chars);
  section.Read("html_section_max_link_density", &c->html.section_max_link_density);
  section.Read("html_section_max_share", &c->html.section_max_share);
  section.Read("html_section_climb_levels", &c->html.section_climb_levels);
  section.Read("html_budget_tags", &c->html.budget_tags);
  section.Read("html_budget_elements", &c->html.budget_elements);
  section.Read("html_budget_depth", &c->html.budget_depth);
  section.Read("html_budget_text_bytes", &c->html.budget_text_bytes);
  section.Read("text_min_body_chars", &c->text.min_body_chars);
  section.Read("text_max_page_bytes", &c->text.max_page_bytes);
  section.Record(ValidateCleanOptions(*c));
  return section.Finish();
}

}  // namespace newsflow
