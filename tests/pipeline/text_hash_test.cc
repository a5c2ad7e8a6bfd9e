#include "pipeline/text_hash.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(TextHashTest, NormaliseIgnoresCaseSpacingAndPunctuation) {
  EXPECT_EQ(NormaliseForHash("  Hello,   World!\n"), "hello world");
  EXPECT_EQ(NormaliseForHash("\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 text"), "quoted text");
  EXPECT_EQ(NormaliseForHash("Caf\xC3\xA9"), "caf\xC3\xA9");  // letters of any script kept
  EXPECT_EQ(NormaliseForHash("..."), "");
}

TEST(TextHashTest, HashesAreStableAcrossRuns) {
  // XXH3 is specified: these values must never change (article ids depend on them).
  EXPECT_EQ(HashHex128(""), "99aa06d3014798d86001c324468d497f");
  EXPECT_EQ(HashHex128("abc"), HashHex128(std::string("abc")));
  EXPECT_NE(HashHex128("abc"), HashHex128("abd"));
  // HashBytes128: the same 128 bits as 16 raw bytes, most significant first.
  for (const char* text : {"", "abc", "a longer text of more than sixteen bytes"}) {
    const std::string bytes = HashBytes128(text);
    ASSERT_EQ(bytes.size(), 16u);
    std::string hex;
    for (unsigned char c : bytes) {
      hex.push_back("0123456789abcdef"[c >> 4]);
      hex.push_back("0123456789abcdef"[c & 15]);
    }
    EXPECT_EQ(hex, HashHex128(text));
  }
}

}  // namespace
}  // namespace newsflow
