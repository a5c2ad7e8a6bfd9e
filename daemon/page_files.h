// Pages from files, for newsflowctl (process, produce, bench).
//
// Each PATH is a file or a directory (its regular files, recursively, sorted by path). A file
// ending in ".gz" is decompressed as it is read (zlib, streaming). A ".jsonl" file holds one
// RawPage per line in the protobuf JSON mapping, read a line at a time; any other file is one
// page: its bytes are the body, its URL "file://" + its absolute path, its content type left
// empty (sniffed by decode).
//
// Memory is bounded by max_page_bytes, never by what a file holds: a page is read up to
// max_page_bytes + 1 bytes and given up past that ("over max_page_bytes"), so a gzip bomb
// costs one page's worth, not what it inflates to; a JSONL line may be up to twice
// max_page_bytes (JSON escapes), and the file is never read whole.
#pragma once

#include <cstddef>
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
  // A page body (a whole file, decompressed) larger than this is skipped, and reported.
  // Give decode.max_page_bytes: a larger page would be dead-lettered anyway.
  size_t max_page_bytes = 32u << 20;
};

// Expands PATHs into the sorted list of files they name. NotFound for a missing path.
StatusOr<std::vector<std::string>> ListPageFiles(const std::vector<std::string>& paths);

// Reads a whole file, gunzipping ".gz", reading at most max_bytes + 1 bytes. TooLarge
// ("over max_page_bytes ...") past max_bytes; IoError when it cannot be opened or read;
// Corruption for a broken gzip stream.
StatusOr<std::string> ReadFileBytes(const std::string& path, size_t max_bytes = 32u << 20);

// Calls `fn` for each page in `files`, in order. Stops at the first error `fn` returns, or at
// a file that cannot be read. What is skipped is reported to `on_skipped` (file, line number,
// why) and the run goes on: a malformed or oversized JSONL line (its number), a file over
// max_page_bytes (line 0).
Status ForEachPage(
    const std::vector<std::string>& files, const PageFileOptions& options,
    const std::function<Status(v1::RawPage&&)>& fn,
    const std::function<void(const std::string&, int, const std::string&)>& on_skipped);

}  // namespace newsflow
