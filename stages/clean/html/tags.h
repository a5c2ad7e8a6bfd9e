// What each HTML tag means to the extractor: skipped whole, block-level, chrome wherever it
// appears, the kind of text block it makes, and readability's score prior. Pure functions of
// myhtml tag ids. Internal to stages/clean/html/.
#pragma once

#include "stages/clean/html/page_model.h"

namespace newsflow::html {

// Elements whose contents no reader sees as text (scripts, media, form controls...).
bool IsSkippedTag(int tag);

// Elements that start and end a text block.
bool IsBlockTag(int tag);

// Tags that are chrome wherever they appear (nav, aside, footer, header).
bool IsBoilerplateTag(int tag);

// The kind of block an element's text makes; sets `*heading_level` (1-6) for headings.
BlockKind KindOf(int tag, int* heading_level);

// Readability's tag priors for a container's score.
float TagWeight(int tag);

}  // namespace newsflow::html
