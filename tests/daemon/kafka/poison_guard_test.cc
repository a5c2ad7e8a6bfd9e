// PoisonGuard's rules on a real RocksDB in a temp dir. A process death is a guard (and store)
// dropped without EndCommitted/EndAborted; the next process is a store reopened on the same
// directory, which sees only what was committed.
#include "daemon/kafka/poison_guard.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/kafka/outcome_memo.h"
#include "pipeline/namespaces.h"
#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

std::vector<SourcePosition> Offsets(const std::string& topic, int32_t partition, int64_t first,
                                    int64_t last) {
  std::vector<SourcePosition> out;
  for (int64_t o = first; o <= last; ++o) out.push_back({topic, partition, o});
  return out;
}

class PoisonGuardTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  // A new process on the same state directory: uncommitted writes are gone.
  void Reopen() {
    store_.reset();
    auto store =
        RocksDbStateStore::Open(dir_.path(), {PoisonGuard::Namespace(), OutcomeMemo::Namespace(7)});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  // The marker stored for the partition, or nullopt.
  std::optional<v1::InflightRecord> Marker(const std::string& topic, int32_t partition) {
    std::string value;
    if (!store_->Get(state_ns::kInflight, PartitionKey(topic, partition), &value).ok()) {
      return std::nullopt;
    }
    v1::InflightRecord r;
    EXPECT_TRUE(r.ParseFromString(value));
    return r;
  }

  // Runs pages [first, last] of "pages"[0] in a careful batch, memoising each outcome, and
  // "dies" on `die_at` (BeforePage done, process gone). Returns the verdicts seen.
  std::vector<PoisonGuard::PageVerdict> RunCarefulUntilDeath(int64_t first, int64_t last,
                                                             int64_t die_at) {
    std::vector<PoisonGuard::PageVerdict> verdicts;
    PoisonGuard guard(store_.get());
    EXPECT_TRUE(guard.BeginBatch(Offsets("pages", 0, first, last)).ok());
    EXPECT_TRUE(guard.careful());
    OutcomeMemo memo(store_.get());
    for (int64_t o = first; o <= last; ++o) {
      auto v = guard.BeforePage({"pages", 0, o});
      EXPECT_TRUE(v.ok());
      verdicts.push_back(*v);
      if (o == die_at) break;
      EXPECT_TRUE(memo.Record({"pages", 0, o}, v1::PageOutcomeRecord()).ok());
      EXPECT_TRUE(guard.AfterPage().ok());
    }
    Reopen();
    return verdicts;
  }

  testing::TempDir dir_;
  std::unique_ptr<RocksDbStateStore> store_;
};

TEST_F(PoisonGuardTest, ABatchWithoutAMarkerIsNotCarefulAndLeavesNoneWhenCommitted) {
  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
  EXPECT_FALSE(guard.careful());
  EXPECT_TRUE(guard.CarefulPartitions().empty());
  auto v = guard.BeforePage({"pages", 0, 3});
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->dead_letter);
  EXPECT_EQ(v->deaths, 0);
  guard.EndCommitted();
  ASSERT_TRUE(store_->Commit().ok());
  Reopen();
  EXPECT_FALSE(Marker("pages", 0).has_value());
}

TEST_F(PoisonGuardTest, TheMarkerSurvivesADeathAndMakesTheNextBatchCareful) {
  {
    PoisonGuard guard(store_.get());
    ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
  }
  Reopen();  // died mid-batch
  auto marker = Marker("pages", 0);
  ASSERT_TRUE(marker.has_value());
  EXPECT_EQ(marker->first_offset(), 0);
  EXPECT_EQ(marker->last_offset(), 9);

  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
  EXPECT_TRUE(guard.careful());
  auto careful = guard.CarefulPartitions();
  ASSERT_EQ(careful.size(), 1u);
  EXPECT_EQ(careful[0].died_on.last_offset(), 9);
  // Every page of the dead batch may be the one: one death each, so each runs alone.
  auto v = guard.BeforePage({"pages", 0, 4});
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->dead_letter);
  EXPECT_EQ(v->deaths, 1);
  EXPECT_EQ(Marker("pages", 0)->careful_offset(), 4);  // committed before the page runs
  EXPECT_EQ(Marker("pages", 0)->careful_deaths(), 2);
}

TEST_F(PoisonGuardTest, APageDiedOnInItsBatchAndAloneIsDeadLetteredOthersRun) {
  {
    PoisonGuard guard(store_.get());
    ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
  }
  Reopen();                                  // death 1: in its batch
  RunCarefulUntilDeath(0, 9, /*die_at=*/5);  // death 2: alone
  OutcomeMemo memo(store_.get());
  for (int64_t o = 0; o < 5; ++o) {
    EXPECT_TRUE(memo.Find({"pages", 0, o}).has_value()) << "outcome of " << o << " kept";
  }
  EXPECT_FALSE(memo.Find({"pages", 0, 5}).has_value());

  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 5, 9)).ok());  // 0..4 are replays
  EXPECT_TRUE(guard.careful());
  auto poison = guard.BeforePage({"pages", 0, 5});
  ASSERT_TRUE(poison.ok());
  EXPECT_TRUE(poison->dead_letter);
  EXPECT_EQ(poison->deaths, PoisonGuard::kMaxPageDeaths);
  auto next = guard.BeforePage({"pages", 0, 6});
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->dead_letter);
  EXPECT_EQ(next->deaths, 0);  // the careful process died on 5 alone: 6 is innocent
}

TEST_F(PoisonGuardTest, ACarefulBatchKeepsTheDeadRangeItDidNotReach) {
  {
    PoisonGuard guard(store_.get());
    ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
  }
  Reopen();
  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 3)).ok());  // a smaller batch
  ASSERT_TRUE(guard.careful());
  for (int64_t o = 0; o <= 3; ++o) {
    ASSERT_TRUE(guard.BeforePage({"pages", 0, o}).ok());
    ASSERT_TRUE(guard.AfterPage().ok());
  }
  guard.EndCommitted();
  ASSERT_TRUE(store_->Commit().ok());
  Reopen();
  auto rest = Marker("pages", 0);
  ASSERT_TRUE(rest.has_value());
  EXPECT_EQ(rest->first_offset(), 4);
  EXPECT_EQ(rest->last_offset(), 9);
  EXPECT_EQ(rest->careful_deaths(), 0);
  // The pages it did not reach are still suspects: the next batch over them is careful.
  PoisonGuard later(store_.get());
  ASSERT_TRUE(later.BeginBatch(Offsets("pages", 0, 4, 9)).ok());
  EXPECT_TRUE(later.careful());
}

TEST_F(PoisonGuardTest, AnAbortedBatchRestoresTheMarkersItFound) {
  {
    PoisonGuard guard(store_.get());
    ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
  }
  Reopen();
  {
    PoisonGuard guard(store_.get());
    ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
    ASSERT_TRUE(guard.BeforePage({"pages", 0, 0}).ok());  // marker now names page 0
    store_->Rollback();
    ASSERT_TRUE(guard.EndAborted().ok());
  }
  Reopen();
  auto restored = Marker("pages", 0);
  ASSERT_TRUE(restored.has_value());
  EXPECT_EQ(restored->first_offset(), 0);
  EXPECT_EQ(restored->last_offset(), 9);
  EXPECT_EQ(restored->careful_deaths(), 0);  // not a death on page 0
  // A batch that was not careful and aborted leaves no marker (nobody died).
  store_->Delete(state_ns::kInflight, PartitionKey("pages", 0));
  ASSERT_TRUE(store_->Commit().ok());
  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 10, 19)).ok());
  ASSERT_FALSE(guard.careful());
  store_->Rollback();
  ASSERT_TRUE(guard.EndAborted().ok());
  EXPECT_FALSE(Marker("pages", 0).has_value());
}

TEST_F(PoisonGuardTest, OneCarefulPartitionMakesTheWholeBatchCareful) {
  {
    PoisonGuard guard(store_.get());
    ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 4)).ok());
  }
  Reopen();
  std::vector<SourcePosition> fresh = Offsets("pages", 0, 0, 4);
  for (const auto& p : Offsets("pages", 1, 100, 104)) fresh.push_back(p);
  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch(fresh).ok());
  ASSERT_EQ(guard.CarefulPartitions().size(), 1u);
  EXPECT_EQ(guard.CarefulPartitions()[0].topic_partition.second, 0);
  // Partition 1's page runs alone too (its marker names it), with no death counted.
  auto v = guard.BeforePage({"pages", 1, 102});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->deaths, 0);
  EXPECT_EQ(Marker("pages", 1)->careful_offset(), 102);
  EXPECT_EQ(Marker("pages", 1)->careful_deaths(), 1);
}

TEST_F(PoisonGuardTest, AMarkerOutsideTheBatchIsNotADeathOnIt) {
  {
    PoisonGuard guard(store_.get());
    ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 0, 9)).ok());
  }
  Reopen();
  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch(Offsets("pages", 0, 10, 19)).ok());
  EXPECT_FALSE(guard.careful());
  EXPECT_EQ(Marker("pages", 0)->first_offset(), 10);  // replaced by this batch's
}

TEST_F(PoisonGuardTest, AReplayWritesNoMarker) {
  PoisonGuard guard(store_.get());
  ASSERT_TRUE(guard.BeginBatch({}).ok());
  EXPECT_FALSE(guard.careful());
  Reopen();
  EXPECT_FALSE(Marker("pages", 0).has_value());
}

}  // namespace
}  // namespace newsflow
