// newsflowd's ingest service end to end: pages produced to librdkafka's mock cluster (real
// Kafka protocol over loopback TCP), consumed by the service in a consumer group, run through
// the real stages with a real RocksDB in a temp dir, published in Kafka transactions; the
// events are read back with read_committed and decoded.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "daemon/config.h"
#include "daemon/kafka/embedded_kafka.h"
#include "daemon/kafka/ingest_service.h"
#include "daemon/kafka/kafka_tools.h"
#include "daemon/kafka/offset_ledger.h"
#include "daemon/runtime.h"
#include "newsflow/v1/article_event.pb.h"
#include "stages/classify/classify_stage.h"
#include "stages/classify/training/train_topic_model.h"
#include "tests/integration/test_pages.h"
#include "tests/support/shared_data.h"
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
    for (const char* t :
         {"pages", "pages.json", "pages.body", "articles", "articles.duplicates", "pages.dlq"}) {
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
  uint64_t RunServiceUntil(const std::string& state_dir, uint64_t messages, int max_seconds = 60) {
    auto rt =
        Runtime::Open(config_, state_dir, IngestService::Namespaces(config_), WalSync::kNoSync);
    EXPECT_TRUE(rt.ok()) << rt.status().ToString();
    if (!rt.ok()) return 0;
    auto svc = IngestService::Create(config_, rt->get());
    EXPECT_TRUE(svc.ok()) << svc.status().ToString();
    if (!svc.ok()) return 0;
    Status run_status;
    std::thread t([&] { run_status = (*svc)->Run(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(max_seconds);
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
    aborted_ = (*svc)->counters().aborted_transactions.load();
    cut_ = (*svc)->counters().events_cut.load() + (*svc)->counters().dead_letters_cut.load();
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
  uint64_t aborted_ = 0;  // of the last RunServiceUntil: aborted transactions
  uint64_t cut_ = 0;      // and messages cut to fit kafka.max_message_bytes
};

TEST_F(KafkaPipelineTest, PagesBecomeArticleEventsOnTheArticlesTopic) {
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         Page("https://lakeside.example/news/library-hours",
                              testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
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

  // Committed batches and a clean stop leave no poison-page marker behind.
  auto store = RocksDbStateStore::Open(state_.path(), IngestService::Namespaces(config_));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  int markers = 0;
  ASSERT_TRUE((*store)
                  ->ScanPrefix(
                      "inflight", "",
                      [&](std::string_view, std::string_view) { return ++markers, true; }, 0)
                  .ok());
  EXPECT_EQ(markers, 0);
}

TEST_F(KafkaPipelineTest, MalformedMessagesGoToDeadLetterTopicAndServiceKeepsGoing) {
  ASSERT_TRUE(
      producer_->SendRaw("pages", "junk-key", std::string("\xff\xff\xff not protobuf")).ok());
  std::string binary;
  for (int i = 0; i < 400; ++i) binary.push_back(static_cast<char>(i % 32));
  ASSERT_TRUE(
      producer_
          ->Send("pages", InputFormat::kProtobuf, Page("https://lakeside.example/blob", binary))
          .ok());
  ASSERT_TRUE(producer_->SendRaw("pages.json", "bad-json", "{\"url\": 5, ").ok());
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
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
  ASSERT_TRUE(producer_
                  ->Send("pages.json", InputFormat::kJson,
                         Page("https://lakeside.example/news/a",
                              testing::HtmlArticlePage("Pool reopens after repairs", "sport")))
                  .ok());
  ASSERT_TRUE(producer_
                  ->Send("pages.body", InputFormat::kBody,
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
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         Page("https://lakeside.example/news/library-hours",
                              testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 1), 1u);
  ASSERT_EQ(ReadEvents("articles", 1).size(), 1u);

  // Second instance, same state dir and group: the committed offsets mean nothing is
  // consumed again; only the page produced now is new.
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         Page("https://harbour.example/tag/town", testing::TextListingPage()))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 1), 1u);
  auto events = ReadEvents("articles", 3);
  EXPECT_EQ(events.size(), 3u);  // 1 from the first run + 2 from the listing page

  // The same pages crawled again (new messages): recognised as duplicates; the articles
  // topic receives nothing new.
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         Page("https://lakeside.example/news/library-hours",
                              testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
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

// Issue "dedup": the seeds crawled twice into the same state — the second pass is all
// duplicates and the articles topic receives nothing new.
TEST_F(KafkaPipelineTest, SeedsCrawledTwiceAddNothingToTheArticlesTopic) {
  NEWSFLOW_REQUIRE_SHARED("seeds");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(testing::SharedDir() + "/seeds")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  auto send_all = [&] {
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream body;
      body << in.rdbuf();
      ASSERT_TRUE(producer_
                      ->Send("pages", InputFormat::kProtobuf,
                             Page("https://seeds.example/" + f.filename().string(), body.str()))
                      .ok());
    }
    ASSERT_TRUE(producer_->Flush(10000).ok());
  };

  send_all();
  EXPECT_EQ(RunServiceUntil(state_.path(), files.size()), files.size());
  auto first = ReadEvents("articles", 100);
  ASSERT_GE(first.size(), files.size()) << "every seed page holds at least one article";

  send_all();
  EXPECT_EQ(RunServiceUntil(state_.path(), files.size()), files.size());
  EXPECT_EQ(ReadEvents("articles", first.size()).size(), first.size());
  auto dups = ReadEvents("articles.duplicates", first.size());
  ASSERT_EQ(dups.size(), first.size()) << "every article of the second pass is a duplicate";
  std::set<std::string> first_ids;
  for (const auto& e : first) first_ids.insert(e.article_id());
  for (const auto& d : dups) {
    EXPECT_EQ(d.event_type(), v1::ArticleEvent::DUPLICATE);
    EXPECT_EQ(first_ids.count(d.dedup().duplicate_of()), 1u) << d.title();
  }
}

// Fictional labelled rows: two stories per label, each written a few ways.
void WriteRows(const std::string& path, const std::string& garden_label,
               const std::string& match_label) {
  std::ofstream out(path);
  const char* garden[] = {
      "the allotment society planted tomatoes and beans in the spring soil with compost",
      "gardeners pruned roses and watered seedlings in the greenhouse before the frost",
      "a flower show judged dahlias, compost heaps and vegetable beds grown by volunteers",
      "seed swaps helped gardeners plant herbs, tomatoes and roses in raised beds"};
  const char* match[] = {
      "the striker scored twice as the team won the league match in extra time",
      "the goalkeeper saved a penalty and the club moved to the top of the league table",
      "fans cheered as the midfielder scored the winning goal in the cup match",
      "the coach praised the defence after the team kept a clean sheet in the league"};
  for (int i = 0; i < 12; ++i) {
    out << "{\"label\":\"" << garden_label << "\",\"title\":\"Garden news " << i << "\",\"text\":\""
        << garden[i % 4] << ". " << garden[(i + 1) % 4] << ".\"}\n";
    out << "{\"label\":\"" << match_label << "\",\"title\":\"Match report " << i << "\",\"text\":\""
        << match[i % 4] << ". " << match[(i + 1) % 4] << ".\"}\n";
  }
}

std::string HtmlPage(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title></head><body><article><h1>" + title + "</h1><p>" + body +
         "</p></article></body></html>";
}

// Issue "classification": SIGHUP reloads the topic model between batches; no message is
// dropped or published twice around the reload, and pages after it get the new model's labels.
TEST_F(KafkaPipelineTest, TopicModelReloadKeepsEveryMessage) {
  testing::TempDir work;
  const std::string rows_a = work.path() + "/a.jsonl", rows_b = work.path() + "/b.jsonl";
  const std::string model = work.path() + "/topics.model";
  WriteRows(rows_a, "gardening", "football");
  WriteRows(rows_b, "horticulture", "soccer");
  TrainTopicOptions train;
  train.input_path = rows_a;
  train.output_path = model;
  train.min_df = 1;
  ASSERT_TRUE(TrainTopicModel(train).ok());
  config_.classify.topic_model_path = model;

  auto rt =
      Runtime::Open(config_, state_.path(), IngestService::Namespaces(config_), WalSync::kNoSync);
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  auto svc = IngestService::Create(config_, rt->get());
  ASSERT_TRUE(svc.ok()) << svc.status().ToString();
  std::thread t([&] { EXPECT_TRUE((*svc)->Run().ok()); });
  auto wait_for = [&](const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
  };
  // Twelve different stories (dedup must not link them): six about gardens, six about football.
  static const char* kGarden[] = {
      "Volunteers planted tomatoes and beans in the raised beds behind the old school on "
      "Saturday. The allotment society lent them tools and compost, and pupils will water the "
      "seedlings through the summer holidays while the caretaker is away on leave.",
      "The allotment society held its spring seed swap in the church hall and gave away herbs, "
      "squash and sweet peas to newcomers. Members said the swap had doubled in size since the "
      "first one, when a dozen gardeners traded envelopes of saved seed.",
      "A retired teacher opened her rose garden to visitors for the charity weekend and raised "
      "money for the hospice. She has grown more than two hundred varieties over forty years and "
      "keeps notes on every bush in a row of battered notebooks.",
      "Gardeners on Elm Road built a greenhouse from reclaimed windows and a compost bin from "
      "old pallets. The residents association now wants to plant fruit trees along the verge and "
      "has asked the council for permission and a water butt.",
      "The flower show judges praised the dahlias grown by a nine-year-old gardener, who beat "
      "adults with decades of experience. Her grandfather taught her to lift and store the tubers "
      "each autumn and to feed the plants with comfrey tea.",
      "Frost warnings sent allotment holders out at dusk to cover their seedlings with fleece and "
      "upturned pots. Several lost their early potatoes last year to a late frost and were not "
      "taking chances with the young plants this spring."};
  static const char* kMatch[] = {
      "The striker scored twice as the harbour club won the derby in extra time on Saturday. The "
      "visitors had led at the break, but two headers from corners turned the match, and the home "
      "fans stayed long after the final whistle to sing.",
      "A penalty save by the young goalkeeper kept the league leaders unbeaten at home. The coach "
      "said the keeper had studied the taker's habits all week, and the defence held out for the "
      "last ten minutes with only ten men on the pitch.",
      "The midfielder scored the winning goal in the cup match against the city team with a shot "
      "from outside the box. It was his first goal for the club since his transfer in the summer "
      "and sends the team into the quarter-finals.",
      "The coach praised his defence after a clean sheet lifted the club three places up the "
      "league table. The centre backs won every header, and the full backs shut down the wingers "
      "who had scored in each of their previous five matches.",
      "Fans cheered a late equaliser from the substitute striker in the rain-soaked match. The "
      "referee added six minutes of stoppage time after a floodlight failure, and the striker "
      "volleyed home a cross in the last of them.",
      "The captain scored from a free kick and the team reached the regional cup final for the "
      "first time in twenty years. The club will sell extra tickets for the final, which is played "
      "at the county ground next month."};
  auto send_pages = [&](int first, int count) {
    for (int i = first; i < first + count; ++i) {
      const bool garden = i % 2 == 0;
      const std::string title = garden ? "Garden diary, week " + std::to_string(i)
                                       : "Match report, round " + std::to_string(i);
      const std::string body = garden ? kGarden[i / 2] : kMatch[i / 2];
      ASSERT_TRUE(producer_
                      ->Send("pages", InputFormat::kProtobuf,
                             Page("https://garden.example/story/" + std::to_string(i),
                                  HtmlPage(title, body)))
                      .ok());
    }
    ASSERT_TRUE(producer_->Flush(10000).ok());
  };
  const Stage* classify = (*rt)->pipeline().FindStage("classify");
  ASSERT_NE(classify, nullptr);
  auto reloads = [&] {
    for (const auto& [name, value] : classify->OwnCounters()) {
      if (name == "reloads") return value;
    }
    return uint64_t{0};
  };

  send_pages(0, 6);
  EXPECT_TRUE(wait_for([&] { return (*svc)->counters().messages.load() >= 6; }));
  // What newsflowd's SIGHUP handler does: a new model file, then a reload request.
  train.input_path = rows_b;
  ASSERT_TRUE(TrainTopicModel(train).ok());
  (*svc)->RequestReload();
  EXPECT_TRUE(wait_for([&] { return reloads() >= 1; }));
  send_pages(6, 6);
  EXPECT_TRUE(wait_for([&] { return (*svc)->counters().messages.load() >= 12; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(3 * config_.kafka.batch_max_ms));
  (*svc)->RequestStop();
  t.join();
  EXPECT_EQ((*svc)->counters().messages.load(), 12u);

  auto events = ReadEvents("articles", 12);
  ASSERT_EQ(events.size(), 12u);
  std::set<std::string> urls;
  for (const auto& e : events) {
    urls.insert(e.page_url());
    ASSERT_GT(e.topics_size(), 0) << e.page_url();
    const int i = std::stoi(e.page_url().substr(e.page_url().rfind('/') + 1));
    const bool garden = i % 2 == 0;
    const std::string want =
        i < 6 ? (garden ? "gardening" : "football") : (garden ? "horticulture" : "soccer");
    EXPECT_EQ(e.topics(0).label(), want) << e.page_url();
  }
  EXPECT_EQ(urls.size(), 12u) << "each page published once";
}

// A page whose dead letter (the page as it came) is over kafka.max_message_bytes used to fail
// in the producer, abort its batch and replay it forever, the pages behind it never published.
TEST_F(KafkaPipelineTest, AnOversizedDeadLetterCarriesAPrefixAndNothingStalls) {
  // The default limit (1,000,000 bytes) and a page over it, from a scraper allowed larger ones.
  auto big = PageProducer::Create(kafka_->bootstrap_servers(), {{"message.max.bytes", "4000000"}});
  ASSERT_TRUE(big.ok());
  const std::string binary(1500000, '\x01');  // dead-lettered by decode: binary body
  ASSERT_TRUE(
      (*big)
          ->Send("pages", InputFormat::kProtobuf, Page("https://lakeside.example/blob", binary))
          .ok());
  ASSERT_TRUE((*big)->Flush(10000).ok());
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         Page("https://lakeside.example/news/library-hours",
                              testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 2), 2u) << "no batch replayed";
  EXPECT_EQ(aborted_, 0u);
  EXPECT_EQ(cut_, 1u);

  auto reader = TopicReader::Create(kafka_->bootstrap_servers(), {"pages.dlq"});
  ASSERT_TRUE(reader.ok());
  auto dead = (*reader)->Read(2, 15000, 1500);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].headers["newsflow.stage"], "decode");
  EXPECT_EQ(dead[0].headers["newsflow.truncated_from_bytes"],
            std::to_string(Page("https://lakeside.example/blob", binary).ByteSizeLong()));
  EXPECT_FALSE(dead[0].headers["newsflow.error"].empty());
  EXPECT_GT(dead[0].value.size(), 900000u);
  EXPECT_LT(dead[0].value.size() + dead[0].key.size(), 1000000u);
  auto events = ReadEvents("articles", 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].title(), "Library extends summer hours");
}

TEST_F(KafkaPipelineTest, AnOversizedArticleIsCutToFitAndMarkedTruncated) {
  config_.kafka.max_message_bytes = 100000;
  std::string paragraphs;
  for (int i = 0; i < 1500; ++i) {
    paragraphs += "<p>Paragraph " + std::to_string(i) +
                  " of the council's long report on the harbour wall, read aloud in full on "
                  "Tuesday evening to a patient audience of residents.</p>";
  }
  std::string page = testing::HtmlArticlePage("Harbour wall report read in full", "politics");
  page.insert(page.find("</article>"), paragraphs);
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         Page("https://lakeside.example/news/harbour-wall", page))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  EXPECT_EQ(RunServiceUntil(state_.path(), 1), 1u);
  EXPECT_EQ(aborted_, 0u);
  EXPECT_EQ(cut_, 1u);
  auto events = ReadEvents("articles", 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].truncated());
  EXPECT_EQ(events[0].title(), "Harbour wall report read in full");
  EXPECT_LT(events[0].ByteSizeLong(), 100000u);
  EXPECT_GT(events[0].body().size(), 90000u) << "cut to the limit, not far below it";
}

// Request timeouts on the transaction coordinator are retriable: the daemon retries (commit
// resumes, abort is tried again) instead of exiting.
TEST_F(KafkaPipelineTest, TimedOutTransactionRequestsAreRetriedNotFatal) {
  constexpr int16_t kEndTxnApiKey = 26;
  rd_kafka_mock_push_request_errors(
      kafka_->cluster(), kEndTxnApiKey, 3, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
      RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT);
  ASSERT_TRUE(producer_
                  ->Send("pages", InputFormat::kProtobuf,
                         Page("https://lakeside.example/news/library-hours",
                              testing::HtmlArticlePage("Library extends summer hours", "arts")))
                  .ok());
  ASSERT_TRUE(producer_->Flush(10000).ok());
  // RunServiceUntil expects Run() to end OK: a fatal exit fails the test.
  EXPECT_GE(RunServiceUntil(state_.path(), 1), 1u);
  bool published = false;
  for (const auto& ev : ReadEvents("articles", 2)) {
    published = published || ev.title() == "Library extends summer hours";
  }
  EXPECT_TRUE(published);
}

// The broker refuses messages (MESSAGE_TOO_LARGE, as a broker with a smaller message.max.bytes
// would): batches abort, then run one page at a time; a page refused alone too becomes a dead
// letter of headers only (refused_messages.h). The replays are bounded: every page commits.
// (The mock shows aborted transactions' messages to read_committed readers, so the outputs are
// checked as sets of titles, not counted.)
TEST_F(KafkaPipelineTest, RefusedMessagesAreIsolatedAndTheReplaysEnd) {
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"Library extends summer hours", "arts"},
      {"Ferry timetable changes in June", "transport"},
      {"Bakery wins regional bread prize", "food"}};
  for (size_t i = 0; i < pages.size(); ++i) {
    ASSERT_TRUE(producer_
                    ->Send("pages", InputFormat::kProtobuf,
                           Page("https://lakeside.example/news/" + std::to_string(i),
                                testing::HtmlArticlePage(pages[i].first, pages[i].second)))
                    .ok());
  }
  ASSERT_TRUE(producer_->Flush(10000).ok());
  // The pages are in: the next produce requests (newsflowd's, one per partition) are refused.
  constexpr int16_t kProduceApiKey = 0;
  rd_kafka_mock_push_request_errors(
      kafka_->cluster(), kProduceApiKey, 4, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
      RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
      RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  const uint64_t handled = RunServiceUntil(state_.path(), UINT64_MAX, /*max_seconds=*/12);
  EXPECT_GE(aborted_, 1u);
  EXPECT_LT(handled, 40u) << "replays are bounded";

  // Every page committed: the offset ledger is past all three.
  auto store = RocksDbStateStore::Open(state_.path(), IngestService::Namespaces(config_));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  int64_t committed = 0;
  for (int32_t p = 0; p < 2; ++p) {
    committed += OffsetLedger(store->get()).Find("pages", p).value_or(0);
  }
  EXPECT_EQ(committed, 3);
  // And each is published, or dead-lettered for the refusal.
  std::set<std::string> resolved;
  for (const auto& ev : ReadEvents("articles", 6)) resolved.insert(ev.title());
  for (const auto& ev : ReadEvents("articles.duplicates", 6)) resolved.insert(ev.title());
  auto reader = TopicReader::Create(kafka_->bootstrap_servers(), {"pages.dlq"});
  ASSERT_TRUE(reader.ok());
  for (const auto& dead : (*reader)->Read(6, 15000, 1500)) {
    EXPECT_EQ(dead.headers.at("newsflow.stage"), "publish");
    EXPECT_TRUE(dead.value.empty());
    const int i = std::stoi(dead.key.substr(dead.key.rfind('/') + 1));
    resolved.insert(pages[i].first);
  }
  EXPECT_EQ(resolved.size(), 3u);
}

// The only broker goes down for 10 s while newsflowd works: it waits (commit resumed, abort
// retried), recovers without a restart, and every page is published.
TEST_F(KafkaPipelineTest, ABrokerDownForTenSecondsLosesNothingAndKillsNothing) {
  auto send = [&](int first, int count) {
    for (int i = first; i < first + count; ++i) {
      ASSERT_TRUE(producer_
                      ->Send("pages", InputFormat::kProtobuf,
                             Page("https://lakeside.example/news/" + std::to_string(i),
                                  testing::HtmlArticlePage(
                                      "Council meeting number " + std::to_string(i), "arts")))
                      .ok());
    }
    ASSERT_TRUE(producer_->Flush(10000).ok());
  };
  send(0, 10);
  auto rt =
      Runtime::Open(config_, state_.path(), IngestService::Namespaces(config_), WalSync::kNoSync);
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  auto svc = IngestService::Create(config_, rt->get());
  ASSERT_TRUE(svc.ok()) << svc.status().ToString();
  Status run_status;
  std::thread t([&] { run_status = (*svc)->Run(); });
  auto wait_for = [&](const std::function<bool()>& done, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
  };
  EXPECT_TRUE(wait_for([&] { return (*svc)->counters().messages.load() > 0; }, 30));
  rd_kafka_mock_broker_set_down(kafka_->cluster(), 1);
  std::this_thread::sleep_for(std::chrono::seconds(10));
  rd_kafka_mock_broker_set_up(kafka_->cluster(), 1);
  send(10, 10);
  EXPECT_TRUE(wait_for(
      [&] {
        return (*svc)->counters().batches.load() > 0 && (*svc)->counters().messages.load() >= 20;
      },
      60));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  (*svc)->RequestStop();
  t.join();
  EXPECT_TRUE(run_status.ok()) << run_status.ToString();
  std::set<std::string> urls;
  for (const auto& ev : ReadEvents("articles", 40)) urls.insert(ev.page_url());
  for (const auto& ev : ReadEvents("articles.duplicates", 40)) urls.insert(ev.page_url());
  EXPECT_EQ(urls.size(), 20u);
}

// Kafka's Java client partitioner (Utils.murmur2 of the key, positive, modulo partitions).
int32_t JavaPartition(const std::string& key, int32_t partitions) {
  const uint32_t m = 0x5bd1e995;
  uint32_t h = 0x9747b28c ^ static_cast<uint32_t>(key.size());
  size_t i = 0;
  for (; i + 4 <= key.size(); i += 4) {
    uint32_t k = static_cast<uint8_t>(key[i]) | static_cast<uint8_t>(key[i + 1]) << 8 |
                 static_cast<uint8_t>(key[i + 2]) << 16 |
                 static_cast<uint32_t>(static_cast<uint8_t>(key[i + 3])) << 24;
    k *= m;
    k ^= k >> 24;
    k *= m;
    h *= m;
    h ^= k;
  }
  switch (key.size() - i) {
    case 3:
      h ^= static_cast<uint32_t>(static_cast<uint8_t>(key[i + 2])) << 16;
      [[fallthrough]];
    case 2:
      h ^= static_cast<uint32_t>(static_cast<uint8_t>(key[i + 1])) << 8;
      [[fallthrough]];
    case 1:
      h ^= static_cast<uint8_t>(key[i]);
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<int32_t>((h & 0x7fffffff) % static_cast<uint32_t>(partitions));
}

TEST(JavaPartitionTest, MatchesKafkasOwnTestVectors) {
  // Kafka's UtilsTest.testMurmur2: murmur2("21") = -973932308; & 0x7fffffff % 10.
  EXPECT_EQ(JavaPartition("21", 10), static_cast<int32_t>((-973932308 & 0x7fffffff) % 10));
  EXPECT_EQ(JavaPartition("foobar", 1000), static_cast<int32_t>((-790332482 & 0x7fffffff) % 1000));
}

TEST_F(KafkaPipelineTest, EventsAreOnTheJavaClientsPartitionForTheirKey) {
  ASSERT_TRUE(kafka_->CreateTopic("articles.seven", 7).ok());
  config_.kafka.articles_topic = "articles.seven";
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(producer_
                    ->Send("pages", InputFormat::kProtobuf,
                           Page("https://lakeside.example/news/story-" + std::to_string(i),
                                testing::TextListingPage()))
                    .ok());
  }
  ASSERT_TRUE(producer_->Flush(10000).ok());
  RunServiceUntil(state_.path(), 6);
  auto reader = TopicReader::Create(kafka_->bootstrap_servers(), {"articles.seven"});
  ASSERT_TRUE(reader.ok());
  auto events = (*reader)->Read(20, 15000, 1500);
  ASSERT_GE(events.size(), 2u);
  for (const auto& m : events) {
    EXPECT_EQ(m.partition, JavaPartition(m.key, 7)) << m.key;
  }
}

}  // namespace
}  // namespace newsflow
