#include "stages/classify/classify_stage.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <atomic>

#include "common/text/utf8.h"
#include "stages/classify/classify_config.h"
#include "stages/classify/linear_topic_model.h"
#include "stages/classify/taxonomy.h"

namespace CLD2 {
// Exported by libcld2 but declared only in its internal headers, which Debian does not ship.
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace newsflow {
namespace {}  // namespace

std::vector<Topic> SelectTopics(std::vector<Topic> scored, double threshold, size_t max_topics) {
  std::sort(scored.begin(), scored.end(), [](const Topic& a, const Topic& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.label < b.label;
  });
  std::vector<Topic> out;
  for (Topic& t : scored) {
    if (out.size() >= max_topics) break;
    if (t.score <= 0) break;
    if (!out.empty() && t.score < threshold) break;
    t.score = std::min(1.0, t.score);
    out.push_back(std::move(t));
  }
  return out;
}

LanguageGuess DetectLanguage(std::string_view title, std::string_view body, size_t max_bytes) {
  std::string text;
  text.reserve(std::min(title.size() + body.size() + 1, max_bytes));
  text.append(text::CutUtf8(title, max_bytes));
  if (text.size() < max_bytes) {
    text.push_back('\n');
    text.append(text::CutUtf8(body, max_bytes - text.size()));
  }
  LanguageGuess guess;
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix_bytes = 0;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &hints, /*flags=*/0,
      language3, percent3, normalized_score3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable,
      &valid_prefix_bytes);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
    return guess;
  std::string code = CLD2::LanguageCode(lang);
  // "zh-Hant" (traditional Chinese) and similar: the ISO 639 part only.
  code = code.substr(0, code.find('-'));
  if (code.empty() || code == "un" || code == "xx" || code.size() > 3) return guess;
  guess.code = code;
  guess.confidence = std::clamp(percent3[0] / 100.0, 0.0, 1.0);
  return guess;
}

LanguageGuess DetectLanguage(std::string_view title, std::string_view body, size_t probe_bytes,
                             size_t max_bytes) {
  LanguageGuess guess = DetectLanguage(title, body, std::min(probe_bytes, max_bytes));
  if (guess.code == "und" && title.size() + 1 + body.size() > probe_bytes &&
      max_bytes > probe_bytes) {
    guess = DetectLanguage(title, body, max_bytes);
  }
  return guess;
}

StatusOr<std::shared_ptr<const TopicScorer>> LoadTopicScorer(const ClassifyOptions& options) {
  if (!options.topic_model_path.empty()) {
    auto model = LinearTopicModel::LoadFile(options.topic_model_path);
    if (!model.ok()) return model.status();
    return std::shared_ptr<const TopicScorer>(model.value());
  }
  auto tax = TopicTaxonomy::LoadFile(options.taxonomy_path);
  if (!tax.ok()) return tax.status();
  return std::shared_ptr<const TopicScorer>(tax.value());
}

ClassifyStage::ClassifyStage(const ClassifyOptions& options,
                             std::shared_ptr<const TopicScorer> scorer)
    : options_(options), scorer_(std::move(scorer)) {}

std::shared_ptr<const TopicScorer> ClassifyStage::scorer() const {
  return std::atomic_load(&scorer_);
}

Status ClassifyStage::Reload() {
  auto loaded = LoadTopicScorer(options_);
  if (!loaded.ok()) {
    counters_.reload_errors.fetch_add(1, std::memory_order_relaxed);
    return loaded.status();
  }
  std::atomic_store(&scorer_, loaded.value());
  counters_.reloads.fetch_add(1, std::memory_order_relaxed);
  return Status::Ok();
}

ClassifyStats ClassifyStage::stats() const {
  ClassifyStats s;
  s.pages = counters_.pages.load(std::memory_order_relaxed);
  s.articles = counters_.articles.load(std::memory_order_relaxed);
  s.articles_language_und = counters_.articles_language_und.load(std::memory_order_relaxed);
  s.articles_without_topic = counters_.articles_without_topic.load(std::memory_order_relaxed);
  s.pages_article = counters_.pages_article.load(std::memory_order_relaxed);
  s.pages_listing = counters_.pages_listing.load(std::memory_order_relaxed);
  s.pages_other = counters_.pages_other.load(std::memory_order_relaxed);
  s.reloads = counters_.reloads.load(std::memory_order_relaxed);
  s.reload_errors = counters_.reload_errors.load(std::memory_order_relaxed);
  return s;
}

std::vector<std::pair<std::string, uint64_t>> ClassifyStage::OwnCounters() const {
  const ClassifyStats s = stats();
  return {{"articles", s.articles},
          {"articles_language_und", s.articles_language_und},
          {"articles_without_topic", s.articles_without_topic},
          {"pages_article", s.pages_article},
          {"pages_listing", s.pages_listing},
          {"pages_other", s.pages_other},
          {"reloads", s.reloads},
          {"reload_errors", s.reload_errors}};
}

StageResult ClassifyStage::Process(PageWork& work) {
  // One scorer for the whole page, even if Reload swaps it meanwhile.
  const std::shared_ptr<const TopicScorer> scorer = std::atomic_load(&scorer_);
  uint64_t und = 0, without_topic = 0;
  for (Article& article : work.articles) {
    LanguageGuess lang = DetectLanguage(article.title, article.body, options_.language_probe_bytes,
                                        options_.language_max_bytes);
    article.language = std::move(lang.code);
    article.language_confidence = lang.confidence;
    article.topics.clear();
    if (scorer != nullptr && (!article.title.empty() || !article.body.empty())) {
      article.topics = SelectTopics(scorer->Score(article.title, article.body),
                                    options_.topic_threshold, options_.max_topics);
    }
    und += article.language == "und" ? 1 : 0;
    without_topic += article.topics.empty() ? 1 : 0;
  }
  work.page_type = ClassifyPageType(work, options_.page_type);
  counters_.pages.fetch_add(1, std::memory_order_relaxed);
  counters_.articles.fetch_add(work.articles.size(), std::memory_order_relaxed);
  counters_.articles_language_und.fetch_add(und, std::memory_order_relaxed);
  counters_.articles_without_topic.fetch_add(without_topic, std::memory_order_relaxed);
  switch (work.page_type) {
    case PageType::kArticle:
      counters_.pages_article.fetch_add(1, std::memory_order_relaxed);
      break;
    case PageType::kListing:
      counters_.pages_listing.fetch_add(1, std::memory_order_relaxed);
      break;
    default:
      counters_.pages_other.fetch_add(1, std::memory_order_relaxed);
      break;
  }
  return StageResult::Continue();
}

std::vector<NamespaceSpec> ClassifyNamespaces(const ClassifyOptions&) { return {}; }

StatusOr<std::unique_ptr<Stage>> MakeClassifyStage(const ClassifyOptions& options,
                                                   const StageContext& ctx) {
  if (Status s = ValidateClassifyOptions(options); !s.ok()) return s;
  auto scorer = LoadTopicScorer(options);
  if (!scorer.ok()) return scorer.status();
  return std::unique_ptr<Stage>(std::make_unique<ClassifyStage>(options, scorer.value()));
}

}  // namespace newsflow
