#include "storage/rocksdb_state_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/db_ttl.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <ctime>
#include <functional>

namespace newsflow {
namespace {

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  std::string msg = std::string(what) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  if (s.IsBusy() || s.IsTryAgain() || s.IsTimedOut()) return Status::Unavailable(msg);
  return Status::IoError(msg);
}

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// DBWithTTL stores every value with a 4-byte little-endian write time appended, and strips it
// in Get (after checking it, as here) but not in the batched MultiGet, which goes straight to
// the base DB: MultiGet strips it itself. Constants of rocksdb's utilities/ttl/db_ttl_impl.h.
constexpr size_t kTtlSuffixBytes = 4;
constexpr int32_t kTtlMinTimestamp = 1368146402;

Status StripTtlSuffix(rocksdb::Slice* value) {
  if (value->size() < kTtlSuffixBytes) {
    return Status::Corruption("multiget: value shorter than its TTL timestamp");
  }
  const auto* p =
      reinterpret_cast<const unsigned char*>(value->data() + value->size() - kTtlSuffixBytes);
  const uint32_t raw = static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
                       static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
  if (static_cast<int32_t>(raw) < kTtlMinTimestamp) {
    return Status::Corruption("multiget: TTL timestamp before the TTL feature's release");
  }
  value->remove_suffix(kTtlSuffixBytes);
  return Status::Ok();
}

// The suffix DBWithTTL would append to a value written now (Commit writes to the base DB with
// the suffix already in place, saving DBWithTTL's copy of every batch).
void EncodeTtlSuffix(char out[kTtlSuffixBytes]) {
  const auto now = static_cast<uint32_t>(static_cast<int32_t>(std::time(nullptr)));
  for (size_t i = 0; i < kTtlSuffixBytes; ++i) out[i] = static_cast<char>(now >> (8 * i));
}

// Hash memtables of point-lookup namespaces: bucket key length, and buckets per memtable (about
// the entries of a 16 MB memtable of short index values; 8 bytes each).
constexpr size_t kPointLookupPrefixBytes = 16;
constexpr size_t kPointLookupBuckets = 200000;

}  // namespace

// The uncommitted writes: each key's latest value or deletion, readable at once, written by
// Commit() in first-write order. Keys and values are copied into an arena of stable chunks and
// an open-addressing table of entry numbers finds them, so a Put allocates nothing in the
// steady state: the std::map of std::strings this replaces (three allocations and a tree walk
// per Put) was ~18% of the dedup stage's time, and a node-based hash map's frees at Commit
// another ~4%. Values are kept with the TTL suffix they will be written with.
class RocksDbStateStore::PendingBatch {
 public:
  struct Entry {
    int family;
    std::string_view key;
    std::string_view value;  // with the TTL suffix; empty when deleted
    bool deleted;
    uint64_t hash;
  };

  // The key's pending write, or nullptr.
  const Entry* Find(int family, std::string_view key) const {
    if (entries_.empty()) return nullptr;
    const uint64_t h = Hash(family, key);
    const size_t slot = Lookup(family, key, h);
    return slots_[slot] == 0 ? nullptr : &entries_[slots_[slot] - 1];
  }

  void Put(int family, std::string_view key, std::string_view value) {
    char suffix[kTtlSuffixBytes];
    EncodeTtlSuffix(suffix);
    Set(family, key, Copy(value, std::string_view(suffix, kTtlSuffixBytes)), false);
  }

  void Delete(int family, std::string_view key) { Set(family, key, {}, true); }

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  size_t bytes() const { return bytes_; }

  void Clear() {
    // Shrink a table grown by one huge batch, so that clearing stays cheap.
    size_t wanted = 1024;
    while (wanted < entries_.size() * 2) wanted *= 2;
    if (slots_.size() > 4 * wanted) {
      slots_.assign(wanted, 0);
    } else {
      std::fill(slots_.begin(), slots_.end(), 0);
    }
    entries_.clear();
    bytes_ = 0;
    large_.clear();
    if (chunks_.size() > 1) chunks_.resize(1);  // one chunk is kept for the next batch
    next_ = chunks_.empty() ? nullptr : chunks_[0].get();
    left_ = chunks_.empty() ? 0 : kChunkBytes;
  }

 private:
  static constexpr size_t kChunkBytes = 64 << 10;

  static uint64_t Hash(int family, std::string_view key) {
    return std::hash<std::string_view>{}(key) ^
           (static_cast<uint64_t>(family) * 0x9e3779b97f4a7c15ULL);
  }

  // The slot holding the key, or the empty slot where it would go (linear probing; the table
  // is at most half full).
  size_t Lookup(int family, std::string_view key, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint32_t n = slots_[i];
      if (n == 0) return i;
      const Entry& e = entries_[n - 1];
      if (e.hash == h && e.family == family && e.key == key) return i;
    }
  }

  void Set(int family, std::string_view key, std::string_view value, bool deleted) {
    bytes_ += key.size() + value.size() + 16;
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = Hash(family, key);
    const size_t slot = Lookup(family, key, h);
    if (slots_[slot] != 0) {
      Entry& e = entries_[slots_[slot] - 1];
      e.value = value;
      e.deleted = deleted;
      return;
    }
    entries_.push_back({family, Copy(key, {}), value, deleted, h});
    slots_[slot] = static_cast<uint32_t>(entries_.size());
  }

  void Grow() {
    std::vector<uint32_t> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, old.size() * 2), 0);
    for (size_t n = 0; n < entries_.size(); ++n) {
      const Entry& e = entries_[n];
      slots_[Lookup(e.family, e.key, e.hash)] = static_cast<uint32_t>(n + 1);
    }
  }

  // Copies a + b into the arena; the view stays valid until Clear().
  std::string_view Copy(std::string_view a, std::string_view b) {
    const size_t n = a.size() + b.size();
    if (n == 0) return std::string_view("", 0);  // never a null data pointer (memcmp, Slice)
    char* out;
    if (n > kChunkBytes / 4) {  // large values get a block of their own
      large_.push_back(std::make_unique<char[]>(n));
      out = large_.back().get();
    } else {
      if (left_ < n) {
        chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
        next_ = chunks_.back().get();
        left_ = kChunkBytes;
      }
      out = next_;
      next_ += n;
      left_ -= n;
    }
    if (!a.empty()) std::memcpy(out, a.data(), a.size());
    if (!b.empty()) std::memcpy(out + a.size(), b.data(), b.size());
    return std::string_view(out, n);
  }

  std::vector<uint32_t> slots_;  // entry number + 1, 0 = empty; a power of two in size
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<char[]>> chunks_;  // kChunkBytes each
  std::vector<std::unique_ptr<char[]>> large_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t bytes_ = 0;
};

RocksDbStateStore::RocksDbStateStore() = default;

namespace {

rocksdb::DBOptions DbOptionsFor(const RocksDbOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 3;
  // A small, rarely flushed column family would otherwise keep every WAL file alive (30 logs,
  // 830 MB at 200k dedup articles): past this size the oldest logs' families are flushed.
  db_options.max_total_wal_size = options.max_total_wal_bytes;
  // Hash memtables take one writer at a time; the store has one writer thread anyway.
  if (!options.point_lookup_namespaces.empty()) db_options.allow_concurrent_memtable_write = false;
  return db_options;
}

// Options of the ordinary namespaces, and the block-based table options they are built on
// (`table`, which the point-lookup namespaces start from).
rocksdb::ColumnFamilyOptions FamilyOptionsFor(const RocksDbOptions& options,
                                              rocksdb::BlockBasedTableOptions* table_out) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Index and filter blocks live in the table readers (~10 bits per key for the filters), not
  // in the block cache: with them in a 64 MB cache, the MB-sized filters of growing SST files
  // were evicted by data blocks and re-read for nearly every Get (most Gets of an index are
  // misses that need only the filter): 4.2 ms per dedup article at 250k indexed.
  table.cache_index_and_filter_blocks = false;
  rocksdb::ColumnFamilyOptions cf_options;
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf_options.write_buffer_size = options.write_buffer_bytes;
  cf_options.max_write_buffer_number = 2;
  // A bloom filter over whole keys in each memtable: a Get that misses skips the memtable
  // skiplist search (most index lookups miss).
  cf_options.memtable_prefix_bloom_size_ratio = 0.1;
  cf_options.memtable_whole_key_filtering = true;
  cf_options.compression = rocksdb::kNoCompression;
  cf_options.bottommost_compression = rocksdb::kZSTD;
  *table_out = table;
  return cf_options;
}

// Options of the point-lookup namespaces, from the ordinary ones.
rocksdb::ColumnFamilyOptions PointLookupOptionsFor(const rocksdb::ColumnFamilyOptions& cf_options,
                                                   const rocksdb::BlockBasedTableOptions& table) {
  // Point-lookup namespaces: hash-bucketed memtables. The bucket is chosen by the key's first
  // kPointLookupPrefixBytes bytes (the whole key for 16-byte hash keys), which RocksDB takes
  // from the prefix extractor; SST bloom filters dedupe a prefix equal to its key, so they do
  // not grow.
  rocksdb::ColumnFamilyOptions point_options = cf_options;
  point_options.prefix_extractor.reset(rocksdb::NewCappedPrefixTransform(kPointLookupPrefixBytes));
  point_options.memtable_factory.reset(rocksdb::NewHashLinkListRepFactory(kPointLookupBuckets));
  // Universal compaction: these indexes are written at random (hashed) keys, where leveled
  // compaction rewrites most of the next level for every file it pushes down; RocksDB's
  // flushes and compactions then cost more CPU than the stage itself. Universal merges
  // similar-sized sorted runs instead (bench/dedup_bench at 1M: background CPU 146 -> 68 s,
  // articles per CPU-second of the whole process 5,000 -> 8,500; Gets probe a few sorted runs'
  // filters). Up to 2x space amplification between full merges (max_size_amplification_percent
  // 200, the default). Existing leveled data opens as sorted runs, one per level.
  point_options.compaction_style = rocksdb::kCompactionStyleUniversal;
  point_options.level0_file_num_compaction_trigger = 4;
  {
    // Nearly every lookup of these indexes misses and probes several files' filters: at
    // 16 bits per key a false positive (a block read, checksum and all) is ~20x rarer than at
    // 10, for ~0.75 byte more filter per key (held outside the block cache).
    rocksdb::BlockBasedTableOptions point_table = table;
    point_table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(16));
    point_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(point_table));
  }
  // Their keys and values are hashes and ids: compression saves little and costs at every
  // compaction and block read.
  point_options.bottommost_compression = rocksdb::kNoCompression;
  // A hash bucket answers a miss as fast as a memtable bloom filter would, which only adds
  // work to every insert.
  point_options.memtable_prefix_bloom_size_ratio = 0;
  return point_options;
}

// Column families to open (default, what is asked for, whatever else exists on disk) and
// their TTLs in seconds (0: none).
Status FamilyNames(const rocksdb::DBOptions& db_options, const std::string& path,
                   const std::vector<NamespaceSpec>& spaces, std::vector<std::string>* names_out,
                   std::vector<int32_t>* ttls_out) {
  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName};
  std::vector<int32_t> ttls = {0};
  for (const auto& s : spaces) {
    if (s.name == rocksdb::kDefaultColumnFamilyName) continue;
    if (std::find(names.begin(), names.end(), s.name) != names.end()) {
      return Status::InvalidArgument("namespace declared twice: " + s.name);
    }
    names.push_back(s.name);
    ttls.push_back(static_cast<int32_t>(std::min<int64_t>(s.retention_seconds, INT32_MAX)));
  }
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, path, &existing).ok()) {
    for (const auto& e : existing) {
      if (std::find(names.begin(), names.end(), e) == names.end()) {
        names.push_back(e);
        ttls.push_back(0);
      }
    }
  }
  *names_out = std::move(names);
  *ttls_out = std::move(ttls);
  return Status::Ok();
}

std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(
    const std::vector<std::string>& names, const std::vector<int32_t>& ttls,
    const RocksDbOptions& options, const rocksdb::ColumnFamilyOptions& cf_options,
    const rocksdb::ColumnFamilyOptions& point_options) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& n : names) {
    const auto& point = options.point_lookup_namespaces;
    const bool point_lookup = std::find(point.begin(), point.end(), n) != point.end();
    descriptors.emplace_back(n, point_lookup ? point_options : cf_options);
    // Retention is enforced when a compaction reads an entry; files that no write pushes into
    // a compaction (the oldest sorted run, a quiet namespace) are recompacted once they are as
    // old as the retention, so an expired entry is gone within twice the retention.
    // Without a retention nothing expires, and the rewrite RocksDB would otherwise schedule
    // every 30 days (DBWithTTL installs a compaction filter; under universal compaction a
    // periodic compaction rewrites the whole namespace) would drop nothing.
    const int32_t ttl = ttls[descriptors.size() - 1];
    descriptors.back().options.periodic_compaction_seconds =
        static_cast<uint64_t>(ttl > 0 ? ttl : 0);
  }
  return descriptors;
}

}  // namespace

StatusOr<std::unique_ptr<RocksDbStateStore>> RocksDbStateStore::Open(
    const std::string& path, const std::vector<NamespaceSpec>& spaces,
    const RocksDbOptions& options) {
  const rocksdb::DBOptions db_options = DbOptionsFor(options);
  rocksdb::BlockBasedTableOptions table;
  const rocksdb::ColumnFamilyOptions cf_options = FamilyOptionsFor(options, &table);
  const rocksdb::ColumnFamilyOptions point_options = PointLookupOptionsFor(cf_options, table);
  std::vector<std::string> names;
  std::vector<int32_t> ttls;
  Status listed = FamilyNames(db_options, path, spaces, &names, &ttls);
  if (!listed.ok()) return listed;
  const std::vector<rocksdb::ColumnFamilyDescriptor> descriptors =
      Descriptors(names, ttls, options, cf_options, point_options);

  std::unique_ptr<RocksDbStateStore> store(new RocksDbStateStore());
  rocksdb::DBWithTTL* db = nullptr;
  rocksdb::Status s =
      rocksdb::DBWithTTL::Open(db_options, path, descriptors, &store->handles_, &db, ttls);
  if (!s.ok()) return FromRocks(s, "opening " + path);
  store->db_ = db;
  store->family_names_ = names;
  for (const auto& sp : spaces) store->names_.push_back(sp.name);
  store->wal_sync_ = options.wal_sync;
  store->pending_ = std::make_unique<PendingBatch>();
  return store;
}

RocksDbStateStore::~RocksDbStateStore() {
  if (db_ == nullptr) return;
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  db_->Close();
  delete db_;
}

std::vector<std::string> RocksDbStateStore::Namespaces() const { return names_; }

int RocksDbStateStore::Family(std::string_view ns) const {
  // A handful of namespaces: a linear search beats hashing the name.
  for (size_t i = 0; i < family_names_.size(); ++i) {
    if (family_names_[i] == ns) return static_cast<int>(i);
  }
  return -1;
}

namespace {
Status UnknownNamespace(std::string_view ns) {
  return Status::InvalidArgument("unknown namespace " + std::string(ns));
}
}  // namespace

Status RocksDbStateStore::Get(std::string_view ns, std::string_view key, std::string* value) {
  const int family = Family(ns);
  if (family < 0) return UnknownNamespace(ns);
  if (const PendingBatch::Entry* e = pending_->Find(family, key)) {
    if (e->deleted) return Status::NotFound("deleted");
    value->assign(e->value.data(), e->value.size() - kTtlSuffixBytes);
    return Status::Ok();
  }
  rocksdb::PinnableSlice found;
  rocksdb::Status s =
      db_->GetBaseDB()->Get(rocksdb::ReadOptions(), handles_[family], ToSlice(key), &found);
  // Most lookups of an index miss: no message is formatted for them.
  if (s.IsNotFound()) return Status::NotFound("not found");
  if (!s.ok()) return FromRocks(s, "get");
  rocksdb::Slice v = found;
  if (Status strip = StripTtlSuffix(&v); !strip.ok()) return strip;
  value->assign(v.data(), v.size());
  return Status::Ok();
}

Status RocksDbStateStore::MultiGet(std::string_view ns, const std::vector<std::string_view>& keys,
                                   std::vector<std::string>* values,
                                   std::vector<Status>* statuses) {
  const int family = Family(ns);
  if (family < 0) return UnknownNamespace(ns);
  values->resize(keys.size());
  statuses->assign(keys.size(), Status::Ok());
  // Keys of the pending batch are answered from it, as in Get; the rest go to RocksDB.
  std::vector<rocksdb::Slice> db_keys;
  std::vector<size_t> db_index;
  db_keys.reserve(keys.size());
  db_index.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (const PendingBatch::Entry* e = pending_->Find(family, keys[i])) {
      if (e->deleted) {
        (*values)[i].clear();
        (*statuses)[i] = Status::NotFound("deleted");
      } else {
        (*values)[i].assign(e->value.data(), e->value.size() - kTtlSuffixBytes);
      }
      continue;
    }
    db_keys.push_back(ToSlice(keys[i]));
    db_index.push_back(i);
  }
  if (db_keys.empty()) return Status::Ok();
  std::vector<rocksdb::PinnableSlice> db_values(db_keys.size());
  std::vector<rocksdb::Status> db_statuses(db_keys.size());
  db_->GetBaseDB()->MultiGet(rocksdb::ReadOptions(), handles_[family], db_keys.size(),
                             db_keys.data(), db_values.data(), db_statuses.data(),
                             /*sorted_input=*/false);
  for (size_t j = 0; j < db_keys.size(); ++j) {
    const size_t i = db_index[j];
    std::string& value = (*values)[i];
    value.clear();
    const rocksdb::Status& s = db_statuses[j];
    if (s.IsNotFound()) {
      (*statuses)[i] = Status::NotFound("not found");  // no message formatted for misses
      continue;
    }
    if (!s.ok()) {
      (*statuses)[i] = FromRocks(s, "multiget");
      continue;
    }
    rocksdb::Slice v = db_values[j];
    if (Status strip = StripTtlSuffix(&v); !strip.ok()) {
      (*statuses)[i] = std::move(strip);
      continue;
    }
    value.assign(v.data(), v.size());
  }
  return Status::Ok();
}

Status RocksDbStateStore::Put(std::string_view ns, std::string_view key, std::string_view value) {
  const int family = Family(ns);
  if (family < 0) return UnknownNamespace(ns);
  pending_->Put(family, key, value);
  return Status::Ok();
}

Status RocksDbStateStore::Delete(std::string_view ns, std::string_view key) {
  const int family = Family(ns);
  if (family < 0) return UnknownNamespace(ns);
  pending_->Delete(family, key);
  return Status::Ok();
}

Status RocksDbStateStore::ScanPrefix(
    std::string_view ns, std::string_view prefix,
    const std::function<bool(std::string_view, std::string_view)>& fn, size_t limit) {
  const int family = Family(ns);
  if (family < 0) return UnknownNamespace(ns);
  // Merge the committed keys with the pending batch's (sorted here: scans are rare, writes
  // are not), in key order.
  // Copies of the entries (their views stay valid until the batch is cleared), so that a
  // callback that writes, and so grows the batch, leaves this list alone.
  std::vector<PendingBatch::Entry> batch;
  for (const auto& e : pending_->entries()) {
    if (e.family == family && e.key.substr(0, prefix.size()) == prefix) batch.push_back(e);
  }
  std::sort(batch.begin(), batch.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  auto bit = batch.begin();
  auto batch_live = [&] { return bit != batch.end(); };
  rocksdb::ReadOptions read_options;
  read_options.total_order_seek = true;  // key order also in namespaces with a prefix extractor
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, handles_[family]));
  it->Seek(ToSlice(prefix));
  auto db_live = [&] { return it->Valid() && it->key().starts_with(ToSlice(prefix)); };
  size_t visited = 0;
  while (db_live() || batch_live()) {
    if (limit != 0 && visited >= limit) break;
    bool take_batch;
    if (!db_live()) {
      take_batch = true;
    } else if (!batch_live()) {
      take_batch = false;
    } else {
      int c = it->key().compare(ToSlice(bit->key));
      if (c == 0) it->Next();  // the batch's version wins
      take_batch = c >= 0;
    }
    if (take_batch) {
      const PendingBatch::Entry e = *bit;
      ++bit;
      if (e.deleted) continue;
      ++visited;
      if (!fn(e.key, e.value.substr(0, e.value.size() - kTtlSuffixBytes))) break;
    } else {
      ++visited;
      if (!fn(std::string_view(it->key().data(), it->key().size()),
              std::string_view(it->value().data(), it->value().size()))) {
        break;
      }
      it->Next();
    }
  }
  return FromRocks(it->status(), "scan");
}

Status RocksDbStateStore::Commit() { return Commit(wal_sync_); }

Status RocksDbStateStore::Commit(WalSync wal_sync) {
  if (pending_->empty()) return Status::Ok();
  rocksdb::WriteBatch batch(pending_->bytes() + 64);
  for (const auto& e : pending_->entries()) {
    rocksdb::Status s = e.deleted ? batch.Delete(handles_[e.family], ToSlice(e.key))
                                  : batch.Put(handles_[e.family], ToSlice(e.key), ToSlice(e.value));
    if (!s.ok()) return FromRocks(s, "commit");
  }
  rocksdb::WriteOptions wo;
  wo.sync = wal_sync == WalSync::kSyncEachCommit;
  // Straight to the base DB: the values already carry DBWithTTL's timestamp suffix.
  Status s = FromRocks(db_->GetBaseDB()->Write(wo, &batch), "commit");
  if (s.ok()) pending_->Clear();
  return s;
}

void RocksDbStateStore::Rollback() { pending_->Clear(); }

Status RocksDbStateStore::CompactAll() {
  for (auto* h : handles_) {
    Status s = FromRocks(db_->CompactRange(rocksdb::CompactRangeOptions(), h, nullptr, nullptr),
                         "compact");
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status RocksDbStateStore::Flush() {
  for (auto* h : handles_) {
    Status s = FromRocks(db_->Flush(rocksdb::FlushOptions(), h), "flush");
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

uint64_t RocksDbStateStore::ApproximateDiskBytes(std::string_view ns) const {
  const int family = Family(ns);
  if (family < 0) return 0;
  auto* h = handles_[family];
  uint64_t bytes = 0;
  db_->GetIntProperty(h, "rocksdb.total-sst-files-size", &bytes);
  return bytes;
}

}  // namespace newsflow
