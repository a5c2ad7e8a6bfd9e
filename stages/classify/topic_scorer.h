// TopicScorer: what the classify stage asks of a topic model — every label it knows, scored
// for one article. Implemented by the default taxonomy (taxonomy.h) and the learned linear
// model (linear_topic_model.h).
//
// Implementations are immutable after loading and safe to call from many threads at once.
#pragma once

#include <string_view>
#include <vector>

#include "pipeline/model.h"

namespace newsflow {

class TopicScorer {
 public:
  virtual ~TopicScorer() = default;
  // Scores of the labels with any evidence for this article (score in (0, 1]), in no
  // particular order. Empty when nothing matches.
  virtual std::vector<Topic> Score(std::string_view title, std::string_view body) const = 0;
  // "taxonomy" or "linear", for logs.
  virtual std::string_view kind() const = 0;
};

// The topics an article gets: sorted by descending score (ties by label), those with
// score >= threshold, at most max_topics; the best one is kept even below the threshold when
// its score is above 0.
std::vector<Topic> SelectTopics(std::vector<Topic> scored, double threshold, size_t max_topics);

}  // namespace newsflow
