#include "stages/clean/text/text_page_splitter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "tests/support/read_file.h"
#include "tests/support/shared_data.h"

namespace newsflow {
namespace {

constexpr int64_t kFetchedAtMs = 1748779200000;  // 2025-06-01T12:00:00Z
constexpr int64_t kHourMs = 3600 * 1000;

std::string Fixture(const std::string& name) {
  std::string text = testing::ReadFile(testing::SourceDir() + "/tests/fixtures/text/" + name);
  EXPECT_FALSE(text.empty()) << name;
  return text;
}

// The split of fixture `name` (tests/fixtures/text/), fetched at kFetchedAtMs.
CleanResult SplitFixture(const std::string& name) {
  return TextPageSplitter().Split(Fixture(name), kFetchedAtMs);
}

// The split of `page`, fetched at kFetchedAtMs.
CleanResult SplitText(const std::string& page) {
  return TextPageSplitter().Split(page, kFetchedAtMs);
}

bool Contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

bool StartsWithText(const std::string& hay, const std::string& prefix) {
  return hay.compare(0, prefix.size(), prefix) == 0;
}

// The article carries `title` and its body starts with `lead`.
void ExpectTitleAndLead(const Article& a, const std::string& title, const std::string& lead) {
  EXPECT_EQ(a.title, title);
  EXPECT_TRUE(StartsWithText(a.body, lead)) << "body: " << a.body.substr(0, 120);
}

bool HasTag(const Article& a, const std::string& tag) {
  return std::find(a.tags.begin(), a.tags.end(), tag) != a.tags.end();
}

// Lines of the page that are not sentences (menus, widgets) must not reach any body.
void ExpectNoneInBodies(const CleanResult& r, const std::vector<std::string>& chrome) {
  for (const Article& a : r.articles) {
    for (const std::string& c : chrome) {
      EXPECT_FALSE(Contains(a.body, c)) << "chrome '" << c << "' in article " << a.position;
    }
  }
}

TEST(TextPageSplitter, EmptyAndGarbagePagesGiveNoArticles) {
  TextPageSplitter splitter;
  EXPECT_TRUE(splitter.Split("", kFetchedAtMs).articles.empty());
  EXPECT_TRUE(splitter.Split("\n\n   \n", kFetchedAtMs).articles.empty());
  EXPECT_TRUE(splitter.Split("Home\nNews\nSport\nWeather\nContact", kFetchedAtMs).articles.empty());
  CleanResult r = splitter.Split("logo\n#\n", kFetchedAtMs);
  EXPECT_TRUE(r.articles.empty());
  EXPECT_EQ(r.meta.layout_page_type, PageType::kUnknown);
}

TEST(TextPageSplitter, ArticleFollowedByFullTextRelatedArticles) {
  CleanResult r = SplitFixture("related.txt");
  ASSERT_EQ(r.articles.size(), 5u);
  EXPECT_EQ(r.meta.layout_page_type, PageType::kArticle);
  for (size_t i = 0; i < r.articles.size(); ++i) EXPECT_EQ(r.articles[i].position, i);

  // Main article: headline printed twice is collapsed; publisher glued to "a day ago".
  const Article& main = r.articles[0];
  EXPECT_EQ(main.title, "Harbour council approves new ferry terminal");
  EXPECT_EQ(main.source, "The Lantern Gazette");
  EXPECT_EQ(main.published_text, "a day ago");
  ASSERT_TRUE(main.published_at_ms.has_value());
  EXPECT_EQ(*main.published_at_ms, kFetchedAtMs - 24 * kHourMs);
  EXPECT_TRUE(Contains(main.body, "PORTVALE (Lantern Wire) -- The Portvale harbour council"));
  EXPECT_TRUE(Contains(main.body, "until the new terminal is ready."));
  EXPECT_EQ(std::count(main.body.begin(), main.body.end(), '\n'), 3);  // four paragraphs
  EXPECT_FALSE(main.truncated);

  // Related article with source line, "time2 hours ago" and a bullet repeating the source.
  const Article& lighthouse = r.articles[1];
  EXPECT_EQ(lighthouse.title, "Lighthouse keepers return to Skerry Point");
  EXPECT_EQ(lighthouse.source, "Coastal Review");
  EXPECT_EQ(lighthouse.published_text, "2 hours ago");
  EXPECT_EQ(*lighthouse.published_at_ms, kFetchedAtMs - 2 * kHourMs);
  EXPECT_TRUE(lighthouse.tags.empty());
  EXPECT_TRUE(Contains(lighthouse.body, "For the first time in three decades"));

  // Lead-in before a dateline: publisher, section and an absolute date with a time zone.
  const Article& quotas = r.articles[2];
  EXPECT_EQ(quotas.title, "Fishing quotas raised after strong herring season");
  EXPECT_EQ(quotas.published_text, "May 31, 2025 20:08 (JST)");
  EXPECT_EQ(*quotas.published_at_ms, 1748689680000);  // 2025-05-31T11:08:00Z
  EXPECT_TRUE(HasTag(quotas, "Economy"));
  EXPECT_EQ(quotas.source, "Ruritania Press");  // the agency of the dateline
  EXPECT_EQ(quotas.body.rfind("Bellhaven, May 31 (Ruritania Press)--", 0), 0u);
  EXPECT_FALSE(Contains(quotas.body, "Newsfrom"));
  // A closing copyright credit does not make the body look cut.
  EXPECT_FALSE(quotas.truncated);

  // "SOURCE - 12 minutes ago - 17:46 | Tag, All" strip: tags kept, strip removed; the date
  // line of the layout wins over the strip's relative date.
  const Article& storm = r.articles[3];
  EXPECT_TRUE(HasTag(storm, "Weather"));
  EXPECT_EQ(storm.published_text, "8 hours ago");
  EXPECT_EQ(storm.body.rfind("The weather office issued", 0), 0u);

  // Photo caption before an ALLCAPS dateline is removed.
  const Article& station = r.articles[4];
  EXPECT_EQ(station.body.rfind("BELLHAVEN \xE2\x80\x94 The science minister", 0), 0u);
  EXPECT_FALSE(Contains(station.body, "file photo"));

  ExpectNoneInBodies(
      r, {"Orange background", "Try Our AI Features", "No comments yet", "Related Articles",
          "DOWNLOAD THE APP", "Download the App", "app-storeplay-store", "Comments"});
}

TEST(TextPageSplitter, TagFeedListing) {
  CleanResult r = SplitFixture("tagfeed.txt");
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.meta.layout_page_type, PageType::kListing);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Portvale opens its first public library");
  EXPECT_EQ(a.source, "Valley Chronicle");
  EXPECT_EQ(a.published_text, "11-05-2025");
  EXPECT_EQ(*a.published_at_ms, 1746921600000);            // 2025-05-11, day-month order
  EXPECT_EQ(a.tags, std::vector<std::string>{"Culture"});  // the source bullet is not a tag
  EXPECT_EQ(r.articles[1].tags, std::vector<std::string>{"Education"});
  EXPECT_EQ(r.articles[2].source, "Coastal Review");
  for (const Article& art : r.articles) {
    EXPECT_FALSE(art.truncated);
    EXPECT_EQ(std::count(art.body.begin(), art.body.end(), '\n'), 0);
    EXPECT_FALSE(Contains(art.body, art.title)) << "headline leaked into the body";
  }
  ExpectNoneInBodies(r, {"Latest news with", "#CoastalTowns", "DOWNLOAD THE APP", "Ready to dive"});
}

TEST(TextPageSplitter, SourceFeedListingWithDashBullets) {
  CleanResult r = SplitFixture("sourcefeed.txt");
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.meta.layout_page_type, PageType::kListing);
  EXPECT_EQ(r.articles[0].title, "Harbour fees to rise for cruise ships");
  EXPECT_EQ(r.articles[0].source, "Island Post");
  EXPECT_EQ(r.articles[0].tags, std::vector<std::string>{"Business"});
  EXPECT_EQ(r.articles[0].published_text, "09-04-2025");
  EXPECT_EQ(r.articles[1].title, "Coastal towns ask for flood defence funding");
  EXPECT_EQ(r.articles[1].source, "Morning Ledger");
  EXPECT_EQ(r.articles[1].tags, std::vector<std::string>{"Politics"});
  EXPECT_EQ(r.articles[1].body.rfind("The mayors of five coastal towns", 0), 0u);
  ExpectNoneInBodies(r, {"Latest news with"});
}

TEST(TextPageSplitter, UntitledArticleFollowedByTeasers) {
  CleanResult r = SplitFixture("teasers.txt");
  ASSERT_EQ(r.articles.size(), 4u);
  const Article& main = r.articles[0];
  EXPECT_TRUE(main.title.empty());
  EXPECT_FALSE(main.truncated);
  EXPECT_EQ(std::count(main.body.begin(), main.body.end(), '\n'), 3);
  EXPECT_FALSE(Contains(main.body, "Photo: AP"));  // photo credit dropped
  for (size_t i = 1; i < r.articles.size(); ++i) {
    EXPECT_TRUE(r.articles[i].truncated) << i;
    EXPECT_TRUE(r.articles[i].title.empty());
  }
  // The "LABEL: headline" deck is cut off the teaser.
  EXPECT_EQ(r.articles[1].body.rfind("The harbour board voted", 0), 0u);
  EXPECT_EQ(r.articles[2].body.rfind("Schools in the northern isles", 0), 0u);
}

TEST(TextPageSplitter, SingleArticleAmongNavigationAndFooter) {
  CleanResult r = SplitFixture("single.txt");
  ASSERT_GE(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Portvale residents vote to keep the old tram line");
  EXPECT_EQ(a.published_text, "June 2, 2024 9:15 am ET");
  EXPECT_EQ(*a.published_at_ms, 1717337700000);  // ET read as UTC-5: 2024-06-02T14:15Z
  ASSERT_EQ(a.authors.size(), 1u);
  EXPECT_EQ(a.authors[0], "Mira Castell");
  EXPECT_EQ(a.body.rfind("Residents of Portvale voted", 0), 0u);
  EXPECT_TRUE(Contains(a.body, "\nWhat happens next\n"));  // sub-heading kept
  EXPECT_TRUE(Contains(a.body, "ask the regional government for help."));
  ExpectNoneInBodies(r, {"Advertisement", "Most Popular", "Privacy Policy", "All rights reserved",
                         "Skip to content", "Ferry timetable changes"});
}

TEST(TextPageSplitter, FeedWithPublisherAndDateOnOneLine) {
  // Headline, "Publisher · 2 hours ago", snippet.
  CleanResult r = SplitFixture("sourcedot_feed.txt");
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.articles[0].title, "Harbour council approves new ferry terminal");
  EXPECT_EQ(r.articles[0].source, "Lantern Gazette");
  EXPECT_EQ(r.articles[0].published_text, "2 hours ago");
  EXPECT_EQ(r.articles[1].source, "Coastal Review");
  EXPECT_EQ(r.articles[2].published_text, "yesterday");
  EXPECT_EQ(*r.articles[2].published_at_ms, kFetchedAtMs - 24 * kHourMs);
  ExpectNoneInBodies(r, {"Top stories", "For you"});
}

TEST(TextPageSplitter, FeedWithDatesBelowTheSnippets) {
  // Headline, snippet, then "Publisher | May 30, 2025" under it: each date belongs to the
  // item above it, each headline to the text below it.
  CleanResult r = SplitFixture("footer_dated_feed.txt");
  ASSERT_EQ(r.articles.size(), 3u);
  const char* titles[] = {"Harbour council approves new ferry terminal",
                          "Lighthouse keepers return to Skerry Point",
                          "Fishing quotas raised after strong herring season"};
  const char* dates[] = {"May 30, 2025", "May 29, 2025", "May 28, 2025"};
  const char* starts[] = {"The Portvale harbour council", "For the first time",
                          "The fisheries ministry"};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(r.articles[i].title, titles[i]);
    EXPECT_EQ(r.articles[i].published_text, dates[i]);
    EXPECT_EQ(r.articles[i].body.rfind(starts[i], 0), 0u) << i;
  }
  EXPECT_EQ(r.articles[0].source, "Lantern Gazette");
}

TEST(TextPageSplitter, FeedWithDatesAboveTheHeadlines) {
  CleanResult r = SplitFixture("date_first_feed.txt");
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.articles[0].title, "Harbour council approves new ferry terminal");
  EXPECT_EQ(r.articles[0].published_text, "2 hours ago");
  EXPECT_EQ(r.articles[2].title, "Fishing quotas raised after strong herring season");
  EXPECT_EQ(r.articles[2].published_text, "8 hours ago");
}

TEST(TextPageSplitter, AuthorBoxAndMoreStoriesSnippetsAreNotBody) {
  std::string page =
      "Home\nNews\nCulture\n"
      "Portvale choir wins regional contest\n"
      "By Lena Holt\n"
      "March 3, 2025\n"
      "The Portvale harbour choir won the regional contest on Saturday with a programme of sea "
      "shanties and folk songs that the judges called fresh and daring.\n"
      "The choir, founded by dock workers in 1921, had never before reached the final round, and "
      "its forty singers travelled to the contest in a borrowed fishing boat.\n"
      "The conductor said the prize money would pay for new uniforms and a trip to the national "
      "final in the autumn, where the choir will sing against twelve other groups.\n"
      "About Lena Holt\n"
      "Lena Holt writes about music and culture for the Lantern Gazette and has covered the "
      "regional choir contest for ten years.\n"
      "Ferry timetable changes for summer\n"
      "The ferry to Skerry Point will run four times a day from the first of June, up from "
      "twice a...\n"
      "Lighthouse keepers return to Skerry Point\n"
      "For the first time in three decades, the lighthouse at Skerry Point has resident "
      "keepers...\n";
  CleanResult r = SplitText(page);
  ASSERT_GE(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Portvale choir wins regional contest");
  EXPECT_TRUE(Contains(a.body, "where the choir will sing against twelve other groups."));
  EXPECT_FALSE(Contains(a.body, "Lena Holt writes about music"));
  EXPECT_FALSE(Contains(a.body, "The ferry to Skerry Point"));
  EXPECT_FALSE(a.truncated);
}

TEST(TextPageSplitter, PhotoCreditNamesTheAgencyOfAnUntitledArticle) {
  CleanResult r = SplitFixture("teasers.txt");
  ASSERT_FALSE(r.articles.empty());
  EXPECT_EQ(r.articles[0].source, "AP");
  EXPECT_TRUE(r.articles[1].source.empty());  // teasers name no publisher
}

TEST(TextPageSplitter, TeasersUnderTheirOwnHeadlines) {
  CleanResult r = SplitFixture("headed_teasers.txt");
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_FALSE(r.articles[0].truncated);
  EXPECT_FALSE(Contains(r.articles[0].body, "Harbour board votes"));
  EXPECT_EQ(r.articles[1].title, "Harbour board votes for new cranes");
  EXPECT_TRUE(r.articles[1].truncated);
  EXPECT_EQ(r.articles[2].title, "Schools stay open through winter storms");
  EXPECT_EQ(r.articles[2].body.rfind("Schools in the northern isles", 0), 0u);
}

TEST(TextPageSplitter, CompactFeedWithoutBlankLines) {
  // No blank lines: "time09-04-2025" starts in lower case but must not be joined to the
  // headline above it; without a source line the last bullet names the publisher.
  CleanResult r = SplitFixture("compact_tagfeed.txt");
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].title, "Harbour fees to rise for cruise ships");
  EXPECT_EQ(r.articles[0].published_text, "09-04-2025");
  EXPECT_EQ(r.articles[0].source, "Island Post");
  EXPECT_EQ(r.articles[0].tags, std::vector<std::string>{"Business"});
  EXPECT_EQ(r.articles[1].source, "Morning Ledger");
}

TEST(TextPageSplitter, PlainPageTitleLineBlankLineBody) {
  // "headline, blank line, body": the first line is the headline. A paragraph that stops
  // mid-sentence inside the body does not make the paragraphs after it teasers.
  CleanResult r = SplitFixture("plain_titled.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Portvale ferry fares to rise in spring");
  EXPECT_FALSE(Contains(a.body, "Portvale ferry fares to rise in spring"));
  EXPECT_TRUE(Contains(a.body, "The Portvale harbour board has approved"));
  EXPECT_TRUE(Contains(a.body, "publish its accounts in the summer."));
  EXPECT_EQ(std::count(a.body.begin(), a.body.end(), '\n'), 3);  // four paragraphs
  EXPECT_FALSE(a.truncated);
}

TEST(TextPageSplitter, PlainPageBriefUnderItsHeadline) {
  // A news brief: headline, blank line, one paragraph of ~220 bytes (under the 300 an
  // untitled block needs) is one article with that headline.
  CleanResult r = SplitFixture("brief.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  ExpectTitleAndLead(a, "Lantern walk lights up Portvale quay",
                     "More than two hundred families carried paper lanterns");
  EXPECT_TRUE(Contains(a.body, "the brass band played until nine."));
  EXPECT_FALSE(Contains(a.body, "Lantern walk"));
  EXPECT_FALSE(a.truncated);
  EXPECT_EQ(r.meta.layout_page_type, PageType::kArticle);
}

TEST(TextPageSplitter, PlainPageBriefWithDateLine) {
  CleanResult r = SplitFixture("brief_dated.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Ferry timetable change for island schools");
  EXPECT_EQ(a.published_text, "May 30, 2025");
  EXPECT_EQ(a.published_at_ms, kFetchedAtMs - 60 * kHourMs);  // 2025-05-30T00:00:00Z
  EXPECT_TRUE(StartsWithText(a.body, "The early crossing to Hollin Island"));
  EXPECT_TRUE(Contains(a.body, "before the first bell."));
  EXPECT_FALSE(a.truncated);
}

TEST(TextPageSplitter, ChromeFragmentsUnderAHeadlineAreNoBrief) {
  TextPageSplitter splitter;
  // A menu and a cookie notice.
  EXPECT_TRUE(splitter.Split(Fixture("menu_cookie_notice.txt"), kFetchedAtMs).articles.empty());
  // Chrome that speaks to the reader, a site's tagline, one sentence only.
  for (const char* page : {
           "Page not found\n\nSorry, the page you were looking for has moved. Try the search "
           "box or go back to the home page.\n",
           "Portvale Gazette\n\nThe independent voice of the harbour since 1887, with local "
           "news, sport and weather.\n",
           "Our privacy choices\n\nWe and our partners store and access information on devices "
           "to measure content and improve our services.\n\nAccept\n",
       }) {
    EXPECT_TRUE(splitter.Split(page, kFetchedAtMs).articles.empty()) << page;
  }
  // Too short for a brief; and a brief-sized block that is not the page's only text.
  EXPECT_TRUE(splitter.Split("Ferry runs late\n\nThe ferry was late. It rained.\n", kFetchedAtMs)
                  .articles.empty());
  EXPECT_TRUE(splitter
                  .Split(Fixture("brief.txt") +
                             "\nHome\nNews\nSport\nWeather\n\nThe harbour office is open "
                             "from nine until five on weekdays. It is closed on public holidays.\n",
                         kFetchedAtMs)
                  .articles.empty());
}

TEST(TextPageSplitter, PlainPageQuestionHeadlineIsNotBody) {
  CleanResult r = SplitFixture("plain_question_title.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  ExpectTitleAndLead(r.articles[0], "Will the late ferry survive the winter?",
                     "Passenger numbers on the last crossing");
}

TEST(TextPageSplitter, PageTopHeadlineAboveDateAndTimeLines) {
  // Headline, place, yearless date, time, broadcaster: neither the time nor the last line
  // is the headline.
  CleanResult r = SplitFixture("match_preview.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  ExpectTitleAndLead(r.articles[0], "Portvale Rovers v Harbour Athletic (Sat)",
                     "Portvale Rovers will be without");
}

TEST(TextPageSplitter, FirstLineIsNoHeadlineWhenNotSetApart) {
  // Menu lines at the top, no blank line after the first: no page-top headline.
  CleanResult r = TextPageSplitter().Split(
      "Home News\nSport Weather\n\n" + Fixture("plain_titled.txt").substr(40), kFetchedAtMs);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "");
}

TEST(TextPageSplitter, BulletedStatementsInsideAnArticleDoNotSplitIt) {
  CleanResult r = SplitFixture("bulleted_list.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  ExpectTitleAndLead(a, "Harbour board sets out ferry plan",
                     "The Portvale harbour board has published its plan");
  EXPECT_TRUE(Contains(a.body, "- A second boat on the morning route"));
  EXPECT_TRUE(Contains(a.body, "why the winter timetable was left unchanged."));
}

TEST(TextPageSplitter, BlankLinesAndLineEndingsDoNotChangeTheSplit) {
  std::string page = Fixture("related.txt");
  std::string compact, doubled, crlf;
  for (size_t start = 0; start < page.size();) {
    size_t end = page.find('\n', start);
    if (end == std::string::npos) end = page.size();
    std::string line = page.substr(start, end - start);
    if (!line.empty()) compact += line + "\n";
    doubled += line + "\n\n";
    crlf += line + "\r\n";
    start = end + 1;
  }
  TextPageSplitter splitter;
  CleanResult base = splitter.Split(page, kFetchedAtMs);
  for (const std::string& variant : {compact, doubled, crlf}) {
    CleanResult r = splitter.Split(variant, kFetchedAtMs);
    ASSERT_EQ(r.articles.size(), base.articles.size());
    for (size_t i = 0; i < r.articles.size(); ++i) {
      EXPECT_EQ(r.articles[i].title, base.articles[i].title);
      EXPECT_EQ(r.articles[i].source, base.articles[i].source);
      EXPECT_EQ(r.articles[i].published_text, base.articles[i].published_text);
      EXPECT_EQ(r.articles[i].body, base.articles[i].body);
    }
  }
}

TEST(TextPageSplitter, DateBeforePublisherOnOneLine) {
  std::string page =
      "Lighthouse keepers return to Skerry Point\n"
      "time2 hours ago \xE2\x80\xA2 Coastal Review\n"
      "For the first time in three decades, the lighthouse at Skerry Point has resident keepers "
      "again after the automated lamp failed three times last winter.\n\n"
      "Harbour fees to rise for cruise ships\n"
      "May 30, 2025 | 4 min read\n"
      "Cruise ships will pay higher fees to dock in Bellhaven from next year, the harbour board "
      "said on Wednesday, adding that the money would pay for new moorings.\n";
  CleanResult r = SplitText(page);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].title, "Lighthouse keepers return to Skerry Point");
  EXPECT_EQ(r.articles[0].source, "Coastal Review");
  EXPECT_EQ(r.articles[0].published_text, "2 hours ago");
  EXPECT_EQ(r.articles[1].published_text, "May 30, 2025");
  EXPECT_TRUE(r.articles[1].source.empty());  // "4 min read" is no publisher
}

TEST(TextPageSplitter, CopyrightFooterNamesThePublisherOfUnsourcedArticles) {
  // Untitled article + teasers; only the footer names the site. The teasers and the lead
  // article take it (the site, rather than the agency of the lead's photo credit).
  CleanResult r = SplitFixture("footer_teasers.txt");
  EXPECT_EQ(r.meta.site_name, "The Harbour Times");
  ASSERT_EQ(r.articles.size(), 4u);
  for (const Article& a : r.articles) EXPECT_EQ(a.source, "The Harbour Times") << a.position;
  EXPECT_FALSE(r.articles[0].truncated);
  EXPECT_TRUE(r.articles[1].truncated);
}

TEST(TextPageSplitter, FooterOwnerWithoutYearsLegaleseOrCompanySuffix) {
  auto owner = [](const std::string& footer) {
    std::string page = Fixture("footer_teasers.txt");
    page = page.substr(0, page.rfind("\xC2\xA9")) + footer + "\n";
    return SplitText(page).meta.site_name;
  };
  EXPECT_EQ(owner("Copyright \xC2\xA9 2019-2025 Lantern Media Group Ltd. All Rights Reserved."),
            "Lantern Media Group");
  EXPECT_EQ(owner("\xC2\xA9 Coastal Review 2025 | Privacy | Terms"), "Coastal Review");
  EXPECT_EQ(owner("\xC2\xA9 2025 The Lantern unless otherwise noted."), "The Lantern");
  EXPECT_EQ(owner("\xC2\xA9 2025. All rights reserved."), "");
  EXPECT_EQ(owner("Copyright 2025"), "");
}

TEST(TextPageSplitter, PublisherGluedToADateOrPrintedBelowIt) {
  CleanResult r = SplitFixture("source_after_date.txt");
  ASSERT_EQ(r.articles.size(), 4u);
  // "2 hours ago" / "Harbour Gazette": the line under the date is the publisher.
  EXPECT_EQ(r.articles[0].source, "Harbour Gazette");
  EXPECT_TRUE(r.articles[0].tags.empty());
  // "Lantern DailyMay 6, 2025": glued to a spelled-out date.
  EXPECT_EQ(r.articles[1].source, "Lantern Daily");
  EXPECT_EQ(r.articles[1].published_text, "May 6, 2025");
  // "Coastal Reviewtime5 hours ago": the <time> label is not part of the name.
  EXPECT_EQ(r.articles[2].source, "Coastal Review");
  EXPECT_EQ(r.articles[2].published_text, "5 hours ago");
  // A one-word section under the date stays a tag.
  EXPECT_EQ(r.articles[3].source, "");
  EXPECT_TRUE(HasTag(r.articles[3], "Politics"));
}

TEST(TextPageSplitter, LabelsRolesAndHandlesAboveADateAreNoPublishers) {
  CleanResult r = SplitFixture("not_publishers.txt");
  ASSERT_EQ(r.articles.size(), 4u);
  EXPECT_EQ(r.articles[0].source, "");  // "Contributing Writer"
  EXPECT_EQ(r.articles[1].source, "");  // "Wordcount: 412"
  EXPECT_EQ(r.articles[2].source, "");  // "@harbourdesk"
  EXPECT_EQ(r.articles[3].source, "Lantern Daily");
  for (const Article& a : r.articles) EXPECT_FALSE(a.published_text.empty()) << a.position;
}

TEST(TextPageSplitter, ReaderCommentsAreNeitherArticlesNorBody) {
  CleanResult r = SplitFixture("comments.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Harbour board keeps the late ferry running");
  EXPECT_EQ(a.source, "Harbour Gazette");
  EXPECT_TRUE(Contains(a.body, "reviewed again in the spring."));
  ExpectNoneInBodies(
      r, {"says:", "Finally some good news", "signed the petition", "never empty when I took it"});
}

TEST(TextPageSplitter, FeedOfOnePublisherLendsItToAnUnsourcedItem) {
  CleanResult r = SplitFixture("one_publisher_feed.txt");
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.articles[2].title, "Gale warning issued for the lower town tonight");
  EXPECT_EQ(r.articles[2].published_text, "7 hours ago");
  EXPECT_EQ(r.articles[2].source, "Harbour Gazette");
}

TEST(TextPageSplitter, TeaserPageWithOneUnpunctuatedSnippet) {
  // Headline twice, publisher, date, then one snippet cut mid-sentence and site chrome.
  CleanResult r = SplitFixture("teaser_snippet.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Harbour board keeps the late ferry");
  EXPECT_EQ(a.source, "Harbour Gazette");
  EXPECT_EQ(a.published_text, "06-05-2025");
  EXPECT_TRUE(StartsWithText(a.body, "The Portvale harbour board voted on Tuesday"));
  EXPECT_FALSE(Contains(a.body, "Most read"));
  EXPECT_TRUE(a.truncated);
}

TEST(TextPageSplitter, YearlessListItemsAreNotDateLines) {
  std::string page =
      "The band announced a summer tour on Tuesday, its first in five years, with dates across "
      "the country and a final show in the capital.\n"
      "Tickets go on sale on Friday morning, and fan club members will get early access.\n"
      "June 9 \xE2\x80\x93 Portvale, Harbour Arena\n"
      "June 12 \xE2\x80\x93 Bellhaven, Lighthouse Hall\n"
      "June 15 \xE2\x80\x93 Skerry Point, Pier Stage\n";
  CleanResult r = SplitText(page);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(Contains(r.articles[0].body, "June 12 \xE2\x80\x93 Bellhaven, Lighthouse Hall"));
}

TEST(TextPageSplitter, InlineLineBreaksAreRejoined) {
  std::string page =
      "The committee said on Friday that the harbour would\n"
      "not\n"
      "reopen before the end of the month, because divers had found more damage to the old "
      "sea wall than expected.\n"
      "Repairs will cost more than the council had set aside, the committee chair told "
      "reporters after the meeting, and the work may run into the summer season.\n";
  CleanResult r = SplitText(page);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(Contains(r.articles[0].body, "the harbour would not reopen before"));
}

TEST(TextPageSplitter, DatesNeverLaterThanFetchTime) {
  // "20-06-2025" is after the fetch time: it is clamped.
  std::string page =
      "Island Post\n20-06-2025\n- Business\n- Island Post\nHarbour fees to rise\n"
      "Cruise ships will pay higher fees to dock in Bellhaven from next year, the harbour board "
      "said on Wednesday, adding that the money would pay for new moorings.\n";
  CleanResult r = SplitText(page);
  ASSERT_EQ(r.articles.size(), 1u);
  ASSERT_TRUE(r.articles[0].published_at_ms.has_value());
  EXPECT_LE(*r.articles[0].published_at_ms, kFetchedAtMs);
  EXPECT_EQ(r.articles[0].published_text, "20-06-2025");
}

TEST(TextPageSplitter, SurvivesRandomBytesAndLongLines) {
  std::mt19937 rng(7);
  TextPageSplitter splitter;
  for (int round = 0; round < 200; ++round) {
    std::string page(rng() % 4000, '\0');
    for (char& c : page) {
      unsigned v = rng() % 100;
      c = v < 10 ? '\n' : v < 25 ? ' ' : v < 30 ? '-' : static_cast<char>(rng() % 256);
    }
    CleanResult r = splitter.Split(page, kFetchedAtMs);
    for (const Article& a : r.articles) {
      if (a.published_at_ms) {
        EXPECT_LE(*a.published_at_ms, kFetchedAtMs);
      }
    }
  }
  std::string long_line(1 << 20, 'a');
  EXPECT_LE(splitter.Split(long_line, kFetchedAtMs).articles.size(), 1u);
}

}  // namespace
}  // namespace newsflow
