// Labelled article rows: the input of topic-model training (train_topic_model.h) and of
// evaluation (topic_evaluation.h), as JSON lines {"label", "title", "text"}.
//
// Cost: the whole file is read into memory. Threads: no shared state.
#pragma once

#include <string>
#include <vector>

#include "pipeline/status.h"

namespace newsflow {

// One labelled article of a training or evaluation set.
struct TopicRow {
  std::string label;
  std::string title;
  std::string text;
};

// Reads JSON lines {"label", "title", "text"} (other keys ignored; string values only).
// NotFound when the file is missing; InvalidArgument naming the line for a malformed row or a
// row without a label; InvalidArgument when there are no rows.
StatusOr<std::vector<TopicRow>> ReadTopicRows(const std::string& path);

}  // namespace newsflow
