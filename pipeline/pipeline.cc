#include "pipeline/pipeline.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "common/time/rfc3339.h"
#include "pipeline/namespaces.h"
#include "pipeline/site_records.h"

namespace newsflow {
namespace {

v1::ArticleEvent::PageType ToProto(PageType t) {
  switch (t) {
    case PageType::kArticle:
      return v1::ArticleEvent::ARTICLE;
    case PageType::kListing:
      return v1::ArticleEvent::LISTING;
    case PageType::kOther:
      return v1::ArticleEvent::OTHER;
    case PageType::kUnknown:
      break;
  }
  return v1::ArticleEvent::PAGE_TYPE_UNSPECIFIED;
}

v1::ArticleEvent::Dedup::Kind ToProto(DuplicateKind k) {
  switch (k) {
    case DuplicateKind::kExact:
      return v1::ArticleEvent::Dedup::EXACT;
    case DuplicateKind::kNear:
      return v1::ArticleEvent::Dedup::NEAR;
    case DuplicateKind::kTeaser:
      return v1::ArticleEvent::Dedup::TEASER;
    case DuplicateKind::kNone:
      break;
  }
  return v1::ArticleEvent::Dedup::KIND_UNSPECIFIED;
}

}  // namespace

std::vector<NamespaceSpec> Pipeline::Namespaces(int article_retention_days) {
  const int64_t retention = static_cast<int64_t>(article_retention_days) * 86400;
  return {{state_ns::kArticles, retention},
          {state_ns::kUrlIndex, retention},
          {state_ns::kSiteStats, 0}};
}

Pipeline::Pipeline(std::vector<std::unique_ptr<Stage>> stages, StateStore* store,
                   const Clock* clock)
    : stages_(std::move(stages)), store_(store), ledger_(store), clock_(clock) {
  for (const auto& s : stages_) stage_counters_.push_back({std::string(s->name())});
}

Stage* Pipeline::FindStage(std::string_view name) const {
  for (const auto& s : stages_) {
    if (s->name() == name) return s.get();
  }
  return nullptr;
}

Status Pipeline::ReplaceStage(std::unique_ptr<Stage> stage) {
  for (auto& s : stages_) {
    if (s->name() != stage->name()) continue;
    s = std::move(stage);
    return Status::Ok();
  }
  return Status::NotFound("no stage " + std::string(stage->name()) + " in the pipeline");
}

v1::ArticleEvent MakeArticleEvent(const PageWork& work, const Article& a) {
  v1::ArticleEvent ev;
  ev.set_article_id(a.article_id.Hex());
  switch (a.dedup.status) {
    case DedupStatus::kUnique:
      ev.set_event_type(v1::ArticleEvent::CREATED);
      ev.mutable_dedup()->set_status(v1::ArticleEvent::Dedup::UNIQUE);
      break;
    case DedupStatus::kSupersedes:
      ev.set_event_type(v1::ArticleEvent::UPDATED);
      ev.mutable_dedup()->set_status(v1::ArticleEvent::Dedup::SUPERSEDES);
      ev.set_update_reason(a.dedup.kind == DuplicateKind::kTeaser
                               ? v1::ArticleEvent::FULL_TEXT
                               : v1::ArticleEvent::TEXT_CHANGED);
      break;
    case DedupStatus::kDuplicate:
      ev.set_event_type(v1::ArticleEvent::DUPLICATE);
      ev.mutable_dedup()->set_status(v1::ArticleEvent::Dedup::DUPLICATE);
      break;
  }
  ev.mutable_dedup()->set_duplicate_of(a.dedup.duplicate_of.Hex());
  ev.mutable_dedup()->set_kind(ToProto(a.dedup.kind));
  ev.mutable_dedup()->set_similarity(static_cast<float>(a.dedup.similarity));
  ev.set_page_url(work.page.url.empty() ? work.raw->url() : work.page.url);
  ev.set_url(a.url);
  ev.set_fetched_at(FormatRfc3339(work.page.fetched_at_ms));
  ev.set_updated_at(ev.fetched_at());
  ev.set_schema_version(kArticleEventSchemaVersion);
  ev.set_title(a.title);
  ev.set_source(a.source);
  ev.set_published_text(a.published_text);
  if (a.published_at_ms) ev.set_published_at(FormatRfc3339(*a.published_at_ms));
  for (const auto& t : a.tags) ev.add_tags(t);
  ev.set_body(a.body);
  ev.set_truncated(a.truncated);
  ev.set_language(a.language);
  ev.set_language_confidence(static_cast<float>(a.language_confidence));
  ev.set_page_type(ToProto(work.page_type));
  for (const auto& t : a.topics) {
    auto* pt = ev.add_topics();
    pt->set_label(t.label);
    pt->set_score(static_cast<float>(t.score));
    pt->set_code(t.code);
  }
  for (const auto& au : a.authors) ev.add_authors(au);
  ev.set_declared_language(work.meta.declared_language);
  ev.set_position(a.position);
  *ev.mutable_crawler_metadata() = work.raw->crawler_metadata();
  ev.set_referrer_url(work.raw->referrer_url());
  return ev;
}

PageOutcome Pipeline::Process(const v1::RawPage& raw) {
  PageOutcome outcome;
  PageWork work;
  work.raw = &raw;
  ++counters_.pages;
  for (size_t i = 0; i < stages_.size(); ++i) {
    auto start = std::chrono::steady_clock::now();
    StageResult r = stages_[i]->Process(work);
    const auto took = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now() - start);
    auto& c = stage_counters_[i];
    ++c.pages_in;
    c.nanos += static_cast<uint64_t>(took.count());
    if (observer_ != nullptr) observer_->OnStage(i, c.stage, took);
    if (r.verdict == StageVerdict::kDeadLetter) {
      ++c.dead_lettered;
      ++counters_.dead_lettered;
      outcome.kind = PageOutcome::Kind::kDeadLetter;
      outcome.failed_stage = std::string(stages_[i]->name());
      outcome.dead_letter_reason = std::move(r.reason);
      return outcome;
    }
  }
  for (const auto& a : work.articles) outcome.events.push_back(MakeArticleEvent(work, a));
  if (Status s = ledger_.Apply(&outcome.events); !s.ok()) {
    ++counters_.dead_lettered;
    outcome.events.clear();
    outcome.kind = PageOutcome::Kind::kDeadLetter;
    outcome.failed_stage = "pipeline";
    outcome.dead_letter_reason = "story record: " + s.ToString();
    return outcome;
  }
  Record(work, outcome.events);
  return outcome;
}

void Pipeline::Record(const PageWork& work, const std::vector<v1::ArticleEvent>& events) {
  uint64_t created = 0, updated = 0, dups = 0, merged = 0;
  for (const auto& ev : events) {
    if (ev.event_type() == v1::ArticleEvent::DUPLICATE) {
      ++dups;
      continue;
    }
    (ev.event_type() == v1::ArticleEvent::UPDATED ? updated : created)++;
    // A merged revision is the story's, found on another page: not an article of this one.
    if (ev.update_reason() == v1::ArticleEvent::METADATA_MERGED) {
      ++merged;
      continue;
    }
    std::string url_key =
        ev.url().empty() ? ev.page_url() + "#" + std::to_string(ev.position()) : ev.url();
    store_->Put(state_ns::kUrlIndex, url_key, ev.article_id());
  }
  counters_.created += created;
  counters_.updated += updated;
  counters_.duplicates += dups;
  // Per-site counters: "pages articles duplicates". Not replay-exact (a replayed batch counts
  // twice); they are statistics, not state anything else depends on.
  const std::string site = work.page.site.empty() ? "(local)" : work.page.site;
  SiteStats stats;
  std::string v;
  if (store_->Get(state_ns::kSiteStats, site, &v).ok()) stats = DecodeSiteStats(v);
  stats.pages += 1;
  stats.articles += created + updated - merged;
  stats.duplicates += dups;
  store_->Put(state_ns::kSiteStats, site, EncodeSiteStats(stats));
}

}  // namespace newsflow
