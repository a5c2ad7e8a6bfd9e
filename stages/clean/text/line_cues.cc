#include "stages/clean/text/line_cues.h"

#include <array>
#include <vector>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "stages/clean/text/line_text.h"

namespace newsflow {
namespace clean_text {

using text::IsAsciiDigit;
using text::IsAsciiLower;
using text::StartsWith;

namespace {

// The cue phrases, each tagged with its CueBits, bucketed by first byte so that one pass over
// a line tries only the phrases that can start at each word.
class CueSet {
 public:
  CueSet() {
    static const auto& kWidget = phrases::List("text.widget");
    static const auto& kCreditNames = phrases::List("text.credit_names");
    static const auto& kDateWords = phrases::List("text.date_words");
    for (std::string_view p : kWidget) Add(p, kCueWidget);
    // Legal boilerplate of site footers.
    static const auto& kRights = phrases::List("text.rights");
    for (std::string_view p : kRights) {
      Add(p, kCueRights);
    }
    for (std::string_view p : kCreditNames) Add(p, kCueCreditName);
    for (std::string_view p : kDateWords) Add(p, kCueDateWord);
  }

  uint32_t Match(std::string_view lower) const {
    uint32_t mask = 0;
    size_t i = 0;
    while (i < lower.size()) {
      const unsigned char c = static_cast<unsigned char>(lower[i]);
      for (const Entry& e : by_first_[c]) {
        if (lower.compare(i, e.phrase.size(), e.phrase) == 0) mask |= e.bit;
      }
      ++i;
      if (IsAsciiLower(static_cast<char>(c))) {
        while (i < lower.size() && IsAsciiLower(lower[i])) ++i;
      }
    }
    return mask;
  }

 private:
  struct Entry {
    std::string_view phrase;
    uint32_t bit;
  };
  void Add(std::string_view p, uint32_t bit) {
    by_first_[static_cast<unsigned char>(p[0])].push_back({p, bit});
  }
  std::array<std::vector<Entry>, 256> by_first_;
};

}  // namespace

// The cues of a line of at most 400 bytes (longer lines are paragraphs: no cues).
uint32_t LineCues(std::string_view lower) {
  static const CueSet kCues;
  return lower.size() > 400 ? 0 : kCues.Match(lower);
}

bool LooksLikeWidget(std::string_view s, uint32_t cues) {
  return s.size() <= 90 && (cues & kCueWidget) != 0;
}

// Site footers: "© 2019 Example Media", "Copyright 2019 ...", "... All rights reserved."
// `lower`: `s` lower-cased (at least its first 400 bytes).
bool IsFooter(std::string_view s, std::string_view lower, uint32_t cues) {
  if (s.size() > 400) return false;
  if (StartsWith(s, "\xC2\xA9")) return true;  // ©
  if (StartsWith(lower, "copyright") && s.size() <= 160 && HasYear(s.substr(0, 40))) return true;
  return (cues & kCueRights) != 0;
}

// Photo credits and captions: "Photo: AP", "(AP Photo/Jane Doe)", "Getty Images", "File photo".
// `lower`: `s` lower-cased (at least its first 160 bytes).
bool LooksLikeCredit(std::string_view s, std::string_view lower, uint32_t cues) {
  if (s.size() > 160) return false;
  lower = lower.substr(0, 160);
  static const auto& kStarts = phrases::List("text.credit_starts");
  if (lower.empty()) return false;
  for (std::string_view p : kStarts) {
    if (p[0] == lower[0] && StartsWith(lower, p)) return true;
  }
  // A caption ending in its credit: "A cargo ship leaves the port, on Aug. 31, 2019. (AP)".
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string_view::npos && open >= 2 && s.size() - open <= 24 &&
        (s[open - 1] == '.' || (s[open - 1] == ' ' && s[open - 2] == '.')) &&
        IsAllCaps(s.substr(open + 1, s.size() - open - 2))) {
      return true;
    }
  }
  if ((cues & kCueCreditName) == 0) return false;
  static const auto& kAnywhere = phrases::List("text.credit_anywhere");
  for (std::string_view p : kAnywhere) {
    if (lower.find(p) != std::string_view::npos) return true;
  }
  // "In this Dec. 12, 2006, file photo, ..." and captions ending "Credit: ESA".
  if (lower.substr(0, 60).find("file photo") != std::string_view::npos) return true;
  if (lower.substr(lower.size() > 40 ? lower.size() - 40 : 0).find("credit:") !=
      std::string_view::npos) {
    return true;
  }
  // "Image 1 of 8", "Photo 3 of 12": gallery counters.
  if (s.size() < 24 && s.find(" of ") != std::string_view::npos) {
    static const auto& kGallery = phrases::List("text.gallery_counters");
    for (std::string_view g : kGallery) {
      if (StartsWith(lower, g) && s.size() > g.size() && IsAsciiDigit(s[g.size()])) return true;
    }
  }
  if (s.size() <= 80 && !EndsSentence(s)) {
    static const auto& kParts = phrases::List("text.credit_parts");
    for (std::string_view p : kParts) {
      if (lower.find(p) != std::string_view::npos) return true;
    }
  }
  return false;
}

}  // namespace clean_text
}  // namespace newsflow
