// Article headers: a run of non-paragraph lines that holds a date line or a headline printed
// twice is parsed into headline, publisher, date, tags and bylines. ParseHeader is a pure
// function of the classified lines (line_classifier.h); the Header holds views into them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time/printed_date.h"
#include "common/time/relative_date.h"
#include "stages/clean/text/line.h"

namespace newsflow {
namespace clean_text {

struct Header {
  size_t run_begin = 0;  // the run of non-text lines holding the header
  size_t run_end = 0;
  std::string_view title;
  bool title_after_date = false;  // the title is the last short line after the date (a guess)
  size_t date_line = 0;           // index of the date line in the page (when `date` is set)
  std::string_view source;
  std::optional<PrintedDate> date;
  std::string_view date_text;
  std::vector<std::string_view> tags;
  std::vector<std::string_view> authors;
  std::string signature;  // the shape of the header, to tell feeds of peers from an article
  // A reader comment ("jdoe says:" / date / text): shaped like a header, it ends the article
  // above it and delimits its own text, but that text is no article.
  bool comment = false;
};

// The header in lines [begin, end). Headline: the repeated headline; else the last short line
// after the date (feeds that print source and date first); else a longer short line just
// before the source or date. Publisher: glued to the date, on the line above it, the last of
// several bullets, or a single line of 2+ words (or capitals) under the date. What precedes
// the first headline or source line of the run is not part of the header (chrome).
// `comment` is left false (the caller knows the commenter lines).
Header ParseHeader(const std::vector<Line>& lines, size_t begin, size_t end);

}  // namespace clean_text
}  // namespace newsflow
