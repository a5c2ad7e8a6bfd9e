// Page type heuristics on synthetic pages (what the cleaner would hand over).
#include "stages/classify/page_type.h"

#include <gtest/gtest.h>

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

TEST(PageTypeTest, EmptyPageIsOther) {
  PageWork w;
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kOther);
}

TEST(PageTypeTest, OneLongArticleIsArticle) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 6)));
  w.page.text = "Menu\nHome\n" + Block(w.articles[0]) + "Footer";
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
}

TEST(PageTypeTest, LoneBriefIsArticle) {
  PageWork w;
  w.articles.push_back(
      MakeArticle("Ferry returns",
                  "The harbour ferry returned to service on Monday after winter repairs.", true));
  w.page.text = "Subscribe\n" + Block(w.articles[0]) + "DOWNLOAD THE APP\n";
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
}

TEST(PageTypeTest, NearlyEmptyIsOther) {
  PageWork w;
  w.articles.push_back(MakeArticle("", "Loading..."));
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kOther);
}

TEST(PageTypeTest, ShortWallIsOther) {
  PageWork w;
  w.articles.push_back(
      MakeArticle("Ferry returns",
                  "Subscribe to continue reading. Already a subscriber? Sign in to continue."));
  w.page.text = Block(w.articles[0]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kOther);
}

TEST(PageTypeTest, LongerWallWordingStillOther) {
  PageWork w;
  std::string body =
      "Download the app to keep reading. Our app brings you the latest stories from the harbour "
      "town and beyond, with alerts for breaking news, a daily briefing at breakfast and offline "
      "reading for your commute. Get the app today on your phone and tablet; it is free to "
      "download and takes a minute to set up.";
  w.articles.push_back(MakeArticle("Read on in our app", body));
  w.page.text = Block(w.articles[0]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kOther);
}

TEST(PageTypeTest, ArticleFollowedByRelatedStoriesIsArticle) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 5)));
  w.articles.push_back(MakeArticle("Bridge delayed", Paragraphs("Bridge", 5)));
  w.articles.push_back(MakeArticle("Market reopens", Paragraphs("Market", 5)));
  w.page.text = "Logo\n" + Block(w.articles[0]) + "Comments\nRelated Articles\n" +
                Block(w.articles[1]) + Block(w.articles[2]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
}

TEST(PageTypeTest, TagFeedOfEqualStoriesIsListing) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 5)));
  w.articles.push_back(MakeArticle("Bridge delayed", Paragraphs("Bridge", 5)));
  w.articles.push_back(MakeArticle("Market reopens", Paragraphs("Market", 4)));
  w.page.text = "Logo\nLatest news with #Harbour\n" + Block(w.articles[0]) + "Harbour Times\n" +
                Block(w.articles[1]) + "Harbour Times\n" + Block(w.articles[2]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kListing);
}

TEST(PageTypeTest, StoriesOfEqualRankWithoutHeadingsAreListing) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 5)));
  w.articles.push_back(MakeArticle("Bridge delayed", Paragraphs("Bridge", 5)));
  w.page.text = Block(w.articles[0]) + Block(w.articles[1]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kListing);
}

TEST(PageTypeTest, CleanersGuessBreaksTheTieOnly) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 5)));
  w.articles.push_back(MakeArticle("Bridge delayed", Paragraphs("Bridge", 5)));
  w.page.text = Block(w.articles[0]) + Block(w.articles[1]);
  w.meta.layout_page_type = PageType::kArticle;
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
  // A feed heading outranks the cleaner's guess.
  w.page.text = "Latest news with #Harbour\n" + w.page.text;
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kListing);
}

TEST(PageTypeTest, PageTitledAfterFirstStoryIsArticle) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 5)));
  w.articles.push_back(MakeArticle("Bridge delayed", Paragraphs("Bridge", 5)));
  w.page.text = Block(w.articles[0]) + Block(w.articles[1]);
  w.meta.title = "Ferry Returns";
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
}

TEST(PageTypeTest, FullStoryThenTeasersIsArticle) {
  PageWork w;
  w.articles.push_back(MakeArticle("", Paragraphs("Ferry", 6)));
  w.articles.push_back(
      MakeArticle("", "The bridge opening slips to autumn as steel arrives late...", true));
  w.articles.push_back(
      MakeArticle("", "Stallholders return to the market square after the repairs...", true));
  w.page.text = Block(w.articles[0]) + Block(w.articles[1]) + Block(w.articles[2]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
}

TEST(PageTypeTest, OnlyTeasersIsListing) {
  PageWork w;
  w.articles.push_back(
      MakeArticle("Ferry", "The ferry is back after a winter of repairs...", true));
  w.articles.push_back(MakeArticle("Bridge", "The bridge opening slips to autumn...", true));
  w.articles.push_back(MakeArticle("Market", "Stallholders return to the square...", true));
  w.page.text = Block(w.articles[0]) + Block(w.articles[1]) + Block(w.articles[2]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kListing);
}

TEST(PageTypeTest, FullStoryThenShortFragmentsIsArticleEvenUnderAFeedHeading) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 6)));
  w.articles.push_back(MakeArticle("", "Photo: the ferry at the quay, by our correspondent."));
  w.page.text = "Archive\n" + Block(w.articles[0]) + Block(w.articles[1]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
}

TEST(PageTypeTest, WallCutInPiecesIsOther) {
  PageWork w;
  w.articles.push_back(MakeArticle("", "This page could not be found."));
  w.articles.push_back(MakeArticle("", "Sign in to continue reading our coverage."));
  w.page.text = Block(w.articles[0]) + Block(w.articles[1]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kOther);
}

TEST(PageTypeTest, MainStoryDwarfingTheOthersIsArticle) {
  PageWork w;
  w.articles.push_back(MakeArticle("Ferry returns", Paragraphs("Ferry", 12)));
  w.articles.push_back(MakeArticle("Bridge delayed", Paragraphs("Bridge", 2)));
  w.articles.push_back(MakeArticle("Market reopens", Paragraphs("Market", 2)));
  w.page.text = Block(w.articles[0]) + Block(w.articles[1]) + Block(w.articles[2]);
  EXPECT_EQ(ClassifyPageType(w, PageTypeOptions{}), PageType::kArticle);
}

}  // namespace
}  // namespace newsflow
