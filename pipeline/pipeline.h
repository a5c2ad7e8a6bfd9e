// Pipeline: the one stage chain that newsflowd, newsflowctl and the benchmarks all run.
//
//   RawPage -> [decode] -> Page -> [clean] -> Articles -> [dedup] -> [classify] -> ArticleEvents
//
// Process() runs every stage on one page and turns the resulting articles into ArticleEvents:
// dedup's verdict picks the event type (UNIQUE -> CREATED, SUPERSEDES -> UPDATED,
// DUPLICATE -> DUPLICATE). The StoryLedger (story_ledger.h) then numbers the revisions of each
// story, keeps metadata an update lacks, adds an UPDATED after a DUPLICATE that was richer than
// its story, and records each story's latest revision ("articles": article_id -> ArticleEvent).
// The pipeline also keeps "url_index" (article URL -> article_id) and per-site counters
// ("site_stats"). All writes go to the store's current batch: the caller commits (per Kafka
// transaction in the daemon), which keeps a replayed batch idempotent.
//
// A stage that answers kDeadLetter ends the page: no events, the outcome carries the reason;
// so does a store error of the ledger (failed_stage "pipeline").
// Not thread-safe: one Pipeline per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/time/rfc3339.h"
#include "newsflow/v1/article_event.pb.h"
#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/stage.h"
#include "pipeline/state_store.h"
#include "pipeline/status.h"
#include "pipeline/story_ledger.h"

namespace newsflow {

// ArticleEvent.schema_version of the events this build writes (article_event.proto says what
// each version added). Also the header newsflow.schema_version.
inline constexpr uint32_t kArticleEventSchemaVersion = 2;

struct PageOutcome {
  enum class Kind { kProcessed, kDeadLetter };
  Kind kind = Kind::kProcessed;
  std::string failed_stage;              // with kDeadLetter
  std::string dead_letter_reason;        // with kDeadLetter
  // With kProcessed: one per article, in page order, each DUPLICATE that was richer than its
  // story followed by that story's merged UPDATED.
  std::vector<v1::ArticleEvent> events;
};

// What each stage did, for metrics.
struct StageCounters {
  std::string stage;
  uint64_t pages_in = 0;
  uint64_t dead_lettered = 0;
  uint64_t nanos = 0;  // time spent in Process()
};

// What the pipeline did, for metrics.
struct PipelineCounters {
  uint64_t pages = 0;
  uint64_t dead_lettered = 0;
  uint64_t created = 0;
  uint64_t updated = 0;
  uint64_t duplicates = 0;
};

// Told how long each stage took on each page (newsflowd's latency histograms), on the thread
// that runs Process(), right after the stage returns.
class PipelineObserver {
 public:
  virtual ~PipelineObserver() = default;
  // `stage_index` is the stage's place in the chain (as in stage_counters()).
  virtual void OnStage(size_t stage_index, std::string_view stage,
                       std::chrono::nanoseconds took) = 0;
};

class Pipeline {
 public:
  // The namespaces the pipeline itself writes (the stages declare their own).
  // The published articles and the URL index are kept `article_retention_days` after their
  // last write (0 = forever); site statistics, one small record per site, forever.
  static std::vector<NamespaceSpec> Namespaces(int article_retention_days = 0);

  // `store` and `clock` must outlive the pipeline.
  Pipeline(std::vector<std::unique_ptr<Stage>> stages, StateStore* store, const Clock* clock);

  PageOutcome Process(const v1::RawPage& raw);

  const std::vector<StageCounters>& stage_counters() const { return stage_counters_; }
  const PipelineCounters& counters() const { return counters_; }
  // The stage with this name, or nullptr (e.g. to reload the classifier on SIGHUP).
  Stage* FindStage(std::string_view name) const;
  // Puts `stage` in the place of the stage of the same name, whose counters carry on
  // (newsflowd's config reload); NotFound when there is none. Call it between two Process()
  // calls, on their thread.
  Status ReplaceStage(std::unique_ptr<Stage> stage);
  // Not owned; must outlive the pipeline or be reset to nullptr (the default: none). Set it
  // between two Process() calls, on their thread.
  void SetObserver(PipelineObserver* observer) { observer_ = observer; }

 private:
  void Record(const PageWork& work, const std::vector<v1::ArticleEvent>& events);

  std::vector<std::unique_ptr<Stage>> stages_;
  StateStore* store_;
  StoryLedger ledger_;
  const Clock* clock_;
  std::vector<StageCounters> stage_counters_;
  PipelineCounters counters_;
  PipelineObserver* observer_ = nullptr;
};

// Builds the event for one article, before the ledger numbers it (revision 0; exposed for tests
// and tools).
v1::ArticleEvent MakeArticleEvent(const PageWork& work, const Article& article);

}  // namespace newsflow
