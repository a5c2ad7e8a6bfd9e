// The dedup stage on a real RocksDB store in a temp dir, with fictional articles.
#include "stages/dedup/dedup_stage.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "pipeline/article_id.h"
#include "pipeline/text_hash.h"
#include "storage/rocksdb_state_store.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

// A story about a bridge in a fictional town.
const char kBridge[] =
    "The council of Marrowby voted on Tuesday to close the Old Tanner Bridge to all motor "
    "traffic from the first of March, after engineers found deep cracks in two of its stone "
    "arches.\n"
    "Councillor Ada Pellow, who chairs the transport committee, said the decision had not been "
    "taken lightly and that the bridge had carried carts and cars across the river Lune for "
    "more than two hundred years. Pedestrians and cyclists will still be allowed to cross while "
    "repairs are planned.\n"
    "Local shop owners on Quay Street fear the closure will cost them customers. Martin Oduya, "
    "who runs a bakery beside the bridge, said trade had already fallen since the weight limit "
    "was lowered in the autumn and that a long diversion would keep visitors away.\n"
    "The council expects the repairs to cost about four million pounds and hopes the regional "
    "fund will pay for most of the work. A public meeting about the diversion routes will be "
    "held in the town hall next Thursday evening.";

// Another story on the same topic in the same town: a look-alike, not a copy.
const char kBridgeLookAlike[] =
    "Engineers in Marrowby began a detailed survey of the New Mill Bridge on Monday, weeks "
    "after the council voted to shut the older crossing upstream to motor traffic.\n"
    "The survey team will spend a fortnight drilling small cores from the concrete deck and "
    "testing the steel cables with ultrasound, a spokeswoman for the highways department said. "
    "The New Mill Bridge now carries most of the traffic that used to cross the river Lune in "
    "the town centre.\n"
    "Drivers have complained of queues of up to forty minutes at peak times since the "
    "diversion began. The department said it would add a second set of traffic lights at the "
    "north end of the bridge to ease the delays.\n"
    "A public meeting about the diversion routes will be held in the town hall next Thursday "
    "evening.";

// An unrelated story.
const char kChoir[] =
    "A choir of retired postal workers from Glenhollow has won the national amateur singing "
    "contest at its first attempt, beating forty other groups in the final on Saturday night.\n"
    "The twenty-two singers, whose average age is seventy-one, performed a medley of sea "
    "shanties and a hymn written by their conductor, Ellen Marsh, a former sorting office "
    "manager. The judges praised the choir's timing and its warmth.\n"
    "The prize includes a recording session at a studio in the capital and a place at the "
    "summer festival in Harrowgate, where the choir will open the main stage on the Friday "
    "afternoon. Members said they would spend part of the prize money on a minibus.";

std::string Teaser(const std::string& body, size_t words) {
  size_t pos = 0;
  for (size_t i = 0; i < words && pos != std::string::npos; ++i) {
    pos = body.find_first_of(" \n", pos + 1);
  }
  return body.substr(0, pos);
}

// Whether a test page's writes are committed at once or left in the open batch.
enum class Batch { kCommit, kKeepOpen };

class DedupStageTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    stage_.reset();
    store_.reset();
    auto store = RocksDbStateStore::Open(dir_.path() + "/state", DedupNamespaces(options_));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store.value());
    StageContext ctx;
    ctx.store = store_.get();
    auto stage = MakeDedupStage(options_, ctx);
    ASSERT_TRUE(stage.ok()) << stage.status().ToString();
    stage_ = std::move(stage.value());
  }

  // Runs one page with the given articles (title, body[, url]) and commits; returns them.
  std::vector<Article> Page(const std::string& page_url,
                            const std::vector<std::vector<std::string>>& articles,
                            Batch batch = Batch::kCommit) {
    PageWork work;
    work.page.url = page_url;
    for (size_t i = 0; i < articles.size(); ++i) {
      Article a;
      a.title = articles[i][0];
      a.body = articles[i][1];
      if (articles[i].size() > 2) a.url = articles[i][2];
      a.position = static_cast<uint32_t>(i);
      work.articles.push_back(a);
    }
    StageResult r = stage_->Process(work);
    EXPECT_EQ(r.verdict, StageVerdict::kContinue) << r.reason;
    if (batch == Batch::kCommit) {
      EXPECT_TRUE(store_->Commit().ok());
    }
    return work.articles;
  }

  Article One(const std::string& page_url, const std::string& title, const std::string& body,
              const std::string& url = "") {
    auto out = Page(page_url, {{title, body, url}});
    return out.at(0);
  }

  DedupOptions options_;
  testing::TempDir dir_;
  std::unique_ptr<RocksDbStateStore> store_;
  std::unique_ptr<Stage> stage_;
};

TEST_F(DedupStageTest, NameAndNamespaces) {
  EXPECT_EQ(stage_->name(), "dedup");
  DedupOptions o;
  o.retention_days = 7;
  for (const auto& ns : DedupNamespaces(o)) EXPECT_EQ(ns.retention_seconds, 7 * 86400);
}

TEST_F(DedupStageTest, RejectsStoresWithoutItsNamespacesAndBadOptions) {
  auto other = RocksDbStateStore::Open(dir_.path() + "/other", {{"something_else", 0}});
  ASSERT_TRUE(other.ok());
  StageContext ctx;
  ctx.store = other.value().get();
  EXPECT_FALSE(MakeDedupStage(DedupOptions{}, ctx).ok());
  EXPECT_FALSE(MakeDedupStage(DedupOptions{}, StageContext{}).ok());
  DedupOptions bad;
  bad.near_threshold = 1.5;
  ctx.store = store_.get();
  EXPECT_FALSE(MakeDedupStage(bad, ctx).ok());
}

TEST_F(DedupStageTest, FirstSightingIsUnique) {
  const Article a = One("file:///p/1.txt", "Bridge to close", kBridge);
  EXPECT_EQ(a.dedup.status, DedupStatus::kUnique);
  EXPECT_EQ(a.dedup.kind, DuplicateKind::kNone);
  EXPECT_TRUE(a.dedup.duplicate_of.empty());
  EXPECT_EQ(a.article_id, ArticleId::For("", "file:///p/1.txt", 0));
}

TEST_F(DedupStageTest, ExactCopyUnderOtherChromeIsExactDuplicate) {
  const Article first = One("file:///p/1.txt", "Bridge to close", kBridge);
  // Same text, other whitespace and quote style: the normalised hash is equal.
  std::string copy = std::string("  ") + kBridge + "  ";
  const Article second = One("file:///p/2.txt", "Bridge to close", copy);
  EXPECT_EQ(second.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(second.dedup.kind, DuplicateKind::kExact);
  EXPECT_EQ(second.dedup.duplicate_of, first.article_id);
  EXPECT_NE(second.article_id, first.article_id);
}

TEST_F(DedupStageTest, EditedCopyIsNearDuplicate) {
  const Article first = One("file:///p/1.txt", "Bridge to close", kBridge);
  // Typos, the last paragraph dropped, a line of chrome left over.
  std::string edited = kBridge;
  edited = edited.substr(0, edited.rfind('\n'));
  edited.replace(edited.find("engineers"), 9, "enginers");
  edited.replace(edited.find("customers"), 9, "custommers");
  edited += "\nShare this article Facebook Twitter Email";
  const Article second = One("file:///p/2.txt", "Bridge to close - report", edited);
  EXPECT_EQ(second.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(second.dedup.kind, DuplicateKind::kNear);
  EXPECT_EQ(second.dedup.duplicate_of, first.article_id);
  EXPECT_GE(second.dedup.similarity, options_.near_threshold);
  EXPECT_LT(second.dedup.similarity, 1.0);
}

TEST_F(DedupStageTest, CopyCutShortIsNearDuplicate) {
  // A long version of the story; the copy keeps its first three paragraphs: Jaccard under the
  // threshold, but it starts as the full text starts and all of it is in there.
  const std::string more =
      "\nHistorians at the town museum have asked the council to record the bridge in detail "
      "before any stone is replaced. The museum holds drawings made when the bridge was widened "
      "in the eighteen-sixties, and its curator, Hal Brennan, said the repairs were a rare "
      "chance to learn how the original masons had worked.\n"
      "The rowing club, whose boathouse stands below the eastern arch, will move its training "
      "sessions downstream for the summer. Its captain said members had offered to help clear "
      "the riverbank once the scaffolding comes down, and that the club had rowed under the "
      "bridge for ninety years without a single accident.\n"
      "Bus operators have been asked to publish new timetables by the end of the month. The "
      "number twelve service, which crosses the bridge every twenty minutes, will run through "
      "the industrial estate instead, adding about ten minutes to each journey.";
  const std::string full_text = std::string(kBridge) + more;
  const Article full = One("file:///p/1.txt", "Bridge to close", full_text);
  const std::string cut = full_text.substr(0, full_text.find("The council expects"));
  const Article copy = One("file:///p/2.txt", "Bridge to close", cut);
  EXPECT_EQ(copy.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(copy.dedup.kind, DuplicateKind::kNear);
  EXPECT_EQ(copy.dedup.duplicate_of, full.article_id);
  // The same passage without the lead is not a cut copy: it is not how the story starts.
  const std::string middle = full_text.substr(full_text.find("Councillor Ada Pellow"));
  const Article mid =
      One("file:///p/3.txt", "Shops", middle.substr(0, middle.find("The council expects")));
  EXPECT_EQ(mid.dedup.status, DedupStatus::kUnique);
}

TEST_F(DedupStageTest, TeaserWithAStandfirstIsStillATeaser) {
  const Article full = One("file:///p/1.txt", "Bridge to close", kBridge);
  const std::string standfirst = "Drivers face long diversions as a historic crossing shuts ";
  const Article teaser =
      One("file:///p/2.txt", "Bridge to close", standfirst + Teaser(kBridge, 25));
  EXPECT_EQ(teaser.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(teaser.dedup.kind, DuplicateKind::kTeaser);
  EXPECT_EQ(teaser.dedup.duplicate_of, full.article_id);
  // But a teaser that is mostly something else is not.
  const Article other =
      One("file:///p/3.txt", "Choir", Teaser(kChoir, 30) + " " + Teaser(kBridge, 10));
  EXPECT_EQ(other.dedup.status, DedupStatus::kUnique);
}

TEST_F(DedupStageTest, LookAlikesAndUnrelatedStoriesStayApart) {
  One("file:///p/1.txt", "Bridge to close", kBridge);
  const Article look = One("file:///p/2.txt", "Survey of second bridge", kBridgeLookAlike);
  EXPECT_EQ(look.dedup.status, DedupStatus::kUnique);
  const Article other = One("file:///p/3.txt", "Choir wins", kChoir);
  EXPECT_EQ(other.dedup.status, DedupStatus::kUnique);
}

TEST_F(DedupStageTest, StoryQuotingAParagraphOfAnotherStaysApart) {
  // A different story that carries one whole paragraph of the first (an overlap negative).
  One("file:///p/1.txt", "Bridge to close", kBridge);
  std::string bridge = kBridge;
  const size_t p2 = bridge.find('\n') + 1;
  const std::string paragraph = bridge.substr(p2, bridge.find('\n', p2) - p2);
  const std::string mixed = std::string(kChoir) + "\n" + paragraph;
  const Article a = One("file:///p/2.txt", "Choir wins", mixed);
  EXPECT_EQ(a.dedup.status, DedupStatus::kUnique);
}

TEST_F(DedupStageTest, TeaserAfterFullIsTeaserDuplicate) {
  const Article full = One("file:///p/1.txt", "Bridge to close", kBridge);
  // The lead, cut mid-sentence.
  const Article teaser = One("file:///p/2.txt", "Bridge to close", Teaser(kBridge, 24));
  EXPECT_EQ(teaser.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(teaser.dedup.kind, DuplicateKind::kTeaser);
  EXPECT_EQ(teaser.dedup.duplicate_of, full.article_id);
}

TEST_F(DedupStageTest, FullAfterTeaserSupersedesWithTheTeasersId) {
  const Article teaser = One("file:///p/1.txt", "Bridge to close", Teaser(kBridge, 30));
  EXPECT_EQ(teaser.dedup.status, DedupStatus::kUnique);
  const Article full = One("file:///p/2.txt", "Bridge to close", kBridge);
  EXPECT_EQ(full.dedup.status, DedupStatus::kSupersedes);
  EXPECT_EQ(full.dedup.kind, DuplicateKind::kTeaser);
  EXPECT_EQ(full.article_id, teaser.article_id);
  EXPECT_EQ(full.dedup.duplicate_of, teaser.article_id);
  // From now on the story is the full text: a copy of it and another teaser point at the
  // same id.
  const Article copy = One("file:///p/3.txt", "Bridge to close", kBridge);
  EXPECT_EQ(copy.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(copy.dedup.duplicate_of, teaser.article_id);
  const Article teaser2 = One("file:///p/4.txt", "Bridge", Teaser(kBridge, 40));
  EXPECT_EQ(teaser2.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(teaser2.dedup.kind, DuplicateKind::kTeaser);
  EXPECT_EQ(teaser2.dedup.duplicate_of, teaser.article_id);
}

TEST_F(DedupStageTest, TeaserMustBeTheLeadNotAnyPassage) {
  One("file:///p/1.txt", "Bridge to close", kBridge);
  // The start of the third paragraph is contained in the full text, but not at its start.
  std::string bridge = kBridge;
  const size_t p3 = bridge.find("Local shop owners");
  const Article mid = One("file:///p/2.txt", "Shops fear", Teaser(bridge.substr(p3), 25));
  EXPECT_EQ(mid.dedup.status, DedupStatus::kUnique);
}

TEST_F(DedupStageTest, StoriesSharingOnlyTheirFirstSentenceStayApart) {
  const std::string lead =
      "The council of Marrowby voted on Tuesday to close the Old Tanner Bridge to all motor "
      "traffic from the first of March.\n";
  One("file:///p/1.txt", "Bridge", lead + kChoir);
  const Article other = One("file:///p/2.txt", "Bridge", lead + kBridgeLookAlike);
  EXPECT_EQ(other.dedup.status, DedupStatus::kUnique);
}

TEST_F(DedupStageTest, ShortBodiesNeedTheSameTitleToBeExactCopies) {
  const Article a = One("file:///p/1.txt", "Storm floods harbour", "Watch the video.");
  const Article b = One("file:///p/2.txt", "Minister resigns", "Watch the video.");
  EXPECT_EQ(b.dedup.status, DedupStatus::kUnique);
  const Article c = One("file:///p/3.txt", "Storm floods harbour", "Watch the video!");
  EXPECT_EQ(c.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(c.dedup.duplicate_of, a.article_id);
}

TEST_F(DedupStageTest, CopiesOnOnePageAndInOneBatchSeeEachOther) {
  auto arts =
      Page("file:///p/1.txt", {{"Bridge", kBridge}, {"Bridge again", kBridge}}, Batch::kKeepOpen);
  EXPECT_EQ(arts[0].dedup.status, DedupStatus::kUnique);
  EXPECT_EQ(arts[1].dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(arts[1].dedup.duplicate_of, arts[0].article_id);
  // Another page of the same (uncommitted) batch.
  const auto more = Page("file:///p/2.txt", {{"Bridge", Teaser(kBridge, 20)}}, Batch::kKeepOpen);
  EXPECT_EQ(more[0].dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(more[0].dedup.duplicate_of, arts[0].article_id);
}

TEST_F(DedupStageTest, RolledBackBatchIsForgotten) {
  Page("file:///p/1.txt", {{"Bridge", kBridge}}, Batch::kKeepOpen);
  store_->Rollback();
  const Article again = One("file:///p/2.txt", "Bridge", kBridge);
  EXPECT_EQ(again.dedup.status, DedupStatus::kUnique);
}

TEST_F(DedupStageTest, StateSurvivesReopeningTheStore) {
  const Article teaser = One("file:///p/1.txt", "Bridge to close", Teaser(kBridge, 30));
  const Article choir = One("file:///p/2.txt", "Choir wins", kChoir);
  Open();  // closes and reopens the RocksDB directory
  const Article full = One("file:///p/3.txt", "Bridge to close", kBridge);
  EXPECT_EQ(full.dedup.status, DedupStatus::kSupersedes);
  EXPECT_EQ(full.article_id, teaser.article_id);
  std::string choir_edit = kChoir;
  choir_edit.replace(choir_edit.find("Saturday"), 8, "Sunday");
  const Article copy = One("file:///p/4.txt", "Choir", choir_edit);
  EXPECT_EQ(copy.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(copy.dedup.kind, DuplicateKind::kNear);
  EXPECT_EQ(copy.dedup.duplicate_of, choir.article_id);
}

TEST_F(DedupStageTest, SameCanonicalUrlThroughTrackingLinksIsOneArticle) {
  const Article first = One("file:///p/1.txt", "Bridge", kBridge,
                            "https://www.marrowby.example/news/bridge?utm_source=rss");
  const Article second =
      One("file:///p/2.txt", "Bridge", kBridge, "http://marrowby.example/news/bridge#comments");
  EXPECT_EQ(first.article_id, second.article_id);
  EXPECT_EQ(second.dedup.status, DedupStatus::kDuplicate);
  EXPECT_EQ(second.dedup.kind, DuplicateKind::kExact);
  // The events' url loses tracking parameters and fragment but keeps the site's own scheme
  // and host spelling.
  EXPECT_EQ(first.url, "https://www.marrowby.example/news/bridge");
  EXPECT_EQ(second.url, "http://marrowby.example/news/bridge");
}

TEST_F(DedupStageTest, ChangedTextAtTheSameUrlIsAnUpdate) {
  const std::string url = "https://marrowby.example/news/bridge";
  const Article first = One("file:///p/1.txt", "Bridge", kBridge, url);
  std::string updated = kBridge;
  updated += "\nUpdate: the regional fund confirmed on Wednesday that it will pay for the work.";
  const Article second = One("file:///p/2.txt", "Bridge", updated, url);
  EXPECT_EQ(second.dedup.status, DedupStatus::kSupersedes);
  EXPECT_EQ(second.article_id, first.article_id);
  EXPECT_EQ(second.dedup.duplicate_of, first.article_id);
}

TEST_F(DedupStageTest, FrontPageCanonicalDoesNotMergeStories) {
  // A site whose every page names its home page as canonical.
  const Article a = One("file:///p/1.txt", "Bridge", kBridge, "https://marrowby.example/");
  const Article b = One("file:///p/2.txt", "Choir", kChoir, "https://marrowby.example/");
  EXPECT_EQ(b.dedup.status, DedupStatus::kUnique);
  EXPECT_NE(a.article_id, b.article_id);
}

TEST_F(DedupStageTest, UnrelatedTextUnderOneArticleUrlIsNotMerged) {
  const Article a = One("file:///p/1.txt", "Bridge", kBridge, "https://marrowby.example/story");
  const Article b = One("file:///p/2.txt", "Choir", kChoir, "https://marrowby.example/story");
  EXPECT_EQ(b.dedup.status, DedupStatus::kUnique);
  EXPECT_NE(a.article_id, b.article_id);
}

TEST_F(DedupStageTest, NewStoryAtARecrawledPositionGetsItsOwnId) {
  // A listing page re-crawled: position 0 now shows another story.
  const Article a = One("file:///p/listing.txt", "Bridge", kBridge);
  const Article b = One("file:///p/listing.txt", "Choir", kChoir);
  EXPECT_EQ(b.dedup.status, DedupStatus::kUnique);
  EXPECT_NE(a.article_id, b.article_id);
  // And an edited version at the same position is an update of the first.
  std::string edited = kBridge;
  edited.replace(edited.find("Tuesday"), 7, "Monday");
  const Article c = One("file:///p/listing.txt", "Bridge", edited);
  EXPECT_EQ(c.article_id, a.article_id);
  EXPECT_EQ(c.dedup.status, DedupStatus::kSupersedes);
}

TEST_F(DedupStageTest, EmptyBodiesAreLeftAlone) {
  const Article a = One("file:///p/1.txt", "Gallery", "");
  const Article b = One("file:///p/2.txt", "Gallery", "");
  EXPECT_EQ(a.dedup.status, DedupStatus::kUnique);
  EXPECT_EQ(b.dedup.status, DedupStatus::kUnique);
}

}  // namespace
}  // namespace newsflow
