#include <algorithm>

#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/words.h"
#include "common/time/printed_date.h"
#include "common/time/relative_date.h"
#include "stages/clean/text/line_classifier.h"
#include "stages/clean/text/line_text.h"
#include "stages/clean/text/page_split.h"

namespace newsflow {
namespace clean_text {

using text::Blank;
using text::CountWords;
using text::IsAsciiLower;
using text::Trim;

PageSplit::PageSplit(const TextSplitterOptions& options, std::string_view text,
                     int64_t fetched_at_ms)
    : options_(options), fetched_at_ms_(fetched_at_ms) {
  if (text.size() > options.max_page_bytes) text = text.substr(0, options.max_page_bytes);
  Classifier classifier{options, fetched_at_ms};
  std::vector<std::string_view> raw;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    raw.push_back(Trim(text.substr(pos, nl - pos), Blank::kVisible));
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

// A line that stops mid-sentence and a next line that starts in lower case are one sentence.
// Date lines ("time2 hours ago", "yesterday") start in lower case too: they never join.
bool PageSplit::JoinsNext(std::string_view a, std::string_view b) const {
  if (a.empty() || b.empty() || !IsAsciiLower(b[0])) return false;
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

// Lists inside articles (tour dates, results, schedules) print one short line per item with
// no sentence punctuation, like menus do; unlike menu items, every item holds a number.
// A run of three or more such lines right after paragraph text is part of the text.
void PageSplit::PromoteDataLists() {
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
void PageSplit::PromoteSnippets() {
  constexpr size_t kMinWords = 10;
  constexpr size_t kMinChars = 60;
  constexpr int kTitleLookback = 4;
  for (size_t i = 1; i + 1 < lines_.size(); ++i) {
    Line& l = lines_[i];
    if (l.kind != LineKind::kShort || l.words < kMinWords || l.text.size() < kMinChars ||
        l.widget || l.credit || l.footer || Byline(l.text)) {
      continue;
    }
    if (lines_[i - 1].kind != LineKind::kBlank || lines_[i + 1].kind != LineKind::kBlank) continue;
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
void PageSplit::PromoteBulletedStatements() {
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

size_t PageSplit::Occurrences(std::string_view text) const {
  auto it = counts_.find(text);
  return it == counts_.end() ? 0 : it->second;
}

// The first non-blank line of [begin, end), or end.
size_t PageSplit::FirstNonBlank(size_t begin, size_t end) const {
  while (begin < end && lines_[begin].kind == LineKind::kBlank) ++begin;
  return begin;
}

// Text bytes of the paragraph lines in [begin, end).
size_t PageSplit::TextChars(size_t begin, size_t end) const {
  end = std::min(end, lines_.size());
  return begin < end ? text_prefix_[end] - text_prefix_[begin] : 0;
}

}  // namespace clean_text
}  // namespace newsflow
