#include "stages/clean/text/header.h"

#include <algorithm>

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/words.h"
#include "stages/clean/text/line_text.h"

namespace newsflow {
namespace clean_text {

using text::AsciiLower;
using text::Blank;
using text::CountWords;
using text::EndsWith;
using text::EqualsIgnoreAsciiCase;
using text::IsAsciiUpper;
using text::StartsWith;
using text::Trim;

namespace {

// Whether a line found where a publisher is printed (glued to the date, just above it) can
// name one: not a label ("About this statement:", "Wordcount: 717"), a handle ("@jdoe"), a
// byline or a staff role ("By admin", "Contributing Writer"), a weekday split off its date
// ("WED,"), or a navigation word ("Search", "Top Stories").
bool PlausiblePublisher(std::string_view s) {
  s = Trim(s, Blank::kVisible);
  if (s.empty() || s.size() > 60 || s[0] == '@' || s.back() == ',' ||
      s.find(':') != std::string_view::npos) {
    return false;
  }
  const std::string lower = AsciiLower(s);
  if (StartsWith(lower, "by ")) return false;
  static const auto& kNavigation = phrases::List("text.navigation");
  for (std::string_view n : kNavigation) {
    if (lower == n) return false;
  }
  static const auto& kWeekdays = phrases::List("text.weekdays");
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
  static const auto& kRoles = phrases::List("text.staff_roles");
  for (std::string_view role : kRoles) {
    if (last == role) return false;
  }
  return true;
}

// Where the parts of a header run are, as indexes into `nb`, the run's non-blank lines.
struct HeaderLayout {
  std::vector<size_t> nb;  // non-blank line indexes
  std::optional<size_t> date_pos;
  std::optional<size_t> source_pos;
  size_t start = 0;  // where the header starts
};

HeaderLayout FindLayout(const std::vector<Line>& lines, size_t begin, size_t end) {
  HeaderLayout layout;
  std::vector<size_t>& nb = layout.nb;
  std::optional<size_t>& date_pos = layout.date_pos;
  std::optional<size_t>& source_pos = layout.source_pos;
  size_t& start = layout.start;
  for (size_t i = begin; i < end; ++i) {
    if (lines[i].kind != LineKind::kBlank) nb.push_back(i);
  }
  std::optional<size_t> first_title;
  for (size_t k = 0; k < nb.size(); ++k) {
    const Line& l = lines[nb[k]];
    if (l.kind == LineKind::kTitle && !first_title) first_title = k;
    if ((l.kind == LineKind::kDate || l.kind == LineKind::kSourceDate) && !date_pos) date_pos = k;
  }
  // Where the header starts: its first headline, or the source line before the date.
  start = nb.size();
  if (first_title) start = *first_title;
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
  return layout;
}

// Sets h->title (and moves the header's start up to a headline found above it).
void TakeTitle(const std::vector<Line>& lines, HeaderLayout* layout, Header* h_out) {
  Header& h = *h_out;
  const std::vector<size_t>& nb = layout->nb;
  const std::optional<size_t>& date_pos = layout->date_pos;
  const std::optional<size_t>& source_pos = layout->source_pos;
  size_t& start = layout->start;
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
}

// Sets the date and the publisher printed with it (or on the line above it, or as the last of
// several bullets).
void TakeDateAndSource(const std::vector<Line>& lines, const HeaderLayout& layout, Header* h_out) {
  Header& h = *h_out;
  const std::vector<size_t>& nb = layout.nb;
  const std::optional<size_t>& date_pos = layout.date_pos;
  const std::optional<size_t>& source_pos = layout.source_pos;
  const size_t start = layout.start;
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
}

// Sets the tags, authors and signature; a single unbulleted line under the date may still
// name the publisher.
void TakeTagsAndAuthors(const std::vector<Line>& lines, const HeaderLayout& layout, Header* h_out) {
  Header& h = *h_out;
  const std::vector<size_t>& nb = layout.nb;
  const std::optional<size_t>& date_pos = layout.date_pos;
  const std::optional<size_t>& source_pos = layout.source_pos;
  const size_t start = layout.start;
  std::vector<std::string_view> plain_tags;
  for (size_t k = start; k < nb.size(); ++k) {
    const Line& l = lines[nb[k]];
    h.signature.push_back(static_cast<char>('0' + static_cast<int>(l.kind)));
    if (l.kind == LineKind::kBullet) {
      if (EqualsIgnoreAsciiCase(l.label, h.source) || l.label == h.title) continue;
      h.tags.push_back(l.label);
    } else if (auto by = Byline(l.text)) {
      h.authors.push_back(*by);
    } else if (date_pos && k > *date_pos && l.kind == LineKind::kShort && l.words <= 3 &&
               !l.widget && !l.credit && l.text != h.title &&
               !EqualsIgnoreAsciiCase(l.text, h.source) && IsAsciiUpper(l.text[0]) &&
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
}

}  // namespace

Header ParseHeader(const std::vector<Line>& lines, size_t begin, size_t end) {
  Header h;
  h.run_begin = begin;
  h.run_end = end;
  HeaderLayout layout = FindLayout(lines, begin, end);
  TakeTitle(lines, &layout, &h);
  TakeDateAndSource(lines, layout, &h);
  TakeTagsAndAuthors(lines, layout, &h);
  return h;
}

}  // namespace clean_text
}  // namespace newsflow
