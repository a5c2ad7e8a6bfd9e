#include "stages/dedup/minhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <unordered_set>

namespace newsflow::dedup {
namespace {

std::vector<uint64_t> Shingles(const std::string& text, int k = 5) {
  return ShingleHashes(WordHashes(text), k);
}

// `n` distinct made-up words (w0 w1 ...), optionally with words [from, to) replaced.
std::string Words(int n, int offset = 0) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? " w" : "w") + std::to_string(i + offset);
  return out;
}

TEST(WordHashesTest, IgnoresCaseAndPunctuation) {
  EXPECT_EQ(WordHashes("The mayor, said: \"No!\""), WordHashes("the Mayor said no"));
  EXPECT_EQ(WordHashes("a  b\n\tc").size(), 3u);
  EXPECT_TRUE(WordHashes(" ,.; ").empty());
}

TEST(WordHashesTest, CjkCharactersAreWords) {
  // Four ideographs without spaces are four words, so shingles work in unspaced scripts.
  EXPECT_EQ(WordHashes("東京都庁").size(), 4u);
  EXPECT_EQ(WordHashes("abc 東京 def").size(), 4u);
}

// The one-pass path (runs listed while normalising) gives the same text and word hashes as
// normalising and then scanning, on valid UTF-8 of any mix: ASCII, accents, CJK, kana,
// punctuation that separates (dashes, quotes, NBSP), digits.
TEST(WordHashesTest, RunsFromNormalisingGiveTheSameWords) {
  const char* const pieces[] = {"Word", "a", "42", " ", "\n", ", ", "\xE2\x80\x94",
                                "\xE2\x80\x9C", "\xC2\xA0", "caf\xC3\xA9", "\xC3\x9F",
                                "\xE4\xB8\xAD\xE6\x96\x87", "\xE3\x81\x8B",
                                "\xD0\x9C\xD0\xB8\xD1\x80", "-", "!", "\xF0\x9F\x98\x80"};
  std::mt19937_64 rng(11);
  for (int t = 0; t < 20000; ++t) {
    std::string text;
    const int n = static_cast<int>(rng() % 16);
    for (int i = 0; i < n; ++i) text += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
    std::vector<NormalisedRun> runs;
    const std::string norm = NormaliseForHash(text, &runs);
    ASSERT_EQ(norm, NormaliseForHash(text)) << text;
    std::vector<uint64_t> from_runs;
    WordHashesOfRuns(norm, runs, &from_runs);
    ASSERT_EQ(from_runs, WordHashesOfNormalised(norm)) << text;
  }
}

TEST(ShingleHashesTest, CountsAndShortTexts) {
  EXPECT_EQ(Shingles(Words(10)).size(), 6u);
  EXPECT_EQ(Shingles(Words(3)).size(), 1u);  // shorter than a shingle: one shingle of all
  EXPECT_TRUE(Shingles("").empty());
  // Order matters within a shingle.
  EXPECT_NE(Shingles("a b c d e"), Shingles("e d c b a"));
}

TEST(MinHashTest, EqualSetsGiveEqualSignatures) {
  const auto a = MinHashSignature(Shingles(Words(200)), 32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a, MinHashSignature(Shingles(Words(200)), 32));
  EXPECT_TRUE(MinHashSignature({}, 32).empty());
  // Densification: a text with fewer shingles than bins still fills every bin.
  EXPECT_EQ(MinHashSignature(Shingles(Words(7)), 32).size(), 32u);
}

TEST(MinHashTest, AgreementTracksJaccard) {
  // Sets with a known Jaccard similarity: A = words [0, 400), B = words [100, 500): the
  // shingle sets share 296 of 496 -> J ~ 0.6. Averaged over many signature slots, agreement
  // should be close to J.
  const auto sa = Shingles(Words(400));
  const auto sb = Shingles(Words(400, 100));
  const auto a = MinHashSignature(sa, 1024);
  const auto b = MinHashSignature(sb, 1024);
  int agree = 0;
  for (size_t i = 0; i < a.size(); ++i) agree += a[i] == b[i];
  const double j = EstimateJaccard(MakeSketch(sa, 10000), MakeSketch(sb, 10000));
  EXPECT_NEAR(j, 296.0 / 496.0, 0.001);
  EXPECT_NEAR(agree / 1024.0, j, 0.07);
  // Unrelated texts agree almost nowhere.
  const auto c = MinHashSignature(Shingles(Words(400, 5000)), 1024);
  int agree_c = 0;
  for (size_t i = 0; i < a.size(); ++i) agree_c += a[i] == c[i];
  EXPECT_LT(agree_c, 5);
}

TEST(BandKeysTest, SharedBandsOnlyForSimilarTexts) {
  const auto a = MinHashSignature(Shingles(Words(300)), 16);
  const auto near = MinHashSignature(Shingles(Words(300, 10)), 16);  // J ~ 0.94
  const auto far = MinHashSignature(Shingles(Words(300, 900)), 16);
  const auto ka = BandKeys(a, 8, 2);
  ASSERT_EQ(ka.size(), 8u);
  auto shared = [&](const std::vector<uint64_t>& kb) {
    int n = 0;
    for (size_t i = 0; i < ka.size(); ++i) n += ka[i] == kb[i];
    return n;
  };
  EXPECT_GE(shared(BandKeys(near, 8, 2)), 4);
  EXPECT_EQ(shared(BandKeys(far, 8, 2)), 0);
  // Band number is part of the key: equal values in different bands do not collide.
  const std::vector<uint32_t> same(4, 7u);
  const auto k = BandKeys(same, 2, 2);
  EXPECT_NE(k[0], k[1]);
  EXPECT_EQ(BandKeys(same, 4, 2).size(), 2u);  // not enough values for more bands
}

TEST(SketchTest, ExactForSmallSetsAndEstimatesForLargeOnes) {
  const auto small = MakeSketch(Shingles(Words(50)), 256);
  EXPECT_TRUE(small.complete);
  EXPECT_EQ(small.values.size(), 46u);
  EXPECT_TRUE(std::is_sorted(small.values.begin(), small.values.end()));
  EXPECT_DOUBLE_EQ(EstimateJaccard(small, small), 1.0);
  const auto big_a = MakeSketch(Shingles(Words(3000)), 256);
  const auto big_b = MakeSketch(Shingles(Words(3000, 1500)), 256);  // J = 1496/4496 ~ 0.33
  EXPECT_FALSE(big_a.complete);
  EXPECT_EQ(big_a.values.size(), 256u);
  EXPECT_NEAR(EstimateJaccard(big_a, big_b), 1496.0 / 4496.0, 0.08);
  EXPECT_EQ(EstimateJaccard(small, MakeSketch({}, 256)), 0.0);
}

TEST(ContainmentTest, FractionOfPartInWhole) {
  EXPECT_DOUBLE_EQ(Containment({1, 2, 3, 4}, {2, 3, 4, 9}), 0.75);
  EXPECT_DOUBLE_EQ(Containment({}, {1}), 0.0);
  EXPECT_DOUBLE_EQ(Containment({5}, {}), 0.0);
}

TEST(SortUniqueTest, MatchesStdSortForSmallAndLargeInputs) {
  std::mt19937 rng(7);
  for (size_t n : {0, 1, 5, 127, 128, 300, 5000}) {
    std::vector<uint32_t> values(n);
    for (auto& v : values) v = static_cast<uint32_t>(rng());
    // Repeats and extreme values must survive the radix passes.
    for (size_t i = 0; i < n / 4; ++i) values[i] = values[n - 1 - i];
    if (n > 2) {
      values[0] = 0;
      values[1] = 0xFFFFFFFFu;
    }
    std::vector<uint32_t> expected = values;
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    SortUnique(&values);
    EXPECT_EQ(values, expected) << n;
  }
}

}  // namespace
}  // namespace newsflow::dedup
