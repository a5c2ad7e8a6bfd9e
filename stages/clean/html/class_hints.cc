#include "stages/clean/html/class_hints.h"

#include <cstring>
#include <utility>
#include <vector>

#include "common/phrases/phrase_book.h"

namespace newsflow::html {
namespace {

constexpr size_t kMaxHintCache = 1 << 16;

// All hint words indexed by first byte: one scan of an attribute finds every word in it.
class HintMatcher {
 public:
  HintMatcher() {
    for (const std::string& w : phrases::List("html.positive_hints")) Add(w, kHintPositive);
    for (const std::string& w : phrases::List("html.strong_negative")) Add(w, kHintStrong);
    for (const std::string& w : phrases::List("html.weak_negative")) Add(w, kHintWeak);
    for (const std::string& w : phrases::List("html.popup_hints")) Add(w, kHintPopup);
  }
  uint8_t Match(std::string_view s) const {
    uint8_t found = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      for (const auto& [word, cls] : by_first_[static_cast<unsigned char>(s[i])]) {
        if ((found & cls) == 0 && word.size() <= s.size() - i && s[i + 1] == word[1] &&
            std::memcmp(s.data() + i, word.data(), word.size()) == 0) {
          found |= cls;
        }
      }
    }
    return found;
  }

 private:
  // `w` lives in the phrase book, which is never freed.
  void Add(const std::string& w, uint8_t cls) {
    by_first_[static_cast<unsigned char>(w[0])].emplace_back(std::string_view(w), cls);
  }
  std::vector<std::pair<std::string_view, uint8_t>> by_first_[256];
};

const HintMatcher& Hints() {
  static const HintMatcher* matcher = new HintMatcher();
  return *matcher;
}

// True when one of the [-_ ]-separated tokens of `s` is an ad token.
bool HasAdToken(const std::string& s) {
  static const auto& kAdTokens = phrases::List("html.ad_tokens");
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find_first_of(" -_", start);
    if (end == std::string::npos) end = s.size();
    std::string_view token(s.data() + start, end - start);
    for (const std::string& ad : kAdTokens) {
      if (token == ad) return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

uint8_t MatchHints(const std::string& h, HintCache* cache) {
  uint32_t key = HashBytes(h);
  auto it = cache->find(key);
  if (it != cache->end()) return it->second;
  uint8_t cls = Hints().Match(h);
  if (HasAdToken(h)) cls |= kHintStrong;
  if (cache->size() >= kMaxHintCache) cache->clear();
  cache->emplace(key, cls);
  return cls;
}

}  // namespace newsflow::html
