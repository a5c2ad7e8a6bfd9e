#include <algorithm>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "stages/clean/text/line_text.h"
#include "stages/clean/text/page_split.h"

namespace newsflow {
namespace clean_text {

using text::IsAsciiUpper;
using text::StartsWith;

// The run of lines with the most paragraph text net of the short lines (menus, link lists,
// widgets) inside it: maximum-sum subarray over per-line scores.
std::pair<size_t, size_t> PageSplit::DenseRegion() const {
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
std::vector<std::string_view> PageSplit::RegionBody(size_t begin, size_t end) const {
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

// An author box after the article: "About Jane Doe" / "Über ..." / "Sobre ..." or a bare name
// line, then a paragraph about that person. Cut there when it is in the region's last part.
size_t PageSplit::CutAuthorBio(size_t begin, size_t end) const {
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
    static const auto& kAbout = phrases::List("text.author_box");
    bool about = false;
    for (std::string_view a : kAbout) about = about || StartsWith(t, a);
    // A bare name whose paragraph starts with it: "Regan" / "Regan is a ...".
    std::string_view first = t.substr(0, t.find(' '));
    bool name = l.words <= 3 && IsAsciiUpper(t[0]) && !EndsSentence(t) && seen * 4 >= total * 3 &&
                t.find_first_of("0123456789") == std::string_view::npos &&
                StartsWith(lines_[next].text, first) && lines_[next].text.size() > first.size() &&
                lines_[next].text[first.size()] == ' ';
    if (about || name) return i;
  }
  return end;
}

// Single-article pages with navigation around the article: when the structured split does
// not account for the page's densest text, that text is the main article.
void PageSplit::PreferDenseRegion(const std::vector<Header>& headers,
                                  std::vector<Draft>* drafts) const {
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

}  // namespace clean_text
}  // namespace newsflow
