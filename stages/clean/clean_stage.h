// CleanStage: Page -> Articles. Dispatches on the page kind: HtmlExtractor for HTML,
// TextPageSplitter for visible-text pages, then gives every article its provisional id.
//
// Site chrome learned from repetition (the CCNet approach): for pages with a site (http(s)
// URLs), every distinct normalised line is hashed and counted per site in the store
// ("site_lines"). A line seen on at least `chrome_min_pages` pages of the site (counts halve
// every `chrome_half_life_days`) is chrome and removed before splitting. Identical re-crawls
// (same content hash) are counted once. Lines longer than `chrome_max_line_chars` are never
// treated as chrome, so the paragraphs of a story republished on the same site survive.
//
// A page in which no article is found goes to the dead-letter topic ("no article content").
// Cost: see stages/clean/README.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/state_store.h"
#include "stages/clean/html_extractor.h"
#include "stages/clean/text_page_splitter.h"

namespace newsflow {

struct CleanOptions {
  TextSplitterOptions text;
  HtmlExtractorOptions html;
  // Learned site chrome (text pages with a site).
  bool learn_site_chrome = true;
  int chrome_min_pages = 5;
  int chrome_half_life_days = 30;
  size_t chrome_max_line_chars = 120;
  int chrome_retention_days = 90;
};

std::vector<NamespaceSpec> CleanNamespaces(const CleanOptions& options);

class CleanStage final : public Stage {
 public:
  CleanStage(CleanOptions options, const StageContext& ctx);
  std::string_view name() const override { return "clean"; }
  StageResult Process(PageWork& work) override;

 private:
  // Counts the page's lines for its site and returns the text without learned chrome lines.
  std::string RemoveLearnedChrome(const Page& page);

  CleanOptions options_;
  StageContext ctx_;
  TextPageSplitter text_;
  HtmlExtractor html_;
};

}  // namespace newsflow
