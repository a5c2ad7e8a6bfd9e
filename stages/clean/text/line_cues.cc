#include "stages/clean/text/line_cues.h"

#include <array>
#include <vector>

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
    static constexpr std::string_view kWidget[] = {
        "advertisement",    "sponsored",        "read more",
        "continue reading", "subscribe",        "sign in",
        "sign up",          "log in",           "newsletter",
        "download the app", "download our app", "follow us",
        "click here",       "cookie",           "all rights reserved",
        "comments",         "share this",       "related articles",
        "related stories",  "recommended",      "most read",
        "most popular",     "app store",        "google play",
        "try our",          "skip to",          "back to top",
        "terms of use",     "privacy policy",   "get started",
        "trending",         "read next",        "watch:",
        "listen to this",   "leave a comment",  "leave a reply",
        "back to gallery",  "notify me",        "your email"};
    static constexpr std::string_view kCreditNames[] = {"photo",   "image", "credit",      "getty",
                                                        "reuters", "afp",   "shutterstock"};
    static constexpr std::string_view kDateWords[] = {"ago", "yesterday", "today", "just now"};
    for (std::string_view p : kWidget) Add(p, kCueWidget);
    // Legal boilerplate of site footers.
    for (std::string_view p :
         {"all rights reserved", "constitutes acceptance of", "may not be reproduced",
          "registered trademarks of", "this material may not be published"}) {
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
  static constexpr std::string_view kStarts[] = {
      "photo:",        "photo by",        "photograph:",   "image:",        "picture:",
      "credit:",       "source:",         "photos:",       "video:",        "caption:",
      "illustration:", "image copyright", "image caption", "media caption", "image source"};
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
  static constexpr std::string_view kAnywhere[] = {
      "(ap photo", "ap photo/", "(photo:",   "(photo by", "getty images)",
      "(reuters)", "(image:",   "(picture:", "(credit:"};
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
    for (std::string_view g :
         {std::string_view("image "), std::string_view("photo "), std::string_view("slide ")}) {
      if (StartsWith(lower, g) && s.size() > g.size() && IsAsciiDigit(s[g.size()])) return true;
    }
  }
  if (s.size() <= 80 && !EndsSentence(s)) {
    static constexpr std::string_view kParts[] = {"getty images", "file photo", "ap photo",
                                                  "/reuters",     "/afp",       "photo credit",
                                                  "shutterstock", "(photo",     "photo courtesy"};
    for (std::string_view p : kParts) {
      if (lower.find(p) != std::string_view::npos) return true;
    }
  }
  return false;
}

}  // namespace clean_text
}  // namespace newsflow
