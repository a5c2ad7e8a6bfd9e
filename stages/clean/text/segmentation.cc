#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "stages/clean/text/line_text.h"
#include "stages/clean/text/page_split.h"

namespace newsflow {
namespace clean_text {

using text::EndsWith;

namespace {

// A headline, then a one-paragraph standfirst, then a header with no headline of its own
// (byline and date): the standfirst is not an article, the headline belongs to the next.
void MergeDecks(std::vector<Draft>* drafts) {
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

}  // namespace

size_t Chars(const std::vector<std::string_view>& ps) {
  size_t n = 0;
  for (auto p : ps) n += p.size();
  return n;
}

CleanResult PageSplit::Run() {
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

bool PageSplit::IsBreakLine(const Line& l) const {
  if (l.kind == LineKind::kBlank) return false;
  if (l.kind == LineKind::kText) return false;
  if (l.credit) return false;
  return !EndsSentence(l.text);
}

// A run of lines naming a commenter: "jdoe says:", "Jane Doe wrote:", "jdoe replied:".
bool PageSplit::IsCommentHeader(size_t begin, size_t end) const {
  static const auto& kVerbs = phrases::List("text.comment_verbs");
  for (size_t i = begin; i < end; ++i) {
    const std::string_view t = lines_[i].text;
    if (t.size() > 80) continue;
    for (std::string_view v : kVerbs) {
      if (EndsWith(t, v)) return true;
    }
  }
  return false;
}

// Paragraphs of lines [begin, end) up to the first widget block; returns where it stopped.
size_t PageSplit::CollectBody(size_t begin, size_t end, std::vector<std::string_view>* out) const {
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

// The last headline-like line of [begin, end), or empty.
std::string_view PageSplit::LastHeadline(size_t begin, size_t end) const {
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
bool PageSplit::FooterDatedDrafts(const std::vector<Header>& headers,
                                  std::vector<Draft>* drafts) const {
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

}  // namespace clean_text
}  // namespace newsflow
