#!/bin/sh
# Prints what `mdvault query 'TABLE ... WHERE ... SORT'` costs next to `mdvault lint` on a
# generated vault (the issue's target: at most 1.1x lint): CPU time (user + sys, best of
# RUNS), wall time and peak RSS of each, and the CPU ratio. Figures only; never fails.
# CPU time is the figure to compare: wall time is noisy when other builds share the cores.
# Usage: bench/query_vs_lint.sh [MDVAULT_BINARY] [NOTES] [RUNS]
#   The binary must be a release build (default: build/release/mdvault, made with
#   `cmake --preset release && cmake --build --preset release --target mdvault`).
set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$HERE/build/release/mdvault}
NOTES=${2:-10000}
RUNS=${3:-3}
. "$HERE/bench/best_of.sh"
QUERY='TABLE status, core_fears WHERE contains(core_fears_group, "Relational") AND status != "🟩 complete" SORT file.name DESC'

cd "$HERE" || exit 0
LINT=$(best "$BIN" --no-cache --vault "$DIR/vault" --schemas "$HERE/schemas" lint --format json)
QUERY_T=$(best "$BIN" --no-cache --vault "$DIR/vault" query "$QUERY" --format json)
echo "notes:  $NOTES (best of $RUNS runs by CPU time)"
echo "query:  $QUERY"
show lint "$LINT"
show query "$QUERY_T"
echo "$LINT $QUERY_T" | awk '{ printf "ratio:  %.2f (query CPU / lint CPU; target <= 1.10)\n", $6 / $1 }'
