#include "pipeline/story_ledger.h"

#include <algorithm>
#include <utility>

#include "pipeline/namespaces.h"

namespace newsflow {
namespace {

using Event = v1::ArticleEvent;

bool Has(const std::vector<std::string>& fields, const char* name) {
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

// A record written before revisions existed is the story's first revision.
uint32_t RevisionOf(const Event& recorded) { return std::max<uint32_t>(recorded.revision(), 1); }

// The revision of `story` that takes `fields` from the DUPLICATE `copy`.
Event MergedRevision(const Event& story, const Event& copy, std::vector<std::string> fields) {
  Event merged = story;
  TakeFields(copy, fields, &merged);
  merged.set_event_type(Event::UPDATED);
  merged.set_update_reason(Event::METADATA_MERGED);
  merged.set_revision(RevisionOf(story) + 1);
  merged.set_updated_at(copy.updated_at().empty() ? copy.fetched_at() : copy.updated_at());
  merged.set_schema_version(copy.schema_version());
  Event::Dedup* d = merged.mutable_dedup();
  d->set_status(Event::Dedup::SUPERSEDES);
  d->set_duplicate_of(story.article_id());
  d->set_kind(copy.dedup().kind());
  d->set_similarity(copy.dedup().similarity());
  Event::Merge* m = merged.mutable_merge();
  m->set_page_url(copy.page_url());
  m->set_article_id(copy.article_id());
  m->clear_fields();
  for (auto& f : fields) m->add_fields(std::move(f));
  return merged;
}

}  // namespace

std::vector<std::string> RicherFields(const Event& story, const Event& copy) {
  std::vector<std::string> fields;
  if (story.published_at().empty()) {
    if (!copy.published_at().empty()) {
      // Text and time from one source, so they agree.
      if (!copy.published_text().empty() && copy.published_text() != story.published_text()) {
        fields.push_back("published_text");
      }
      fields.push_back("published_at");
    } else if (story.published_text().empty() && !copy.published_text().empty()) {
      fields.push_back("published_text");
    }
  }
  if (story.tags().empty() && !copy.tags().empty()) fields.push_back("tags");
  if (story.authors().empty() && !copy.authors().empty()) fields.push_back("authors");
  if (story.title().empty() && !copy.title().empty()) fields.push_back("title");
  if (story.truncated() && !copy.truncated() && copy.body().size() > story.body().size()) {
    fields.push_back("body");
  }
  return fields;
}

void TakeFields(const Event& copy, const std::vector<std::string>& fields, Event* story) {
  if (Has(fields, "published_text")) story->set_published_text(copy.published_text());
  if (Has(fields, "published_at")) story->set_published_at(copy.published_at());
  if (Has(fields, "tags")) *story->mutable_tags() = copy.tags();
  if (Has(fields, "authors")) *story->mutable_authors() = copy.authors();
  if (Has(fields, "title")) story->set_title(copy.title());
  if (Has(fields, "body")) {
    story->set_body(copy.body());
    story->set_truncated(copy.truncated());
    story->set_language(copy.language());
    story->set_language_confidence(copy.language_confidence());
    *story->mutable_topics() = copy.topics();
  }
}

Status StoryLedger::Find(const std::string& id, Event* story, bool* found) {
  *found = false;
  std::string bytes;
  Status s = store_->Get(state_ns::kArticles, id, &bytes);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return s;
  // An unreadable record is treated as absent: the story starts again at revision 1.
  *found = story->ParseFromString(bytes);
  return Status::Ok();
}

Status StoryLedger::Record(const Event& revision) {
  // Keyed by article id: processing the page again writes the same bytes.
  return store_->Put(state_ns::kArticles, revision.article_id(), revision.SerializeAsString());
}

Status StoryLedger::Apply(std::vector<Event>* events) {
  std::vector<Event> out;
  out.reserve(events->size());
  for (Event& ev : *events) {
    Event story;
    bool found = false;
    if (ev.event_type() == Event::DUPLICATE) {
      ev.set_revision(0);
      const std::string& of = ev.dedup().duplicate_of();
      if (Status s = of.empty() ? Status::Ok() : Find(of, &story, &found); !s.ok()) return s;
      out.push_back(std::move(ev));
      std::vector<std::string> fields;
      if (found) fields = RicherFields(story, out.back());
      if (fields.empty()) continue;
      Event merged = MergedRevision(story, out.back(), std::move(fields));
      if (Status s = Record(merged); !s.ok()) return s;
      out.push_back(std::move(merged));
      continue;
    }
    if (Status s = Find(ev.article_id(), &story, &found); !s.ok()) return s;
    if (found && ev.event_type() == Event::UPDATED) {
      // Metadata the new text lacks stays (a body is never taken back: the page changed).
      std::vector<std::string> kept = RicherFields(ev, story);
      kept.erase(std::remove(kept.begin(), kept.end(), "body"), kept.end());
      TakeFields(story, kept, &ev);
    }
    ev.set_revision(found ? RevisionOf(story) + 1 : 1);
    if (Status s = Record(ev); !s.ok()) return s;
    out.push_back(std::move(ev));
  }
  *events = std::move(out);
  return Status::Ok();
}

}  // namespace newsflow
