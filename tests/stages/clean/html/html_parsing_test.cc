// The HTML extractor's small parsers: ISO-8601 and printed dates, the pre-parse filter and
// title/site splitting (the JSON-LD reader is tested in tests/common/json_test.cc).
#include <gtest/gtest.h>

#include <string>

#include "common/time/civil_time.h"
#include "common/time/printed_date.h"
#include "common/time/rfc3339.h"
#include "common/time/url_date.h"
#include "stages/clean/html/metadata.h"
#include "stages/clean/html/prefilter.h"

namespace newsflow {
namespace {

int64_t Ms(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return ((DaysFromCivil(y, m, d) * 24 + hh) * 3600 + mm * 60 + ss) * 1000;
}

TEST(Iso8601Test, Forms) {
  EXPECT_EQ(ParseIso8601Ms("2019-11-19"), Ms(2019, 11, 19));
  EXPECT_EQ(ParseIso8601Ms("2019-11-19T12:30"), Ms(2019, 11, 19, 12, 30));
  EXPECT_EQ(ParseIso8601Ms(" 2019-11-19T12:30:05Z "), Ms(2019, 11, 19, 12, 30, 5));
  EXPECT_EQ(ParseIso8601Ms("2019-11-19T12:30:05.123+01:00"), Ms(2019, 11, 19, 11, 30, 5));
  EXPECT_EQ(ParseIso8601Ms("2019-11-19T12:30:05-0500"), Ms(2019, 11, 19, 17, 30, 5));
  EXPECT_EQ(ParseIso8601Ms("2019-11-19 12:30:05"), Ms(2019, 11, 19, 12, 30, 5));
  EXPECT_EQ(ParseIso8601Ms("20191119T123005Z"), Ms(2019, 11, 19, 12, 30, 5));
  EXPECT_EQ(ParseIso8601Ms("2020-01-01T00:30:00+02:00"), Ms(2019, 12, 31, 22, 30));
}

TEST(Iso8601Test, RejectsNonDates) {
  EXPECT_FALSE(ParseIso8601Ms(""));
  EXPECT_FALSE(ParseIso8601Ms("2019-13-01"));
  EXPECT_FALSE(ParseIso8601Ms("2019-02-30"));
  EXPECT_FALSE(ParseIso8601Ms("2019-11-19T25:00"));
  EXPECT_FALSE(ParseIso8601Ms("2019-11-19 and more"));
  EXPECT_FALSE(ParseIso8601Ms("November 19, 2019"));
  EXPECT_FALSE(ParseIso8601Ms("1850-01-01"));
  EXPECT_EQ(ParseIso8601Ms("2020-02-29"), Ms(2020, 2, 29));
  EXPECT_FALSE(ParseIso8601Ms("2019-02-29"));
}

TEST(UrlDateTest, PathForms) {
  std::string_view found;
  EXPECT_EQ(ParseUrlDateMs("https://a.example/news/2019/11/19/story", &found), Ms(2019, 11, 19));
  EXPECT_EQ(found, "2019/11/19");
  EXPECT_EQ(ParseUrlDateMs("https://a.example/2019-11-19-story.html"), Ms(2019, 11, 19));
  EXPECT_EQ(ParseUrlDateMs("https://a.example/news/20191119/story"), Ms(2019, 11, 19));
  EXPECT_EQ(ParseUrlDateMs("https://a.example/2014/09/make-water/"), Ms(2014, 9, 1));
  EXPECT_FALSE(ParseUrlDateMs("https://a.example/news/story-4656421.html"));
  EXPECT_FALSE(ParseUrlDateMs("https://2019.example/news/"));  // host is not the path
  EXPECT_FALSE(ParseUrlDateMs("https://a.example/item?date=2019/11/19"));
  EXPECT_FALSE(ParseUrlDateMs("https://a.example/201911181077343476-royal/"));
}

TEST(PrintedDateTest, Forms) {
  std::string_view found;
  EXPECT_EQ(FindPrintedDateMs("Published November 20th, 2019 - 07:29 GMT", &found),
            Ms(2019, 11, 20, 7, 29));
  EXPECT_EQ(found, "November 20th, 2019 - 07:29 GMT");
  EXPECT_EQ(FindPrintedDateMs("Updated 1:39 am EST, Wednesday, November 20, 2019", &found),
            Ms(2019, 11, 20, 6, 39));
  EXPECT_EQ(found, "1:39 am EST, Wednesday, November 20, 2019");
  EXPECT_EQ(FindPrintedDateMs("Nov. 19, 2019 at 10:42 p.m.", &found), Ms(2019, 11, 19, 22, 42));
  EXPECT_EQ(FindPrintedDateMs("posted 19 Sept 2019"), Ms(2019, 9, 19));
  EXPECT_EQ(FindPrintedDateMs("am 19.11.2019 um"), Ms(2019, 11, 19));
  EXPECT_EQ(FindPrintedDateMs("11/19/2019"), Ms(2019, 11, 19));
  EXPECT_EQ(FindPrintedDateMs("on 2019-11-19."), Ms(2019, 11, 19));
  EXPECT_FALSE(FindPrintedDateMs("May I have 19 apples in 2019?"));
  EXPECT_FALSE(FindPrintedDateMs("Mayor 12, 2019"));
  EXPECT_FALSE(FindPrintedDateMs(""));
}

std::string Filter(std::string_view html) {
  std::string out;
  DropInvisibleRawText(html, 0, &out);
  return out;
}

TEST(PrefilterTest, DropsScriptStyleAndCommentsKeepsJsonLd) {
  EXPECT_EQ(Filter("<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>"),
            "<p>a</p><script></script><p>b</p>");
  EXPECT_EQ(Filter("<style>p{color:red}</style>x"), "<style></style>x");
  EXPECT_EQ(Filter("a<!-- hidden <p>no</p> -->b"), "ab");
  EXPECT_EQ(Filter("a<!-->b"), "ab");
  std::string ld = "<script type=\"application/ld+json\">{\"a\":1}</script>";
  EXPECT_EQ(Filter(ld), ld);
  EXPECT_EQ(Filter("<svg><text>no</text></svg>yes"), "<svg></svg>yes");
}

TEST(PrefilterTest, FollowsTheTokenizerRules) {
  // A quoted '>' does not end the start tag.
  EXPECT_EQ(Filter("<script type=\"a>b\">z</script>k"), "<script type=\"a>b\"></script>k");
  // "</scripts" does not end a script; "</SCRIPT >" does.
  EXPECT_EQ(Filter("<script>a</scripts>b</SCRIPT >c"), "<script></SCRIPT >c");
  // Escaped script data: "<!--<script>...</script>-->" inside a script is nested.
  EXPECT_EQ(Filter("<script><!--<script>x</script>y--></script>z"), "<script></script>z");
  // Title is RCDATA: a "<script" inside it is text, kept for the parser.
  EXPECT_EQ(Filter("<title>a <script> b</title><p>c</p>"), "<title>a <script> b</title><p>c</p>");
  // Unclosed constructs do not lose the document before them.
  EXPECT_EQ(Filter("<p>keep</p><script>never closed"), "<p>keep</p><script>");
  EXPECT_EQ(Filter("<p>keep</p><!-- never closed"), "<p>keep</p>");
  EXPECT_EQ(Filter(""), "");
  EXPECT_EQ(Filter("<"), "<");
}

TEST(PrefilterTest, KeepsOnlyTheAttributesTheExtractorReads) {
  EXPECT_EQ(Filter("<a href=\"/x\" class=\"c\" data-big='{\"k\": \"<v>\"}' onclick=go()>t</a>"),
            "<a class=\"c\">t</a>");
  EXPECT_EQ(Filter("<meta property=\"og:title\" content=\"T &amp; U\" data-x=1>"),
            "<meta property=\"og:title\" content=\"T &amp; U\">");
  // "all/" is an unquoted value, not a self-closing slash.
  EXPECT_EQ(Filter("<link rel=canonical href=/a media=all/>"), "<link rel=canonical href=/a>");
  EXPECT_EQ(Filter("<br data-x=\"1\" />"), "<br/>");
  EXPECT_EQ(Filter("<img src=a.jpg srcset=\"a 1x, b 2x\" alt=\"x\">"), "<img>");
  EXPECT_EQ(Filter("<div id=main hidden style=\"display:none\">"),
            "<div id=main hidden style=\"display:none\">");
  // Unchanged when nothing is dropped; an unterminated tag is left to the parser.
  EXPECT_EQ(Filter("<p class=x>y</p>"), "<p class=x>y</p>");
  EXPECT_EQ(Filter("<p data-x=1"), "<p data-x=1");
}

TEST(PrefilterTest, CapsNestingDepthKeepingText) {
  std::string html;
  for (int i = 0; i < 10; ++i) html += "<div>";
  html += "<p>deep";
  for (int i = 0; i < 10; ++i) html += "</div>";
  std::string out;
  DropInvisibleRawText(html, 3, &out);
  EXPECT_EQ(out, "<div><div><div><p>deep</div></div></div>");
  // Void and implicitly closed elements do not count as depth.
  DropInvisibleRawText("<div><p>a<p>b<br><img><li>c</div>", 1, &out);
  EXPECT_EQ(out, "<div><p>a<p>b<br><img><li>c</div>");
  DropInvisibleRawText(html, 0, &out);
  EXPECT_EQ(out, html);
}

TEST(TitleSiteTest, StripsSiteSuffixAndPrefix) {
  std::string site;
  EXPECT_EQ(StripTitleSite("Harbour bridge reopens after repairs | The Courier", "", &site),
            "Harbour bridge reopens after repairs");
  EXPECT_EQ(site, "The Courier");
  EXPECT_EQ(StripTitleSite("Harbour bridge reopens - Courier", "Courier"),
            "Harbour bridge reopens");
  EXPECT_EQ(StripTitleSite("Courier: Harbour bridge reopens", "Courier"), "Harbour bridge reopens");
  EXPECT_EQ(
      StripTitleSite("Harbour bridge reopens after storm \xE2\x80\x93 Lakeside Courier Online", ""),
      "Harbour bridge reopens after storm");
  // A dash inside a headline is not a site suffix.
  EXPECT_EQ(StripTitleSite("Spain beats Russia 2-1 - and advances", ""),
            "Spain beats Russia 2-1 - and advances");
  EXPECT_EQ(StripTitleSite("Short - Title", ""), "Short - Title");
}

}  // namespace
}  // namespace newsflow
