#include "stages/classify/page_type.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {
namespace {

// Headings that follow a page's main article and introduce other stories: their presence
// between the first and the second article says the first one is the page's subject.
constexpr std::string_view kRelatedHeadings[] = {
    "related",      "more stories",  "more from",    "read more",      "read next",
    "read also",    "also read",     "you may also", "you might also", "recommended",
    "more on this", "see also",      "most read",    "most popular",   "trending",
    "more news",    "other news",    "top stories",  "comments",       "what to read next",
    "don't miss",   "editor's picks"};

// Headings that introduce a feed: before the first entry they say the page is a list.
constexpr std::string_view kListingHeadings[] = {
    "latest news", "news with #",   "latest stories", "latest articles", "tagged",
    "tag:",        "topic:",        "archive",        "search results",  "results for",
    "all stories", "stories about", "articles about", "posts about",     "category:"};

// Phrases of pages that are not content: errors, walls, app promotion.
constexpr std::string_view kNonContentPhrases[] = {"page not found",        "404",
                                                   "not be found",          "no longer available",
                                                   "access denied",         "sign in to continue",
                                                   "log in to continue",    "login to continue",
                                                   "sign in to read",       "log in to read",
                                                   "subscribe to continue", "subscribe to read",
                                                   "subscribers only",      "for subscribers",
                                                   "create a free account", "already a subscriber",
                                                   "enable javascript",     "download the app",
                                                   "get the app",           "open in app",
                                                   "are you a robot",       "captcha",
                                                   "something went wrong"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

template <size_t N>
bool ContainsAny(const std::string& lower, const std::string_view (&needles)[N]) {
  for (std::string_view n : needles) {
    if (lower.find(n) != std::string::npos) return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// A short probe from the start (or end) of `s`, cut at a line break, for finding `s` in the
// page text. Cut at an ASCII byte so that the probe is valid UTF-8.
std::string_view Probe(std::string_view s, bool from_end) {
  s = Trim(s);
  constexpr size_t kProbe = 48;
  if (from_end) {
    size_t nl = s.rfind('\n');
    if (nl != std::string_view::npos) s = s.substr(nl + 1);
    if (s.size() > kProbe) {
      size_t start = s.size() - kProbe;
      while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
      s = s.substr(start);
    }
  } else {
    size_t nl = s.find('\n');
    if (nl != std::string_view::npos) s = s.substr(0, nl);
    if (s.size() > kProbe) {
      size_t end = kProbe;
      while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
      s = s.substr(0, end);
    }
  }
  return Trim(s);
}

bool SameTitle(std::string_view a, std::string_view b) {
  a = Trim(a);
  b = Trim(b);
  return !a.empty() && Lower(a) == Lower(b);
}

}  // namespace

PageType ClassifyPageType(const PageWork& work, const PageTypeOptions& options) {
  const std::vector<Article>& articles = work.articles;
  if (articles.empty()) return PageType::kOther;
  size_t longest = 0;
  for (const Article& a : articles) longest = std::max(longest, Trim(a.body).size());

  // Text of all articles, for empty pages and walls.
  size_t content = 0;
  for (const Article& a : articles) content += Trim(a.body).size() + Trim(a.title).size();
  if (content < options.min_content_chars) return PageType::kOther;

  if (articles.size() == 1) {
    // A short "article" made of wall or error wording is the wall itself; a short one without
    // such wording is a teaser or brief, still an article page.
    const Article& a = articles[0];
    if (Trim(a.body).size() < 3 * options.min_article_chars &&
        ContainsAny(Lower(a.title) + "\n" + Lower(a.body), kNonContentPhrases)) {
      return PageType::kOther;
    }
    return PageType::kArticle;
  }

  size_t truncated = 0;
  for (const Article& a : articles) truncated += a.truncated ? 1 : 0;
  const bool rest_truncated = truncated == articles.size() - 1 && !articles[0].truncated;
  if (articles.size() < options.min_listing_entries) return PageType::kArticle;

  // Where the first two articles sit in the page text, to read the headings around them.
  std::string_view text = work.page.text;
  size_t first_start = std::string_view::npos, first_end = std::string_view::npos,
         second_start = std::string_view::npos;
  std::string_view head0 = Probe(articles[0].body, false);
  if (!head0.empty()) first_start = text.find(head0);
  if (first_start != std::string_view::npos) {
    std::string_view tail0 = Probe(articles[0].body, true);
    size_t t = tail0.empty() ? std::string_view::npos : text.find(tail0, first_start);
    if (t != std::string_view::npos) first_end = t + tail0.size();
  }
  if (first_end != std::string_view::npos) {
    std::string_view head1 =
        Probe(Trim(articles[1].title).empty() ? articles[1].body : articles[1].title, false);
    if (!head1.empty()) second_start = text.find(head1, first_end);
  }
  if (second_start != std::string_view::npos &&
      ContainsAny(Lower(text.substr(first_end, second_start - first_end)), kRelatedHeadings)) {
    return PageType::kArticle;
  }
  // One full story followed by teasers of others, or by fragments too short to be stories
  // (captions, bylines, promos the cleaner kept apart).
  bool rest_short = Trim(articles[0].body).size() >= options.min_article_chars;
  for (size_t i = 1; i < articles.size() && rest_short; ++i) {
    rest_short = Trim(articles[i].body).size() < options.min_article_chars;
  }
  if (rest_truncated || rest_short) return PageType::kArticle;
  if (longest < options.min_article_chars) {
    // Only short pieces: a wall or error page cut in parts, or a list of short entries.
    std::string all;
    for (const Article& a : articles) all += Lower(a.body) + "\n";
    return ContainsAny(all, kNonContentPhrases) ? PageType::kOther : PageType::kListing;
  }
  if (truncated == articles.size()) return PageType::kListing;
  if (first_start != std::string_view::npos) {
    size_t before = first_start;
    // Start the feed-heading search before the first entry's own title block.
    std::string_view title0 = Probe(articles[0].title, false);
    if (!title0.empty())
      before = std::min(before,
                        text.find(title0) == std::string_view::npos ? before : text.find(title0));
    if (ContainsAny(Lower(text.substr(0, before)), kListingHeadings)) return PageType::kListing;
  }
  // The first article dwarfs the others: a main story with short companions.
  std::vector<size_t> others;
  for (size_t i = 1; i < articles.size(); ++i) others.push_back(Trim(articles[i].body).size());
  std::nth_element(others.begin(), others.begin() + others.size() / 2, others.end());
  const double median = static_cast<double>(others[others.size() / 2]);
  if (static_cast<double>(Trim(articles[0].body).size()) >= options.main_article_ratio * median) {
    return PageType::kArticle;
  }
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

}  // namespace newsflow
