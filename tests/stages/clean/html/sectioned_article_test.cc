// Articles whose body is spread over several sibling sections, each opened by a subheading:
// the headed-section climb keeps them whole, without the comments and related links beside
// them. The pages are fictional.
#include <gtest/gtest.h>

#include <string>

#include "stages/clean/html/html_extractor.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAt = 1962000000000;  // 2032-03-04
constexpr char kUrl[] = "https://merrow-tidings.example/news/2031/11/sea-wall";

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// One section: a subheading, then its paragraphs nested the way page builders nest them (too
// deep for their votes to reach the section, so one section alone wins the scoring).
std::string Section(const std::string& heading, const std::string& paragraphs) {
  return "<section class=\"block\"><h2>" + heading +
         "</h2><div class=\"block-inner\"><div class=\"rich-text\">" + paragraphs +
         "</div></div></section>\n";
}

const char kHarbour[] =
    "<p>The sea wall along the old harbour at Port Merrow will be raised by nearly a metre, the "
    "town council decided on Tuesday, after three winters in which storm surges flooded the "
    "fish market, the lifeboat station and more than forty homes on Quay Street.</p>"
    "<p>Engineers say the existing wall, built of granite blocks in 1894, has settled unevenly "
    "and now sits lower at its northern end, where the worst of the water came over in January, "
    "leaving a line of silt on shop windows that owners still point out to visitors.</p>";
const char kCost[] =
    "<p>The work is expected to cost 14 million crowns, of which the regional flood fund will "
    "cover two thirds, leaving the town to find the rest through a loan, a harbour levy on "
    "visiting yachts, and savings the treasurer has promised to identify by the spring.</p>"
    "<p>Councillor Ines Varga, who chairs the finance committee, said the levy would be small "
    "for any single boat, but that the harbour had welcomed nearly nine thousand visiting "
    "vessels last summer, and that those visitors also benefited from a dry quay.</p>";
const char kWork[] =
    "<p>Construction is due to begin in April and to last two seasons, with the harbour kept "
    "open throughout, although the fish market will move to a temporary hall on the east pier "
    "while the wall behind it is rebuilt, a plan the fishermen's cooperative has accepted.</p>"
    "<p>Residents of Quay Street will be offered sandbags and a text alert service until the "
    "new wall is finished, and the council has asked the weather service for earlier surge "
    "warnings, so that shutters can go up before the tide turns rather than after.</p>";

const char kComments[] =
    "<section class=\"comments\"><h2>3 comments</h2><div class=\"comment-body\"><div>"
    "<p>I have lived on Quay Street for thirty years, and every winter the council promises "
    "something, but this is the first time I have seen an actual budget and a start date, so I "
    "will believe it when the first crane arrives on the pier, not a day before.</p>"
    "<p>A harbour levy on visiting yachts seems fair enough to me, as long as the money really "
    "goes into the wall and does not disappear into the general budget like last time, when "
    "the parking charges were meant to pay for the new footbridge that we are still awaiting."
    "</p></div></div></section>\n";
const char kRelated[] =
    "<section class=\"block\"><h2>More from the coast</h2><ul>"
    "<li><a href=\"/news/2031/10/ferry\">Island ferry timetable changes for winter</a></li>"
    "<li><a href=\"/news/2031/10/lighthouse\">Volunteers repaint the Merrow Point lighthouse</a>"
    "</li>"
    "<li><a href=\"/news/2031/09/market\">Fish market prices hold steady despite storms</a></li>"
    "<li><a href=\"/news/2031/09/lifeboat\">Lifeboat crew honoured for October rescue</a></li>"
    "</ul></section>\n";

std::string Page(const std::string& article_parts) {
  return "<!doctype html><html><head><title>Port Merrow to raise its sea wall | Merrow Tidings"
         "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
         "<main><article><h1>Port Merrow to raise its sea wall</h1><div class=\"article-parts\">" +
         article_parts + "</div></article></main><footer>Merrow Tidings</footer></body></html>";
}

std::string SectionedPage() {
  return Page(Section("Three winters of flooding", kHarbour) +
              Section("Who pays for the wall", kCost) + Section("Two seasons of work", kWork) +
              kComments + kRelated);
}

std::string BodyOf(const std::string& html, const HtmlExtractorOptions& options = {}) {
  HtmlExtractor extractor(options);
  CleanResult r = extractor.Extract(html, kUrl, kFetchedAt);
  return r.articles.empty() ? std::string() : r.articles[0].body;
}

const char* const kEverySection[] = {
    "Three winters of flooding",
    "The sea wall along the old harbour",
    "Engineers say the existing wall",
    "Who pays for the wall",
    "The work is expected to cost",
    "Councillor Ines Varga",
    "Two seasons of work",
    "Construction is due to begin in April",
    "Residents of Quay Street",
};

TEST(SectionedArticleTest, ThreeHeadedSectionsComeOutWhole) {
  const std::string body = BodyOf(SectionedPage());
  size_t at = 0;
  for (const char* part : kEverySection) {
    size_t found = body.find(part, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << part << "\n" << body;
    at = found;
  }
}

TEST(SectionedArticleTest, CommentsAndRelatedLinksBesideTheSectionsStayOut) {
  const std::string body = BodyOf(SectionedPage());
  ASSERT_TRUE(Contains(body, "Construction is due to begin in April")) << body;
  for (const char* chrome :
       {"3 comments", "I have lived on Quay Street", "A harbour levy on", "More from the coast",
        "Island ferry timetable", "Lifeboat crew honoured"}) {
    EXPECT_FALSE(Contains(body, chrome)) << chrome << "\n" << body;
  }
}

// The situation the climb is for: without it, one section wins and the others are lost.
TEST(SectionedArticleTest, WithoutTheClimbOneSectionIsKept) {
  HtmlExtractorOptions off;
  off.section_climb_levels = 0;
  const std::string body = BodyOf(SectionedPage(), off);
  int kept = 0;
  for (const char* opening : {"The sea wall along", "The work is expected", "Construction is"}) {
    kept += Contains(body, opening);
  }
  EXPECT_EQ(kept, 1) << body;
}

TEST(SectionedArticleTest, SingleSectionArticleIsUnchanged) {
  const std::string html = Page(Section("Three winters of flooding", kHarbour) + kComments);
  HtmlExtractorOptions off;
  off.section_climb_levels = 0;
  const std::string body = BodyOf(html);
  EXPECT_EQ(body, BodyOf(html, off));
  EXPECT_TRUE(Contains(body, "The sea wall along the old harbour")) << body;
  EXPECT_TRUE(Contains(body, "Engineers say the existing wall")) << body;
  EXPECT_FALSE(Contains(body, "I have lived on Quay Street")) << body;
}

// itemprop=articleBody says where the article is: headed sections beyond it stay out.
TEST(SectionedArticleTest, TheClimbDoesNotLeaveTheMarkedArticleBody) {
  const std::string about = Section("About the council", kCost);  // prose, beside it
  const std::string html = Page("<div class=\"story\" itemprop=\"articleBody\">" +
                                Section("Three winters of flooding", kHarbour) +
                                Section("Two seasons of work", kWork) + "</div>" + about);
  const std::string body = BodyOf(html);
  EXPECT_TRUE(Contains(body, "The sea wall along the old harbour")) << body;
  EXPECT_TRUE(Contains(body, "Construction is due to begin in April")) << body;
  EXPECT_FALSE(Contains(body, "About the council")) << body;
  EXPECT_FALSE(Contains(body, "The work is expected to cost")) << body;
}

}  // namespace
}  // namespace newsflow
