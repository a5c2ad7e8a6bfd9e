// newsflowd's ingest service end to end: pages produced to librdkafka's mock cluster (real
// Kafka protocol over loopback TCP), consumed by the service in a consumer group, run through
// the real stages with a real RocksDB in a temp dir, published in Kafka transactions; the
// events are read back with read_committed and decoded.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <set>
#include <memory>
#include <thread>

#include "daemon/config.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/kafka/kafka_tools.h"
#include "daemon/runtime.h"
#include "newsflow/v1/article_event.pb.h"
#include "tests/integration/test_pages.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

constexpr int64_t kFetch = 1748779200000;  // 2025-06-01T12:00:00Z

class KafkaPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto k = EmbeddedKafka::Start(1);
    ASSERT_TRUE(k.ok()) << k.status().ToString();
    kafka_ = std::move(k).value();
    config_.kafka.brokers = kafka_->bootstrap_servers();
    config_.kafka.group_id = "newsflow-test";
    config_.kafka.transactional_id = "newsflow-test-0";
    config_.kafka.batch_max_ms = 100;
    config_.log.stats_interval_s = 0;
    // The mock cluster keeps a closed member until its session times out: keep that short so
    // a restarted instance rejoins quickly.
    config_.kafka.consumer_properties = {{"session.timeout.ms", "6000"},
                                         {"heartbeat.interval.ms", "500"}};
    config_.inputs = {{"pages", InputFormat::kProtobuf},
                      {"pages.json", InputFormat::kJson},
                      {"pages.body", InputFormat::kBody}};
    config_.classify.taxonomy_path =
        std::string(NEWSFLOW_SOURCE_DIR) + "/deploy/topics/iptc_media_topics.toml";
    for (const char* t : {"pages", "pages.json", "pages.body", "articles", "articles.duplicates",
                          "pages.dlq"}) {
      ASSERT_TRUE(kafka_->CreateTopic(t, 2).ok());
    }
    auto p = PageProducer::Create(kafka_->bootstrap_servers());
    ASSERT_TRUE(p.ok());
    producer_ = std::move(p).value();
  }

  v1::RawPage Page(const std::string& url, const std::string& body) {
    v1::RawPage page;
    page.set_url(url);
    page.set_fetched_at_ms(kFetch);
    page.set_body(body);
    return page;
  }

  // Runs one service instance on `state_dir` until it has handled `messages` messages (or a
  // deadline passes), then stops it as SIGTERM would. Returns its counters' message count.
  uint64_t RunServiceUntil(const std::string& state_dir, uint64_t messages) {
    auto rt = Runtime::Open(config_, state_dir, IngestService::Namespaces(config_),
                            WalSync::kNoSync);
    EXPECT_TRUE(rt.ok()) << rt.status().ToString();
    if (!rt.ok()) return 0;
    auto svc = IngestService::Create(config_, rt->get());
    EXPECT_TRUE(svc.ok()) << svc.status().ToString();
    if (!svc.ok()) return 0;
    Status run_status;
    std::thread t([&] { run_status = (*svc)->Run(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((*svc)->counters().messages.load() < messages &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // Whatever arrives after the expected messages would show in the counter: give a batch
    // window to catch republishing, then stop.
    std::this_thread::sleep_for(std::chrono::milliseconds(3 * config_.kafka.batch_max_ms));
    (*svc)->RequestStop();
    t.join();
    EXPECT_TRUE(run_status.ok()) << run_status.ToString();
    return (*svc)->counters().messages.load();
  }

  std::vector<v1::ArticleEvent> ReadEvents(const std::string& topic, size_t expect) {
    auto reader = TopicReader::Create(kafka_->bootstrap_servers(), {topic});
    EXPECT_TRUE(reader.ok());
    std::vector<v1::ArticleEvent> out;
    for (const auto& m : (*reader)->Read(expect + 1, 15000, 1500)) {
      v1::ArticleEvent ev;
      EXPECT_TRUE(ev.ParseFromString(m.value)) << "not an ArticleEvent on " << topic;
      EXPECT_EQ(m.key, ev.article_id()) << "events are keyed by article_id";
      out.push_back(ev);
    }
    return out;
  }

  std::unique_ptr<EmbeddedKafka> kafka_;
  std::unique_ptr<PageProducer> producer_;
  Config config_;
  testing::TempDir state_;
};

TEST_F(KafkaPipelineTest, PagesBecomeArticleEventsOnTheArticlesTopic) {
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://lakeside.example/news/library-hours",
                                   testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://harbour.example/tag/town", testing::TextListingPage()))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 2), 2u);

  auto events = ReadEvents("articles", 3);
  ASSERT_EQ(events.size(), 3u);
  std::set<std::string> titles;
  for (const auto& ev : events) {
    EXPECT_EQ(ev.event_type(), v1::ArticleEvent::CREATED);
    EXPECT_EQ(ev.fetched_at(), "2025-06-01T12:00:00Z");
    EXPECT_EQ(ev.language(), "en");
    EXPECT_FALSE(ev.body().empty());
    EXPECT_EQ(ev.article_id().size(), 32u);
    titles.insert(ev.title());
  }
  EXPECT_EQ(titles, (std::set<std::string>{"Library extends summer hours",
                                           "Ferry service resumes after winter pause",
                                           "Bakery wins regional bread prize"}));
  EXPECT_TRUE(ReadEvents("articles.duplicates", 0).empty());
}

TEST_F(KafkaPipelineTest, MalformedMessagesGoToDeadLetterTopicAndServiceKeepsGoing) {
  ASSERT_TRUE(producer_->SendRaw("pages", "junk-key", std::string("\xff\xff\xff not protobuf", 18)).ok());
  std::string binary;
  for (int i = 0; i < 400; ++i) binary.push_back(static_cast<char>(i % 32));
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://lakeside.example/blob", binary)).ok());
  ASSERT_TRUE(producer_->SendRaw("pages.json", "bad-json", "{\"url\": 5, ").ok());
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://lakeside.example/news/ok",
                                   testing::HtmlArticlePage("Town hall gets solar roof", "energy")))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 4), 4u);

  auto reader = TopicReader::Create(kafka_->bootstrap_servers(), {"pages.dlq"});
  ASSERT_TRUE(reader.ok());
  auto dead = (*reader)->Read(4, 15000, 1500);
  ASSERT_EQ(dead.size(), 3u);
  std::set<std::string> stages;
  for (const auto& m : dead) {
    ASSERT_TRUE(m.headers.count("newsflow.error")) << "reason header missing";
    EXPECT_FALSE(m.headers.at("newsflow.error").empty());
    EXPECT_TRUE(m.headers.count("newsflow.source_offset"));
    stages.insert(m.headers.at("newsflow.stage"));
  }
  EXPECT_EQ(stages, (std::set<std::string>{"input", "decode"}));
  // The good page after the bad ones was still processed.
  auto events = ReadEvents("articles", 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].title(), "Town hall gets solar roof");
}

TEST_F(KafkaPipelineTest, JsonAndBodyInputFormats) {
  ASSERT_TRUE(producer_->Send("pages.json", InputFormat::kJson,
                              Page("https://lakeside.example/news/a",
                                   testing::HtmlArticlePage("Pool reopens after repairs", "sport")))
                  .ok());
  ASSERT_TRUE(producer_->Send("pages.body", InputFormat::kBody,
                              Page("https://harbour.example/feed", testing::TextListingPage()))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 2), 2u);
  auto events = ReadEvents("articles", 3);
  ASSERT_EQ(events.size(), 3u);
  std::set<std::string> page_urls;
  for (const auto& ev : events) page_urls.insert(ev.page_url());
  EXPECT_EQ(page_urls, (std::set<std::string>{"https://lakeside.example/news/a",
                                              "https://harbour.example/feed"}));
}

TEST_F(KafkaPipelineTest, RestartOnSameStateAndGroupRepublishesNothing) {
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://lakeside.example/news/library-hours",
                                   testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 1), 1u);
  ASSERT_EQ(ReadEvents("articles", 1).size(), 1u);

  // Second instance, same state dir and group: the committed offsets mean nothing is
  // consumed again; only the page produced now is new.
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://harbour.example/tag/town", testing::TextListingPage()))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 1), 1u);
  auto events = ReadEvents("articles", 3);
  EXPECT_EQ(events.size(), 3u);  // 1 from the first run + 2 from the listing page

  // The same pages crawled again (new messages): recognised as duplicates; the articles
  // topic receives nothing new.
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://lakeside.example/news/library-hours",
                                   testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_->Send("pages", InputFormat::kProtobuf,
                              Page("https://harbour.example/tag/town", testing::TextListingPage()))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 2), 2u);
  EXPECT_EQ(ReadEvents("articles", 3).size(), 3u);
  auto dups = ReadEvents("articles.duplicates", 3);
  ASSERT_EQ(dups.size(), 3u);
  for (const auto& d : dups) {
    EXPECT_EQ(d.event_type(), v1::ArticleEvent::DUPLICATE);
    EXPECT_FALSE(d.dedup().duplicate_of().empty());
  }
}

}  // namespace
}  // namespace newsflow
