#!/usr/bin/env bash
# Writes what newsflowctl process prints for every shared data set into OUT_DIR, one .jsonl per
# set, so that a refactoring can be checked for "no change in behaviour" byte for byte:
#   bench/snapshot_outputs.sh build /tmp/before   # on the old commit
#   bench/snapshot_outputs.sh build /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after                # empty: same events on every page
# usage: bench/snapshot_outputs.sh BUILD_DIR OUT_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="${1:?usage: $0 BUILD_DIR OUT_DIR}"
OUT="${2:?usage: $0 BUILD_DIR OUT_DIR}"
SHARED="${NEWSFLOW_SHARED_DIR:-$ROOT/../shared}"
CTL="$BUILD_DIR/bin/newsflowctl"
FETCH=(--fetch-time 2025-06-01T12:00:00Z)
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# file:// URLs hold the absolute path: strip the shared folder's so two checkouts compare.
run() {
  local name="$1"
  shift
  "$CTL" process "${FETCH[@]}" "$@" 2>/dev/null | sed "s#file://[^\"]*/shared/#file://SHARED/#g" \
    > "$OUT/$name.jsonl"
}
run seeds "$SHARED"/seeds/*.txt
run listing "$SHARED/data/listing/pages"
run extraction-html "$SHARED/data/extraction/html"
run extraction-text "$SHARED/data/extraction/text"
run wcxb-html "$SHARED/data/wcxb/html"
run wcxb-text "$SHARED/data/wcxb/text"
run neardup --state-dir "$TMP/neardup" "$SHARED/data/neardup/pages"
# The BBC pages are written to a fixed path: a file page's article_id digests its URL.
BBC=/tmp/newsflow-snapshot-bbc-dev
rm -rf "$BBC"
python3 "$SHARED/tools/pages_from_jsonl.py" "$SHARED/data/bbc/dev.jsonl" "$BBC" > /dev/null
"$CTL" process "${FETCH[@]}" "$BBC" 2>/dev/null > "$OUT/bbc-dev.jsonl"
wc -l "$OUT"/*.jsonl
