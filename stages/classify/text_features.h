// Tokenising and term hashing shared by the taxonomy and the learned topic model, so that a
// term written in the taxonomy file or stored in a model file is matched the same way as the
// text of an article.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

// The words of a text: runs of ASCII letters/digits and non-ASCII letters (any code point
// outside the Latin-1 and General Punctuation symbol ranges), ASCII lower-cased, at least two
// bytes long (single letters such as the "s" of "minister's" carry no topic).
class Words {
 public:
  void Tokenize(std::string_view text);
  const std::vector<std::string_view>& words() const { return views_; }

 private:
  std::string lower_;
  std::vector<std::string_view> views_;
};

// Hash of one word; hash of a phrase is the words' hashes combined left to right.
uint64_t WordHash(std::string_view word);
uint64_t CombineWordHash(uint64_t left, uint64_t right);
// Hash of a phrase given as text ("prime minister"), tokenised with Words. 0 if it has no word.
uint64_t PhraseHash(std::string_view phrase, size_t* word_count = nullptr);

}  // namespace newsflow
