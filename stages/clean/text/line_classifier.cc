#include "stages/clean/text/line_classifier.h"

#include "common/phrases/phrase_book.h"
#include "common/text/ascii.h"
#include "common/text/trim.h"
#include "common/text/words.h"
#include "stages/clean/text/line_cues.h"
#include "stages/clean/text/line_text.h"

namespace newsflow {
namespace clean_text {

using text::AsciiLowerInto;
using text::Blank;
using text::CountWords;
using text::EndsWith;
using text::IsAsciiLower;
using text::IsAsciiUpper;
using text::StartsWith;
using text::Trim;

namespace {

// A publisher name without the separators printed between it and a date ("Gazette ·").
std::string_view StripLabelSeparators(std::string_view s) {
  for (;;) {
    s = Trim(s, Blank::kVisible);
    if (!s.empty() && (s.back() == '-' || s.back() == '|' || s.back() == ',' || s.back() == ':')) {
      s.remove_suffix(1);
    } else if (EndsWith(s, "\xC2\xB7")) {  // ·
      s.remove_suffix(2);
    } else if (EndsWith(s, "\xE2\x80\xA2") || EndsWith(s, "\xE2\x80\x94") ||
               EndsWith(s, "\xE2\x80\x93")) {  // • — –
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

// The "time" label innerText prints for a <time> element, left at the end of a publisher
// glued to its date: "Harbour Gazettetime2 hours ago" -> "Harbour Gazette".
std::string_view StripGluedTimeLabel(std::string_view s) {
  if (s.size() > 4 && EndsWith(s, "time")) {
    const char before = s[s.size() - 5];
    if (IsAsciiLower(before) || before == ' ')
      return Trim(s.substr(0, s.size() - 4), Blank::kVisible);
  }
  return s;
}

// A publisher glued to a spelled-out date: "Harbour GazetteMay 6, 2025",
// "Harbour GazetteUpdated 6 May 2025" (innerText of adjacent inline elements).
bool ClassifyGluedDate(std::string_view t, int64_t fetched_at_ms, Line* line) {
  for (size_t at = 1; at + 4 < t.size(); ++at) {
    if (!IsAsciiUpper(t[at]) || !IsAsciiLower(t[at - 1])) continue;
    auto d = ParsePrintedDate(t.substr(at), fetched_at_ms);
    if (!d || d->kind != DateKind::kAbsolute) continue;
    std::string_view source = StripLabelSeparators(t.substr(0, at));
    if (source.empty() || !IsAsciiUpper(source[0]) || CountWords(source) > 6) return false;
    d->begin += at;
    d->end += at;
    line->kind = LineKind::kSourceDate;
    line->label = source;
    line->date = d;
    return true;
  }
  return false;
}

// A publisher and a date, or a date and a publisher, around a separator (see ClassifyDate).
bool ClassifySeparatedDate(std::string_view t, int64_t fetched_at_ms, Line* line) {
  // "Publisher · 09-04-2025", "Publisher | May 31, 2025".
  static constexpr std::string_view kSeps[] = {
      " \xC2\xB7 ", " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\xA2 ", " \xE2\x80\x93 "};
  for (std::string_view sep : kSeps) {
    size_t at = t.find(sep);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view rest = t.substr(at + sep.size());
    if (auto d = ParsePrintedDate(rest, fetched_at_ms)) {
      std::string_view source = Trim(t.substr(0, at), Blank::kVisible);
      if (CountWords(source) <= 6) {
        line->kind = LineKind::kSourceDate;
        line->label = source;
        d->begin += at + sep.size();
        d->end += at + sep.size();
        line->date = d;
        return true;
      }
    }
    // Date first: "2 hours ago · The Diplomat", "May 31, 2025 | 4 min read".
    // (A yearless "June 9 – Tampa, FL" is a list item, not a date line.)
    auto d = ParsePrintedDate(t.substr(0, at), fetched_at_ms);
    if (d && (d->kind == DateKind::kRelative || HasYear(t.substr(0, at)))) {
      std::string_view rest_trimmed = Trim(rest, Blank::kVisible);
      line->kind = LineKind::kDate;
      line->date = d;
      // What follows names the publisher unless it is a count ("4 min read").
      if (!rest_trimmed.empty() && CountWords(rest_trimmed) <= 5 && IsAsciiUpper(rest_trimmed[0]) &&
          rest_trimmed.find_first_of("0123456789") == std::string_view::npos) {
        line->kind = LineKind::kSourceDate;
        line->label = rest_trimmed;
      }
      return true;
    }
  }
  return false;
}

// Whether `t` (lower-cased: `lower`) is a date line or a publisher-and-date line; if so, sets
// `line`'s kind, date and label. `has_digit`: `t` holds a digit.
bool ClassifyDate(std::string_view t, std::string_view lower, bool has_digit, int64_t fetched_at_ms,
                  Line* line) {
  if (auto d = ParsePrintedDate(t, fetched_at_ms)) {
    line->kind = LineKind::kDate;
    line->date = d;
    return true;
  }
  if (auto d = FindTrailingRelativeDate(t, fetched_at_ms)) {
    std::string_view source = StripLabelSeparators(StripGluedTimeLabel(t.substr(0, d->begin)));
    if (!source.empty() && CountWords(source) <= 6 && !EndsSentence(source)) {
      line->kind = LineKind::kSourceDate;
      line->label = source;
      line->date = d;
      return true;
    }
  }
  if (has_digit && ClassifyGluedDate(t, fetched_at_ms, line)) return true;
  // "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019".
  static const auto& kDateLabels = phrases::List("text.date_labels");
  for (std::string_view label : kDateLabels) {
    if (!StartsWith(lower, label)) continue;
    if (auto d = FindPrintedDate(t, fetched_at_ms, label.size())) {
      line->kind = LineKind::kDate;
      line->date = d;
      return true;
    }
  }
  // "Associated Press November 19, 2019, 9:02 AM": a publisher, then a full date.
  if (auto d = has_digit ? FindPrintedDate(t, fetched_at_ms) : std::nullopt;
      d && d->end == t.size() && d->begin > 0) {
    std::string_view source = StripLabelSeparators(t.substr(0, d->begin));
    if (!source.empty() && CountWords(source) <= 5 && IsAsciiUpper(source[0]) &&
        !EndsSentence(source) && !Byline(source)) {
      line->kind = LineKind::kSourceDate;
      line->label = source;
      line->date = d;
      return true;
    }
  }
  return ClassifySeparatedDate(t, fetched_at_ms, line);
}

}  // namespace

void Classifier::Classify(Line* line) const {
  std::string_view t = line->text;
  if (t.empty()) {
    line->kind = LineKind::kBlank;
    return;
  }
  line->words = CountWords(t);
  char lower_buf[400];
  const std::string_view lower = AsciiLowerInto(t, lower_buf, sizeof lower_buf);
  const uint32_t cues = LineCues(lower);
  line->widget = LooksLikeWidget(t, cues);
  line->credit = LooksLikeCredit(t, lower, cues);
  line->footer = IsFooter(t, lower, cues);
  if (size_t b = BulletPrefix(t)) {
    std::string_view item = Trim(t.substr(b), Blank::kVisible);
    if (!item.empty() && item.size() <= 60 && CountWords(item) <= 6) {
      line->kind = LineKind::kBullet;
      line->label = item;
      return;
    }
  }
  // Every date form has a digit or one of a few words; most lines have neither.
  bool has_digit = false, maybe_date = false;
  if (t.size() <= 80) {
    has_digit = t.find_first_of("0123456789") != std::string_view::npos;
    maybe_date = has_digit || (cues & kCueDateWord) != 0;
  }
  if (maybe_date && ClassifyDate(t, lower, has_digit, fetched_at_ms, line)) return;
  bool sentence = EndsSentence(t) || EndsWithEllipsis(t);
  if ((line->words >= options.min_text_line_words && sentence) ||
      (t.size() >= options.min_text_line_chars && line->words >= 12)) {
    line->kind = LineKind::kText;
  } else {
    line->kind = LineKind::kShort;
  }
}

// Marks headlines printed twice in a row ("Title\n\nTitle"), and further copies of such a
// headline a few lines on (feeds print it again under the source and tags).
void MarkRepeatedTitles(std::vector<Line>* lines) {
  constexpr int kLookahead = 8;
  auto candidate = [](const Line& l) {
    return (l.kind == LineKind::kShort || l.kind == LineKind::kText ||
            l.kind == LineKind::kTitle) &&
           l.words >= 2 && l.text.size() <= 250 && !l.credit && !l.widget;
  };
  for (size_t i = 0; i < lines->size(); ++i) {
    Line& a = (*lines)[i];
    if (!candidate(a)) continue;
    size_t j = i + 1;
    while (j < lines->size() && (*lines)[j].kind == LineKind::kBlank) ++j;
    if (j >= lines->size() || (*lines)[j].text != a.text) continue;
    a.kind = LineKind::kTitle;
    (*lines)[j].kind = LineKind::kTitle;
    int seen = 0;
    for (size_t k = j + 1; k < lines->size() && seen < kLookahead; ++k) {
      Line& c = (*lines)[k];
      if (c.kind == LineKind::kBlank) continue;
      ++seen;
      if (c.text == a.text) c.kind = LineKind::kTitle;
      if (c.kind == LineKind::kText) break;
    }
  }
}

}  // namespace clean_text
}  // namespace newsflow
