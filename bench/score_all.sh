#!/usr/bin/env bash
# Runs every quality scorer in ../shared/tools on the shared data with the built
# newsflowctl and prints the figures (the issues' "measured by" commands, in one place).
# usage: bench/score_all.sh [BUILD_DIR]     (figures only; no pass/fail)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="${1:-$ROOT/build}"
SHARED="${NEWSFLOW_SHARED_DIR:-$ROOT/../shared}"
CTL="$BUILD_DIR/bin/newsflowctl"
TOOLS="$SHARED/tools"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# First article of each page -> {"id", "articleBody"} lines for score_extraction.py.
first_bodies() {
  python3 -c '
import json, sys, os
seen = set()
for line in sys.stdin:
    ev = json.loads(line)
    name = os.path.basename(ev["page_url"])
    doc = name.split(".")[0]
    if doc in seen: continue
    seen.add(doc)
    print(json.dumps({"id": doc, "articleBody": ev["body"]}))'
}

# score_pages NAME GOLD INPUT...: every article of the INPUT pages (fetched at a fixed time)
# against GOLD; the events stay in $OUT/NAME.jsonl.
score_pages() {
  local name="$1" gold="$2"
  shift 2
  "$CTL" process --fetch-time 2025-06-01T12:00:00Z "$@" > "$OUT/$name.jsonl"
  python3 "$TOOLS/score_pages.py" "$gold" "$OUT/$name.jsonl"
}

# score_extraction NAME GROUND_TRUTH DIR: the first article of each page in DIR against
# GROUND_TRUTH.
score_extraction() {
  local name="$1" truth="$2" dir="$3"
  "$CTL" process "$dir" 2>/dev/null | first_bodies > "$OUT/$name.jsonl"
  python3 "$TOOLS/score_extraction.py" "$truth" "$OUT/$name.jsonl"
}

echo "== seeds (score_pages)"
score_pages seeds "$SHARED/gold/seeds.json" "$SHARED"/seeds/*.txt

echo "== listing (score_pages)"
score_pages listing "$SHARED/data/listing/gold.json" "$SHARED/data/listing/pages"

echo "== extraction, HTML (score_extraction)"
score_extraction html "$SHARED/data/extraction/ground-truth.json" "$SHARED/data/extraction/html"

echo "== extraction, visible text (score_extraction)"
score_extraction text "$SHARED/data/extraction/ground-truth.json" "$SHARED/data/extraction/text"

echo "== 2026 article pages (wcxb), HTML (score_extraction)"
score_extraction wcxb-html "$SHARED/data/wcxb/ground-truth.json" "$SHARED/data/wcxb/html"

echo "== 2026 article pages (wcxb), visible text (score_extraction)"
score_extraction wcxb-text "$SHARED/data/wcxb/ground-truth.json" "$SHARED/data/wcxb/text"

echo "== near-duplicates (score_dedup)"
"$CTL" process --state-dir "$OUT/neardup-state" "$SHARED/data/neardup/pages" > "$OUT/neardup.jsonl" 2>/dev/null
python3 "$TOOLS/score_dedup.py" "$SHARED/data/neardup/gold.json" "$OUT/neardup.jsonl"

echo "== topics, default taxonomy (score_topics, bbc dev)"
python3 "$TOOLS/pages_from_jsonl.py" "$SHARED/data/bbc/dev.jsonl" "$OUT/bbc-dev" > /dev/null
"$CTL" process "$OUT/bbc-dev" > "$OUT/topics-default.jsonl" 2>/dev/null
python3 "$TOOLS/score_topics.py" "$SHARED/data/bbc/dev.jsonl" "$OUT/topics-default.jsonl" \
  --map business=economy_business_finance,entertainment=arts_culture_entertainment,tech=science_technology

echo "== topics, learned on bbc train (score_topics, bbc dev)"
"$CTL" train-topics --input "$SHARED/data/bbc/train.jsonl" --output "$OUT/bbc.model"
"$CTL" process --topic-model "$OUT/bbc.model" "$OUT/bbc-dev" > "$OUT/topics-learned.jsonl" 2>/dev/null
python3 "$TOOLS/score_topics.py" "$SHARED/data/bbc/dev.jsonl" "$OUT/topics-learned.jsonl"

echo "== seeds: politics/conflict topics and language"
python3 -c '
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1])]
pc = sum(1 for e in evs if {t["label"] for t in e.get("topics", [])} & {"politics", "conflict_war_peace"})
en = sum(1 for e in evs if e.get("language") == "en")
print(f"articles {len(evs)}  politics|conflict {pc}  language en {en}")' "$OUT/seeds.jsonl"
