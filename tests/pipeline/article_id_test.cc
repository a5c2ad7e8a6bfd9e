#include "pipeline/article_id.h"

#include <gtest/gtest.h>

#include "pipeline/text_hash.h"

namespace newsflow {
namespace {

TEST(ArticleIdTest, PrefersCanonicalUrl) {
  const ArticleId a = ArticleId::For("https://x.example/a", "https://x.example/list", 0);
  const ArticleId b = ArticleId::For("https://x.example/a", "https://y.example/other", 3);
  const ArticleId c = ArticleId::For("", "https://x.example/list", 0);
  const ArticleId d = ArticleId::For("", "https://x.example/list", 1);
  EXPECT_EQ(a, b);
  EXPECT_NE(c, d);
  EXPECT_EQ(a.bytes().size(), ArticleId::kBytes);
  EXPECT_EQ(a.Hex().size(), 32u);
}

// The ids published before ArticleId existed: the hex digest of "u|url" or "p|page#position".
TEST(ArticleIdTest, SpellsTheDigestOfItsKey) {
  EXPECT_EQ(ArticleId::For("https://x.example/a", "ignored", 7).Hex(),
            HashHex128("u|https://x.example/a"));
  EXPECT_EQ(ArticleId::For("", "file:///p/1.txt", 2).Hex(), HashHex128("p|file:///p/1.txt#2"));
  EXPECT_EQ(ArticleId::OfText("abc").bytes(), HashBytes128("abc"));
}

TEST(ArticleIdTest, UnsetIsEmptyEverywhere) {
  const ArticleId unset;
  EXPECT_TRUE(unset.empty());
  EXPECT_EQ(unset.bytes(), "");
  EXPECT_EQ(unset.Hex(), "");
  EXPECT_NE(unset, ArticleId::OfText(""));
}

TEST(ArticleIdTest, HexAndBytesRoundTrip) {
  const ArticleId id = ArticleId::OfText("story");
  EXPECT_EQ(ArticleId::FromHex(id.Hex()), id);
  EXPECT_EQ(ArticleId::FromBytes(id.bytes()), id);
  std::string upper = id.Hex();
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(ArticleId::FromHex(upper), id);
}

TEST(ArticleIdTest, RejectsWrongSizesAndDigits) {
  EXPECT_FALSE(ArticleId::FromBytes("short").has_value());
  EXPECT_FALSE(ArticleId::FromBytes(std::string(17, 'x')).has_value());
  EXPECT_FALSE(ArticleId::FromHex("abc").has_value());
  EXPECT_FALSE(ArticleId::FromHex(std::string(32, 'g')).has_value());
}

TEST(ArticleIdTest, HexOfBytesSpellsEachByte) {
  EXPECT_EQ(HexOfBytes(std::string("\x00\x7f\xff", 3)), "007fff");
  EXPECT_EQ(HexOfBytes(""), "");
}

}  // namespace
}  // namespace newsflow
