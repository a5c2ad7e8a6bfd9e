// The classify stage as the pipeline sees it: Process on a page, Reload, options.
#include "stages/classify/classify_stage.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "stages/classify/training/train_topic_model.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

// The factory's stage as its concrete type (stats, Reload, scorer).
StatusOr<std::unique_ptr<ClassifyStage>> MakeConcreteClassifyStage(const ClassifyOptions& o) {
  auto stage = MakeClassifyStage(o, StageContext{});
  if (!stage.ok()) return stage.status();
  return std::unique_ptr<ClassifyStage>(static_cast<ClassifyStage*>(stage.value().release()));
}

std::string DeployTaxonomy() {
  return testing::SourceDir() + "/deploy/topics/iptc_media_topics.toml";
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::string TaxonomyWithOneTopic(const std::string& slug, const std::string& term) {
  return "[[topic]]\nslug = \"" + slug + "\"\ncode = \"x:" + slug + "\"\n[topic.terms]\n\"" + term +
         "\" = 3\n";
}

PageWork FictionalPage() {
  PageWork w;
  Article a;
  a.title = "Rovers snatch late win at Athletic";
  a.body =
      "A stoppage-time goal from the teenage striker gave Rovers a 2-1 victory over Athletic on "
      "Saturday, lifting the club to third in the league.\nThe coach praised his squad after a "
      "tense second half in front of 28,000 fans, and said the title race was far from over.\n"
      "Athletic's manager blamed a penalty decision for the defeat.";
  Article b;
  b.title = "Le conseil municipal approuve un nouveau pont";
  b.body =
      "Le conseil municipal a voté mardi la construction d'un nouveau pont sur le port, après "
      "des années de plaintes des habitants sur le long détour autour de la baie. Les travaux "
      "devraient commencer au printemps prochain et durer deux ans.";
  Article empty;
  w.articles = {a, b, empty};
  w.page.text = a.title + "\n" + a.body + "\nRelated Articles\n" + b.title + "\n" + b.body;
  return w;
}

TEST(ClassifyStageTest, AnnotatesEveryArticleAndThePage) {
  ClassifyOptions options;
  options.taxonomy_path = DeployTaxonomy();
  auto stage = MakeConcreteClassifyStage(options);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  EXPECT_EQ(stage.value()->name(), "classify");
  PageWork w = FictionalPage();
  StageResult r = stage.value()->Process(w);
  EXPECT_EQ(r.verdict, StageVerdict::kContinue);
  EXPECT_EQ(w.articles[0].language, "en");
  EXPECT_GT(w.articles[0].language_confidence, 0.5);
  ASSERT_FALSE(w.articles[0].topics.empty());
  EXPECT_EQ(w.articles[0].topics[0].label, "sport");
  EXPECT_EQ(w.articles[0].topics[0].code, "medtop:15000000");
  for (size_t i = 1; i < w.articles[0].topics.size(); ++i) {
    EXPECT_GE(w.articles[0].topics[i - 1].score, w.articles[0].topics[i].score);
  }
  EXPECT_LE(w.articles[0].topics.size(), options.max_topics);
  EXPECT_EQ(w.articles[1].language, "fr");
  EXPECT_EQ(w.articles[2].language, "und");
  EXPECT_EQ(w.articles[2].language_confidence, 0);
  EXPECT_TRUE(w.articles[2].topics.empty());
  EXPECT_EQ(w.page_type, PageType::kArticle);

  ClassifyStats stats = stage.value()->stats();
  EXPECT_EQ(stats.pages, 1u);
  EXPECT_EQ(stats.articles, 3u);
  EXPECT_EQ(stats.articles_language_und, 1u);
  EXPECT_EQ(stats.articles_without_topic, 1u + (w.articles[1].topics.empty() ? 1u : 0u));
  EXPECT_EQ(stats.pages_article, 1u);
  EXPECT_EQ(stats.pages_listing + stats.pages_other, 0u);
  // The same counters reach the daemon's stats log through the Stage interface.
  const Stage& as_stage = *stage.value();
  auto named = as_stage.OwnCounters();
  auto value_of = [&](const std::string& name) {
    for (const auto& [n, v] : named) {
      if (n == name) return v;
    }
    return ~uint64_t{0};
  };
  EXPECT_EQ(value_of("articles"), 3u);
  EXPECT_EQ(value_of("articles_language_und"), 1u);
  EXPECT_EQ(value_of("pages_article"), 1u);
}

TEST(ClassifyStageTest, MaxTopicsAndThresholdApply) {
  ClassifyOptions options;
  options.taxonomy_path = DeployTaxonomy();
  options.max_topics = 1;
  options.topic_threshold = 0.0;
  auto stage = MakeConcreteClassifyStage(options);
  ASSERT_TRUE(stage.ok());
  PageWork w = FictionalPage();
  stage.value()->Process(w);
  EXPECT_EQ(w.articles[0].topics.size(), 1u);

  options.max_topics = 0;
  EXPECT_EQ(MakeClassifyStage(options, StageContext{}).status().code(),
            Status::Code::kInvalidArgument);
  options.max_topics = 3;
  options.topic_threshold = 1.5;
  EXPECT_EQ(MakeClassifyStage(options, StageContext{}).status().code(),
            Status::Code::kInvalidArgument);
}

TEST(ClassifyStageTest, BadPathsFailAtConstruction) {
  testing::TempDir dir;
  ClassifyOptions options;
  options.taxonomy_path = dir.path() + "/missing.toml";
  EXPECT_TRUE(MakeClassifyStage(options, StageContext{}).status().IsNotFound());
  options.taxonomy_path = DeployTaxonomy();
  options.topic_model_path = dir.path() + "/missing.model";
  EXPECT_TRUE(MakeClassifyStage(options, StageContext{}).status().IsNotFound());
}

TEST(ClassifyStageTest, ReloadSwapsTheTaxonomyAndKeepsTheOldOneOnError) {
  testing::TempDir dir;
  ClassifyOptions options;
  options.taxonomy_path = dir.path() + "/topics.toml";
  WriteFile(options.taxonomy_path, TaxonomyWithOneTopic("ferries", "ferry"));
  auto stage = MakeConcreteClassifyStage(options);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();

  auto classify = [&](const std::string& body) {
    PageWork w;
    Article a;
    a.body = body;
    w.articles.push_back(a);
    stage.value()->Process(w);
    return w.articles[0].topics.empty() ? std::string() : w.articles[0].topics[0].label;
  };
  EXPECT_EQ(classify("The ferry and the bridge."), "ferries");

  WriteFile(options.taxonomy_path, TaxonomyWithOneTopic("bridges", "bridge"));
  ASSERT_TRUE(stage.value()->Reload().ok());
  EXPECT_EQ(classify("The ferry and the bridge."), "bridges");

  WriteFile(options.taxonomy_path, "[[topic]]\nslug = \n");
  Status s = stage.value()->Reload();
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("topics.toml:2"), std::string::npos) << s.message();
  EXPECT_EQ(classify("The ferry and the bridge."), "bridges");  // old one kept
  EXPECT_EQ(stage.value()->stats().reloads, 1u);
  EXPECT_EQ(stage.value()->stats().reload_errors, 1u);
}

TEST(ClassifyStageTest, ReloadSwapsToAModelFile) {
  testing::TempDir dir;
  std::string rows;
  for (int i = 0; i < 6; ++i) {
    rows += "{\"label\": \"boats\", \"title\": \"Ferry " + std::to_string(i) +
            "\", \"text\": \"The ferry and the tanker left the harbour with cargo.\"}\n";
    rows += "{\"label\": \"trains\", \"title\": \"Railway " + std::to_string(i) +
            "\", \"text\": \"The train left the station late on the railway line.\"}\n";
  }
  WriteFile(dir.path() + "/rows.jsonl", rows);
  TrainTopicOptions train;
  train.input_path = dir.path() + "/rows.jsonl";
  train.output_path = dir.path() + "/topics.model";
  train.min_df = 1;
  ASSERT_TRUE(TrainTopicModel(train).ok());

  ClassifyOptions options;
  options.taxonomy_path = DeployTaxonomy();
  options.topic_model_path = train.output_path;
  auto stage = MakeConcreteClassifyStage(options);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  EXPECT_EQ(stage.value()->scorer()->kind(), "linear");
  PageWork w;
  Article a;
  a.title = "Late train";
  a.body = "The railway station was closed.";
  w.articles.push_back(a);
  stage.value()->Process(w);
  ASSERT_FALSE(w.articles[0].topics.empty());
  EXPECT_EQ(w.articles[0].topics[0].label, "trains");

  // A corrupt model on reload keeps the old model.
  WriteFile(train.output_path, "newsflow-topic-model\t1\nlabels\t2\ta\n");
  EXPECT_FALSE(stage.value()->Reload().ok());
  EXPECT_EQ(stage.value()->scorer()->kind(), "linear");
  w.articles[0].topics.clear();
  stage.value()->Process(w);
  EXPECT_EQ(w.articles[0].topics[0].label, "trains");
}

TEST(ClassifyStageTest, ReloadWhileProcessingLosesNothing) {
  testing::TempDir dir;
  ClassifyOptions options;
  options.taxonomy_path = dir.path() + "/topics.toml";
  WriteFile(options.taxonomy_path, TaxonomyWithOneTopic("ferries", "ferry"));
  auto stage = MakeConcreteClassifyStage(options);
  ASSERT_TRUE(stage.ok());
  std::atomic<bool> done{false};
  std::thread reloader([&] {
    int i = 0;
    while (!done.load()) {
      // Alternate between two valid files; every reload must succeed.
      WriteFile(options.taxonomy_path + ".new",
                TaxonomyWithOneTopic(i % 2 ? "ferries" : "boats", "ferry"));
      std::rename((options.taxonomy_path + ".new").c_str(), options.taxonomy_path.c_str());
      EXPECT_TRUE(stage.value()->Reload().ok());
      ++i;
    }
  });
  for (int i = 0; i < 2000; ++i) {
    PageWork w;
    Article a;
    a.body = "The ferry is late.";
    w.articles.push_back(a);
    ASSERT_EQ(stage.value()->Process(w).verdict, StageVerdict::kContinue);
    ASSERT_EQ(w.articles[0].topics.size(), 1u);
    const std::string& label = w.articles[0].topics[0].label;
    ASSERT_TRUE(label == "ferries" || label == "boats") << label;
  }
  done = true;
  reloader.join();
}

}  // namespace
}  // namespace newsflow
