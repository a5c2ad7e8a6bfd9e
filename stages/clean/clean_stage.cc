#include "stages/clean/clean_stage.h"

#include <string_view>
#include <unordered_set>

#include "pipeline/namespaces.h"
#include "stages/clean/clean_config.h"

namespace newsflow {

std::vector<NamespaceSpec> CleanNamespaces(const CleanOptions& options) {
  int64_t retention = static_cast<int64_t>(options.chrome_retention_days) * 86400;
  return {{state_ns::kSiteLines, retention}, {state_ns::kSitePages, retention}};
}

CleanStage::CleanStage(CleanOptions options, const StageContext& ctx)
    : options_(std::move(options)),
      ctx_(ctx),
      text_(options_.text),
      html_(options_.html),
      chrome_({options_.chrome_min_pages, options_.chrome_half_life_days,
               options_.chrome_max_line_chars, options_.text.max_page_bytes},
              ctx.store) {}

StageResult CleanStage::Process(PageWork& work) {
  const Page& page = work.page;
  CleanResult result;
  if (page.kind == ContentKind::kHtml) {
    result = html_.Extract(page.text, page.url, page.fetched_at_ms);
    if (!result.status.ok()) {
      pages_over_budget_.fetch_add(1, std::memory_order_relaxed);
      return StageResult::DeadLetter("clean: " + result.status.message());
    }
  } else {
    // The splitter sees the page as printed: a learned chrome line (a publisher line above
    // every date, a masthead) is often the very cue that delimits an article.
    result = text_.Split(page.text, page.fetched_at_ms);
    if (options_.learn_site_chrome && !page.site.empty() && ctx_.store != nullptr) {
      const std::unordered_set<uint64_t> chrome = chrome_.Learn(page);
      size_t dropped = 0;
      for (Article& a : result.articles) dropped += chrome_.DropParagraphs(chrome, &a);
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
          {"pages_without_articles", pages_without_articles_.load(std::memory_order_relaxed)},
          {"pages_over_parse_budget", pages_over_budget_.load(std::memory_order_relaxed)}};
}

StatusOr<std::unique_ptr<Stage>> MakeCleanStage(const CleanOptions& options,
                                                const StageContext& ctx) {
  if (Status s = ValidateCleanOptions(options); !s.ok()) return s;
  return std::unique_ptr<Stage>(std::make_unique<CleanStage>(options, ctx));
}

}  // namespace newsflow
