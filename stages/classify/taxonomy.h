// TopicTaxonomy: the default topics, scored from weighted terms and phrases written by hand in
// a TOML file (deploy/topics/iptc_media_topics.toml; the format is described at the top of
// that file and in stages/classify/README.md).
//
// Scoring: every term of a topic found in the article adds weight * (1 + ln(count)), where
// count is body occurrences plus title_weight * title occurrences (sublinear, so one word
// repeated does not swamp the rest). The sum is divided by a length factor
// (1 + ln(1 + words / length_norm_words)), so long articles do not win by size, and mapped to
// [0, 1] by 1 - exp(-sum / scale). Negative weights push a topic down (e.g. "labour party"
// for the labour-market topic).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"
#include "stages/classify/text_features.h"
#include "stages/classify/topic_scorer.h"

namespace newsflow {

class TopicTaxonomy final : public TopicScorer {
 public:
  // Parses a taxonomy file. Errors: NotFound/IoError when unreadable; InvalidArgument naming
  // the file, line and problem when malformed (TOML syntax, a topic without slug or terms, a
  // weight that is not a number, a term with no word, a duplicate slug).
  static StatusOr<std::shared_ptr<const TopicTaxonomy>> LoadFile(const std::string& path);
  // Same from text; `origin` names the source in error messages.
  static StatusOr<std::shared_ptr<const TopicTaxonomy>> Parse(std::string_view toml,
                                                              const std::string& origin);

  std::vector<Topic> Score(std::string_view title, std::string_view body) const override;
  std::string_view kind() const override { return "taxonomy"; }

  size_t topic_count() const { return topics_.size(); }
  size_t term_count() const { return terms_.size(); }

 private:
  struct TopicInfo {
    std::string slug;
    std::string code;
  };
  struct TermTarget {
    uint32_t topic;
    float weight;
  };
  struct Term {
    std::vector<TermTarget> targets;
  };
  TopicTaxonomy() = default;
  uint32_t TermFor(TermIndex* index, uint64_t hash);
  // Adds one `[topic.terms]` entry ("word", "two words" or "prefix*") of `topic`; `where` is
  // "file:line" for errors.
  Status AddTerm(uint32_t topic, const std::string& key, float weight, const std::string& where);
  void CountWords(const Words& words, float unit, std::vector<float>* counts) const;

  std::vector<TopicInfo> topics_;
  std::vector<Term> terms_;
  TermIndex exact_;              // word or phrase hash -> term
  TermIndex prefix_;             // hash of the prefix of a "word*" term -> term
  uint64_t prefix_lengths_ = 0;  // bit n set: some prefix term is n bytes long (n < 64)
  std::vector<uint64_t> prefix_starts_ = std::vector<uint64_t>(1024);  // bit per first 2 bytes
  TermIndex phrase_starts_;  // first word of a phrase -> words of the longest such phrase
  double title_weight_ = 2.0;
  double scale_ = 4.0;
  double length_norm_words_ = 300.0;
};

}  // namespace newsflow
