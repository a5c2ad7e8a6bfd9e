// newsflowctl train-topics: a learned topic model (stages/classify/training/) from JSONL rows.
#include <cstdio>
#include <cstdlib>

#include "daemon/ctl/commands.h"
#include "stages/classify/training/train_topic_model.h"

namespace newsflow::ctl {

int TrainTopics(const Args& a) {
  if (!a.Has("--input") || !a.Has("--output")) return Usage();
  TrainTopicOptions o;
  o.input_path = a.Get("--input");
  o.output_path = a.Get("--output");
  o.seed = std::strtoull(a.Get("--seed", "1").c_str(), nullptr, 10);
  if (a.Has("--c")) o.c = std::atof(a.Get("--c").c_str());
  if (a.Get("--solver", "svm") == "lr") o.solver = TopicSolver::kLogisticRegression;
  TrainTopicReport report;
  Status s = TrainTopicModel(o, &report);
  if (!s.ok()) return Fail(s.ToString());
  std::fprintf(stderr, "trained on %zu rows, %zu labels, %zu features in %.1f s -> %s\n",
               report.rows, report.labels, report.features, report.seconds, o.output_path.c_str());
  return 0;
}

}  // namespace newsflow::ctl
