#!/usr/bin/env bash
# Runs every libFuzzer target for N seconds each (default 60); fails on the first crash, leak
# or hang (>10 s per input). Crash inputs are left in the working directory as crash-*.
set -euo pipefail
BUILD_DIR="${1:-build-fuzz}"
SECONDS_EACH="${2:-60}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="$(mktemp -d)"
trap 'rm -rf "$CORPUS"' EXIT
for f in "$ROOT/$BUILD_DIR"/bin/*_fuzz; do
  name="$(basename "$f")"
  mkdir -p "$CORPUS/$name"
  # Seed with the project's own fixtures (pages we wrote), never with third-party data.
  find "$ROOT/tests/fixtures" "$ROOT/deploy/demo/pages" -type f -size -200k -exec cp {} "$CORPUS/$name/" \; 2>/dev/null || true
  echo "== $name for ${SECONDS_EACH}s"
  "$f" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 "$CORPUS/$name" 2>&1 | tail -12
done
echo "fuzz: all targets ran clean"
