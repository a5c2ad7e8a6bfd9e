#include "stages/clean/clean_stage.h"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_set>

#include "pipeline/text_hash.h"

namespace newsflow {
namespace {

constexpr char kSiteLinesNs[] = "site_lines";
constexpr char kSitePagesNs[] = "site_pages";
constexpr int64_t kDayMs = 86400000;

struct LineCount {
  double count = 0;
  int64_t day = 0;  // day of the last update
};

LineCount DecodeCount(const std::string& v) {
  LineCount c;
  long long day = 0;
  std::sscanf(v.c_str(), "%lf %lld", &c.count, &day);
  c.day = day;
  return c;
}

double Decayed(const LineCount& c, int64_t today, int half_life_days) {
  if (half_life_days <= 0 || today <= c.day) return c.count;
  return c.count * std::pow(0.5, static_cast<double>(today - c.day) / half_life_days);
}

}  // namespace

std::vector<NamespaceSpec> CleanNamespaces(const CleanOptions& options) {
  int64_t retention = static_cast<int64_t>(options.chrome_retention_days) * 86400;
  return {{kSiteLinesNs, retention}, {kSitePagesNs, retention}};
}

CleanStage::CleanStage(CleanOptions options, const StageContext& ctx)
    : options_(std::move(options)), ctx_(ctx), text_(options_.text), html_(options_.html) {}

std::string CleanStage::RemoveLearnedChrome(const Page& page) {
  StateStore* store = ctx_.store;
  const int64_t today = page.fetched_at_ms / kDayMs;
  // An identical re-crawl teaches nothing new.
  std::string seen;
  const std::string page_key = page.site + "|" + page.content_hash;
  const bool count_this_page = !store->Get(kSitePagesNs, page_key, &seen).ok();
  if (count_this_page) store->Put(kSitePagesNs, page_key, "1");

  std::string out;
  out.reserve(page.text.size());
  std::unordered_set<uint64_t> counted;
  size_t start = 0;
  while (start <= page.text.size()) {
    size_t end = page.text.find('\n', start);
    if (end == std::string::npos) end = page.text.size();
    std::string_view line(page.text.data() + start, end - start);
    bool chrome = false;
    std::string norm = NormaliseForHash(line);
    if (!norm.empty() && line.size() <= options_.chrome_max_line_chars) {
      uint64_t h = Hash64(norm);
      char key_hash[17];
      std::snprintf(key_hash, sizeof key_hash, "%016llx", static_cast<unsigned long long>(h));
      const std::string key = page.site + "|" + key_hash;
      std::string v;
      LineCount c;
      if (store->Get(kSiteLinesNs, key, &v).ok()) c = DecodeCount(v);
      double now_count = Decayed(c, today, options_.chrome_half_life_days);
      // Chrome if enough *other* pages of the site showed it before this one.
      chrome = now_count >= options_.chrome_min_pages;
      if (count_this_page && counted.insert(h).second) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f %lld", now_count + 1, static_cast<long long>(today));
        store->Put(kSiteLinesNs, key, buf);
      }
    }
    if (!chrome) {
      out.append(line);
      out.push_back('\n');
    }
    if (end == page.text.size()) break;
    start = end + 1;
  }
  return out;
}

StageResult CleanStage::Process(PageWork& work) {
  const Page& page = work.page;
  CleanResult result;
  if (page.kind == ContentKind::kHtml) {
    result = html_.Extract(page.text, page.url, page.fetched_at_ms);
  } else if (options_.learn_site_chrome && !page.site.empty() && ctx_.store != nullptr) {
    result = text_.Split(RemoveLearnedChrome(page), page.fetched_at_ms);
  } else {
    result = text_.Split(page.text, page.fetched_at_ms);
  }
  // Keep only articles with text.
  std::vector<Article> articles;
  for (auto& a : result.articles) {
    if (a.body.find_first_not_of(" \n\t") == std::string::npos) continue;
    articles.push_back(std::move(a));
  }
  if (articles.empty()) return StageResult::DeadLetter("clean: no article content found");
  for (size_t i = 0; i < articles.size(); ++i) {
    Article& a = articles[i];
    a.position = static_cast<uint32_t>(i);
    if (a.source.empty()) a.source = result.meta.site_name;
    a.article_id = ArticleIdFor(a.url, page.url, a.position);
  }
  work.meta = std::move(result.meta);
  work.articles = std::move(articles);
  return StageResult::Continue();
}

}  // namespace newsflow
