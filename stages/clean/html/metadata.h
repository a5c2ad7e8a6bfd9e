// Page metadata for the HTML extractor: what the DOM walk collects raw (meta tags, JSON-LD,
// <title>, <time>, byline candidates) and how it becomes title, source, date, authors, tags,
// canonical URL and language. Pure functions; never throw.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stages/clean/clean_result.h"

namespace newsflow {

// What the DOM walk found, as written on the page (whitespace collapsed, entities decoded).
struct RawHtmlMeta {
  std::string html_lang;  // <html lang>
  std::string title;      // first <title>
  std::string h1;         // first visible <h1> in the article, else the page
  std::string canonical;  // <link rel=canonical href>
  std::vector<std::pair<std::string, std::string>> meta;  // (lower-case name/property, content)
  std::vector<std::string> json_ld;                       // <script type=application/ld+json> texts
  std::vector<std::string> time_datetimes;                // <time datetime>, page order
  std::vector<std::string> byline_texts;  // short texts near the headline (dates, "By ...")
};

// Fills meta and the metadata fields of `article` (title, source, published_*, authors, tags, url,
// truncated) from `raw`; `article->body` must already be set (truncation is judged from it and
// from JSON-LD isAccessibleForFree). `fetched_at_ms` <= 0 means "unknown" (no upper bound on
// dates).
void FillHtmlMetadata(const RawHtmlMeta& raw, std::string_view page_url, int64_t fetched_at_ms,
                      PageMeta* meta, Article* article);

// "Headline | Site", "Headline - Site", "Site: Headline" without the site part. `site_name`
// (may be empty) helps decide which part is the site. Returns the input when no part looks like
// a site name.
std::string StripTitleSite(std::string_view title, std::string_view site_name,
                           std::string* site_out = nullptr);

}  // namespace newsflow
