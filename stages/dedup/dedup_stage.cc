#include "stages/dedup/dedup_stage.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>
#include <utility>

#include "pipeline/article_id.h"
#include "pipeline/namespaces.h"
#include "pipeline/text_hash.h"
#include "stages/dedup/dedup_config.h"
#include "stages/dedup/doc_record.h"
#include "stages/dedup/minhash.h"

namespace newsflow {
namespace {

using dedup::DocRecord;
using dedup::ShingleSketch;

// The stage's namespaces (keys and values: pipeline/namespaces.h).
constexpr const char* kUrlNs = state_ns::kDedupUrl;      // hash of canonical URL -> id
constexpr const char* kExactNs = state_ns::kDedupExact;  // hash of normalised body -> id
constexpr const char* kBandNs = state_ns::kDedupBand;    // band number + band hash -> ids
constexpr const char* kLeadNs = state_ns::kDedupLead;    // sampled lead shingle -> ids
constexpr const char* kDocNs = state_ns::kDedupDoc;      // id -> DocRecord
// Ids are stored as their bytes: index values and posting-list entries.
constexpr size_t kIdBytes = ArticleId::kBytes;

// An index key: an optional one-byte prefix, then `v` big-endian.
std::string Key64(uint64_t v, int prefix = -1) {
  std::string k;
  if (prefix >= 0) k.push_back(static_cast<char>(prefix));
  for (int i = 7; i >= 0; --i) k.push_back(static_cast<char>(v >> (8 * i)));
  return k;
}

// ---- per-article features ---------------------------------------------------------------------

struct Features {
  size_t words = 0;
  std::vector<uint64_t> shingles;  // text order
  std::string body_key;
  DocRecord doc;  // what would be stored
  std::vector<uint64_t> band_keys;
  std::vector<uint64_t> lead_keys;
};

// The posting lists an article reads and then extends: (namespace, key) and value.
struct Postings {
  bool loaded = false;
  std::vector<std::pair<const char*, std::string>> keys;
  std::vector<std::string> values;
};

enum class Relation { kNone, kNear, kNewIsTeaser, kCandidateIsTeaser };

struct Match {
  Relation relation = Relation::kNone;
  std::string id_bytes;
  double similarity = 0;
};

// The URL form published in events: the identity form's cleaning, scheme and host kept.
dedup::UrlCanonicalizerOptions PublishedUrlOptions(dedup::UrlCanonicalizerOptions o) {
  o.scheme = dedup::SchemePolicy::kKeep;
  o.www = dedup::WwwPolicy::kKeep;
  return o;
}

class DedupStage final : public Stage {
 public:
  DedupStage(const DedupOptions& options, const StageContext& ctx)
      : options_(options),
        store_(ctx.store),
        urls_(options.url),
        published_urls_(PublishedUrlOptions(options.url)) {}

  std::string_view name() const override { return "dedup"; }

  StageResult Process(PageWork& work) override {
    for (Article& a : work.articles) {
      Status s = ProcessArticle(work, a);
      if (!s.ok()) return StageResult::DeadLetter("dedup store: " + s.ToString());
    }
    return StageResult::Continue();
  }

 private:
  // Fills *f (reusing its buffers: this runs for every article).
  void Compute(const Article& a, Features* f) {
    std::string key_text = NormaliseForHash(a.body, &runs_);
    dedup::WordHashesOfRuns(key_text, runs_, &words_);
    f->words = words_.size();
    dedup::ShingleHashes(words_, options_.shingle_words, &f->shingles);
    if (f->words < static_cast<size_t>(options_.exact_title_words)) {
      key_text += "\n" + NormaliseForHash(a.title);
    }
    f->body_key = HashBytes128(key_text);
    f->doc.words = static_cast<uint32_t>(f->words);
    f->doc.body_key = f->body_key;
    const size_t lead_len =
        std::min(f->shingles.size(), LeadLength(static_cast<size_t>(options_.teaser_max_words)));
    f->doc.lead.resize(lead_len);
    for (size_t i = 0; i < lead_len; ++i) {
      f->doc.lead[i] = dedup::ShingleValue(f->shingles[i]) >> 16;
    }
    dedup::MakeSketch(f->shingles, static_cast<size_t>(options_.sketch_size), &f->doc.sketch);
    f->band_keys.clear();
    f->lead_keys.clear();
    if (f->words >= static_cast<size_t>(options_.min_words)) {
      f->band_keys =
          dedup::BandKeys(dedup::MinHashSignature(f->shingles, options_.bands * options_.rows),
                          options_.bands, options_.rows);
      // The first shingle always: a teaser starts where its full text starts. Then a
      // content-defined sample, which survives a few words added or cut at the start.
      const size_t m = static_cast<size_t>(std::max(1, options_.lead_sample_modulus));
      if (!f->shingles.empty()) f->lead_keys.push_back(f->shingles[0]);
      for (size_t i = 1;
           i < f->shingles.size() && i < static_cast<size_t>(options_.lead_index_shingles); ++i) {
        if ((f->shingles[i] >> 40) % m == 0) f->lead_keys.push_back(f->shingles[i]);
      }
      std::sort(f->lead_keys.begin(), f->lead_keys.end());
      f->lead_keys.erase(std::unique(f->lead_keys.begin(), f->lead_keys.end()),
                         f->lead_keys.end());
    }
  }

  // How many lead shingles of a full text a teaser of `teaser_shingles` shingles is compared
  // with: the teaser must sit at the start, give or take edits.
  static size_t LeadLength(size_t teaser_shingles) { return teaser_shingles * 5 / 4 + 8; }

  bool IsTeaserOf(size_t short_words, size_t long_words) const {
    return short_words >= static_cast<size_t>(options_.teaser_min_words) &&
           short_words <= static_cast<size_t>(options_.teaser_max_words) &&
           static_cast<double>(short_words) <=
               options_.teaser_max_ratio * static_cast<double>(long_words);
  }

  // How much of a teaser (its shingles in text order) the start of a full text contains. The
  // teaser must sit at the start: its match begins among the full text's first shingles and
  // is looked for only in the full text's first LeadLength() shingles. A few leading teaser
  // shingles that the full text lacks (a standfirst its page showed apart, a typo in the first
  // words) are skipped, at most half of the teaser; `matched_shingles` is what is left.
  double TeaserContainment(const std::vector<uint32_t>& teaser,
                           const std::vector<uint32_t>& full_lead, size_t* matched_shingles) const {
    *matched_shingles = 0;
    if (teaser.empty() || full_lead.empty()) return 0;
    const auto head_end = full_lead.begin() + static_cast<std::ptrdiff_t>(
                                                  std::min<size_t>(full_lead.size(), kLeadHead));
    const size_t max_skip = std::min<size_t>(kMaxTeaserSkip, teaser.size() / 2);
    size_t start = 0;
    while (start <= max_skip && std::find(full_lead.begin(), head_end, teaser[start]) == head_end) {
      ++start;
    }
    if (start > max_skip) return 0;
    std::vector<uint32_t> rest(teaser.begin() + static_cast<std::ptrdiff_t>(start), teaser.end());
    std::vector<uint32_t> prefix(
        full_lead.begin(), full_lead.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                   full_lead.size(), LeadLength(rest.size()))));
    dedup::SortUnique(&rest);
    dedup::SortUnique(&prefix);
    *matched_shingles = rest.size();
    return dedup::Containment(rest, prefix);
  }

  // The teaser relation, if any, of a short text to a long one (leads in text order).
  bool TeaserMatch(size_t teaser_words, const std::vector<uint32_t>& teaser_lead,
                   const std::vector<uint32_t>& full_lead, double* similarity) const {
    size_t matched = 0;
    const double c = TeaserContainment(teaser_lead, full_lead, &matched);
    const size_t matched_words =
        std::min(teaser_words, matched + static_cast<size_t>(options_.shingle_words) - 1);
    if (matched_words < static_cast<size_t>(options_.teaser_min_words)) return false;
    *similarity = c;
    return c >= TeaserThreshold(matched_words);
  }

  // Very short teasers (one short sentence) must be found whole.
  double TeaserThreshold(size_t teaser_words) const {
    return teaser_words < static_cast<size_t>(options_.teaser_exact_below_words)
               ? 1.0
               : options_.teaser_containment;
  }

  // How the new article relates to a stored one.
  Match Compare(const Features& f, const DocRecord& d) const {
    Match m;
    const size_t min_words = std::min<size_t>(f.words, d.words);
    if (min_words >= static_cast<size_t>(options_.min_words)) {
      const double j = dedup::EstimateJaccard(f.doc.sketch, d.sketch);
      const double threshold = min_words < static_cast<size_t>(options_.short_words)
                                   ? options_.near_threshold_short
                                   : options_.near_threshold;
      if (j >= threshold) {
        m.relation = Relation::kNear;
        m.similarity = j;
        return m;
      }
    }
    double c = 0;
    if (IsTeaserOf(f.words, d.words)) {
      if (TeaserMatch(f.words, f.doc.lead, d.lead, &c)) {
        m.relation = Relation::kNewIsTeaser;
        m.similarity = c;
      }
      return m;
    }
    if (IsTeaserOf(d.words, f.words)) {
      if (TeaserMatch(d.words, d.lead, f.doc.lead, &c)) {
        m.relation = Relation::kCandidateIsTeaser;
        m.similarity = c;
      }
      return m;
    }
    // A copy cut short (paragraphs dropped at the end): below the Jaccard threshold, but it
    // starts as the longer text starts and nearly all of it is in the longer one. A different
    // story that quotes a passage of another fails the start test.
    if (min_words >= static_cast<size_t>(options_.short_words)) {
      const bool new_is_shorter = f.words <= d.words;
      const DocRecord& shorter = new_is_shorter ? f.doc : d;
      const DocRecord& longer = new_is_shorter ? d : f.doc;
      std::vector<uint32_t> head(
          shorter.lead.begin(), shorter.lead.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(
                                                           shorter.lead.size(), kStartShingles)));
      size_t matched = 0;
      if (TeaserContainment(head, longer.lead, &matched) >= options_.teaser_containment &&
          matched * 3 >= head.size() * 2) {
        c = dedup::EstimateContainment(shorter.sketch, longer.sketch);
        if (c >= options_.cut_copy_containment) {
          m.relation = Relation::kNear;
          m.similarity = c;
        }
      }
    }
    return m;
  }

  Status GetDoc(const std::string& id_bytes, DocRecord* d, bool* found) {
    std::string value;
    Status s = store_->Get(kDocNs, id_bytes, &value);
    *found = false;
    if (s.IsNotFound()) return Status::Ok();
    if (!s.ok()) return s;
    *found = dedup::DecodeDocRecord(value, d);  // an undecodable record is treated as absent
    return Status::Ok();
  }

  // Reads the band and lead posting lists of `f` once; Collect() and Index() use them.
  Status LoadPostings(const Features& f, Postings* p) {
    if (p->loaded) return Status::Ok();
    p->loaded = true;
    for (size_t b = 0; b < f.band_keys.size(); ++b) {
      p->keys.push_back({kBandNs, Key64(f.band_keys[b], static_cast<int>(b))});
    }
    for (uint64_t k : f.lead_keys) p->keys.push_back({kLeadNs, Key64(k)});
    p->values.resize(p->keys.size());
    // One batched read per namespace (the keys are grouped by namespace above).
    for (size_t begin = 0, end = 0; begin < p->keys.size(); begin = end) {
      const char* ns = p->keys[begin].first;
      std::vector<std::string_view> keys;
      for (end = begin; end < p->keys.size() && p->keys[end].first == ns; ++end) {
        keys.push_back(p->keys[end].second);
      }
      if (Status s = store_->MultiGet(ns, keys, &read_values_, &read_statuses_); !s.ok()) return s;
      for (size_t i = 0; i < keys.size(); ++i) {
        if (read_statuses_[i].IsNotFound()) {
          p->values[begin + i].clear();
        } else if (!read_statuses_[i].ok()) {
          return read_statuses_[i];
        } else {
          p->values[begin + i] = std::move(read_values_[i]);
        }
      }
    }
    return Status::Ok();
  }

  // A full posting list belongs to a key that many different stories share (a stock phrase,
  // leftover chrome): it says nothing about any of them, so it is neither read nor extended.
  // Copies never fill lists (duplicates are not indexed), only distinct stories do.
  bool Saturated(const std::string& value) const {
    return value.size() >= static_cast<size_t>(options_.max_postings) * kIdBytes;
  }

  // Candidate ids with the number of posting lists naming them, most first.
  std::vector<std::pair<std::string, int>> Collect(const Postings& p) const {
    std::vector<std::pair<std::string, int>> hits;
    for (const std::string& value : p.values) {
      if (Saturated(value)) continue;
      for (size_t i = 0; i + kIdBytes <= value.size(); i += kIdBytes) {
        std::string_view id(value.data() + i, kIdBytes);
        auto it =
            std::find_if(hits.begin(), hits.end(), [&](const auto& h) { return h.first == id; });
        if (it == hits.end()) {
          hits.emplace_back(std::string(id), 1);
        } else {
          ++it->second;
        }
      }
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    return hits;
  }

  Status Index(const Features& f, const std::string& id, const std::string& url_key,
               Postings* postings) {
    Status s;
    if (!url_key.empty() && !(s = store_->Put(kUrlNs, url_key, id)).ok()) return s;
    if (!(s = store_->Put(kExactNs, f.body_key, id)).ok()) return s;
    if (f.words < static_cast<size_t>(options_.min_words)) return Status::Ok();
    if (!(s = LoadPostings(f, postings)).ok()) return s;
    // Append `id` to each posting list (newest last, at most max_postings); unchanged when
    // already there, so replays write the same bytes.
    for (size_t k = 0; k < postings->keys.size(); ++k) {
      std::string& value = postings->values[k];
      bool present = false;
      for (size_t i = 0; i + kIdBytes <= value.size() && !present; i += kIdBytes) {
        present = std::memcmp(value.data() + i, id.data(), kIdBytes) == 0;
      }
      if (present || Saturated(value)) continue;
      value += id;
      if (!(s = store_->Put(postings->keys[k].first, postings->keys[k].second, value)).ok()) {
        return s;
      }
    }
    return store_->Put(kDocNs, id, dedup::EncodeDocRecord(f.doc));
  }

  static void SetVerdict(Article& a, DedupStatus status, DuplicateKind kind,
                         const std::string& of_bytes, double similarity) {
    a.dedup.status = status;
    a.dedup.kind = kind;
    a.dedup.duplicate_of = ArticleId::FromBytes(of_bytes).value_or(ArticleId());
    a.dedup.similarity = similarity;
  }

  // What ProcessArticle knows of the current article's identity while it links it.
  struct Identity {
    std::string own;      // the article's own id (bytes): what it is indexed under if new
    std::string url_key;  // its URL index key; "" when it has no usable URL or it is not trusted
    // Whether `own` is an id no indexed article has: it comes from a canonical URL the index
    // has never seen (Index() writes the URL key with every record under it).
    bool own_is_fresh = false;
  };

  // The one place the stage assigns Article::article_id: the article's own identity, or the
  // id of the earlier article it is a copy or update of (the steps below say which).
  Status ProcessArticle(const PageWork& work, Article& a) {
    a.dedup = DedupVerdict{};
    Compute(a, &features_);
    Identity id;
    id.own = std::string(OwnIdentity(work, a, &id.url_key).bytes());
    std::string linked = id.own;
    const Status s = features_.words == 0 ? Status::Ok()  // nothing to compare or remember
                                          : Link(work, a, &id, &linked);
    a.article_id = *ArticleId::FromBytes(linked);
    return s;
  }

  // The article's identity before any link: from its canonical URL when it has a usable one
  // (then *url_key is its URL index key), else from its page URL and position. Also gives the
  // article its published URL.
  ArticleId OwnIdentity(const PageWork& work, Article& a, std::string* url_key) {
    url_key->clear();
    if (a.url.empty()) return ArticleId::For("", work.page.url, a.position);
    const std::string canon = urls_.Canonicalize(a.url);
    // Consumers get the URL without tracking parameters or fragment, but as the site spells
    // its scheme and host (the identity form's https / no-www may not resolve).
    if (std::string published = published_urls_.Canonicalize(a.url); !published.empty()) {
      a.url = std::move(published);
    }
    const size_t path = canon.find('/', canon.find("://") + 3);
    // A canonical URL naming a site's front page says nothing about the article.
    if (!canon.empty() && path != std::string::npos && canon.size() > path + 1 &&
        canon[path + 1] != '?') {
      *url_key = HashBytes128(canon);
      return ArticleId::For(canon, work.page.url, a.position);
    }
    return ArticleId::For("", work.page.url, a.position);
  }

  // Sets the article's verdict and *linked (the id it is published under; id->own unless it
  // takes over an earlier article's), and indexes it when it is new or an update.
  Status Link(const PageWork& work, Article& a, Identity* id, std::string* linked) {
    const Features& f = features_;
    Postings postings;
    bool done = false;
    // 1. Same canonical URL: the same article, unless the texts are unrelated.
    Status s = LinkByUrl(work, a, id, linked, &postings, &done);
    if (!s.ok() || done) return s;
    *linked = id->own;

    // 2. Exact body.
    std::string value;
    s = store_->Get(kExactNs, f.body_key, &value);
    if (!s.ok() && !s.IsNotFound()) return s;
    if (s.ok() && value.size() == kIdBytes) {
      SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kExact, value, 1.0);
      return Status::Ok();
    }
    if (f.words < static_cast<size_t>(options_.min_words)) {
      return Index(f, id->own, id->url_key, &postings);
    }

    // 3./4. Candidates from the band and lead indexes, verified on the shingle sets.
    bool own_exists = false;
    s = LinkByCandidates(a, *id, linked, &postings, &own_exists, &done);
    if (!s.ok() || done) return s;

    // A new story. If its provisional id (page URL + position) already names another text,
    // the page now shows a different story there: give it an id of its own. (A read saved for
    // ids from new URLs: a miss in the big record namespace costs more than all band reads.)
    if (!own_exists && !id->own_is_fresh) {
      DocRecord d;
      if (!(s = GetDoc(id->own, &d, &own_exists)).ok()) return s;
    }
    if (own_exists) {
      const std::string hex = ArticleId::FromBytes(id->own)->Hex();
      id->own = std::string(ArticleId::OfText(hex + "|" + HexOfBytes(f.body_key)).bytes());
      *linked = id->own;
    }
    return Index(f, id->own, id->url_key, &postings);
  }

  // Step 1 of Link(). Sets *done when the URL settled the article; otherwise the article goes
  // on to the other steps, with its URL no longer trusted if the index holds an unrelated
  // text under it (id->url_key cleared, id->own from the page URL and position).
  Status LinkByUrl(const PageWork& work, Article& a, Identity* id, std::string* linked,
                   Postings* postings, bool* done) {
    *done = false;
    if (id->url_key.empty()) return Status::Ok();
    const Features& f = features_;
    std::string value;
    Status s = store_->Get(kUrlNs, id->url_key, &value);
    if (!s.ok() && !s.IsNotFound()) return s;
    id->own_is_fresh = s.IsNotFound();
    if (!s.ok() || value.size() != kIdBytes) return Status::Ok();
    DocRecord d;
    bool found = false;
    if (!(s = GetDoc(value, &d, &found)).ok() || !found) return s;
    *done = true;
    if (d.body_key == f.body_key) {
      SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kExact, value, 1.0);
      *linked = value;
      return Status::Ok();
    }
    const Match m = Compare(f, d);
    const double j = dedup::EstimateJaccard(f.doc.sketch, d.sketch);
    if (m.relation == Relation::kNewIsTeaser) {
      SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kTeaser, value, m.similarity);
      *linked = value;
      return Status::Ok();
    }
    if (m.relation != Relation::kNone || j >= kSameUrlMinJaccard) {
      SetVerdict(a, DedupStatus::kSupersedes,
                 m.relation == Relation::kCandidateIsTeaser ? DuplicateKind::kTeaser
                                                            : DuplicateKind::kNear,
                 value, m.relation == Relation::kNone ? j : m.similarity);
      *linked = value;
      return Index(f, value, id->url_key, postings);
    }
    // Unrelated text under one URL: do not trust the URL for this article.
    *done = false;
    id->url_key.clear();
    id->own = std::string(ArticleId::For("", work.page.url, a.position).bytes());
    return Status::Ok();
  }

  // Steps 3 and 4 of Link(). Sets *done when a candidate settled the article, and
  // *own_exists when a candidate is id.own itself.
  Status LinkByCandidates(Article& a, const Identity& id, std::string* linked,
                          Postings* postings, bool* own_exists, bool* done) {
    const Features& f = features_;
    *done = true;
    Status s = LoadPostings(f, postings);
    if (!s.ok()) return s;
    std::vector<std::pair<std::string, int>> hits = Collect(*postings);
    if (hits.size() > static_cast<size_t>(options_.max_candidates)) {
      hits.resize(static_cast<size_t>(options_.max_candidates));
    }
    Match best_near, best_teaser;
    for (const auto& [candidate, count] : hits) {
      DocRecord d;
      bool found = false;
      if (!(s = GetDoc(candidate, &d, &found)).ok()) return s;
      if (!found) continue;
      if (candidate == id.own) *own_exists = true;
      Match m = Compare(f, d);
      m.id_bytes = candidate;
      if (m.relation == Relation::kNear) {
        if (m.similarity > best_near.similarity) best_near = m;
      } else if (m.relation != Relation::kNone) {
        if (m.similarity > best_teaser.similarity) best_teaser = m;
      }
    }
    const Match& best = best_near.relation != Relation::kNone ? best_near : best_teaser;
    switch (best.relation) {
      case Relation::kNear:
        if (best.id_bytes == id.own) {
          // The same page position re-crawled with edits: an update of itself.
          SetVerdict(a, DedupStatus::kSupersedes, DuplicateKind::kNear, id.own, best.similarity);
          return Index(f, id.own, id.url_key, postings);
        }
        SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kNear, best.id_bytes,
                   best.similarity);
        return store_->Put(kExactNs, f.body_key, best.id_bytes);
      case Relation::kNewIsTeaser:
        SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kTeaser, best.id_bytes,
                   best.similarity);
        return store_->Put(kExactNs, f.body_key, best.id_bytes);
      case Relation::kCandidateIsTeaser:
        // The full text of a story first seen as a teaser takes over the teaser's id.
        SetVerdict(a, DedupStatus::kSupersedes, DuplicateKind::kTeaser, best.id_bytes,
                   best.similarity);
        *linked = best.id_bytes;
        return Index(f, best.id_bytes, id.url_key, postings);
      case Relation::kNone:
        break;
    }
    *done = false;
    return Status::Ok();
  }

  // Teaser alignment: a match must begin within the full text's first kLeadHead shingles,
  // after at most kMaxTeaserSkip unmatched teaser shingles. A cut copy's start test compares
  // its first kStartShingles shingles.
  static constexpr size_t kLeadHead = 8;
  static constexpr size_t kMaxTeaserSkip = 16;
  static constexpr size_t kStartShingles = 20;

  // Under one canonical URL, texts at least this similar are versions of one article.
  static constexpr double kSameUrlMinJaccard = 0.2;

  DedupOptions options_;
  StateStore* store_;
  // The current article's features and word hashes (members so their buffers are reused).
  Features features_;
  std::vector<NormalisedRun> runs_;
  std::vector<uint64_t> words_;
  // LoadPostings' MultiGet results (members so their vectors keep their capacity).
  std::vector<std::string> read_values_;
  std::vector<Status> read_statuses_;
  dedup::UrlCanonicalizer urls_;
  dedup::UrlCanonicalizer published_urls_;  // for the events' `url`
};

}  // namespace

std::vector<NamespaceSpec> DedupNamespaces(const DedupOptions& options) {
  const int64_t retention = static_cast<int64_t>(options.retention_days) * 86400;
  // The stage only ever Gets and Puts its keys (no scans).
  return {{kUrlNs, retention, true},
          {kExactNs, retention, true},
          {kBandNs, retention, true},
          {kLeadNs, retention, true},
          {kDocNs, retention, true}};
}

StatusOr<std::unique_ptr<Stage>> MakeDedupStage(const DedupOptions& options,
                                                const StageContext& ctx) {
  if (Status s = ValidateDedupOptions(options); !s.ok()) return s;
  if (ctx.store == nullptr) return Status::InvalidArgument("dedup needs a state store");
  const std::vector<std::string> have = ctx.store->Namespaces();
  for (const auto& spec : DedupNamespaces(options)) {
    if (std::find(have.begin(), have.end(), spec.name) == have.end()) {
      return Status::InvalidArgument("state store lacks namespace " + spec.name);
    }
  }
  return std::unique_ptr<Stage>(std::make_unique<DedupStage>(options, ctx));
}

}  // namespace newsflow
