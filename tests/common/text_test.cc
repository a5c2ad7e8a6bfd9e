#include <gtest/gtest.h>

#include <string>

#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/utf8.h"
#include "common/text/words.h"

namespace newsflow::text {
namespace {

TEST(AsciiTest, LowerChangesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Hello WORLD 42 \xC3\x89T\xC3\x89"), "hello world 42 \xC3\x89t\xC3\x89");
  std::string s = "MiXeD";
  AsciiLowerInPlace(&s);
  EXPECT_EQ(s, "mixed");
  char buf[4];
  EXPECT_EQ(AsciiLowerInto("ABCDEF", buf, sizeof buf), "abcd");
}

TEST(AsciiTest, CaseInsensitiveComparisons) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("Related Articles", "related ARTICLES"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("Related", "Relate"));
  EXPECT_TRUE(StartsWithIgnoreAsciiCase("READ MORE here", "read more"));
  EXPECT_FALSE(StartsWithIgnoreAsciiCase("rea", "read"));
  EXPECT_TRUE(EndsWithIgnoreAsciiCase("a day AGO", "ago"));
  EXPECT_EQ(FindIgnoreAsciiCase("Cookie Policy", "POLICY"), 7u);
  EXPECT_EQ(FindIgnoreAsciiCase("abc", "abcd"), std::string_view::npos);
  EXPECT_TRUE(ContainsIgnoreAsciiCase("Sign up for our NEWSLETTER", "newsletter"));
}

TEST(AsciiTest, SpaceIsTheCLocaleSet) {
  for (char c : std::string(" \t\n\v\f\r")) EXPECT_TRUE(IsAsciiSpace(c)) << int(c);
  EXPECT_FALSE(IsAsciiSpace('a'));
  EXPECT_FALSE(IsAsciiSpace('\xA0'));
}

TEST(TrimTest, AsciiAndVisibleBlanks) {
  EXPECT_EQ(Trim("  \t title \r\n"), "title");
  EXPECT_EQ(Trim("\xC2\xA0title\xE2\x80\x8B"), "\xC2\xA0title\xE2\x80\x8B");
  EXPECT_EQ(Trim("\xC2\xA0 title \xE2\x80\x8B\xC2\xA0", Blank::kVisible), "title");
  EXPECT_EQ(TrimLeft("  a  "), "a  ");
  EXPECT_EQ(TrimRight("  a  "), "  a");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(Utf8Test, ValidityFollowsRfc3629) {
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is long enough for the fast path"));
  EXPECT_TRUE(IsValidUtf8("\xE6\x97\xA5\xE6\x9C\xAC caf\xC3\xA9 \xF0\x9F\x93\xB0"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE6\x97"));       // cut short
}

TEST(Utf8Test, ScrubReplacesEachBadByte) {
  std::string s =
      "a\xFF"
      "b\xE6\x97";
  ScrubUtf8(&s);
  EXPECT_EQ(s,
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
  std::string ok = "caf\xC3\xA9";
  ScrubUtf8(&ok);
  EXPECT_EQ(ok, "caf\xC3\xA9");
}

TEST(Utf8Test, EncodeAndCut) {
  std::string out;
  for (uint32_t cp : {0x41u, 0xE9u, 0x65E5u, 0x1F4F0u}) AppendUtf8(cp, &out);
  EXPECT_EQ(out, "A\xC3\xA9\xE6\x97\xA5\xF0\x9F\x93\xB0");
  EXPECT_EQ(CutUtf8(out, 4), "A\xC3\xA9");  // not into the 3-byte character
  EXPECT_EQ(CutUtf8(out, 100), out);
  EXPECT_EQ(CutUtf8Suffix(out, 5), "\xF0\x9F\x93\xB0");
  EXPECT_EQ(Utf8SequenceLength(0xE6), 3u);
  EXPECT_TRUE(IsUtf8Continuation(0x97));
}

TEST(WordsTest, SpacesTabsAndUnspacedScripts) {
  EXPECT_EQ(CountWords("three short words"), 3u);
  EXPECT_EQ(CountWords("  tab\tseparated  "), 2u);
  EXPECT_EQ(CountWords(""), 0u);
  // Four ideographs and no space: one run, plus one word per two ideographs.
  EXPECT_EQ(CountWords("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x96\x87"), 3u);
}

}  // namespace
}  // namespace newsflow::text
