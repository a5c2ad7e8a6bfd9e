// Pipeline: the one stage chain that newsflowd, newsflowctl and the benchmarks all run.
//
//   RawPage -> [decode] -> Page -> [clean] -> Articles -> [dedup] -> [classify] -> ArticleEvents
//
// Process() runs every stage on one page and turns the resulting articles into ArticleEvents:
// dedup's verdict picks the event type (UNIQUE -> CREATED, SUPERSEDES -> UPDATED,
// DUPLICATE -> DUPLICATE). Published articles are recorded in the store ("articles":
// article_id -> latest ArticleEvent; "url_index": article URL -> article_id), and per-site
// counters are kept ("site_stats"). All writes go to the store's current batch: the caller
// commits (per Kafka transaction in the daemon), which keeps a replayed batch idempotent.
//
// A stage that answers kDeadLetter ends the page: no events, the outcome carries the reason.
// Not thread-safe: one Pipeline per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/time/rfc3339.h"
#include "newsflow/v1/article_event.pb.h"
#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/stage.h"
#include "pipeline/state_store.h"

namespace newsflow {

struct PageOutcome {
  enum class Kind { kProcessed, kDeadLetter };
  Kind kind = Kind::kProcessed;
  std::string failed_stage;              // with kDeadLetter
  std::string dead_letter_reason;        // with kDeadLetter
  std::vector<v1::ArticleEvent> events;  // with kProcessed: one per article, page order
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

class Pipeline {
 public:
  // The namespaces the pipeline itself writes (the stages declare their own).
  static std::vector<NamespaceSpec> Namespaces();

  // `store` and `clock` must outlive the pipeline.
  Pipeline(std::vector<std::unique_ptr<Stage>> stages, StateStore* store, const Clock* clock);

  PageOutcome Process(const v1::RawPage& raw);

  const std::vector<StageCounters>& stage_counters() const { return stage_counters_; }
  const PipelineCounters& counters() const { return counters_; }
  // The stage with this name, or nullptr (e.g. to reload the classifier on SIGHUP).
  Stage* FindStage(std::string_view name) const;

 private:
  void Record(const PageWork& work, const std::vector<v1::ArticleEvent>& events);

  std::vector<std::unique_ptr<Stage>> stages_;
  StateStore* store_;
  const Clock* clock_;
  std::vector<StageCounters> stage_counters_;
  PipelineCounters counters_;
};

// Builds the event for one article (exposed for tests and tools).
v1::ArticleEvent MakeArticleEvent(const PageWork& work, const Article& article);

}  // namespace newsflow
