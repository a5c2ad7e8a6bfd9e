// The per-page parse budget: how many elements, how deep and how many bytes of text myhtml may
// build for one page, enforced while the tree is being built, so a hostile page fails with a
// reason instead of taking the process's memory.
//
// What is counted, through two callbacks myhtml calls while it parses:
// - tags: every token the tokenizer makes other than text -- start and end tags, comments,
//   doctypes -- plus one per attribute. The parser keeps every token until the tree is
//   released, even those that build nothing (32 MB of "</x>" would be 8 million of them).
// - elements: every node other than text that the tree builder inserts, so elements it makes
//   up count too -- implied <html>/<body>/<tbody>, and formatting elements it reopens for
//   every new paragraph ("reconstruct the active formatting elements": 500 unclosed <b> then
//   "<p>x" a million times would build 500 million elements from 10 MB).
// - depth: the parser's stack of open elements, which a byte scan cannot see exactly (the
//   prefilter's depth cap is fooled by end tags the parser ignores).
// - text bytes: the bytes of text tokens (after the prefilter dropped scripts and styles). A
//   run of text is counted when it ends (at the next tag), so text without any tag is counted
//   whole -- its cost is the page's own size, which decode.max_page_bytes bounds.
//
// How it stops: the page is fed to myhtml in chunks of kParseChunkBytes. When a count passes
// its limit, the callback switches tree building off for the rest of the page and the feeding
// stops at the end of the current chunk, so what is built is at most the budget plus one
// chunk's worth. The tree is then incomplete; the caller must not read it.
//
// Cost: one callback per node (a few comparisons). Internal to stages/clean/html/.
// Threads: one ParseWithinBudget call per tree at a time (as myhtml itself).
#pragma once

#include <cstddef>
#include <string_view>

#include "pipeline/status.h"

typedef struct myhtml_tree myhtml_tree_t;

namespace newsflow::html {

struct ParseBudgetLimits {
  size_t max_tags = 0;        // tags read (start, end, comments, doctype), +1 per attribute
  size_t max_elements = 0;    // nodes in the tree other than text (comments included)
  size_t max_depth = 0;       // elements open at any one time
  size_t max_text_bytes = 0;  // bytes in text tokens
};

// What the parse read and built (up to where it stopped).
struct ParseCounts {
  size_t tags = 0;
  size_t elements = 0;
  size_t max_depth = 0;
  size_t text_bytes = 0;
};

// The size of the pieces the page is fed in.
inline constexpr size_t kParseChunkBytes = 256u << 10;

// Parses `html` (UTF-8) into `tree`, which is cleaned first. `*counts` gets what was built.
// TooLarge naming the first limit passed ("over the parse budget: more than 200000
// elements"), Internal when myhtml fails; OK otherwise. `html` must outlive the tree's use
// (myhtml keeps pointers into it).
Status ParseWithinBudget(myhtml_tree_t* tree, std::string_view html,
                         const ParseBudgetLimits& limits, ParseCounts* counts);

}  // namespace newsflow::html
