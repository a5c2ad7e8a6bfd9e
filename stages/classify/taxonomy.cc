#include "stages/classify/taxonomy.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "stages/classify/text_features.h"

namespace newsflow {
namespace {

std::string Where(const std::string& origin, const toml::source_region& region) {
  return origin + ":" + std::to_string(region.begin.line);
}

// Reads a number node (integer or float) or fails with the node's line.
Status ReadNumber(const toml::node& node, const std::string& origin, const std::string& what,
                  double* out) {
  if (auto v = node.value<double>()) {
    *out = *v;
    return Status::Ok();
  }
  return Status::InvalidArgument(Where(origin, node.source()) + ": " + what + " must be a number");
}

// The top-level keys besides [[topic]]: the scoring constants, each > 0.
Status ReadGlobals(const toml::table& root, const std::string& origin, double* title_weight,
                   double* scale, double* length_norm_words) {
  for (auto&& [key, node] : root) {
    std::string k(key.str());
    if (k == "title_weight" || k == "scale" || k == "length_norm_words") {
      double v = 0;
      Status s = ReadNumber(node, origin, k, &v);
      if (!s.ok()) return s;
      if (!(v > 0))
        return Status::InvalidArgument(Where(origin, node.source()) + ": " + k + " must be > 0");
      *(k == "title_weight" ? title_weight : k == "scale" ? scale : length_norm_words) = v;
    } else if (k != "topic" && k != "version" && k != "name") {
      return Status::InvalidArgument(Where(origin, node.source()) + ": unknown key '" + k + "'");
    }
  }
  return Status::Ok();
}

// One [[topic]] table: its slug and code, and its terms table (never null on success).
Status ReadTopic(const toml::table& t, const std::string& origin, std::string* slug,
                 std::string* code, const toml::table** terms) {
  *terms = nullptr;
  for (auto&& [key, node] : t) {
    std::string k(key.str());
    if (k == "slug" || k == "code" || k == "name") {
      auto v = node.value<std::string>();
      if (!v)
        return Status::InvalidArgument(Where(origin, node.source()) + ": " + k +
                                       " must be a string");
      if (k == "slug") *slug = *v;
      if (k == "code") *code = *v;
    } else if (k == "terms") {
      *terms = node.as_table();
      if (*terms == nullptr)
        return Status::InvalidArgument(Where(origin, node.source()) + ": terms must be a table");
    } else {
      return Status::InvalidArgument(Where(origin, node.source()) + ": unknown topic key '" + k +
                                     "'");
    }
  }
  const std::string at = Where(origin, t.source());
  if (slug->empty()) return Status::InvalidArgument(at + ": topic without slug");
  if (*terms == nullptr || (*terms)->empty()) {
    return Status::InvalidArgument(at + ": topic '" + *slug + "' has no terms");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::shared_ptr<const TopicTaxonomy>> TopicTaxonomy::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open taxonomy file " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read taxonomy file " + path);
  return Parse(buffer.str(), path);
}

StatusOr<std::shared_ptr<const TopicTaxonomy>> TopicTaxonomy::Parse(std::string_view text,
                                                                    const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(origin + ":" + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  std::shared_ptr<TopicTaxonomy> tax(new TopicTaxonomy());
  Status globals =
      ReadGlobals(root, origin, &tax->title_weight_, &tax->scale_, &tax->length_norm_words_);
  if (!globals.ok()) return globals;
  const toml::array* topics = root["topic"].as_array();
  if (topics == nullptr || topics->empty()) {
    return Status::InvalidArgument(origin + ": no [[topic]] tables");
  }
  for (const toml::node& tnode : *topics) {
    const toml::table* t = tnode.as_table();
    if (t == nullptr)
      return Status::InvalidArgument(Where(origin, tnode.source()) + ": topic must be a table");
    TopicInfo info;
    const toml::table* terms = nullptr;
    Status read = ReadTopic(*t, origin, &info.slug, &info.code, &terms);
    if (!read.ok()) return read;
    for (const TopicInfo& other : tax->topics_) {
      if (other.slug == info.slug)
        return Status::InvalidArgument(Where(origin, t->source()) + ": duplicate topic slug '" +
                                       info.slug + "'");
    }
    const uint32_t topic = static_cast<uint32_t>(tax->topics_.size());
    tax->topics_.push_back(info);
    for (auto&& [key, node] : *terms) {
      const std::string term(key.str());
      double weight = 0;
      Status s = ReadNumber(node, origin, "weight of '" + term + "'", &weight);
      if (!s.ok()) return s;
      s = tax->AddTerm(topic, term, static_cast<float>(weight), Where(origin, node.source()));
      if (!s.ok()) return s;
    }
  }
  return std::shared_ptr<const TopicTaxonomy>(std::move(tax));
}

Status TopicTaxonomy::AddTerm(uint32_t topic, const std::string& key, float weight,
                              const std::string& where) {
  std::string term = key;
  const bool is_prefix = !term.empty() && term.back() == '*';
  if (is_prefix) term.pop_back();
  size_t words = 0;
  const uint64_t h = PhraseHash(term, &words);
  if (words == 0) return Status::InvalidArgument(where + ": term '" + key + "' has no word");
  if (is_prefix) {
    if (words != 1) {
      return Status::InvalidArgument(where + ": prefix term '" + key + "' must be one word");
    }
    Words w;
    w.Tokenize(term);
    const size_t len = w.words()[0].size;
    if (len >= 64)
      return Status::InvalidArgument(where + ": prefix term '" + key + "' is too long");
    if (len < 2) return Status::InvalidArgument(where + ": prefix term '" + key + "' is too short");
    prefix_lengths_ |= uint64_t{1} << len;
    const std::string_view text = w.text(w.words()[0]);
    const unsigned start =
        static_cast<unsigned char>(text[0]) << 8 | static_cast<unsigned char>(text[1]);
    prefix_starts_[start >> 6] |= uint64_t{1} << (start & 63);
    terms_[TermFor(&prefix_, PrefixHash(text))].targets.push_back({topic, weight});
    return Status::Ok();
  }
  terms_[TermFor(&exact_, h)].targets.push_back({topic, weight});
  if (words > 1) {
    // Phrases: remember, per first word, the longest phrase that starts with it (up to 8).
    Words w;
    w.Tokenize(term);
    const uint64_t first = w.words()[0].hash;
    const uint32_t n = static_cast<uint32_t>(std::min<size_t>(words, 8));
    const uint32_t old = phrase_starts_.Find(first);
    if (old == TermIndex::kMissing) {
      phrase_starts_.Insert(first, n);
    } else if (old < n) {
      phrase_starts_.Set(first, n);
    }
  }
  return Status::Ok();
}

uint32_t TopicTaxonomy::TermFor(TermIndex* index, uint64_t hash) {
  uint32_t id = index->Find(hash);
  if (id == TermIndex::kMissing) {
    id = static_cast<uint32_t>(terms_.size());
    terms_.emplace_back();
    index->Insert(hash, id);
  }
  return id;
}

void TopicTaxonomy::CountWords(const Words& words, float unit, std::vector<float>* counts) const {
  const std::vector<Words::Word>& ws = words.words();
  const std::string& lower = words.lower();
  for (size_t i = 0; i < ws.size(); ++i) {
    const Words::Word& w = ws[i];
    uint32_t id = exact_.Find(w.hash);
    if (id != TermIndex::kMissing) (*counts)[id] += unit;
    // Only words starting like some prefix term (first two bytes) compute prefix hashes.
    const unsigned start = static_cast<unsigned char>(lower[w.begin]) << 8 |
                           static_cast<unsigned char>(lower[w.begin + 1]);
    if ((prefix_starts_[start >> 6] >> (start & 63)) & 1) {
      uint64_t h = kPrefixHashSeed;
      const size_t limit = std::min<size_t>(w.size, 63);
      for (size_t n = 1; n <= limit; ++n) {
        h = PrefixHashStep(h, static_cast<unsigned char>(lower[w.begin + n - 1]));
        if ((prefix_lengths_ >> n) & 1) {
          id = prefix_.Find(h);
          if (id != TermIndex::kMissing) (*counts)[id] += unit;
        }
      }
    }
    const uint32_t max_words = phrase_starts_.Find(w.hash);
    if (max_words == TermIndex::kMissing) continue;
    uint64_t ph = w.hash;
    for (size_t j = i + 1; j < ws.size() && j - i < max_words; ++j) {
      ph = CombineWordHash(ph, ws[j].hash);
      id = exact_.Find(ph);
      if (id != TermIndex::kMissing) (*counts)[id] += unit;
    }
  }
}

std::vector<Topic> TopicTaxonomy::Score(std::string_view title, std::string_view body) const {
  std::vector<float> counts(terms_.size(), 0.0f);
  thread_local Words words;  // per-thread scratch, reused across articles
  words.Tokenize(title);
  CountWords(words, static_cast<float>(title_weight_), &counts);
  size_t n = words.words().size();
  words.Tokenize(body);
  CountWords(words, 1.0f, &counts);
  n += words.words().size();

  std::vector<double> evidence(topics_.size(), 0.0);
  for (size_t t = 0; t < terms_.size(); ++t) {
    if (counts[t] <= 0) continue;
    const double tf = 1.0 + std::log(std::max(1.0f, counts[t]));
    for (const TermTarget& target : terms_[t].targets) evidence[target.topic] += target.weight * tf;
  }
  const double length_factor = 1.0 + std::log(1.0 + static_cast<double>(n) / length_norm_words_);
  std::vector<Topic> out;
  for (size_t k = 0; k < topics_.size(); ++k) {
    if (evidence[k] <= 0) continue;
    Topic topic;
    topic.label = topics_[k].slug;
    topic.code = topics_[k].code;
    topic.score = 1.0 - std::exp(-evidence[k] / length_factor / scale_);
    out.push_back(std::move(topic));
  }
  return out;
}

}  // namespace newsflow
