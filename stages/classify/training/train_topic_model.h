// TrainTopicModel: labelled rows (topic_rows.h) -> TF-IDF (word unigrams + bigrams, sublinear
// tf, L2 norm) -> one liblinear classifier per label -> a model file that the classify
// stage's LinearTopicModel loads (stages/classify/linear_topic_model.h). Used by
// `newsflowctl train-topics`; the daemon does not link it.
//
// Rows are shuffled with `seed`: the same seed and input give the same model file, byte for
// byte. Errors: NotFound / InvalidArgument from ReadTopicRows, InvalidArgument for c <= 0,
// IoError when the model cannot be written. Threads: not safe to run concurrently with other
// users of std::rand (liblinear draws from it; training seeds it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/status.h"

namespace newsflow {

enum class TopicSolver {
  kLogisticRegression,  // liblinear L2R_LR; scores are the one-vs-rest probabilities
  kLinearSvm,           // liblinear L2R_L2LOSS_SVC_DUAL; scores are sigmoid(2 * decision)
};

struct TrainTopicOptions {
  std::string input_path;   // JSONL rows
  std::string output_path;  // model file to write (replaced atomically: temp file + rename)
  uint64_t seed = 1;
  TopicSolver solver = TopicSolver::kLinearSvm;
  double c = 4.0;        // liblinear cost; 5-fold CV on bbc train is flat from 2 to 8
  int min_df = 3;        // drop rarer terms: half the model of min_df 2, same CV accuracy
  int title_repeat = 2;  // the title's terms count this many times (titles are dense)
  int cv_folds = 0;      // > 1: also report cross-validated accuracy on the input rows
};

struct TrainTopicReport {
  size_t rows = 0;
  size_t labels = 0;
  size_t features = 0;
  double cv_accuracy = -1;  // -1 when cv_folds <= 1
  double seconds = 0;
};

Status TrainTopicModel(const TrainTopicOptions& options, TrainTopicReport* report = nullptr);

}  // namespace newsflow
