// JSON-LD facts of a page: what its <script type="application/ld+json"> blocks say about the
// article. Blocks are read with the tolerant reader (common/json/json.h); objects whose @type
// is an article, blog post, report, video or web page are taken from the top level, @graph and
// mainEntity (8 levels, 64 objects at most), real articles before web pages, and the first
// object that has a field gives it. Pure; never throws. Internal to stages/clean/html/.
#pragma once

#include <string>
#include <vector>

namespace newsflow::html {

struct JsonLdFacts {
  std::string headline;
  std::string date_published;  // datePublished, else dateCreated, as written
  std::string publisher;
  std::string url;  // only an absolute http(s) URL
  std::vector<std::string> authors;
  std::vector<std::string> tags;  // articleSection and keywords
  bool paywalled = false;         // isAccessibleForFree: false
};

// The facts of the JSON-LD `scripts` of one page (unreadable ones are skipped).
JsonLdFacts ReadJsonLd(const std::vector<std::string>& scripts);

}  // namespace newsflow::html
