#include "stages/clean/html/json_ld.h"

#include <algorithm>

#include "common/json/json.h"
#include "common/text/ascii.h"
#include "stages/clean/html/field_text.h"

namespace newsflow::html {
namespace {

using json::Value;

bool TypeIsArticle(const Value& obj) {
  const Value* type = obj.Find("@type");
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
int TypeRank(const Value& obj) {
  const Value* type = obj.Find("@type");
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

void CollectObjects(const Value& v, std::vector<const Value*>* out, int depth) {
  if (depth > 8 || out->size() > 64) return;
  if (v.IsArray()) {
    for (const auto& item : v.items) CollectObjects(item, out, depth + 1);
    return;
  }
  if (!v.IsObject()) return;
  if (TypeIsArticle(v)) out->push_back(&v);
  if (const Value* graph = v.Find("@graph")) CollectObjects(*graph, out, depth + 1);
  if (const Value* main = v.Find("mainEntity")) CollectObjects(*main, out, depth + 1);
}

std::string StringOf(const Value* v) {
  if (v == nullptr) return "";
  if (v->IsString()) return Clean(v->text);
  if (v->IsArray() && !v->items.empty()) return StringOf(&v->items[0]);
  if (v->IsObject()) {
    if (const Value* name = v->Find("name")) return StringOf(name);
    if (const Value* value = v->Find("@value")) return StringOf(value);
  }
  return "";
}

void NamesOf(const Value* v, std::vector<std::string>* out, int depth) {
  if (v == nullptr || depth > 4) return;
  if (v->IsString()) {
    if (!LooksLikeUrl(v->text)) AddUnique(out, CleanAuthor(v->text), kMaxAuthors);
  } else if (v->IsArray()) {
    for (const auto& item : v->items) NamesOf(&item, out, depth + 1);
  } else if (v->IsObject()) {
    if (const Value* name = v->Find("name")) NamesOf(name, out, depth + 1);
  }
}

void ListOf(const Value* v, std::vector<std::string>* out) {
  if (v == nullptr) return;
  if (v->IsString()) {
    AddSplit(out, v->text, kMaxTags);
  } else if (v->IsArray()) {
    for (const auto& item : v->items) {
      if (item.IsString()) AddUnique(out, item.text, kMaxTags);
    }
  }
}

}  // namespace

JsonLdFacts ReadJsonLd(const std::vector<std::string>& scripts) {
  JsonLdFacts facts;
  std::vector<Value> docs;
  docs.reserve(scripts.size());
  for (const auto& s : scripts) {
    if (auto v = json::ReadSequence(s)) docs.push_back(std::move(*v));
  }
  std::vector<const Value*> objects;
  for (const auto& d : docs) CollectObjects(d, &objects, 0);
  std::stable_sort(objects.begin(), objects.end(),
                   [](const Value* a, const Value* b) { return TypeRank(*a) > TypeRank(*b); });
  for (const Value* obj : objects) {
    if (facts.headline.empty()) facts.headline = StringOf(obj->Find("headline"));
    if (facts.date_published.empty()) facts.date_published = StringOf(obj->Find("datePublished"));
    if (facts.date_published.empty()) facts.date_published = StringOf(obj->Find("dateCreated"));
    if (facts.publisher.empty()) facts.publisher = StringOf(obj->Find("publisher"));
    if (facts.url.empty()) {
      std::string u = StringOf(obj->Find("url"));
      if (u.rfind("http", 0) == 0) facts.url = u;
    }
    if (const Value* free = obj->Find("isAccessibleForFree")) {
      std::string v = text::AsciiLower(free->text);
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

}  // namespace newsflow::html
