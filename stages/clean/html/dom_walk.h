// The DOM walk: one iterative pre-order pass (no recursion) over the tree myhtml built, which
// turns it into the flat page model (page_model.h) and collects metadata on the way.
//
// Elements: block-level ones, links, and any element with class/id/role hints become model
// elements, with flags from their tag and hints (class_hints.h). Skipped whole: scripts,
// media, form controls and the like (tags.h), elements hidden by the hidden attribute,
// aria-hidden=true or an inline display:none / visibility:hidden, and hover cards. Elements
// deeper than max_element_depth count as text of their ancestor.
// Text: collapsed whitespace (U+00A0 included), one block per block-level element, flushed at
// <br>; bytes inside links are counted. A block is cut at 1 MiB.
// Metadata: <title>, <html lang>, <meta> (name or property, lower-cased, with content), the
// first <link rel=canonical>, JSON-LD scripts (up to 16), <time datetime> (up to 8).
//
// Cost: linear in the tree. Internal to stages/clean/html/.
#pragma once

#include <myhtml/api.h>

#include "stages/clean/html/class_hints.h"
#include "stages/clean/html/html_extractor.h"
#include "stages/clean/html/page_model.h"

namespace newsflow::html {

// Appends what the tree under `root` holds to `model` (whose vectors the caller cleared).
// `hint_cache` remembers class/id matches across pages.
void WalkDom(myhtml_tree_node_t* root, const HtmlExtractorOptions& options, PageModel* model,
             HintCache* hint_cache);

}  // namespace newsflow::html
