#!/usr/bin/env bash
# Peak RSS per hostile page: generates the pages (bench/gen_hostile_pages.py) into a temp dir,
# runs each alone through `newsflowctl process` under /usr/bin/time -v, and prints the page,
# its size, the peak RSS and what became of it (events, or the dead letter's reason).
# usage: bench/page_memory.sh [BUILD_DIR]     (figures only; no pass/fail)
# A run is stopped past LIMIT_MB of virtual memory (default 6144) or TIMEOUT_S (300).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="${1:-$ROOT/build}"
CTL="$BUILD_DIR/bin/newsflowctl"
LIMIT_MB="${LIMIT_MB:-6144}"
TIMEOUT_S="${TIMEOUT_S:-300}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT

python3 "$ROOT/bench/gen_hostile_pages.py" "$DIR/pages" || exit 1
printf '%-22s %12s %12s %8s  %s\n' page bytes peak_rss_mb seconds outcome
for page in "$DIR"/pages/*; do
  name="$(basename "$page")"
  # A runaway page is stopped (virtual memory over LIMIT_MB, or TIMEOUT_S) and shown as such.
  ( ulimit -v $((LIMIT_MB * 1024)); exec timeout "$TIMEOUT_S" \
    /usr/bin/time -v -o "$DIR/time" "$CTL" process --fetch-time 2025-06-01T12:00:00Z \
    --state-dir "$DIR/state-$name" "$page" ) > "$DIR/out" 2> "$DIR/err"
  rc=$?
  rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/time")"
  secs="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DIR/time")"
  events="$(wc -l < "$DIR/out")"
  reason="$(grep -m1 '^dead-letter\|^newsflowctl:' "$DIR/err" | sed 's/^dead-letter [^ ]*: //')"
  outcome="events=$events"
  [ -n "$reason" ] && outcome="$outcome ${reason:0:90}"
  [ "$rc" -ne 0 ] && outcome="$outcome (exit $rc)"
  printf '%-22s %12s %12.1f %8s  %s\n' "$name" "$(stat -c %s "$page")" \
    "$(echo "${rss_kb:-0} / 1024" | bc -l)" "$secs" "$outcome"
done
