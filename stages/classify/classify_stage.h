// The classify stage: for every article of a page, its language (CLD2) and its topics
// (multi-label, scored in [0, 1]); for the page, its type (article / listing / other).
//
// Topics come from one of two scorers, both behind TopicScorer (topic_scorer.h):
//   - the default taxonomy: the 17 top-level IPTC Media Topics as weighted terms and phrases
//     in a human-editable TOML file (deploy/topics/iptc_media_topics.toml, taxonomy.h);
//   - a learned model: TF-IDF (word unigrams + bigrams, sublinear tf, L2 norm) and one linear
//     classifier per label trained with liblinear (linear_topic_model.h), written by
//     TrainTopicModel (training/train_topic_model.h) / `newsflowctl train-topics`.
// The stage reads only what earlier stages produced (article title/body, page text); it never
// re-parses HTML.
//
// Threads: Process is called by one thread at a time (the Stage contract); Reload may be called
// from any other thread at the same time. The scorer is an immutable object swapped atomically,
// so a page in flight finishes with the scorer it started with and no message is dropped.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/state_store.h"
#include "pipeline/status.h"
#include "stages/classify/page_type.h"
#include "stages/classify/topic_scorer.h"

namespace newsflow {

struct ClassifyOptions {
  // The default-topics file (TOML; its format is described at its top and in
  // stages/classify/README.md). Used when topic_model_path is empty. Relative paths are
  // relative to the working directory.
  std::string taxonomy_path = "deploy/topics/iptc_media_topics.toml";
  // A model file written by TrainTopicModel. "" = use the taxonomy.
  std::string topic_model_path;
  // Topics scoring >= this are emitted, best first; the best topic is always emitted when it
  // scores above 0, so an article with any evidence gets at least one topic.
  double topic_threshold = 0.5;
  // At most this many topics per article.
  size_t max_topics = 3;
  // Language detection reads the first language_probe_bytes of title + body (cut at a UTF-8
  // boundary) and, only when CLD2 is not reliable on those and there is more text, up to
  // language_max_bytes. CLD2 costs ~4 µs/100 bytes: most articles are settled by the probe.
  size_t language_probe_bytes = 256;
  size_t language_max_bytes = 2048;
  // Thresholds of the page-type heuristics (page_type.h).
  PageTypeOptions page_type;
};

// What the stage has done since it was built; monotonic counters, readable from any thread.
struct ClassifyStats {
  uint64_t pages = 0;
  uint64_t articles = 0;
  uint64_t articles_language_und = 0;  // CLD2 not reliable (or no text)
  uint64_t articles_without_topic = 0;
  uint64_t pages_article = 0;
  uint64_t pages_listing = 0;
  uint64_t pages_other = 0;
  uint64_t reloads = 0;
  uint64_t reload_errors = 0;  // the scorer in use was kept
};

class ClassifyStage final : public Stage {
 public:
  // Use MakeClassifyStage.
  ClassifyStage(const ClassifyOptions& options, std::shared_ptr<const TopicScorer> scorer);

  std::string_view name() const override { return "classify"; }

  // Sets language, language_confidence and topics of every article in work.articles and
  // work.page_type. Never dead-letters: an article without text gets language "und"
  // and no topics.
  StageResult Process(PageWork& work) override;

  // Reloads the topic model (or the taxonomy when no model path is configured) from the
  // configured paths. On error keeps the scorer in use and returns the error. Safe to call
  // from another thread while Process runs (the daemon calls it on SIGHUP).
  Status Reload();

  // The scorer in use (for tests and tools).
  std::shared_ptr<const TopicScorer> scorer() const;

  // A snapshot of the counters (each read atomically; together only nearly consistent).
  ClassifyStats stats() const;
  // stats() as named counters for the daemon's stats log.
  std::vector<std::pair<std::string, uint64_t>> OwnCounters() const override;

 private:
  struct Counters {
    std::atomic<uint64_t> pages{0}, articles{0}, articles_language_und{0},
        articles_without_topic{0}, pages_article{0}, pages_listing{0}, pages_other{0}, reloads{0},
        reload_errors{0};
  };
  ClassifyOptions options_;
  std::shared_ptr<const TopicScorer> scorer_;  // accessed with std::atomic_load/store
  Counters counters_;
};

// The stage keeps no state in the store: no namespaces.
std::vector<NamespaceSpec> ClassifyNamespaces(const ClassifyOptions& options);

// Builds the stage (name() == "classify", a ClassifyStage) with the scorer named by `options`
// (model if topic_model_path is set, else taxonomy). Errors: InvalidArgument for options out
// of range (ValidateClassifyOptions, classify_config.h); NotFound / IoError when the file
// cannot be read, InvalidArgument (with the line) when it is malformed. `ctx` is not used
// today (no state, no clock) but kept for symmetry.
StatusOr<std::unique_ptr<Stage>> MakeClassifyStage(const ClassifyOptions& options,
                                                   const StageContext& ctx);

// Loads the scorer `options` names, without building a stage.
StatusOr<std::shared_ptr<const TopicScorer>> LoadTopicScorer(const ClassifyOptions& options);

// Language of a text: ISO 639-1 code ("en", "ja", "zh"; a few languages without one use
// ISO 639-2, e.g. "haw") or "und" when CLD2 is not reliable.
struct LanguageGuess {
  std::string code = "und";
  double confidence = 0;  // share of the text in `code`, in [0, 1]; 0 for "und"
};
// Reads the first `max_bytes` of title + "\n" + body.
LanguageGuess DetectLanguage(std::string_view title, std::string_view body, size_t max_bytes);
// Reads the first `probe_bytes`; reads up to `max_bytes` when that was not reliable.
LanguageGuess DetectLanguage(std::string_view title, std::string_view body, size_t probe_bytes,
                             size_t max_bytes);

}  // namespace newsflow
