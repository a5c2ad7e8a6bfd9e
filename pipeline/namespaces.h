// The names of the StateStore namespaces (RocksDB column families) newsflow keeps, in one
// place, with the key and value each holds and the component that owns it: only the owner
// reads or writes a namespace, declares it (NamespaceSpec, with its retention) and holds its
// codec. A name is part of the on-disk format: renaming one orphans the data under the old
// name (RocksDbStateStore drops column families it was not opened with).
//
// Values are protobuf messages of proto/newsflow/v1/state.proto where the owner could choose
// freely; the older hand-rolled encodings are kept byte for byte (a state directory written
// before stays readable) and each is written and read by one codec, named below.
#pragma once

namespace newsflow::state_ns {

// ---- pipeline/pipeline.h (Pipeline::Namespaces) -------------------------------------------
// article_id (32 hex digits) -> the latest published v1::ArticleEvent (serialized).
inline constexpr char kArticles[] = "articles";
// article URL (or page URL + "#" + position when the article has none) -> article_id (hex).
inline constexpr char kUrlIndex[] = "url_index";
// site host ("(local)" for file pages) -> SiteStats (pipeline/site_records.h: "pages articles
// duplicates", decimal ASCII).
inline constexpr char kSiteStats[] = "site_stats";

// ---- stages/clean (CleanNamespaces) -------------------------------------------------------
// site + "|" + 16 hex digits of the line hash -> SiteLineCount (pipeline/site_records.h:
// "count day", "%.3f %lld").
inline constexpr char kSiteLines[] = "site_lines";
// site + "|" + page content hash -> "1": the page was counted once already.
inline constexpr char kSitePages[] = "site_pages";

// ---- stages/dedup (DedupNamespaces); keys and ids are raw bytes ---------------------------
// 16-byte hash of the canonical URL -> the 16 bytes of an ArticleId.
inline constexpr char kDedupUrl[] = "dedup_url";
// 16-byte hash of the normalised body -> the 16 bytes of an ArticleId.
inline constexpr char kDedupExact[] = "dedup_exact";
// band number (1 byte) + band hash (8 bytes, big-endian) -> posting list (ids, 16 bytes each).
inline constexpr char kDedupBand[] = "dedup_band";
// sampled lead shingle hash (8 bytes, big-endian) -> posting list (ids, 16 bytes each).
inline constexpr char kDedupLead[] = "dedup_lead";
// ArticleId bytes -> DocRecord (stages/dedup/doc_record.h: versioned binary; other versions
// read as absent).
inline constexpr char kDedupDoc[] = "dedup_doc";

// ---- daemon/kafka (IngestService::Namespaces); keys: daemon/kafka/source_position.h --------
// topic + "|" + partition + "|" + offset (hex) -> v1::PageOutcomeRecord (OutcomeMemo).
inline constexpr char kOutcomes[] = "outcomes";
// topic + "|" + partition (hex) -> the next offset to consume, decimal ASCII (OffsetLedger).
inline constexpr char kOffsets[] = "offsets";
// topic + "|" + partition (hex) -> v1::InflightRecord (PoisonGuard).
inline constexpr char kInflight[] = "inflight";

}  // namespace newsflow::state_ns
