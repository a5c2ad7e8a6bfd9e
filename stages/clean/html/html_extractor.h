// HtmlExtractor: the main content and metadata of one HTML page.
//
// How it works.
// 1. A byte-level prefilter (prefilter.h) drops what no reader sees before parsing: the
//    contents of <script> (JSON-LD kept), <style> and <svg>, comments, attributes the extractor
//    does not read, and tags nested deeper than max_element_depth. News pages shrink to ~27% of
//    their bytes, and hostile nesting cannot make tree building quadratic.
// 2. myhtml (libmodest's HTML5 parser, single-threaded, tree reused across calls) builds the DOM,
//    within the page's parse budget (parse_budget.h: tags, elements, depth, bytes of text,
//    counted as it builds; a page over it gives CleanResult::status TooLarge, no articles);
//    one iterative walk (no recursion) turns it into a flat list of elements and text blocks
//    (paragraphs, headings, list items, cells, quotes), skipping hidden elements, and collects
//    metadata on the way (<title>, <meta>, <link rel=canonical>, JSON-LD, <time datetime>).
// 3. Blocks vote readability-style: long, comma-rich, link-poor text scores its ancestors
//    (parent fully, grandparent half, ...), containers start from tag and class/id priors.
//    Class/id words split chrome in two: "never votes" (comment, related, share, cookie,
//    newsletter, promo, ad...) and "dropped when inside the article" (sidebar, header, meta...).
//    The best container (an only child stands for its parent) plus siblings that score close to
//    it or share its class is the article. When that container lies in one of several sibling
//    sections opened by subheadings and holding prose, the article is all of them, less the
//    comments and link lists beside them. If that yields under retry_below_chars, the page is
//    read again without class/id hints (some sites wrap everything in "...sidebar..." divs).
// 4. Inside the article, dropped: chrome subtrees, captions, link lists (unless a block has
//    enough text of its own), timestamp/byline lines, pager counters, ad labels, the <h1>, and
//    labels that introduce a dropped link list or dangle at the end. Linked subheadings stay
//    when real paragraphs follow them. The body is the kept blocks' text in page order, one
//    block per line, whitespace collapsed, always valid UTF-8.
//
// Only the main article is produced (articles[0]); a page with no readable content (empty,
// binary, navigation only) gives none.
//
// Metadata: title (og:title, JSON-LD headline, <h1>, <title>, with a " | Site" suffix removed),
// source (og:site_name, JSON-LD publisher, the suffix of <title>), publication time (JSON-LD
// datePublished, article:published_time, <time datetime>, a date in the URL, a date printed in
// the byline -- the first that parses and is not later than the fetch time), authors, tags
// (article:section, article:tag, keywords), canonical URL and declared language.
//
// Cost: linear in the page. On the extraction benchmark (186 KB pages on average) about 1.1-1.6
// ms per page on one core, 1.2-1.3x the time myhtml alone needs to build the tree of the raw
// page (the prefilter wins back most of what the walk costs); memory is the prefilter's copy,
// the tree (bounded by the parse budget) and flat lists, released after pages over
// keep_tree_below_bytes and after a page over the budget.
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
  // (link lists, "related" teasers); a linked subheading survives when paragraphs follow it.
  double max_block_link_density = 0.5;
  // ... unless they also hold at least this many bytes of text outside links (a paragraph
  // with many inline links is still a paragraph).
  int keep_block_own_bytes = 60;
  // When the body found with class/id hints is shorter than this (characters), the page is read
  // again without them (comment threads still excluded) and the longer body wins.
  int retry_below_chars = 500;
  // Headed-section climb (block_scoring.h): a section opened by a subheading counts when it
  // holds at least section_min_body_chars bytes of prose and at most section_max_link_density
  // of its text is linked; the climb looks at most section_climb_levels ancestors up from the
  // best container (0: no climb), and takes place when the best container's section holds at
  // most section_max_share of the prose of the headed sections beside it (itself included).
  int section_min_body_chars = 200;
  double section_max_link_density = 0.25;
  double section_max_share = 0.8;
  int section_climb_levels = 10;
  // A page whose best article body is shorter than this (characters) yields no article.
  int min_article_chars = 80;
  // The parse budget (parse_budget.h): a page that needs more than this to parse is not read
  // -- Extract returns TooLarge in CleanResult::status, having built at most this much (plus
  // one 256 KiB chunk of the page). Counted while the parser works, so elements it makes up
  // count too. Tags: start and end tags, comments, each attribute one more. Depth: elements
  // open at once (the prefilter's max_element_depth cap keeps real pages well below).
  size_t budget_tags = 500000;
  size_t budget_elements = 200000;
  size_t budget_depth = 1024;
  size_t budget_text_bytes = 8u << 20;
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
