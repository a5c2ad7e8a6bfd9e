#include "stages/classify/training/topic_evaluation.h"

#include <algorithm>
#include <map>
#include <set>

namespace newsflow {

TopicEvaluation EvaluateTopics(const TopicScorer& scorer, const std::vector<TopicRow>& rows,
                               const std::vector<std::pair<std::string, std::string>>& rename) {
  TopicEvaluation eval;
  std::map<std::string, size_t> tp, fp, fn, confusions;
  std::set<std::string> gold_labels;
  for (const TopicRow& row : rows) {
    std::string gold = row.label;
    for (const auto& [from, to] : rename) {
      if (gold == from) {
        gold = to;
        break;
      }
    }
    gold_labels.insert(gold);
    auto topics = SelectTopics(scorer.Score(row.title, row.text), 0.0, 1);
    const std::string predicted = topics.empty() ? "" : topics[0].label;
    ++eval.rows;
    if (topics.empty()) ++eval.no_topic;
    if (predicted == gold) {
      ++eval.correct;
      ++tp[gold];
    } else {
      ++fn[gold];
      if (!predicted.empty()) ++fp[predicted];
      ++confusions[gold + "->" + (predicted.empty() ? "(none)" : predicted)];
    }
  }
  eval.accuracy = eval.rows == 0 ? 0 : static_cast<double>(eval.correct) / eval.rows;
  double f1_sum = 0;
  for (const std::string& label : gold_labels) {
    const double t = static_cast<double>(tp[label]);
    f1_sum += t == 0 ? 0 : 2 * t / (2 * t + fp[label] + fn[label]);
  }
  eval.macro_f1 = gold_labels.empty() ? 0 : f1_sum / gold_labels.size();
  eval.confusions.assign(confusions.begin(), confusions.end());
  std::stable_sort(eval.confusions.begin(), eval.confusions.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return eval;
}

}  // namespace newsflow
