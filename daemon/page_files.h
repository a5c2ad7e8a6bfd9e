// Pages from files, for newsflowctl (process, produce, bench).
//
// Each PATH is a file or a directory (its regular files, recursively, sorted by path). A file
// ending in ".gz" is decompressed transparently. A ".jsonl" file holds one RawPage per line in
// the protobuf JSON mapping; any other file is one page: its bytes are the body, its URL
// "file://" + its absolute path, its content type left empty (sniffed by decode).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "newsflow/v1/raw_page.pb.h"
#include "pipeline/status.h"

namespace newsflow {

struct PageFileOptions {
  // Fetch time for pages that do not carry one (files; JSONL rows without fetched_at_ms).
  int64_t fetched_at_ms = 0;
};

// Expands PATHs into the sorted list of files they name. NotFound for a missing path.
StatusOr<std::vector<std::string>> ListPageFiles(const std::vector<std::string>& paths);

// Reads a whole file, gunzipping ".gz".
StatusOr<std::string> ReadFileBytes(const std::string& path);

// Calls `fn` for each page in `files`, in order. Stops at the first error `fn` returns.
// A malformed JSONL line is reported to `on_bad_line` (file, line number, why) and skipped.
Status ForEachPage(const std::vector<std::string>& files, const PageFileOptions& options,
                   const std::function<Status(v1::RawPage&&)>& fn,
                   const std::function<void(const std::string&, int, const std::string&)>& on_bad_line);

}  // namespace newsflow
