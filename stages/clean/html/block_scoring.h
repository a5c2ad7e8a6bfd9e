// Block scoring, readability-style: which container of the page model holds the article.
//
// Long, comma-rich, link-poor blocks vote for their ancestors (parent fully, grandparent half,
// then a third per level, five levels up); containers start from their tag prior and, when
// hints are used, their class/id weight; a container's score is scaled by (1 - link density).
// Blocks in captions or in "never votes" chrome (comment threads only, without hints) do not
// vote. The article region is the best container (an only child stands for its parent) plus
// the siblings that score close to it, share its class, or are link-poor paragraphs.
// Headed-section climb: when that container lies in one of several sibling sections, each
// opened by a subheading (h2-h6) and holding real prose, the region is their parent's children
// instead -- all the sections, the intro and the short blocks between them -- less the chrome
// and link lists among them (comments, related links).
//
// Cost: linear in elements and blocks. Internal to stages/clean/html/.
#pragma once

#include <vector>

#include "stages/clean/html/html_extractor.h"
#include "stages/clean/html/page_model.h"

namespace newsflow::html {

// Fills each element's subtree totals (text_chars, link_chars, body_chars, first_block) and
// each block's commas. Once per page, before ChooseTop.
void ComputeTotals(PageModel* m, const HtmlExtractorOptions& options);

// Scores the containers (overwriting earlier scores) and returns the best one, or -1 when no
// block voted.
int ChooseTop(PageModel* m, const HtmlExtractorOptions& options, HintUse hints);

// The elements whose blocks form the article, starting from ChooseTop's `top`: selected[e] is 1
// for the region's root elements (their subtrees are in the region).
std::vector<char> SelectRegion(const PageModel& m, int top, const HtmlExtractorOptions& options,
                               HintUse hints);

}  // namespace newsflow::html
