#include "stages/clean/text/lead_in.h"

#include <algorithm>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/words.h"
#include "stages/clean/text/line_text.h"

namespace newsflow {
namespace clean_text {

using text::Blank;
using text::CountWords;
using text::IsAsciiDigit;
using text::IsAsciiUpper;
using text::StartsWith;
using text::Trim;

namespace {

// Finds the start of a dateline ("ANKARA (Kyodo) --", "Yokohama, Aug. 21 (Jiji Press)--",
// "SINGAPORE —") within the first bytes of a paragraph. Returns the dateline's byte offset and
// the agency named in it (if any).
struct Dateline {
  size_t begin = 0;
  std::string_view agency;
};

bool IsMonthToken(std::string_view w) {
  static const auto& kMonths = phrases::List("text.months");
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
    if (!bare.empty() && std::all_of(bare.begin(), bare.end(), IsAsciiDigit) && bare.size() <= 2) {
      ok = true;
      saw_date = true;
    } else if (IsMonthToken(bare)) {
      ok = true;
      saw_date = true;
    } else if (IsAllCaps(bare) && bare.size() >= 2 && capitalised == 0) {
      ok = true;
    } else if (!bare.empty() && IsAsciiUpper(bare[0]) && capitalised == 0 &&
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
    if (!IsAsciiUpper(agency[0])) continue;
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

}  // namespace

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
        if (word.empty() || !IsAsciiUpper(word[0]) || word.size() > 24) break;
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
          std::string_view before = Trim(lead.substr(0, d->begin), Blank::kVisible);
          size_t sp = before.rfind(' ');
          if (sp != std::string_view::npos && CountWords(before) >= 3) {
            std::string_view w = before.substr(sp + 1);
            if (!w.empty() && IsAsciiUpper(w[0]) && !IsAllCaps(w)) out.tags.push_back(w);
          }
        }
      }
      out.body = p.substr(dl->begin);
    }
  }
  return out;
}

}  // namespace clean_text
}  // namespace newsflow
