#!/bin/sh
# Prints how long `mdvault query 'TABLE ... WHERE ... SORT'` takes next to `mdvault lint` on a
# generated 10,000-note vault (the issue's target: at most 1.1x lint). Figures only; never fails.
# Usage: bench/query_vs_lint.sh [MDVAULT_BINARY] [NOTES]
set -u
BIN=${1:-build/release/mdvault}
NOTES=${2:-10000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 "$HERE/../shared/tools/gen-vault" --notes "$NOTES" --out "$DIR/vault" >/dev/null
QUERY='TABLE status, file.name FROM "" WHERE status != null AND file.size > 100 SORT status, file.name DESC'
best() {  # best wall time of three runs, in seconds
  best=""
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
LINT=$(best "$BIN" --vault "$DIR/vault" lint)
QUERY_T=$(best "$BIN" --vault "$DIR/vault" query "$QUERY")
echo "notes:  $NOTES"
echo "lint:   ${LINT} s"
echo "query:  ${QUERY_T} s"
echo "ratio:  $(echo "scale=2; $QUERY_T / $LINT" | bc)"
