// LinearTopicModel: learned topics. An article becomes a TF-IDF vector over a vocabulary of
// word unigrams and bigrams (title words counted `title_repeat` times, tf = 1 + ln(count),
// idf = ln((1 + docs) / (1 + df)) + 1, L2-normalised), and each label has a linear scorer
// trained one-vs-rest by liblinear. Score of a label = sigmoid(slope * decision value): the
// logistic-regression probability for kLogisticRegression models, a squashed margin for SVMs.
//
// Model file (text, UTF-8, one record per line, tab-separated; written by Save, read by Load):
//   newsflow-topic-model	1
//   solver	svm|lr
//   slope	<double>
//   title_repeat	<int>
//   labels	<k>	<label>...
//   bias	<b_1>...<b_k>
//   terms	<n>
//   <term>	<idf>	<w_1>...<w_k>      (n lines; a term is one word or two words joined by a
//   space)
// Immutable after loading; Score is safe from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/status.h"
#include "stages/classify/text_features.h"
#include "stages/classify/topic_scorer.h"

namespace newsflow {

class LinearTopicModel final : public TopicScorer {
 public:
  // Errors: NotFound when the file is missing, Corruption naming the line when malformed.
  static StatusOr<std::shared_ptr<const LinearTopicModel>> LoadFile(const std::string& path);

  // Writes the model to `path` (temp file + rename). IoError on failure.
  Status SaveFile(const std::string& path) const;

  std::vector<Topic> Score(std::string_view title, std::string_view body) const override;
  std::string_view kind() const override { return "linear"; }

  // Decision values, one per label in labels() order.
  std::vector<double> Decisions(std::string_view title, std::string_view body) const;
  const std::vector<std::string>& labels() const { return parts_.labels; }
  size_t term_count() const { return parts_.terms.size(); }

  // Everything a model is made of; TrainTopicModel fills it.
  struct Parts {
    std::string solver;  // "svm" or "lr"
    double slope = 1.0;
    int title_repeat = 1;
    std::vector<std::string> labels;
    std::vector<double> bias;        // k
    std::vector<std::string> terms;  // n
    std::vector<float> idf;          // n
    std::vector<float> weights;      // n * k, term-major
  };
  static StatusOr<std::shared_ptr<const LinearTopicModel>> FromParts(Parts parts);

 private:
  LinearTopicModel() = default;
  Parts parts_;
  TermIndex index_;          // term hash -> term
  std::vector<float> rows_;  // per term: idf, then k weights (one cache line per lookup)
};

// Term counts of an article as the model sees them: (term hash, count) for every word and
// every pair of adjacent words of the title (counted title_repeat times) and the body.
// `text_out`, when not null, receives the term text for each hash (used by training).
void CountArticleTerms(std::string_view title, std::string_view body, int title_repeat,
                       std::unordered_map<uint64_t, float>* counts,
                       std::unordered_map<uint64_t, std::string>* text_out = nullptr);

}  // namespace newsflow
