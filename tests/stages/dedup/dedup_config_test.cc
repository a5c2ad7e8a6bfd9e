// The dedup stage's option rules, checked once (ValidateDedupOptions) by both the config
// parser and the factory.
#include "stages/dedup/dedup_config.h"

#include <gtest/gtest.h>

#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

TEST(DedupConfigTest, DefaultsAreValid) { EXPECT_TRUE(ValidateDedupOptions({}).ok()); }

TEST(DedupConfigTest, ErrorsNameTheKey) {
  DedupOptions o;
  o.teaser_max_words = o.sketch_size;
  Status s = ValidateDedupOptions(o);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "dedup.teaser_max_words: must be < sketch_size");
  o = {};
  o.cut_copy_containment = 0;
  EXPECT_NE(ValidateDedupOptions(o).message().find("dedup.cut_copy_containment"),
            std::string::npos);
}

TEST(DedupConfigTest, TheFactoryRefusesAZeroRetention) {
  testing::TempDir dir;
  DedupOptions o;
  o.retention_days = 0;
  auto store = RocksDbStateStore::Open(dir.path() + "/state", DedupNamespaces(DedupOptions{}));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  StageContext ctx;
  ctx.store = store.value().get();
  auto stage = MakeDedupStage(o, ctx);
  ASSERT_FALSE(stage.ok());
  EXPECT_EQ(stage.status().message(), "dedup.retention_days: must be > 0");
  o.retention_days = 1;
  EXPECT_TRUE(MakeDedupStage(o, ctx).ok());
}

}  // namespace
}  // namespace newsflow
