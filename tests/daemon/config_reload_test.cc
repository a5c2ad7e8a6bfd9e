// Config reload (daemon/config_reload.h): which changed keys apply at run time and which wait
// for a restart, a bad file rejected whole, and a reload applied to a real runtime (RocksDB in
// a temp dir): the changed stage rebuilt, the running config updated, log level changed.
#include "daemon/config_reload.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "daemon/kafka/ingest_service.h"
#include "daemon/logging.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

const std::string kTaxonomy =
    std::string(NEWSFLOW_SOURCE_DIR) + "/deploy/topics/iptc_media_topics.toml";

std::string Base(const std::string& extra = "") {
  return extra + "\n[classify]\ntaxonomy_path = \"" + kTaxonomy + "\"\n";
}

TEST(ConfigReloadTest, SplitsChangedKeysIntoAppliedAndNeedingARestart) {
  const std::string running = Base("[log]\nlevel = \"info\"\n[kafka]\nbrokers = \"a:9092\"\n");
  auto config = ParseConfig(running);
  ASSERT_TRUE(config.ok());
  config->storage.path = "/from/the/command/line";  // an override is kept
  const std::string next = Base(
      "[log]\nlevel = \"debug\"\nformat = \"json\"\n[kafka]\nbrokers = \"b:9092\"\n"
      "batch_max_ms = 50\n[dedup]\nnear_threshold = 0.6\nshingle_words = 4\n"
      "[storage]\nsync_wal = false\n");
  auto plan = PlanReload(running, next, *config, "new.toml");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->applied, (std::vector<std::string>{"dedup.near_threshold", "kafka.batch_max_ms",
                                                     "log.format", "log.level"}));
  EXPECT_EQ(plan->need_restart,
            (std::vector<std::string>{"dedup.shingle_words", "kafka.brokers", "storage.sync_wal"}));
  EXPECT_EQ(plan->stages, (std::vector<std::string>{"dedup"}));
  EXPECT_EQ(plan->next.log.level, "debug");
  EXPECT_EQ(plan->next.log.format, LogFormat::kJson);
  EXPECT_EQ(plan->next.kafka.batch_max_ms, 50);
  EXPECT_DOUBLE_EQ(plan->next.dedup.near_threshold, 0.6);
  // Restart-only keys keep their running values.
  EXPECT_EQ(plan->next.kafka.brokers, "a:9092");
  EXPECT_EQ(plan->next.dedup.shingle_words, config->dedup.shingle_words);
  EXPECT_TRUE(plan->next.storage.sync_wal);
  EXPECT_EQ(plan->next.storage.path, "/from/the/command/line");

  // Compared with what was applied, the restart-only keys are still listed; the applied are not.
  auto again = PlanReload(plan->next_text, next, plan->next, "new.toml");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->need_restart, plan->need_restart);
}

TEST(ConfigReloadTest, AKeyRemovedFromTheFileReturnsToItsDefault) {
  const std::string running = Base("[classify]\n");
  const std::string with =
      "[classify]\ntopic_threshold = 0.8\ntaxonomy_path = \"" + kTaxonomy + "\"\n";
  auto config = ParseConfig(with);
  ASSERT_TRUE(config.ok());
  auto plan = PlanReload(with, Base(), *config, "new.toml");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->applied, (std::vector<std::string>{"classify.topic_threshold"}));
  EXPECT_DOUBLE_EQ(plan->next.classify.topic_threshold, ClassifyOptions().topic_threshold);
}

TEST(ConfigReloadTest, AnInvalidFileIsRejectedNamingTheKey) {
  const std::string running = Base();
  auto config = ParseConfig(running);
  ASSERT_TRUE(config.ok());
  for (const auto& [text, key] : std::vector<std::pair<std::string, std::string>>{
           {Base("[dedup]\nnear_threshold = 7.0\n"), "dedup.near_threshold"},
           {Base("[log]\nlevel = \"loud\"\n"), "log.level"},
           {Base("[log]\nformat = \"xml\"\n"), "log.format"},
           {Base("[kafka.properties]\n\"fetch.wait.max.ms\" = \"soon\"\n"),
            "kafka.properties.fetch.wait.max.ms"},
           {Base("[kafka]\nbrokerz = \"x\"\n"), "kafka.brokerz"},
           {"[log\n", "new.toml"}}) {
    SCOPED_TRACE(key);
    auto plan = PlanReload(running, text, *config, "new.toml");
    ASSERT_FALSE(plan.ok());
    EXPECT_NE(plan.status().message().find(key), std::string::npos) << plan.status().ToString();
  }
}

class ConfigReloaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() + "/newsflow.toml";
    Write(Base());
    auto config = ParseConfig(Base());
    ASSERT_TRUE(config.ok());
    config_ = *config;
    auto rt = Runtime::Open(config_, dir_.path() + "/state", IngestService::Namespaces(config_),
                            WalSync::kNoSync);
    ASSERT_TRUE(rt.ok()) << rt.status().ToString();
    runtime_ = std::move(rt).value();
  }
  void TearDown() override { SetLogLevel("info"); }
  void Write(const std::string& text) { std::ofstream(path_, std::ios::trunc) << text; }

  testing::TempDir dir_;
  std::string path_;
  Config config_;
  std::unique_ptr<Runtime> runtime_;
};

TEST_F(ConfigReloaderTest, AppliesThresholdsAndLevelRebuildingOnlyTheChangedStage) {
  ConfigReloader reloader(path_, Base(), &config_, runtime_.get());
  const Stage* dedup = runtime_->pipeline().FindStage("dedup");
  const Stage* clean = runtime_->pipeline().FindStage("clean");
  Write(
      Base("[log]\nlevel = \"debug\"\n[dedup]\nnear_threshold = 0.65\n[kafka]\n"
           "group_id = \"other\"\n"));
  ReloadReport report = reloader.Reload();
  EXPECT_EQ(report.result, ReloadReport::Result::kPartial) << report.error;
  EXPECT_EQ(report.applied, (std::vector<std::string>{"dedup.near_threshold", "log.level"}));
  EXPECT_EQ(report.need_restart, (std::vector<std::string>{"kafka.group_id"}));
  EXPECT_DOUBLE_EQ(config_.dedup.near_threshold, 0.65);
  EXPECT_EQ(config_.kafka.group_id, "newsflow");
  EXPECT_EQ(spdlog::get_level(), spdlog::level::debug);
  EXPECT_NE(runtime_->pipeline().FindStage("dedup"), dedup);  // rebuilt with the new options
  EXPECT_EQ(runtime_->pipeline().FindStage("clean"), clean);  // untouched
  EXPECT_EQ(runtime_->pipeline().stage_counters().size(), 4u);
}

TEST_F(ConfigReloaderTest, ABadFileOrAMissingModelChangesNothing) {
  ConfigReloader reloader(path_, Base(), &config_, runtime_.get());
  const Stage* classify = runtime_->pipeline().FindStage("classify");
  Write(Base("[log]\nlevel = \"debug\"\n[dedup]\nnear_threshold = 9\n"));
  ReloadReport bad = reloader.Reload();
  EXPECT_EQ(bad.result, ReloadReport::Result::kRejected);
  EXPECT_NE(bad.error.find("dedup.near_threshold"), std::string::npos) << bad.error;
  // Valid TOML and keys, but a model file that is not there: the stage cannot be built.
  Write("[log]\nlevel = \"debug\"\n[classify]\ntaxonomy_path = \"" + kTaxonomy +
        "\"\ntopic_model_path = \"" + dir_.path() + "/no-such-model\"\n");
  ReloadReport missing = reloader.Reload();
  EXPECT_EQ(missing.result, ReloadReport::Result::kRejected);
  EXPECT_NE(missing.error.find("no-such-model"), std::string::npos) << missing.error;
  EXPECT_EQ(config_.log.level, "info");
  EXPECT_EQ(spdlog::get_level(), spdlog::level::info);
  EXPECT_DOUBLE_EQ(config_.dedup.near_threshold, DedupOptions().near_threshold);
  EXPECT_TRUE(config_.classify.topic_model_path.empty());
  EXPECT_EQ(runtime_->pipeline().FindStage("classify"), classify);
  // Unchanged file: applied, nothing changed but the taxonomy re-read.
  Write(Base());
  ReloadReport same = reloader.Reload();
  EXPECT_EQ(same.result, ReloadReport::Result::kApplied) << same.error;
  EXPECT_TRUE(same.applied.empty());
}

}  // namespace
}  // namespace newsflow
