// The data that flows through the pipeline, one way: RawPage (proto) -> Page -> Article(s)
// -> ArticleEvent (proto). Plain structs; stages fill in the layer they own.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsflow {

// What the page body is, after sniffing.
enum class ContentKind { kHtml, kText };

// A decoded page: UTF-8, typed, within limits. Produced by the decode stage.
struct Page {
  std::string url;            // as fetched ("file:///..." for pages read from disk)
  std::string site;           // lower-case host of `url` ("" for file pages): per-site state key
  int64_t fetched_at_ms = 0;  // UTC epoch ms; never 0 after decode
  ContentKind kind = ContentKind::kText;
  std::string text;           // UTF-8 body: HTML source or visible text, NFC
  std::string charset;        // the charset the body was decoded from, e.g. "UTF-8", "SHIFT_JIS"
  std::string content_hash;   // hex digest of the normalised body (whitespace-collapsed)
  std::map<std::string, std::string> headers;
};

enum class PageType { kUnknown, kArticle, kListing, kOther };

struct Topic {
  std::string label;  // slug, e.g. "politics"
  std::string code;   // taxonomy code, e.g. "medtop:11000000" ("" for learned labels)
  double score = 0;   // [0, 1]
};

enum class DedupStatus { kUnique, kDuplicate, kSupersedes };
enum class DuplicateKind { kNone, kExact, kNear, kTeaser };

struct DedupVerdict {
  DedupStatus status = DedupStatus::kUnique;
  DuplicateKind kind = DuplicateKind::kNone;
  std::string duplicate_of;  // article_id of the earlier article
  double similarity = 0;
};

// One article found on a page. The clean stage creates articles; later stages annotate them.
struct Article {
  // Set by cleaning.
  std::string title;
  std::string source;          // publisher as shown
  std::string published_text;  // date as printed
  std::optional<int64_t> published_at_ms;
  std::vector<std::string> tags;
  std::vector<std::string> authors;
  std::string body;       // paragraphs separated by '\n'
  bool truncated = false;  // a teaser cut short
  std::string url;        // canonical URL, if the page names one
  uint32_t position = 0;  // index on the page, 0 = main article

  // Set by dedup.
  std::string article_id;
  DedupVerdict dedup;

  // Set by classification.
  std::string language = "und";
  double language_confidence = 0;
  std::vector<Topic> topics;
};

// What cleaning learns about the page as a whole.
struct PageMeta {
  std::string title;              // <title> / og:title of the page
  std::string site_name;          // og:site_name etc.
  std::string canonical_url;      // link rel=canonical / og:url
  std::string declared_language;  // html lang / og:locale
  PageType page_type = PageType::kUnknown;
};

}  // namespace newsflow
