// The default-topics taxonomy: loading (and its errors) and scoring of fictional articles.
#include "stages/classify/taxonomy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "stages/classify/topic_scorer.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

std::string DeployTaxonomy() {
  return testing::SourceDir() + "/deploy/topics/iptc_media_topics.toml";
}

double ScoreOf(const std::vector<Topic>& topics, const std::string& label) {
  for (const Topic& t : topics) {
    if (t.label == label) return t.score;
  }
  return 0;
}

std::string Best(const std::vector<Topic>& scored) {
  auto topics = SelectTopics(scored, 0.5, 3);
  return topics.empty() ? "" : topics[0].label;
}

constexpr char kSmall[] = R"(
title_weight = 2
scale = 4

[[topic]]
slug = "sport"
code = "medtop:15000000"
[topic.terms]
"goal" = 2
"league" = 3
"penalty kick" = 3
"champion*" = 2

[[topic]]
slug = "labour"
code = "medtop:09000000"
[topic.terms]
"strike" = 2
"workers" = 2
"labour party" = -3
)";

TEST(TaxonomyTest, ParsesTermsPhrasesAndPrefixes) {
  auto tax = TopicTaxonomy::Parse(kSmall, "small.toml");
  ASSERT_TRUE(tax.ok()) << tax.status().ToString();
  EXPECT_EQ(tax.value()->topic_count(), 2u);
  auto scored = tax.value()->Score("", "A late Penalty-kick decided the championship.");
  // "penalty kick" matches across the hyphen; "champion*" matches "championship".
  EXPECT_GT(ScoreOf(scored, "sport"), 0.7);
  EXPECT_EQ(ScoreOf(scored, "labour"), 0);
  for (const Topic& t : scored) {
    EXPECT_GT(t.score, 0);
    EXPECT_LE(t.score, 1);
    if (t.label == "sport") {
      EXPECT_EQ(t.code, "medtop:15000000");
    }
  }
}

TEST(TaxonomyTest, NegativeWeightsPushATopicDown) {
  auto tax = TopicTaxonomy::Parse(kSmall, "small.toml");
  ASSERT_TRUE(tax.ok());
  const double workers = ScoreOf(tax.value()->Score("", "Workers plan a strike."), "labour");
  const double party = ScoreOf(
      tax.value()->Score("",
                         "Workers plan a strike, the Labour Party said, and the Labour Party "
                         "leader backed it."),
      "labour");
  EXPECT_GT(workers, 0.5);
  EXPECT_LT(party, workers);
}

TEST(TaxonomyTest, TitleCountsMoreThanBody) {
  auto tax = TopicTaxonomy::Parse(kSmall, "small.toml");
  ASSERT_TRUE(tax.ok());
  const double in_title = ScoreOf(tax.value()->Score("League night", "It rained."), "sport");
  const double in_body = ScoreOf(tax.value()->Score("Night", "League. It rained."), "sport");
  EXPECT_GT(in_title, in_body);
  EXPECT_GT(in_body, 0);
}

struct BadFile {
  const char* text;
  const char* expected;  // substring of the error, which names file and line
};

TEST(TaxonomyTest, BadFilesAreRejectedWithTheLine) {
  const BadFile kBad[] = {
      {"[[topic]]\nslug = \"sport\"\n[topic.terms]\n\"goal\" = \"two\"\n",
       "bad.toml:4: weight of 'goal' must be a number"},
      {"[[topic]]\nslug = \"sport\"\n[topic.terms]\n\"goal\" = 2\n\"goal\" = 3\n", "bad.toml:5"},
      {"[[topic]]\nslug = \"sport\"\n[topic.terms\n", "bad.toml:3"},
      {"[[topic]]\ncode = \"medtop:15000000\"\n[topic.terms]\n\"goal\" = 2\n",
       "bad.toml:1: topic without slug"},
      {"[[topic]]\nslug = \"sport\"\n", "bad.toml:1: topic 'sport' has no terms"},
      {"[[topic]]\nslug = \"sport\"\ncolour = \"red\"\n[topic.terms]\n\"goal\" = 2\n",
       "bad.toml:3: unknown topic key 'colour'"},
      {"[[topic]]\nslug = \"sport\"\n[topic.terms]\n\"big goal*\" = 2\n",
       "bad.toml:4: prefix term 'big goal*' must be one word"},
      {"[[topic]]\nslug = \"sport\"\n[topic.terms]\n\"--\" = 2\n",
       "bad.toml:4: term '--' has no word"},
      {"[[topic]]\nslug = \"a\"\n[topic.terms]\n\"x1\" = 1\n[[topic]]\nslug = "
       "\"a\"\n[topic.terms]\n"
       "\"x2\" = 1\n",
       "bad.toml:5: duplicate topic slug 'a'"},
      {"scale = -1\n[[topic]]\nslug = \"a\"\n[topic.terms]\n\"x1\" = 1\n",
       "bad.toml:1: scale must be > 0"},
      {"title_weight = 2\n", "no [[topic]] tables"},
  };
  for (const BadFile& bad : kBad) {
    auto tax = TopicTaxonomy::Parse(bad.text, "bad.toml");
    ASSERT_FALSE(tax.ok()) << bad.text;
    EXPECT_EQ(tax.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(tax.status().message().find(bad.expected), std::string::npos)
        << tax.status().message() << "\nexpected: " << bad.expected;
  }
}

TEST(TaxonomyTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  auto tax = TopicTaxonomy::LoadFile(dir.path() + "/nope.toml");
  ASSERT_FALSE(tax.ok());
  EXPECT_TRUE(tax.status().IsNotFound());
}

TEST(TaxonomyTest, DeployFileHasTheSeventeenIptcTopics) {
  auto tax = TopicTaxonomy::LoadFile(DeployTaxonomy());
  ASSERT_TRUE(tax.ok()) << tax.status().ToString();
  EXPECT_EQ(tax.value()->topic_count(), 17u);
  EXPECT_GT(tax.value()->term_count(), 500u);
  // A text touching every topic shows every slug with its IPTC code.
  auto scored = tax.value()->Score(
      "Everything",
      "film election police earthquake economy school climate hospital birthday unemployment "
      "travel church software poverty football war weather");
  const std::pair<const char*, const char*> kExpected[] = {
      {"arts_culture_entertainment", "medtop:01000000"},
      {"crime_law_justice", "medtop:02000000"},
      {"disaster_accident", "medtop:03000000"},
      {"economy_business_finance", "medtop:04000000"},
      {"education", "medtop:05000000"},
      {"environment", "medtop:06000000"},
      {"health", "medtop:07000000"},
      {"human_interest", "medtop:08000000"},
      {"labour", "medtop:09000000"},
      {"lifestyle_leisure", "medtop:10000000"},
      {"politics", "medtop:11000000"},
      {"religion", "medtop:12000000"},
      {"science_technology", "medtop:13000000"},
      {"society", "medtop:14000000"},
      {"sport", "medtop:15000000"},
      {"conflict_war_peace", "medtop:16000000"},
      {"weather", "medtop:17000000"}};
  for (const auto& [slug, code] : kExpected) {
    auto it =
        std::find_if(scored.begin(), scored.end(), [&](const Topic& t) { return t.label == slug; });
    ASSERT_NE(it, scored.end()) << slug;
    EXPECT_EQ(it->code, code);
  }
}

// Fictional articles, written for this test.
TEST(TaxonomyTest, DeployFileScoresFictionalArticles) {
  auto tax = TopicTaxonomy::LoadFile(DeployTaxonomy());
  ASSERT_TRUE(tax.ok()) << tax.status().ToString();
  const auto& t = *tax.value();
  EXPECT_EQ(Best(t.Score("Rovers snatch late win at Athletic",
                         "A stoppage-time goal from the teenage striker gave Rovers a 2-1 victory "
                         "over Athletic on Saturday, lifting the club to third in the league. "
                         "The coach praised his squad after a tense second half in front of "
                         "28,000 fans.")),
            "sport");
  EXPECT_EQ(Best(t.Score("Coalition talks stall after close election",
                         "Talks to form a government stalled on Monday as the two largest parties "
                         "disagreed over who should be prime minister. Opposition MPs said the "
                         "vote had left parliament divided and called for a second ballot.")),
            "politics");
  EXPECT_EQ(Best(t.Score("Lumen Foods profits slip as costs rise",
                         "Lumen Foods reported a 12% fall in quarterly profits as higher energy "
                         "prices squeezed margins. Shares fell 4% on the stock exchange and "
                         "analysts cut their forecasts for the firm's full-year revenue.")),
            "economy_business_finance");
  EXPECT_EQ(Best(t.Score("Orbitel unveils faster mobile chip",
                         "Orbitel has unveiled a processor for mobile phones that it says doubles "
                         "battery life. The software runs on existing handsets and users can "
                         "download an update from its website.")),
            "science_technology");
  EXPECT_EQ(Best(t.Score("Storm brings heavy snow and gales",
                         "Forecasters warned of heavy snow and gale-force winds overnight, with "
                         "temperatures dropping to minus eight degrees Celsius. The weather "
                         "service said rain would follow on Thursday.")),
            "weather");
  // Multi-label: a defence ministers' meeting is politics and conflict at once.
  auto topics = SelectTopics(
      t.Score("Defence ministers agree to joint missile production",
              "The defence ministers of the two countries agreed on Tuesday to expand joint "
              "production of missiles and hold more military drills, the foreign ministry said "
              "after the summit. The alliance has grown as troops face new threats."),
      0.5, 3);
  ASSERT_GE(topics.size(), 2u);
  EXPECT_GT(ScoreOf(topics, "politics"), 0.5);
  EXPECT_GT(ScoreOf(topics, "conflict_war_peace"), 0.5);
  EXPECT_GE(topics[0].score, topics[1].score);
}

TEST(SelectTopicsTest, SortsThresholdsAndKeepsTheBest) {
  std::vector<Topic> scored = {{"a", "", 0.2}, {"b", "", 0.9}, {"c", "", 0.6}, {"d", "", 0.55}};
  auto top = SelectTopics(scored, 0.5, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].label, "b");
  EXPECT_EQ(top[1].label, "c");
  auto weak = SelectTopics({{"a", "", 0.2}, {"b", "", 0.1}}, 0.5, 3);
  ASSERT_EQ(weak.size(), 1u);
  EXPECT_EQ(weak[0].label, "a");
  EXPECT_TRUE(SelectTopics({}, 0.5, 3).empty());
}

}  // namespace
}  // namespace newsflow
