// Page type heuristics on synthetic pages (what the cleaner would hand over).
#include "stages/classify/page_type.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace newsflow {
namespace {

std::string Paragraphs(const std::string& seed, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += seed + " paragraph " + std::to_string(i) +
           " goes on about the harbour, the ferry timetable and what the council decided.\n";
  }
  out.pop_back();
  return out;
}

Article MakeArticle(const std::string& title, const std::string& body, bool truncated = false) {
  Article a;
  a.title = title;
  a.body = body;
  a.truncated = truncated;
  return a;
}

std::string Block(const Article& a) { return a.title + "\n" + a.body + "\n"; }

// Stories of paragraphs[i] paragraphs each, titled "Ferry returns", "Bridge delayed" and
// "Market reopens" in turn.
std::vector<Article> Stories(std::initializer_list<int> paragraphs) {
  static const char* const kStories[][2] = {
      {"Ferry returns", "Ferry"}, {"Bridge delayed", "Bridge"}, {"Market reopens", "Market"}};
  std::vector<Article> out;
  for (int n : paragraphs) {
    const auto& story = kStories[out.size() % 3];
    out.push_back(MakeArticle(story[0], Paragraphs(story[1], n)));
  }
  return out;
}

// A page of `articles` whose text is their blocks, one after the other, and nothing else.
PageWork PageOf(std::vector<Article> articles) {
  PageWork w;
  w.articles = std::move(articles);
  for (const Article& a : w.articles) w.page.text += Block(a);
  return w;
}

PageType Classify(const PageWork& w) { return ClassifyPageType(w, PageTypeOptions{}); }

TEST(PageTypeTest, EmptyPageIsOther) {
  PageWork w;
  EXPECT_EQ(Classify(w), PageType::kOther);
}

TEST(PageTypeTest, OneLongArticleIsArticle) {
  PageWork w = PageOf(Stories({6}));
  w.page.text = "Menu\nHome\n" + w.page.text + "Footer";
  EXPECT_EQ(Classify(w), PageType::kArticle);
}

TEST(PageTypeTest, LoneBriefIsArticle) {
  PageWork w = PageOf(
      {MakeArticle("Ferry returns",
                   "The harbour ferry returned to service on Monday after winter repairs.", true)});
  w.page.text = "Subscribe\n" + w.page.text + "DOWNLOAD THE APP\n";
  EXPECT_EQ(Classify(w), PageType::kArticle);
}

TEST(PageTypeTest, NearlyEmptyIsOther) {
  PageWork w;
  w.articles.push_back(MakeArticle("", "Loading..."));  // and no page text
  EXPECT_EQ(Classify(w), PageType::kOther);
}

TEST(PageTypeTest, ShortWallIsOther) {
  PageWork w = PageOf(
      {MakeArticle("Ferry returns",
                   "Subscribe to continue reading. Already a subscriber? Sign in to continue.")});
  EXPECT_EQ(Classify(w), PageType::kOther);
}

TEST(PageTypeTest, LongerWallWordingStillOther) {
  std::string body =
      "Download the app to keep reading. Our app brings you the latest stories from the harbour "
      "town and beyond, with alerts for breaking news, a daily briefing at breakfast and offline "
      "reading for your commute. Get the app today on your phone and tablet; it is free to "
      "download and takes a minute to set up.";
  PageWork w = PageOf({MakeArticle("Read on in our app", body)});
  EXPECT_EQ(Classify(w), PageType::kOther);
}

TEST(PageTypeTest, ArticleFollowedByRelatedStoriesIsArticle) {
  PageWork w = PageOf(Stories({5, 5, 5}));
  w.page.text = "Logo\n" + Block(w.articles[0]) + "Comments\nRelated Articles\n" +
                Block(w.articles[1]) + Block(w.articles[2]);
  EXPECT_EQ(Classify(w), PageType::kArticle);
}

TEST(PageTypeTest, TagFeedOfEqualStoriesIsListing) {
  PageWork w = PageOf(Stories({5, 5, 4}));
  w.page.text = "Logo\nLatest news with #Harbour\n" + Block(w.articles[0]) + "Harbour Times\n" +
                Block(w.articles[1]) + "Harbour Times\n" + Block(w.articles[2]);
  EXPECT_EQ(Classify(w), PageType::kListing);
}

TEST(PageTypeTest, StoriesOfEqualRankWithoutHeadingsAreListing) {
  PageWork w = PageOf(Stories({5, 5}));
  EXPECT_EQ(Classify(w), PageType::kListing);
}

TEST(PageTypeTest, CleanersGuessBreaksTheTieOnly) {
  PageWork w = PageOf(Stories({5, 5}));
  w.meta.layout_page_type = PageType::kArticle;
  EXPECT_EQ(Classify(w), PageType::kArticle);
  // A feed heading outranks the cleaner's guess.
  w.page.text = "Latest news with #Harbour\n" + w.page.text;
  EXPECT_EQ(Classify(w), PageType::kListing);
}

TEST(PageTypeTest, PageTitledAfterFirstStoryIsArticle) {
  PageWork w = PageOf(Stories({5, 5}));
  w.meta.title = "Ferry Returns";
  EXPECT_EQ(Classify(w), PageType::kArticle);
}

TEST(PageTypeTest, FullStoryThenTeasersIsArticle) {
  PageWork w = PageOf(
      {MakeArticle("", Paragraphs("Ferry", 6)),
       MakeArticle("", "The bridge opening slips to autumn as steel arrives late...", true),
       MakeArticle("", "Stallholders return to the market square after the repairs...", true)});
  EXPECT_EQ(Classify(w), PageType::kArticle);
}

TEST(PageTypeTest, OnlyTeasersIsListing) {
  PageWork w = PageOf({MakeArticle("Ferry", "The ferry is back after a winter of repairs...", true),
                       MakeArticle("Bridge", "The bridge opening slips to autumn...", true),
                       MakeArticle("Market", "Stallholders return to the square...", true)});
  EXPECT_EQ(Classify(w), PageType::kListing);
}

TEST(PageTypeTest, FullStoryThenShortFragmentsIsArticleEvenUnderAFeedHeading) {
  PageWork w = PageOf({MakeArticle("Ferry returns", Paragraphs("Ferry", 6)),
                       MakeArticle("", "Photo: the ferry at the quay, by our correspondent.")});
  w.page.text = "Archive\n" + w.page.text;
  EXPECT_EQ(Classify(w), PageType::kArticle);
}

TEST(PageTypeTest, WallCutInPiecesIsOther) {
  PageWork w = PageOf({MakeArticle("", "This page could not be found."),
                       MakeArticle("", "Sign in to continue reading our coverage.")});
  EXPECT_EQ(Classify(w), PageType::kOther);
}

TEST(PageTypeTest, MainStoryDwarfingTheOthersIsArticle) {
  PageWork w = PageOf(Stories({12, 2, 2}));
  EXPECT_EQ(Classify(w), PageType::kArticle);
}

}  // namespace
}  // namespace newsflow
