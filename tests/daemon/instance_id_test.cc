#include "daemon/instance_id.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

TEST(InstanceIdTest, MadeOnceThenStableAndDistinctPerStateDir) {
  testing::TempDir a, b;
  auto first = LoadOrCreateInstanceId(a.path() + "/state");  // the directory is created
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->size(), 16u);
  auto again = LoadOrCreateInstanceId(a.path() + "/state");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);  // a restart keeps its id (and fences its own zombie)
  auto other = LoadOrCreateInstanceId(b.path());
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *first);  // another instance from the same config gets another
  EXPECT_EQ(DerivedTransactionalId("newsflow", *first), "newsflow-" + *first);
}

TEST(InstanceIdTest, AGarbledFileIsAnErrorNotANewId) {
  testing::TempDir dir;
  std::ofstream(dir.path() + "/instance_id") << "not-an-id\n";
  auto id = LoadOrCreateInstanceId(dir.path());
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.status().message().find("instance_id"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
