#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/words.h"
#include "stages/clean/text/line_text.h"
#include "stages/clean/text/page_split.h"

namespace newsflow {
namespace clean_text {

using text::AsciiLower;
using text::CountWords;
using text::IsAsciiDigit;
using text::IsAsciiLower;
using text::IsAsciiUpper;

namespace {

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
  static const auto& kOpeners = phrases::List("text.deck_openers");
  static const auto& kFunction = phrases::List("text.function_words");
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
    if (!IsAsciiUpper(w[0])) continue;
    char pc = prev.back();
    if (pc == ',' || pc == ':' || pc == ';') continue;
    std::string prev_bare = AsciiLower(prev);
    while (!prev_bare.empty() && !IsAsciiLower(prev_bare.back()) &&
           !IsAsciiDigit(prev_bare.back())) {
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
    bool prev_lower = IsAsciiLower(prev[0]) || IsAsciiDigit(prev[0]);
    if (opener || prev_lower) return words[i].first;
  }
  return 0;
}

}  // namespace

// Text before the first header: the densest block of paragraphs is an untitled article,
// possibly followed by teasers.
void PageSplit::UntitledDrafts(size_t begin, size_t end, std::vector<Draft>* drafts) const {
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

bool PageSplit::LongEnoughForTeaser(std::string_view p) const {
  return p.size() >= options_.min_teaser_chars;
}

// Where a tail of one-line paragraphs cut mid-sentence or led by a deck (teasers, each
// possibly under its own headline line) starts in `ps`; ps.size() when there is none.
size_t PageSplit::TeaserTailStart(const std::vector<std::string_view>& ps) const {
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
void PageSplit::AddTeasers(const std::vector<std::string_view>& ps, size_t start,
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

// "More stories" boxes after the article: headline, snippet cut with "...", repeated. Cut
// before the first of two or more such snippets that end the region.
size_t PageSplit::CutTeaserTail(size_t begin, size_t end) const {
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

}  // namespace clean_text
}  // namespace newsflow
