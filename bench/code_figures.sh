#!/usr/bin/env bash
# Prints the house figures: the largest source files and the longest functions (tests aside),
# and how many places define a lower-caser, a trimmer or a date parser. Figures only.
# Needs pmccabe (Debian package of the same name) for function lengths.
# usage: bench/code_figures.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-8}"
SRC=(common daemon pipeline stages storage bench fuzz)
echo "== largest source files (lines; tests aside)"
find "${SRC[@]}" \( -name '*.cc' -o -name '*.h' \) -print0 | xargs -0 wc -l | sort -rn | sed 1d | head -n "$N"
echo "== longest functions (lines, file(line): name; pmccabe)"
if command -v pmccabe > /dev/null; then
  # pmccabe does not read C++17 nested namespaces (`namespace a::b {`): it reports nothing for
  # such a file. Measure copies in which they read `namespace a_b {` (same braces, same lines).
  COPY="$(mktemp -d)"
  trap 'rm -rf "$COPY"' EXIT
  find "${SRC[@]}" -name '*.cc' | while read -r f; do
    mkdir -p "$COPY/$(dirname "$f")"
    sed -E 's/^namespace ([A-Za-z_0-9]+)::([A-Za-z_0-9:]+) \{/namespace \1_\2 {/' "$f" > "$COPY/$f"
  done
  (cd "$COPY" && find "${SRC[@]}" -name '*.cc' -print0 | xargs -0 pmccabe 2> /dev/null) |
    sort -t$'\t' -k5 -rn | head -n "$N" | awk -F'\t' '{print $5 "\t" $6}'
else
  echo "(pmccabe not installed: apt-get install pmccabe)"
fi
echo "== files that define a helper (definitions, not calls; target: one file each)"
count() {
  local what="$1" re="$2"
  local n
  n=$(grep -rnE "$re" --include='*.cc' --include='*.h' "${SRC[@]}" | grep -v ';\s*$' | cut -d: -f1 |
    sed 's/\.\(cc\|h\)$//' | sort -u | wc -l)
  echo "$what: $n"
  grep -rnE "$re" --include='*.cc' --include='*.h' "${SRC[@]}" | grep -v ';\s*$' | sed 's/^/  /' | cut -c1-110
}
count "lower-casing" '^(inline |static )?(std::string|char|std::string_view|void) (Lower|Lowered|LowerCopy|LowerInto|ToLower|AsciiLower|AsciiLowerInto|AsciiLowerInPlace)\('
count "trimming" '^(inline |static )?std::string_view (Trim|TrimLeft|TrimRight|TrimAscii|Strip)\('
count "word counting" '^(inline |static )?(size_t|int) (CountWords|WordCount)\('
count "date parsing" '^(inline |static )?[A-Za-z:<>_0-9]+ (Parse[A-Za-z0-9]*(Date|Time|Rfc3339|Iso8601)[A-Za-z0-9]*|ReadDate|ReadRelative)\('
