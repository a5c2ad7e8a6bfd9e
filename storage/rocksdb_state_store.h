// RocksDbStateStore: the StateStore (pipeline/state_store.h) on a local RocksDB directory.
//
// Each NamespaceSpec becomes a column family, opened through RocksDB's DBWithTTL so that a
// namespace's retention is enforced at compaction, never by scans. Column families found on
// disk but not asked for are opened too (RocksDB requires it) and left alone.
//
// Writes go to an in-memory batch (visible to reads at once) until Commit(), which writes
// them as one atomic WriteBatch. Memory: block cache and write buffers are bounded by
// RocksDbOptions; index and bloom-filter blocks are held by the open table readers outside the
// cache (~10 bits per key: ~20 MB for 1M dedup articles), so they grow with the data; the
// batch is bounded by the caller's batch size.
//
// Thread-safety: one writer thread. Open() fails with IoError if another process holds the
// directory (RocksDB's LOCK file).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/state_store.h"

namespace rocksdb {
class DBWithTTL;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace newsflow {

enum class WalSync { kNoSync, kSyncEachCommit };

struct RocksDbOptions {
  size_t block_cache_bytes = 64u << 20;      // shared LRU block cache
  size_t write_buffer_bytes = 16u << 20;     // per column family memtable
  uint64_t max_total_wal_bytes = 64u << 20;  // WAL files beyond this force flushes
  WalSync wal_sync = WalSync::kSyncEachCommit;
  // Namespaces read only by Get (key-value indexes such as the dedup stage's): their memtables
  // are hash tables on the key's first 16 bytes instead of skiplists, so a Put or Get costs
  // one or two cache misses instead of ~20 (the skiplist insert dominated Commit). ScanPrefix
  // still works on them, but sorts the whole memtable first: do not list scanned namespaces.
  std::vector<std::string> point_lookup_namespaces;
};

class RocksDbStateStore final : public StateStore {
 public:
  // Opens (creating if needed) the store at `path` with these namespaces.
  static StatusOr<std::unique_ptr<RocksDbStateStore>> Open(const std::string& path,
                                                           const std::vector<NamespaceSpec>& spaces,
                                                           const RocksDbOptions& options = {});
  ~RocksDbStateStore() override;

  std::vector<std::string> Namespaces() const override;
  Status Get(std::string_view ns, std::string_view key, std::string* value) override;
  // Keys written or deleted in the current batch read from it; the others go to RocksDB as one
  // batched MultiGet on the namespace's column family (keys sorted once, filter and data
  // blocks probed per file for the whole batch instead of per key).
  Status MultiGet(std::string_view ns, const std::vector<std::string_view>& keys,
                  std::vector<std::string>* values, std::vector<Status>* statuses) override;
  Status Put(std::string_view ns, std::string_view key, std::string_view value) override;
  Status Delete(std::string_view ns, std::string_view key) override;
  Status ScanPrefix(std::string_view ns, std::string_view prefix,
                    const std::function<bool(std::string_view, std::string_view)>& fn,
                    size_t limit) override;
  Status Commit() override;
  // Commit() with this WAL sync instead of the store's: kNoSync returns once the write is in
  // RocksDB's WAL file (the OS page cache), which survives a crash of the process but maybe
  // not one of the machine. The WAL is written in order, so a later synced commit makes the
  // earlier unsynced ones durable too.
  Status Commit(WalSync wal_sync);
  void Rollback() override;

  // Compacts every column family now (drops expired entries). For tools and tests.
  Status CompactAll();
  // Approximate bytes on disk (SST + WAL) of one namespace.
  uint64_t ApproximateDiskBytes(std::string_view ns) const;
  // Flushes memtables (tests and benchmarks that measure disk use).
  Status Flush();

 private:
  class PendingBatch;  // the uncommitted writes (rocksdb_state_store.cc)

  RocksDbStateStore();
  // Index of the column family `ns` in handles_, or -1.
  int Family(std::string_view ns) const;

  rocksdb::DBWithTTL* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::vector<std::string> family_names_;  // parallel to handles_
  std::vector<std::string> names_;         // the namespaces asked for
  WalSync wal_sync_ = WalSync::kSyncEachCommit;
  std::unique_ptr<PendingBatch> pending_;
};

}  // namespace newsflow
