// EvaluateTopics: how well a topic scorer's best topic matches labelled rows (what
// score_topics.py computes): accuracy, macro F1 over the gold labels, the confusions.
//
// Cost: one Score() per row. Threads: reads the scorer only (TopicScorer is immutable).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "stages/classify/topic_scorer.h"
#include "stages/classify/training/topic_rows.h"

namespace newsflow {

struct TopicEvaluation {
  size_t rows = 0;
  size_t correct = 0;
  size_t no_topic = 0;  // rows for which the scorer found nothing
  double accuracy = 0;
  double macro_f1 = 0;                                     // over the (renamed) gold labels
  std::vector<std::pair<std::string, size_t>> confusions;  // "gold->predicted", most first
};

// `rename` maps gold labels to the scorer's (e.g. business -> economy_business_finance).
TopicEvaluation EvaluateTopics(const TopicScorer& scorer, const std::vector<TopicRow>& rows,
                               const std::vector<std::pair<std::string, std::string>>& rename = {});

}  // namespace newsflow
