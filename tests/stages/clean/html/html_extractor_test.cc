#include "stages/clean/html/html_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "common/text/utf8.h"
#include "common/time/civil_time.h"
#include "tests/support/read_file.h"
#include "tests/support/shared_data.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAt = 1962000000000;  // 2032-03-04, after every fixture date

std::string ReadFixture(const std::string& name) {
  return testing::ReadFile(testing::SourceDir() + "/tests/fixtures/html/" + name);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(HtmlExtractorTest, NewsArticleKeepsTheStoryAndDropsTheChrome) {
  HtmlExtractor extractor;
  std::string html = ReadFixture("news_article.html");
  ASSERT_FALSE(html.empty());
  CleanResult r = extractor.Extract(html, "https://courier.example/news/2031/03/x", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  const std::string& body = r.articles[0].body;

  // Paragraphs, the subheading and the list, in page order.
  const char* kInOrder[] = {"The Harbour Bridge reopened to traffic",
                            "Engineers from the county council",
                            "What changed during the repairs",
                            "The new railing is taller",
                            "Cyclists get a separate lane",
                            "The speed limit drops",
                            "Shop owners on Quay Street",
                            "The council will publish its full report"};
  size_t last = 0;
  for (const char* s : kInOrder) {
    size_t pos = body.find(s);
    ASSERT_NE(pos, std::string::npos) << s << "\n--- body:\n" << body;
    EXPECT_GE(pos, last) << s;
    last = pos;
  }
  // Chrome: cookie banner, navigation, share bar, caption, ad label, related, comments, most read,
  // footer, the headline itself and the byline.
  for (const char* s :
       {"We use cookies", "Opinion, letters", "Share on Facebook", "Photo: Courier",
        "Lakeside Photo Agency", "Advertisement", "Related stories", "Storm damage bill",
        "12 comments", "My commute", "Most read", "chess title", "All rights reserved",
        "Harbour bridge reopens after storm repairs", "By Mira"}) {
    EXPECT_FALSE(Contains(body, s)) << s << "\n--- body:\n" << body;
  }
  // One paragraph per line, entities decoded, whitespace collapsed.
  EXPECT_TRUE(Contains(body, "\u201cIt has been a long, quiet month,\u201d said one baker"));
  EXPECT_FALSE(Contains(body, "  "));
  EXPECT_FALSE(Contains(body, "\n\n"));
  EXPECT_TRUE(Contains(body, "crack in the deck.\nEngineers from"));
}

TEST(HtmlExtractorTest, NewsArticleMetadata) {
  HtmlExtractor extractor;
  CleanResult r = extractor.Extract(ReadFixture("news_article.html"),
                                    "https://courier.example/news/2031/03/x?utm=1", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Harbour bridge reopens after storm repairs");
  EXPECT_EQ(a.source, "The Lakeside Courier");
  EXPECT_EQ(a.published_text, "2031-03-14T09:30:00+00:00");
  EXPECT_EQ(a.published_at_ms, CivilToEpochMs(2031, 3, 14, 9, 30));
  EXPECT_EQ(a.authors, std::vector<std::string>{"Mira Okafor"});
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Local", "Transport", "Weather"}));
  // The relative canonical link is resolved against the page URL.
  EXPECT_EQ(a.url, "https://courier.example/news/2031/03/harbour-bridge-reopens");
  EXPECT_EQ(r.meta.canonical_url, a.url);
  EXPECT_EQ(r.meta.declared_language, "en-GB");
  EXPECT_EQ(r.meta.site_name, "The Lakeside Courier");
  EXPECT_EQ(r.meta.layout_page_type, PageType::kArticle);
}

TEST(HtmlExtractorTest, JsonLdMetadataWinsAndTitleSuffixIsStripped) {
  HtmlExtractor extractor;
  CleanResult r = extractor.Extract(ReadFixture("jsonld_blog.html"),
                                    "https://greenfingers.example/p?id=7", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Ten years of allotment notes");
  EXPECT_EQ(r.meta.title, "Ten years of allotment notes - Green Fingers Weekly");
  EXPECT_EQ(a.source, "Green Fingers Weekly");
  EXPECT_EQ(a.published_text, "2030-06-02T07:15:00+02:00");
  EXPECT_EQ(a.published_at_ms, CivilToEpochMs(2030, 6, 2, 7, 15, 0, /*offset_minutes=*/120));
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Hannes Vogel", "Lotte Brand"}));
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Diaries", "gardening", "compost"}));
  EXPECT_EQ(a.url, "https://greenfingers.example/blog/ten-years");
  EXPECT_EQ(r.meta.declared_language, "de-DE");
  EXPECT_FALSE(a.truncated);
  EXPECT_TRUE(Contains(a.body, "plot fourteen"));
  EXPECT_TRUE(Contains(a.body, "best seed catalogue"));
  EXPECT_FALSE(Contains(a.body, "newsletter"));
  EXPECT_FALSE(Contains(a.body, "Archive"));
}

TEST(HtmlExtractorTest, PublicationDateLaterThanFetchIsNotBelieved) {
  HtmlExtractor extractor;
  std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2040-01-01T00:00:00Z\"}</script>"
      "<meta property=\"article:published_time\" content=\"2031-02-03\"></head><body><article>"
      "<p>A paragraph long enough to count as the article body, with a comma, and more words in "
      "it than a caption would ever have.</p></article></body></html>";
  CleanResult r = extractor.Extract(html, "https://x.example/a", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].published_text, "2031-02-03");
  // Without a fetch time bound (0 = unknown) the JSON-LD date is taken.
  r = extractor.Extract(html, "https://x.example/a", 0);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].published_text, "2040-01-01T00:00:00Z");
}

TEST(HtmlExtractorTest, PaywalledTeaserIsMarkedTruncated) {
  HtmlExtractor extractor;
  const std::string para =
      "<p>Gaming used to be simple, with one console, one game, and one long weekend to finish "
      "it, before updates and season passes arrived.</p>";
  std::string paywalled =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"isAccessibleForFree\":\"False\"}</script></head><body><article>" +
      para + "</article></body></html>";
  CleanResult r = extractor.Extract(paywalled, "https://x.example/", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.articles[0].truncated);
  std::string cut = "<html><body><article>" + para +
                    "<p>Now we spend money over and over on "
                    "virtual perks, and there is no end...</p></article></body></html>";
  r = extractor.Extract(cut, "https://x.example/", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.articles[0].truncated);
  r = extractor.Extract("<html><body><article>" + para + "</article></body></html>", "", 0);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_FALSE(r.articles[0].truncated);
}

TEST(HtmlExtractorTest, UrlDateAndBylineDateAreFallbacks) {
  HtmlExtractor extractor;
  std::string body =
      "<p>Some body text that is long enough to be an article, with commas, clauses, and a "
      "little more detail than a teaser.</p><p>A second paragraph makes it a real story, "
      "with another comma.</p>";
  std::string html =
      "<html><body><h1>Headline</h1><div class=\"meta\">Posted on "
      "November 19, 2029 by Admin</div><div class=\"post\">" +
      body + "</div></body></html>";
  CleanResult r = extractor.Extract(html, "https://x.example/2029/11/18/story", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].published_text, "2029/11/18");
  EXPECT_EQ(r.articles[0].title, "Headline");
  r = extractor.Extract(html, "https://x.example/story", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].published_text, "November 19, 2029");
  EXPECT_EQ(r.articles[0].published_at_ms, CivilToEpochMs(2029, 11, 19));
}

// 03/04/2029 is 4 March on a page that says it is American English, 3 April on any other
// (common/time/numeric_date.h).
TEST(HtmlExtractorTest, AmbiguousBylineDateFollowsThePageLanguage) {
  HtmlExtractor extractor;
  auto page = [](const std::string& lang) {
    return "<html lang=\"" + lang +
           "\"><body><h1>Headline</h1><div class=\"meta\">Posted 03/04/2029 by Admin</div>"
           "<div class=\"post\"><p>Some body text that is long enough to be an article, with "
           "commas, clauses, and a little more detail than a teaser.</p><p>A second paragraph "
           "makes it a real story, with another comma.</p></div></body></html>";
  };
  CleanResult us = extractor.Extract(page("en-US"), "https://x.example/story", kFetchedAt);
  ASSERT_EQ(us.articles.size(), 1u);
  EXPECT_EQ(us.articles[0].published_at_ms, CivilToEpochMs(2029, 3, 4));
  for (const char* lang : {"en-GB", "de", ""}) {
    CleanResult r = extractor.Extract(page(lang), "https://x.example/story", kFetchedAt);
    ASSERT_EQ(r.articles.size(), 1u) << lang;
    EXPECT_EQ(r.articles[0].published_at_ms, CivilToEpochMs(2029, 4, 3)) << lang;
  }
}

TEST(HtmlExtractorTest, InArticleChromeLinesAreDroppedButEmbedsAndSubheadingsStay) {
  HtmlExtractor extractor;
  const std::string para =
      "<p>A long paragraph of the story itself, with commas, clauses, and enough words to be "
      "read as article text rather than as a caption or a label.</p>";
  std::string html =
      "<html><body><div class=\"sidebar-layout\"><article class=\"story\">"
      "<p>Updated 1:39 am EST, Wednesday, November 20, 2030</p>" +
      para + "<h3><a href=\"/p\">The Gadget Nine Pro</a></h3>" + para +
      "<p>Mayor <span class=\"person-rollover\"><a href=\"/m\">Ana Diaz</a><span "
      "class=\"rollover-card\"><a href=\"/m\">Ana Maria Diaz</a><a href=\"/x\">Other story "
      "about the mayor</a></span></span> said the works would finish early, which surprised "
      "many.</p>" +
      "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>What a day on "
      "the harbour, honestly the best one this year</p>&mdash; A Reader (@reader) November 18, "
      "2030</blockquote></div>" +
      "<p>3 of 12</p>" + para +
      "<p>More:</p><ul><li><a href=\"/a\">Another story about something else</a></li>"
      "<li><a href=\"/b\">Yet another story about something else</a></li></ul>" +
      para +
      "<p>Follow the story as it develops: subscribe to our newsletter.</p>"
      "<p>You may also like...</p></article></div></body></html>";
  CleanResult r = extractor.Extract(html, "https://x.example/", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  const std::string& body = r.articles[0].body;
  EXPECT_TRUE(Contains(body, "The Gadget Nine Pro")) << body;
  EXPECT_TRUE(Contains(body, "What a day on the harbour")) << body;
  EXPECT_TRUE(Contains(body, "(@reader) November 18, 2030")) << body;
  EXPECT_TRUE(Contains(body, "Mayor Ana Diaz said the works")) << body;
  for (const char* s : {"Updated 1:39", "3 of 12", "More:", "Another story", "You may also",
                        "Ana Maria Diaz", "Other story about", "subscribe to our newsletter"}) {
    EXPECT_FALSE(Contains(body, s)) << s << "\n--- body:\n" << body;
  }
}

TEST(HtmlExtractorTest, ShortStoryBeatsLongCommentThread) {
  HtmlExtractor extractor;
  std::string html =
      "<html><body><div class=\"page social-layout\"><article><p>The council approved the new "
      "harbour wall on Tuesday, with nine votes in favour and two against, after a short "
      "debate.</p><p>Work starts in May.</p></article><div id=\"comments\" class=\"comments\">";
  for (int i = 0; i < 30; ++i) {
    html += "<div class=\"comment-body\"><p>Reader comment number " + std::to_string(i) +
            ", which goes on at length, with commas, opinions, and asides, about the wall, the "
            "council, the weather and the state of the roads.</p></div>";
  }
  html += "</div></div></body></html>";
  CleanResult r = extractor.Extract(html, "https://x.example/", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(Contains(r.articles[0].body, "The council approved")) << r.articles[0].body;
  EXPECT_FALSE(Contains(r.articles[0].body, "Reader comment")) << r.articles[0].body;
}

TEST(HtmlExtractorTest, EmptyAndContentlessPagesGiveNoArticle) {
  HtmlExtractor extractor;
  EXPECT_TRUE(extractor.Extract("", "", kFetchedAt).articles.empty());
  EXPECT_TRUE(extractor.Extract("<html></html>", "", kFetchedAt).articles.empty());
  CleanResult nav_only = extractor.Extract(
      "<html><body><nav><a href=/a>Home</a><a href=/b>News</a></nav></body></html>", "", 0);
  EXPECT_TRUE(nav_only.articles.empty());
}

TEST(HtmlExtractorTest, OutputIsValidUtf8EvenWhenInputIsNot) {
  HtmlExtractor extractor;
  std::string html =
      "<html><head><title>Bad \xff\xfe title | Site</title></head><body><article><p>A long "
      "paragraph \xc3 of the story itself, with commas, clauses, \xed\xa0\x80 and enough words "
      "\xf8\x88\x80\x80\x80 to be read as article text rather than as a caption.</p></article>"
      "</body></html>";
  CleanResult r = extractor.Extract(html, "", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(text::IsValidUtf8(r.articles[0].body));
  EXPECT_TRUE(text::IsValidUtf8(r.articles[0].title));
  EXPECT_TRUE(text::IsValidUtf8(r.meta.title));
  EXPECT_TRUE(Contains(r.articles[0].body, "\xEF\xBF\xBD"));
  EXPECT_TRUE(Contains(r.articles[0].body, "enough words"));
}

TEST(HtmlExtractorTest, BinaryGarbageDoesNotCrash) {
  HtmlExtractor extractor;
  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::string junk(1 << 16, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    if (round % 2 == 1) {
      // Sprinkle markup so the parser builds odd trees, not just text.
      for (size_t i = 0; i + 8 < junk.size(); i += 97)
        junk.replace(i, 3, round % 4 ? "<p>" : "<a ");
    }
    CleanResult r = extractor.Extract(junk, "https://x.example/", kFetchedAt);
    for (const Article& a : r.articles) {
      EXPECT_FALSE(a.body.empty());
      EXPECT_TRUE(text::IsValidUtf8(a.body));
    }
  }
}

TEST(HtmlExtractorTest, HundredThousandDeepNestingIsLinear) {
  HtmlExtractor extractor;
  const int kDepth = 100000;
  for (const char* tag : {"div", "b", "span", "table", "a", "li"}) {
    std::string open = std::string("<") + tag + ">";
    std::string close = std::string("</") + tag + ">";
    std::string html;
    html.reserve(kDepth * (open.size() + close.size()) + 400);
    for (int i = 0; i < kDepth; ++i) html += open;
    html +=
        "<p>Deep inside the nesting there is a paragraph, long enough, with commas, to be an "
        "article body of its own.</p>";
    for (int i = 0; i < kDepth; ++i) html += close;
    auto start = std::chrono::steady_clock::now();
    CleanResult r = extractor.Extract(html, "https://x.example/", kFetchedAt);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(secs, 20.0) << tag;  // generous: sanitizer builds on a shared machine
    if (std::string(tag) == "div" || std::string(tag) == "span") {
      ASSERT_EQ(r.articles.size(), 1u) << tag;
      EXPECT_TRUE(Contains(r.articles[0].body, "Deep inside the nesting")) << tag;
    }
  }
}

TEST(HtmlExtractorTest, TwentyMegabytePage) {
  // Over the default text budget (8 MiB): the extractor reads it when allowed to.
  HtmlExtractorOptions options;
  options.budget_text_bytes = 32u << 20;
  HtmlExtractor extractor(options);
  std::string html = "<html><head><title>Long read | Example</title></head><body>";
  html += "<nav><a href=/>Home</a></nav><article>";
  int paragraphs = 0;
  while (html.size() < (20u << 20)) {
    html += "<p>Paragraph " + std::to_string(paragraphs++) +
            " of a very long read, with commas, clauses, and enough words to count as text that "
            "a person would actually read from start to end.</p>\n";
  }
  html += "</article></body></html>";
  CleanResult r = extractor.Extract(html, "https://x.example/long", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  const std::string& body = r.articles[0].body;
  EXPECT_TRUE(Contains(body, "Paragraph 0 of a very long read"));
  EXPECT_TRUE(Contains(body, "Paragraph " + std::to_string(paragraphs - 1) + " of"));
  EXPECT_EQ(r.articles[0].title, "Long read");
  // The extractor stays usable after a huge page.
  r = extractor.Extract(ReadFixture("news_article.html"), "https://courier.example/", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
}

TEST(HtmlExtractorTest, OversizedInputIsCutNotRefused) {
  HtmlExtractorOptions options;
  options.max_html_bytes = 4096;
  HtmlExtractor extractor(options);
  std::string html = "<html><body><article>";
  for (int i = 0; i < 200; ++i) {
    html += "<p>Sentence number " + std::to_string(i) +
            ", which is part of a long article, goes on for a while.</p>";
  }
  CleanResult r = extractor.Extract(html, "", kFetchedAt);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(Contains(r.articles[0].body, "Sentence number 0,"));
  EXPECT_FALSE(Contains(r.articles[0].body, "Sentence number 199,"));
}

TEST(HtmlExtractorTest, ReusedExtractorGivesTheSameAnswer) {
  HtmlExtractor extractor;
  std::string html = ReadFixture("news_article.html");
  CleanResult first = extractor.Extract(html, "https://courier.example/", kFetchedAt);
  extractor.Extract(ReadFixture("jsonld_blog.html"), "https://greenfingers.example/", kFetchedAt);
  CleanResult again = extractor.Extract(html, "https://courier.example/", kFetchedAt);
  ASSERT_EQ(first.articles.size(), 1u);
  ASSERT_EQ(again.articles.size(), 1u);
  EXPECT_EQ(first.articles[0].body, again.articles[0].body);
  EXPECT_EQ(first.articles[0].title, again.articles[0].title);
}

}  // namespace
}  // namespace newsflow
