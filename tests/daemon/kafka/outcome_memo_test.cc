// OutcomeMemo, OffsetLedger and their keys on a real RocksDB in a temp dir.
#include "daemon/kafka/outcome_memo.h"

#include <gtest/gtest.h>

#include <memory>

#include "daemon/kafka/offset_ledger.h"
#include "daemon/kafka/source_position.h"
#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

class IngestRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto store = RocksDbStateStore::Open(dir_.path(),
                                         {OutcomeMemo::Namespace(7), OffsetLedger::Namespace()});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  testing::TempDir dir_;
  std::unique_ptr<RocksDbStateStore> store_;
};

TEST(SourcePositionTest, KeysAreTheOnDiskFormat) {
  EXPECT_EQ(PartitionKey("pages", 10), "pages|0000000a");
  EXPECT_EQ(PositionKey({"pages", 10, 255}), "pages|0000000a|00000000000000ff");
}

TEST_F(IngestRecordsTest, AnOutcomeIsFoundOnlyForItsOwnOffsetOnceCommitted) {
  OutcomeMemo memo(store_.get());
  EXPECT_FALSE(memo.Find({"pages", 0, 41}).has_value());
  v1::PageOutcomeRecord outcome;
  outcome.set_failed_stage("clean");
  outcome.set_dead_letter_reason("no article content found");
  outcome.add_events()->set_article_id("0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(memo.Record({"pages", 0, 41}, outcome).ok());
  ASSERT_TRUE(store_->Commit().ok());
  Reopen();
  OutcomeMemo reopened(store_.get());
  auto found = reopened.Find({"pages", 0, 41});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->failed_stage(), "clean");
  ASSERT_EQ(found->events_size(), 1);
  EXPECT_EQ(found->events(0).article_id(), "0123456789abcdef0123456789abcdef");
  EXPECT_FALSE(reopened.Find({"pages", 0, 42}).has_value());
  EXPECT_FALSE(reopened.Find({"pages", 1, 41}).has_value());
  EXPECT_FALSE(reopened.Find({"other", 0, 41}).has_value());
}

TEST_F(IngestRecordsTest, AnUncommittedOutcomeIsLostWithTheProcess) {
  OutcomeMemo memo(store_.get());
  ASSERT_TRUE(memo.Record({"pages", 0, 1}, v1::PageOutcomeRecord()).ok());
  Reopen();
  EXPECT_FALSE(OutcomeMemo(store_.get()).Find({"pages", 0, 1}).has_value());
}

TEST_F(IngestRecordsTest, TheLedgerKeepsTheNextOffsetPerPartition) {
  OffsetLedger ledger(store_.get());
  EXPECT_FALSE(ledger.Find("pages", 0).has_value());
  ASSERT_TRUE(ledger.Record("pages", 0, 120).ok());
  ASSERT_TRUE(ledger.Record("pages", 3, 7).ok());
  ASSERT_TRUE(store_->Commit().ok());
  Reopen();
  OffsetLedger reopened(store_.get());
  EXPECT_EQ(reopened.Find("pages", 0), 120);
  EXPECT_EQ(reopened.Find("pages", 3), 7);
  EXPECT_FALSE(reopened.Find("pages", 1).has_value());
}

TEST(OffsetLedgerTest, StartsAtTheLaterOfTheGroupsOffsetAndTheRecordedOne) {
  EXPECT_EQ(OffsetLedger::StartOffset(100, 120), 120);    // the broker lost the offset commit
  EXPECT_EQ(OffsetLedger::StartOffset(130, 120), 130);    // the group moved on
  EXPECT_EQ(OffsetLedger::StartOffset(-1001, 120), 120);  // no committed offset
  EXPECT_EQ(OffsetLedger::StartOffset(-1001, std::nullopt), -1001);
  EXPECT_EQ(OffsetLedger::StartOffset(50, std::nullopt), 50);
}

}  // namespace
}  // namespace newsflow
