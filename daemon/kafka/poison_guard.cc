#include "daemon/kafka/poison_guard.h"

#include <algorithm>
#include <optional>
#include <string>

#include "pipeline/namespaces.h"

namespace newsflow {
namespace {

bool Overlaps(const v1::InflightRecord& a, const v1::InflightRecord& b) {
  return a.first_offset() <= b.last_offset() && b.first_offset() <= a.last_offset();
}

// How many processes died on `offset` according to the marker a dead process left.
int DeathsOn(int64_t offset, const v1::InflightRecord& died_on) {
  if (died_on.careful_deaths() > 0) {
    // That process was careful too: it died on exactly careful_offset.
    return died_on.careful_offset() == offset ? died_on.careful_deaths() : 0;
  }
  // It died on some page of its batch, perhaps this one.
  return offset >= died_on.first_offset() && offset <= died_on.last_offset() ? 1 : 0;
}

// What a careful partition's marker keeps once the batch committed offsets up to `done`: the
// part of the dead process's range the batch did not reach, or nothing.
std::optional<v1::InflightRecord> Remainder(const v1::InflightRecord& died_on, int64_t done) {
  if (died_on.last_offset() <= done) return std::nullopt;
  v1::InflightRecord rest = died_on;
  rest.set_first_offset(std::max(rest.first_offset(), done + 1));
  if (rest.careful_deaths() > 0 && rest.careful_offset() <= done) {
    rest.clear_careful_offset();
    rest.clear_careful_deaths();
  }
  return rest;
}

}  // namespace

NamespaceSpec PoisonGuard::Namespace() { return {state_ns::kInflight, 0}; }

Status PoisonGuard::BeginBatch(const std::vector<SourcePosition>& fresh) {
  for (const SourcePosition& p : fresh) {
    auto [it, inserted] = partitions_.try_emplace(p.topic_partition());
    v1::InflightRecord& r = it->second.marker;
    if (inserted || p.offset < r.first_offset()) r.set_first_offset(p.offset);
    if (inserted || p.offset > r.last_offset()) r.set_last_offset(p.offset);
  }
  if (partitions_.empty()) return Status::Ok();  // a replay: nothing runs the pipeline
  for (auto& [tp, state] : partitions_) {
    const std::string key = PartitionKey(tp.first, tp.second);
    std::string value;
    if (store_->Get(state_ns::kInflight, key, &value).ok() &&
        state.died_on.ParseFromString(value) && Overlaps(state.died_on, state.marker)) {
      state.careful = true;
      careful_ = true;
    }
    Status s = store_->Put(state_ns::kInflight, key, state.marker.SerializeAsString());
    if (!s.ok()) return s;
  }
  // The batch's final commit is synced (storage.sync_wal) and makes this durable too.
  return store_->Commit(WalSync::kNoSync);
}

std::vector<PoisonGuard::CarefulPartition> PoisonGuard::CarefulPartitions() const {
  std::vector<CarefulPartition> out;
  for (const auto& [tp, state] : partitions_) {
    if (state.careful) out.push_back({tp, state.died_on, state.marker});
  }
  return out;
}

StatusOr<PoisonGuard::PageVerdict> PoisonGuard::BeforePage(const SourcePosition& page) {
  PageVerdict verdict;
  if (!careful_) return verdict;
  auto it = partitions_.find(page.topic_partition());
  if (it == partitions_.end()) {
    return Status::Internal("poison guard: " + PositionKey(page) + " is not in the batch");
  }
  PartitionState& state = it->second;
  // A partition careful only because the batch is: its last process did not die on it.
  verdict.deaths = state.careful ? DeathsOn(page.offset, state.died_on) : 0;
  if (verdict.deaths >= kMaxPageDeaths) {
    verdict.dead_letter = true;
    return verdict;
  }
  state.marker.set_careful_offset(page.offset);
  state.marker.set_careful_deaths(verdict.deaths + 1);
  Status s = store_->Put(state_ns::kInflight, PartitionKey(page.topic, page.partition),
                         state.marker.SerializeAsString());
  // Also commits the outcomes and state of the pages before this one, with the Kafka
  // transaction still open: a process dying now leaves it to abort, and the next one replays
  // those pages from the outcome memo (the same events) instead of running them again.
  if (s.ok()) s = store_->Commit(WalSync::kNoSync);
  if (!s.ok()) return s;
  return verdict;
}

Status PoisonGuard::AfterPage() {
  // The page survived: its outcome is kept now, so a death on a later page is not blamed on
  // it (the marker still names it, but a memoised page is replayed, not run).
  return careful_ ? store_->Commit(WalSync::kNoSync) : Status::Ok();
}

void PoisonGuard::EndCommitted() {
  for (const auto& [tp, state] : partitions_) {
    const std::string key = PartitionKey(tp.first, tp.second);
    std::optional<v1::InflightRecord> rest;
    if (state.careful) rest = Remainder(state.died_on, state.marker.last_offset());
    if (rest) {
      store_->Put(state_ns::kInflight, key, rest->SerializeAsString());
    } else {
      store_->Delete(state_ns::kInflight, key);
    }
  }
}

Status PoisonGuard::EndAborted() {
  for (const auto& [tp, state] : partitions_) {
    const std::string key = PartitionKey(tp.first, tp.second);
    if (state.careful) {
      store_->Put(state_ns::kInflight, key, state.died_on.SerializeAsString());
    } else {
      store_->Delete(state_ns::kInflight, key);
    }
  }
  return store_->Commit(WalSync::kNoSync);
}

}  // namespace newsflow
