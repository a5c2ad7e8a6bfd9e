#include "stages/classify/text_features.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace newsflow {
namespace {

// Length of the UTF-8 sequence starting with `c` (1 for stray continuation bytes).
size_t SequenceLength(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// Whether the non-ASCII sequence at s[i] separates words: Latin-1 symbols and punctuation
// (U+0080..U+00BF: NBSP, pound sign, guillemets), General Punctuation (U+2000..U+206F:
// dashes, curly quotes, ellipsis), CJK symbols (U+3000..U+303F: ideographic space and full
// stop) and the punctuation among the fullwidth forms.
bool IsSeparatorSequence(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  unsigned char d = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
  if (c == 0xC2) return true;
  if (c == 0xE2 && (d == 0x80 || d == 0x81)) return true;
  if (c == 0xE3 && d == 0x80) return true;
  if (c == 0xEF && (d == 0xBC || d == 0xBD)) {
    unsigned char e = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
    if (d == 0xBC) return !(e >= 0x90 && e <= 0x99) && !(e >= 0xA1 && e <= 0xBA);
    return !(e >= 0x81 && e <= 0x9A);
  }
  return false;
}

// ASCII letters and digits -> their lower-case form; everything else -> 0 (a separator).
struct AsciiLowerTable {
  unsigned char map[128] = {};
  constexpr AsciiLowerTable() {
    for (int c = '0'; c <= '9'; ++c) map[c] = static_cast<unsigned char>(c);
    for (int c = 'a'; c <= 'z'; ++c) map[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) map[c] = static_cast<unsigned char>(c + 32);
  }
  constexpr unsigned char operator[](unsigned char c) const { return map[c]; }
};
constexpr AsciiLowerTable kAsciiLower;

}  // namespace

void Words::Tokenize(std::string_view text) {
  // Every input byte yields at most one output byte, plus one space after each word.
  lower_.resize(text.size() + 1);
  char* const out_begin = lower_.data();
  char* out = out_begin;
  words_.clear();
  words_.reserve(text.size() / 5 + 1);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Skip to the start of a word.
    unsigned char c = p[i];
    if (c < 0x80) {
      if (kAsciiLower[c] == 0) {
        ++i;
        continue;
      }
    } else if (IsSeparatorSequence(text, i)) {
      i += SequenceLength(c);
      continue;
    }
    char* const word = out;
    while (i < n) {
      c = p[i];
      if (c < 0x80) {
        const unsigned char l = kAsciiLower[c];
        if (l == 0) break;
        *out++ = static_cast<char>(l);
        ++i;
        continue;
      }
      if (IsSeparatorSequence(text, i)) break;
      size_t len = SequenceLength(c);
      if (i + len > n) len = n - i;
      for (size_t k = 0; k < len; ++k) {
        *out++ = static_cast<char>(p[i + k]);
      }
      i += len;
    }
    const size_t size = static_cast<size_t>(out - word);
    if (size >= 2) {
      words_.push_back({XXH3_64bits(word, size), static_cast<uint32_t>(word - out_begin),
                        static_cast<uint32_t>(size)});
      *out++ = ' ';
    } else {
      out = word;  // too short to be a word: drop it
    }
  }
  lower_.resize(static_cast<size_t>(out - out_begin));
}

uint64_t WordHash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }

uint64_t PrefixHash(std::string_view prefix) {
  uint64_t h = kPrefixHashSeed;
  for (char c : prefix) h = PrefixHashStep(h, static_cast<unsigned char>(c));
  return h;
}

uint64_t CombineWordHash(uint64_t left, uint64_t right) {
  uint64_t x = left * 0x9E3779B97F4A7C15ULL;
  x = (x << 29) | (x >> 35);
  return x ^ (right + 0x632BE59BD9B4E019ULL);
}

uint64_t PhraseHash(std::string_view phrase, size_t* word_count) {
  Words words;
  words.Tokenize(phrase);
  uint64_t h = 0;
  for (size_t i = 0; i < words.words().size(); ++i) {
    const uint64_t w = words.words()[i].hash;
    h = i == 0 ? w : CombineWordHash(h, w);
  }
  if (word_count != nullptr) *word_count = words.words().size();
  return h;
}

TermIndex::TermIndex(size_t expected) {
  // Load factor <= 2/3: with 8 slots per cache line, misses end within a line or two.
  size_t cap = 16;
  while (cap * 2 < expected * 3) cap *= 2;
  entries_.assign(cap, Entry{});
  mask_ = cap - 1;
  shift_ = 64;
  for (size_t c = cap; c > 1; c >>= 1) --shift_;
  // 4 filter bits per slot: >= 6 bits per key, ~15% false positives.
  filter_.assign(cap * 4 / 64 + 1, 0);
  filter_shift_ = shift_ - 2;
}

void TermIndex::SetFilterBit(uint64_t key) {
  const uint64_t bit = (key * 0xC2B2AE3D27D4EB4FULL) >> filter_shift_;
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
}

bool TermIndex::Insert(uint64_t key, uint32_t value) {
  if ((size_ + 1) * 3 > entries_.size() * 2) {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<uint32_t> values;
    for (uint64_t k : keys) values.push_back(Find(k));
    *this = TermIndex(entries_.size() * 2 / 3 * 2 + 2);
    for (size_t i = 0; i < keys.size(); ++i) Insert(keys[i], values[i]);
  }
  const uint32_t print = Fingerprint(key);
  for (size_t i = Slot(key);; i = (i + 1) & mask_) {
    Entry& e = entries_[i];
    if (e.print == print) return false;
    if (e.print == 0) {
      e.print = print;
      e.value = value;
      ++size_;
      keys_.push_back(key);
      SetFilterBit(key);
      return true;
    }
  }
}

void TermIndex::Set(uint64_t key, uint32_t value) {
  if (Insert(key, value)) return;
  const uint32_t print = Fingerprint(key);
  for (size_t i = Slot(key);; i = (i + 1) & mask_) {
    if (entries_[i].print == print) {
      entries_[i].value = value;
      return;
    }
  }
}

}  // namespace newsflow
