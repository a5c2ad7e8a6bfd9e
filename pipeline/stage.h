// Stage: one step of the page pipeline, behind one small interface (as Envoy's filters).
//
// A stage gets the work item for one page, reads the layer the stages before it produced and
// fills in its own: decode turns the RawPage into a Page, clean turns the Page into Articles,
// dedup and classify annotate the Articles. It answers with a verdict, never a bare bool.
//
// Stages know nothing about Kafka, RocksDB or the config file: the daemon builds them from
// config (daemon/stage_registry.h) and hands each what it may touch through StageContext.
// A stage instance is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/model.h"

namespace newsflow {

class StateStore;

// Time source, injectable for tests.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMs() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
};

// What a stage may touch. Pointers are owned by the pipeline's owner and outlive the stage.
struct StageContext {
  StateStore* store = nullptr;  // persistent state, batched; never null in a pipeline
  const Clock* clock = nullptr;
};

// One page on its way through the chain.
struct PageWork {
  const v1::RawPage* raw = nullptr;  // input; read-only
  Page page;                         // filled by decode
  PageMeta meta;                     // filled by clean
  std::vector<Article> articles;     // created by clean, annotated by later stages
  PageType page_type = PageType::kUnknown;  // set by classify: the page's type, published
};

enum class StageVerdict {
  kContinue,    // pass the work to the next stage
  kDeadLetter,  // the page cannot be processed; `reason` says why; nothing else is emitted
};

struct StageResult {
  StageVerdict verdict = StageVerdict::kContinue;
  std::string reason;  // set with kDeadLetter: short, human-readable, no page content

  static StageResult Continue() { return {}; }
  static StageResult DeadLetter(std::string why) {
    return {StageVerdict::kDeadLetter, std::move(why)};
  }
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Short stable name used in config, logs and metrics ("decode", "clean", ...).
  virtual std::string_view name() const = 0;
  // Processes one page. Must not throw; must not keep references into `work` afterwards.
  virtual StageResult Process(PageWork& work) = 0;
  // The stage's own monotonic counters as (name, value), for the daemon's stats log
  // ("pages_listing", ...). May be called from another thread while Process runs.
  virtual std::vector<std::pair<std::string, uint64_t>> OwnCounters() const { return {}; }
};

}  // namespace newsflow
