#!/usr/bin/env bash
# Peak RSS per hostile page: generates the pages (bench/gen_hostile_pages.py) into a temp dir,
# runs each alone through `newsflowctl process` and through `newsflowctl bench --passes 1`
# (the pipeline as newsflowd builds it, the page held as a RawPage as the daemon holds it),
# each under /usr/bin/time -v, and prints the page, its size, both peaks and what became of it
# (events, or the dead letter's reason).
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

# Runs one command under the limits; prints its peak RSS in MB and leaves its output in
# $DIR/out, $DIR/err, its exit code in $DIR/rc.
peak_mb() {
  ( ulimit -v $((LIMIT_MB * 1024)); exec timeout "$TIMEOUT_S" \
    /usr/bin/time -v -o "$DIR/time" "$@" ) > "$DIR/out" 2> "$DIR/err"
  echo $? > "$DIR/rc"
  local kb
  kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/time")"
  if [ "$(cat "$DIR/rc")" -eq 124 ] || [ -z "$kb" ]; then echo "killed"; return; fi
  echo "$kb" | awk '{printf "%.1f", $1 / 1024}'
}

printf '%-19s %10s %11s %11s %8s  %s\n' page bytes process_mb pipeline_mb seconds outcome
for page in "$DIR"/pages/*; do
  name="$(basename "$page")"
  bench_mb="$(peak_mb "$CTL" bench --passes 1 "$page")"
  process_mb="$(peak_mb "$CTL" process --fetch-time 2025-06-01T12:00:00Z \
    --state-dir "$DIR/state-$name" "$page")"
  secs="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DIR/time")"
  outcome="events=$(wc -l < "$DIR/out")"
  reason="$(grep -m1 '^dead-letter\|^newsflowctl:' "$DIR/err" | sed 's/^dead-letter [^ ]*: //')"
  [ -n "$reason" ] && outcome="$outcome ${reason:0:80}"
  rc="$(cat "$DIR/rc")"
  [ "$rc" -ne 0 ] && outcome="$outcome (exit $rc)"
  printf '%-19s %10s %11s %11s %8s  %s\n' "$name" "$(stat -c %s "$page")" "$process_mb" \
    "$bench_mb" "$secs" "$outcome"
done
