#include "stages/clean/text/text_page_splitter.h"

#include <utility>

#include "stages/clean/text/page_split.h"

namespace newsflow {

TextPageSplitter::TextPageSplitter(TextSplitterOptions options) : options_(std::move(options)) {}

CleanResult TextPageSplitter::Split(std::string_view utf8_text, int64_t fetched_at_ms) const {
  clean_text::PageSplit split(options_, utf8_text, fetched_at_ms);
  return split.Run();
}

}  // namespace newsflow
