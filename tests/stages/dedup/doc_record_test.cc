#include "stages/dedup/doc_record.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow::dedup {
namespace {

DocRecord Sample() {
  DocRecord d;
  d.words = 300;
  d.body_key = std::string(16, '\x5a');
  d.lead = {0x1234, 0xffff};
  d.sketch.complete = true;
  d.sketch.values = {0xabcdef00, 0x00000100};
  return d;
}

// The bytes are the on-disk format of "dedup_doc" (version 3): they must not change without a
// new version byte.
TEST(DocRecordTest, EncodesVersionThreeByteForByte) {
  const std::string expected = std::string("\x03\xac\x02\x01\x10", 5) + std::string(16, '\x5a') +
                               std::string("\x02\x34\x12\xff\xff", 5) +
                               std::string("\x02\xef\xcd\xab\x01\x00\x00", 7);
  EXPECT_EQ(EncodeDocRecord(Sample()), expected);
}

TEST(DocRecordTest, RoundTrips) {
  DocRecord d;
  ASSERT_TRUE(DecodeDocRecord(EncodeDocRecord(Sample()), &d));
  EXPECT_EQ(d.words, 300u);
  EXPECT_EQ(d.body_key, std::string(16, '\x5a'));
  EXPECT_EQ(d.lead, (std::vector<uint32_t>{0x1234, 0xffff}));
  EXPECT_TRUE(d.sketch.complete);
  EXPECT_EQ(d.sketch.values, (std::vector<uint32_t>{0xabcdef00, 0x00000100}));
}

TEST(DocRecordTest, OtherVersionsAndTruncatedBytesReadAsAbsent) {
  std::string bytes = EncodeDocRecord(Sample());
  DocRecord d;
  std::string v2 = bytes;
  v2[0] = 2;
  EXPECT_FALSE(DecodeDocRecord(v2, &d));
  EXPECT_FALSE(DecodeDocRecord(bytes.substr(0, bytes.size() - 1), &d));
  EXPECT_FALSE(DecodeDocRecord(bytes + "x", &d));
  EXPECT_FALSE(DecodeDocRecord("", &d));
}

}  // namespace
}  // namespace newsflow::dedup
