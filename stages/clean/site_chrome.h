// SiteChrome: the chrome of a site learned from repetition (the CCNet approach). For pages with
// a site (http(s) URLs), every distinct normalised line is hashed and counted per site in the
// store ("site_lines", pipeline/site_records.h codec). A line seen on at least `min_pages`
// other pages of the site (counts halve every `half_life_days`) is chrome. Identical
// re-crawls (same content hash, "site_pages") are counted once. Lines longer than
// `max_line_chars` are never chrome, so the paragraphs of a story republished on the same site
// survive.
//
// Errors: store errors are not fatal: a line whose count cannot be read counts from zero.
// Threads: one page at a time (the store batch is the pipeline's). Cost: one Get and, for a
// new page, one Put per distinct short line of its first max_page_bytes (stages/clean/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_set>

#include "pipeline/model.h"
#include "pipeline/state_store.h"

namespace newsflow {

struct SiteChromeOptions {
  int min_pages = 5;
  int half_life_days = 30;
  size_t max_line_chars = 120;
  // Only the first this many bytes of a page are read (what the text splitter reads:
  // TextSplitterOptions::max_page_bytes), so a huge page costs no more than that.
  size_t max_page_bytes = 4u << 20;
};

class SiteChrome {
 public:
  // `store` must outlive this object and hold the clean stage's namespaces.
  SiteChrome(SiteChromeOptions options, StateStore* store) : options_(options), store_(store) {}

  // Counts the page's lines for its site (once per distinct content) and returns the hashes
  // of those lines that other pages of the site had made chrome before this one.
  std::unordered_set<uint64_t> Learn(const Page& page);

  // Drops the body paragraphs of `article` whose normalised hash is in `chrome`; returns how
  // many. Titles, sources and dates are left alone.
  size_t DropParagraphs(const std::unordered_set<uint64_t>& chrome, Article* article) const;

 private:
  SiteChromeOptions options_;
  StateStore* store_;
};

}  // namespace newsflow
