#!/usr/bin/env bash
# Runs every benchmark on the shared data and prints their figures (no pass/fail).
set -uo pipefail
BUILD_DIR="${1:-build}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${NEWSFLOW_SHARED_DIR:-$ROOT/../shared}"
BIN="$ROOT/$BUILD_DIR/bin"
run() { echo "== $*"; "$@" || echo "(exit $?)"; }
run "$BIN/newsflowctl" bench --kafka "$SHARED/data/extraction/html"
run "$BIN/newsflowctl" bench --kafka "$SHARED/data/neardup/pages"
run "$BIN/newsflowctl" bench "$SHARED/seeds"
run "$ROOT/bench/page_memory.sh" "$ROOT/$BUILD_DIR"
for b in "$BIN"/*_bench; do
  [ -x "$b" ] || continue
  case "$(basename "$b")" in
    html_extraction_bench) run "$b" "$SHARED/data/extraction/html" ;;
    text_clean_bench) run "$b" "$SHARED/data/extraction/text" ;;
    *) run "$b" ;;
  esac
done
