// StoryLedger: the published record of each story and its revisions — the "articles" namespace
// (article_id -> the story's latest revision, a serialized v1::ArticleEvent) and the rules that
// turn the events of one page into revisions of stories. The owner of that namespace: nothing
// else writes it.
//
// Apply() goes through a page's events in page order (so a later event of the page sees what an
// earlier one recorded; the store is read-your-writes) and, with R the revision recorded under
// the event's article_id (0 when none; a record from before revisions existed counts as 1):
//  - CREATED: revision R + 1 (1 for a story never recorded), recorded.
//  - UPDATED (the dedup verdict kSupersedes): revision R + 1; fields the new text lacks
//    (title, published_text and published_at, tags, authors) are kept from the recorded
//    revision, so an update never loses metadata; recorded.
//  - DUPLICATE: revision 0, nothing recorded. When the copy is richer than the story it copies
//    (RicherFields() non-empty; the story = the record of dedup.duplicate_of), a new revision
//    of that story is appended right after the DUPLICATE: UPDATED, update_reason
//    METADATA_MERGED, the recorded story with those fields taken from the copy, `merge` naming
//    the copy, revision R + 1, updated_at the copy's; recorded.
// Every outcome depends only on the events and the recorded state, never on the clock: a page
// processed again on the same state gives the same events (the daemon replays stored outcomes
// anyway, daemon/kafka/outcome_memo.h).
//
// Errors: a store read error other than NotFound, or a write error, is returned; the events are
// then partly numbered and the caller dead-letters the page. Not thread-safe (one per pipeline).
#pragma once

#include <string>
#include <vector>

#include "newsflow/v1/article_event.pb.h"
#include "pipeline/state_store.h"
#include "pipeline/status.h"

namespace newsflow {

// The fields of `copy` that fill a gap in `story`, as ArticleEvent field names in field order
// ("published_text", "published_at", "tags", "authors", "title", "body"): a date (published_at,
// or only published_text when neither has published_at) where the story has none, tags or
// authors where the story has none, a title where it has none, and the body when the story's is
// truncated and the copy's is longer and not truncated. Source is never taken (a copy's
// publisher is not the story's). Empty: the copy adds nothing.
std::vector<std::string> RicherFields(const v1::ArticleEvent& story, const v1::ArticleEvent& copy);

// Copies `fields` (as RicherFields names them) from `copy` into `story`. "body" brings
// truncated, language, language_confidence and topics (computed on that body) along.
void TakeFields(const v1::ArticleEvent& copy, const std::vector<std::string>& fields,
                v1::ArticleEvent* story);

class StoryLedger {
 public:
  // `store` must have the "articles" namespace (Pipeline::Namespaces) and outlive the ledger.
  explicit StoryLedger(StateStore* store) : store_(store) {}

  // Numbers, completes and records the events of one page as above; may insert merged
  // UPDATED events.
  Status Apply(std::vector<v1::ArticleEvent>* events);

 private:
  // The recorded revision of `id` into *story; *found false when there is none.
  Status Find(const std::string& id, v1::ArticleEvent* story, bool* found);
  Status Record(const v1::ArticleEvent& revision);

  StateStore* store_;
};

}  // namespace newsflow
