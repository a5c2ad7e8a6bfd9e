#include "stages/clean/text/line_text.h"

#include <algorithm>

#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/words.h"

namespace newsflow {
namespace clean_text {

using text::Blank;
using text::CountWords;
using text::EndsWith;
using text::IsAsciiDigit;
using text::IsAsciiLower;
using text::IsAsciiUpper;
using text::StartsWith;
using text::Trim;

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
    if (IsAsciiLower(c)) return false;
    if (IsAsciiUpper(c)) ++upper;
  }
  return upper >= 2;
}

// Four digits in a row: a printed year.
bool HasYear(std::string_view s) {
  size_t run = 0;
  for (char c : s) {
    run = IsAsciiDigit(c) ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
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

// "By Jane Doe", "By Jane Doe and John Roe".
// The name is what precedes a separator: "By Amy Doe | Example Media", "By Amy Doe, Wire".
std::optional<std::string_view> Byline(std::string_view s) {
  if (s.size() < 5 || s.size() > 120) return std::nullopt;
  if (!(StartsWith(s, "By ") || StartsWith(s, "BY ") || StartsWith(s, "by "))) return std::nullopt;
  std::string_view name = Trim(s.substr(3), Blank::kVisible);
  if (name.empty() || !IsAsciiUpper(name[0])) return std::nullopt;
  size_t cut = std::min({name.find(" |"), name.find(", "), name.find(" on "), name.find(" - ")});
  if (cut != std::string_view::npos) name = Trim(name.substr(0, cut), Blank::kVisible);
  if (name.empty() || CountWords(name) > 8) return std::nullopt;
  return name;
}

// A line that is only a time of day: "2000 GMT", "20:00 BST", "8:30 pm ET", "(10.30am)".
// Pages print it under a yearless date; it is part of the date, never a headline.
bool IsTimeOfDay(std::string_view s) {
  s = Trim(s, Blank::kVisible);
  if (!s.empty() && s.front() == '(' && s.back() == ')')
    s = Trim(s.substr(1, s.size() - 2), Blank::kVisible);
  size_t i = 0, digits = 0;
  while (i < s.size() && (IsAsciiDigit(s[i]) || ((s[i] == ':' || s[i] == '.') && digits > 0))) {
    digits += IsAsciiDigit(s[i]);
    ++i;
  }
  if (digits < 3 || digits > 4) return false;
  std::string_view rest = Trim(s.substr(i), Blank::kVisible);
  if (StartsWith(rest, "am") || StartsWith(rest, "pm") || StartsWith(rest, "AM") ||
      StartsWith(rest, "PM")) {
    rest = Trim(rest.substr(2), Blank::kVisible);
  }
  // An optional zone abbreviation ("GMT", "ET", "(JST)").
  if (!rest.empty() && rest.front() == '(' && rest.back() == ')') {
    rest = rest.substr(1, rest.size() - 2);
  }
  return rest.empty() || (rest.size() <= 4 && IsAllCaps(rest) &&
                          std::all_of(rest.begin(), rest.end(), IsAsciiUpper));
}

// Truncated: the body stops mid-sentence or with an ellipsis. A short credit after the last
// sentence ("[Copyright ...] Jiji Press") does not count.
bool LooksTruncated(std::string_view body) {
  body = Trim(body, Blank::kVisible);
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
  std::string_view tail = Trim(body.substr(i), Blank::kVisible);
  if (i > 0 && CountWords(tail) <= 3) {
    bool all_caps_words = true;
    size_t pos = 0;
    while (pos < tail.size()) {
      while (pos < tail.size() && tail[pos] == ' ') ++pos;
      if (pos < tail.size() && !IsAsciiUpper(tail[pos])) all_caps_words = false;
      size_t e = tail.find(' ', pos);
      pos = e == std::string_view::npos ? tail.size() : e;
    }
    if (all_caps_words) return false;
  }
  return true;
}

}  // namespace clean_text
}  // namespace newsflow
