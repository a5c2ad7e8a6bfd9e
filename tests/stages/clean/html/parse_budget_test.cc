// The HTML parse budget: each limit fails the page with its reason, stops the parser soon after
// it is passed (what was built stays near the limit, not near the page), and leaves pages
// within it read as before. Pages are generated here.
#include "stages/clean/html/parse_budget.h"

#include <gtest/gtest.h>
#include <myhtml/api.h>

#include <string>

#include "stages/clean/html/html_extractor.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAt = 1748779200000;

std::string Repeat(const std::string& unit, size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

const char kStory[] =
    "<p>The harbour council of Wexmoor voted on Tuesday to extend the ferry timetable through "
    "the winter, citing a rise in commuters, tourists and freight since the bridge closed.</p>";

std::string Article(const std::string& extra_body) {
  return std::string("<!DOCTYPE html><html><head><title>Ferry timetable | Wexmoor Gazette") +
         "</title></head><body><article><h1>Ferry timetable</h1>" + kStory + kStory + extra_body +
         "</article></body></html>";
}

// A myhtml tree for ParseWithinBudget, as the extractor sets one up.
class ParseBudgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    myhtml_ = myhtml_create();
    ASSERT_EQ(myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0), MyHTML_STATUS_OK);
    tree_ = myhtml_tree_create();
    ASSERT_EQ(myhtml_tree_init(tree_, myhtml_), MyHTML_STATUS_OK);
  }
  void TearDown() override {
    myhtml_tree_destroy(tree_);
    myhtml_destroy(myhtml_);
  }
  static html::ParseBudgetLimits Generous() { return {1000000, 1000000, 4096, 64u << 20}; }

  myhtml_t* myhtml_ = nullptr;
  myhtml_tree_t* tree_ = nullptr;
};

TEST_F(ParseBudgetTest, CountsWhatThePageNeeds) {
  html::ParseCounts counts;
  const std::string page = "<html><body><div class=a id=b><p>Hello</p><p>world</p></div>";
  ASSERT_TRUE(html::ParseWithinBudget(tree_, page, Generous(), &counts).ok());
  // html head body div p p (head made up by the parser).
  EXPECT_EQ(counts.elements, 6u);
  // <html> <body> <div + 2 attributes> <p> </p> <p> </p> </div>.
  EXPECT_EQ(counts.tags, 10u);
  EXPECT_EQ(counts.text_bytes, 10u);
  EXPECT_EQ(counts.max_depth, 4u);  // html > body > div > p
  // A page over one limit by one fails; at the limit it passes.
  html::ParseBudgetLimits limits = Generous();
  limits.max_elements = 6;
  EXPECT_TRUE(html::ParseWithinBudget(tree_, page, limits, &counts).ok());
  limits.max_elements = 5;
  Status s = html::ParseWithinBudget(tree_, page, limits, &counts);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_EQ(s.message(), "over the parse budget: more than 5 elements");
  // The tree can be used again after a refusal.
  ASSERT_TRUE(html::ParseWithinBudget(tree_, "<p>again</p>", Generous(), &counts).ok());
  EXPECT_EQ(counts.text_bytes, 5u);
  ASSERT_TRUE(html::ParseWithinBudget(tree_, "", Generous(), &counts).ok());
}

// Pages that make the parser build far more than their bytes suggest stop near the limit:
// the parser is fed 256 KiB at a time and stops building as soon as a count passes.
TEST_F(ParseBudgetTest, StopsNearTheLimitNotAtTheEndOfThePage) {
  constexpr size_t kLots = 1u << 30;
  const html::ParseBudgetLimits elements{kLots, 10000, 4096, kLots};
  const html::ParseBudgetLimits tags{10000, kLots, 4096, kLots};
  const html::ParseBudgetLimits depth{kLots, kLots, 300, kLots};
  const html::ParseBudgetLimits text{kLots, kLots, 4096, 100000};
  struct Case {
    const char* name;
    std::string page;
    html::ParseBudgetLimits limits;
    const char* reason;
  };
  const std::string reopened = [] {
    std::string s;
    for (int i = 0; i < 200; ++i) s += "<b class=\"c" + std::to_string(i) + "\">";
    return s;
  }();
  const Case cases[] = {
      {"a million elements", Repeat("<p>a<b>b</b></p>", 500000), elements,
       "more than 10000 elements"},
      // The parser reopens all 200 <b> for every paragraph: 200 elements per 4 bytes.
      {"reopened formatting", reopened + Repeat("<p>x", 1000000), elements,
       "more than 10000 elements"},
      {"comments", Repeat("<!x>", 2000000), elements, "more than 10000 elements"},
      // End tags the parser ignores: the prefilter's depth count goes down, the real one up.
      {"nesting behind ignored end tags", Repeat("<div></x>", 1000000), depth,
       "more than 300 elements open at once"},
      {"ignored end tags", Repeat("</x>", 2000000), tags, "more than 10000 tags and attributes"},
      {"attributes", Repeat("<i a b c d e f g h>", 200000), tags,
       "more than 10000 tags and attributes"},
      {"text", Repeat("<p>Wexmoor ferry news.</p>", 500000), text,
       "more than 100000 bytes of text"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    html::ParseCounts counts;
    Status s = html::ParseWithinBudget(tree_, c.page, c.limits, &counts);
    EXPECT_EQ(s.code(), Status::Code::kTooLarge);
    EXPECT_EQ(s.message(), std::string("over the parse budget: ") + c.reason);
    // Stopped within a chunk of the limit, far from what the whole page would build.
    EXPECT_LT(counts.elements, 10000u + html::kParseChunkBytes / 4);
    EXPECT_LT(counts.tags, 10000u + html::kParseChunkBytes / 2);
    EXPECT_LT(counts.text_bytes, 100000u + html::kParseChunkBytes);
  }
}

// After the stop, the rest of the chunk is still tokenized; "<![CDATA[" makes the tokenizer
// wait for the previous token to be marked done, which the tree builder no longer does.
TEST_F(ParseBudgetTest, MarkupAfterTheStopIsTokenizedSafely) {
  html::ParseBudgetLimits limits = Generous();
  limits.max_text_bytes = 10;
  for (const char* rest : {"<![CDATA[x]]>", "<svg><![CDATA[x]]></svg>", "<!doctype x>",
                           "<!-- c -->", "<math><mi>x</mi></math>", "<textarea>t</textarea>"}) {
    SCOPED_TRACE(rest);
    html::ParseCounts counts;
    const std::string page = std::string("<p>more than ten bytes of text</p><p>") + rest;
    EXPECT_EQ(html::ParseWithinBudget(tree_, page + page, limits, &counts).code(),
              Status::Code::kTooLarge);
  }
  html::ParseCounts counts;
  ASSERT_TRUE(html::ParseWithinBudget(tree_, "<p>fine</p>", Generous(), &counts).ok());
}

TEST(HtmlExtractorBudgetTest, OverBudgetIsTooLargeWithTheReasonAndNoArticle) {
  HtmlExtractorOptions options;
  options.budget_elements = 500;
  options.budget_tags = 2000;
  options.budget_text_bytes = 20000;
  HtmlExtractor extractor(options);
  // Within every limit: read as always.
  CleanResult ok = extractor.Extract(Article(Repeat("<p>More.</p>", 100)), "", kFetchedAt);
  ASSERT_TRUE(ok.status.ok()) << ok.status.ToString();
  ASSERT_EQ(ok.articles.size(), 1u);
  EXPECT_EQ(ok.articles[0].title, "Ferry timetable");
  const struct {
    std::string extra;
    const char* reason;
  } over[] = {
      {Repeat("<span>x</span>", 600), "over the parse budget: more than 500 elements"},
      // Seven tags' worth each (the prefilter keeps these attributes), 300 elements.
      {Repeat("<br class=a id=b role=c itemprop=d lang=e style=f>", 300),
       "over the parse budget: more than 2000 tags and attributes"},
      {Repeat(kStory, 200), "over the parse budget: more than 20000 bytes of text"},
  };
  for (const auto& o : over) {
    SCOPED_TRACE(o.reason);
    CleanResult r = extractor.Extract(Article(o.extra), "", kFetchedAt);
    EXPECT_EQ(r.status.code(), Status::Code::kTooLarge);
    EXPECT_EQ(r.status.message(), o.reason);
    EXPECT_TRUE(r.articles.empty());
  }
  // The extractor reads the next page normally.
  CleanResult again = extractor.Extract(Article(""), "", kFetchedAt);
  ASSERT_TRUE(again.status.ok());
  ASSERT_EQ(again.articles.size(), 1u);
}

TEST(HtmlExtractorBudgetTest, DefaultsReadDeepButCappedNesting) {
  // 100,000 nested <div>: the prefilter keeps 512 of them, well inside the depth budget.
  HtmlExtractor extractor;
  CleanResult r = extractor.Extract(Article(Repeat("<div>", 100000) + kStory), "", kFetchedAt);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
}

}  // namespace
}  // namespace newsflow
