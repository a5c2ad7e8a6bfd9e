#include "stages/clean/text_page_splitter.h"

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stages/clean/date_text.h"

namespace newsflow {
namespace {

enum class LineKind {
  kBlank,
  kText,        // paragraph text
  kShort,       // a short line: title, source, menu item, widget
  kTitle,       // a short line printed more than once nearby: a headline
  kDate,        // a line that is only a date ("time2 hours ago", "09-04-2025")
  kSourceDate,  // a publisher and a date on one line ("The Mainichia day ago")
  kBullet,      // "• Business", "- Politics"
};

struct Line {
  std::string_view text;  // trimmed
  LineKind kind = LineKind::kBlank;
  size_t words = 0;
  std::optional<PrintedDate> date;  // kDate, kSourceDate: span within `text`
  std::string_view label;           // kSourceDate: the publisher; kBullet: the item
  bool widget = false;              // LooksLikeWidget(text)
  bool credit = false;              // LooksLikeCredit(text)
  bool footer = false;              // IsFooter(text)
};

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view Trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && IsAsciiSpace(s.front())) {
      s.remove_prefix(1);
    } else if (StartsWith(s, "\xC2\xA0")) {  // no-break space
      s.remove_prefix(2);
    } else if (StartsWith(s, "\xE2\x80\x8B")) {  // zero-width space
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && IsAsciiSpace(s.back())) {
      s.remove_suffix(1);
    } else if (EndsWith(s, "\xC2\xA0")) {
      s.remove_suffix(2);
    } else if (EndsWith(s, "\xE2\x80\x8B")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

// Words separated by spaces; CJK text, written without spaces, counts one word per two
// ideographs or kana.
size_t CountWords(std::string_view s) {
  size_t n = 0;
  size_t cjk = 0;
  bool in_word = false;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    const bool space = u == ' ' || u == '\t';
    n += !space && !in_word;
    in_word = !space;
    // U+3040..U+9FFF and U+AC00..U+D7AF: three-byte sequences led by E3..E9, EA..ED.
    cjk += static_cast<unsigned>(u - 0xE3) <= 0x0A;
  }
  return n + cjk / 2;
}

std::string Lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool ContainsCi(std::string_view hay, std::string_view needle_lower) {
  if (needle_lower.size() > hay.size()) return false;
  for (size_t i = 0; i + needle_lower.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle_lower.size()) {
      char c = hay[i + k];
      if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
      if (c != needle_lower[k]) break;
      ++k;
    }
    if (k == needle_lower.size()) return true;
  }
  return false;
}

// Lower-cases up to `cap` bytes of `s` into `buf` (ASCII letters only).
std::string_view LowerInto(std::string_view s, char* buf, size_t cap) {
  size_t n = std::min(s.size(), cap);
  for (size_t i = 0; i < n; ++i) {
    char c = s[i];
    buf[i] = IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string_view(buf, n);
}

bool EqualsCi(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ContainsCi(a, Lowered(b));
}

bool EndsWithEllipsis(std::string_view s) {
  return EndsWith(s, "...") || EndsWith(s, "\xE2\x80\xA6");
}

// Strips closing quotes and brackets from the end of `s`.
std::string_view StripClosers(std::string_view s) {
  while (!s.empty()) {
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
      s.remove_suffix(1);
    } else if (static_cast<unsigned char>(c) >= 0x80 &&
               (EndsWith(s, "\xE2\x80\x9D") || EndsWith(s, "\xE2\x80\x99"))) {  // ” ’
      s.remove_suffix(3);
    } else if (static_cast<unsigned char>(c) >= 0x80 && EndsWith(s, "\xC2\xBB")) {  // »
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

// The line ends a sentence: ".", "!", "?", possibly followed by closing quotes or brackets.
// An ellipsis does not end a sentence (it marks a cut).
bool EndsSentence(std::string_view s) {
  if (EndsWithEllipsis(s)) return false;
  std::string_view t = StripClosers(s);
  if (t.empty()) return false;
  if (EndsWithEllipsis(t)) return false;
  char c = t.back();
  return c == '.' || c == '!' || c == '?' || EndsWith(t, "\xE3\x80\x82");  // 。
}

// All letters upper-case and at least two letters: "DOWNLOAD THE APP", "PREPAREDNESS".
bool IsAllCaps(std::string_view s) {
  size_t upper = 0;
  for (char c : s) {
    if (IsLowerAscii(c)) return false;
    if (IsUpper(c)) ++upper;
  }
  return upper >= 2;
}

// Four digits in a row: a printed year.
bool HasYear(std::string_view s) {
  size_t run = 0;
  for (char c : s) {
    run = IsDigitChar(c) ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

// A publisher name without the separators printed between it and a date ("Gazette ·").
std::string_view StripLabelSeparators(std::string_view s) {
  for (;;) {
    s = Trim(s);
    if (!s.empty() && (s.back() == '-' || s.back() == '|' || s.back() == ',' || s.back() == ':')) {
      s.remove_suffix(1);
    } else if (EndsWith(s, "\xC2\xB7")) {  // ·
      s.remove_suffix(2);
    } else if (EndsWith(s, "\xE2\x80\xA2") || EndsWith(s, "\xE2\x80\x94") ||
               EndsWith(s, "\xE2\x80\x93")) {  // • — –
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

// The "time" label innerText prints for a <time> element, left at the end of a publisher
// glued to its date: "Harbour Gazettetime2 hours ago" -> "Harbour Gazette".
std::string_view StripGluedTimeLabel(std::string_view s) {
  if (s.size() > 4 && EndsWith(s, "time")) {
    const char before = s[s.size() - 5];
    if (IsLowerAscii(before) || before == ' ') return Trim(s.substr(0, s.size() - 4));
  }
  return s;
}

// Bullet markers that pages print before tags and list items.
size_t BulletPrefix(std::string_view s) {
  if (s.size() < 2) return 0;
  unsigned char first = static_cast<unsigned char>(s[0]);
  if (first != '-' && first != '*' && first != 0xE2 && first != 0xC2) return 0;
  static constexpr std::string_view kMarkers[] = {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x93",
                                                  "\xE2\x96\xAA", "-",        "*"};
  for (std::string_view m : kMarkers) {
    if (StartsWith(s, m) && s.size() > m.size() && s[m.size()] == ' ') return m.size() + 1;
  }
  return 0;
}

// Cue phrases, each tagged with what it suggests, matched at word starts of a lower-cased line
// in one pass (phrases bucketed by first byte).
enum CueBits : uint32_t {
  kCueWidget = 1,      // widget and navigation phrases common to news sites in general
  kCueRights = 2,      // "all rights reserved" and other footer legalese
  kCueCreditName = 4,  // names a photo, an image, a credit or an agency
  kCueDateWord = 8,    // "ago", "yesterday": a relative date may be printed
};

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
      if (IsLowerAscii(static_cast<char>(c))) {
        while (i < lower.size() && IsLowerAscii(lower[i])) ++i;
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
      if (StartsWith(lower, g) && s.size() > g.size() && IsDigitChar(s[g.size()])) return true;
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

// Where `needle_lower` first occurs in `hay`, ignoring ASCII case; npos if nowhere.
size_t FindCi(std::string_view hay, std::string_view needle_lower) {
  for (size_t i = 0; i + needle_lower.size() <= hay.size(); ++i) {
    if (ContainsCi(hay.substr(i, needle_lower.size()), needle_lower)) return i;
  }
  return std::string_view::npos;
}

// A four-digit year or a range of them ("2025", "2019-2025", "2019–2025").
size_t YearPrefix(std::string_view s) {
  auto four = [](std::string_view t) {
    return t.size() >= 4 && std::all_of(t.begin(), t.begin() + 4, IsDigitChar) &&
           (t.size() == 4 || !IsDigitChar(t[4]));
  };
  if (!four(s)) return 0;
  size_t n = 4;
  for (std::string_view dash : {std::string_view("-"), std::string_view("\xE2\x80\x93")}) {
    if (s.substr(n, dash.size()) == dash && four(s.substr(n + dash.size()))) {
      return n + dash.size() + 4;
    }
  }
  return n;
}

// The owner a copyright footer names: "© 2025 The Harbour Times. All rights reserved.",
// "Copyright © Metro Wire 2019-2025", "(c) 2025 Example Media, Inc." -> the name, without
// years, legalese and company suffixes; empty when the line names no one.
std::string_view FooterOwner(std::string_view s) {
  std::string_view t = Trim(s);
  bool marked = false;
  for (;;) {
    t = Trim(t);
    if (StartsWith(t, "\xC2\xA9")) {
      t.remove_prefix(2);
    } else if (t.size() >= 9 && EqualsCi(t.substr(0, 9), "copyright")) {
      t.remove_prefix(9);
    } else if (StartsWith(t, "(c)") || StartsWith(t, "(C)")) {
      t.remove_prefix(3);
    } else if (size_t y = YearPrefix(t); y > 0 && marked) {
      t.remove_prefix(y);
    } else if (marked && !t.empty() && (t[0] == ',' || t[0] == '-' || t[0] == ':')) {
      t.remove_prefix(1);
    } else {
      break;
    }
    marked = true;
  }
  if (!marked) return {};
  size_t cut = std::min({t.find(". "), t.find(" | "), t.find(" - "), t.find(" \xE2\x80\x94"),
                         t.find(" \xE2\x80\x93"), FindCi(t, "all rights")});
  if (cut != std::string_view::npos) t = t.substr(0, cut);
  // A name is capitalised words (and a few connectors); what follows the first other word
  // or a bracket is prose ("The Republic unless otherwise noted", "Example (www.example.com)").
  for (size_t q = 0; q < t.size();) {
    size_t e = t.find(' ', q);
    if (e == std::string_view::npos) e = t.size();
    std::string_view w = t.substr(q, e - q);
    static constexpr std::string_view kConnectors[] = {"of", "and", "the", "for", "on",
                                                       "de", "du",  "la",  "von", "&"};
    const bool connector =
        std::find(std::begin(kConnectors), std::end(kConnectors), w) != std::end(kConnectors);
    if (q > 0 && !w.empty() && (w[0] == '(' || (IsLowerAscii(w[0]) && !connector))) {
      t = t.substr(0, q);
      break;
    }
    q = e + 1;
  }
  for (;;) {
    t = Trim(t);
    size_t sp = t.rfind(' ');
    std::string_view last = sp == std::string_view::npos ? t : t.substr(sp + 1);
    if (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ';' || t.back() == ':')) {
      t.remove_suffix(1);
    } else if (sp != std::string_view::npos && YearPrefix(last) == last.size()) {
      t = t.substr(0, sp);
    } else if (sp != std::string_view::npos &&
               (last == "Inc" || last == "Ltd" || last == "LLC" || last == "plc" ||
                last == "Limited" || last == "GmbH")) {
      t = t.substr(0, sp);
    } else {
      break;
    }
  }
  if (t.empty() || t.size() > 60 || !IsUpper(t[0]) || CountWords(t) > 6 ||
      t.find_first_of("0123456789@/") != std::string_view::npos) {
    return {};
  }
  return t;
}

// "By Jane Doe", "By Jane Doe and John Roe".
// The name is what precedes a separator: "By Amy Doe | Example Media", "By Amy Doe, Wire".
std::optional<std::string_view> Byline(std::string_view s) {
  if (s.size() < 5 || s.size() > 120) return std::nullopt;
  if (!(StartsWith(s, "By ") || StartsWith(s, "BY ") || StartsWith(s, "by "))) return std::nullopt;
  std::string_view name = Trim(s.substr(3));
  if (name.empty() || !IsUpper(name[0])) return std::nullopt;
  size_t cut = std::min({name.find(" |"), name.find(", "), name.find(" on "), name.find(" - ")});
  if (cut != std::string_view::npos) name = Trim(name.substr(0, cut));
  if (name.empty() || CountWords(name) > 8) return std::nullopt;
  return name;
}

// A line that is only a time of day: "2000 GMT", "20:00 BST", "8:30 pm ET", "(10.30am)".
// Pages print it under a yearless date; it is part of the date, never a headline.
bool IsTimeOfDay(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.front() == '(' && s.back() == ')') s = Trim(s.substr(1, s.size() - 2));
  size_t i = 0, digits = 0;
  while (i < s.size() && (IsDigitChar(s[i]) || ((s[i] == ':' || s[i] == '.') && digits > 0))) {
    digits += IsDigitChar(s[i]);
    ++i;
  }
  if (digits < 3 || digits > 4) return false;
  std::string_view rest = Trim(s.substr(i));
  if (StartsWith(rest, "am") || StartsWith(rest, "pm") || StartsWith(rest, "AM") ||
      StartsWith(rest, "PM")) {
    rest = Trim(rest.substr(2));
  }
  // An optional zone abbreviation ("GMT", "ET", "(JST)").
  if (!rest.empty() && rest.front() == '(' && rest.back() == ')') {
    rest = rest.substr(1, rest.size() - 2);
  }
  return rest.empty() ||
         (rest.size() <= 4 && IsAllCaps(rest) && std::all_of(rest.begin(), rest.end(), IsUpper));
}

struct Classifier {
  const TextSplitterOptions& options;
  int64_t fetched_at_ms;

  void Classify(Line* line) const {
    std::string_view t = line->text;
    if (t.empty()) {
      line->kind = LineKind::kBlank;
      return;
    }
    line->words = CountWords(t);
    char lower_buf[400];
    const std::string_view lower = LowerInto(t, lower_buf, sizeof lower_buf);
    const uint32_t cues = LineCues(lower);
    line->widget = LooksLikeWidget(t, cues);
    line->credit = LooksLikeCredit(t, lower, cues);
    line->footer = IsFooter(t, lower, cues);
    if (size_t b = BulletPrefix(t)) {
      std::string_view item = Trim(t.substr(b));
      if (!item.empty() && item.size() <= 60 && CountWords(item) <= 6) {
        line->kind = LineKind::kBullet;
        line->label = item;
        return;
      }
    }
    // Every date form has a digit or one of a few words; most lines have neither.
    bool has_digit = false, maybe_date = false;
    if (t.size() <= 80) {
      has_digit = t.find_first_of("0123456789") != std::string_view::npos;
      maybe_date = has_digit || (cues & kCueDateWord) != 0;
    }
    if (maybe_date) {
      if (auto d = ParsePrintedDate(t, fetched_at_ms)) {
        line->kind = LineKind::kDate;
        line->date = d;
        return;
      }
      if (auto d = FindTrailingRelativeDate(t, fetched_at_ms)) {
        std::string_view source = StripLabelSeparators(StripGluedTimeLabel(t.substr(0, d->begin)));
        if (!source.empty() && CountWords(source) <= 6 && !EndsSentence(source)) {
          line->kind = LineKind::kSourceDate;
          line->label = source;
          line->date = d;
          return;
        }
      }
      // A publisher glued to a spelled-out date: "Harbour GazetteMay 6, 2025",
      // "Harbour GazetteUpdated 6 May 2025" (innerText of adjacent inline elements).
      if (has_digit) {
        for (size_t at = 1; at + 4 < t.size(); ++at) {
          if (!IsUpper(t[at]) || !IsLowerAscii(t[at - 1])) continue;
          auto d = ParsePrintedDate(t.substr(at), fetched_at_ms);
          if (!d || d->kind != DateKind::kAbsolute) continue;
          std::string_view source = StripLabelSeparators(t.substr(0, at));
          if (source.empty() || !IsUpper(source[0]) || CountWords(source) > 6) break;
          d->begin += at;
          d->end += at;
          line->kind = LineKind::kSourceDate;
          line->label = source;
          line->date = d;
          return;
        }
      }
      // "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019".
      for (std::string_view label :
           {std::string_view("published"), std::string_view("updated"), std::string_view("posted"),
            std::string_view("last updated")}) {
        if (!StartsWith(lower, label)) continue;
        if (auto d = FindPrintedDate(t, fetched_at_ms, label.size())) {
          line->kind = LineKind::kDate;
          line->date = d;
          return;
        }
      }
      // "Associated Press November 19, 2019, 9:02 AM": a publisher, then a full date.
      if (auto d = has_digit ? FindPrintedDate(t, fetched_at_ms) : std::nullopt;
          d && d->end == t.size() && d->begin > 0) {
        std::string_view source = StripLabelSeparators(t.substr(0, d->begin));
        if (!source.empty() && CountWords(source) <= 5 && IsUpper(source[0]) &&
            !EndsSentence(source) && !Byline(source)) {
          line->kind = LineKind::kSourceDate;
          line->label = source;
          line->date = d;
          return;
        }
      }
      // "Publisher · 09-04-2025", "Publisher | May 31, 2025".
      static constexpr std::string_view kSeps[] = {
          " \xC2\xB7 ", " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\xA2 ", " \xE2\x80\x93 "};
      for (std::string_view sep : kSeps) {
        size_t at = t.find(sep);
        if (at == std::string_view::npos || at == 0) continue;
        std::string_view rest = t.substr(at + sep.size());
        if (auto d = ParsePrintedDate(rest, fetched_at_ms)) {
          std::string_view source = Trim(t.substr(0, at));
          if (CountWords(source) <= 6) {
            line->kind = LineKind::kSourceDate;
            line->label = source;
            d->begin += at + sep.size();
            d->end += at + sep.size();
            line->date = d;
            return;
          }
        }
        // Date first: "2 hours ago · The Diplomat", "May 31, 2025 | 4 min read".
        // (A yearless "June 9 – Tampa, FL" is a list item, not a date line.)
        auto d = ParsePrintedDate(t.substr(0, at), fetched_at_ms);
        if (d && (d->kind == DateKind::kRelative || HasYear(t.substr(0, at)))) {
          std::string_view rest_trimmed = Trim(rest);
          line->kind = LineKind::kDate;
          line->date = d;
          // What follows names the publisher unless it is a count ("4 min read").
          if (!rest_trimmed.empty() && CountWords(rest_trimmed) <= 5 && IsUpper(rest_trimmed[0]) &&
              rest_trimmed.find_first_of("0123456789") == std::string_view::npos) {
            line->kind = LineKind::kSourceDate;
            line->label = rest_trimmed;
          }
          return;
        }
      }
    }
    bool sentence = EndsSentence(t) || EndsWithEllipsis(t);
    if ((line->words >= options.min_text_line_words && sentence) ||
        (t.size() >= options.min_text_line_chars && line->words >= 12)) {
      line->kind = LineKind::kText;
    } else {
      line->kind = LineKind::kShort;
    }
  }
};

// Marks headlines printed twice in a row ("Title\n\nTitle"), and further copies of such a
// headline a few lines on (feeds print it again under the source and tags).
void MarkRepeatedTitles(std::vector<Line>* lines) {
  constexpr int kLookahead = 8;
  auto candidate = [](const Line& l) {
    return (l.kind == LineKind::kShort || l.kind == LineKind::kText ||
            l.kind == LineKind::kTitle) &&
           l.words >= 2 && l.text.size() <= 250 && !l.credit && !l.widget;
  };
  for (size_t i = 0; i < lines->size(); ++i) {
    Line& a = (*lines)[i];
    if (!candidate(a)) continue;
    size_t j = i + 1;
    while (j < lines->size() && (*lines)[j].kind == LineKind::kBlank) ++j;
    if (j >= lines->size() || (*lines)[j].text != a.text) continue;
    a.kind = LineKind::kTitle;
    (*lines)[j].kind = LineKind::kTitle;
    int seen = 0;
    for (size_t k = j + 1; k < lines->size() && seen < kLookahead; ++k) {
      Line& c = (*lines)[k];
      if (c.kind == LineKind::kBlank) continue;
      ++seen;
      if (c.text == a.text) c.kind = LineKind::kTitle;
      if (c.kind == LineKind::kText) break;
    }
  }
}

// Whether a line found where a publisher is printed (glued to the date, just above it) can
// name one: not a label ("About this statement:", "Wordcount: 717"), a handle ("@jdoe"), a
// byline or a staff role ("By admin", "Contributing Writer"), a weekday split off its date
// ("WED,"), or a navigation word ("Search", "Top Stories").
bool PlausiblePublisher(std::string_view s) {
  s = Trim(s);
  if (s.empty() || s.size() > 60 || s[0] == '@' || s.back() == ',' ||
      s.find(':') != std::string_view::npos) {
    return false;
  }
  const std::string lower = Lowered(s);
  if (StartsWith(lower, "by ")) return false;
  static constexpr std::string_view kNavigation[] = {
      "search", "menu",    "home",         "about",         "community", "subscribe",
      "more",   "sign in", "log in",       "top stories",   "latest",    "trending",
      "share",  "follow",  "most popular", "today's paper", "news",      "comments"};
  for (std::string_view n : kNavigation) {
    if (lower == n) return false;
  }
  static constexpr std::string_view kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const std::string_view first = std::string_view(lower).substr(0, lower.find_first_of(" ,."));
  if (first.size() >= 3) {
    for (std::string_view w : kWeekdays) {
      if (StartsWith(first, w) && (first.size() == 3 || EndsWith(first, "day") || first == "tues" ||
                                   first == "thur" || first == "thurs")) {
        return false;
      }
    }
  }
  const size_t sp = lower.rfind(' ');
  const std::string_view last =
      sp == std::string::npos ? std::string_view() : std::string_view(lower).substr(sp + 1);
  for (std::string_view role :
       {"writer", "editor", "correspondent", "reporter", "columnist", "contributor"}) {
    if (last == role) return false;
  }
  return true;
}

struct Header {
  size_t run_begin = 0;  // the run of non-text lines holding the header
  size_t run_end = 0;
  std::string_view title;
  bool title_after_date = false;  // the title is the last short line after the date (a guess)
  size_t date_line = 0;           // index of the date line in the page (when `date` is set)
  std::string_view source;
  std::optional<PrintedDate> date;
  std::string_view date_text;
  std::vector<std::string_view> tags;
  std::vector<std::string_view> authors;
  std::string signature;  // the shape of the header, to tell feeds of peers from an article
  // A reader comment ("jdoe says:" / date / text): shaped like a header, it ends the article
  // above it and delimits its own text, but that text is no article.
  bool comment = false;
};

Header ParseHeader(const std::vector<Line>& lines, size_t begin, size_t end) {
  Header h;
  h.run_begin = begin;
  h.run_end = end;
  std::vector<size_t> nb;  // non-blank line indexes
  for (size_t i = begin; i < end; ++i) {
    if (lines[i].kind != LineKind::kBlank) nb.push_back(i);
  }
  std::optional<size_t> first_title, date_pos;
  for (size_t k = 0; k < nb.size(); ++k) {
    const Line& l = lines[nb[k]];
    if (l.kind == LineKind::kTitle && !first_title) first_title = k;
    if ((l.kind == LineKind::kDate || l.kind == LineKind::kSourceDate) && !date_pos) date_pos = k;
  }
  // Where the header starts: its first headline, or the source line before the date.
  size_t start = nb.size();
  if (first_title) start = *first_title;
  std::optional<size_t> source_pos;
  if (date_pos) {
    start = std::min(start, *date_pos);
    // A publisher printed on the date's own line needs no separate source line.
    if (*date_pos > 0 && lines[nb[*date_pos]].kind == LineKind::kDate) {
      const Line& before = lines[nb[*date_pos - 1]];
      if (before.kind == LineKind::kShort && before.words <= 6 && !Byline(before.text) &&
          !EndsSentence(before.text)) {
        source_pos = *date_pos - 1;
        start = std::min(start, *source_pos);
      }
    }
  }
  // Title: the repeated headline; else the last short line after the date (feeds that print
  // source and date first); else a longer short line just before the source or date.
  auto headline_like = [&](const Line& l, size_t min_words) {
    return l.kind == LineKind::kShort && l.words >= min_words && !Byline(l.text) && !l.widget &&
           !l.credit && !IsTimeOfDay(l.text);
  };
  for (size_t k = start; k < nb.size(); ++k) {
    if (lines[nb[k]].kind == LineKind::kTitle) h.title = lines[nb[k]].text;
  }
  if (h.title.empty() && date_pos && !nb.empty()) {
    const Line& last = lines[nb.back()];
    if (nb.size() - 1 > *date_pos && headline_like(last, 2)) {
      h.title = last.text;
      h.title_after_date = true;
    }
  }
  if (h.title.empty() && date_pos) {
    size_t above = source_pos ? *source_pos : *date_pos;
    for (size_t back = 1; back <= 2 && above >= back; ++back) {
      const Line& l = lines[nb[above - back]];
      if (Byline(l.text)) continue;
      if (headline_like(l, 3)) {
        h.title = l.text;
        start = std::min(start, above - back);
      }
      break;
    }
  }
  if (date_pos) {
    const Line& d = lines[nb[*date_pos]];
    h.date = d.date;
    h.date_line = nb[*date_pos];
    h.date_text = d.text.substr(d.date->begin, d.date->end - d.date->begin);
    if (d.kind == LineKind::kSourceDate && PlausiblePublisher(d.label)) h.source = d.label;
  }
  if (h.source.empty() && source_pos && PlausiblePublisher(lines[nb[*source_pos]].text)) {
    h.source = lines[nb[*source_pos]].text;
  }
  // Feeds list "• Tag ... • Publisher": without a source line, the last of several bullets.
  if (h.source.empty()) {
    std::vector<std::string_view> bullets;
    for (size_t k = start; k < nb.size(); ++k) {
      if (lines[nb[k]].kind == LineKind::kBullet) bullets.push_back(lines[nb[k]].label);
    }
    if (bullets.size() >= 2) h.source = bullets.back();
  }
  std::vector<std::string_view> plain_tags;
  for (size_t k = start; k < nb.size(); ++k) {
    const Line& l = lines[nb[k]];
    h.signature.push_back(static_cast<char>('0' + static_cast<int>(l.kind)));
    if (l.kind == LineKind::kBullet) {
      if (EqualsCi(l.label, h.source) || l.label == h.title) continue;
      h.tags.push_back(l.label);
    } else if (auto by = Byline(l.text)) {
      h.authors.push_back(*by);
    } else if (date_pos && k > *date_pos && l.kind == LineKind::kShort && l.words <= 3 &&
               !l.widget && !l.credit && l.text != h.title && !EqualsCi(l.text, h.source) &&
               IsUpper(l.text[0]) &&
               l.text.find_first_of("0123456789:@/!?#|") == std::string_view::npos) {
      plain_tags.push_back(l.text);  // tags printed without bullets
    }
  }
  // A single line under a date that names no publisher is the publisher ("2 hours ago" /
  // "Harbour Gazette"), unless it reads like a one-word section ("Politics"); several such
  // lines are tags.
  if (h.source.empty() && plain_tags.size() == 1 && !source_pos &&
      (CountWords(plain_tags[0]) >= 2 || IsAllCaps(plain_tags[0])) &&
      PlausiblePublisher(plain_tags[0])) {
    h.source = plain_tags[0];
    plain_tags.clear();
  }
  // Unbulleted tags only when they are few, like the bulleted ones they stand in for.
  if (h.tags.empty() && plain_tags.size() <= 3) h.tags = plain_tags;
  return h;
}

// Finds the start of a dateline ("ANKARA (Kyodo) --", "Yokohama, Aug. 21 (Jiji Press)--",
// "SINGAPORE —") within the first bytes of a paragraph. Returns the dateline's byte offset and
// the agency named in it (if any).
struct Dateline {
  size_t begin = 0;
  std::string_view agency;
};

bool IsMonthToken(std::string_view w) {
  static constexpr std::string_view kMonths[] = {
      "Jan",   "Feb",  "Mar",  "Apr",    "May",       "Jun",     "Jul",      "Aug",
      "Sep",   "Sept", "Oct",  "Nov",    "Dec",       "January", "February", "March",
      "April", "June", "July", "August", "September", "October", "November", "December"};
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (std::string_view m : kMonths) {
    if (w == m) return true;
  }
  return false;
}

// Walks back over the words before `pos` that can make up a dateline's place and date.
size_t DatelineStart(std::string_view p, size_t pos) {
  size_t start = pos;
  size_t cursor = pos;
  int capitalised = 0;
  bool saw_date = false;
  while (cursor > 0) {
    size_t e = cursor;
    while (e > 0 && p[e - 1] == ' ') --e;
    size_t b = e;
    while (b > 0 && p[b - 1] != ' ') --b;
    if (b == e) break;
    std::string_view w = p.substr(b, e - b);
    bool ok = false;
    std::string_view bare = w;
    if (!bare.empty() && bare.back() == ',') bare.remove_suffix(1);
    if (!bare.empty() && std::all_of(bare.begin(), bare.end(), IsDigitChar) && bare.size() <= 2) {
      ok = true;
      saw_date = true;
    } else if (IsMonthToken(bare)) {
      ok = true;
      saw_date = true;
    } else if (IsAllCaps(bare) && bare.size() >= 2 && capitalised == 0) {
      ok = true;
    } else if (!bare.empty() && IsUpper(bare[0]) && capitalised == 0 &&
               (w.back() == ',' || !saw_date) && (saw_date ? w.back() == ',' : start == pos)) {
      ++capitalised;
      ok = true;
    }
    if (!ok) break;
    start = b;
    cursor = b;
  }
  return start;
}

std::optional<Dateline> FindDateline(std::string_view p) {
  const size_t limit = std::min<size_t>(p.size(), 240);
  std::string_view head = p.substr(0, limit);
  // "(Agency)" followed by a dash.
  for (size_t open = head.find('('); open != std::string_view::npos;
       open = head.find('(', open + 1)) {
    size_t close = head.find(')', open);
    if (close == std::string_view::npos || close - open > 32 || close == open + 1) continue;
    std::string_view agency = head.substr(open + 1, close - open - 1);
    if (!IsUpper(agency[0])) continue;
    size_t after = close + 1;
    while (after < p.size() && p[after] == ' ') ++after;
    std::string_view rest = p.substr(after);
    if (!(StartsWith(rest, "-") || StartsWith(rest, "\xE2\x80\x94") ||
          StartsWith(rest, "\xE2\x80\x93"))) {
      continue;
    }
    size_t start = DatelineStart(p, open);
    if (start == open) continue;  // nothing dateline-like before the agency
    return Dateline{start, agency};
  }
  // ALLCAPS place followed by an em dash or double hyphen: "SINGAPORE — ".
  for (std::string_view dash : {std::string_view(" \xE2\x80\x94 "), std::string_view(" -- "),
                                std::string_view(" \xE2\x80\x93 ")}) {
    size_t at = head.find(dash);
    if (at == std::string_view::npos || at == 0) continue;
    size_t b = at;
    while (b > 0 && p[b - 1] != ' ') --b;
    std::string_view w = p.substr(b, at - b);
    if (!w.empty() && w.back() == ',') w.remove_suffix(1);
    if (!IsAllCaps(w) || w.size() < 3) continue;
    size_t start = b;
    // Multi-word places: "NEW YORK —".
    while (start > 0) {
      size_t e = start;
      while (e > 0 && p[e - 1] == ' ') --e;
      size_t bb = e;
      while (bb > 0 && p[bb - 1] != ' ') --bb;
      std::string_view prev = p.substr(bb, e - bb);
      if (bb == e || !IsAllCaps(prev) || prev.size() < 2) break;
      start = bb;
    }
    return Dateline{start, {}};
  }
  return std::nullopt;
}

struct LeadIn {
  std::string_view body;  // the paragraph without the lead-in
  std::vector<std::string_view> tags;
  std::optional<PrintedDate> date;  // an absolute date printed in the lead-in
  std::string_view date_text;
  std::string_view agency;
};

// Removes the lead-in before a dateline or a "source - date | tags" strip at the start of a
// paragraph, keeping what it says.
LeadIn StripLeadIn(std::string_view p, int64_t fetched_at_ms) {
  LeadIn out;
  out.body = p;
  // "KYODO NEWS - 12 minutes ago - 17:46 | World, All <body>"
  size_t bar = p.substr(0, std::min<size_t>(p.size(), 160)).find(" | ");
  if (bar != std::string_view::npos) {
    std::string_view prefix = p.substr(0, bar);
    bool dated = prefix.find(" ago") != std::string_view::npos ||
                 FindPrintedDate(prefix, fetched_at_ms).has_value();
    if (dated && CountWords(prefix) <= 14) {
      size_t q = bar + 3;
      // Tags: "Word, Word, Word" - the last tag is one word, then the body begins.
      for (;;) {
        size_t sp = p.find(' ', q);
        if (sp == std::string_view::npos) break;
        std::string_view word = p.substr(q, sp - q);
        bool comma = !word.empty() && word.back() == ',';
        if (comma) word.remove_suffix(1);
        if (word.empty() || !IsUpper(word[0]) || word.size() > 24) break;
        out.tags.push_back(word);
        q = sp + 1;
        if (!comma) break;
      }
      if (!out.tags.empty()) {
        if (auto d = FindPrintedDate(prefix, fetched_at_ms); d && d->kind == DateKind::kAbsolute) {
          out.date = d;
          out.date_text = prefix.substr(d->begin, d->end - d->begin);
        }
        out.body = p.substr(q);
        p = out.body;
      }
    }
  }
  if (auto dl = FindDateline(p)) {
    out.agency = dl->agency;
    if (dl->begin > 0) {
      std::string_view lead = p.substr(0, dl->begin);
      if (auto d = FindPrintedDate(lead, fetched_at_ms)) {
        if (d->kind == DateKind::kAbsolute) {
          out.date = d;
          out.date_text = lead.substr(d->begin, d->end - d->begin);
          // A single capitalised word just before the date is a section tag:
          // "News from Japan Politics May 31, 2025".
          std::string_view before = Trim(lead.substr(0, d->begin));
          size_t sp = before.rfind(' ');
          if (sp != std::string_view::npos && CountWords(before) >= 3) {
            std::string_view w = before.substr(sp + 1);
            if (!w.empty() && IsUpper(w[0]) && !IsAllCaps(w)) out.tags.push_back(w);
          }
        }
      }
      out.body = p.substr(dl->begin);
    }
  }
  return out;
}

// A "LABEL: headline Body..." deck printed before a teaser ("US: US duo in first spam
// conviction A brother and sister..."). Returns the offset where the body starts, or 0.
size_t DeckEnd(std::string_view p) {
  size_t colon = p.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return 0;
  std::string_view label = p.substr(0, colon);
  while (!label.empty() && label.back() == ':') label.remove_suffix(1);
  if (!IsAllCaps(label)) return 0;
  size_t start = colon + 2;
  // Words after the label; the body starts at a capitalised word after a lower-case word
  // ("... spam conviction A brother ..."), or at a sentence-opening function word ("... Man
  // Utd The battle ..."), but never right after an article or preposition, where a capital
  // is a name inside the headline ("suing the Bank of ...").
  static constexpr std::string_view kOpeners[] = {"The", "A", "An", "This", "It", "In"};
  static constexpr std::string_view kFunction[] = {
      "the",  "a",    "an", "of",  "to",  "in",  "for",   "and", "or",   "on",   "at",   "by",
      "with", "from", "as", "his", "her", "its", "their", "our", "your", "this", "that", "into"};
  std::vector<std::pair<size_t, std::string_view>> words;
  size_t q = start;
  while (q < p.size() && words.size() < 40) {
    while (q < p.size() && p[q] == ' ') ++q;
    size_t e = p.find(' ', q);
    if (e == std::string_view::npos) e = p.size();
    if (e > q) words.emplace_back(q, p.substr(q, e - q));
    q = e;
  }
  // Leading "LABEL:: LABEL:" repeats.
  size_t first = 0;
  while (first < words.size() && words[first].second.back() == ':' &&
         IsAllCaps(words[first].second)) {
    ++first;
  }
  for (size_t i = first + 2; i < words.size() && i < first + 30; ++i) {
    std::string_view prev = words[i - 1].second;
    std::string_view w = words[i].second;
    if (!IsUpper(w[0])) continue;
    char pc = prev.back();
    if (pc == ',' || pc == ':' || pc == ';') continue;
    std::string prev_bare = Lowered(prev);
    while (!prev_bare.empty() && !IsLowerAscii(prev_bare.back()) &&
           !IsDigitChar(prev_bare.back())) {
      prev_bare.pop_back();
    }
    bool after_function = false;
    for (std::string_view f : kFunction) {
      if (prev_bare == f) after_function = true;
    }
    if (after_function) continue;
    bool opener = false;
    for (std::string_view o : kOpeners) {
      if (w == o) opener = true;
    }
    bool prev_lower = IsLowerAscii(prev[0]) || IsDigitChar(prev[0]);
    if (opener || prev_lower) return words[i].first;
  }
  return 0;
}

// Truncated: the body stops mid-sentence or with an ellipsis. A short credit after the last
// sentence ("[Copyright ...] Jiji Press") does not count.
bool LooksTruncated(std::string_view body) {
  body = Trim(body);
  if (body.empty()) return false;
  if (EndsWithEllipsis(body)) return true;
  if (EndsSentence(body)) return false;
  // A closing bracket ends a list or a credit ("..., Yannick Nyanga (Beziers)"); cuts made at
  // a length limit practically never land right after one.
  if (body.back() == ')' || body.back() == ']') return false;
  // Find the tail after the last sentence end.
  size_t i = body.size();
  while (i > 0) {
    char c = body[i - 1];
    if (c == '.' || c == '!' || c == '?' || c == ']' || c == '"') break;
    --i;
  }
  std::string_view tail = Trim(body.substr(i));
  if (i > 0 && CountWords(tail) <= 3) {
    bool all_caps_words = true;
    size_t pos = 0;
    while (pos < tail.size()) {
      while (pos < tail.size() && tail[pos] == ' ') ++pos;
      if (pos < tail.size() && !IsUpper(tail[pos])) all_caps_words = false;
      size_t e = tail.find(' ', pos);
      pos = e == std::string_view::npos ? tail.size() : e;
    }
    if (all_caps_words) return false;
  }
  return true;
}

struct Draft {
  Header header;
  bool headed = false;
  std::vector<std::string_view> paragraphs;
  bool teaser = false;
  size_t first_line = 0;  // the lines the body was taken from, [first_line, last_line)
  size_t last_line = 0;
};

}  // namespace

TextPageSplitter::TextPageSplitter(TextSplitterOptions options) : options_(std::move(options)) {}

namespace {

class PageSplit {
 public:
  PageSplit(const TextSplitterOptions& options, std::string_view text, int64_t fetched_at_ms)
      : options_(options), fetched_at_ms_(fetched_at_ms) {
    if (text.size() > options.max_page_bytes) text = text.substr(0, options.max_page_bytes);
    Classifier classifier{options, fetched_at_ms};
    std::vector<std::string_view> raw;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      raw.push_back(Trim(text.substr(pos, nl - pos)));
      pos = nl + 1;
    }
    for (size_t k = 0; k < raw.size(); ++k) {
      std::string_view t = raw[k];
      // Inline elements (links, emphasis) make innerText break a sentence over lines:
      // "... revealed Real Madrid" / "did" / "ask for an option ...". Rejoin them.
      size_t m = k;
      while (m + 1 < raw.size() && JoinsNext(raw[m], raw[m + 1])) ++m;
      if (m > k) {
        std::string joined(raw[k]);
        for (size_t x = k + 1; x <= m; ++x) {
          joined.push_back(' ');
          joined.append(raw[x]);
        }
        joined_.push_back(std::move(joined));
        t = joined_.back();
        k = m;
      }
      Line line;
      line.text = t;
      classifier.Classify(&line);
      lines_.push_back(line);
    }
    MarkRepeatedTitles(&lines_);
    PromoteDataLists();
    PromoteBulletedStatements();
    PromoteSnippets();
    text_prefix_.assign(lines_.size() + 1, 0);
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      if (l.kind == LineKind::kText) ++counts_[l.text];
      text_prefix_[i + 1] = text_prefix_[i] + (l.kind == LineKind::kText ? l.text.size() : 0);
    }
  }

  CleanResult Run() {
    // Header runs: maximal runs of non-text lines that hold a date or a repeated headline.
    std::vector<Header> headers;
    size_t i = 0;
    while (i < lines_.size()) {
      if (lines_[i].kind == LineKind::kText) {
        ++i;
        continue;
      }
      size_t j = i;
      bool header = false;
      while (j < lines_.size() && lines_[j].kind != LineKind::kText) {
        const Line& l = lines_[j];
        header = header || l.kind == LineKind::kDate || l.kind == LineKind::kSourceDate ||
                 (l.kind == LineKind::kTitle && l.words >= 3);
        ++j;
      }
      if (header) {
        headers.push_back(ParseHeader(lines_, i, j));
        headers.back().comment = IsCommentHeader(i, j);
      }
      i = j;
    }
    std::vector<Draft> drafts;
    if (FooterDatedDrafts(headers, &drafts)) {
      PreferDenseRegion(headers, &drafts);
      TitleFromPageTop(&drafts);
      return Finish(&drafts);
    }
    size_t first_header = headers.empty() ? lines_.size() : headers[0].run_begin;
    UntitledDrafts(0, first_header, &drafts);
    for (size_t h = 0; h < headers.size(); ++h) {
      size_t end = h + 1 < headers.size() ? headers[h + 1].run_begin : lines_.size();
      Draft d;
      d.header = headers[h];
      d.headed = true;
      d.first_line = headers[h].run_end;
      end = CutTeaserTail(d.first_line, CutAuthorBio(d.first_line, end));
      d.last_line = CollectBody(headers[h].run_end, end, &d.paragraphs);
      drafts.push_back(std::move(d));
    }
    MergeDecks(&drafts);
    PreferDenseRegion(headers, &drafts);
    TitleFromPageTop(&drafts);
    return Finish(&drafts);
  }

 private:
  bool IsBreakLine(const Line& l) const {
    if (l.kind == LineKind::kBlank) return false;
    if (l.kind == LineKind::kText) return false;
    if (l.credit) return false;
    return !EndsSentence(l.text);
  }

  // Lists inside articles (tour dates, results, schedules) print one short line per item with
  // no sentence punctuation, like menus do; unlike menu items, every item holds a number.
  // A run of three or more such lines right after paragraph text is part of the text.
  void PromoteDataLists() {
    size_t i = 0;
    while (i < lines_.size()) {
      size_t j = i;
      while (j < lines_.size() && lines_[j].kind == LineKind::kShort && !lines_[j].widget &&
             lines_[j].text.size() >= 12 && lines_[j].words >= 3 &&
             lines_[j].text.find_first_of("0123456789") != std::string_view::npos) {
        ++j;
      }
      if (j - i >= 3) {
        // The nearest line above (skipping blanks and one sub-heading) must be text.
        size_t k = i;
        int skipped = 0;
        bool after_text = false;
        while (k > 0) {
          const Line& above = lines_[--k];
          if (above.kind == LineKind::kBlank) continue;
          if (above.kind == LineKind::kText) {
            after_text = true;
            break;
          }
          if (above.kind != LineKind::kShort || ++skipped > 1) break;
        }
        if (after_text) {
          for (size_t m = i; m < j; ++m) lines_[m].kind = LineKind::kText;
        }
      }
      i = j > i ? j : i + 1;
    }
  }

  // A teaser page prints headline (twice), publisher, date and one snippet cut mid-sentence:
  // the snippet has no sentence end, so it reads as a short line and the page as all header.
  // A long unpunctuated line set apart by blank lines right under the date of a header whose
  // headline is printed twice is that article's body.
  void PromoteSnippets() {
    constexpr size_t kMinWords = 10;
    constexpr size_t kMinChars = 60;
    constexpr int kTitleLookback = 4;
    for (size_t i = 1; i + 1 < lines_.size(); ++i) {
      Line& l = lines_[i];
      if (l.kind != LineKind::kShort || l.words < kMinWords || l.text.size() < kMinChars ||
          l.widget || l.credit || l.footer || Byline(l.text)) {
        continue;
      }
      if (lines_[i - 1].kind != LineKind::kBlank || lines_[i + 1].kind != LineKind::kBlank)
        continue;
      size_t d = i - 1;
      while (d > 0 && lines_[d].kind == LineKind::kBlank) --d;
      if (lines_[d].kind != LineKind::kDate && lines_[d].kind != LineKind::kSourceDate) continue;
      bool titled = false;
      int seen = 0;
      for (size_t k = d; k > 0 && seen < kTitleLookback; --k) {
        const Line& above = lines_[k - 1];
        if (above.kind == LineKind::kBlank) continue;
        ++seen;
        titled = titled || above.kind == LineKind::kTitle;
      }
      if (titled) l.kind = LineKind::kText;
    }
  }

  // Bulleted lists of statements inside an article ("- Extending in-court conciliation ...")
  // break its text like a widget run would. Two or more bulleted lines of several words each,
  // with paragraph text right above and right below (blank lines aside), are part of the text;
  // menus and tag lists (short items) and lists that end the text stay as they are.
  void PromoteBulletedStatements() {
    constexpr size_t kMinItemWords = 6;
    size_t i = 0;
    while (i < lines_.size()) {
      size_t j = i;
      size_t items = 0;
      while (j < lines_.size()) {
        const Line& l = lines_[j];
        if (l.kind == LineKind::kBlank) {
          ++j;
          continue;
        }
        if (l.kind == LineKind::kText || l.widget || l.footer || BulletPrefix(l.text) == 0 ||
            l.words < kMinItemWords + 1) {
          break;
        }
        ++items;
        ++j;
      }
      if (items >= 2) {
        size_t above = i, below = j;
        while (above > 0 && lines_[above - 1].kind == LineKind::kBlank) --above;
        bool text_above = above > 0 && lines_[above - 1].kind == LineKind::kText;
        bool text_below = below < lines_.size() && lines_[below].kind == LineKind::kText;
        if (text_above && text_below) {
          for (size_t m = i; m < j; ++m) {
            if (lines_[m].kind != LineKind::kBlank) lines_[m].kind = LineKind::kText;
          }
        }
      }
      i = j > i ? j : i + 1;
    }
  }

  // A run of lines naming a commenter: "jdoe says:", "Jane Doe wrote:", "jdoe replied:".
  bool IsCommentHeader(size_t begin, size_t end) const {
    static constexpr std::string_view kVerbs[] = {
        " says:", " said:", " wrote:", " replied:", " commented:"};
    for (size_t i = begin; i < end; ++i) {
      const std::string_view t = lines_[i].text;
      if (t.size() > 80) continue;
      for (std::string_view v : kVerbs) {
        if (EndsWith(t, v)) return true;
      }
    }
    return false;
  }

  size_t Occurrences(std::string_view text) const {
    auto it = counts_.find(text);
    return it == counts_.end() ? 0 : it->second;
  }

  // Paragraphs of lines [begin, end) up to the first widget block; returns where it stopped.
  size_t CollectBody(size_t begin, size_t end, std::vector<std::string_view>* out) const {
    size_t i = begin;
    while (i < end) {
      const Line& l = lines_[i];
      if (l.kind == LineKind::kText) {
        if (l.footer) return i;  // the site footer ends any article
        if (!l.credit) out->push_back(l.text);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < end && lines_[j].kind != LineKind::kText) ++j;
      std::vector<const Line*> run;
      for (size_t k = i; k < j; ++k) {
        if (lines_[k].kind != LineKind::kBlank) run.push_back(&lines_[k]);
      }
      if (j == end) {
        // Trailing lines: keep complete sentences right after the body, drop the rest.
        for (const Line* r : run) {
          if (!EndsSentence(r->text) || r->widget || r->credit || r->footer) {
            break;
          }
          out->push_back(r->text);
        }
        return end;
      }
      size_t breaks = 0;
      bool widget = false;
      for (const Line* r : run) {
        if (IsBreakLine(*r)) ++breaks;
        if (r->widget) widget = true;
        if (r->kind == LineKind::kDate || r->kind == LineKind::kSourceDate) widget = true;
      }
      if (breaks >= 2 || widget) return i;
      for (const Line* r : run) {
        if (r->credit || r->widget || Byline(r->text)) continue;
        out->push_back(r->text);
      }
      i = j;
    }
    return end;
  }

  static size_t Chars(const std::vector<std::string_view>& ps) {
    size_t n = 0;
    for (auto p : ps) n += p.size();
    return n;
  }

  // Text before the first header: the densest block of paragraphs is an untitled article,
  // possibly followed by teasers.
  void UntitledDrafts(size_t begin, size_t end, std::vector<Draft>* drafts) const {
    std::vector<std::string_view> best;
    size_t best_begin = 0, best_end = 0;
    size_t i = begin;
    while (i < end) {
      // Skip to the next text line.
      while (i < end && lines_[i].kind != LineKind::kText) ++i;
      if (i >= end) break;
      std::vector<std::string_view> block;
      size_t stop = CollectBody(i, end, &block);
      if (Chars(block) > Chars(best)) {
        best = std::move(block);
        best_begin = i;
        best_end = stop;
      }
      if (stop <= i) stop = i + 1;
      i = stop;
      // Skip the widget run that stopped the block.
      while (i < end && lines_[i].kind != LineKind::kText) ++i;
    }
    if (best.empty()) return;
    const size_t min_chars = IsTitledBrief(begin, end, best_begin, best_end, best)
                                 ? options_.min_titled_brief_chars
                                 : options_.min_untitled_chars;
    if (Chars(best) < min_chars) return;
    const size_t teaser_start = TeaserTailStart(best);
    Draft main;
    main.first_line = best_begin;
    main.last_line = best_end;
    main.paragraphs.assign(best.begin(), best.begin() + teaser_start);
    drafts->push_back(std::move(main));
    AddTeasers(best, teaser_start, drafts);
  }

  // A news brief printed as "headline, blank line, body": the page's first line is a
  // headline of 3+ words set apart by blank lines only from the block `best` (lines
  // [best_begin, best_end) of [begin, end)), which is the only paragraph text of [begin, end)
  // and is two or more complete sentences with no widget, footer or credit wording and no
  // "you"/"your" (a cookie notice, a "page not found" or a site's tagline under a menu line
  // is no brief). Such a block is kept from min_titled_brief_chars on instead of
  // min_untitled_chars.
  bool IsTitledBrief(size_t begin, size_t end, size_t best_begin, size_t best_end,
                     const std::vector<std::string_view>& best) const {
    if (begin != 0) return false;
    const size_t top = FirstNonBlank(0, lines_.size());
    if (top + 2 > best_begin || !IsPageTopHeadline(top) || lines_[top].words < 3) return false;
    if (FirstNonBlank(top + 1, best_begin) != best_begin) return false;  // blank lines only
    if (TextChars(best_end, end) != 0) return false;  // other paragraph text: not a brief
    for (size_t i = best_begin; i < best_end; ++i) {
      const Line& l = lines_[i];
      if (l.kind == LineKind::kText && (l.widget || l.credit || l.footer)) return false;
    }
    char lower_buf[400];
    size_t sentences = 0;
    for (std::string_view p : best) {
      if (!EndsSentence(p)) return false;
      const std::string_view lower = LowerInto(p, lower_buf, sizeof lower_buf);
      if ((LineCues(lower) & (kCueWidget | kCueRights)) != 0 || AddressesReader(lower)) {
        return false;
      }
      sentences += CountSentences(p);
    }
    return sentences >= 2;
  }

  // Site chrome speaks to the reader ("the page you were looking for", "your choices"); a
  // news brief reports on others. `lower`: lower-cased text.
  static bool AddressesReader(std::string_view lower) {
    for (size_t at = lower.find("you"); at != std::string_view::npos;
         at = lower.find("you", at + 3)) {
      if (at > 0 && IsLowerAscii(lower[at - 1])) continue;
      const std::string_view rest = lower.substr(at + 3);
      if (rest.empty() || !IsLowerAscii(rest[0]) || StartsWith(rest, "r ") ||
          StartsWith(rest, "rs") || StartsWith(rest, "rself")) {
        return true;
      }
    }
    return false;
  }

  // Sentence ends in `p`: ". ", "! ", "? " before a capital letter or a quote, and the end.
  static size_t CountSentences(std::string_view p) {
    size_t n = EndsSentence(p) ? 1 : 0;
    for (size_t i = 0; i + 2 < p.size(); ++i) {
      if ((p[i] == '.' || p[i] == '!' || p[i] == '?') && p[i + 1] == ' ' &&
          (IsUpper(p[i + 2]) || p[i + 2] == '"')) {
        ++n;
      }
    }
    return n;
  }

  bool LongEnoughForTeaser(std::string_view p) const {
    return p.size() >= options_.min_teaser_chars;
  }

  // Where a tail of one-line paragraphs cut mid-sentence or led by a deck (teasers, each
  // possibly under its own headline line) starts in `ps`; ps.size() when there is none.
  size_t TeaserTailStart(const std::vector<std::string_view>& ps) const {
    auto headline = [](std::string_view p) {
      return p.size() < 120 && !EndsSentence(p) && !EndsWithEllipsis(p) && CountWords(p) >= 2;
    };
    auto signal = [&](std::string_view p) {
      return LongEnoughForTeaser(p) && (LooksTruncated(p) || DeckEnd(p) > 0);
    };
    for (size_t k = 1; k < ps.size(); ++k) {
      if (!signal(ps[k])) continue;
      // Everything after must be teasers (each cut or led by a deck: one paragraph of a full
      // article that stops mid-sentence is not a tail) or headlines followed by one.
      bool all_teasers = true;
      size_t teasers = 0;
      for (size_t m = k; m < ps.size(); ++m) {
        if (LongEnoughForTeaser(ps[m])) {
          if (!signal(ps[m])) all_teasers = false;
          ++teasers;
        } else if (!(headline(ps[m]) && m + 1 < ps.size() && LongEnoughForTeaser(ps[m + 1]))) {
          all_teasers = false;
        }
      }
      if (all_teasers && teasers >= 2) return k > 1 && headline(ps[k - 1]) ? k - 1 : k;
      return ps.size();
    }
    return ps.size();
  }

  // Teaser drafts for ps[start..]: short lines are the next teaser's headline.
  void AddTeasers(const std::vector<std::string_view>& ps, size_t start,
                  std::vector<Draft>* drafts) const {
    std::string_view title;
    for (size_t k = start; k < ps.size(); ++k) {
      std::string_view p = ps[k];
      if (!LongEnoughForTeaser(p)) {
        title = p;
        continue;
      }
      Draft t;
      size_t deck = DeckEnd(p);
      t.paragraphs.push_back(p.substr(deck));
      t.teaser = true;
      if (!title.empty()) {
        t.headed = true;  // a headline only: no date or source
        t.header.title = title;
        title = {};
      }
      drafts->push_back(std::move(t));
    }
  }

  // An untitled article that names no publisher: the agency of its photo credit
  // ("Photo: AP"), the only outlet the page shows for it.
  std::string_view CreditedAgency(const Draft& d) const {
    for (size_t i = d.first_line; i < d.last_line && i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      if (!l.credit || l.text.size() > 40) continue;
      for (std::string_view p : {std::string_view("Photo: "), std::string_view("Photo by ")}) {
        if (!StartsWith(l.text, p)) continue;
        std::string_view agency = Trim(l.text.substr(p.size()));
        if (!agency.empty() && CountWords(agency) <= 3 && IsUpper(agency[0])) return agency;
      }
    }
    return {};
  }

  // The first non-blank line of [begin, end), or end.
  size_t FirstNonBlank(size_t begin, size_t end) const {
    while (begin < end && lines_[begin].kind == LineKind::kBlank) ++begin;
    return begin;
  }

  // The last headline-like line of [begin, end), or empty.
  std::string_view LastHeadline(size_t begin, size_t end) const {
    std::string_view title;
    for (size_t i = begin; i < end; ++i) {
      const Line& l = lines_[i];
      if ((l.kind == LineKind::kShort || l.kind == LineKind::kTitle) && l.words >= 2 && !l.widget &&
          !l.credit && !Byline(l.text)) {
        title = l.text;
      }
    }
    return title;
  }

  // Feeds that print each item as headline, snippet, then "Publisher | date" below it. Their
  // header runs start with the date (right after the previous item's text) and end with the
  // next item's headline. Returns false (and adds nothing) for any other layout.
  bool FooterDatedDrafts(const std::vector<Header>& headers, std::vector<Draft>* drafts) const {
    if (headers.size() < 2) return false;
    size_t footers = 0;
    bool first_is_footer = false;
    for (size_t k = 0; k < headers.size(); ++k) {
      const Header& h = headers[k];
      size_t first = FirstNonBlank(h.run_begin, h.run_end);
      const Line& l = lines_[first];
      bool dated_first = l.kind == LineKind::kDate || l.kind == LineKind::kSourceDate;
      bool after_text = h.run_begin > 0 && lines_[h.run_begin - 1].kind == LineKind::kText;
      if (dated_first && after_text) {
        ++footers;
        if (k == 0) first_is_footer = true;
      }
    }
    // The first and every other header but possibly a trailing one are footers, and no
    // repeated headlines (which belong to layouts that put the headline above the date).
    if (!first_is_footer || footers < 2 || footers + 1 < headers.size()) return false;
    for (const Header& h : headers) {
      for (size_t i = h.run_begin; i < h.run_end; ++i) {
        if (lines_[i].kind == LineKind::kTitle) return false;
      }
    }
    size_t body_begin = 0;
    std::string_view title;
    // The first item's headline sits in the lines before its text.
    size_t first_text = 0;
    while (first_text < lines_.size() && lines_[first_text].kind != LineKind::kText) ++first_text;
    title = LastHeadline(0, first_text);
    body_begin = first_text;
    for (const Header& h : headers) {
      Draft d;
      d.headed = true;
      d.header = h;
      d.header.title = title;
      d.header.tags.clear();
      d.first_line = body_begin;
      d.last_line = CollectBody(body_begin, h.run_begin, &d.paragraphs);
      drafts->push_back(std::move(d));
      size_t date_line = FirstNonBlank(h.run_begin, h.run_end);
      title = LastHeadline(date_line + 1, h.run_end);
      body_begin = h.run_end;
    }
    return true;
  }

  // A headline, then a one-paragraph standfirst, then a header with no headline of its own
  // (byline and date): the standfirst is not an article, the headline belongs to the next.
  static void MergeDecks(std::vector<Draft>* drafts) {
    for (size_t k = 0; k + 1 < drafts->size();) {
      Draft& a = (*drafts)[k];
      Draft& b = (*drafts)[k + 1];
      if (a.headed && b.headed && !a.header.title.empty() && b.header.title.empty() &&
          a.paragraphs.size() <= 1 && Chars(a.paragraphs) < 300 &&
          a.last_line >= b.header.run_begin) {
        b.header.title = a.header.title;
        if (b.header.source.empty()) b.header.source = a.header.source;
        if (!b.header.date) {
          b.header.date = a.header.date;
          b.header.date_text = a.header.date_text;
        }
        drafts->erase(drafts->begin() + static_cast<std::ptrdiff_t>(k));
        continue;
      }
      ++k;
    }
  }

  // Plain pages print "headline, blank line, body": the page's first line, set apart by a
  // blank line, with no paragraph text between it and the body of the first article, is
  // that article's headline when its header found none (an untitled article, or a header
  // of date and place lines only).
  void TitleFromPageTop(std::vector<Draft>* drafts) const {
    if (drafts->empty()) return;
    Draft& d = drafts->front();
    if (d.teaser || d.paragraphs.empty()) return;
    const size_t top = FirstNonBlank(0, lines_.size());
    // A headline guessed from below the date yields to a page-top headline above the date
    // that is not the header's publisher line ("Match v Match / venue / date / time /
    // broadcaster").
    const bool weak = d.header.title_after_date && d.header.date && top < d.header.date_line &&
                      lines_[top].text != d.header.source;
    if (!d.header.title.empty() && !weak) return;
    if (top > d.first_line || !IsPageTopCandidate(top)) return;
    const Line& l = lines_[top];
    if (l.kind == LineKind::kText) {
      // A question or exclamation headline reads as a sentence: it is the body's first
      // paragraph now. Headline-short, and more paragraphs follow.
      const std::string_view t = StripClosers(l.text);
      if (t.empty() || (t.back() != '?' && t.back() != '!') || l.words > 10 || l.text.size() > 90 ||
          d.first_line != top || d.paragraphs.size() < 2 ||
          d.paragraphs.front().data() != l.text.data()) {
        return;
      }
      d.paragraphs.erase(d.paragraphs.begin());
      d.header.title = l.text;
      return;
    }
    if (!(l.kind == LineKind::kShort || l.kind == LineKind::kTitle) || top == d.first_line) return;
    for (size_t i = top + 1; i < d.first_line; ++i) {
      if (lines_[i].kind == LineKind::kText) return;
    }
    d.header.title = l.text;
  }

  // Line `top` could be a page-top headline: two or more words, no widget, credit, footer,
  // byline or time of day, and a blank line under it.
  bool IsPageTopCandidate(size_t top) const {
    if (top + 1 >= lines_.size()) return false;
    const Line& l = lines_[top];
    return l.words >= 2 && !l.widget && !l.credit && !l.footer && !Byline(l.text) &&
           !IsTimeOfDay(l.text) && lines_[top + 1].kind == LineKind::kBlank;
  }

  // ... and reads as a headline, not a sentence.
  bool IsPageTopHeadline(size_t top) const {
    return IsPageTopCandidate(top) &&
           (lines_[top].kind == LineKind::kShort || lines_[top].kind == LineKind::kTitle);
  }

  // Text bytes of the paragraph lines in [begin, end).
  size_t TextChars(size_t begin, size_t end) const {
    end = std::min(end, lines_.size());
    return begin < end ? text_prefix_[end] - text_prefix_[begin] : 0;
  }

  // The run of lines with the most paragraph text net of the short lines (menus, link lists,
  // widgets) inside it: maximum-sum subarray over per-line scores.
  std::pair<size_t, size_t> DenseRegion() const {
    const int64_t penalty = static_cast<int64_t>(options_.short_line_penalty_chars);
    int64_t best = 0, run = 0;
    size_t best_b = 0, best_e = 0, run_b = 0;
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      int64_t score = 0;
      if (l.kind == LineKind::kText) {
        score = l.widget || l.footer ? -penalty : static_cast<int64_t>(l.text.size());
      } else if (l.kind != LineKind::kBlank) {
        score = -penalty;
      }
      if (run <= 0) {
        run = 0;
        run_b = i;
      }
      run += score;
      if (run > best) {
        best = run;
        best_b = run_b;
        best_e = i + 1;
      }
    }
    return {best_b, best_e};
  }

  // The body of a region found by DenseRegion: paragraphs and the sub-headings before them.
  std::vector<std::string_view> RegionBody(size_t begin, size_t end) const {
    std::vector<std::string_view> out;
    for (size_t i = begin; i < end; ++i) {
      const Line& l = lines_[i];
      if (l.kind == LineKind::kBlank || l.credit) continue;
      if (l.kind == LineKind::kText) {
        // A paragraph printed twice on the page is a caption or a pull quote.
        if (!l.widget && !l.footer && Occurrences(l.text) == 1) {
          out.push_back(l.text);
        }
        continue;
      }
      if (l.kind != LineKind::kShort && l.kind != LineKind::kBullet) continue;
      if (l.widget || Byline(l.text)) continue;
      size_t next = i + 1;
      while (next < end && lines_[next].kind == LineKind::kBlank) ++next;
      if (next < end && lines_[next].kind == LineKind::kText) out.push_back(l.text);
    }
    return out;
  }

  // "More stories" boxes after the article: headline, snippet cut with "...", repeated. Cut
  // before the first of two or more such snippets that end the region.
  size_t CutTeaserTail(size_t begin, size_t end) const {
    size_t cut = end;
    size_t snippets = 0;
    for (size_t i = end; i > begin; --i) {
      const Line& l = lines_[i - 1];
      if (l.kind == LineKind::kBlank) continue;
      if (l.kind == LineKind::kText) {
        if (!EndsWithEllipsis(l.text)) break;
        ++snippets;
        cut = i - 1;
        continue;
      }
      // A short line (the snippet's headline) between snippets.
      if (snippets > 0) cut = i - 1;
    }
    return snippets >= 2 ? cut : end;
  }

  // An author box after the article: "About Jane Doe" / "Über ..." / "Sobre ..." or a bare name
  // line, then a paragraph about that person. Cut there when it is in the region's last part.
  size_t CutAuthorBio(size_t begin, size_t end) const {
    const size_t total = TextChars(begin, end);
    size_t seen = 0;
    for (size_t i = begin; i < end; ++i) {
      const Line& l = lines_[i];
      if (l.kind == LineKind::kText) {
        seen += l.text.size();
        continue;
      }
      if (l.kind != LineKind::kShort || l.words > 5 || seen * 10 < total * 6) continue;
      size_t next = i + 1;
      while (next < end && lines_[next].kind == LineKind::kBlank) ++next;
      if (next >= end || lines_[next].kind != LineKind::kText) continue;
      std::string_view t = l.text;
      static constexpr std::string_view kAbout[] = {"About ",
                                                    "ABOUT ",
                                                    "\xC3\x9C"
                                                    "ber ",
                                                    "Sobre ",
                                                    "\xC3\x80 propos",
                                                    "Acerca de ",
                                                    "Over ",
                                                    "Om "};
      bool about = false;
      for (std::string_view a : kAbout) about = about || StartsWith(t, a);
      // A bare name whose paragraph starts with it: "Regan" / "Regan is a ...".
      std::string_view first = t.substr(0, t.find(' '));
      bool name = l.words <= 3 && IsUpper(t[0]) && !EndsSentence(t) && seen * 4 >= total * 3 &&
                  t.find_first_of("0123456789") == std::string_view::npos &&
                  StartsWith(lines_[next].text, first) && lines_[next].text.size() > first.size() &&
                  lines_[next].text[first.size()] == ' ';
      if (about || name) return i;
    }
    return end;
  }

  // Single-article pages with navigation around the article: when the structured split does
  // not account for the page's densest text, that text is the main article.
  void PreferDenseRegion(const std::vector<Header>& headers, std::vector<Draft>* drafts) const {
    auto [rb, re] = DenseRegion();
    // Reader comments below an article are never part of it.
    for (const Header& h : headers) {
      if (h.comment && h.run_begin > rb && h.run_begin < re) {
        re = h.run_begin;
        break;
      }
    }
    // A header (byline, date) just inside the region: what precedes it is a standfirst.
    const Header* inner = nullptr;
    for (const Header& h : headers) {
      if (h.run_begin > rb && h.run_end < re && TextChars(rb, h.run_begin) < 300 &&
          TextChars(rb, h.run_begin) * 2 < TextChars(rb, re)) {
        inner = &h;
        rb = h.run_end;
        break;
      }
    }
    size_t region = TextChars(rb, re);
    if (region < options_.min_untitled_chars) return;
    size_t covered = 0;
    for (const Draft& d : *drafts) {
      if (Chars(d.paragraphs) < options_.min_body_chars) continue;
      size_t b = std::max(rb, d.first_line), e = std::min(re, d.last_line);
      if (b < e) covered += TextChars(b, e);
    }
    if (covered * 10 >= region * 7) return;
    Draft main;
    main.first_line = rb;
    main.last_line = re;
    main.paragraphs = RegionBody(rb, CutTeaserTail(rb, CutAuthorBio(rb, re)));
    for (const Header& h : headers) {
      if (h.run_begin <= rb && h.run_end + 2 >= rb) {
        main.header = h;
        main.headed = true;
      }
    }
    if (inner != nullptr && main.header.title.empty()) {
      // The headline sits above the standfirst: take it from the header before.
      for (const Header& h : headers) {
        if (h.run_end <= inner->run_begin && !h.title.empty()) main.header.title = h.title;
      }
    }
    std::vector<Draft> out;
    out.push_back(std::move(main));
    for (Draft& d : *drafts) {
      if (d.last_line <= rb || d.first_line >= re) out.push_back(std::move(d));
    }
    *drafts = std::move(out);
  }

  // The site's name as its copyright footer prints it: a footer naming an owner among the
  // page's last lines (a "© Agency" higher up is a photo credit).
  std::string_view FooterSiteName() const {
    constexpr int kFooterLines = 12;
    int seen = 0;
    for (size_t i = lines_.size(); i > 0 && seen < kFooterLines; --i) {
      const Line& l = lines_[i - 1];
      if (l.kind == LineKind::kBlank) continue;
      ++seen;
      if (!l.footer) continue;
      if (std::string_view owner = FooterOwner(l.text); !owner.empty()) return owner;
    }
    return {};
  }

  // The publisher of the page as a whole, for articles that print none of their own (teasers,
  // an untitled lead article, a headed item without a source line): the site's name from its
  // footer, else the one publisher that two or more headed articles, and no other headed
  // article, name.
  static std::string_view PagePublisher(const std::vector<Draft>& drafts,
                                        std::string_view site_name) {
    if (!site_name.empty()) return site_name;
    std::string_view only;
    size_t naming = 0;
    for (const Draft& d : drafts) {
      if (!d.headed || d.header.source.empty() || d.paragraphs.empty()) continue;
      if (!only.empty() && !EqualsCi(only, d.header.source)) return {};
      only = d.header.source;
      ++naming;
    }
    return naming >= 2 ? only : std::string_view();
  }

  CleanResult Finish(std::vector<Draft>* drafts) const {
    CleanResult result;
    const std::string_view site_name = FooterSiteName();
    result.meta.site_name = std::string(site_name);
    const std::string_view page_publisher = PagePublisher(*drafts, site_name);
    std::string first_signature;
    size_t headed = 0;
    bool peers = true;
    bool has_regular = false;
    for (const Draft& d : *drafts) {
      has_regular = has_regular || Chars(d.paragraphs) >= options_.min_body_chars;
    }
    for (Draft& d : *drafts) {
      if (d.paragraphs.empty() || (d.headed && d.header.comment)) continue;
      Article a;
      std::string_view source;
      std::vector<std::string_view> tags;
      a.title = std::string(d.header.title);  // untitled drafts may have one from the page top
      if (d.headed) {
        source = d.header.source;
        tags = d.header.tags;
        for (auto au : d.header.authors) a.authors.emplace_back(au);
        if (d.header.date) {
          a.published_text = std::string(d.header.date_text);
          a.published_at_ms = d.header.date->epoch_ms;
        }
      }
      LeadIn lead = StripLeadIn(d.paragraphs[0], fetched_at_ms_);
      d.paragraphs[0] = lead.body;
      for (auto t : lead.tags) {
        if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
      }
      if (lead.date &&
          (!a.published_at_ms || !d.header.date || d.header.date->kind == DateKind::kRelative)) {
        a.published_text = std::string(lead.date_text);
        a.published_at_ms = lead.date->epoch_ms;
      }
      if (source.empty()) source = lead.agency;
      if (source.empty()) source = page_publisher;
      if (source.empty() && !d.headed && !d.teaser) source = CreditedAgency(d);
      a.source = std::string(source);
      for (auto t : tags) a.tags.emplace_back(t);
      std::string body;
      for (auto p : d.paragraphs) {
        p = Trim(p);
        if (p.empty()) continue;
        if (!body.empty()) body.push_back('\n');
        body.append(p);
      }
      // A fully headed item (headline and a date or publisher) may carry a one-line body when
      // the page has no article of regular length (a short news item, a feed of one-liners).
      const bool full_header = d.headed && !d.header.title.empty() &&
                               (d.header.date || !d.header.source.empty()) && !has_regular;
      size_t min_chars = full_header ? options_.min_headed_teaser_chars
                         : d.headed  ? options_.min_body_chars
                         : d.teaser  ? options_.min_headed_teaser_chars
                                     : 1;
      if (body.size() < min_chars) continue;
      a.truncated = d.teaser || LooksTruncated(body);
      a.body = std::move(body);
      a.position = static_cast<uint32_t>(result.articles.size());
      if (d.headed) {
        ++headed;
        if (first_signature.empty()) {
          first_signature = d.header.signature;
        } else if (d.header.signature != first_signature) {
          peers = false;
        }
      } else {
        peers = false;
      }
      result.articles.push_back(std::move(a));
    }
    if (result.articles.empty()) {
      result.meta.layout_page_type = PageType::kUnknown;
    } else if (peers && headed >= 2) {
      result.meta.layout_page_type = PageType::kListing;
    } else {
      result.meta.layout_page_type = PageType::kArticle;
    }
    return result;
  }

  // A line that stops mid-sentence and a next line that starts in lower case are one sentence.
  // Date lines ("time2 hours ago", "yesterday") start in lower case too: they never join.
  bool JoinsNext(std::string_view a, std::string_view b) const {
    if (a.empty() || b.empty() || !IsLowerAscii(b[0])) return false;
    if (EndsSentence(a) || EndsWithEllipsis(a) || a.back() == ':') return false;
    if (BulletPrefix(a) > 0 || BulletPrefix(b) > 0) return false;
    if (!(CountWords(a) >= 4 || CountWords(b) >= 4)) return false;
    if (b.size() <= 80) {
      if (ParsePrintedDate(b, fetched_at_ms_) || FindTrailingRelativeDate(b, fetched_at_ms_)) {
        return false;
      }
      auto d = FindPrintedDate(b, fetched_at_ms_);
      if (d && d->begin <= 5) return false;  // "time2 hours ago • Publisher"
    }
    return true;
  }

  const TextSplitterOptions& options_;
  int64_t fetched_at_ms_;
  std::deque<std::string> joined_;                       // storage for rejoined lines
  std::unordered_map<std::string_view, size_t> counts_;  // occurrences of each line
  std::vector<size_t> text_prefix_;  // text_prefix_[i]: paragraph bytes in lines [0, i)
  std::vector<Line> lines_;
};

}  // namespace

CleanResult TextPageSplitter::Split(std::string_view utf8_text, int64_t fetched_at_ms) const {
  PageSplit split(options_, utf8_text, fetched_at_ms);
  return split.Run();
}

}  // namespace newsflow
