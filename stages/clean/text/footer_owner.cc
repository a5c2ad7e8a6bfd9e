#include "stages/clean/text/footer_owner.h"

#include <algorithm>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/words.h"

namespace newsflow {
namespace clean_text {

using text::Blank;
using text::CountWords;
using text::EqualsIgnoreAsciiCase;
using text::FindIgnoreAsciiCase;
using text::IsAsciiDigit;
using text::IsAsciiLower;
using text::IsAsciiUpper;
using text::StartsWith;
using text::Trim;

namespace {

// A four-digit year or a range of them ("2025", "2019-2025", "2019–2025").
size_t YearPrefix(std::string_view s) {
  auto four = [](std::string_view t) {
    return t.size() >= 4 && std::all_of(t.begin(), t.begin() + 4, IsAsciiDigit) &&
           (t.size() == 4 || !IsAsciiDigit(t[4]));
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

}  // namespace

// The owner a copyright footer names: "© 2025 The Harbour Times. All rights reserved.",
// "Copyright © Metro Wire 2019-2025", "(c) 2025 Example Media, Inc." -> the name, without
// years, legalese and company suffixes; empty when the line names no one.
std::string_view FooterOwner(std::string_view s) {
  std::string_view t = Trim(s, Blank::kVisible);
  bool marked = false;
  for (;;) {
    t = Trim(t, Blank::kVisible);
    if (StartsWith(t, "\xC2\xA9")) {
      t.remove_prefix(2);
    } else if (t.size() >= 9 && EqualsIgnoreAsciiCase(t.substr(0, 9), "copyright")) {
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
                         t.find(" \xE2\x80\x93"), FindIgnoreAsciiCase(t, "all rights")});
  if (cut != std::string_view::npos) t = t.substr(0, cut);
  // A name is capitalised words (and a few connectors); what follows the first other word
  // or a bracket is prose ("The Republic unless otherwise noted", "Example (www.example.com)").
  for (size_t q = 0; q < t.size();) {
    size_t e = t.find(' ', q);
    if (e == std::string_view::npos) e = t.size();
    std::string_view w = t.substr(q, e - q);
    static const auto& kConnectors = phrases::List("text.name_connectors");
    const bool connector =
        std::find(std::begin(kConnectors), std::end(kConnectors), w) != std::end(kConnectors);
    if (q > 0 && !w.empty() && (w[0] == '(' || (IsAsciiLower(w[0]) && !connector))) {
      t = t.substr(0, q);
      break;
    }
    q = e + 1;
  }
  static const auto& kSuffixes = phrases::List("text.company_suffixes");
  for (;;) {
    t = Trim(t, Blank::kVisible);
    size_t sp = t.rfind(' ');
    std::string_view last = sp == std::string_view::npos ? t : t.substr(sp + 1);
    if (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ';' || t.back() == ':')) {
      t.remove_suffix(1);
    } else if (sp != std::string_view::npos && YearPrefix(last) == last.size()) {
      t = t.substr(0, sp);
    } else if (sp != std::string_view::npos &&
               std::find(kSuffixes.begin(), kSuffixes.end(), last) != kSuffixes.end()) {
      t = t.substr(0, sp);
    } else {
      break;
    }
  }
  if (t.empty() || t.size() > 60 || !IsAsciiUpper(t[0]) || CountWords(t) > 6 ||
      t.find_first_of("0123456789@/") != std::string_view::npos) {
    return {};
  }
  return t;
}

}  // namespace clean_text
}  // namespace newsflow
