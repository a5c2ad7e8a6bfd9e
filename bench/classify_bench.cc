// classify_bench: what the classify stage costs per article on one core — language (CLD2),
// topics (default taxonomy or a learned model) and page type — in µs/article.
//
// usage: classify_bench [ROWS.jsonl [TRAIN.jsonl]]
// Articles come from ROWS.jsonl ({"title","text"} rows; default ../shared/data/bbc/dev.jsonl)
// or, when that is missing, from a few built-in fictional articles. The learned model is
// trained from TRAIN.jsonl (default ../shared/data/bbc/train.jsonl) into a temp file; without
// it only the taxonomy is measured. Prints figures; never fails on time.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "daemon/data_files.h"
#include "stages/classify/classify_stage.h"
#include "stages/classify/page_type.h"
#include "stages/classify/text_features.h"
#include "stages/classify/training/topic_rows.h"
#include "stages/classify/training/train_topic_model.h"

namespace {

using newsflow::Article;
using newsflow::PageWork;

// $NEWSFLOW_SHARED_DIR, else ../shared beside the working directory (the repo root).
std::string SharedDir() {
  const char* env = std::getenv("NEWSFLOW_SHARED_DIR");
  return env != nullptr ? env : "../shared";
}

bool Readable(const std::string& path) { return access(path.c_str(), R_OK) == 0; }

std::vector<newsflow::TopicRow> BuiltInRows() {
  std::vector<newsflow::TopicRow> rows;
  const char* kTexts[][2] = {
      {"Harbour town council approves new ferry budget",
       "The council of the harbour town of Eastmere voted on Tuesday to approve a budget for a new "
       "ferry link, after months of debate between the mayor and opposition members. The "
       "minister for transport said the government would match local funds."},
      {"Rovers edge Athletic in late thriller",
       "A stoppage-time goal from the young striker gave Rovers a 2-1 win over Athletic on "
       "Saturday, lifting the club to third in the league. The coach praised his squad."},
      {"Chip maker unveils faster mobile processor",
       "A chip maker has unveiled a processor for mobile phones that it says doubles battery "
       "life. Software developers and users will see the devices in shops next year."},
  };
  for (int copy = 0; copy < 20; ++copy) {
    for (const auto& t : kTexts) {
      newsflow::TopicRow row;
      row.label = "x";
      row.title = t[0];
      for (int i = 0; i < 6; ++i) row.text += std::string(t[1]) + "\n";
      rows.push_back(row);
    }
  }
  return rows;
}

// CPU time of this thread, in µs: the machine may be shared, and wall time would count the
// time other processes held the core.
double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// The fastest of `rounds` passes over all rows: on a shared machine the slower passes
// measure the neighbours, not the code.
template <typename Fn>
double MicrosPerArticle(const std::vector<newsflow::TopicRow>& rows, int rounds, Fn&& fn) {
  for (const auto& row : rows) fn(row);  // warm-up: caches, lazy tables
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) {
    const double start = ThreadCpuMicros();
    for (const auto& row : rows) fn(row);
    best = std::min(best, ThreadCpuMicros() - start);
  }
  return best / static_cast<double>(rows.size());
}

void Report(const char* what, double us) { std::printf("  %-34s %8.1f us/article\n", what, us); }

// The rows to classify: ROWS.jsonl, or the built-in fictional articles when it is missing.
std::vector<newsflow::TopicRow> LoadRows(const std::string& rows_path) {
  if (!Readable(rows_path)) return BuiltInRows();
  auto read = newsflow::ReadTopicRows(rows_path);
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", read.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(read).value();
}

constexpr int kRounds = 15;

// The whole stage, one article per page.
double WholeStage(const std::vector<newsflow::TopicRow>& rows, newsflow::Stage* stage) {
  return MicrosPerArticle(rows, kRounds, [&](const auto& r) {
    PageWork w;
    w.page.text = r.title + "\n\n" + r.text;
    Article a;
    a.title = r.title;
    a.body = r.text;
    w.articles.push_back(std::move(a));
    stage->Process(w);
  });
}

// Language, tokenising, taxonomy topics, page type, then the whole stage.
void MeasureDefaultStage(const std::vector<newsflow::TopicRow>& rows,
                         const newsflow::ClassifyOptions& options, newsflow::Stage* stage) {
  auto tax = static_cast<newsflow::ClassifyStage&>(*stage).scorer();
  Report("language (CLD2)", MicrosPerArticle(rows, kRounds, [&](const auto& r) {
           auto g = newsflow::DetectLanguage(r.title, r.text, options.language_probe_bytes,
                                             options.language_max_bytes);
           if (g.code.empty()) std::abort();
         }));
  newsflow::Words words;
  Report("tokenising (title + body)", MicrosPerArticle(rows, kRounds, [&](const auto& r) {
           words.Tokenize(r.title);
           words.Tokenize(r.text);
         }));
  Report("topics, default taxonomy", MicrosPerArticle(rows, kRounds, [&](const auto& r) {
           if (tax->Score(r.title, r.text).size() > 1000) std::abort();
         }));
  PageWork work;
  work.articles.resize(1);
  Report("page type", MicrosPerArticle(rows, kRounds, [&](const auto& r) {
           work.page.text = r.title + "\n\n" + r.text;
           work.articles[0].title = r.title;
           work.articles[0].body = r.text;
           newsflow::ClassifyPageType(work, options.page_type);
         }));
  Report("whole stage, default taxonomy", WholeStage(rows, stage));
}

// A model trained from TRAIN.jsonl into a temp dir: its topics, then the whole stage with it.
int MeasureLearnedStage(const std::vector<newsflow::TopicRow>& rows,
                        newsflow::ClassifyOptions options, const std::string& train_path) {
  char dir_template[] = "/tmp/classify_bench.XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr) return 1;
  newsflow::TrainTopicOptions train;
  train.input_path = train_path;
  train.output_path = std::string(dir) + "/topics.model";
  newsflow::TrainTopicReport report;
  newsflow::Status s = newsflow::TrainTopicModel(train, &report);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("  trained on %zu rows: %zu terms, %zu labels in %.2f s\n", report.rows,
              report.features, report.labels, report.seconds);
  options.topic_model_path = train.output_path;
  auto learned = newsflow::MakeClassifyStage(options, newsflow::StageContext());
  if (!learned.ok()) {
    std::fprintf(stderr, "%s\n", learned.status().ToString().c_str());
    return 1;
  }
  auto model = static_cast<newsflow::ClassifyStage&>(*learned.value()).scorer();
  Report("topics, learned model", MicrosPerArticle(rows, kRounds, [&](const auto& r) {
           if (model->Score(r.title, r.text).size() > 1000) std::abort();
         }));
  Report("whole stage, learned model", WholeStage(rows, learned.value().get()));
  std::remove(train.output_path.c_str());
  rmdir(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string rows_path = argc > 1 ? argv[1] : SharedDir() + "/data/bbc/dev.jsonl";
  const std::string train_path = argc > 2 ? argv[2] : SharedDir() + "/data/bbc/train.jsonl";
  const std::vector<newsflow::TopicRow> rows = LoadRows(rows_path);
  size_t bytes = 0;
  for (const auto& r : rows) bytes += r.title.size() + r.text.size();
  std::printf("classify_bench: %zu articles, mean %.0f bytes (%s)\n", rows.size(),
              static_cast<double>(bytes) / rows.size(),
              Readable(rows_path) ? rows_path.c_str() : "built-in fictional articles");
  newsflow::ClassifyOptions options;
  options.taxonomy_path =
      newsflow::FindDataFile(options.taxonomy_path, "topics/iptc_media_topics.toml");
  auto stage = newsflow::MakeClassifyStage(options, newsflow::StageContext());
  if (!stage.ok()) {
    std::fprintf(stderr, "%s\n", stage.status().ToString().c_str());
    return 1;
  }
  MeasureDefaultStage(rows, options, stage.value().get());
  if (!Readable(train_path)) {
    std::printf("  (no %s: learned model not measured)\n", train_path.c_str());
    return 0;
  }
  return MeasureLearnedStage(rows, options, train_path);
}
