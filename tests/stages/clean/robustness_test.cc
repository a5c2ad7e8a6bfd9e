// Hostile and foreign pages end to end: each page goes through the real pipeline (decode, clean,
// dedup, classify on a real RocksDB in a temp dir, built from the default Config by the same
// Runtime that newsflowd and `newsflowctl process` use). Every page must come out as an article
// with the expected UTF-8 title and body, or as a dead letter with a clear reason — never a
// crash or a hang. The pages are fictional and written here; the multibyte ones are encoded to
// their charset with ICU at test time, as a server would send them.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>
#include <random>
#include <string>

#include "daemon/config.h"
#include "daemon/runtime.h"
#include "newsflow/v1/article_event.pb.h"
#include "newsflow/v1/raw_page.pb.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace newsflow {
namespace {

constexpr int64_t kFetch = 1748779200000;  // 2025-06-01T12:00:00Z

// Encodes UTF-8 text into `charset` with ICU.
std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UConverter* conv = ucnv_open(charset, &err);
  EXPECT_TRUE(U_SUCCESS(err)) << charset;
  std::string out(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), conv, err);
  ucnv_close(conv);
  EXPECT_TRUE(U_SUCCESS(err)) << charset;
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A fictional news story in one language: headline, site name and paragraphs (UTF-8).
struct Story {
  std::string title;
  std::string site;
  std::vector<std::string> paragraphs;
};

const Story& JapaneseStory() {
  static const Story kStory{
      "港町の図書館、夏の開館時間を延長",
      "港町新聞",
      {"港町の町議会は木曜日の夜、町立図書館の開館時間を夏の間延長することを決めた。住民二千人以上"
       "が"
       "署名した請願を受けたもので、延長分の費用は町の文化基金から支出される。",
       "図書館の職員はこの決定を歓迎し、夜の時間を読書会や宿題クラブ、地元の作家による講演会に使う"
       "と"
       "話した。利用者の数は十月に見直される予定だ。",
       "町長は記者会見で、図書館は町の大切な場所であり、若い世代が集まる機会を増やしたいと述べた"
       "。"}};
  return kStory;
}

const Story& RussianStory() {
  static const Story kStory{
      "Паромная переправа возобновила работу после зимнего перерыва",
      "Островной вестник",
      {"Островной паром в среду вернулся к полному расписанию после зимнего перерыва, во время "
       "которого ремонтировали причал. Оператор сообщил, что суда будут ходить каждые сорок минут "
       "с раннего утра до позднего вечера.",
       "В июле к переправе присоединится второе судно, чтобы справиться с летним потоком туристов, "
       "которые приезжают на фестиваль. Жители острова говорят, что давно ждали этого.",
       "Местные власти пообещали отремонтировать и дорогу, ведущую к причалу, до конца августа."}};
  return kStory;
}

const Story& ChineseStory() {
  static const Story kStory{
      "本地面包店获得地区面包大奖",
      "河畔日报",
      {"磨坊街上的一家家庭面包店凭借酸面包赢得了地区面包大奖，击败了来自全县的六十多个参赛作品。"
       "店主说，这个配方来自一位为村子烤了四十年面包的祖母。",
       "店主表示，奖金将用于购买第二台烤炉，这样面包店在星期天也可以营业。附近的居民对此表示欢迎，"
       "许多人说他们每天早上都会来买面包。",
       "评委们称赞这款面包外皮酥脆、内部松软，并表示明年将邀请更多的小店参加比赛。"}};
  return kStory;
}

// The story as an HTML page; `head_extra` goes into <head> (a <meta charset>, say).
std::string HtmlPage(const Story& story, const std::string& head_extra) {
  std::string html = "<!DOCTYPE html><html><head>" + head_extra + "<title>" + story.title + " | " +
                     story.site + "</title><meta property=\"og:site_name\" content=\"" +
                     story.site +
                     "\"></head><body><nav><a href=\"/\">1</a> <a href=\"/news\">2</a></nav>"
                     "<article><h1>" +
                     story.title + "</h1>";
  for (const std::string& p : story.paragraphs) html += "<p>" + p + "</p>";
  html += "</article><footer>&copy; " + story.site + "</footer></body></html>";
  return html;
}

// About 150 bytes of article text.
constexpr char kLongParagraph[] =
    "<p>The valley's flood barrier held through the night, the council said, as the river rose "
    "to its highest level since the dam was built, with roads closed.</p>";

class PipelineRobustnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.classify.taxonomy_path =
        ::newsflow::testing::SourceDir() + "/deploy/topics/iptc_media_topics.toml";
    auto rt = Runtime::Open(config_, state_.path(), {}, WalSync::kNoSync);
    ASSERT_TRUE(rt.ok()) << rt.status().ToString();
    runtime_ = std::move(rt).value();
  }

  // One page through every stage, as `newsflowctl process` runs it.
  PageOutcome Process(const std::string& url, std::string body, std::string content_type = "") {
    v1::RawPage raw;
    raw.set_url(url);
    raw.set_fetched_at_ms(kFetch);
    raw.set_content_type(std::move(content_type));
    raw.set_body(std::move(body));
    PageOutcome out = runtime_->pipeline().Process(raw);
    EXPECT_TRUE(runtime_->store().Commit().ok());
    return out;
  }

  // Expects one article event carrying the story's title and every paragraph, in UTF-8.
  void ExpectStory(const PageOutcome& out, const Story& story) {
    ASSERT_EQ(out.kind, PageOutcome::Kind::kProcessed)
        << out.failed_stage << ": " << out.dead_letter_reason;
    ASSERT_EQ(out.events.size(), 1u);
    const v1::ArticleEvent& ev = out.events[0];
    EXPECT_EQ(ev.event_type(), v1::ArticleEvent::CREATED);
    EXPECT_EQ(ev.title(), story.title);
    for (const std::string& p : story.paragraphs) {
      EXPECT_TRUE(Contains(ev.body(), p)) << "missing paragraph: " << p << "\nbody: " << ev.body();
    }
    EXPECT_FALSE(Contains(ev.body(), "\xEF\xBF\xBD")) << "replacement characters: " << ev.body();
  }

  // Expects a dead letter from `stage` whose reason mentions `why`.
  void ExpectDeadLetter(const PageOutcome& out, const std::string& stage, const std::string& why) {
    ASSERT_EQ(out.kind, PageOutcome::Kind::kDeadLetter) << out.events.size() << " events";
    EXPECT_TRUE(out.events.empty());
    EXPECT_EQ(out.failed_stage, stage);
    EXPECT_TRUE(Contains(out.dead_letter_reason, why)) << out.dead_letter_reason;
  }

  // The pipeline still works after whatever came before.
  void ExpectStillWorking() {
    ExpectStory(Process("https://after.example/news/library",
                        HtmlPage(JapaneseStory(), "<meta charset=\"utf-8\">")),
                JapaneseStory());
  }

  Config config_;
  ::newsflow::testing::TempDir state_;
  std::unique_ptr<Runtime> runtime_;
};

TEST_F(PipelineRobustnessTest, ShiftJisPageDeclaredInMeta) {
  std::string bytes =
      Encode(HtmlPage(JapaneseStory(), "<meta charset=\"Shift_JIS\">"), "Shift_JIS");
  ASSERT_FALSE(Contains(bytes, JapaneseStory().title));  // really not UTF-8 on the wire
  ExpectStory(Process("https://minatomachi.example/news/2025/library", bytes), JapaneseStory());
}

TEST_F(PipelineRobustnessTest, Windows1251PageDeclaredInHttpHeader) {
  std::string bytes = Encode(HtmlPage(RussianStory(), ""), "windows-1251");
  ExpectStory(
      Process("https://ostrov.example/news/parom", bytes, "text/html; charset=windows-1251"),
      RussianStory());
}

TEST_F(PipelineRobustnessTest, Windows1251PageUndeclaredIsDetected) {
  std::string bytes = Encode(HtmlPage(RussianStory(), ""), "windows-1251");
  ExpectStory(Process("https://ostrov.example/news/parom", bytes), RussianStory());
}

TEST_F(PipelineRobustnessTest, Gb18030PageDeclaredInHttpEquiv) {
  std::string bytes =
      Encode(HtmlPage(ChineseStory(),
                      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb18030\">"),
             "GB18030");
  ExpectStory(Process("https://hepan.example/news/bakery", bytes), ChineseStory());
}

TEST_F(PipelineRobustnessTest, Gb18030PageUndeclaredIsDetected) {
  std::string bytes = Encode(HtmlPage(ChineseStory(), ""), "GB18030");
  ExpectStory(Process("https://hepan.example/news/bakery", bytes), ChineseStory());
}

// UTF-16 with a byte-order mark, as some servers send it: an article, whatever the
// Content-Type or <meta> claim.
TEST_F(PipelineRobustnessTest, Utf16PagesWithByteOrderMark) {
  const std::string russian = HtmlPage(RussianStory(), "<meta charset=\"utf-8\">");
  ExpectStory(Process("https://ostrov.example/news/le",
                      std::string("\xFF\xFE", 2) + Encode(russian, "UTF-16LE")),
              RussianStory());
  const std::string chinese = HtmlPage(ChineseStory(), "");
  ExpectStory(
      Process("https://hepan.example/news/be",
              std::string("\xFE\xFF", 2) + Encode(chinese, "UTF-16BE"), "text/html; charset=utf-8"),
      ChineseStory());
  ExpectStillWorking();
}

// Pages that would make the HTML parser build far more than a news page needs are
// dead-lettered with the limit they passed (the defaults of [clean] html_budget_*), cheaply.
TEST_F(PipelineRobustnessTest, PagesOverTheParseBudgetAreDeadLettered) {
  auto repeat = [](const std::string& unit, size_t times) {
    std::string out = "<!DOCTYPE html><html><head><title>Flood | Valley Gazette</title></head>";
    out.reserve(out.size() + unit.size() * times);
    for (size_t i = 0; i < times; ++i) out += unit;
    return out;
  };
  std::string reopened = "<body>";
  for (int i = 0; i < 500; ++i) reopened += "<b class=\"c" + std::to_string(i) + "\">";
  const struct {
    const char* name;
    std::string page;
    const char* reason;
  } cases[] = {
      {"a million elements", repeat("<p>a<b>b</b></p>", 500000), "more than 200000 elements"},
      {"reopened formatting elements", reopened + repeat("<p>x", 2500000).substr(90),
       "more than 200000 elements"},
      {"nesting behind ignored end tags", repeat("<div></x>", 1100000),
       "more than 1024 elements open at once"},
      {"ignored end tags", repeat("</x>", 8000000), "more than 500000 tags and attributes"},
      {"text", repeat(kLongParagraph, 60000), "more than 8388608 bytes of text"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectDeadLetter(Process("https://valley.example/hostile", c.page), "clean",
                     std::string("clean: over the parse budget: ") + c.reason);
  }
  ExpectStillWorking();
}

TEST_F(PipelineRobustnessTest, TwentyMegabytePage) {
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>The longest read | Valley "
      "Gazette</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>The longest "
      "read</h1>";
  int paragraphs = 0;
  while (html.size() < (20u << 20)) {
    html += "<p>Paragraph " + std::to_string(paragraphs++) +
            " of the valley's flood history, with dates, names, and enough words to be the kind of "
            "text that a patient reader would follow from start to end.</p>\n";
  }
  html += "</article></body></html>";
  // 19 MB of text is over the default parse budget (8 MiB of text): a dead letter saying so,
  // not a 19 MB article through dedup and classify.
  PageOutcome out = Process("https://valley.example/news/longest-read", std::move(html));
  ASSERT_EQ(out.kind, PageOutcome::Kind::kDeadLetter);
  EXPECT_EQ(out.failed_stage, "clean");
  EXPECT_EQ(out.dead_letter_reason,
            "clean: over the parse budget: more than 8388608 bytes of text");
  ExpectStillWorking();
}

TEST_F(PipelineRobustnessTest, HundredThousandDeepNesting) {
  constexpr int kDepth = 100000;
  for (const char* tag : {"div", "span", "b", "table", "li"}) {
    SCOPED_TRACE(tag);
    const std::string open = std::string("<") + tag + ">";
    const std::string close = std::string("</") + tag + ">";
    std::string html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Deep down | Valley "
        "Gazette</title></head><body>";
    for (int i = 0; i < kDepth; ++i) html += open;
    html +=
        "<p>At the bottom of a hundred thousand nested elements the cave divers found, as the "
        "survey had promised, a dry chamber with a lake that no map had shown before.</p>";
    for (int i = 0; i < kDepth; ++i) html += close;
    html += "</body></html>";
    PageOutcome out = Process(std::string("https://valley.example/deep/") + tag, std::move(html));
    // The text below the depth cap is kept, whatever the element.
    ASSERT_EQ(out.kind, PageOutcome::Kind::kProcessed) << out.dead_letter_reason;
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].title(), "Deep down");
    EXPECT_TRUE(Contains(out.events[0].body(), "a dry chamber with a lake"));
  }
  // Unbalanced: opened, never closed.
  std::string html = "<html><body>";
  for (int i = 0; i < kDepth; ++i) html += "<div>";
  html +=
      "<p>Nobody closed these elements, and the story of the valley's dam is still here, "
      "long enough to be read, with commas, as an article.</p>";
  PageOutcome out = Process("https://valley.example/deep/unclosed", std::move(html));
  ASSERT_EQ(out.kind, PageOutcome::Kind::kProcessed) << out.dead_letter_reason;
  EXPECT_TRUE(Contains(out.events[0].body(), "the story of the valley's dam"));
  // Deep JSON-LD beside a normal article.
  html = HtmlPage(RussianStory(), "<meta charset=\"utf-8\"><script type=\"application/ld+json\">" +
                                      std::string(kDepth, '[') + "</script>");
  ExpectStory(Process("https://ostrov.example/deep/jsonld", std::move(html)), RussianStory());
  ExpectStillWorking();
}

TEST_F(PipelineRobustnessTest, EmptyPageIsRejected) {
  ExpectDeadLetter(Process("https://valley.example/empty", ""), "decode", "empty body");
  ExpectDeadLetter(Process("https://valley.example/empty.html", "", "text/html"), "decode",
                   "empty body");
  ExpectDeadLetter(Process("https://valley.example/blank", " \n\t\r\n \n"), "decode", "blank body");
  // Markup with no text at all.
  ExpectDeadLetter(Process("https://valley.example/shell",
                           "<!DOCTYPE html><html><head><title></title></head><body></body></html>"),
                   "clean", "no article content");
  ExpectStillWorking();
}

TEST_F(PipelineRobustnessTest, BinaryGarbageIsRejected) {
  std::mt19937_64 rng(20250601);
  for (const char* content_type : {"", "text/html", "text/plain; charset=utf-8",
                                   "text/html; charset=Shift_JIS", "application/octet-stream"}) {
    SCOPED_TRACE(content_type);
    std::string junk(1 << 16, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    ExpectDeadLetter(Process("https://valley.example/blob", junk, content_type), "decode",
                     "binary");
  }
  // A PNG header followed by random bytes, and a gzip stream served as a page.
  std::string png = "\x89PNG\r\n\x1a\n";
  png.append("\0\0\0\rIHDR", 8);
  for (int i = 0; i < 4096; ++i) png.push_back(static_cast<char>(rng()));
  ExpectDeadLetter(Process("https://valley.example/image.png", png), "decode", "binary");
  std::string gzip("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  for (int i = 0; i < 4096; ++i) gzip.push_back(static_cast<char>(rng()));
  ExpectDeadLetter(Process("https://valley.example/page.gz", gzip, "text/html"), "decode",
                   "binary");
  ExpectStillWorking();
}

TEST_F(PipelineRobustnessTest, HighBytesWithoutControlsAreRejectedAsUndecodable) {
  // Random bytes 0x80-0xFF and spaces: no control bytes, so not "binary"; decoded, most
  // characters become U+FFFD, and decode rejects the page as undecodable.
  std::mt19937_64 rng(7);
  for (int round = 0; round < 8; ++round) {
    std::string junk(1 << 15, ' ');
    for (char& c : junk) {
      if (rng() % 8 != 0) c = static_cast<char>(0x80 + rng() % 0x80);
    }
    PageOutcome out = Process("https://valley.example/high/" + std::to_string(round), junk,
                              round % 2 ? "text/html" : "");
    ExpectDeadLetter(out, "decode", "undecodable");
  }
  ExpectStillWorking();
}

}  // namespace
}  // namespace newsflow
