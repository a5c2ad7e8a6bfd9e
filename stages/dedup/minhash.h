// Word shingles, MinHash signatures, LSH band keys and shingle-set sketches for the dedup stage.
//
// Text is tokenised into words (NormaliseForHash: lower-case, punctuation out; CJK ideographs
// and kana count as one word each, since those scripts do not separate words by spaces), words
// are hashed, and each run of `shingle_words` consecutive words is one shingle, hashed to 64
// bits. Everything here is a pure function of its input: the same text gives the same values on
// any machine and release (XXH3 underneath), so values can be stored and compared later.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pipeline/text_hash.h"

namespace newsflow::dedup {

// The 64-bit hashes of the words of `utf8`, in text order.
std::vector<uint64_t> WordHashes(std::string_view utf8);

// The same for text already passed through NormaliseForHash (callers that also hash it).
std::vector<uint64_t> WordHashesOfNormalised(std::string_view normalised);
// The same into `out` (replacing its contents; its capacity is reused).
void WordHashesOfNormalised(std::string_view normalised, std::vector<uint64_t>* out);
// The same from the runs NormaliseForHash listed (pipeline/text_hash.h): an ASCII run is one
// word, hashed without a second scan. Equal to WordHashesOfNormalised for valid UTF-8.
void WordHashesOfRuns(std::string_view normalised, const std::vector<NormalisedRun>& runs,
                      std::vector<uint64_t>* out);

// The hashes of every run of `shingle_words` consecutive words, in text order: n - k + 1
// values for n >= k words, one value (all the words) for 0 < n < k, none for no words.
std::vector<uint64_t> ShingleHashes(const std::vector<uint64_t>& word_hashes, int shingle_words);
void ShingleHashes(const std::vector<uint64_t>& word_hashes, int shingle_words,
                   std::vector<uint64_t>* out);

// A one-permutation MinHash signature (Li, Owen & Zhang 2012) of `size` values with rotation
// densification of empty bins (Shrivastava & Li 2014): one pass over the shingles instead of
// `size` hash functions per shingle, and P(sig_a[i] == sig_b[i]) ~= Jaccard(a, b). Equal sets
// give equal signatures. An empty input gives an empty signature.
std::vector<uint32_t> MinHashSignature(const std::vector<uint64_t>& shingles, int size);

// LSH banding: signature values [b*rows, (b+1)*rows) hashed together with the band number b,
// for b < bands. Two sets share at least one band key with probability 1 - (1 - J^rows)^bands.
// Requires signature.size() >= bands * rows (returns fewer keys otherwise).
std::vector<uint64_t> BandKeys(const std::vector<uint32_t>& signature, int bands, int rows);

// The value sketches and leads are made of: bits 8-31 of a shingle hash (the low byte zero).
// 24 bits keep chance equalities negligible (two 300-shingle articles share a value by chance
// with probability ~0.5%, moving their Jaccard by 1/600) and let a record store 3 bytes per
// value instead of 4.
inline uint32_t ShingleValue(uint64_t shingle_hash) {
  return static_cast<uint32_t>(shingle_hash) & 0xFFFFFF00u;
}

// A bottom-k sketch of a shingle set: its `k` smallest distinct values, ascending. When the
// set has at most k distinct values the sketch is the whole set (`complete`) and comparisons
// with it are exact.
struct ShingleSketch {
  std::vector<uint32_t> values;  // ascending, distinct
  bool complete = true;
};

ShingleSketch MakeSketch(const std::vector<uint64_t>& shingles, size_t k);
void MakeSketch(const std::vector<uint64_t>& shingles, size_t k, ShingleSketch* out);

// Jaccard similarity |A n B| / |A u B| estimated from two sketches (exact when both are
// complete): counts the union's values below the smaller cut-off of the incomplete sketches.
// 0 when either is empty.
double EstimateJaccard(const ShingleSketch& a, const ShingleSketch& b);

// |part n whole| / |part| estimated from two sketches (exact when both are complete): over the
// part's values below the cut-offs of the incomplete sketches. 0 when `part` is empty.
double EstimateContainment(const ShingleSketch& part, const ShingleSketch& whole);

// |part n whole| / |part| for two ascending distinct value lists; 0 when `part` is empty.
double Containment(const std::vector<uint32_t>& part, const std::vector<uint32_t>& whole);

// Sorts and de-duplicates `values` in place.
void SortUnique(std::vector<uint32_t>* values);

}  // namespace newsflow::dedup
