#include "daemon/kafka/input_codec.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(InputCodecTest, DecodesEachFormat) {
  v1::RawPage page;
  page.set_url("https://x.example/a");
  page.set_body("<p>hi</p>");
  page.set_fetched_at_ms(7);
  auto pb = DecodeInputMessage(InputFormat::kProtobuf, "", page.SerializeAsString(), 99);
  ASSERT_TRUE(pb.ok());
  EXPECT_EQ(pb->url(), "https://x.example/a");
  EXPECT_EQ(pb->fetched_at_ms(), 7);

  auto js = DecodeInputMessage(InputFormat::kJson, "",
                               R"({"url":"https://x.example/b","body":"aGk="})", 99);
  ASSERT_TRUE(js.ok()) << js.status().ToString();
  EXPECT_EQ(js->body(), "hi");
  EXPECT_EQ(js->fetched_at_ms(), 99);  // message timestamp when the page has none

  auto body = DecodeInputMessage(InputFormat::kBody, "https://x.example/c", "plain text", 99);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->url(), "https://x.example/c");
  EXPECT_EQ(body->body(), "plain text");
}

TEST(InputCodecTest, RejectsGarbageAndEmptyBodies) {
  EXPECT_FALSE(DecodeInputMessage(InputFormat::kProtobuf, "", "\xff\xff\xff", 0).ok());
  EXPECT_FALSE(DecodeInputMessage(InputFormat::kJson, "", "{\"url\":", 0).ok());
  EXPECT_FALSE(DecodeInputMessage(InputFormat::kBody, "k", "", 0).ok());
}

}  // namespace
}  // namespace newsflow
