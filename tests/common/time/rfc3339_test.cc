#include "common/time/rfc3339.h"

#include <gtest/gtest.h>

#include "common/time/civil_time.h"

namespace newsflow {
namespace {

constexpr int64_t kNoon = 1748779200000;  // 2025-06-01T12:00:00Z

TEST(ParseIso8601Ms, ZoneZAndOffsets) {
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00Z"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01t12:00:00z"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00"), kNoon);  // no zone: UTC
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T21:00:00+09:00"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T21:00:00+0900"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T21:00:00+09"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T07:30:00-04:30"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00+00:00"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00-00:00"), kNoon);
  // An offset that crosses midnight moves the date.
  EXPECT_EQ(ParseIso8601Ms("2025-06-02T01:00:00+13:00"), kNoon);
}

TEST(ParseIso8601Ms, FractionsAreTruncated) {
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00.999Z"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00,5Z"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00.123456789+00:00"), kNoon);
  EXPECT_FALSE(ParseIso8601Ms("2025-06-01T12:00:00.Z"));
}

TEST(ParseIso8601Ms, ShortAndBasicForms) {
  EXPECT_EQ(ParseIso8601Ms("2025-06-01"), kNoon - 12 * kHourMs);
  EXPECT_EQ(ParseIso8601Ms("20250601"), kNoon - 12 * kHourMs);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("20250601T120000Z"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01 12:00:00Z"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("\t 2025-06-01T12:00:00Z\n"), kNoon);
}

TEST(ParseIso8601Ms, LeapDay) {
  EXPECT_EQ(ParseIso8601Ms("2024-02-29T00:00:00Z"), DaysFromCivil(2024, 2, 29) * kDayMs);
  EXPECT_EQ(ParseIso8601Ms("2000-02-29"), DaysFromCivil(2000, 2, 29) * kDayMs);
  EXPECT_FALSE(ParseIso8601Ms("2025-02-29"));
  EXPECT_FALSE(ParseIso8601Ms("2100-02-29"));  // not a leap year
}

TEST(ParseIso8601Ms, OutOfRangeFieldsAreRejected) {
  for (const char* text : {
           "2025-00-01",
           "2025-13-01",
           "2025-06-00",
           "2025-06-31",
           "2025-06-01T25:00:00Z",
           "2025-06-01T24:30:00Z",
           "2025-06-01T24:00:01Z",
           "2025-06-01T12:60:00Z",
           "2025-06-01T12:00:61Z",
           "2025-06-01T12:00:00+15:00",
           "2025-06-01T12:00:00+09:60",
           "1989-12-31",
           "2101-01-01",
       }) {
    EXPECT_FALSE(ParseIso8601Ms(text)) << text;
  }
  // The edges that are allowed: midnight ending a day, a leap second.
  EXPECT_EQ(ParseIso8601Ms("2025-05-31T24:00:00Z"), kNoon - 12 * kHourMs);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T11:59:60Z"), kNoon);
  EXPECT_EQ(ParseIso8601Ms("2025-06-01T12:00:00+14:00"), kNoon - 14 * kHourMs);
}

TEST(ParseIso8601Ms, MalformedTextIsRejected) {
  for (const char* text : {"", "yesterday", "2025-6-1", "2025-06-01T", "2025-06-01T12",
                           "2025-06-01T12:00:00Zjunk", "2025-06-01T12:00:00+", "2025/06/01",
                           "2025-0601", "2025-06-01T12:00:00 Z", "+2025-06-01"}) {
    EXPECT_FALSE(ParseIso8601Ms(text)) << text;
  }
}

TEST(FormatRfc3339, SecondPrecisionUtc) {
  EXPECT_EQ(FormatRfc3339(kNoon), "2025-06-01T12:00:00Z");
  EXPECT_EQ(FormatRfc3339(kNoon + 999), "2025-06-01T12:00:00Z");
  EXPECT_EQ(FormatRfc3339(DaysFromCivil(2024, 2, 29) * kDayMs + 1000), "2024-02-29T00:00:01Z");
  EXPECT_EQ(FormatRfc3339(0), "");
  EXPECT_EQ(FormatRfc3339(-5), "");
  EXPECT_EQ(ParseIso8601Ms(FormatRfc3339(kNoon + 42 * kMinuteMs)), kNoon + 42 * kMinuteMs);
}

}  // namespace
}  // namespace newsflow
