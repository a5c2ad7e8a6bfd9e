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
  for (auto&& [key, node] : root) {
    std::string k(key.str());
    if (k == "title_weight" || k == "scale" || k == "length_norm_words") {
      double v = 0;
      Status s = ReadNumber(node, origin, k, &v);
      if (!s.ok()) return s;
      if (!(v > 0))
        return Status::InvalidArgument(Where(origin, node.source()) + ": " + k + " must be > 0");
      (k == "title_weight" ? tax->title_weight_
       : k == "scale"      ? tax->scale_
                           : tax->length_norm_words_) = v;
    } else if (k != "topic" && k != "version" && k != "name") {
      return Status::InvalidArgument(Where(origin, node.source()) + ": unknown key '" + k + "'");
    }
  }
  const toml::array* topics = root["topic"].as_array();
  if (topics == nullptr || topics->empty()) {
    return Status::InvalidArgument(origin + ": no [[topic]] tables");
  }
  for (const toml::node& tnode : *topics) {
    const toml::table* t = tnode.as_table();
    if (t == nullptr)
      return Status::InvalidArgument(Where(origin, tnode.source()) + ": topic must be a table");
    std::string at = Where(origin, t->source());
    TopicInfo info;
    const toml::table* terms = nullptr;
    for (auto&& [key, node] : *t) {
      std::string k(key.str());
      if (k == "slug" || k == "code" || k == "name") {
        auto v = node.value<std::string>();
        if (!v)
          return Status::InvalidArgument(Where(origin, node.source()) + ": " + k +
                                         " must be a string");
        if (k == "slug") info.slug = *v;
        if (k == "code") info.code = *v;
      } else if (k == "terms") {
        terms = node.as_table();
        if (terms == nullptr)
          return Status::InvalidArgument(Where(origin, node.source()) + ": terms must be a table");
      } else {
        return Status::InvalidArgument(Where(origin, node.source()) + ": unknown topic key '" + k +
                                       "'");
      }
    }
    if (info.slug.empty()) return Status::InvalidArgument(at + ": topic without slug");
    for (const TopicInfo& other : tax->topics_) {
      if (other.slug == info.slug)
        return Status::InvalidArgument(at + ": duplicate topic slug '" + info.slug + "'");
    }
    if (terms == nullptr || terms->empty()) {
      return Status::InvalidArgument(at + ": topic '" + info.slug + "' has no terms");
    }
    const uint32_t topic = static_cast<uint32_t>(tax->topics_.size());
    tax->topics_.push_back(info);
    for (auto&& [key, node] : *terms) {
      std::string term(key.str());
      double weight = 0;
      Status s = ReadNumber(node, origin, "weight of '" + term + "'", &weight);
      if (!s.ok()) return s;
      bool is_prefix = !term.empty() && term.back() == '*';
      if (is_prefix) term.pop_back();
      size_t words = 0;
      uint64_t h = PhraseHash(term, &words);
      if (words == 0) {
        return Status::InvalidArgument(Where(origin, node.source()) + ": term '" +
                                       std::string(key.str()) + "' has no word");
      }
      if (is_prefix) {
        if (words != 1) {
          return Status::InvalidArgument(Where(origin, node.source()) + ": prefix term '" +
                                         std::string(key.str()) + "' must be one word");
        }
        Words w;
        w.Tokenize(term);
        const size_t len = w.words()[0].size;
        if (len >= 64) {
          return Status::InvalidArgument(Where(origin, node.source()) + ": prefix term '" +
                                         std::string(key.str()) + "' is too long");
        }
        if (len < 2) {
          return Status::InvalidArgument(Where(origin, node.source()) + ": prefix term '" +
                                         std::string(key.str()) + "' is too short");
        }
        tax->prefix_lengths_ |= uint64_t{1} << len;
        const std::string_view text = w.text(w.words()[0]);
        const unsigned start =
            static_cast<unsigned char>(text[0]) << 8 | static_cast<unsigned char>(text[1]);
        tax->prefix_starts_[start >> 6] |= uint64_t{1} << (start & 63);
        tax->terms_[tax->TermFor(&tax->prefix_, PrefixHash(text))].targets.push_back(
            {topic, static_cast<float>(weight)});
        continue;
      }
      tax->terms_[tax->TermFor(&tax->exact_, h)].targets.push_back(
          {topic, static_cast<float>(weight)});
      if (words > 1) {
        Words w;
        w.Tokenize(term);
        const uint64_t first = w.words()[0].hash;
        const uint32_t n = static_cast<uint32_t>(std::min<size_t>(words, 8));
        const uint32_t old = tax->phrase_starts_.Find(first);
        if (old == TermIndex::kMissing) {
          tax->phrase_starts_.Insert(first, n);
        } else if (old < n) {
          tax->phrase_starts_.Set(first, n);
        }
      }
    }
  }
  return std::shared_ptr<const TopicTaxonomy>(std::move(tax));
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
