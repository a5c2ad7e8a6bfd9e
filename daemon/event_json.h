// ArticleEvent <-> JSON (protobuf JSON mapping, proto field names, defaults printed): the
// line format of `newsflowctl process` and `tail`, which the scorers in ../shared/tools read.
#pragma once

#include <string>

#include "newsflow/v1/article_event.pb.h"

namespace newsflow {

std::string EventToJson(const v1::ArticleEvent& event);

}  // namespace newsflow
