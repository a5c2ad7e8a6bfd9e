// Page type: is a page one article (possibly followed by related stories or teasers), a listing
// (a feed, tag page, search result: mostly a list of entries of equal rank), or something else
// (error page, login or paywall wall, app promotion, empty)?
//
// Decided from what cleaning produced — the articles (count, lengths, truncated flags, titles)
// and the page's visible text (headings such as "Related Articles" between the first and second
// article, or "Latest news with #..." before the first) — never by re-parsing HTML.
#pragma once

#include <cstddef>

#include "pipeline/model.h"
#include "pipeline/stage.h"

namespace newsflow {

struct PageTypeOptions {
  // Pages whose articles hold fewer characters than this in all (titles and bodies) are
  // kOther: empty.
  size_t min_content_chars = 20;
  // Bodies shorter than this are teasers or fragments, not stories of their own. A page whose
  // articles are all this short, or whose one article is under 3x this and made of wall or
  // error wording ("subscribe to continue", "page not found", "download the app"), is kOther
  // when that wording is there; otherwise a lone short article is a brief (kArticle) and
  // several are a list of short entries (kListing).
  size_t min_article_chars = 300;
  // A listing needs at least this many entries (fewer: the page is an article).
  size_t min_listing_entries = 2;
  // The first article counts as the page's main article when its body is at least this many
  // times the median body of the others.
  double main_article_ratio = 3.0;
};

// work.meta.layout_page_type, if the cleaner set it, is only a tie-breaker: it decides between
// article and listing when nothing else does (several stories of equal rank, no heading).
PageType ClassifyPageType(const PageWork& work, const PageTypeOptions& options);

}  // namespace newsflow
