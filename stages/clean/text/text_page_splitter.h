// TextPageSplitter: splits a page's visible text (what a headless browser's
// document.body.innerText gives) into the articles a reader sees on it.
//
// How it reads a page (no site is special-cased; only generic layout cues are used):
// - Lines are classified: paragraph text, short lines (titles, source names, menus, widgets),
//   date lines ("time2 hours ago", "11-06-2025", "May 31, 2025 20:08 (JST)", "PUBLISHED:
//   10:48, Tue, Nov 19, 2019"), a publisher and a date on one line ("The Mainichia day ago",
//   "Gazette · 2 hours ago", "2 hours ago • Gazette"), tag bullets ("• Business", "- Politics").
//   A sentence broken over lines by inline elements is rejoined first.
// - A run of non-paragraph lines that holds a date line or a headline printed twice is an
//   article header: headline (printed twice, or the short line next to the date), publisher
//   (glued to the date, on the line above it, or the last bullet), date, tags (the other
//   bullets, or a few short lines between date and headline), byline ("By ..."). What precedes
//   the header's first headline or source line in that run is chrome (related-articles
//   headers, comment widgets, app promos, listing banners).
// - The paragraphs after a header, up to the next header, are that article's body. Inside a
//   body, runs of several short unpunctuated lines end the article (widgets, menus), single
//   short lines between paragraphs stay (sub-headings), photo credits, captions and site
//   footers go; an author box ("About <name>") and a tail of "..." snippets are cut off.
//   Feeds that print the date under each snippet ("headline / snippet / Publisher | date")
//   are recognised by their header runs starting with the date right after text.
// - The first paragraph's lead-in before a dateline ("KYODO NEWS - 12 minutes ago - 17:46 |
//   World, All", "... file photo <caption> SINGAPORE —") is removed, and mined for tags, an
//   absolute date (preferred over a relative date line) and the agency (a fallback source).
// - Text before the first header (or a page with no header at all) is an untitled article; a
//   tail of one-line paragraphs each cut mid-sentence or led by a "LABEL: headline" deck, each
//   possibly under its own headline line, is split off as teasers (truncated articles).
// - Plain pages "headline, blank line, body": the page's first line, set apart by a blank line
//   with no paragraph text between it and the first article's body, is that article's title
//   when its header has none (or only a guess from below the date); a question headline that
//   reads as a sentence leaves the body. A time of day ("2000 GMT") is never a headline.
//   A brief (the page's only paragraph text, two or more complete sentences that do not
//   address the reader and carry no widget wording, right under a headline of 3+ words)
//   needs min_titled_brief_chars, not min_untitled_chars.
// - A teaser page (headline twice, publisher, date, one snippet cut mid-sentence): a long
//   unpunctuated line set apart right under such a header is the article's body.
// - Publishers: printed with the header (glued to the date, also "Gazette" + "May 6, 2025" or
//   "Gazette" + "time2 hours ago" without a space; on the line above the date; a single
//   line of 2+ words or capitals under the date), else the dateline's agency, else the page's
//   publisher (the owner its copyright footer names, which is also meta.site_name, else the one
//   publisher two or more headed items share), else for an untitled lead article the agency of
//   its photo credit.
// - When the headers do not account for the page's densest run of paragraphs (single-article
//   pages with navigation, footers and link lists around the article), that run is the main
//   article, with the header right above it (a standfirst before an inner byline/date goes).
//   Runs of three or more numbered short lines right after text (tour dates, results) count
//   as paragraphs.
// - truncated: the body ends in an ellipsis or mid-sentence (a short credit such as
//   "[Copyright ...] Jiji Press" after the last sentence does not count), or is a teaser.
//
// Thread-safety: a TextPageSplitter is immutable after construction; Split may be called
// concurrently from many threads. Cost: linear in the page size, no allocation per byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stages/clean/clean_result.h"

namespace newsflow {

struct TextSplitterOptions {
  // A headed article whose cleaned body is shorter than this is dropped (a header whose
  // "body" is a one-line deck or a link).
  size_t min_body_chars = 100;
  // ... unless its header names a headline and a date or publisher: then this is the minimum.
  size_t min_headed_teaser_chars = 40;
  // An untitled article (text before any header) must be at least this long to be kept.
  size_t min_untitled_chars = 300;
  // ... or this long when it is a brief: the page's only paragraph text, complete sentences,
  // set apart by a blank line under a headline on the page's first line.
  size_t min_titled_brief_chars = 80;
  // A line of at least this many bytes is paragraph text even without sentence punctuation.
  size_t min_text_line_chars = 120;
  // A line needs at least this many words to be paragraph text when it ends a sentence.
  size_t min_text_line_words = 6;
  // A one-line paragraph must be at least this long to be taken for a teaser.
  size_t min_teaser_chars = 120;
  // In the search for a page's densest text, each short line (menu item, link, widget) costs
  // as much as this many bytes of paragraph text.
  size_t short_line_penalty_chars = 40;
  // Pages larger than this are cut (bytes) before splitting; the rest is ignored.
  size_t max_page_bytes = 4 << 20;
};

class TextPageSplitter {
 public:
  explicit TextPageSplitter(TextSplitterOptions options = {});

  // Splits one visible-text page into its articles. articles[0] is the page's main article;
  // `position` is each article's index. Dates print relative to `fetched_at_ms` (UTC epoch ms)
  // and never resolve later than it. Never throws; an empty or garbage page gives 0 articles.
  // Sets meta.layout_page_type to kListing for feeds of peer articles, kArticle when a main article
  // leads the page, kUnknown when nothing was found; meta.site_name to the owner named by a
  // copyright footer among the page's last lines ("" when none). article_id, dedup, language and
  // topics are left at their defaults.
  CleanResult Split(std::string_view utf8_text, int64_t fetched_at_ms) const;

 private:
  TextSplitterOptions options_;
};

}  // namespace newsflow
