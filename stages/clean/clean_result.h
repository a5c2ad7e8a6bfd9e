// CleanResult: what a page cleaner (HTML or visible text) makes of one page.
#pragma once

#include <vector>

#include "pipeline/model.h"
#include "pipeline/status.h"

namespace newsflow {

struct CleanResult {
  PageMeta meta;                  // page-level metadata
  std::vector<Article> articles;  // in page order; articles[0] is the page's main article
  // Not OK when the page could not be read within its limits (the HTML parse budget): no
  // articles then, and the clean stage dead-letters the page with this reason.
  Status status;
};

}  // namespace newsflow
