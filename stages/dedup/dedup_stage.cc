#include "stages/dedup/dedup_stage.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>
#include <utility>

#include "pipeline/text_hash.h"
#include "stages/dedup/dedup_config.h"
#include "stages/dedup/minhash.h"

namespace newsflow {
namespace {

using dedup::ShingleSketch;

constexpr char kUrlNs[] = "dedup_url";      // hash of canonical URL -> id
constexpr char kExactNs[] = "dedup_exact";  // hash of normalised body -> id
constexpr char kBandNs[] = "dedup_band";    // band number + band hash -> ids
constexpr char kLeadNs[] = "dedup_lead";    // sampled lead shingle -> ids
constexpr char kDocNs[] = "dedup_doc";      // id -> DocRecord
constexpr size_t kIdBytes = 16;
constexpr uint8_t kDocVersion = 3;  // 3: sketch values in 3 bytes

// ---- encoding helpers -----------------------------------------------------------------------

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// 32 hex digits -> 16 bytes; anything else is hashed to 16 bytes first.
std::string IdBytes(std::string_view hex_id) {
  std::string hex(hex_id);
  bool valid = hex.size() == 2 * kIdBytes;
  for (char c : hex) valid = valid && HexDigit(c) >= 0;
  if (!valid) hex = HashHex128(hex_id);
  std::string out(kIdBytes, '\0');
  for (size_t i = 0; i < kIdBytes; ++i) {
    out[i] = static_cast<char>(HexDigit(hex[2 * i]) * 16 + HexDigit(hex[2 * i + 1]));
  }
  return out;
}

std::string IdHex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    out.push_back(kDigits[u >> 4]);
    out.push_back(kDigits[u & 15]);
  }
  return out;
}

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    auto b = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

std::string Key64(uint64_t v, int prefix = -1) {
  std::string k;
  if (prefix >= 0) k.push_back(static_cast<char>(prefix));
  for (int i = 7; i >= 0; --i) k.push_back(static_cast<char>(v >> (8 * i)));
  return k;
}

// What the index keeps of an indexed article.
struct DocRecord {
  uint32_t words = 0;
  std::string body_key;  // the exact-index key of its body
  // 16-bit values of its first shingles, in text order: only compared with other leads,
  // over windows of at most ~130 values, where 16 bits leave chance matches negligible.
  std::vector<uint32_t> lead;
  ShingleSketch sketch;  // bottom-k of all its shingles
};

std::string EncodeDoc(const DocRecord& d) {
  std::string out;
  out.reserve(16 + d.body_key.size() + d.lead.size() * 2 + d.sketch.values.size() * 3);
  out.push_back(static_cast<char>(kDocVersion));
  PutVarint(&out, d.words);
  out.push_back(static_cast<char>(d.sketch.complete ? 1 : 0));
  PutVarint(&out, d.body_key.size());
  out += d.body_key;
  PutVarint(&out, d.lead.size());
  for (uint32_t v : d.lead) {
    out.push_back(static_cast<char>(v));
    out.push_back(static_cast<char>(v >> 8));
  }
  // Sketch values have a zero low byte (dedup::ShingleValue): 3 bytes each.
  PutVarint(&out, d.sketch.values.size());
  for (uint32_t v : d.sketch.values) {
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v >> 16));
    out.push_back(static_cast<char>(v >> 24));
  }
  return out;
}

bool DecodeDoc(std::string_view in, DocRecord* d) {
  if (in.empty() || static_cast<uint8_t>(in.front()) != kDocVersion) return false;
  in.remove_prefix(1);
  uint64_t words, key_len;
  if (!GetVarint(&in, &words) || in.empty()) return false;
  d->words = static_cast<uint32_t>(words);
  d->sketch.complete = in.front() == 1;
  in.remove_prefix(1);
  if (!GetVarint(&in, &key_len) || in.size() < key_len) return false;
  d->body_key.assign(in.data(), key_len);
  in.remove_prefix(key_len);
  uint64_t n;
  if (!GetVarint(&in, &n) || in.size() < n * 2) return false;
  d->lead.resize(n);
  for (size_t i = 0; i < n; ++i) {
    d->lead[i] = static_cast<uint32_t>(static_cast<unsigned char>(in[2 * i])) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(in[2 * i + 1])) << 8);
  }
  in.remove_prefix(n * 2);
  if (!GetVarint(&in, &n) || in.size() != n * 3) return false;
  d->sketch.values.resize(n);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (size_t i = 0; i < n; ++i) {
    d->sketch.values[i] = (static_cast<uint32_t>(p[3 * i]) << 8) |
                          (static_cast<uint32_t>(p[3 * i + 1]) << 16) |
                          (static_cast<uint32_t>(p[3 * i + 2]) << 24);
  }
  return true;
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
    *found = DecodeDoc(value, d);  // an undecodable record is treated as absent
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
    return store_->Put(kDocNs, id, EncodeDoc(f.doc));
  }

  static void SetVerdict(Article& a, DedupStatus status, DuplicateKind kind,
                         const std::string& of_bytes, double similarity) {
    a.dedup.status = status;
    a.dedup.kind = kind;
    a.dedup.duplicate_of = of_bytes.empty() ? std::string() : IdHex(of_bytes);
    a.dedup.similarity = similarity;
  }

  Status ProcessArticle(const PageWork& work, Article& a) {
    a.dedup = DedupVerdict{};
    Compute(a, &features_);
    const Features& f = features_;

    // The article's identity: its canonical URL when it has a usable one.
    std::string url_key;
    if (!a.url.empty()) {
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
        url_key = HashBytes128(canon);
        a.article_id = ArticleIdFor(canon, work.page.url, a.position);
      } else {
        a.article_id = ArticleIdFor("", work.page.url, a.position);
      }
    }
    if (a.article_id.empty()) a.article_id = ArticleIdFor("", work.page.url, a.position);
    std::string own = IdBytes(a.article_id);
    a.article_id = IdHex(own);
    if (f.words == 0) return Status::Ok();  // nothing to compare or remember

    Status s;
    Postings postings;
    std::string value;
    // Whether `own` is an id no indexed article has: it comes from a canonical URL the index
    // has never seen (Index() writes the URL key with every record under it).
    bool own_is_fresh = false;
    // 1. Same canonical URL: the same article, unless the texts are unrelated.
    if (!url_key.empty()) {
      s = store_->Get(kUrlNs, url_key, &value);
      if (!s.ok() && !s.IsNotFound()) return s;
      own_is_fresh = s.IsNotFound();
      if (s.ok() && value.size() == kIdBytes) {
        DocRecord d;
        bool found = false;
        if (!(s = GetDoc(value, &d, &found)).ok()) return s;
        if (found && d.body_key == f.body_key) {
          SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kExact, value, 1.0);
          a.article_id = IdHex(value);
          return Status::Ok();
        }
        if (found) {
          const Match m = Compare(f, d);
          const double j = dedup::EstimateJaccard(f.doc.sketch, d.sketch);
          if (m.relation == Relation::kNewIsTeaser) {
            SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kTeaser, value, m.similarity);
            a.article_id = IdHex(value);
            return Status::Ok();
          }
          if (m.relation != Relation::kNone || j >= kSameUrlMinJaccard) {
            SetVerdict(a, DedupStatus::kSupersedes,
                       m.relation == Relation::kCandidateIsTeaser ? DuplicateKind::kTeaser
                                                                  : DuplicateKind::kNear,
                       value, m.relation == Relation::kNone ? j : m.similarity);
            a.article_id = IdHex(value);
            return Index(f, value, url_key, &postings);
          }
          // Unrelated text under one URL: do not trust the URL for this article.
          url_key.clear();
          own = IdBytes(ArticleIdFor("", work.page.url, a.position));
          a.article_id = IdHex(own);
        }
      }
    }

    // 2. Exact body.
    s = store_->Get(kExactNs, f.body_key, &value);
    if (!s.ok() && !s.IsNotFound()) return s;
    if (s.ok() && value.size() == kIdBytes) {
      SetVerdict(a, DedupStatus::kDuplicate, DuplicateKind::kExact, value, 1.0);
      return Status::Ok();
    }
    if (f.words < static_cast<size_t>(options_.min_words)) return Index(f, own, url_key, &postings);

    // 3./4. Candidates from the band and lead indexes, verified on the shingle sets.
    if (!(s = LoadPostings(f, &postings)).ok()) return s;
    std::vector<std::pair<std::string, int>> hits = Collect(postings);
    if (hits.size() > static_cast<size_t>(options_.max_candidates)) {
      hits.resize(static_cast<size_t>(options_.max_candidates));
    }
    Match best_near, best_teaser;
    bool own_exists = false;
    for (const auto& [id, count] : hits) {
      DocRecord d;
      bool found = false;
      if (!(s = GetDoc(id, &d, &found)).ok()) return s;
      if (!found) continue;
      if (id == own) own_exists = true;
      Match m = Compare(f, d);
      m.id_bytes = id;
      if (m.relation == Relation::kNear) {
        if (m.similarity > best_near.similarity) best_near = m;
      } else if (m.relation != Relation::kNone) {
        if (m.similarity > best_teaser.similarity) best_teaser = m;
      }
    }
    const Match& best = best_near.relation != Relation::kNone ? best_near : best_teaser;
    switch (best.relation) {
      case Relation::kNear:
        if (best.id_bytes == own) {
          // The same page position re-crawled with edits: an update of itself.
          SetVerdict(a, DedupStatus::kSupersedes, DuplicateKind::kNear, own, best.similarity);
          return Index(f, own, url_key, &postings);
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
        a.article_id = IdHex(best.id_bytes);
        return Index(f, best.id_bytes, url_key, &postings);
      case Relation::kNone:
        break;
    }

    // A new story. If its provisional id (page URL + position) already names another text,
    // the page now shows a different story there: give it an id of its own. (A read saved for
    // ids from new URLs: a miss in the big record namespace costs more than all band reads.)
    if (!own_exists && !own_is_fresh) {
      DocRecord d;
      bool found = false;
      if (!(s = GetDoc(own, &d, &found)).ok()) return s;
      own_exists = found;
    }
    if (own_exists) {
      own = IdBytes(HashHex128(a.article_id + "|" + IdHex(f.body_key)));
      a.article_id = IdHex(own);
    }
    return Index(f, own, url_key, &postings);
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
