// Line classification: what kind each line of a page is (line.h), and which short lines are
// headlines printed twice. Classify looks at one line alone (its words, cue phrases, printed
// dates); MarkRepeatedTitles looks at the lines around it. Threads: a Classifier is immutable;
// both are safe from any thread on distinct lines. Cost: linear in the line; dates are only
// parsed on lines of at most 80 bytes that hold a digit or a date word.
#pragma once

#include <cstdint>
#include <vector>

#include "stages/clean/text/line.h"
#include "stages/clean/text/text_page_splitter.h"

namespace newsflow {
namespace clean_text {

struct Classifier {
  const TextSplitterOptions& options;
  int64_t fetched_at_ms;  // dates print relative to this (UTC epoch ms)

  // Sets line->kind, words, date, label and the widget/credit/footer cues from line->text
  // (already trimmed).
  void Classify(Line* line) const;
};

// Marks headlines printed twice in a row ("Title\n\nTitle"), and further copies of such a
// headline a few lines on (feeds print it again under the source and tags): their kind
// becomes kTitle.
void MarkRepeatedTitles(std::vector<Line>* lines);

}  // namespace clean_text
}  // namespace newsflow
