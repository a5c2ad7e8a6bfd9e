#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/bin for N seconds each (default 60), one after the
# other, and fails if any of them finds a crash, a leak, a sanitizer report or a hang (>10 s
# for one input). Every target runs even when an earlier one failed.
#
# usage: fuzz/run_all.sh [BUILD_DIR] [SECONDS_EACH]
#   Full logs go to BUILD_DIR/fuzz-logs/<target>.log; a crashing input is saved as
#   BUILD_DIR/fuzz-artifacts/<target>/crash-* (reproduce: BUILD_DIR/bin/<target> FILE).
#   The seed corpus is the project's own fixtures (tests/fixtures, deploy/demo/pages, and
#   fuzz/seeds/<target>/), all written by us; never third-party data.
set -uo pipefail
BUILD_DIR="${1:-build-fuzz}"
SECONDS_EACH="${2:-60}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
CORPUS="$(mktemp -d)"
trap 'rm -rf "$CORPUS"' EXIT
mkdir -p "$BUILD_DIR/fuzz-logs"
shopt -s nullglob
targets=("$BUILD_DIR"/bin/*_fuzz)
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no *_fuzz binaries in $BUILD_DIR/bin (build them first: make fuzz)" >&2
  exit 1
fi
failed=()
for f in "${targets[@]}"; do
  name="$(basename "$f")"
  log="$BUILD_DIR/fuzz-logs/$name.log"
  artifacts="$BUILD_DIR/fuzz-artifacts/$name"
  mkdir -p "$CORPUS/$name" "$artifacts"
  find "$ROOT/tests/fixtures" "$ROOT/deploy/demo/pages" -type f -size -200k \
    -exec cp {} "$CORPUS/$name/" \;
  # Seeds for one target (URLs, encoded pages with the type byte), also written by us.
  if [ -d "$ROOT/fuzz/seeds/$name" ]; then cp "$ROOT/fuzz/seeds/$name"/* "$CORPUS/$name/"; fi
  echo "== $name for ${SECONDS_EACH}s"
  start=$(date +%s)
  "$f" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$artifacts/" "$CORPUS/$name" > "$log" 2>&1
  rc=$?
  # One line for the seed load, the final stats.
  grep -m1 -E 'INITED|INFO: seed corpus' "$log" | sed 's/^/   /'
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|slowest_unit_time_sec|peak_rss_mb)' \
    "$log" | sed 's/^/   /'
  echo "   wall $(( $(date +%s) - start )) s, exit $rc"
  if [ $rc -ne 0 ]; then
    echo "!! $name FAILED (exit $rc); last lines of $log:"
    tail -60 "$log"
    ls "$artifacts"/* 2>/dev/null | sed 's/^/   input: /'
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran clean for ${SECONDS_EACH}s each"
