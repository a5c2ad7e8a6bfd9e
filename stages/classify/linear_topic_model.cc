#include "stages/classify/linear_topic_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "stages/classify/text_features.h"

namespace newsflow {
namespace {

constexpr char kMagic[] = "newsflow-topic-model";

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool ParseDouble(std::string_view s, double* out) {
  std::string tmp(s);
  char* end = nullptr;
  *out = std::strtod(tmp.c_str(), &end);
  return !tmp.empty() && end == tmp.c_str() + tmp.size() && std::isfinite(*out);
}

void AddWords(const Words& words, float unit, std::unordered_map<uint64_t, float>* counts,
              std::unordered_map<uint64_t, std::string>* text_out) {
  const std::vector<Words::Word>& ws = words.words();
  for (size_t i = 0; i < ws.size(); ++i) {
    const uint64_t h = ws[i].hash;
    (*counts)[h] += unit;
    if (text_out != nullptr) text_out->try_emplace(h, words.text(ws[i]));
    if (i > 0) {
      const uint64_t b = CombineWordHash(ws[i - 1].hash, h);
      (*counts)[b] += unit;
      if (text_out != nullptr && text_out->find(b) == text_out->end()) {
        std::string t(words.text(ws[i - 1]));
        t.push_back(' ');
        t.append(words.text(ws[i]));
        text_out->emplace(b, std::move(t));
      }
    }
  }
}

// Term counts of one article: a small open-addressing table of term -> count, sized for the
// article (a few hundred distinct terms), so it stays in the L1 cache.
class TermCounts {
 public:
  explicit TermCounts(size_t max_terms) {
    size_t cap = 64;
    while (cap < max_terms * 2) cap *= 2;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
  }
  void Add(uint32_t term, float unit) {
    for (size_t i = (term * 0x9E3779B1u) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.count == 0) {
        s.term = term;
        s.count = unit;
        used_.push_back(static_cast<uint32_t>(i));
        return;
      }
      if (s.term == term) {
        s.count += unit;
        return;
      }
    }
  }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (uint32_t i : used_) fn(slots_[i].term, slots_[i].count);
  }

 private:
  struct Slot {
    uint32_t term = 0;
    float count = 0;  // 0 = empty
  };
  std::vector<Slot> slots_;
  std::vector<uint32_t> used_;
  size_t mask_;
};

// Counts every known word and word pair of `words`, `unit` per occurrence. A pair can only be
// known when both its words are (a pair is in at most as many training documents as each of
// its words, and the vocabulary keeps terms by document frequency), so pairs with an unknown
// word are not looked up.
void CollectTerms(const Words& words, float unit, const TermIndex& index, TermCounts* counts) {
  const std::vector<Words::Word>& ws = words.words();
  bool previous_known = false;
  for (size_t i = 0; i < ws.size(); ++i) {
    const uint32_t id = index.Find(ws[i].hash);
    const bool known = id != TermIndex::kMissing;
    if (known) {
      counts->Add(id, unit);
      if (previous_known) {
        const uint32_t pair = index.Find(CombineWordHash(ws[i - 1].hash, ws[i].hash));
        if (pair != TermIndex::kMissing) counts->Add(pair, unit);
      }
    }
    previous_known = known;
  }
}

}  // namespace

void CountArticleTerms(std::string_view title, std::string_view body, int title_repeat,
                       std::unordered_map<uint64_t, float>* counts,
                       std::unordered_map<uint64_t, std::string>* text_out) {
  Words words;
  if (title_repeat > 0) {
    words.Tokenize(title);
    AddWords(words, static_cast<float>(title_repeat), counts, text_out);
  }
  words.Tokenize(body);
  AddWords(words, 1.0f, counts, text_out);
}

StatusOr<std::shared_ptr<const LinearTopicModel>> LinearTopicModel::FromParts(Parts parts) {
  const size_t k = parts.labels.size();
  const size_t n = parts.terms.size();
  if (k < 2) return Status::InvalidArgument("a topic model needs at least two labels");
  if (parts.bias.size() != k || parts.idf.size() != n || parts.weights.size() != n * k) {
    return Status::InvalidArgument("topic model parts have inconsistent sizes");
  }
  std::shared_ptr<LinearTopicModel> model(new LinearTopicModel());
  model->parts_ = std::move(parts);
  model->index_ = TermIndex(n);
  model->rows_.reserve(n * (k + 1));
  for (size_t i = 0; i < n; ++i) {
    model->rows_.push_back(model->parts_.idf[i]);
    model->rows_.insert(model->rows_.end(), model->parts_.weights.begin() + i * k,
                        model->parts_.weights.begin() + (i + 1) * k);
  }
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = PhraseHash(model->parts_.terms[i]);
    if (!model->index_.Insert(h, static_cast<uint32_t>(i))) {
      return Status::InvalidArgument("duplicate term '" + model->parts_.terms[i] + "'");
    }
  }
  return std::shared_ptr<const LinearTopicModel>(std::move(model));
}

StatusOr<std::shared_ptr<const LinearTopicModel>> LinearTopicModel::LoadFile(
    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open topic model " + path);
  Parts parts;
  std::string line;
  size_t line_no = 0;
  auto bad = [&](const std::string& what) {
    return Status::Corruption(path + ":" + std::to_string(line_no) + ": " + what);
  };
  size_t n_terms = 0;
  bool in_terms = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string_view> f = SplitTabs(line);
    if (in_terms) {
      const size_t k = parts.labels.size();
      if (f.size() != k + 2)
        return bad("term line needs term, idf and " + std::to_string(k) + " weights");
      double v = 0;
      parts.terms.emplace_back(f[0]);
      if (!ParseDouble(f[1], &v)) return bad("bad idf");
      parts.idf.push_back(static_cast<float>(v));
      for (size_t j = 0; j < k; ++j) {
        if (!ParseDouble(f[2 + j], &v)) return bad("bad weight");
        parts.weights.push_back(static_cast<float>(v));
      }
      if (parts.terms.size() == n_terms) in_terms = false;
      continue;
    }
    if (line_no == 1) {
      if (f.size() != 2 || f[0] != kMagic) return bad("not a newsflow topic model");
      if (f[1] != "1") return bad("unsupported model version " + std::string(f[1]));
      continue;
    }
    if (line.empty()) continue;
    double v = 0;
    if (f[0] == "solver" && f.size() == 2) {
      parts.solver = std::string(f[1]);
    } else if (f[0] == "slope" && f.size() == 2 && ParseDouble(f[1], &v)) {
      parts.slope = v;
    } else if (f[0] == "title_repeat" && f.size() == 2 && ParseDouble(f[1], &v)) {
      parts.title_repeat = static_cast<int>(v);
    } else if (f[0] == "labels" && f.size() >= 2 && ParseDouble(f[1], &v) &&
               f.size() == 2 + static_cast<size_t>(v)) {
      for (size_t j = 2; j < f.size(); ++j) parts.labels.emplace_back(f[j]);
    } else if (f[0] == "bias" && f.size() == parts.labels.size() + 1) {
      for (size_t j = 1; j < f.size(); ++j) {
        if (!ParseDouble(f[j], &v)) return bad("bad bias");
        parts.bias.push_back(v);
      }
    } else if (f[0] == "terms" && f.size() == 2 && ParseDouble(f[1], &v) && v >= 0) {
      n_terms = static_cast<size_t>(v);
      in_terms = n_terms > 0;
      parts.terms.reserve(n_terms);
    } else {
      return bad("unexpected record '" + std::string(f[0]) + "'");
    }
  }
  if (in.bad()) return Status::IoError("cannot read topic model " + path);
  if (line_no == 0) return Status::Corruption(path + ": empty topic model");
  if (in_terms || parts.terms.size() != n_terms)
    return Status::Corruption(path + ": truncated term list");
  auto model = FromParts(std::move(parts));
  if (!model.ok()) return Status::Corruption(path + ": " + model.status().message());
  return model;
}

Status LinearTopicModel::SaveFile(const std::string& path) const {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write " + tmp);
    const size_t k = parts_.labels.size();
    char buf[64];
    auto num = [&](double v) {
      std::snprintf(buf, sizeof buf, "%.6g", v);
      return buf;
    };
    out << kMagic << "\t1\n";
    out << "solver\t" << parts_.solver << "\n";
    out << "slope\t" << num(parts_.slope) << "\n";
    out << "title_repeat\t" << parts_.title_repeat << "\n";
    out << "labels\t" << k;
    for (const std::string& l : parts_.labels) out << "\t" << l;
    out << "\nbias";
    for (double b : parts_.bias) out << "\t" << num(b);
    out << "\nterms\t" << parts_.terms.size() << "\n";
    for (size_t i = 0; i < parts_.terms.size(); ++i) {
      out << parts_.terms[i] << "\t" << num(parts_.idf[i]);
      for (size_t j = 0; j < k; ++j) out << "\t" << num(parts_.weights[i * k + j]);
      out << "\n";
    }
    out.flush();
    if (!out) return Status::IoError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IoError("cannot rename " + tmp + " to " + path);
  return Status::Ok();
}

std::vector<double> LinearTopicModel::Decisions(std::string_view title,
                                                std::string_view body) const {
  // Per-thread scratch: scoring runs once per article, and fresh buffers cost allocations.
  thread_local Words title_words, body_words;
  if (parts_.title_repeat > 0) title_words.Tokenize(title);
  body_words.Tokenize(body);
  // Every word adds at most two terms (itself and the pair it ends).
  TermCounts counts(2 * (title_words.words().size() + body_words.words().size()));
  if (parts_.title_repeat > 0) {
    CollectTerms(title_words, static_cast<float>(parts_.title_repeat), index_, &counts);
  }
  CollectTerms(body_words, 1.0f, index_, &counts);
  // One pass: the decision values before L2 normalisation, and the norm.
  const size_t k = parts_.labels.size();
  std::vector<double> dec(k, 0.0);
  double norm2 = 0;
  counts.ForEach([&](uint32_t id, float count) {
    const float* row = &rows_[static_cast<size_t>(id) * (k + 1)];
    const double v = (1.0 + std::log(static_cast<double>(count))) * row[0];
    norm2 += v * v;
    for (size_t j = 0; j < k; ++j) dec[j] += v * row[1 + j];
  });
  const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
  for (size_t j = 0; j < k; ++j) dec[j] = dec[j] * inv + parts_.bias[j];
  return dec;
}

std::vector<Topic> LinearTopicModel::Score(std::string_view title, std::string_view body) const {
  std::vector<Topic> out;
  if (title.empty() && body.empty()) return out;
  std::vector<double> dec = Decisions(title, body);
  for (size_t j = 0; j < dec.size(); ++j) {
    Topic t;
    t.label = parts_.labels[j];
    t.score = 1.0 / (1.0 + std::exp(-parts_.slope * dec[j]));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace newsflow
