#include "daemon/config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "daemon/stage_registry.h"

namespace newsflow {
namespace {

TEST(ConfigTest, EmptyConfigGivesDefaults) {
  auto c = ParseConfig("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->kafka.articles_topic, "articles");
  ASSERT_EQ(c->inputs.size(), 1u);
  EXPECT_EQ(c->inputs[0].format, InputFormat::kProtobuf);
  EXPECT_EQ(c->stages, (std::vector<std::string>{"decode", "clean", "dedup", "classify"}));
}

TEST(ConfigTest, ShippedExampleConfigParses) {
  auto c = LoadConfigFile(std::string(NEWSFLOW_SOURCE_DIR) + "/deploy/newsflow.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->storage.path, "/var/lib/newsflow");
}

TEST(ConfigTest, ReadsTypedValuesAndPassThroughProperties) {
  auto c = ParseConfig(R"(
[kafka]
brokers = "k1:9092,k2:9092"
batch_max_messages = 50
[kafka.properties]
"security.protocol" = "SSL"
"socket.keepalive.enable" = true
[[inputs]]
topic = "raw"
format = "json"
[[inputs]]
topic = "bodies"
format = "body"
[decode]
max_page_bytes = 1000
[classify]
topic_threshold = 0.3
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->kafka.brokers, "k1:9092,k2:9092");
  EXPECT_EQ(c->kafka.batch_max_messages, 50);
  EXPECT_EQ(c->kafka.properties.at("security.protocol"), "SSL");
  EXPECT_EQ(c->kafka.properties.at("socket.keepalive.enable"), "true");
  ASSERT_EQ(c->inputs.size(), 2u);
  EXPECT_EQ(c->inputs[1].format, InputFormat::kBody);
  EXPECT_EQ(c->decode.max_page_bytes, 1000u);
  EXPECT_DOUBLE_EQ(c->classify.topic_threshold, 0.3);
}

TEST(ConfigTest, DedupAndClassifyKnobsReachTheStageOptions) {
  auto c = ParseConfig(R"(
[dedup]
tracking_params = ["ref", "campaign_*"]
url_strip_www = false
teaser_max_ratio = 0.5
lead_sample_modulus = 6
lead_index_shingles = 20
max_postings = 32
sketch_size = 128
exact_title_words = 30
teaser_exact_below_words = 12
[classify]
language_probe_bytes = 128
page_min_article_chars = 200
page_main_article_ratio = 2.5
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->dedup.url.tracking_params, (std::vector<std::string>{"ref", "campaign_*"}));
  EXPECT_EQ(c->dedup.url.www, dedup::WwwPolicy::kKeep);
  EXPECT_EQ(c->dedup.url.scheme, dedup::SchemePolicy::kHttpAsHttps);
  EXPECT_DOUBLE_EQ(c->dedup.teaser_max_ratio, 0.5);
  EXPECT_EQ(c->dedup.lead_sample_modulus, 6);
  EXPECT_EQ(c->dedup.lead_index_shingles, 20);
  EXPECT_EQ(c->dedup.max_postings, 32);
  EXPECT_EQ(c->dedup.sketch_size, 128);
  EXPECT_EQ(c->dedup.exact_title_words, 30);
  EXPECT_EQ(c->dedup.teaser_exact_below_words, 12);
  EXPECT_EQ(c->classify.language_probe_bytes, 128u);
  EXPECT_EQ(c->classify.page_type.min_article_chars, 200u);
  EXPECT_DOUBLE_EQ(c->classify.page_type.main_article_ratio, 2.5);

  auto probe = ParseConfig("[classify]\nlanguage_probe_bytes = 9000\n");
  ASSERT_FALSE(probe.ok());
  EXPECT_NE(probe.status().ToString().find("classify.language_probe_bytes"), std::string::npos);
}

TEST(ConfigTest, ErrorsNameTheKey) {
  auto unknown = ParseConfig("[kafka]\nbrokerz = \"x\"\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("kafka.brokerz"), std::string::npos);
  auto type = ParseConfig("[kafka]\nbatch_max_ms = \"fast\"\n");
  ASSERT_FALSE(type.ok());
  EXPECT_NE(type.status().message().find("kafka.batch_max_ms"), std::string::npos);
  auto range = ParseConfig("[classify]\ntopic_threshold = 2.0\n");
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.status().message().find("topic_threshold"), std::string::npos);
  auto section = ParseConfig("[kafak]\n");
  ASSERT_FALSE(section.ok());
  EXPECT_NE(section.status().message().find("kafak"), std::string::npos);
  auto format = ParseConfig("[[inputs]]\ntopic = \"t\"\nformat = \"xml\"\n");
  ASSERT_FALSE(format.ok());
  EXPECT_NE(format.status().message().find("xml"), std::string::npos);
  auto syntax = ParseConfig("[kafka\n", "test.toml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("test.toml:1"), std::string::npos);
  auto stages = ParseConfig("[pipeline]\nstages = [\"clean\", \"decode\"]\n");
  EXPECT_FALSE(stages.ok());
  auto no_dedup = ParseConfig("[pipeline]\nstages = [\"decode\", \"clean\", \"classify\"]\n");
  ASSERT_FALSE(no_dedup.ok());
  EXPECT_NE(no_dedup.status().message().find("dedup"), std::string::npos);
}

TEST(ConfigTest, StageSectionsAreParsedByTheirStage) {
  auto unknown = ParseConfig("[dedup]\nbandz = 4\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown key dedup.bandz"), std::string::npos);
  auto type = ParseConfig("[clean]\nchrome_max_line_chars = -1\n");
  ASSERT_FALSE(type.ok());
  EXPECT_NE(type.status().message().find("clean.chrome_max_line_chars must be a non-negative"),
            std::string::npos);
  auto not_table = ParseConfig("decode = 3\n");
  ASSERT_FALSE(not_table.ok());
  EXPECT_NE(not_table.status().message().find("decode must be a table"), std::string::npos);
  auto decode = ParseConfig("[decode]\nmax_page_bytes = 0\n");
  ASSERT_FALSE(decode.ok());
  EXPECT_NE(decode.status().message().find("decode.max_page_bytes: must be > 0"),
            std::string::npos);
}

TEST(ConfigTest, SectionClimbKnobsReachTheHtmlExtractor) {
  auto c = ParseConfig(R"(
[clean]
html_section_min_body_chars = 300
html_section_max_link_density = 0.2
html_section_max_share = 0.7
html_section_climb_levels = 0
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->clean.html.section_min_body_chars, 300);
  EXPECT_DOUBLE_EQ(c->clean.html.section_max_link_density, 0.2);
  EXPECT_DOUBLE_EQ(c->clean.html.section_max_share, 0.7);
  EXPECT_EQ(c->clean.html.section_climb_levels, 0);
  auto share = ParseConfig("[clean]\nhtml_section_max_share = 1.5\n");
  ASSERT_FALSE(share.ok());
  EXPECT_NE(share.status().message().find("clean.html_section_max_share: must be in [0, 1]"),
            std::string::npos);
  auto levels = ParseConfig("[clean]\nhtml_section_climb_levels = -1\n");
  ASSERT_FALSE(levels.ok());
  EXPECT_NE(levels.status().message().find("clean.html_section_climb_levels"), std::string::npos);
}

// The typed reads of pipeline/config_section.h: the message names the type; the first error
// recorded is the one reported.
TEST(ConfigTest, WrongTypesAndBrokenRulesAreReportedFirstErrorFirst) {
  auto bands = ParseConfig("[dedup]\nbands = \"four\"\n");
  ASSERT_FALSE(bands.ok());
  EXPECT_EQ(bands.status().message(), "dedup.bands must be an integer");
  auto negative = ParseConfig("[decode]\nmax_page_bytes = -1\n");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().message(), "decode.max_page_bytes must be a non-negative integer");
  auto rule = ParseConfig("[kafka]\nbatch_max_ms = 0\n");
  ASSERT_FALSE(rule.ok());
  EXPECT_EQ(rule.status().message(), "kafka.batch_max_ms: must be > 0");
  auto two = ParseConfig("[kafka]\nbatch_max_messages = 0\nbatch_max_ms = 0\n");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.status().message(), "kafka.batch_max_messages: must be > 0");
  // 2^32 + 500 once wrapped to a valid 500 ms.
  auto wide = ParseConfig("[kafka]\nbatch_max_ms = 4294967796\n");
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.status().message(),
            "kafka.batch_max_ms must be an integer between -2147483648 and 2147483647");
  auto values = ParseConfig("[dedup]\nbands = 16\nrows = 2\n[decode]\nmax_page_bytes = 4096\n");
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ(values->dedup.bands, 16);
  EXPECT_EQ(values->decode.max_page_bytes, 4096u);
}

// retention_days = 0 was refused by the config and accepted by the stage's factory; the one
// rule now is > 0 (an index that never forgets grows without bound).
TEST(ConfigTest, DedupRetentionMustBePositive) {
  auto zero = ParseConfig("[dedup]\nretention_days = 0\n");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("dedup.retention_days: must be > 0"), std::string::npos);
  auto one = ParseConfig("[dedup]\nretention_days = 1\n");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->dedup.retention_days, 1);
}

// Every namespace has a retention except the bounded ones (issue #11: the articles kept
// every event body forever).
TEST(ConfigTest, ArticlesAndTheUrlIndexExpire) {
  auto config = ParseConfig("[storage]\narticle_retention_days = 12\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  std::map<std::string, int64_t> retention;
  for (const auto& ns : NamespacesFor(*config, StageFactories()))
    retention[ns.name] = ns.retention_seconds;
  EXPECT_EQ(retention.at("articles"), 12 * 86400);
  EXPECT_EQ(retention.at("url_index"), 12 * 86400);
  EXPECT_GT(retention.at("dedup_doc"), 0);
  EXPECT_GT(retention.at("site_lines"), 0);
  EXPECT_EQ(retention.at("site_stats"), 0);  // one record per site
  auto negative = ParseConfig("[storage]\narticle_retention_days = -1\n");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("storage.article_retention_days"), std::string::npos);
}

// Rules the stage's factory held alone are now checked when the config is read.
TEST(ConfigTest, FactoryRulesAreCheckedAtParseTime) {
  auto sketch = ParseConfig("[dedup]\nsketch_size = 8\n");
  ASSERT_FALSE(sketch.ok());
  EXPECT_NE(sketch.status().message().find("dedup.sketch_size"), std::string::npos);
  auto topics = ParseConfig("[classify]\nmax_topics = 0\n");
  ASSERT_FALSE(topics.ok());
  EXPECT_NE(topics.status().message().find("classify.max_topics"), std::string::npos);
}

TEST(ConfigTest, MetricsSectionIsLoopbackByDefaultAndChecked) {
  auto defaults = ParseConfig("");
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->metrics.enabled);
  EXPECT_EQ(defaults->metrics.listen_address, "127.0.0.1");
  EXPECT_EQ(defaults->metrics.port, 9464);
  auto set = ParseConfig(
      "[metrics]\nenabled = false\nlisten_address = \"::1\"\nport = 0\n"
      "kafka_stats_interval_ms = 1000\nloop_stall_timeout_s = 0\n");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_FALSE(set->metrics.enabled);
  EXPECT_EQ(set->metrics.listen_address, "::1");
  EXPECT_EQ(set->metrics.port, 0);
  EXPECT_EQ(set->metrics.kafka_stats_interval_ms, 1000);
  EXPECT_EQ(set->metrics.loop_stall_timeout_s, 0);
  for (const auto& [toml, key] : std::vector<std::pair<std::string, std::string>>{
           {"port = 70000", "metrics.port"},
           {"port = \"http\"", "metrics.port"},
           {"listen_address = \"localhost\"", "metrics.listen_address"},
           {"kafka_stats_interval_ms = 0", "metrics.kafka_stats_interval_ms"},
           {"loop_stall_timeout_s = -1", "metrics.loop_stall_timeout_s"},
           {"prot = 1", "unknown key metrics.prot"}}) {
    auto bad = ParseConfig("[metrics]\n" + toml + "\n");
    ASSERT_FALSE(bad.ok()) << toml;
    EXPECT_NE(bad.status().message().find(key), std::string::npos) << bad.status().ToString();
  }
}

// The HTML parse budget's keys reach the extractor's options; the example config holds the
// defaults; a depth budget at or below the nesting cap is refused (real pages reach the cap).
TEST(ConfigTest, ParseBudgetKeysReachTheExtractor) {
  auto c = ParseConfig(
      "[clean]\nhtml_budget_tags = 1000\nhtml_budget_elements = 500\nhtml_budget_depth = 600\n"
      "html_budget_text_bytes = 4096\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->clean.html.budget_tags, 1000u);
  EXPECT_EQ(c->clean.html.budget_elements, 500u);
  EXPECT_EQ(c->clean.html.budget_depth, 600u);
  EXPECT_EQ(c->clean.html.budget_text_bytes, 4096u);
  auto shipped = LoadConfigFile(std::string(NEWSFLOW_SOURCE_DIR) + "/deploy/newsflow.toml");
  ASSERT_TRUE(shipped.ok());
  const HtmlExtractorOptions defaults;
  EXPECT_EQ(shipped->clean.html.budget_tags, defaults.budget_tags);
  EXPECT_EQ(shipped->clean.html.budget_elements, defaults.budget_elements);
  EXPECT_EQ(shipped->clean.html.budget_depth, defaults.budget_depth);
  EXPECT_EQ(shipped->clean.html.budget_text_bytes, defaults.budget_text_bytes);
  auto shallow = ParseConfig("[clean]\nhtml_budget_depth = 512\n");
  ASSERT_FALSE(shallow.ok());
  EXPECT_NE(
      shallow.status().message().find("clean.html_budget_depth: must be > html_max_element_depth"),
      std::string::npos)
      << shallow.status().message();
  auto zero = ParseConfig("[clean]\nhtml_budget_elements = 0\n");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("clean.html_budget_elements: must be > 0"),
            std::string::npos);
}

}  // namespace
}  // namespace newsflow
