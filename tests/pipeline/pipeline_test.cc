// The Pipeline with small stages of its own (test doubles of the Stage interface, not of
// storage) and a real RocksDB store.
#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include "pipeline/namespaces.h"
#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

// A stand-in id for the article titled `title`.
ArticleId TestId(const std::string& title) { return ArticleId::OfText("id-" + title); }

class FixedClock : public Clock {
 public:
  int64_t NowMs() const override { return 1748779200000; }
};

// Makes one article per line of the body; dead-letters bodies starting with "reject".
class LinesToArticles : public Stage {
 public:
  std::string_view name() const override { return "lines"; }
  StageResult Process(PageWork& w) override {
    const std::string& body = w.raw->body();
    if (body.rfind("reject", 0) == 0) return StageResult::DeadLetter("rejected on purpose");
    w.page.url = w.raw->url();
    w.page.fetched_at_ms = w.raw->fetched_at_ms();
    size_t start = 0;
    while (start < body.size()) {
      size_t end = body.find('\n', start);
      if (end == std::string::npos) end = body.size();
      Article a;
      a.title = body.substr(start, end - start);
      a.body = a.title;
      a.position = static_cast<uint32_t>(w.articles.size());
      a.article_id = TestId(a.title);
      w.articles.push_back(a);
      start = end + 1;
    }
    return StageResult::Continue();
  }
};

// Marks articles titled "dup*" as duplicates of "id-orig", "upd*" as superseding.
class MarkDuplicates : public Stage {
 public:
  std::string_view name() const override { return "mark"; }
  StageResult Process(PageWork& w) override {
    for (auto& a : w.articles) {
      if (a.title.rfind("dup", 0) == 0) {
        a.dedup = {DedupStatus::kDuplicate, DuplicateKind::kNear, TestId("orig"), 0.8};
      } else if (a.title.rfind("upd", 0) == 0) {
        a.dedup = {DedupStatus::kSupersedes, DuplicateKind::kTeaser, TestId("orig"), 0.9};
        a.article_id = TestId("orig");
      }
    }
    return StageResult::Continue();
  }
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = RocksDbStateStore::Open(dir_.path(), Pipeline::Namespaces());
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    std::vector<std::unique_ptr<Stage>> stages;
    stages.push_back(std::make_unique<LinesToArticles>());
    stages.push_back(std::make_unique<MarkDuplicates>());
    pipeline_ = std::make_unique<Pipeline>(std::move(stages), store_.get(), &clock_);
  }
  v1::RawPage Raw(const std::string& body) {
    v1::RawPage r;
    r.set_url("https://x.example/p");
    r.set_fetched_at_ms(1748779200000);
    r.set_body(body);
    return r;
  }
  testing::TempDir dir_;
  FixedClock clock_;
  std::unique_ptr<RocksDbStateStore> store_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineTest, VerdictsMapToEventTypes) {
  auto out = pipeline_->Process(Raw("orig\ndup copy\nupd full"));
  ASSERT_EQ(out.kind, PageOutcome::Kind::kProcessed);
  ASSERT_EQ(out.events.size(), 3u);
  EXPECT_EQ(out.events[0].event_type(), v1::ArticleEvent::CREATED);
  EXPECT_EQ(out.events[0].dedup().status(), v1::ArticleEvent::Dedup::UNIQUE);
  EXPECT_EQ(out.events[1].event_type(), v1::ArticleEvent::DUPLICATE);
  EXPECT_EQ(out.events[1].dedup().duplicate_of(), TestId("orig").Hex());
  EXPECT_EQ(out.events[1].dedup().kind(), v1::ArticleEvent::Dedup::NEAR);
  EXPECT_EQ(out.events[2].event_type(), v1::ArticleEvent::UPDATED);
  EXPECT_EQ(out.events[2].article_id(), TestId("orig").Hex());
  EXPECT_EQ(out.events[0].fetched_at(), "2025-06-01T12:00:00Z");
  EXPECT_EQ(pipeline_->counters().created, 1u);
  EXPECT_EQ(pipeline_->counters().duplicates, 1u);
  EXPECT_EQ(pipeline_->counters().updated, 1u);
}

TEST_F(PipelineTest, PublishedArticlesAreStoredDuplicatesAreNot) {
  pipeline_->Process(Raw("orig\ndup copy"));
  ASSERT_TRUE(store_->Commit().ok());
  std::string v;
  ASSERT_TRUE(store_->Get(state_ns::kArticles, TestId("orig").Hex(), &v).ok());
  v1::ArticleEvent ev;
  ASSERT_TRUE(ev.ParseFromString(v));
  EXPECT_EQ(ev.title(), "orig");
  EXPECT_TRUE(store_->Get(state_ns::kArticles, TestId("dup copy").Hex(), &v).IsNotFound());
  ASSERT_TRUE(store_->Get(state_ns::kUrlIndex, "https://x.example/p#0", &v).ok());
  EXPECT_EQ(v, TestId("orig").Hex());
}

TEST_F(PipelineTest, DeadLetterStopsThePageAndNamesTheStage) {
  auto out = pipeline_->Process(Raw("reject this"));
  EXPECT_EQ(out.kind, PageOutcome::Kind::kDeadLetter);
  EXPECT_EQ(out.failed_stage, "lines");
  EXPECT_EQ(out.dead_letter_reason, "rejected on purpose");
  EXPECT_TRUE(out.events.empty());
  EXPECT_EQ(pipeline_->stage_counters()[0].dead_lettered, 1u);
  EXPECT_EQ(pipeline_->stage_counters()[1].pages_in, 0u);
}

}  // namespace
}  // namespace newsflow
