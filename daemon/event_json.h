// ArticleEvent <-> JSON (protobuf JSON mapping, proto field names, defaults printed): the
// line format of `newsflowctl process` and `tail`, which the scorers in ../shared/tools read.
#pragma once

#include <string>

#include "newsflow/v1/article_event.pb.h"
#include "newsflow/v1/raw_page.pb.h"

namespace newsflow {

std::string EventToJson(const v1::ArticleEvent& event);
std::string RawPageToJson(const v1::RawPage& page);

}  // namespace newsflow
