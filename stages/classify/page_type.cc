#include "stages/classify/page_type.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/utf8.h"

namespace newsflow {
namespace {

// The phrase lists (common/phrases/phrases.toml, table [page_type]), matched anywhere in
// lower-cased text.
const std::vector<std::string>& RelatedHeadings() {
  static const auto& k = phrases::List("page_type.related_headings");
  return k;
}
const std::vector<std::string>& ListingHeadings() {
  static const auto& k = phrases::List("page_type.listing_headings");
  return k;
}
const std::vector<std::string>& NonContentPhrases() {
  static const auto& k = phrases::List("page_type.non_content");
  return k;
}

bool ContainsAny(const std::string& lower, const std::vector<std::string>& needles) {
  for (const std::string& n : needles) {
    if (lower.find(n) != std::string::npos) return true;
  }
  return false;
}

// A short probe from the start (or end) of `s`, cut at a line break, for finding `s` in the
// page text. Cut at an ASCII byte so that the probe is valid UTF-8.
std::string_view Probe(std::string_view s, bool from_end) {
  s = text::Trim(s);
  constexpr size_t kProbe = 48;
  if (from_end) {
    size_t nl = s.rfind('\n');
    if (nl != std::string_view::npos) s = s.substr(nl + 1);
    s = text::CutUtf8Suffix(s, kProbe);
  } else {
    size_t nl = s.find('\n');
    if (nl != std::string_view::npos) s = s.substr(0, nl);
    s = text::CutUtf8(s, kProbe);
  }
  return text::Trim(s);
}

bool SameTitle(std::string_view a, std::string_view b) {
  a = text::Trim(a);
  b = text::Trim(b);
  return !a.empty() && text::EqualsIgnoreAsciiCase(a, b);
}

constexpr size_t kNpos = std::string_view::npos;

// A single "article": short and made of wall or error wording, it is the wall itself; short
// without such wording, a teaser or brief, still an article page.
PageType ClassifySingle(const Article& a, const PageTypeOptions& options) {
  if (text::Trim(a.body).size() < 3 * options.min_article_chars &&
      ContainsAny(text::AsciiLower(a.title) + "\n" + text::AsciiLower(a.body),
                  NonContentPhrases())) {
    return PageType::kOther;
  }
  return PageType::kArticle;
}

// Where the first two articles sit in the page text (npos where not found), to read the
// headings around them.
struct FirstTwo {
  size_t first_start = kNpos;
  size_t first_end = kNpos;
  size_t second_start = kNpos;
};

FirstTwo LocateFirstTwo(std::string_view page_text, const std::vector<Article>& articles) {
  FirstTwo at;
  std::string_view head0 = Probe(articles[0].body, false);
  if (!head0.empty()) at.first_start = page_text.find(head0);
  if (at.first_start != kNpos) {
    std::string_view tail0 = Probe(articles[0].body, true);
    size_t t = tail0.empty() ? kNpos : page_text.find(tail0, at.first_start);
    if (t != kNpos) at.first_end = t + tail0.size();
  }
  if (at.first_end != kNpos) {
    std::string_view head1 =
        Probe(text::Trim(articles[1].title).empty() ? articles[1].body : articles[1].title, false);
    if (!head1.empty()) at.second_start = page_text.find(head1, at.first_end);
  }
  return at;
}

// A feed heading ("latest news", "tagged", ...) before the first entry's own title block.
bool ListingHeadingBefore(std::string_view page_text, const Article& first, size_t first_start) {
  size_t before = first_start;
  std::string_view title0 = Probe(first.title, false);
  if (!title0.empty()) {
    const size_t t = page_text.find(title0);
    before = std::min(before, t == kNpos ? before : t);
  }
  return ContainsAny(text::AsciiLower(page_text.substr(0, before)), ListingHeadings());
}

// One full story followed by teasers of others, or by fragments too short to be stories
// (captions, bylines, promos the cleaner kept apart).
bool MainStoryWithCompanions(const std::vector<Article>& articles, size_t truncated,
                             const PageTypeOptions& options) {
  if (truncated == articles.size() - 1 && !articles[0].truncated) return true;
  bool rest_short = text::Trim(articles[0].body).size() >= options.min_article_chars;
  for (size_t i = 1; i < articles.size() && rest_short; ++i) {
    rest_short = text::Trim(articles[i].body).size() < options.min_article_chars;
  }
  return rest_short;
}

// The first article dwarfs the others: a main story with short companions.
bool FirstDwarfsTheRest(const std::vector<Article>& articles, const PageTypeOptions& options) {
  std::vector<size_t> others;
  for (size_t i = 1; i < articles.size(); ++i)
    others.push_back(text::Trim(articles[i].body).size());
  std::nth_element(others.begin(), others.begin() + others.size() / 2, others.end());
  const double median = static_cast<double>(others[others.size() / 2]);
  return static_cast<double>(text::Trim(articles[0].body).size()) >=
         options.main_article_ratio * median;
}

// Several articles: a main story with others around it, or a list.
PageType ClassifySeveral(const PageWork& work, const PageTypeOptions& options) {
  const std::vector<Article>& articles = work.articles;
  size_t longest = 0;
  size_t truncated = 0;
  for (const Article& a : articles) {
    longest = std::max(longest, text::Trim(a.body).size());
    truncated += a.truncated ? 1 : 0;
  }
  if (articles.size() < options.min_listing_entries) return PageType::kArticle;

  const std::string_view page_text = work.page.text;
  const FirstTwo at = LocateFirstTwo(page_text, articles);
  if (at.second_start != kNpos &&
      ContainsAny(text::AsciiLower(page_text.substr(at.first_end, at.second_start - at.first_end)),
                  RelatedHeadings())) {
    return PageType::kArticle;
  }
  if (MainStoryWithCompanions(articles, truncated, options)) return PageType::kArticle;
  if (longest < options.min_article_chars) {
    // Only short pieces: a wall or error page cut in parts, or a list of short entries.
    std::string all;
    for (const Article& a : articles) all += text::AsciiLower(a.body) + "\n";
    return ContainsAny(all, NonContentPhrases()) ? PageType::kOther : PageType::kListing;
  }
  if (truncated == articles.size()) return PageType::kListing;
  if (at.first_start != kNpos && ListingHeadingBefore(page_text, articles[0], at.first_start)) {
    return PageType::kListing;
  }
  if (FirstDwarfsTheRest(articles, options)) return PageType::kArticle;
  // The page is titled after its first article and not after the others.
  if (SameTitle(work.meta.title, articles[0].title)) return PageType::kArticle;
  // Several stories of equal rank and no heading says which: the cleaner, which saw the
  // layout, may have said; else a list.
  if (work.meta.layout_page_type == PageType::kArticle ||
      work.meta.layout_page_type == PageType::kListing) {
    return work.meta.layout_page_type;
  }
  return PageType::kListing;
}

}  // namespace

PageType ClassifyPageType(const PageWork& work, const PageTypeOptions& options) {
  const std::vector<Article>& articles = work.articles;
  if (articles.empty()) return PageType::kOther;
  // Text of all articles, for empty pages and walls.
  size_t content = 0;
  for (const Article& a : articles)
    content += text::Trim(a.body).size() + text::Trim(a.title).size();
  if (content < options.min_content_chars) return PageType::kOther;
  if (articles.size() == 1) return ClassifySingle(articles[0], options);
  return ClassifySeveral(work, options);
}

}  // namespace newsflow
