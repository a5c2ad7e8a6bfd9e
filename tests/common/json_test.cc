// The tolerant JSON reader (common/json/json.h): strings and escapes, nesting, what pages get
// wrong in JSON-LD, the strict options data files use, and hostile input.
#include "common/json/json.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "common/json/json_write.h"

namespace newsflow::json {
namespace {

TEST(JsonTest, ReadsObjectsArraysAndEscapes) {
  auto v = ReadSequence(R"({"a": "x\u00e9\"y", "b": [1, true, null, {"c": "d"}], "e": {}})");
  ASSERT_TRUE(v.has_value());
  ASSERT_TRUE(v->IsObject());
  EXPECT_EQ(v->Find("a")->text, "x\xC3\xA9\"y");
  ASSERT_TRUE(v->Find("b")->IsArray());
  EXPECT_EQ(v->Find("b")->items.size(), 4u);
  EXPECT_EQ(v->Find("b")->items[0].type, Value::Type::kNumber);
  EXPECT_EQ(v->Find("b")->items[0].text, "1");
  EXPECT_TRUE(v->Find("b")->items[1].IsBool());
  EXPECT_EQ(v->Find("b")->items[1].text, "true");
  EXPECT_EQ(v->Find("b")->items[2].type, Value::Type::kNull);
  EXPECT_EQ(v->Find("b")->items[3].Find("c")->text, "d");
  EXPECT_TRUE(v->Find("e")->IsObject());
  EXPECT_TRUE(v->Find("e")->members.empty());
  EXPECT_EQ(v->Find("missing"), nullptr);
  EXPECT_EQ(v->Find("a")->Find("a"), nullptr);  // not an object
  auto surrogate = ReadSequence(R"("\ud83d\ude00")");
  ASSERT_TRUE(surrogate.has_value());
  EXPECT_EQ(surrogate->text, "\xF0\x9F\x98\x80");
}

TEST(JsonTest, DecodesEveryEscape) {
  auto v = Read(R"("q\" b\\ s\/ n\n t\t r\r u\u0041\u00e9\u20ac x\q")");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->text, "q\" b\\ s/ n\n t\t r\r uA\xC3\xA9\xE2\x82\xAC xq");
  // Lone surrogates, and a high one followed by something else, become U+FFFD.
  EXPECT_EQ(Read(R"("\udc00")")->text, "\xEF\xBF\xBD");
  EXPECT_EQ(Read(R"("\ud800\u0041")")->text, "\xEF\xBF\xBD");
  EXPECT_EQ(Read(R"("\ud800x")")->text, "\xEF\xBF\xBDx");
  // A bad \u escape fails the string.
  EXPECT_FALSE(Read(R"("\u12G4")").has_value());
  EXPECT_FALSE(Read(R"("\u12")").has_value());
}

TEST(JsonTest, ControlsAsSpaceOrAsWritten) {
  const std::string text = "\"a\tb\nc \\b\\f\"";
  EXPECT_EQ(Read(text)->text, "a b c   ");
  ReadOptions as_written;
  as_written.controls = Controls::kAsWritten;
  EXPECT_EQ(Read(text, as_written)->text, "a\tb\nc \b\f");
}

TEST(JsonTest, NestingKeepsDocumentOrder) {
  auto v = Read(R"({"z": {"y": [[1], [2, [3]]]}, "a": 0, "z": "second"})");
  ASSERT_TRUE(v.has_value());
  ASSERT_EQ(v->members.size(), 3u);
  EXPECT_EQ(v->members[0].first, "z");
  EXPECT_EQ(v->members[1].first, "a");
  EXPECT_TRUE(v->Find("z")->IsObject());  // the first of two equal keys
  const Value& y = *v->Find("z")->Find("y");
  ASSERT_EQ(y.items.size(), 2u);
  EXPECT_EQ(y.items[1].items[1].items[0].text, "3");
}

TEST(JsonTest, ToleratesWhatPagesGetWrong) {
  // Trailing commas, raw newlines in strings, HTML comment wrappers, two objects in a row.
  auto v = ReadSequence("<!-- {\"headline\": \"line one\nline two\", \"x\": [1,2,],} -->");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->Find("headline")->text, "line one line two");
  auto two = ReadSequence(R"({"a":1} {"b":2})");
  ASSERT_TRUE(two.has_value());
  ASSERT_TRUE(two->IsArray());
  EXPECT_EQ(two->items.size(), 2u);
  // Single quotes, bare keys, comments, CDATA.
  auto loose = ReadSequence("<![CDATA[ /* c */ {name: 'N', // x\n 'k': \"v\"} ]]>");
  ASSERT_TRUE(loose.has_value());
  EXPECT_EQ(loose->Find("name")->text, "N");
  EXPECT_EQ(loose->Find("k")->text, "v");
}

TEST(JsonTest, ReadStopsAfterOneValue) {
  auto v = Read(R"({"a": 1} trailing {"b": 2})");
  ASSERT_TRUE(v.has_value());
  ASSERT_TRUE(v->IsObject());
  EXPECT_EQ(v->members.size(), 1u);
}

TEST(JsonTest, UnclosedKeptOrRejected) {
  const std::string cut = R"({"a": "x", "b": [1, 2)";
  auto kept = Read(cut);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->Find("a")->text, "x");
  ReadOptions strict;
  strict.unclosed = Unclosed::kReject;
  EXPECT_FALSE(Read(cut, strict).has_value());
  EXPECT_TRUE(Read(R"({"a": "x"})", strict).has_value());
  // An empty unclosed object or array is nothing in either mode.
  EXPECT_FALSE(Read("{").has_value());
  EXPECT_FALSE(Read("[").has_value());
}

TEST(JsonTest, MalformedInputIsRejected) {
  EXPECT_FALSE(ReadSequence("").has_value());
  EXPECT_FALSE(ReadSequence("   ").has_value());
  EXPECT_FALSE(ReadSequence("}}}").has_value());
  EXPECT_FALSE(Read(R"({"a" "b"})").has_value());  // no colon
  EXPECT_FALSE(Read(R"({"a": })").has_value());    // no value
  EXPECT_FALSE(Read(R"("unterminated)").has_value());
  EXPECT_FALSE(Read(R"("ends in a backslash\)").has_value());
}

TEST(JsonTest, DepthIsLimited) {
  auto nested = [](int depth) { return std::string(depth, '[') + "1" + std::string(depth, ']'); };
  EXPECT_TRUE(Read(nested(kMaxDepth)).has_value());
  EXPECT_FALSE(Read(nested(kMaxDepth + 1)).has_value());
  std::string deep(100000, '[');
  EXPECT_FALSE(ReadSequence(deep).has_value());
  std::string deep_objects;
  for (int i = 0; i < 100000; ++i) deep_objects += "{\"a\":";
  EXPECT_FALSE(ReadSequence(deep_objects).has_value());
}

TEST(JsonTest, SizeAndSequenceAreBounded) {
  ReadOptions small;
  small.max_bytes = 8;
  EXPECT_TRUE(Read("[1,2,3]", small).has_value());
  EXPECT_FALSE(Read("[1,2,3,4,5]", small).has_value());
  std::string many;
  for (int i = 0; i < 100; ++i) many += "{} ";
  auto v = ReadSequence(many);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->items.size(), 65u);
}

TEST(JsonTest, HostileInputDoesNotCrash) {
  std::string unterminated = "{\"a\": \"" + std::string(1000, 'x');
  EXPECT_NO_FATAL_FAILURE(ReadSequence(unterminated));
  const std::string good = R"({"a": "x\u00e9", "b": [1, {"c": 'd'}], "e": "\ud83d\ude00"})";
  std::mt19937_64 rng(9);
  for (int i = 0; i < 2000; ++i) {
    std::string text = good;
    for (int k = 0; k < 3; ++k) text[rng() % text.size()] = static_cast<char>(rng() % 256);
    text.resize(rng() % (text.size() + 1));
    auto v = ReadSequence(text);
    if (v.has_value()) {
      EXPECT_LE(v->text.size(), text.size() * 3);
    }
  }
}

}  // namespace
}  // namespace newsflow::json

namespace newsflow::json {
namespace {

TEST(JsonWriteTest, QuotesEscapesAndScrubs) {
  EXPECT_EQ(Quoted("plain"), "\"plain\"");
  EXPECT_EQ(Quoted("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
  EXPECT_EQ(Quoted("a\nb\tc\r\x01\x7f"), "\"a\\nb\\tc\\r\\u0001\\u007f\"");
  EXPECT_EQ(Quoted("caf\xC3\xA9"), "\"caf\xC3\xA9\"");                    // valid UTF-8 as is
  EXPECT_EQ(Quoted("bad\xC3(\xFF"), "\"bad\xEF\xBF\xBD(\xEF\xBF\xBD\"");  // one U+FFFD a byte
  // What is written reads back as the text.
  auto v = Read(Quoted("line one\nline \"two\""), {Controls::kAsWritten});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->text, "line one\nline \"two\"");
}

}  // namespace
}  // namespace newsflow::json
