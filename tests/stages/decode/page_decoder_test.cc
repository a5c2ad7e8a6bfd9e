#include "stages/decode/page_decoder.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <string>

#include "common/text/ascii.h"

namespace newsflow {
namespace {

// Encodes UTF-8 text into `charset` with ICU (the fixture's bytes as a server would send them).
std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UConverter* conv = ucnv_open(charset, &err);
  EXPECT_TRUE(U_SUCCESS(err));
  std::string out(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), conv, err);
  ucnv_close(conv);
  EXPECT_TRUE(U_SUCCESS(err));
  out.resize(static_cast<size_t>(n));
  return out;
}

v1::RawPage Raw(std::string body, std::string content_type = "") {
  v1::RawPage raw;
  raw.set_url("https://www.Example.org:443/news/1?x=1");
  raw.set_fetched_at_ms(1748779200000);
  raw.set_content_type(std::move(content_type));
  raw.set_body(std::move(body));
  return raw;
}

const char kJapanese[] =
    "東京の市場では水曜日、円相場が小幅に上昇した。政府は来月、新しい経済対策を発表する予定だ。"
    "専門家は物価の動向を注視している。";
const char kRussian[] =
    "В среду правительство объявило о новых мерах поддержки малого бизнеса. Эксперты ожидают, "
    "что решение повлияет на рынок труда уже в этом году.";
const char kChinese[] =
    "本市今天举行新闻发布会，介绍了今年城市交通建设的最新进展。有关负责人表示，新的地铁线路将于明年"
    "开通。";

TEST(PageDecoderTest, ShiftJisDeclaredInMetaIsConvertedToUtf8) {
  std::string html = "<html><head><meta charset=\"Shift_JIS\"><title>t</title></head><body><p>" +
                     std::string(kJapanese) + "</p></body></html>";
  PageDecoder decoder;
  auto page = decoder.Decode(Raw(Encode(html, "Shift_JIS")), 0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->kind, ContentKind::kHtml);
  EXPECT_NE(page->text.find(kJapanese), std::string::npos);
  EXPECT_EQ(page->charset, "shift_jis");
}

TEST(PageDecoderTest, Windows1251FromHttpHeader) {
  std::string text = std::string(kRussian) + "\n";
  PageDecoder decoder;
  auto page =
      decoder.Decode(Raw(Encode(text, "windows-1251"), "text/plain; charset=windows-1251"), 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->kind, ContentKind::kText);
  EXPECT_EQ(page->text, text);
}

TEST(PageDecoderTest, Gb18030DetectedWithoutDeclaration) {
  std::string text;
  for (int i = 0; i < 5; ++i) text += std::string(kChinese) + "\n";
  PageDecoder decoder;
  auto page = decoder.Decode(Raw(Encode(text, "GB18030")), 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text, text) << "detected " << page->charset;
}

TEST(PageDecoderTest, InvalidUtf8BytesAreReplacedNotFatal) {
  std::string body = "Headline\n\nA body with a broken byte \xC3 here and \xFF there.\n";
  PageDecoder decoder;
  auto page = decoder.Decode(Raw(body, "text/plain; charset=utf-8"), 0);
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->text.find("Headline"), std::string::npos);
  EXPECT_NE(page->text.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
}

TEST(PageDecoderTest, HighByteGarbageDeclaredUtf8IsUndecodableNotAnArticle) {
  // Bytes 0x80-0xFF with no control bytes pass the binary check; declared UTF-8, nearly all
  // become U+FFFD. That is garbage, not a page to publish.
  std::string garbage;
  for (int i = 0; i < 4000; ++i) garbage.push_back(static_cast<char>(0x80 + (i * 7919) % 128));
  PageDecoder decoder;
  auto page = decoder.Decode(Raw(garbage, "text/plain; charset=utf-8"), 0);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("undecodable"), std::string::npos)
      << page.status().ToString();
  // A page with a handful of bad bytes among its text is still repaired.
  std::string text = "Headline\n\n";
  for (int i = 0; i < 40; ++i) text += "A sentence of a real story, with one bad byte \xFF in it. ";
  EXPECT_TRUE(decoder.Decode(Raw(text, "text/plain; charset=utf-8"), 0).ok());
}

TEST(PageDecoderTest, RejectsEmptyOversizeAndBinary) {
  PageDecoder decoder(DecodeOptions{.max_page_bytes = 1000});
  auto empty = decoder.Decode(Raw(""), 0);
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  auto large = decoder.Decode(Raw(std::string(2000, 'a')), 0);
  EXPECT_EQ(large.status().code(), Status::Code::kTooLarge);
  std::string garbage;
  for (int i = 0; i < 900; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  auto binary = decoder.Decode(Raw(garbage), 0);
  EXPECT_FALSE(binary.ok());
  EXPECT_NE(binary.status().message().find("binary"), std::string::npos);
}

TEST(PageDecoderTest, SniffsHtmlVsTextAndNormalisesNewlinesAndNfc) {
  PageDecoder decoder;
  auto html = decoder.Decode(Raw("  <!DOCTYPE html><html><body>x</body></html>"), 0);
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->kind, ContentKind::kHtml);
  // "e" + combining acute accent -> precomposed U+00E9; CRLF -> LF.
  auto text = decoder.Decode(Raw("Cafe\xCC\x81 opens\r\nsecond line"), 0);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->kind, ContentKind::kText);
  EXPECT_EQ(text->text, "Caf\xC3\xA9 opens\nsecond line");
  // Lone CRs too, and CR CR LF is two line ends.
  auto mac = decoder.Decode(Raw("one\rtwo\r\r\nthree\r"), 0);
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(mac->text, "one\ntwo\n\nthree\n");
}

// UTF-16 with a byte-order mark, either byte order: decoded, the mark dropped, and typed as
// HTML from the decoded text (its bytes, with a NUL after every ASCII one, look like nothing),
// even when the Content-Type or a <meta> lies about the charset.
TEST(PageDecoderTest, Utf16WithByteOrderMarkIsDecodedAndSniffedAsHtml) {
  const std::string html = std::string("<!DOCTYPE html><html><head><meta charset=\"utf-8\">") +
                           "<title>港町</title></head><body><p>" + kJapanese + "</p></body></html>";
  PageDecoder decoder;
  struct Case {
    const char* charset;
    const char* bom;
    const char* content_type;
  };
  for (const Case& c : {Case{"UTF-16LE", "\xFF\xFE", ""}, Case{"UTF-16BE", "\xFE\xFF", ""},
                        Case{"UTF-16LE", "\xFF\xFE", "text/html; charset=utf-8"},
                        Case{"UTF-16BE", "\xFE\xFF", "text/html"}}) {
    SCOPED_TRACE(std::string(c.charset) + " / " + c.content_type);
    const std::string bytes = std::string(c.bom, 2) + Encode(html, c.charset);
    ASSERT_NE(bytes.find('\0'), std::string::npos);  // really UTF-16 on the wire
    auto page = decoder.Decode(Raw(bytes, c.content_type), 0);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->kind, ContentKind::kHtml);
    EXPECT_EQ(page->text, html);  // no U+FEFF left in front
    EXPECT_EQ(text::AsciiLower(page->charset), text::AsciiLower(c.charset));
  }
  // A UTF-16 text page stays a text page.
  const std::string plain = std::string("\xFF\xFE", 2) + Encode(kRussian, "UTF-16LE");
  auto text = decoder.Decode(Raw(plain), 0);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->kind, ContentKind::kText);
  EXPECT_EQ(text->text, kRussian);
}

TEST(PageDecoderTest, FillsSiteAndFetchTimeFallback) {
  PageDecoder decoder;
  v1::RawPage raw = Raw("Some text");
  raw.set_fetched_at_ms(0);
  auto page = decoder.Decode(raw, 42);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->site, "example.org");
  EXPECT_EQ(page->fetched_at_ms, 42);
  EXPECT_EQ(page->content_hash.size(), 32u);
}

TEST(HostOfUrlTest, HandlesPortsUserinfoAndOtherSchemes) {
  EXPECT_EQ(HostOfUrl("HTTPS://News.Example.COM:8443/a"), "news.example.com");
  EXPECT_EQ(HostOfUrl("http://user:pw@example.net/"), "example.net");
  EXPECT_EQ(HostOfUrl("file:///tmp/page.txt"), "");
}

}  // namespace
}  // namespace newsflow
