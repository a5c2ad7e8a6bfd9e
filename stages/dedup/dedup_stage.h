// The dedup stage: tells, for each article of a page, whether it is new, a copy of an article
// seen before, or the full text of a story seen before only as a teaser.
//
// For each article, in page order (so copies on one page, and in one batch, see each other):
//  1. URL identity: an article whose canonical URL (url_canonicalizer.h) was seen before is
//     that article again: a copy when its body is unchanged, an update (kSupersedes) when the
//     text changed but is still the same story; a URL shared by unrelated texts (sites whose
//     "canonical" is their home page) is not trusted.
//  2. Exact: the hash of the normalised body (NormaliseForHash) was seen before.
//  3. Near: MinHash (one-permutation, word shingles) with LSH banding finds candidates; a
//     candidate is linked only when the Jaccard similarity of the two shingle sets, computed
//     from stored bottom-k sketches (exact for articles up to `sketch_size` shingles), reaches
//     the threshold, or when it is a copy cut short (starts as the longer text starts and is
//     almost wholly contained in it).
//  4. Teaser: a short text whose shingles are contained in the lead of a longer one (aligned at
//     its start) is that article's teaser, whichever arrives first. Candidates come from an
//     index of sampled shingles of each article's first words.
// Verdicts: kUnique (new story), kDuplicate (copy of `duplicate_of`; exact, near or teaser),
// kSupersedes (the full text after its teaser, or an update of the same URL or page position:
// `article_id` becomes the earlier article's id and the stored state describes the new text).
//
// Identity: the stage is the one owner of Article::article_id (pipeline/article_id.h), which
// earlier stages leave unset. An article's own id comes from its canonical URL (the identity
// form below) when it has a usable one, else from its page URL and position; a copy or update
// takes the earlier article's id; a new story at a page position whose id names another text
// gets an id of its own (derived from that id and its body hash). It also rewrites Article::url
// to its published canonical form (tracking parameters and fragment removed).
//
// Precision over recall: every link is verified on the shingle sets; very short bodies
// (< min_words) are never linked by similarity, and short exact bodies also need equal titles.
//
// State (StateStore namespaces from DedupNamespaces(), all with retention_days; names, keys and
// values in pipeline/namespaces.h): url index, body-hash index, band index, lead index (posting
// lists of at most max_postings ids), and one record per indexed article (lead values +
// sketch; stages/dedup/doc_record.h). Duplicates are not indexed beyond their
// body hash. Memory does not grow with the index: no in-process maps outlive a Process() call.
// Costs are measured in stages/dedup/README.md.
//
// Not thread-safe (one instance per pipeline thread, like the store). A store error makes
// Process() dead-letter the page with the store's message (StageResult has no retry verdict).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/state_store.h"
#include "pipeline/status.h"
#include "stages/dedup/url_canonicalizer.h"

namespace newsflow {

struct DedupOptions {
  // Words per shingle. 5 (datatrove, most web dedup) ignores shared stock phrases while one
  // changed word only breaks 5 shingles.
  int shingle_words = 5;
  // LSH: `bands` bands of `rows` MinHash values each. 8 x 1 makes a pair a candidate with
  // probability 1 - (1 - J)^8: 0.996 at Jaccard 0.5, 0.94 at 0.3, 0.34 at 0.05. Edited copies
  // (a dropped paragraph, typos, chrome leftovers) sit at 0.5-0.7, where datatrove's 14 x 8
  // (threshold ~0.75) misses many. Every candidate is verified on the stored sketches, so a
  // low threshold costs only a few record reads, never a wrong link; keys that many stories
  // share saturate (see max_postings) and are ignored. Fewer keys per article means fewer
  // store writes, the dominant cost.
  int bands = 8;
  int rows = 1;
  // Jaccard of the shingle sets at or above which two articles are near duplicates. Copies
  // with chrome leftovers or edits sit above ~0.5; different stories sharing a paragraph or
  // boilerplate below ~0.45.
  double near_threshold = 0.5;
  // A text that starts as a longer one starts and whose shingles are at least this much
  // contained in it is a copy cut short (near duplicate) even below near_threshold. Only for
  // bodies of at least short_words words.
  double cut_copy_containment = 0.9;
  // The stricter threshold for bodies under `short_words` words, where one shared sentence
  // is a large part of the text.
  int short_words = 50;
  double near_threshold_short = 0.7;
  // Bodies with fewer words are never linked by similarity (exact hash only, with the title).
  int min_words = 8;
  // Exact-hash links of bodies under this many words also need the same normalised title
  // ("Watch the video" is not one story).
  int exact_title_words = 25;
  // Bottom-k sketch size stored per article for verification.
  int sketch_size = 256;

  // Teasers: at most teaser_max_words words and at most teaser_max_ratio of the full text,
  // with at least teaser_containment of its shingles found within the full text's first
  // (teaser shingles * 1.25 + 8) shingles.
  // Teasers under teaser_exact_below_words words must be contained whole.
  int teaser_min_words = 8;
  int teaser_exact_below_words = 15;
  int teaser_max_words = 100;
  double teaser_max_ratio = 0.6;
  double teaser_containment = 0.8;
  // Lead index: of each article's first lead_index_shingles shingles, those whose hash is 0
  // modulo lead_sample_modulus are index keys (content-defined, so shifted text samples alike).
  int lead_index_shingles = 24;
  int lead_sample_modulus = 4;

  // A posting list holds at most max_postings ids; a full list marks a key shared by many
  // different stories and is ignored from then on. At most max_candidates articles are
  // verified per article (those sharing the most keys first).
  int max_postings = 16;
  int max_candidates = 24;

  // How long the index remembers an article (since it was last written).
  int retention_days = 30;

  // How article URLs are canonicalised (tracking parameters etc.).
  dedup::UrlCanonicalizerOptions url;
};

// The namespaces (column families) the stage needs, with their retention.
std::vector<NamespaceSpec> DedupNamespaces(const DedupOptions& options);

// Builds the stage (name() == "dedup"); ctx.store must have been opened with
// DedupNamespaces(). InvalidArgument for options out of range (ValidateDedupOptions,
// dedup_config.h) or a store without those namespaces.
StatusOr<std::unique_ptr<Stage>> MakeDedupStage(const DedupOptions& options,
                                                const StageContext& ctx);

}  // namespace newsflow
