#!/bin/sh
# Prints what `mdvault base` costs next to `mdvault query` with the same filter on a generated
# vault (issue 11's target: at most 1.1x query): a base with a filter, a formula, a sort and a
# summary. CPU time (user + sys, best of RUNS), wall time and peak RSS of each, and the CPU
# ratio. Figures only; never fails. CPU time is the figure to compare.
# Usage: bench/base_vs_query.sh [MDVAULT_BINARY] [NOTES] [RUNS]
#   The binary should be a release build (default: build/release/mdvault, made with
#   `cmake --preset release && cmake --build --preset release --target mdvault`).
set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$HERE/build/release/mdvault}
NOTES=${2:-10000}
RUNS=${3:-3}
if [ ! -x "$BIN" ]; then
  echo "no mdvault binary at $BIN; build one with: cmake --preset release && cmake --build --preset release --target mdvault" >&2
  exit 0
fi
CACHE="$(dirname "$BIN")/CMakeCache.txt"
if [ -f "$CACHE" ] && ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$CACHE"; then
  echo "warning: $BIN is not a release build ($(grep '^CMAKE_BUILD_TYPE:' "$CACHE")); figures are not comparable" >&2
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 "$HERE/../shared/tools/gen-vault" --notes "$NOTES" --out "$DIR/vault" >/dev/null
QUERY='TABLE status, core_fears WHERE contains(core_fears_group, "Relational") AND status != "🟩 complete" SORT file.name DESC'
cat >"$DIR/bench.base" <<'BASE'
filters:
  and:
    - list(core_fears_group).contains("Relational")
    - status != "🟩 complete"
formulas:
  fears: list(core_fears).length
views:
  - type: table
    name: bench
    order: [file.name, status, core_fears, formula.fears]
    sort:
      - property: file.name
        direction: DESC
    summaries:
      formula.fears: Sum
BASE

# best CMD...: runs CMD RUNS times; prints "cpu wall user sys rss_kb" of the run with the least CPU.
best() {
  : >"$DIR/times"
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    /usr/bin/time -f "%U %S %e %M" -o "$DIR/one" "$@" >/dev/null 2>&1
    tail -n 1 "$DIR/one" >>"$DIR/times"
    i=$((i + 1))
  done
  awk '{ cpu = $1 + $2; if (NR == 1 || cpu < best) { best = cpu; line = sprintf("%.2f %.2f %.2f %.2f %d", cpu, $3, $1, $2, $4) } }
       END { print line }' "$DIR/times"
}
show() {  # show NAME "cpu wall user sys rss"
  echo "$2" | awk -v name="$1" '{ printf "%-6s %6.2f s CPU (%.2f user + %.2f sys)  %6.2f s wall  %4d MB peak RSS\n", name, $1, $3, $4, $2, $5 / 1024 }'
}

cd "$HERE" || exit 0
QUERY_T=$(best "$BIN" --vault "$DIR/vault" query "$QUERY" --format json)
BASE_T=$(best "$BIN" --vault "$DIR/vault" base "$DIR/bench.base" --format json)
ROWS_Q=$("$BIN" --vault "$DIR/vault" query "$QUERY" --format jsonl 2>/dev/null | wc -l)
ROWS_B=$("$BIN" --vault "$DIR/vault" base "$DIR/bench.base" --format jsonl 2>/dev/null | wc -l)
echo "notes:  $NOTES (best of $RUNS runs by CPU time); rows: query $ROWS_Q, base $ROWS_B"
show query "$QUERY_T"
show base "$BASE_T"
echo "$QUERY_T $BASE_T" | awk '{ printf "ratio:  %.2f (base CPU / query CPU; target <= 1.10)\n", $6 / $1 }'
