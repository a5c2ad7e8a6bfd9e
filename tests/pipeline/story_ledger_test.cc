// StoryLedger on a real RocksDB store: revisions, metadata kept on update, merged revisions
// after a richer DUPLICATE, and the same events when a page is processed again.
#include "pipeline/story_ledger.h"

#include <gtest/gtest.h>

#include "pipeline/namespaces.h"
#include "pipeline/pipeline.h"
#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

using Event = v1::ArticleEvent;

const char kStory[] = "0123456789abcdef0123456789abcdef";
const char kCopy[] = "fedcba9876543210fedcba9876543210";

Event Created(const std::string& id, const std::string& body) {
  Event e;
  e.set_article_id(id);
  e.set_event_type(Event::CREATED);
  e.mutable_dedup()->set_status(Event::Dedup::UNIQUE);
  e.set_page_url("https://a.example/story");
  e.set_fetched_at("2025-06-01T10:00:00Z");
  e.set_updated_at(e.fetched_at());
  e.set_schema_version(kArticleEventSchemaVersion);
  e.set_title("Harbour bridge reopens");
  e.set_source("Northport Gazette");
  e.set_body(body);
  return e;
}

Event Duplicate(const std::string& id, const std::string& of, const std::string& body) {
  Event e = Created(id, body);
  e.set_event_type(Event::DUPLICATE);
  e.mutable_dedup()->set_status(Event::Dedup::DUPLICATE);
  e.mutable_dedup()->set_duplicate_of(of);
  e.mutable_dedup()->set_kind(Event::Dedup::EXACT);
  e.mutable_dedup()->set_similarity(1);
  e.set_page_url("https://b.example/copy");
  e.set_fetched_at("2025-06-01T11:00:00Z");
  e.set_updated_at(e.fetched_at());
  e.set_source("Valley Courier");
  return e;
}

class StoryLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = RocksDbStateStore::Open(dir_.path(), Pipeline::Namespaces());
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    ledger_ = std::make_unique<StoryLedger>(store_.get());
  }
  std::vector<Event> Apply(std::vector<Event> events) {
    EXPECT_TRUE(ledger_->Apply(&events).ok());
    return events;
  }
  Event Recorded(const std::string& id) {
    std::string v;
    Event e;
    EXPECT_TRUE(store_->Get(state_ns::kArticles, id, &v).ok());
    EXPECT_TRUE(e.ParseFromString(v));
    return e;
  }
  testing::TempDir dir_;
  std::unique_ptr<RocksDbStateStore> store_;
  std::unique_ptr<StoryLedger> ledger_;
};

TEST_F(StoryLedgerTest, RevisionsCountFromOnePerArticleId) {
  auto out = Apply({Created(kStory, "first text")});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].revision(), 1u);
  Event upd = Created(kStory, "second text");
  upd.set_event_type(Event::UPDATED);
  out = Apply({upd, upd});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].revision(), 2u);
  EXPECT_EQ(out[1].revision(), 3u);
  EXPECT_EQ(Recorded(kStory).revision(), 3u);
  EXPECT_EQ(Recorded(kStory).body(), "second text");
}

TEST_F(StoryLedgerTest, ARecordWithoutRevisionIsRevisionOne) {
  Event old = Created(kStory, "text");
  ASSERT_TRUE(store_->Put(state_ns::kArticles, kStory, old.SerializeAsString()).ok());
  Event upd = Created(kStory, "new text");
  upd.set_event_type(Event::UPDATED);
  EXPECT_EQ(Apply({upd})[0].revision(), 2u);
}

TEST_F(StoryLedgerTest, AnUpdateKeepsMetadataTheNewTextLacks) {
  Event first = Created(kStory, "teaser");
  first.set_published_at("2025-05-30T08:15:00Z");
  first.add_tags("Local");
  Apply({first});
  Event full = Created(kStory, "the full text");
  full.set_event_type(Event::UPDATED);
  full.add_authors("A. Writer");
  Event out = Apply({full})[0];
  EXPECT_EQ(out.published_at(), "2025-05-30T08:15:00Z");
  ASSERT_EQ(out.tags_size(), 1);
  EXPECT_EQ(out.tags(0), "Local");
  ASSERT_EQ(out.authors_size(), 1);
  EXPECT_EQ(out.body(), "the full text");
  EXPECT_FALSE(out.has_merge());
}

TEST_F(StoryLedgerTest, ARicherDuplicateIsFollowedByAMergedUpdateOfTheStory) {
  Apply({Created(kStory, "body")});
  Event copy = Duplicate(kCopy, kStory, "body");
  copy.set_published_text("May 30, 2025");
  copy.set_published_at("2025-05-30T08:15:00Z");
  copy.add_tags("Local");
  auto out = Apply({copy});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].event_type(), Event::DUPLICATE);
  EXPECT_EQ(out[0].revision(), 0u);
  const Event& m = out[1];
  EXPECT_EQ(m.event_type(), Event::UPDATED);
  EXPECT_EQ(m.update_reason(), Event::METADATA_MERGED);
  EXPECT_EQ(m.article_id(), kStory);
  EXPECT_EQ(m.revision(), 2u);
  EXPECT_EQ(m.dedup().status(), Event::Dedup::SUPERSEDES);
  EXPECT_EQ(m.dedup().duplicate_of(), kStory);
  EXPECT_EQ(m.published_at(), "2025-05-30T08:15:00Z");
  EXPECT_EQ(m.published_text(), "May 30, 2025");
  ASSERT_EQ(m.tags_size(), 1);
  // The story's own fields stay: its page, fetch time and publisher.
  EXPECT_EQ(m.page_url(), "https://a.example/story");
  EXPECT_EQ(m.fetched_at(), "2025-06-01T10:00:00Z");
  EXPECT_EQ(m.source(), "Northport Gazette");
  EXPECT_EQ(m.updated_at(), "2025-06-01T11:00:00Z");
  EXPECT_EQ(m.merge().page_url(), "https://b.example/copy");
  EXPECT_EQ(m.merge().article_id(), kCopy);
  EXPECT_EQ(std::vector<std::string>(m.merge().fields().begin(), m.merge().fields().end()),
            (std::vector<std::string>{"published_text", "published_at", "tags"}));
  EXPECT_EQ(Recorded(kStory).SerializeAsString(), m.SerializeAsString());
  // The same copy again adds nothing: the story has it all now.
  EXPECT_EQ(Apply({copy}).size(), 1u);
}

TEST_F(StoryLedgerTest, ACopyWithNothingNewGivesOnlyTheDuplicate) {
  Event story = Created(kStory, "body");
  story.add_tags("Local");
  Apply({story});
  Event copy = Duplicate(kCopy, kStory, "body");
  copy.add_tags("World");  // the story has tags: a copy's are not added
  copy.set_title("");
  EXPECT_EQ(Apply({copy}).size(), 1u);
  EXPECT_TRUE(RicherFields(story, copy).empty());
}

TEST_F(StoryLedgerTest, TheBodyComesOnlyToATruncatedStoryWithItsTopics) {
  Event story = Created(kStory, "cut short...");
  story.set_truncated(true);
  Event longer = Duplicate(kCopy, kStory, "cut short, and then the whole of the text");
  longer.add_topics()->set_label("politics");
  EXPECT_EQ(RicherFields(story, longer), std::vector<std::string>{"body"});
  Event merged = story;
  TakeFields(longer, RicherFields(story, longer), &merged);
  EXPECT_EQ(merged.body(), longer.body());
  EXPECT_FALSE(merged.truncated());
  ASSERT_EQ(merged.topics_size(), 1);
  story.set_truncated(false);
  EXPECT_TRUE(RicherFields(story, longer).empty());
  story.set_truncated(true);
  longer.set_truncated(true);
  EXPECT_TRUE(RicherFields(story, longer).empty());
}

TEST_F(StoryLedgerTest, ADuplicateOfAnUnknownStoryMergesNothing) {
  Event copy = Duplicate(kCopy, kStory, "body");
  copy.add_tags("Local");
  auto out = Apply({copy});
  ASSERT_EQ(out.size(), 1u);
  std::string v;
  EXPECT_TRUE(store_->Get(state_ns::kArticles, kStory, &v).IsNotFound());
  EXPECT_TRUE(store_->Get(state_ns::kArticles, kCopy, &v).IsNotFound());
}

TEST_F(StoryLedgerTest, APageProcessedAgainOnTheSameStateGivesTheSameEvents) {
  Apply({Created(kStory, "body")});
  ASSERT_TRUE(store_->Commit().ok());
  Event copy = Duplicate(kCopy, kStory, "body");
  copy.add_authors("A. Writer");
  auto first = Apply({copy});
  store_->Rollback();  // an aborted batch
  auto again = Apply({copy});
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(first[1].SerializeAsString(), again[1].SerializeAsString());
  EXPECT_EQ(again[1].revision(), 2u);
}

}  // namespace
}  // namespace newsflow
