// The data that flows through the pipeline, one way: RawPage (proto) -> Page -> Article(s)
// -> ArticleEvent (proto). Plain structs. Every field has one owner, the stage named above its
// group: only that stage writes it, later stages only read it (and a stage that is not in
// the pipeline leaves its fields at their defaults).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/article_id.h"

namespace newsflow {

// What the page body is, after sniffing.
enum class ContentKind { kHtml, kText };

// A decoded page: UTF-8, typed, within limits. All set by decode.
struct Page {
  std::string url;            // as fetched ("file:///..." for pages read from disk)
  std::string site;           // lower-case host of `url` ("" for file pages): per-site state key
  int64_t fetched_at_ms = 0;  // UTC epoch ms; never 0 after decode
  ContentKind kind = ContentKind::kText;
  std::string text;  // UTF-8 body: HTML source or visible text, NFC
  // The charset the body was decoded from, e.g. "utf-8", "shift_jis". No later stage reads
  // it; decode's dead-letter reasons and tests do.
  std::string charset;
  std::string content_hash;  // hex digest of the normalised body (whitespace-collapsed)
};

enum class PageType { kUnknown, kArticle, kListing, kOther };

struct Topic {
  std::string label;  // slug, e.g. "politics"
  std::string code;   // taxonomy code, e.g. "medtop:11000000" ("" for learned labels)
  double score = 0;   // [0, 1]
};

enum class DedupStatus { kUnique, kDuplicate, kSupersedes };
enum class DuplicateKind { kNone, kExact, kNear, kTeaser };

// All set by dedup.
struct DedupVerdict {
  DedupStatus status = DedupStatus::kUnique;
  DuplicateKind kind = DuplicateKind::kNone;
  ArticleId duplicate_of;  // article_id of the earlier article; unset when kUnique
  double similarity = 0;
};

// One article found on a page. The clean stage creates articles; later stages annotate them.
struct Article {
  // Set by clean.
  std::string title;
  std::string source;          // publisher as shown
  std::string published_text;  // date as printed
  std::optional<int64_t> published_at_ms;
  std::vector<std::string> tags;
  std::vector<std::string> authors;
  std::string body;        // paragraphs separated by '\n'
  bool truncated = false;  // a teaser cut short
  std::string url;         // canonical URL, if the page names one
  uint32_t position = 0;   // index on the page, 0 = main article

  // Set by dedup (the url above is also rewritten by dedup, to its published canonical form).
  ArticleId article_id;  // the article's identity (pipeline/article_id.h); unset before dedup
  DedupVerdict dedup;

  // Set by classify.
  std::string language = "und";
  double language_confidence = 0;
  std::vector<Topic> topics;
};

// What cleaning learns about the page as a whole. All set by clean.
struct PageMeta {
  std::string title;              // <title> / og:title of the page
  std::string site_name;          // og:site_name etc.
  std::string canonical_url;      // link rel=canonical / og:url
  std::string declared_language;  // html lang / og:locale
  // The extractor's guess from the page's layout (kArticle, kListing or kUnknown): only a
  // hint, which classify weighs; the page's type is PageWork::page_type.
  PageType layout_page_type = PageType::kUnknown;
};

}  // namespace newsflow
