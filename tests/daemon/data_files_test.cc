#include "daemon/data_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

TEST(DataFilesTest, AnExistingConfiguredPathWins) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/my_topics.toml";
  std::ofstream(path) << "x";
  EXPECT_EQ(FindDataFile(path, "topics/iptc_media_topics.toml"), path);
}

// The test binary sits in build/bin, as newsflowctl does: the checkout's deploy/ is found
// relative to it, not through a compiled-in source path.
TEST(DataFilesTest, TheBuildTreeFindsTheCheckoutsDeployFolder) {
  const std::string found =
      FindDataFile("no/such/iptc_media_topics.toml", "topics/iptc_media_topics.toml");
  const fs::path expected =
      fs::path(NEWSFLOW_SOURCE_DIR) / "deploy" / "topics" / "iptc_media_topics.toml";
  EXPECT_EQ(fs::weakly_canonical(found), fs::weakly_canonical(expected));
}

TEST(DataFilesTest, NothingFoundReturnsTheConfiguredPath) {
  EXPECT_EQ(FindDataFile("no/such.toml", "topics/no_such_file.toml"), "no/such.toml");
}

TEST(DataFilesTest, SearchOrderIsInstalledTreeThenBuildTreeThenSystem) {
  const std::vector<std::string> dirs = DataDirs();
  ASSERT_EQ(dirs.size(), 4u);
  EXPECT_EQ(fs::path(dirs[0]).filename(), "newsflow");
  EXPECT_EQ(fs::path(dirs[0]).parent_path().filename(), "share");
  EXPECT_EQ(fs::path(dirs[1]).filename(), "deploy");
  EXPECT_EQ(dirs[2], "/usr/share/newsflow");
  EXPECT_EQ(dirs[3], "/etc/newsflow");
}

}  // namespace
}  // namespace newsflow
