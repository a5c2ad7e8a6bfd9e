#include "stages/clean/html_metadata.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "common/time/printed_date.h"
#include "common/time/rfc3339.h"
#include "common/time/url_date.h"
#include "stages/clean/html_json.h"

namespace newsflow {
namespace {

constexpr size_t kMaxTags = 20;
constexpr size_t kMaxAuthors = 10;
constexpr size_t kMaxFieldBytes = 1024;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whitespace-collapsed, trimmed, capped copy (JSON-LD strings may hold newlines and tabs).
std::string Clean(std::string_view s) {
  std::string out;
  out.reserve(std::min(s.size(), kMaxFieldBytes));
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= kMaxFieldBytes) break;
  }
  return out;
}

const std::string* FindMeta(const RawHtmlMeta& raw, std::string_view key) {
  for (const auto& [k, v] : raw.meta) {
    if (k == key && !Trim(v).empty()) return &v;
  }
  return nullptr;
}

void AddUnique(std::vector<std::string>* out, std::string value, size_t cap) {
  value = Clean(value);
  if (value.empty() || out->size() >= cap) return;
  std::string low = Lower(value);
  for (const auto& v : *out) {
    if (Lower(v) == low) return;
  }
  out->push_back(std::move(value));
}

// "By TOM KRISHER, AP Auto Writer" -> "TOM KRISHER": no "By", no job title after a comma.
std::string CleanAuthor(std::string_view name) {
  std::string a = Clean(name);
  if (a.size() > 3 && Lower(a.substr(0, 3)) == "by ") a.erase(0, 3);
  size_t comma = a.find(", ");
  if (comma != std::string::npos) {
    std::string rest = Lower(a.substr(comma + 2));
    for (const char* role : {"writer", "correspondent", "editor", "reporter", "staff",
                             "contributor", "columnist", "producer"}) {
      if (rest.find(role) != std::string::npos) {
        a.erase(comma);
        break;
      }
    }
  }
  return a;
}

// Site-internal keyword codes ("@post-id:1913719") are not tags.
bool IsTagCode(std::string_view t) { return !t.empty() && t[0] == '@'; }

void AddSplit(std::vector<std::string>* out, std::string_view list, size_t cap) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find_first_of(",;", start);
    if (end == std::string_view::npos) end = list.size();
    AddUnique(out, std::string(Trim(list.substr(start, end - start))), cap);
    start = end + 1;
  }
}

bool LooksLikeUrl(std::string_view s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("//", 0) == 0 ||
         s.rfind("/", 0) == 0;
}

// --- JSON-LD ---------------------------------------------------------------------------------

bool TypeIsArticle(const JsonValue& obj) {
  const JsonValue* type = obj.Find("@type");
  if (type == nullptr) return false;
  auto check = [](const std::string& t) {
    return t.find("Article") != std::string::npos || t == "BlogPosting" || t == "Report" ||
           t == "LiveBlogPosting" || t == "SocialMediaPosting" || t == "Blog" ||
           t == "VideoObject" || t == "WebPage" || t == "ItemPage";
  };
  if (type->IsString()) return check(type->text);
  if (type->IsArray()) {
    for (const auto& t : type->items) {
      if (t.IsString() && check(t.text)) return true;
    }
  }
  return false;
}

// Rank of an object type: real articles beat web pages.
int TypeRank(const JsonValue& obj) {
  const JsonValue* type = obj.Find("@type");
  std::string t;
  if (type != nullptr && type->IsString()) t = type->text;
  if (type != nullptr && type->IsArray() && !type->items.empty() && type->items[0].IsString()) {
    t = type->items[0].text;
  }
  if (t.find("Article") != std::string::npos || t == "BlogPosting" || t == "Report" ||
      t == "LiveBlogPosting") {
    return 3;
  }
  if (t == "WebPage" || t == "ItemPage") return 1;
  return 2;
}

void CollectObjects(const JsonValue& v, std::vector<const JsonValue*>* out, int depth) {
  if (depth > 8 || out->size() > 64) return;
  if (v.IsArray()) {
    for (const auto& item : v.items) CollectObjects(item, out, depth + 1);
    return;
  }
  if (!v.IsObject()) return;
  if (TypeIsArticle(v)) out->push_back(&v);
  if (const JsonValue* graph = v.Find("@graph")) CollectObjects(*graph, out, depth + 1);
  if (const JsonValue* main = v.Find("mainEntity")) CollectObjects(*main, out, depth + 1);
}

std::string StringOf(const JsonValue* v) {
  if (v == nullptr) return "";
  if (v->IsString()) return Clean(v->text);
  if (v->IsArray() && !v->items.empty()) return StringOf(&v->items[0]);
  if (v->IsObject()) {
    if (const JsonValue* name = v->Find("name")) return StringOf(name);
    if (const JsonValue* value = v->Find("@value")) return StringOf(value);
  }
  return "";
}

void NamesOf(const JsonValue* v, std::vector<std::string>* out, int depth) {
  if (v == nullptr || depth > 4) return;
  if (v->IsString()) {
    if (!LooksLikeUrl(v->text)) AddUnique(out, CleanAuthor(v->text), kMaxAuthors);
  } else if (v->IsArray()) {
    for (const auto& item : v->items) NamesOf(&item, out, depth + 1);
  } else if (v->IsObject()) {
    if (const JsonValue* name = v->Find("name")) NamesOf(name, out, depth + 1);
  }
}

void ListOf(const JsonValue* v, std::vector<std::string>* out) {
  if (v == nullptr) return;
  if (v->IsString()) {
    AddSplit(out, v->text, kMaxTags);
  } else if (v->IsArray()) {
    for (const auto& item : v->items) {
      if (item.IsString()) AddUnique(out, item.text, kMaxTags);
    }
  }
}

struct JsonLdFacts {
  std::string headline;
  std::string date_published;
  std::string publisher;
  std::string url;
  std::vector<std::string> authors;
  std::vector<std::string> tags;
  bool paywalled = false;  // isAccessibleForFree: false
};

JsonLdFacts ReadJsonLd(const std::vector<std::string>& scripts) {
  JsonLdFacts facts;
  std::vector<JsonValue> docs;
  docs.reserve(scripts.size());
  for (const auto& s : scripts) {
    if (auto v = ParseJsonLd(s)) docs.push_back(std::move(*v));
  }
  std::vector<const JsonValue*> objects;
  for (const auto& d : docs) CollectObjects(d, &objects, 0);
  std::stable_sort(objects.begin(), objects.end(), [](const JsonValue* a, const JsonValue* b) {
    return TypeRank(*a) > TypeRank(*b);
  });
  for (const JsonValue* obj : objects) {
    if (facts.headline.empty()) facts.headline = StringOf(obj->Find("headline"));
    if (facts.date_published.empty()) facts.date_published = StringOf(obj->Find("datePublished"));
    if (facts.date_published.empty()) facts.date_published = StringOf(obj->Find("dateCreated"));
    if (facts.publisher.empty()) facts.publisher = StringOf(obj->Find("publisher"));
    if (facts.url.empty()) {
      std::string u = StringOf(obj->Find("url"));
      if (u.rfind("http", 0) == 0) facts.url = u;
    }
    if (const JsonValue* free = obj->Find("isAccessibleForFree")) {
      std::string v = Lower(free->text);
      if (v == "false" || v == "no") facts.paywalled = true;
    }
    if (facts.authors.empty()) NamesOf(obj->Find("author"), &facts.authors, 0);
    if (facts.authors.empty()) NamesOf(obj->Find("creator"), &facts.authors, 0);
    if (facts.tags.empty()) {
      ListOf(obj->Find("articleSection"), &facts.tags);
      ListOf(obj->Find("keywords"), &facts.tags);
    }
  }
  return facts;
}

// --- pieces ----------------------------------------------------------------------------------

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#:", start);
  std::string host = Lower(
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

DateChoice ChooseDate(const RawHtmlMeta& raw, const JsonLdFacts& ld, std::string_view page_url,
                      int64_t fetched_at_ms) {
  auto iso = [&](const std::string& text) -> std::optional<DateChoice> {
    std::string_view t = Trim(text);
    if (t.empty()) return std::nullopt;
    auto ms = ParseIso8601Ms(t);
    if (!ms) {
      // Some sites print a human date in the machine field.
      std::string_view found;
      ms = FindPrintedDateMs(t, &found);
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
    auto ms = FindPrintedDateMs(line, &found);
    if (Believable(ms, fetched_at_ms)) return DateChoice{std::string(Trim(found)), ms};
  }
  return {};
}

// "By Jane Doe and John Roe, Staff Writers" -> {"Jane Doe", "John Roe"}.
void AuthorsFromByline(std::string_view line, std::vector<std::string>* out) {
  line = Trim(line);
  if (line.size() < 4 || line.size() > 120) return;
  std::string low = Lower(line.substr(0, 3));
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
    if (!name.empty() && words <= 5 && std::isupper(static_cast<unsigned char>(name[0]))) {
      AddUnique(out, std::string(name), kMaxAuthors);
    }
    pos = end + 5;
  }
}

}  // namespace

std::string StripTitleSite(std::string_view title, std::string_view site_name,
                           std::string* site_out) {
  std::string t = Clean(title);
  static constexpr const char* kSeparators[] = {
      " | ",  " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ",
      " :: ", " \xC2\xB7 ", " \xE2\x80\xA2 ", " / "};
  std::string site_low = Lower(site_name);
  // Suffix: the last separator whose right part is short.
  size_t best = std::string::npos;
  size_t best_len = 0;
  for (const char* sep : kSeparators) {
    size_t pos = t.rfind(sep);
    if (pos != std::string::npos && pos > 0 && (best == std::string::npos || pos > best)) {
      best = pos;
      best_len = std::char_traits<char>::length(sep);
    }
  }
  if (best != std::string::npos) {
    std::string left = t.substr(0, best);
    std::string right = t.substr(best + best_len);
    size_t right_words = std::count(right.begin(), right.end(), ' ') + 1;
    size_t left_words = std::count(left.begin(), left.end(), ' ') + 1;
    std::string right_low = Lower(right);
    bool right_is_site = !site_low.empty() && !right_low.empty() &&
                         (right_low.find(site_low) != std::string::npos ||
                          site_low.find(right_low) != std::string::npos);
    // A bar-like separator almost always introduces the site; a dash may be part of the
    // headline ("Spain wins 2-1 - and advances"), so it needs a short, name-like right part.
    std::string_view sep(t.data() + best, best_len);
    bool bar = sep == " | " || sep == " :: " || sep == " \xC2\xB7 " || sep == " \xE2\x80\xA2 ";
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
    for (const char* sep : {": ", " | ", " - "}) {
      size_t pos = t.find(sep);
      if (pos != std::string::npos && Lower(t.substr(0, pos)) == site_low) {
        if (site_out != nullptr) *site_out = t.substr(0, pos);
        return t.substr(pos + std::char_traits<char>::length(sep));
      }
    }
  }
  return t;
}

void FillHtmlMetadata(const RawHtmlMeta& raw, std::string_view page_url, int64_t fetched_at_ms,
                      PageMeta* meta, Article* article) {
  JsonLdFacts ld = ReadJsonLd(raw.json_ld);

  // Source.
  std::string site;
  if (const std::string* v = FindMeta(raw, "og:site_name")) site = Clean(*v);
  if (site.empty() && !ld.publisher.empty()) site = ld.publisher;
  if (site.empty()) {
    if (const std::string* v = FindMeta(raw, "application-name")) site = Clean(*v);
  }
  std::string title_site;
  std::string page_title = Clean(raw.title);
  std::string stripped_page_title = StripTitleSite(page_title, site, &title_site);
  if (site.empty()) site = title_site;
  if (site.empty()) site = HostOf(page_url);
  meta->site_name = site;
  article->source = site;

  // Title: the publisher's own headline fields first, then what the page shows.
  std::string title;
  if (const std::string* v = FindMeta(raw, "og:title")) title = StripTitleSite(*v, site);
  if (title.empty() && !ld.headline.empty()) title = StripTitleSite(ld.headline, site);
  if (title.empty()) {
    if (const std::string* v = FindMeta(raw, "twitter:title")) title = StripTitleSite(*v, site);
  }
  if (title.empty()) title = Clean(raw.h1);
  if (title.empty()) title = stripped_page_title;
  article->title = title;
  meta->title = page_title.empty() ? title : page_title;

  // Canonical URL.
  std::string canonical = ResolveUrl(raw.canonical, page_url);
  if (canonical.empty()) {
    if (const std::string* v = FindMeta(raw, "og:url")) canonical = ResolveUrl(*v, page_url);
  }
  if (canonical.empty()) canonical = ResolveUrl(ld.url, page_url);
  meta->canonical_url = canonical;
  article->url = canonical;

  // Language as declared.
  std::string lang = NormaliseLanguage(raw.html_lang);
  if (lang.empty()) {
    if (const std::string* v = FindMeta(raw, "og:locale")) lang = NormaliseLanguage(*v);
  }
  if (lang.empty()) {
    if (const std::string* v = FindMeta(raw, "content-language")) lang = NormaliseLanguage(*v);
  }
  meta->declared_language = lang;

  // Publication time.
  DateChoice date = ChooseDate(raw, ld, page_url, fetched_at_ms);
  article->published_text = date.text;
  article->published_at_ms = date.ms;

  // Authors.
  article->authors = ld.authors;
  if (article->authors.empty()) {
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
            AddUnique(&article->authors, a.substr(start, end - start), kMaxAuthors);
            start = end + 1;
          }
        }
      }
      if (!article->authors.empty()) break;
    }
  }
  if (article->authors.empty()) {
    for (const auto& line : raw.byline_texts) {
      AuthorsFromByline(line, &article->authors);
      if (!article->authors.empty()) break;
    }
  }

  // Tags.
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
  article->tags = std::move(tags);

  // A paywalled page shows a teaser: the publisher says so, or the text stops mid-thought.
  std::string_view body = Trim(article->body);
  size_t dots = 0;
  if (body.size() >= 3 && body.substr(body.size() - 3) == "...") dots = 3;
  if (body.size() >= 3 && body.substr(body.size() - 3) == "\xE2\x80\xA6") dots = 3;
  // "...and then he said..." stops mid-word or mid-clause; '."...' is a deliberate ending.
  bool cut = dots > 0 && body.size() > dots &&
             std::isalnum(static_cast<unsigned char>(body[body.size() - dots - 1]));
  article->truncated = !body.empty() && (ld.paywalled || cut);
}

}  // namespace newsflow
