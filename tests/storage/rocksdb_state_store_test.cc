#include "storage/rocksdb_state_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

std::vector<NamespaceSpec> Spaces() { return {{"articles", 0}, {"index", 3600}}; }

// Options with "index" as a point-lookup (hash memtable) namespace, as the dedup stage's are.
RocksDbOptions PointLookupIndex() {
  RocksDbOptions options;
  options.point_lookup_namespaces = {"index"};
  return options;
}

std::vector<std::string> ScanKeys(StateStore& store, std::string_view ns, std::string_view prefix) {
  std::vector<std::string> keys;
  Status s = store.ScanPrefix(ns, prefix, [&](std::string_view k, std::string_view) {
    keys.emplace_back(k);
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return keys;
}

TEST(RocksDbStateStoreTest, ReadsOwnWritesBeforeCommit) {
  testing::TempDir dir;
  auto store = RocksDbStateStore::Open(dir.path(), Spaces());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::string v;
  EXPECT_TRUE((*store)->Get("articles", "a1", &v).IsNotFound());
  ASSERT_TRUE((*store)->Put("articles", "a1", "one").ok());
  ASSERT_TRUE((*store)->Get("articles", "a1", &v).ok());
  EXPECT_EQ(v, "one");
  ASSERT_TRUE((*store)->Delete("articles", "a1").ok());
  EXPECT_TRUE((*store)->Get("articles", "a1", &v).IsNotFound());
}

TEST(RocksDbStateStoreTest, CommittedDataSurvivesReopenAndRollbackDropsBatch) {
  testing::TempDir dir;
  {
    auto store = RocksDbStateStore::Open(dir.path(), Spaces());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Put("articles", "kept", "1").ok());
    ASSERT_TRUE((*store)->Commit().ok());
    ASSERT_TRUE((*store)->Put("articles", "dropped", "2").ok());
    (*store)->Rollback();
  }
  auto store = RocksDbStateStore::Open(dir.path(), Spaces());
  ASSERT_TRUE(store.ok());
  std::string v;
  ASSERT_TRUE((*store)->Get("articles", "kept", &v).ok());
  EXPECT_EQ(v, "1");
  EXPECT_TRUE((*store)->Get("articles", "dropped", &v).IsNotFound());
}

TEST(RocksDbStateStoreTest, ScanPrefixMergesBatchWithCommittedKeysInOrder) {
  testing::TempDir dir;
  auto store = RocksDbStateStore::Open(dir.path(), Spaces());
  ASSERT_TRUE(store.ok());
  auto& s = **store;
  ASSERT_TRUE(s.Put("index", "b|1", "x").ok());
  ASSERT_TRUE(s.Put("index", "b|3", "x").ok());
  ASSERT_TRUE(s.Put("index", "c|1", "x").ok());
  ASSERT_TRUE(s.Commit().ok());
  ASSERT_TRUE(s.Put("index", "b|2", "x").ok());
  ASSERT_TRUE(s.Delete("index", "b|3").ok());
  ASSERT_TRUE(s.Put("index", "a|9", "x").ok());
  EXPECT_EQ(ScanKeys(s, "index", "b|"), (std::vector<std::string>{"b|1", "b|2"}));
  ASSERT_TRUE(s.Commit().ok());
  EXPECT_EQ(ScanKeys(s, "index", "b|"), (std::vector<std::string>{"b|1", "b|2"}));
  EXPECT_EQ(ScanKeys(s, "index", ""), (std::vector<std::string>{"a|9", "b|1", "b|2", "c|1"}));
}

TEST(RocksDbStateStoreTest, UnknownNamespaceIsAnError) {
  testing::TempDir dir;
  auto store = RocksDbStateStore::Open(dir.path(), Spaces());
  ASSERT_TRUE(store.ok());
  std::string v;
  Status s = (*store)->Get("nope", "k", &v);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE((*store)->Put("nope", "k", "v").ok());
}

TEST(RocksDbStateStoreTest, SecondOpenOfSameDirectoryFailsCleanly) {
  testing::TempDir dir;
  auto first = RocksDbStateStore::Open(dir.path(), Spaces());
  ASSERT_TRUE(first.ok());
  auto second = RocksDbStateStore::Open(dir.path(), Spaces());
  EXPECT_FALSE(second.ok());
}

TEST(RocksDbStateStoreTest, NamespacesOnDiskButNotRequestedStillOpen) {
  testing::TempDir dir;
  {
    auto store = RocksDbStateStore::Open(dir.path(), {{"old", 0}, {"articles", 0}});
    ASSERT_TRUE(store.ok());
  }
  auto store = RocksDbStateStore::Open(dir.path(), {{"articles", 0}});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->Namespaces(), std::vector<std::string>{"articles"});
}

// Batches of thousands of writes (the dedup stage writes ~17 keys per article, 100 pages per
// batch): every key reads back its latest pending value or deletion before the commit, from
// RocksDB after it, and the next batch starts empty, over several batches.
TEST(RocksDbStateStoreTest, LargeBatchesReadTheirOwnWritesAndStartEmptyAfterCommit) {
  testing::TempDir dir;
  auto store = RocksDbStateStore::Open(dir.path(), Spaces(), PointLookupIndex());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto& s = **store;
  auto key = [](int i) { return "key-" + std::to_string(i); };
  std::string v;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(round);
    const std::string tag = "r" + std::to_string(round);
    for (int i = 0; i < 5000; ++i) {
      ASSERT_TRUE(s.Put(i % 2 ? "index" : "articles", key(i), tag + "-first").ok());
    }
    for (int i = 0; i < 5000; i += 3) {
      ASSERT_TRUE(s.Put(i % 2 ? "index" : "articles", key(i), tag + "-second").ok());
    }
    for (int i = 0; i < 5000; i += 7) ASSERT_TRUE(s.Delete(i % 2 ? "index" : "articles", key(i)).ok());
    auto expected = [&](int i) -> std::string {
      if (i % 7 == 0) return "";
      return tag + (i % 3 == 0 ? "-second" : "-first");
    };
    for (int pass = 0; pass < 2; ++pass) {  // before and after the commit
      for (int i = 0; i < 5000; ++i) {
        const char* ns = i % 2 ? "index" : "articles";
        Status got = s.Get(ns, key(i), &v);
        if (expected(i).empty()) {
          ASSERT_TRUE(got.IsNotFound()) << key(i);
        } else {
          ASSERT_TRUE(got.ok()) << key(i) << " " << got.ToString();
          ASSERT_EQ(v, expected(i)) << key(i);
        }
        // The other namespace never had this key.
        ASSERT_TRUE(s.Get(i % 2 ? "articles" : "index", key(i), &v).IsNotFound());
      }
      if (pass == 0) {
        ASSERT_TRUE(s.Commit().ok());
      }
    }
  }
  // A rolled-back batch leaves the committed values.
  ASSERT_TRUE(s.Put("articles", key(2), "rolled back").ok());
  s.Rollback();
  ASSERT_TRUE(s.Get("articles", key(2), &v).ok());
  EXPECT_EQ(v, "r2-first");
}

// Empty keys and values are ordinary entries, pending and committed, in Get and ScanPrefix.
TEST(RocksDbStateStoreTest, EmptyKeysAndValuesRoundTrip) {
  testing::TempDir dir;
  auto store = RocksDbStateStore::Open(dir.path(), Spaces(), PointLookupIndex());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto& s = **store;
  for (const char* ns : {"articles", "index"}) {
    SCOPED_TRACE(ns);
    ASSERT_TRUE(s.Put(ns, "", "empty key").ok());
    ASSERT_TRUE(s.Put(ns, "k", "").ok());
    ASSERT_TRUE(s.Put(ns, "v", std::string_view()).ok());
    std::string v = "stale";
    ASSERT_TRUE(s.Get(ns, "", &v).ok());
    EXPECT_EQ(v, "empty key");
    ASSERT_TRUE(s.Get(ns, "k", &v).ok());
    EXPECT_EQ(v, "");
    ASSERT_TRUE(s.Commit().ok());
    ASSERT_TRUE(s.Put(ns, "", "again").ok());  // pending over committed, both empty keys
    EXPECT_EQ(ScanKeys(s, ns, ""), (std::vector<std::string>{"", "k", "v"}));
    ASSERT_TRUE(s.Get(ns, "", &v).ok());
    EXPECT_EQ(v, "again");
    ASSERT_TRUE(s.Commit().ok());
    ASSERT_TRUE(s.Get(ns, "v", &v).ok());
    EXPECT_EQ(v, "");
  }
}

// A ScanPrefix callback may write (the batch grows under the scan): the scan visits the keys
// as they were when it started, and the writes are in the batch afterwards.
TEST(RocksDbStateStoreTest, ScanPrefixCallbackMayWrite) {
  testing::TempDir dir;
  auto store = RocksDbStateStore::Open(dir.path(), Spaces());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto& s = **store;
  ASSERT_TRUE(s.Put("articles", "p0", "committed").ok());
  ASSERT_TRUE(s.Commit().ok());
  ASSERT_TRUE(s.Put("articles", "p1", "a").ok());
  ASSERT_TRUE(s.Put("articles", "p2", "b").ok());
  std::vector<std::string> seen;
  int written = 0;
  ASSERT_TRUE(s.ScanPrefix("articles", "p", [&](std::string_view k, std::string_view v) {
                 seen.push_back(std::string(k) + "=" + std::string(v));
                 for (int i = 0; i < 200; ++i) {
                   EXPECT_TRUE(s.Put("articles", "q" + std::to_string(written++), "x").ok());
                 }
                 return true;
               }, 0).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"p0=committed", "p1=a", "p2=b"}));
  std::string v;
  ASSERT_TRUE(s.Get("articles", "q599", &v).ok());
  EXPECT_EQ(ScanKeys(s, "articles", "q").size(), 600u);
}

// Retention is enforced at compaction: an entry not rewritten for longer than its namespace's
// retention is gone after a compaction, in plain and hash-memtable namespaces; an entry
// rewritten in time and namespaces without retention keep theirs.
TEST(RocksDbStateStoreTest, RetentionDropsOldEntriesAtCompaction) {
  for (const bool hash_memtables : {false, true}) {
    SCOPED_TRACE(hash_memtables ? "hash memtables" : "skiplist memtables");
    testing::TempDir dir;
    RocksDbOptions options;
    if (hash_memtables) options.point_lookup_namespaces = {"short"};
    auto store =
        RocksDbStateStore::Open(dir.path(), {{"short", 1}, {"forever", 0}}, options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto& s = **store;
    ASSERT_TRUE(s.Put("short", "old", "1").ok());
    ASSERT_TRUE(s.Put("forever", "old", "1").ok());
    ASSERT_TRUE(s.Commit().ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    ASSERT_TRUE(s.Put("short", "fresh", "2").ok());
    ASSERT_TRUE(s.Commit().ok());
    std::string v;
    ASSERT_TRUE(s.Get("short", "old", &v).ok());  // still there until compaction
    ASSERT_TRUE(s.CompactAll().ok());
    EXPECT_TRUE(s.Get("short", "old", &v).IsNotFound());
    ASSERT_TRUE(s.Get("short", "fresh", &v).ok());
    EXPECT_EQ(v, "2");
    ASSERT_TRUE(s.Get("forever", "old", &v).ok());
    EXPECT_EQ(v, "1");
  }
}

// Hash-memtable namespaces behave like the others: read-your-writes, deletes, commit, flush to
// SST files and reopen (also without the option), and ScanPrefix in key order, keys of any
// length (shorter and longer than the 16-byte bucket prefix).
TEST(RocksDbStateStoreTest, PointLookupNamespacesKeepTheContract) {
  testing::TempDir dir;
  RocksDbOptions options;
  options.point_lookup_namespaces = {"index"};
  const std::vector<std::string> keys = {
      "b", "b|2", "b|1", std::string(16, 'k'), std::string(16, 'k') + "tail", "a|9"};
  {
    auto store = RocksDbStateStore::Open(dir.path(), Spaces(), options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto& s = **store;
    for (const auto& k : keys) ASSERT_TRUE(s.Put("index", k, "v" + k).ok());
    std::string v;
    ASSERT_TRUE(s.Get("index", "b|1", &v).ok());
    EXPECT_EQ(v, "vb|1");
    ASSERT_TRUE(s.Commit().ok());
    ASSERT_TRUE(s.Get("index", std::string(16, 'k') + "tail", &v).ok());
    EXPECT_EQ(v, "v" + std::string(16, 'k') + "tail");
    EXPECT_TRUE(s.Get("index", "b|3", &v).IsNotFound());
    EXPECT_EQ(ScanKeys(s, "index", "b|"), (std::vector<std::string>{"b|1", "b|2"}));
    ASSERT_TRUE(s.Delete("index", "b|2").ok());
    ASSERT_TRUE(s.Put("index", "b|1", "new").ok());
    ASSERT_TRUE(s.Commit().ok());
    ASSERT_TRUE(s.Flush().ok());
    ASSERT_TRUE(s.Put("index", "b|0", "x").ok());
    ASSERT_TRUE(s.Commit().ok());
    EXPECT_EQ(ScanKeys(s, "index", "b"), (std::vector<std::string>{"b", "b|0", "b|1"}));
    EXPECT_TRUE(s.Get("index", "b|2", &v).IsNotFound());
  }
  for (const auto& reopen_options : {options, RocksDbOptions{}}) {
    auto store = RocksDbStateStore::Open(dir.path(), Spaces(), reopen_options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::string v;
    ASSERT_TRUE((*store)->Get("index", "b|1", &v).ok());
    EXPECT_EQ(v, "new");
    ASSERT_TRUE((*store)->Get("index", "b|0", &v).ok());
    EXPECT_TRUE((*store)->Get("index", "b|2", &v).IsNotFound());
    EXPECT_EQ(ScanKeys(**store, "index", ""),
              (std::vector<std::string>{"a|9", "b", "b|0", "b|1", std::string(16, 'k'),
                                        std::string(16, 'k') + "tail"}));
  }
}

// MultiGet answers each key as Get would: committed values (from memtables and, after a flush,
// SST files; without DBWithTTL's timestamp suffix), misses, the pending batch's values and
// deletes over committed ones, repeated keys; in TTL and plain namespaces, skiplist and hash
// memtables alike.
TEST(RocksDbStateStoreTest, MultiGetReadsLikeGetIncludingThePendingBatch) {
  for (const bool hash_memtables : {false, true}) {
    SCOPED_TRACE(hash_memtables ? "hash memtables" : "skiplist memtables");
    testing::TempDir dir;
    RocksDbOptions options;
    if (hash_memtables) options.point_lookup_namespaces = {"articles", "index"};
    auto store = RocksDbStateStore::Open(dir.path(), Spaces(), options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto& s = **store;
    for (const char* ns : {"articles", "index"}) {
      SCOPED_TRACE(ns);
      ASSERT_TRUE(s.Put(ns, "flushed", "on disk").ok());
      ASSERT_TRUE(s.Put(ns, "gone", "soon deleted").ok());
      ASSERT_TRUE(s.Put(ns, "old", "committed").ok());
      ASSERT_TRUE(s.Commit().ok());
      ASSERT_TRUE(s.Flush().ok());
      ASSERT_TRUE(s.Put(ns, "memtable", std::string(100, 'm')).ok());
      ASSERT_TRUE(s.Put(ns, "empty", "").ok());
      ASSERT_TRUE(s.Commit().ok());
      ASSERT_TRUE(s.Put(ns, "old", "pending").ok());
      ASSERT_TRUE(s.Put(ns, "new", "pending only").ok());
      ASSERT_TRUE(s.Delete(ns, "gone").ok());
      ASSERT_TRUE(s.Delete(ns, "never").ok());

      const std::vector<std::string_view> keys = {"missing", "flushed", "memtable", "old",
                                                  "new",     "gone",    "never",    "empty",
                                                  "flushed", "missing2"};
      std::vector<std::string> values = {"stale"};
      std::vector<Status> statuses;
      ASSERT_TRUE(s.MultiGet(ns, keys, &values, &statuses).ok());
      ASSERT_EQ(values.size(), keys.size());
      ASSERT_EQ(statuses.size(), keys.size());
      for (size_t i = 0; i < keys.size(); ++i) {
        SCOPED_TRACE(std::string(keys[i]));
        std::string expected;
        Status get = s.Get(ns, keys[i], &expected);
        EXPECT_EQ(statuses[i].code(), get.code()) << statuses[i].ToString();
        if (get.ok()) {
          EXPECT_EQ(values[i], expected);
        } else {
          EXPECT_EQ(values[i], "");
        }
      }
      EXPECT_TRUE(statuses[0].IsNotFound());
      EXPECT_EQ(values[1], "on disk");
      EXPECT_EQ(values[2], std::string(100, 'm'));
      EXPECT_EQ(values[3], "pending");
      EXPECT_EQ(values[4], "pending only");
      EXPECT_TRUE(statuses[5].IsNotFound());
      EXPECT_TRUE(statuses[6].IsNotFound());
      EXPECT_TRUE(statuses[7].ok());
      EXPECT_EQ(values[7], "");
      EXPECT_EQ(values[8], "on disk");
      EXPECT_TRUE(statuses[9].IsNotFound());

      // After the commit the same answers come from RocksDB.
      ASSERT_TRUE(s.Commit().ok());
      ASSERT_TRUE(s.MultiGet(ns, keys, &values, &statuses).ok());
      EXPECT_EQ(values[3], "pending");
      EXPECT_EQ(values[4], "pending only");
      EXPECT_TRUE(statuses[5].IsNotFound());
      EXPECT_TRUE(statuses[6].IsNotFound());
      EXPECT_TRUE(statuses[7].ok());

      ASSERT_TRUE(s.MultiGet(ns, {}, &values, &statuses).ok());
      EXPECT_TRUE(values.empty());
      EXPECT_TRUE(statuses.empty());
    }
    std::vector<std::string> values;
    std::vector<Status> statuses;
    EXPECT_EQ(s.MultiGet("nope", {"a"}, &values, &statuses).code(), Status::Code::kInvalidArgument);
  }
}

// A store without its own MultiGet gets the interface's default: Get for each key.
TEST(RocksDbStateStoreTest, DefaultMultiGetCallsGetPerKey) {
  class MapStore final : public StateStore {
   public:
    std::vector<std::string> Namespaces() const override { return {"ns"}; }
    Status Get(std::string_view ns, std::string_view key, std::string* value) override {
      if (ns != "ns") return Status::InvalidArgument("unknown namespace");
      if (key != "hit") return Status::NotFound("absent");
      *value = "value";
      return Status::Ok();
    }
    Status Put(std::string_view, std::string_view, std::string_view) override {
      return Status::Ok();
    }
    Status Delete(std::string_view, std::string_view) override { return Status::Ok(); }
    Status ScanPrefix(std::string_view, std::string_view,
                      const std::function<bool(std::string_view, std::string_view)>&,
                      size_t) override {
      return Status::Ok();
    }
    Status Commit() override { return Status::Ok(); }
    void Rollback() override {}
  } store;
  std::vector<std::string> values;
  std::vector<Status> statuses;
  ASSERT_TRUE(store.MultiGet("ns", {"miss", "hit"}, &values, &statuses).ok());
  ASSERT_EQ(values, (std::vector<std::string>{"", "value"}));
  EXPECT_TRUE(statuses[0].IsNotFound());
  EXPECT_TRUE(statuses[1].ok());
  EXPECT_EQ(store.MultiGet("other", {"hit"}, &values, &statuses).code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace newsflow
