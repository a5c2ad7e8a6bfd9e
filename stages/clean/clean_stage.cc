#include "stages/clean/clean_stage.h"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_set>

#include "pipeline/namespaces.h"
#include "pipeline/site_records.h"
#include "pipeline/text_hash.h"
#include "stages/clean/clean_config.h"

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

std::vector<NamespaceSpec> CleanNamespaces(const CleanOptions& options) {
  int64_t retention = static_cast<int64_t>(options.chrome_retention_days) * 86400;
  return {{kSiteLines, retention}, {kSitePages, retention}};
}

CleanStage::CleanStage(CleanOptions options, const StageContext& ctx)
    : options_(std::move(options)), ctx_(ctx), text_(options_.text), html_(options_.html) {}

std::unordered_set<uint64_t> CleanStage::LearnSiteChrome(const Page& page) {
  StateStore* store = ctx_.store;
  const int64_t today = page.fetched_at_ms / kDayMs;
  // An identical re-crawl teaches nothing new.
  std::string seen;
  const std::string page_key = page.site + "|" + page.content_hash;
  const bool count_this_page = !store->Get(kSitePages, page_key, &seen).ok();
  if (count_this_page) store->Put(kSitePages, page_key, "1");

  std::unordered_set<uint64_t> chrome;
  std::unordered_set<uint64_t> counted;
  std::string_view text = page.text;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::string norm = NormaliseForHash(line);
    if (!norm.empty() && line.size() <= options_.chrome_max_line_chars) {
      const uint64_t h = Hash64(norm);
      if (counted.insert(h).second) {
        const std::string key = SiteLineKey(page.site, h);
        std::string v;
        SiteLineCount c;
        if (store->Get(kSiteLines, key, &v).ok()) c = DecodeSiteLineCount(v);
        const double now_count = Decayed(c, today, options_.chrome_half_life_days);
        // Chrome if enough *other* pages of the site showed it before this one.
        if (now_count >= options_.chrome_min_pages) chrome.insert(h);
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

size_t CleanStage::DropChromeParagraphs(const std::unordered_set<uint64_t>& chrome,
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
    if (paragraph.size() <= options_.chrome_max_line_chars) {
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

StageResult CleanStage::Process(PageWork& work) {
  const Page& page = work.page;
  CleanResult result;
  if (page.kind == ContentKind::kHtml) {
    result = html_.Extract(page.text, page.url, page.fetched_at_ms);
  } else {
    // The splitter sees the page as printed: a learned chrome line (a publisher line above
    // every date, a masthead) is often the very cue that delimits an article.
    result = text_.Split(page.text, page.fetched_at_ms);
    if (options_.learn_site_chrome && !page.site.empty() && ctx_.store != nullptr) {
      const std::unordered_set<uint64_t> chrome = LearnSiteChrome(page);
      size_t dropped = 0;
      for (Article& a : result.articles) dropped += DropChromeParagraphs(chrome, &a);
      chrome_paragraphs_dropped_.fetch_add(dropped, std::memory_order_relaxed);
    }
  }
  // Keep only articles with text.
  std::vector<Article> articles;
  for (auto& a : result.articles) {
    if (a.body.find_first_not_of(" \n\t") == std::string::npos) continue;
    articles.push_back(std::move(a));
  }
  if (articles.empty()) {
    pages_without_articles_.fetch_add(1, std::memory_order_relaxed);
    return StageResult::DeadLetter("clean: no article content found");
  }
  for (size_t i = 0; i < articles.size(); ++i) {
    Article& a = articles[i];
    a.position = static_cast<uint32_t>(i);
    // No publisher printed for the article: the site's name, else the host of an http(s)
    // page URL (file pages have no site).
    if (a.source.empty()) a.source = result.meta.site_name;
    if (a.source.empty()) a.source = page.site;
  }
  work.meta = std::move(result.meta);
  work.articles = std::move(articles);
  return StageResult::Continue();
}

std::vector<std::pair<std::string, uint64_t>> CleanStage::OwnCounters() const {
  return {{"chrome_paragraphs_dropped", chrome_paragraphs_dropped_.load(std::memory_order_relaxed)},
          {"pages_without_articles", pages_without_articles_.load(std::memory_order_relaxed)}};
}

StatusOr<std::unique_ptr<Stage>> MakeCleanStage(const CleanOptions& options,
                                                const StageContext& ctx) {
  if (Status s = ValidateCleanOptions(options); !s.ok()) return s;
  return std::unique_ptr<Stage>(std::make_unique<CleanStage>(options, ctx));
}

}  // namespace newsflow
