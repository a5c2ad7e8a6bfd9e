#include "stages/clean/html/metadata.h"

#include <algorithm>
#include <optional>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/time/numeric_date.h"
#include "common/time/printed_date.h"
#include "common/time/rfc3339.h"
#include "common/time/url_date.h"
#include "stages/clean/html/field_text.h"
#include "stages/clean/html/json_ld.h"

namespace newsflow {
namespace {

using html::AddSplit;
using html::AddUnique;
using html::Clean;
using html::CleanAuthor;
using html::JsonLdFacts;
using html::kMaxAuthors;
using html::kMaxTags;
using html::LooksLikeUrl;
using text::AsciiLower;
using text::Trim;

const std::string* FindMeta(const RawHtmlMeta& raw, std::string_view key) {
  for (const auto& [k, v] : raw.meta) {
    if (k == key && !Trim(v).empty()) return &v;
  }
  return nullptr;
}

// Site-internal keyword codes ("@post-id:1913719") are not tags.
bool IsTagCode(std::string_view t) { return !t.empty() && t[0] == '@'; }

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#:", start);
  std::string host = AsciiLower(
      url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string ResolveUrl(std::string_view href, std::string_view base) {
  href = Trim(href);
  if (href.empty()) return "";
  if (href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0) return std::string(href);
  size_t scheme = base.find("://");
  if (scheme == std::string_view::npos) return "";
  if (href.rfind("//", 0) == 0) return std::string(base.substr(0, scheme + 1)) + std::string(href);
  if (href[0] == '/') {
    size_t path = base.find('/', scheme + 3);
    return std::string(base.substr(0, path)) + std::string(href);
  }
  return "";
}

std::string NormaliseLanguage(std::string_view lang) {
  std::string out(Trim(lang));
  std::replace(out.begin(), out.end(), '_', '-');
  if (out.size() > 35) out.clear();
  return out;
}

struct DateChoice {
  std::string text;
  std::optional<int64_t> ms;
};

bool Believable(std::optional<int64_t> ms, int64_t fetched_at_ms) {
  if (!ms) return false;
  return fetched_at_ms <= 0 || *ms <= fetched_at_ms;
}

// `order`: how to read an ambiguous numeric date (03/04/2025), from the page's language.
DateChoice ChooseDate(const RawHtmlMeta& raw, const JsonLdFacts& ld, std::string_view page_url,
                      int64_t fetched_at_ms, NumericDateOrder order) {
  auto iso = [&](const std::string& text) -> std::optional<DateChoice> {
    std::string_view t = Trim(text);
    if (t.empty()) return std::nullopt;
    auto ms = ParseIso8601Ms(t);
    if (!ms) {
      // Some sites print a human date in the machine field.
      std::string_view found;
      ms = FindPrintedDateMs(t, &found, order);
    }
    if (!Believable(ms, fetched_at_ms)) return std::nullopt;
    return DateChoice{std::string(t), ms};
  };
  if (auto d = iso(ld.date_published)) return *d;
  for (const char* key :
       {"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
        "date", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date"}) {
    if (const std::string* v = FindMeta(raw, key)) {
      if (auto d = iso(*v)) return *d;
    }
  }
  for (const auto& t : raw.time_datetimes) {
    if (auto d = iso(t)) return *d;
  }
  std::string_view found;
  auto url_ms = ParseUrlDateMs(page_url, &found);
  if (Believable(url_ms, fetched_at_ms)) return DateChoice{std::string(found), url_ms};
  for (const auto& line : raw.byline_texts) {
    auto ms = FindPrintedDateMs(line, &found, order);
    if (Believable(ms, fetched_at_ms)) return DateChoice{std::string(Trim(found)), ms};
  }
  return {};
}

// "By Jane Doe and John Roe, Staff Writers" -> {"Jane Doe", "John Roe"}.
void AuthorsFromByline(std::string_view line, std::vector<std::string>* out) {
  line = Trim(line);
  if (line.size() < 4 || line.size() > 120) return;
  std::string low = AsciiLower(line.substr(0, 3));
  if (low != "by ") return;
  line.remove_prefix(3);
  size_t cut = line.find_first_of(",|\xE2");  // comma, bar, or a UTF-8 dash/bullet
  if (cut != std::string_view::npos) line = line.substr(0, cut);
  size_t pos = 0;
  while (pos <= line.size()) {
    size_t end = line.find(" and ", pos);
    if (end == std::string_view::npos) end = line.size();
    std::string_view name = Trim(line.substr(pos, end - pos));
    // A name is a few capitalised words, not a sentence.
    size_t words = std::count(name.begin(), name.end(), ' ') + 1;
    if (!name.empty() && words <= 5 && text::IsAsciiUpper(name[0])) {
      AddUnique(out, std::string(name), kMaxAuthors);
    }
    pos = end + 5;
  }
}

}  // namespace

std::string StripTitleSite(std::string_view title, std::string_view site_name,
                           std::string* site_out) {
  std::string t = Clean(title);
  static const auto& kSeparators = phrases::List("html.title_separators");
  static const auto& kBarSeparators = phrases::List("html.title_bar_separators");
  static const auto& kPrefixSeparators = phrases::List("html.title_prefix_separators");
  std::string site_low = AsciiLower(site_name);
  // Suffix: the last separator whose right part is short.
  size_t best = std::string::npos;
  size_t best_len = 0;
  for (const std::string& sep : kSeparators) {
    size_t pos = t.rfind(sep);
    if (pos != std::string::npos && pos > 0 && (best == std::string::npos || pos > best)) {
      best = pos;
      best_len = sep.size();
    }
  }
  if (best != std::string::npos) {
    std::string left = t.substr(0, best);
    std::string right = t.substr(best + best_len);
    size_t right_words = std::count(right.begin(), right.end(), ' ') + 1;
    size_t left_words = std::count(left.begin(), left.end(), ' ') + 1;
    std::string right_low = AsciiLower(right);
    bool right_is_site = !site_low.empty() && !right_low.empty() &&
                         (right_low.find(site_low) != std::string::npos ||
                          site_low.find(right_low) != std::string::npos);
    // A bar-like separator almost always introduces the site; a dash may be part of the
    // headline ("Spain wins 2-1 - and advances"), so it needs a short, name-like right part.
    std::string_view sep(t.data() + best, best_len);
    bool bar = std::find(kBarSeparators.begin(), kBarSeparators.end(), sep) != kBarSeparators.end();
    bool name_like = right_words == 1 || !(right[0] >= 'a' && right[0] <= 'z');
    bool strip = right_is_site || (bar && right_words <= 6) ||
                 (name_like && right_words <= 4 && left_words >= right_words + 2);
    if (strip && !left.empty()) {
      if (site_out != nullptr) *site_out = right;
      return left;
    }
  }
  // Prefix: "Site: Headline" / "Site | Headline" when the site is known.
  if (!site_low.empty()) {
    for (const std::string& sep : kPrefixSeparators) {
      size_t pos = t.find(sep);
      if (pos != std::string::npos && AsciiLower(t.substr(0, pos)) == site_low) {
        if (site_out != nullptr) *site_out = t.substr(0, pos);
        return t.substr(pos + sep.size());
      }
    }
  }
  return t;
}

namespace {

// og:site_name, JSON-LD publisher, application-name, the site part of <title>, the host.
// Sets `*stripped_page_title` to <title> without its site part.
std::string ChooseSite(const RawHtmlMeta& raw, const JsonLdFacts& ld, std::string_view page_url,
                       std::string* stripped_page_title) {
  std::string site;
  if (const std::string* v = FindMeta(raw, "og:site_name")) site = Clean(*v);
  if (site.empty() && !ld.publisher.empty()) site = ld.publisher;
  if (site.empty()) {
    if (const std::string* v = FindMeta(raw, "application-name")) site = Clean(*v);
  }
  std::string title_site;
  *stripped_page_title = StripTitleSite(Clean(raw.title), site, &title_site);
  if (site.empty()) site = title_site;
  if (site.empty()) site = HostOf(page_url);
  return site;
}

// The publisher's own headline fields first, then what the page shows.
std::string ChooseTitle(const RawHtmlMeta& raw, const JsonLdFacts& ld, const std::string& site,
                        const std::string& stripped_page_title) {
  std::string title;
  if (const std::string* v = FindMeta(raw, "og:title")) title = StripTitleSite(*v, site);
  if (title.empty() && !ld.headline.empty()) title = StripTitleSite(ld.headline, site);
  if (title.empty()) {
    if (const std::string* v = FindMeta(raw, "twitter:title")) title = StripTitleSite(*v, site);
  }
  if (title.empty()) title = Clean(raw.h1);
  if (title.empty()) title = stripped_page_title;
  return title;
}

std::string ChooseCanonical(const RawHtmlMeta& raw, const JsonLdFacts& ld,
                            std::string_view page_url) {
  std::string canonical = ResolveUrl(raw.canonical, page_url);
  if (canonical.empty()) {
    if (const std::string* v = FindMeta(raw, "og:url")) canonical = ResolveUrl(*v, page_url);
  }
  if (canonical.empty()) canonical = ResolveUrl(ld.url, page_url);
  return canonical;
}

// Language as declared.
std::string ChooseLanguage(const RawHtmlMeta& raw) {
  std::string lang = NormaliseLanguage(raw.html_lang);
  if (lang.empty()) {
    if (const std::string* v = FindMeta(raw, "og:locale")) lang = NormaliseLanguage(*v);
  }
  if (lang.empty()) {
    if (const std::string* v = FindMeta(raw, "content-language")) lang = NormaliseLanguage(*v);
  }
  return lang;
}

// JSON-LD authors, else author meta tags, else a "By ..." line near the headline.
std::vector<std::string> ChooseAuthors(const RawHtmlMeta& raw, const JsonLdFacts& ld) {
  std::vector<std::string> authors = ld.authors;
  if (authors.empty()) {
    for (const char* key :
         {"author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"}) {
      if (const std::string* v = FindMeta(raw, key)) {
        std::string a = CleanAuthor(*v);
        if (!LooksLikeUrl(a) && a.find("facebook.com") == std::string::npos) {
          // Commas often separate a name from its credentials ("Jane Roe, MD"): split on ';'.
          size_t start = 0;
          while (start <= a.size()) {
            size_t end = a.find_first_of(";|", start);
            if (end == std::string::npos) end = a.size();
            AddUnique(&authors, a.substr(start, end - start), kMaxAuthors);
            start = end + 1;
          }
        }
      }
      if (!authors.empty()) break;
    }
  }
  if (authors.empty()) {
    for (const auto& line : raw.byline_texts) {
      AuthorsFromByline(line, &authors);
      if (!authors.empty()) break;
    }
  }
  return authors;
}

std::vector<std::string> ChooseTags(const RawHtmlMeta& raw, const JsonLdFacts& ld) {
  std::vector<std::string> tags;
  for (const auto& [k, v] : raw.meta) {
    if (k == "article:section" || k == "article:tag") AddUnique(&tags, v, kMaxTags);
  }
  for (const auto& t : ld.tags) AddUnique(&tags, t, kMaxTags);
  if (tags.empty()) {
    for (const char* key : {"keywords", "news_keywords"}) {
      if (const std::string* v = FindMeta(raw, key)) AddSplit(&tags, *v, kMaxTags);
    }
  }
  tags.erase(
      std::remove_if(tags.begin(), tags.end(), [](const std::string& t) { return IsTagCode(t); }),
      tags.end());
  return tags;
}

// A paywalled page shows a teaser: the publisher says so, or the text stops mid-thought.
bool LooksTruncated(std::string_view body, const JsonLdFacts& ld) {
  body = Trim(body);
  size_t dots = 0;
  if (body.size() >= 3 && body.substr(body.size() - 3) == "...") dots = 3;
  if (body.size() >= 3 && body.substr(body.size() - 3) == "\xE2\x80\xA6") dots = 3;
  // "...and then he said..." stops mid-word or mid-clause; '."...' is a deliberate ending.
  bool cut = dots > 0 && body.size() > dots && text::IsAsciiAlnum(body[body.size() - dots - 1]);
  return !body.empty() && (ld.paywalled || cut);
}

}  // namespace

void FillHtmlMetadata(const RawHtmlMeta& raw, std::string_view page_url, int64_t fetched_at_ms,
                      PageMeta* meta, Article* article) {
  JsonLdFacts ld = html::ReadJsonLd(raw.json_ld);
  std::string stripped_page_title;
  std::string site = ChooseSite(raw, ld, page_url, &stripped_page_title);
  meta->site_name = site;
  article->source = site;

  std::string title = ChooseTitle(raw, ld, site, stripped_page_title);
  article->title = title;
  std::string page_title = Clean(raw.title);
  meta->title = page_title.empty() ? title : page_title;

  std::string canonical = ChooseCanonical(raw, ld, page_url);
  meta->canonical_url = canonical;
  article->url = canonical;
  meta->declared_language = ChooseLanguage(raw);

  DateChoice date = ChooseDate(raw, ld, page_url, fetched_at_ms,
                               NumericDateOrderFromLanguage(meta->declared_language));
  article->published_text = date.text;
  article->published_at_ms = date.ms;
  article->authors = ChooseAuthors(raw, ld);
  article->tags = ChooseTags(raw, ld);
  article->truncated = LooksTruncated(article->body, ld);
}

}  // namespace newsflow
