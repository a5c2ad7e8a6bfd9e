// One line of a visible-text page as the splitter sees it: its trimmed text, what kind of line
// it is (paragraph text, short line, headline, date, publisher and date, bullet) and the cues
// found on it. Lines are views into the page text (or into the splitter's storage for lines
// rejoined from pieces); they live as long as the PageSplit that made them.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/time/printed_date.h"
#include "common/time/relative_date.h"

namespace newsflow {
namespace clean_text {

enum class LineKind {
  kBlank,
  kText,        // paragraph text
  kShort,       // a short line: title, source, menu item, widget
  kTitle,       // a short line printed more than once nearby: a headline
  kDate,        // a line that is only a date ("time2 hours ago", "09-04-2025")
  kSourceDate,  // a publisher and a date on one line ("The Mainichia day ago")
  kBullet,      // "• Business", "- Politics"
};

struct Line {
  std::string_view text;  // trimmed
  LineKind kind = LineKind::kBlank;
  size_t words = 0;
  std::optional<PrintedDate> date;  // kDate, kSourceDate: span within `text`
  std::string_view label;           // kSourceDate: the publisher; kBullet: the item
  bool widget = false;              // LooksLikeWidget(text)
  bool credit = false;              // LooksLikeCredit(text)
  bool footer = false;              // IsFooter(text)
};

}  // namespace clean_text
}  // namespace newsflow
