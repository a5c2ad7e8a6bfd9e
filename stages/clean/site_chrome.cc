#include "stages/clean/site_chrome.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "pipeline/namespaces.h"
#include "pipeline/site_records.h"
#include "pipeline/text_hash.h"

namespace newsflow {
namespace {

using state_ns::kSiteLines;
using state_ns::kSitePages;
constexpr int64_t kDayMs = 86400000;

std::string SiteLineKey(const std::string& site, uint64_t line_hash) {
  char key_hash[17];
  std::snprintf(key_hash, sizeof key_hash, "%016llx", static_cast<unsigned long long>(line_hash));
  return site + "|" + key_hash;
}

double Decayed(const SiteLineCount& c, int64_t today, int half_life_days) {
  if (half_life_days <= 0 || today <= c.day) return c.count;
  return c.count * std::pow(0.5, static_cast<double>(today - c.day) / half_life_days);
}

}  // namespace

std::unordered_set<uint64_t> SiteChrome::Learn(const Page& page) {
  StateStore* store = store_;
  const int64_t today = page.fetched_at_ms / kDayMs;
  // An identical re-crawl teaches nothing new.
  std::string seen;
  const std::string page_key = page.site + "|" + page.content_hash;
  const bool count_this_page = !store->Get(kSitePages, page_key, &seen).ok();
  if (count_this_page) store->Put(kSitePages, page_key, "1");

  std::unordered_set<uint64_t> chrome;
  std::unordered_set<uint64_t> counted;
  std::string_view text = page.text;
  if (text.size() > options_.max_page_bytes) text = text.substr(0, options_.max_page_bytes);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::string norm = NormaliseForHash(line);
    if (!norm.empty() && line.size() <= options_.max_line_chars) {
      const uint64_t h = Hash64(norm);
      if (counted.insert(h).second) {
        const std::string key = SiteLineKey(page.site, h);
        std::string v;
        SiteLineCount c;
        if (store->Get(kSiteLines, key, &v).ok()) c = DecodeSiteLineCount(v);
        const double now_count = Decayed(c, today, options_.half_life_days);
        // Chrome if enough *other* pages of the site showed it before this one.
        if (now_count >= options_.min_pages) chrome.insert(h);
        if (count_this_page) {
          store->Put(kSiteLines, key, EncodeSiteLineCount({now_count + 1, today}));
        }
      }
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return chrome;
}

size_t SiteChrome::DropParagraphs(const std::unordered_set<uint64_t>& chrome,
                                  Article* article) const {
  if (chrome.empty()) return 0;
  std::string kept;
  kept.reserve(article->body.size());
  size_t dropped = 0;
  std::string_view body = article->body;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view paragraph = body.substr(start, end - start);
    bool is_chrome = false;
    if (paragraph.size() <= options_.max_line_chars) {
      std::string norm = NormaliseForHash(paragraph);
      is_chrome = !norm.empty() && chrome.count(Hash64(norm)) > 0;
    }
    if (is_chrome) {
      ++dropped;
    } else if (!paragraph.empty()) {
      if (!kept.empty()) kept.push_back('\n');
      kept.append(paragraph);
    }
    if (end == body.size()) break;
    start = end + 1;
  }
  if (dropped > 0) article->body = std::move(kept);
  return dropped;
}

}  // namespace newsflow
