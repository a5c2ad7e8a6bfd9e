// CleanResult: what a page cleaner (HTML or visible text) makes of one page.
#pragma once

#include <vector>

#include "pipeline/model.h"

namespace newsflow {

struct CleanResult {
  PageMeta meta;                  // page-level metadata
  std::vector<Article> articles;  // in page order; articles[0] is the page's main article
};

}  // namespace newsflow
