#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/bin for N seconds each (default 60), JOBS targets at
# a time (default: the number of cores; each target is one process on one core), and fails if
# any of them finds a crash, a leak, a sanitizer report or a hang (>10 s for one input). Every
# target runs even when another one failed.
#
# usage: fuzz/run_all.sh [BUILD_DIR] [SECONDS_EACH] [JOBS]
#   Full logs go to BUILD_DIR/fuzz-logs/<target>.log; a crashing input is saved as
#   BUILD_DIR/fuzz-artifacts/<target>/crash-* (last run only; reproduce: BUILD_DIR/bin/<target>
#   FILE).
#   The seed corpus is the project's own fixtures (tests/fixtures, deploy/demo/pages, and
#   fuzz/seeds/<target>/), all written by us; never third-party data.
#   FUZZ_SEED (default 1) fixes libFuzzer's random seed, so a CI failure replays the same way
#   here (a slower machine runs a prefix of the same sequence); FUZZ_SEED=0 picks a new seed
#   each run, for exploring. fuzz/asan.supp lists the one known third-party report silenced.
set -uo pipefail
BUILD_DIR="${1:-build-fuzz}"
SECONDS_EACH="${2:-60}"
JOBS="${3:-$(nproc)}"
FUZZ_SEED="${FUZZ_SEED:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ASAN_OPTIONS="suppressions=$ROOT/fuzz/asan.supp${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
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

# Runs one target; its exit code goes to fuzz-logs/<target>.rc.
run_one() {
  local f="$1" name log artifacts start rc
  name="$(basename "$f")"
  log="$BUILD_DIR/fuzz-logs/$name.log"
  artifacts="$BUILD_DIR/fuzz-artifacts/$name"
  rm -rf "$artifacts"  # the last run's inputs only
  mkdir -p "$CORPUS/$name" "$artifacts"
  find "$ROOT/tests/fixtures" "$ROOT/deploy/demo/pages" -type f -size -200k \
    -exec cp {} "$CORPUS/$name/" \;
  # Seeds for one target (URLs, encoded pages with the type byte), also written by us.
  if [ -d "$ROOT/fuzz/seeds/$name" ]; then cp "$ROOT/fuzz/seeds/$name"/* "$CORPUS/$name/"; fi
  start=$(date +%s)
  "$f" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -seed="$FUZZ_SEED" -artifact_prefix="$artifacts/" "$CORPUS/$name" > "$log" 2>&1
  rc=$?
  echo "$rc $(( $(date +%s) - start ))" > "$BUILD_DIR/fuzz-logs/$name.rc"
}

# Prints one target's summary: seed load, final stats, wall time; the log's end on failure.
report() {
  local name="$1" log rc wall
  log="$BUILD_DIR/fuzz-logs/$name.log"
  read -r rc wall < "$BUILD_DIR/fuzz-logs/$name.rc"
  echo "== $name, ${SECONDS_EACH}s"
  grep -m1 -E 'INFO: seed corpus' "$log" | sed 's/^/   /'
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|slowest_unit_time_sec|peak_rss_mb)' \
    "$log" | sed 's/^/   /'
  echo "   wall ${wall} s, exit $rc"
  if [ "$rc" -ne 0 ]; then
    echo "!! $name FAILED (exit $rc); last lines of $log:"
    tail -60 "$log"
    for a in "$BUILD_DIR/fuzz-artifacts/$name"/*; do echo "   input: $a"; done
    return 1
  fi
}

failed=()
for ((i = 0; i < ${#targets[@]}; i += JOBS)); do
  batch=("${targets[@]:i:JOBS}")
  echo "fuzz: $(for f in "${batch[@]}"; do basename "$f"; done | paste -sd' ') for ${SECONDS_EACH}s"
  for f in "${batch[@]}"; do run_one "$f" & done
  wait
  for f in "${batch[@]}"; do report "$(basename "$f")" || failed+=("$(basename "$f")"); done
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran clean for ${SECONDS_EACH}s each, $JOBS at a time"
