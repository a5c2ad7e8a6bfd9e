#include "stages/clean/text/header.h"

#include <algorithm>
#include <utility>

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

// One header run read in steps: the constructor finds where its parts are, then the title,
// the date and publisher, and the tags and authors are taken in that order (each step reads
// what the ones before it set).
class HeaderReader {
 public:
  HeaderReader(const std::vector<Line>& lines, size_t begin, size_t end);

  Header Read() && {
    TakeTitle();
    TakeDateAndSource();
    TakeTagsAndAuthors();
    return std::move(h_);
  }

 private:
  // The k-th non-blank line of the run.
  const Line& At(size_t k) const { return lines_[nb_[k]]; }
  // Sets the title (and moves start_ up to a headline found above it).
  void TakeTitle();
  // Sets the date and the publisher printed with it (or on the line above it, or as the last
  // of several bullets).
  void TakeDateAndSource();
  // Sets the tags, authors and signature; a single unbulleted line under the date may still
  // name the publisher.
  void TakeTagsAndAuthors();

  const std::vector<Line>& lines_;
  std::vector<size_t> nb_;            // the run's non-blank line indexes
  std::optional<size_t> date_pos_;    // the date line, as an index into nb_
  std::optional<size_t> source_pos_;  // the publisher line above it, likewise
  size_t start_ = 0;                  // where the header starts, likewise
  Header h_;
};

HeaderReader::HeaderReader(const std::vector<Line>& lines, size_t begin, size_t end)
    : lines_(lines) {
  h_.run_begin = begin;
  h_.run_end = end;
  for (size_t i = begin; i < end; ++i) {
    if (lines_[i].kind != LineKind::kBlank) nb_.push_back(i);
  }
  std::optional<size_t> first_title;
  for (size_t k = 0; k < nb_.size(); ++k) {
    const Line& l = At(k);
    if (l.kind == LineKind::kTitle && !first_title) first_title = k;
    if ((l.kind == LineKind::kDate || l.kind == LineKind::kSourceDate) && !date_pos_) date_pos_ = k;
  }
  // Where the header starts: its first headline, or the source line before the date.
  start_ = nb_.size();
  if (first_title) start_ = *first_title;
  if (date_pos_) {
    start_ = std::min(start_, *date_pos_);
    // A publisher printed on the date's own line needs no separate source line.
    if (*date_pos_ > 0 && At(*date_pos_).kind == LineKind::kDate) {
      const Line& before = At(*date_pos_ - 1);
      if (before.kind == LineKind::kShort && before.words <= 6 && !Byline(before.text) &&
          !EndsSentence(before.text)) {
        source_pos_ = *date_pos_ - 1;
        start_ = std::min(start_, *source_pos_);
      }
    }
  }
}

void HeaderReader::TakeTitle() {
  // Title: the repeated headline; else the last short line after the date (feeds that print
  // source and date first); else a longer short line just before the source or date.
  auto headline_like = [&](const Line& l, size_t min_words) {
    return l.kind == LineKind::kShort && l.words >= min_words && !Byline(l.text) && !l.widget &&
           !l.credit && !IsTimeOfDay(l.text);
  };
  for (size_t k = start_; k < nb_.size(); ++k) {
    if (At(k).kind == LineKind::kTitle) h_.title = At(k).text;
  }
  if (h_.title.empty() && date_pos_ && !nb_.empty()) {
    const Line& last = lines_[nb_.back()];
    if (nb_.size() - 1 > *date_pos_ && headline_like(last, 2)) {
      h_.title = last.text;
      h_.title_after_date = true;
    }
  }
  if (h_.title.empty() && date_pos_) {
    size_t above = source_pos_ ? *source_pos_ : *date_pos_;
    for (size_t back = 1; back <= 2 && above >= back; ++back) {
      const Line& l = At(above - back);
      if (Byline(l.text)) continue;
      if (headline_like(l, 3)) {
        h_.title = l.text;
        start_ = std::min(start_, above - back);
      }
      break;
    }
  }
}

void HeaderReader::TakeDateAndSource() {
  if (date_pos_) {
    const Line& d = At(*date_pos_);
    h_.date = d.date;
    h_.date_line = nb_[*date_pos_];
    h_.date_text = d.text.substr(d.date->begin, d.date->end - d.date->begin);
    if (d.kind == LineKind::kSourceDate && PlausiblePublisher(d.label)) h_.source = d.label;
  }
  if (h_.source.empty() && source_pos_ && PlausiblePublisher(At(*source_pos_).text)) {
    h_.source = At(*source_pos_).text;
  }
  // Feeds list "• Tag ... • Publisher": without a source line, the last of several bullets.
  if (h_.source.empty()) {
    std::vector<std::string_view> bullets;
    for (size_t k = start_; k < nb_.size(); ++k) {
      if (At(k).kind == LineKind::kBullet) bullets.push_back(At(k).label);
    }
    if (bullets.size() >= 2) h_.source = bullets.back();
  }
}

void HeaderReader::TakeTagsAndAuthors() {
  std::vector<std::string_view> plain_tags;
  for (size_t k = start_; k < nb_.size(); ++k) {
    const Line& l = At(k);
    h_.signature.push_back(static_cast<char>('0' + static_cast<int>(l.kind)));
    if (l.kind == LineKind::kBullet) {
      if (EqualsIgnoreAsciiCase(l.label, h_.source) || l.label == h_.title) continue;
      h_.tags.push_back(l.label);
    } else if (auto by = Byline(l.text)) {
      h_.authors.push_back(*by);
    } else if (date_pos_ && k > *date_pos_ && l.kind == LineKind::kShort && l.words <= 3 &&
               !l.widget && !l.credit && l.text != h_.title &&
               !EqualsIgnoreAsciiCase(l.text, h_.source) && IsAsciiUpper(l.text[0]) &&
               l.text.find_first_of("0123456789:@/!?#|") == std::string_view::npos) {
      plain_tags.push_back(l.text);  // tags printed without bullets
    }
  }
  // A single line under a date that names no publisher is the publisher ("2 hours ago" /
  // "Harbour Gazette"), unless it reads like a one-word section ("Politics"); several such
  // lines are tags.
  if (h_.source.empty() && plain_tags.size() == 1 && !source_pos_ &&
      (CountWords(plain_tags[0]) >= 2 || IsAllCaps(plain_tags[0])) &&
      PlausiblePublisher(plain_tags[0])) {
    h_.source = plain_tags[0];
    plain_tags.clear();
  }
  // Unbulleted tags only when they are few, like the bulleted ones they stand in for.
  if (h_.tags.empty() && plain_tags.size() <= 3) h_.tags = plain_tags;
}

}  // namespace

Header ParseHeader(const std::vector<Line>& lines, size_t begin, size_t end) {
  return HeaderReader(lines, begin, end).Read();
}

}  // namespace clean_text
}  // namespace newsflow
