// HtmlExtractor: the main content and metadata of one HTML page.
//
// How it works. The page is parsed by myhtml (libmodest's HTML5 parser, single-threaded) into a
// DOM; one iterative walk (no recursion, so nesting depth cannot overflow the stack) turns it
// into a flat list of elements and text blocks (paragraphs, headings, list items, ...), skipping
// what a reader never sees (script, style, hidden elements) and collecting metadata on the way
// (<title>, <meta>, <link rel=canonical>, JSON-LD, <time>). Blocks are scored readability-style:
// long, comma-rich, link-poor text votes for its parent and grandparent containers, weighted by
// tag and class/id hints ("article-body" up, "comment"/"related"/"share"/"cookie" down). The
// best container, plus siblings that look like continuations of it, is the article; inside it
// blocks that look like chrome (link lists, share bars, captions, "Advertisement") are dropped.
// The body is the kept blocks' text in page order, one block per line.
//
// Metadata: title (og:title, JSON-LD headline, <h1>, <title>, with a " | Site" suffix removed),
// source (og:site_name, JSON-LD publisher, the suffix of <title>), publication time (JSON-LD
// datePublished, article:published_time, <time datetime>, a date in the URL, a date printed in
// the byline -- the first that parses and is not later than the fetch time), authors, tags
// (article:section, article:tag, keywords), canonical URL and declared language.
//
// Cost: one parse plus two linear passes; no per-page allocation beyond the flat lists. About
// 1-3 ms for a typical 100-300 KB news page on one core.
//
// Threads: an HtmlExtractor keeps one myhtml parser and tree that it reuses across calls, so
// one instance must be used by one thread at a time (give each worker its own instance).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "stages/clean/clean_result.h"

namespace newsflow {

struct HtmlExtractorOptions {
  // Input beyond this many bytes is ignored (the page is cut there before parsing).
  size_t max_html_bytes = 32u << 20;
  // Elements nested deeper than this are read as plain text of their ancestor at this depth
  // (their tags are dropped before parsing): keeps hostile nesting linear in time and memory.
  int max_element_depth = 512;
  // A block must have at least this many characters to vote for its containers.
  int min_scoring_block_chars = 25;
  // Blocks inside the article whose linked text is more than this share of their text are dropped
  // (link lists, "related" teasers); headings are exempt.
  double max_block_link_density = 0.5;
  // ... unless they also hold at least this many bytes of text outside links (a paragraph
  // with many inline links is still a paragraph).
  int keep_block_own_bytes = 100;
  // When the body found with class/id hints is shorter than this (characters), the page is read
  // again without them and the longer body wins.
  int retry_below_chars = 500;
  // A page whose best article body is shorter than this (characters) yields no article.
  int min_article_chars = 80;
  // Trees built from pages larger than this are released after the call instead of being kept
  // for reuse, so one huge page does not pin its memory.
  size_t keep_tree_below_bytes = 4u << 20;
};

class HtmlExtractor {
 public:
  explicit HtmlExtractor(HtmlExtractorOptions options = {});
  ~HtmlExtractor();
  HtmlExtractor(const HtmlExtractor&) = delete;
  HtmlExtractor& operator=(const HtmlExtractor&) = delete;

  // Extracts the article(s) of one HTML page: articles[0] is the main article. `html` is UTF-8
  // (invalid bytes are tolerated; <meta charset> is ignored). `page_url` resolves nothing but is
  // used for URL dates and as the site fallback; `fetched_at_ms` bounds publication times (a date
  // later than the fetch is not believed). Never throws; a page with no readable content (empty,
  // binary, only navigation) gives zero articles and whatever page metadata was found.
  // Not thread-safe for one instance (see above).
  CleanResult Extract(std::string_view html, std::string_view page_url,
                      int64_t fetched_at_ms) const;

 private:
  struct Parser;  // myhtml objects, reused across calls
  HtmlExtractorOptions options_;
  std::unique_ptr<Parser> parser_;
};

}  // namespace newsflow
