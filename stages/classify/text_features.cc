#include "stages/classify/text_features.h"

#include "pipeline/text_hash.h"

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
// dashes, curly quotes, ellipsis) and the CJK symbols block (U+3000..U+303F: ideographic
// space and full stop).
bool IsSeparatorSequence(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  unsigned char d = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
  if (c == 0xC2) return true;
  if (c == 0xE2 && (d == 0x80 || d == 0x81)) return true;
  if (c == 0xE3 && d == 0x80) return true;
  if (c == 0xEF && (d == 0xBC || d == 0xBD)) {
    // Fullwidth forms: keep letters and digits, split on the punctuation among them.
    unsigned char e = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
    if (d == 0xBC) return !(e >= 0x90 && e <= 0x99) && !(e >= 0xA1 && e <= 0xBA);
    return !(e >= 0x81 && e <= 0x9A);
  }
  return false;
}

}  // namespace

void Words::Tokenize(std::string_view text) {
  lower_.clear();
  lower_.reserve(text.size() + 1);
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  spans.reserve(text.size() / 5 + 1);
  size_t start = std::string::npos;
  auto close = [&]() {
    if (start != std::string::npos && lower_.size() - start >= 2) {
      spans.emplace_back(static_cast<uint32_t>(start),
                         static_cast<uint32_t>(lower_.size() - start));
    }
    if (start != std::string::npos) lower_.push_back(' ');
    start = std::string::npos;
  };
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (alnum) {
        if (start == std::string::npos) start = lower_.size();
        lower_.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
      } else {
        close();
      }
      ++i;
      continue;
    }
    size_t n = SequenceLength(c);
    if (i + n > text.size()) n = text.size() - i;
    if (IsSeparatorSequence(text, i)) {
      close();
    } else {
      if (start == std::string::npos) start = lower_.size();
      lower_.append(text.data() + i, n);
    }
    i += n;
  }
  close();
  views_.clear();
  views_.reserve(spans.size());
  for (const auto& [offset, length] : spans) views_.emplace_back(lower_.data() + offset, length);
}

uint64_t WordHash(std::string_view word) { return Hash64(word); }

uint64_t CombineWordHash(uint64_t left, uint64_t right) {
  // Order matters ("new york" != "york new"); multiply-rotate keeps it cheap and well mixed.
  uint64_t x = left * 0x9E3779B97F4A7C15ULL;
  x = (x << 29) | (x >> 35);
  return x ^ (right + 0x632BE59BD9B4E019ULL);
}

uint64_t PhraseHash(std::string_view phrase, size_t* word_count) {
  Words words;
  words.Tokenize(phrase);
  uint64_t h = 0;
  for (size_t i = 0; i < words.words().size(); ++i) {
    uint64_t w = WordHash(words.words()[i]);
    h = i == 0 ? w : CombineWordHash(h, w);
  }
  if (word_count != nullptr) *word_count = words.words().size();
  return h;
}

}  // namespace newsflow
