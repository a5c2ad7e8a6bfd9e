#include "stages/classify/training/train_topic_model.h"

#include <linear.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <unordered_map>

#include "stages/classify/linear_topic_model.h"
#include "stages/classify/training/topic_rows.h"

namespace newsflow {

using Row = TopicRow;

namespace {

// Fisher-Yates with mt19937_64, whose output the standard fixes: the same seed shuffles the
// same way with any standard library (std::shuffle's algorithm is not specified).
template <typename T>
void SeededShuffle(std::vector<T>* v, uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = static_cast<size_t>(rng() % i);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

void Quiet(const char*) {}

struct Vectorised {
  std::vector<std::vector<feature_node>> x;  // per row, index-sorted, bias node, terminator
};

// Trains one liblinear model on rows `use` and returns it (caller frees).
model* Fit(const Vectorised& data, const std::vector<double>& y, const std::vector<size_t>& use,
           size_t n_features, const TrainTopicOptions& options) {
  problem prob{};
  std::vector<feature_node*> xs;
  std::vector<double> ys;
  for (size_t i : use) {
    xs.push_back(const_cast<feature_node*>(data.x[i].data()));
    ys.push_back(y[i]);
  }
  prob.l = static_cast<int>(use.size());
  prob.n = static_cast<int>(n_features) + 1;
  prob.x = xs.data();
  prob.y = ys.data();
  prob.bias = 1.0;
  parameter param{};
  param.solver_type =
      options.solver == TopicSolver::kLogisticRegression ? L2R_LR : L2R_L2LOSS_SVC_DUAL;
  param.C = options.c;
  param.eps = options.solver == TopicSolver::kLogisticRegression ? 0.01 : 0.1;
  param.p = 0.1;
  // liblinear's solvers visit rows in an order drawn from rand(): seed it so that the same
  // options give the same model (this makes training unsafe to run concurrently with other
  // users of rand()).
  std::srand(static_cast<unsigned>(options.seed));
  return train(&prob, &param);
}

// The sorted labels (a stable file) and each row's label index, as liblinear's y.
struct LabelIndex {
  std::vector<std::string> labels;
  std::vector<double> y;
};

LabelIndex IndexLabels(const std::vector<Row>& rows) {
  LabelIndex out;
  for (const Row& r : rows) out.labels.push_back(r.label);
  std::sort(out.labels.begin(), out.labels.end());
  out.labels.erase(std::unique(out.labels.begin(), out.labels.end()), out.labels.end());
  for (const Row& r : rows) {
    out.y.push_back(static_cast<double>(
        std::lower_bound(out.labels.begin(), out.labels.end(), r.label) - out.labels.begin()));
  }
  return out;
}

// The TF-IDF vectors of the rows and the vocabulary they index.
struct Features {
  std::vector<std::pair<std::string, uint64_t>> vocab;  // (term, hash), in text order
  std::vector<float> idf;                               // per vocab entry
  Vectorised data;
};

// Vocabulary: terms in >= min_df documents, in text order (stable file, stable indices).
void BuildVocabulary(const std::unordered_map<uint64_t, uint32_t>& df,
                     std::unordered_map<uint64_t, std::string>& text, size_t n_rows, int min_df,
                     Features* f) {
  for (const auto& [h, n] : df) {
    if (n >= static_cast<uint32_t>(std::max(1, min_df))) f->vocab.emplace_back(text[h], h);
  }
  std::sort(f->vocab.begin(), f->vocab.end());
  f->idf.resize(f->vocab.size());
  const double n_docs = static_cast<double>(n_rows);
  for (size_t j = 0; j < f->vocab.size(); ++j) {
    f->idf[j] =
        static_cast<float>(std::log((1.0 + n_docs) / (1.0 + df.at(f->vocab[j].second))) + 1.0);
  }
}

Features Vectorise(const std::vector<Row>& rows, const TrainTopicOptions& options) {
  // Term counts and document frequencies.
  std::vector<std::unordered_map<uint64_t, float>> counts(rows.size());
  std::unordered_map<uint64_t, std::string> text;
  std::unordered_map<uint64_t, uint32_t> df;
  for (size_t i = 0; i < rows.size(); ++i) {
    CountArticleTerms(rows[i].title, rows[i].text, options.title_repeat, &counts[i], &text);
    for (const auto& kv : counts[i]) ++df[kv.first];
  }
  Features f;
  BuildVocabulary(df, text, rows.size(), options.min_df, &f);
  std::unordered_map<uint64_t, int> index;
  for (size_t j = 0; j < f.vocab.size(); ++j) {
    index[f.vocab[j].second] = static_cast<int>(j) + 1;  // liblinear indices start at 1
  }
  f.data.x.resize(rows.size());
  const int bias_index = static_cast<int>(f.vocab.size()) + 1;
  for (size_t i = 0; i < rows.size(); ++i) {
    std::vector<feature_node>& x = f.data.x[i];
    double norm2 = 0;
    for (const auto& [h, c] : counts[i]) {
      auto it = index.find(h);
      if (it == index.end()) continue;
      // Same float idf as the saved model, so training and serving see identical vectors.
      double v = (1.0 + std::log(c)) * f.idf[it->second - 1];
      x.push_back({it->second, v});
      norm2 += v * v;
    }
    const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
    for (feature_node& node : x) node.value *= inv;
    std::sort(x.begin(), x.end(),
              [](const feature_node& a, const feature_node& b) { return a.index < b.index; });
    x.push_back({bias_index, 1.0});
    x.push_back({-1, 0.0});
  }
  return f;
}

// Accuracy of `folds`-fold cross-validation (row i is in fold i % folds).
StatusOr<double> CrossValidate(const Features& f, const std::vector<double>& y,
                               const TrainTopicOptions& options) {
  size_t correct = 0;
  for (int fold = 0; fold < options.cv_folds; ++fold) {
    std::vector<size_t> train_rows, test_rows;
    for (size_t i = 0; i < y.size(); ++i) {
      (static_cast<int>(i % options.cv_folds) == fold ? test_rows : train_rows).push_back(i);
    }
    model* m = Fit(f.data, y, train_rows, f.vocab.size(), options);
    if (m == nullptr) return Status::Internal("liblinear training failed");
    for (size_t i : test_rows) correct += predict(m, f.data.x[i].data()) == y[i] ? 1 : 0;
    free_and_destroy_model(&m);
  }
  return static_cast<double>(correct) / y.size();
}

// The model file's contents from a trained liblinear model.
LinearTopicModel::Parts ModelParts(const model* m, const Features& f,
                                   const std::vector<std::string>& labels,
                                   const TrainTopicOptions& options) {
  LinearTopicModel::Parts parts;
  parts.solver = options.solver == TopicSolver::kLogisticRegression ? "lr" : "svm";
  parts.slope = options.solver == TopicSolver::kLogisticRegression ? 1.0 : 2.0;
  parts.title_repeat = options.title_repeat;
  parts.labels = labels;
  const size_t k = labels.size();
  // liblinear orders its classes by first appearance; map them back to our sorted labels.
  std::vector<int> class_of_label(k, -1);
  for (int c = 0; c < m->nr_class; ++c) class_of_label[static_cast<size_t>(m->label[c])] = c;
  parts.bias.assign(k, 0.0);
  parts.terms.reserve(f.vocab.size());
  parts.idf = f.idf;
  parts.weights.assign(f.vocab.size() * k, 0.0f);
  for (size_t j = 0; j < k; ++j) {
    if (class_of_label[j] < 0) continue;
    parts.bias[j] = get_decfun_bias(m, class_of_label[j]);
  }
  for (size_t t = 0; t < f.vocab.size(); ++t) {
    parts.terms.push_back(f.vocab[t].first);
    for (size_t j = 0; j < k; ++j) {
      if (class_of_label[j] < 0) continue;
      parts.weights[t * k + j] =
          static_cast<float>(get_decfun_coef(m, static_cast<int>(t) + 1, class_of_label[j]));
    }
  }
  return parts;
}

}  // namespace

Status TrainTopicModel(const TrainTopicOptions& options, TrainTopicReport* report) {
  const auto started = std::chrono::steady_clock::now();
  if (options.c <= 0) return Status::InvalidArgument("c must be > 0");
  auto rows_or = ReadTopicRows(options.input_path);
  if (!rows_or.ok()) return rows_or.status();
  std::vector<Row> rows = std::move(rows_or).value();
  SeededShuffle(&rows, options.seed);
  const LabelIndex labels = IndexLabels(rows);
  if (labels.labels.size() < 2)
    return Status::InvalidArgument("training needs at least two labels");
  const Features features = Vectorise(rows, options);

  set_print_string_function(&Quiet);
  double cv_accuracy = -1;
  if (options.cv_folds > 1) {
    auto cv = CrossValidate(features, labels.y, options);
    if (!cv.ok()) return cv.status();
    cv_accuracy = *cv;
  }
  std::vector<size_t> all(rows.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  model* m = Fit(features.data, labels.y, all, features.vocab.size(), options);
  if (m == nullptr) return Status::Internal("liblinear training failed");
  LinearTopicModel::Parts parts = ModelParts(m, features, labels.labels, options);
  free_and_destroy_model(&m);
  auto model_or = LinearTopicModel::FromParts(std::move(parts));
  if (!model_or.ok()) return model_or.status();
  if (Status s = model_or.value()->SaveFile(options.output_path); !s.ok()) return s;
  if (report != nullptr) {
    report->rows = rows.size();
    report->labels = labels.labels.size();
    report->features = features.vocab.size();
    report->cv_accuracy = cv_accuracy;
    report->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
  return Status::Ok();
}

}  // namespace newsflow
