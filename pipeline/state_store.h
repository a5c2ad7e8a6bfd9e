// StateStore: the persistent key-value state stages may touch, in named namespaces
// (RocksDB column families in the daemon: storage/rocksdb_state_store.h).
//
// Writes are buffered in the current batch and visible to reads at once (read-your-writes),
// so two copies of a story in one batch see each other. Commit() writes the batch
// atomically; the owner of the pipeline calls it once per batch of pages (per Kafka
// transaction in the daemon). Writes must be idempotent per page and article: replaying a
// batch writes the same bytes.
//
// Not thread-safe: one pipeline (one thread) per store.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace newsflow {

// A namespace a stage needs, declared by the stage's factory and created by the store's owner.
struct NamespaceSpec {
  std::string name;
  // Entries older than this (since their last Put) are dropped at compaction (RocksDB
  // DBWithTTL), not by scans. 0 = kept forever. Reads may still see an expired entry until
  // compaction has run.
  int64_t retention_seconds = 0;
  // Only point reads and writes (Get/Put/Delete), never ScanPrefix: the store may index the
  // namespace for that (RocksDbStateStore: hash memtables, half the cost per write).
  bool point_lookups_only = false;
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  // The namespaces this store was opened with. Using any other is a programming error
  // (Status::InvalidArgument from the calls below).
  virtual std::vector<std::string> Namespaces() const = 0;

  // Reads `key`. Returns NotFound when absent (also when deleted in the current batch).
  virtual Status Get(std::string_view ns, std::string_view key, std::string* value) = 0;

  // Reads `keys` of one namespace in one call, as if by Get on each: afterwards
  // (*statuses)[i] is Get's status for keys[i] (NotFound when absent or deleted in the current
  // batch, the batch's value when written in it) and (*values)[i] its value (empty unless the
  // status is Ok). Both vectors are resized to keys.size(); keys may repeat. Returns
  // InvalidArgument for an unknown namespace (and leaves both vectors alone), otherwise Ok:
  // per-key errors are in `statuses`. Stores that can batch reads override it
  // (RocksDbStateStore: one RocksDB MultiGet); this default calls Get for each key.
  virtual Status MultiGet(std::string_view ns, const std::vector<std::string_view>& keys,
                          std::vector<std::string>* values, std::vector<Status>* statuses);

  // Buffers a write / delete in the current batch.
  virtual Status Put(std::string_view ns, std::string_view key, std::string_view value) = 0;
  virtual Status Delete(std::string_view ns, std::string_view key) = 0;

  // Calls `fn(key, value)` for each key starting with `prefix`, in key order, the current
  // batch included, until `fn` returns false or `limit` keys were visited (0 = no limit).
  virtual Status ScanPrefix(std::string_view ns, std::string_view prefix,
                            const std::function<bool(std::string_view, std::string_view)>& fn,
                            size_t limit = 0) = 0;

  // Writes the current batch atomically and durably (WAL synced when the store was opened so).
  virtual Status Commit() = 0;

  // Drops the current batch (a batch whose Kafka transaction aborted).
  virtual void Rollback() = 0;
};

inline Status StateStore::MultiGet(std::string_view ns, const std::vector<std::string_view>& keys,
                                   std::vector<std::string>* values,
                                   std::vector<Status>* statuses) {
  const std::vector<std::string> spaces = Namespaces();
  if (std::find(spaces.begin(), spaces.end(), ns) == spaces.end()) {
    return Status::InvalidArgument("unknown namespace " + std::string(ns));
  }
  values->assign(keys.size(), std::string());
  statuses->assign(keys.size(), Status::Ok());
  for (size_t i = 0; i < keys.size(); ++i) {
    (*statuses)[i] = Get(ns, keys[i], &(*values)[i]);
    if (!(*statuses)[i].ok()) (*values)[i].clear();
  }
  return Status::Ok();
}

}  // namespace newsflow
