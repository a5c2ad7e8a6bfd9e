#include "common/time/url_date.h"

#include <gtest/gtest.h>

#include "common/time/civil_time.h"

namespace newsflow {
namespace {

int64_t Day(int64_t y, unsigned m, unsigned d) { return DaysFromCivil(y, m, d) * kDayMs; }

TEST(ParseUrlDateMs, PathForms) {
  std::string_view found;
  EXPECT_EQ(ParseUrlDateMs("https://news.example/world/2024/02/29/leap-story", &found),
            Day(2024, 2, 29));
  EXPECT_EQ(found, "2024/02/29");
  EXPECT_EQ(ParseUrlDateMs("https://news.example/a_2023_7_4_b"), Day(2023, 7, 4));
  EXPECT_EQ(ParseUrlDateMs("https://news.example/2023/07/"), Day(2023, 7, 1));
  EXPECT_EQ(ParseUrlDateMs("https://news.example/2023/07"), Day(2023, 7, 1));
  EXPECT_EQ(ParseUrlDateMs("https://news.example/2023-07-story"), Day(2023, 7, 1));
  EXPECT_EQ(ParseUrlDateMs("/local/20230704-fireworks"), Day(2023, 7, 4));
}

TEST(ParseUrlDateMs, RejectsWhatIsNotADate) {
  EXPECT_FALSE(ParseUrlDateMs("https://news.example/2023-07.html"));  // no day, not slashes
  EXPECT_FALSE(ParseUrlDateMs("https://news.example/2025/02/29/"));   // not a leap year
  EXPECT_FALSE(ParseUrlDateMs("https://news.example/1989/01/01/"));
  EXPECT_FALSE(ParseUrlDateMs("https://news.example/2023/13/01/"));
  EXPECT_FALSE(ParseUrlDateMs("https://news.example/story?d=/2023/07/04/"));
  EXPECT_FALSE(ParseUrlDateMs("https://news.example"));
  EXPECT_FALSE(ParseUrlDateMs("https://news.example/id12023/07/04"));  // not after a separator
}

}  // namespace
}  // namespace newsflow
