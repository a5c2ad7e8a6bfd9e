// Config reload (newsflowd's SIGHUP): the config file is read again and what can change while
// the service runs is applied between two batches; what cannot is reported and kept.
//
// What is applied at run time (every other key needs a restart):
//   log.level, log.format, log.stats_interval_s
//   kafka.batch_max_messages, kafka.batch_max_ms        read at the start of each batch
//   [decode], [classify]: every key                     (the classifier's model and taxonomy
//                                                        are re-read on every reload, changed
//                                                        or not)
//   [clean]: html_*, text_*                             extraction thresholds
//   [dedup]: near_threshold, near_threshold_short, short_words, min_words, teaser_min_words,
//            teaser_max_words, teaser_max_ratio, teaser_containment, teaser_exact_below_words,
//            cut_copy_containment, max_candidates      decision thresholds, not what is stored
// Restart-only keys are those that shape what is stored or connected: the brokers, ids and
// topics, [[inputs]], [storage], [metrics], [pipeline] stages, the sketches and keys dedup
// stores (shingles, bands, sketch size, URL rules, retention), clean's learned site chrome.
//
// A new file that does not parse or validate (every check of start-up, librdkafka's
// properties included), or whose stages cannot be built (a missing model file), is rejected
// whole: nothing changes, the error names the key or file. Otherwise the reloadable keys that
// differ take effect and the restart-only ones that differ are listed; the running values of
// those stay — and are listed again at the next reload, until the restart.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "daemon/config.h"
#include "daemon/runtime.h"
#include "pipeline/status.h"

namespace newsflow {

// Whether `key` ("dedup.near_threshold") can change while the service runs.
bool IsReloadableKey(std::string_view key);

struct ReloadPlan {
  // The running config with the new values of the reloadable keys that differ.
  Config next;
  // The config file's TOML text that `next` corresponds to (the running file's with those
  // values): what the next reload compares with.
  std::string next_text;
  std::vector<std::string> applied;       // reloadable keys that differ, as "section.key"
  std::vector<std::string> need_restart;  // restart-only keys that differ (kept as running)
  std::vector<std::string> stages;        // configured stages with an applied key
};

// Compares `new_text` with `running_text` (the file text `running` was loaded from; `running`
// may carry command-line overrides, which are kept). InvalidArgument naming the key (or line)
// when `new_text` is not a valid config.
StatusOr<ReloadPlan> PlanReload(std::string_view running_text, std::string_view new_text,
                                const Config& running, std::string_view source_name);

// The file's text; NotFound when it cannot be read.
StatusOr<std::string> ReadConfigText(const std::string& path);

// What one reload did.
struct ReloadReport {
  enum class Result {
    kApplied,   // every change applied (or none to apply)
    kPartial,   // applied what could be; need_restart lists the rest
    kRejected,  // the file or a stage refused: nothing changed; `error` says why
  };
  Result result = Result::kApplied;
  std::vector<std::string> applied;
  std::vector<std::string> need_restart;
  std::string error;
};
const char* ReloadResultName(ReloadReport::Result result);  // "applied", "partial", "rejected"

// Re-reads a config file and applies it to a running config and runtime.
class ConfigReloader {
 public:
  // `live` and `runtime` must outlive it; `running_text` is the text `live` was loaded from.
  ConfigReloader(std::string path, std::string running_text, Config* live, Runtime* runtime);

  // Reads the file, applies what can change and logs what it did ("config" logger): one info
  // line when everything was applied, a warning naming the keys that need a restart, an error
  // when the file was rejected. Call it where the pipeline runs, between two batches
  // (IngestService::SetReloader): it rebuilds stages and changes `live`.
  ReloadReport Reload();

 private:
  Status Apply(ReloadPlan& plan);

  std::string path_;
  std::string running_text_;
  Config* live_;
  Runtime* runtime_;
};

}  // namespace newsflow
