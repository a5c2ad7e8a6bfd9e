// Tokenising and term hashing shared by the taxonomy and the learned topic model, so that a
// term written in the taxonomy file or stored in a model file is matched the same way as the
// text of an article. Hashes are computed while tokenising and never stored in files (files
// hold the terms as text), so the hash function may change between releases.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

// Hash of one word (XXH3).
uint64_t WordHash(std::string_view word);
// Hash of a word prefix: FNV-1a, incremental, so the states after 1, 2, ... n bytes of a word
// are the hashes of its prefixes; this is how the taxonomy matches "elect*".
constexpr uint64_t kPrefixHashSeed = 0xcbf29ce484222325ULL;
inline uint64_t PrefixHashStep(uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }
uint64_t PrefixHash(std::string_view prefix);
// Hash of a phrase: the words' hashes combined left to right (order matters).
uint64_t CombineWordHash(uint64_t left, uint64_t right);
// Hash of a phrase given as text ("prime minister"), tokenised with Words. 0 if it has no
// word; `word_count` receives the number of words.
uint64_t PhraseHash(std::string_view phrase, size_t* word_count = nullptr);

// The words of a text: runs of ASCII letters/digits and non-ASCII letters (any code point
// outside the Latin-1 symbols, General Punctuation and CJK punctuation ranges), ASCII
// lower-cased, at least two bytes long (single letters such as the "s" of "minister's" carry
// no topic).
class Words {
 public:
  struct Word {
    uint64_t hash;
    uint32_t begin;  // in lower()
    uint32_t size;
  };
  void Tokenize(std::string_view text);
  const std::vector<Word>& words() const { return words_; }
  std::string_view text(const Word& w) const { return {lower_.data() + w.begin, w.size}; }
  const std::string& lower() const { return lower_; }

 private:
  std::string lower_;
  std::vector<Word> words_;
};

// An open-addressing hash index from 64-bit term hashes to term numbers: the hot lookup of
// both scorers. Slots hold a 32-bit fingerprint of the key and the value (8 bytes, so a large
// vocabulary stays cache-friendly); a key that is not in the index matches another's
// fingerprint in the same probe run with probability ~2^-32 per probe.
class TermIndex {
 public:
  static constexpr uint32_t kMissing = 0xFFFFFFFFu;
  explicit TermIndex(size_t expected = 0);
  // Adds key -> value; returns false (and changes nothing) when the key is present.
  bool Insert(uint64_t key, uint32_t value);
  // Adds or replaces key -> value.
  void Set(uint64_t key, uint32_t value);
  uint32_t Find(uint64_t key) const {
    // Most probes are for words the index does not hold: a bit filter small enough for the
    // cache answers those without touching the table.
    const uint64_t bit = (key * 0xC2B2AE3D27D4EB4FULL) >> filter_shift_;
    if (((filter_[bit >> 6] >> (bit & 63)) & 1) == 0) return kMissing;
    const uint32_t print = Fingerprint(key);
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      const Entry& e = entries_[i];
      if (e.print == print) return e.value;
      if (e.print == 0) return kMissing;
    }
  }
  size_t size() const { return size_; }

 private:
  struct Entry {
    uint32_t print = 0;  // 0 = empty
    uint32_t value = 0;
  };
  static uint32_t Fingerprint(uint64_t key) { return static_cast<uint32_t>(key) | 1u; }
  size_t Slot(uint64_t key) const { return (key * 0x9E3779B97F4A7C15ULL) >> shift_; }
  void SetFilterBit(uint64_t key);
  std::vector<Entry> entries_;
  std::vector<uint64_t> filter_;  // 4 bits per slot of entries_
  std::vector<uint64_t> keys_;    // full keys, to rebuild when growing
  int filter_shift_ = 64;
  int shift_ = 64;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace newsflow
