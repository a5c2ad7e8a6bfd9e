#include "common/text/ascii.h"
#include "stages/clean/text/line_cues.h"
#include "stages/clean/text/line_text.h"
#include "stages/clean/text/page_split.h"

namespace newsflow {
namespace clean_text {

using text::AsciiLowerInto;
using text::IsAsciiLower;
using text::IsAsciiUpper;
using text::StartsWith;

namespace {

// Site chrome speaks to the reader ("the page you were looking for", "your choices"); a
// news brief reports on others. `lower`: lower-cased text.
bool AddressesReader(std::string_view lower) {
  for (size_t at = lower.find("you"); at != std::string_view::npos;
       at = lower.find("you", at + 3)) {
    if (at > 0 && IsAsciiLower(lower[at - 1])) continue;
    const std::string_view rest = lower.substr(at + 3);
    if (rest.empty() || !IsAsciiLower(rest[0]) || StartsWith(rest, "r ") ||
        StartsWith(rest, "rs") || StartsWith(rest, "rself")) {
      return true;
    }
  }
  return false;
}

// Sentence ends in `p`: ". ", "! ", "? " before a capital letter or a quote, and the end.
size_t CountSentences(std::string_view p) {
  size_t n = EndsSentence(p) ? 1 : 0;
  for (size_t i = 0; i + 2 < p.size(); ++i) {
    if ((p[i] == '.' || p[i] == '!' || p[i] == '?') && p[i + 1] == ' ' &&
        (IsAsciiUpper(p[i + 2]) || p[i + 2] == '"')) {
      ++n;
    }
  }
  return n;
}

}  // namespace

// A news brief printed as "headline, blank line, body": the page's first line is a
// headline of 3+ words set apart by blank lines only from the block `best` (lines
// [best_begin, best_end) of [begin, end)), which is the only paragraph text of [begin, end)
// and is two or more complete sentences with no widget, footer or credit wording and no
// "you"/"your" (a cookie notice, a "page not found" or a site's tagline under a menu line
// is no brief). Such a block is kept from min_titled_brief_chars on instead of
// min_untitled_chars.
bool PageSplit::IsTitledBrief(size_t begin, size_t end, size_t best_begin, size_t best_end,
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
    const std::string_view lower = AsciiLowerInto(p, lower_buf, sizeof lower_buf);
    if ((LineCues(lower) & (kCueWidget | kCueRights)) != 0 || AddressesReader(lower)) {
      return false;
    }
    sentences += CountSentences(p);
  }
  return sentences >= 2;
}

// Plain pages print "headline, blank line, body": the page's first line, set apart by a
// blank line, with no paragraph text between it and the body of the first article, is
// that article's headline when its header found none (an untitled article, or a header
// of date and place lines only).
void PageSplit::TitleFromPageTop(std::vector<Draft>* drafts) const {
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
bool PageSplit::IsPageTopCandidate(size_t top) const {
  if (top + 1 >= lines_.size()) return false;
  const Line& l = lines_[top];
  return l.words >= 2 && !l.widget && !l.credit && !l.footer && !Byline(l.text) &&
         !IsTimeOfDay(l.text) && lines_[top + 1].kind == LineKind::kBlank;
}

// ... and reads as a headline, not a sentence.
bool PageSplit::IsPageTopHeadline(size_t top) const {
  return IsPageTopCandidate(top) &&
         (lines_[top].kind == LineKind::kShort || lines_[top].kind == LineKind::kTitle);
}

}  // namespace clean_text
}  // namespace newsflow
