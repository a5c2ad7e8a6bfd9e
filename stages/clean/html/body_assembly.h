// Body assembly: the article text from the selected region of the page model.
//
// Inside the region, dropped: chrome subtrees that lie inside it (class/id chrome and
// nav/aside/footer/header, when hints are used), captions, comment threads, link lists (blocks
// mostly linked unless they hold enough text of their own), the <h1>, chrome lines
// ("Advertisement", "Share", pager counters; common/phrases/phrases.toml html.chrome_lines), byline
// and timestamp lines, credit and copyright lines, a short label right before a dropped link list,
// up to two labels dangling at the end and up to three sign-off promotions (html.promo). A linked
// subheading stays when a real paragraph follows it. The body is the kept blocks' text in page
// order, one block per line.
//
// Cost: linear in the blocks. Internal to stages/clean/html/.
#pragma once

#include <string>
#include <vector>

#include "stages/clean/html/html_extractor.h"
#include "stages/clean/html/page_model.h"

namespace newsflow::html {

// The body built from the blocks under `selected_root` (SelectRegion's result); empty when no
// block is kept.
std::string BuildBody(const PageModel& m, const std::vector<char>& selected_root,
                      const HtmlExtractorOptions& options, HintUse hints);

}  // namespace newsflow::html
