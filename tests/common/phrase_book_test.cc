#include "common/phrases/phrase_book.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace newsflow::phrases {
namespace {

TEST(PhraseBookTest, ListsKeepTheFileOrder) {
  const auto& demo = List("example.demo");
  ASSERT_EQ(demo.size(), 3u);
  EXPECT_EQ(demo[0], "first");
  EXPECT_EQ(demo[2], "third");
  // The same object every time: parsed once.
  EXPECT_EQ(&List("example.demo"), &demo);
}

TEST(PhraseBookTest, NamesListEveryList) {
  const auto names = ListNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_NE(std::find(names.begin(), names.end(), "example.demo"), names.end());
}

TEST(PhraseBookDeathTest, UnknownListIsABuildBug) {
  EXPECT_DEATH(List("no.such.list"), "no list named no.such.list");
}

TEST(PhraseBookTest, EveryListIsNonEmptyAndHoldsNoBlankPhrase) {
  for (const auto& name : ListNames()) {
    const auto& list = List(name);
    EXPECT_FALSE(list.empty()) << name;
    for (const auto& p : list) EXPECT_FALSE(p.empty()) << name;
  }
}

}  // namespace
}  // namespace newsflow::phrases
