// CleanStage: Page -> Articles. Dispatches on the page kind: HtmlExtractor for HTML,
// TextPageSplitter for visible-text pages, and numbers the articles (`position`). It leaves
// `article_id` unset: dedup assigns it (pipeline/article_id.h).
//
// On text pages with a site, learned site chrome (site_chrome.h) is applied after splitting:
// the page is split as printed first (chrome lines such as a publisher line above every date
// are layout cues), then body paragraphs that are learned chrome are dropped.
//
// An article that prints no publisher gets the page's site name (og:site_name, a copyright
// footer), else the host of an http(s) page URL; pages read from files have no host.
//
// A page in which no article is found goes to the dead-letter topic ("no article content"); so
// does an HTML page over the parse budget (HtmlExtractorOptions: elements, nesting, bytes of
// text), with the limit it passed ("clean: over the parse budget: more than 300000 elements").
// Store errors while learning chrome are not fatal: a line whose count cannot be read counts
// from zero. Cost: see stages/clean/README.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/state_store.h"
#include "stages/clean/html/html_extractor.h"
#include "stages/clean/site_chrome.h"
#include "stages/clean/text/text_page_splitter.h"

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

// The namespaces (site line counts, site pages seen) with chrome_retention_days.
std::vector<NamespaceSpec> CleanNamespaces(const CleanOptions& options);

// Builds the stage (name() == "clean", a CleanStage). InvalidArgument for options out of
// range (ValidateCleanOptions, clean_config.h). ctx.store may be null (no chrome is learned);
// otherwise it must have been opened with CleanNamespaces().
StatusOr<std::unique_ptr<Stage>> MakeCleanStage(const CleanOptions& options,
                                                const StageContext& ctx);

class CleanStage final : public Stage {
 public:
  // Use MakeCleanStage (the constructor does not validate); public for tests that need the
  // concrete type.
  CleanStage(CleanOptions options, const StageContext& ctx);
  std::string_view name() const override { return "clean"; }
  StageResult Process(PageWork& work) override;
  // chrome_paragraphs_dropped, pages_without_articles, pages_over_parse_budget.
  std::vector<std::pair<std::string, uint64_t>> OwnCounters() const override;

 private:
  CleanOptions options_;
  StageContext ctx_;
  TextPageSplitter text_;
  HtmlExtractor html_;
  SiteChrome chrome_;
  std::atomic<uint64_t> chrome_paragraphs_dropped_{0};
  std::atomic<uint64_t> pages_without_articles_{0};
  std::atomic<uint64_t> pages_over_budget_{0};
};

}  // namespace newsflow
