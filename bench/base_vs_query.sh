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
. "$HERE/bench/best_of.sh"
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

cd "$HERE" || exit 0
QUERY_T=$(best "$BIN" --no-cache --vault "$DIR/vault" query "$QUERY" --format json)
BASE_T=$(best "$BIN" --no-cache --vault "$DIR/vault" base "$DIR/bench.base" --format json)
ROWS_Q=$("$BIN" --no-cache --vault "$DIR/vault" query "$QUERY" --format jsonl 2>/dev/null | wc -l)
ROWS_B=$("$BIN" --no-cache --vault "$DIR/vault" base "$DIR/bench.base" --format jsonl 2>/dev/null | wc -l)
echo "notes:  $NOTES (best of $RUNS runs by CPU time); rows: query $ROWS_Q, base $ROWS_B"
show query "$QUERY_T"
show base "$BASE_T"
echo "$QUERY_T $BASE_T" | awk '{ printf "ratio:  %.2f (base CPU / query CPU; target <= 1.10)\n", $6 / $1 }'
