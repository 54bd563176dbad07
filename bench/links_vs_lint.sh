#!/bin/sh
# Prints how long `mdvault links --broken` takes next to `mdvault lint` on a generated
# 10,000-note vault (the issue's target: links --broken at most lint's time), and whether
# `mdvault graph | dot -Tsvg` renders it. Figures only; never fails.
# Usage: bench/links_vs_lint.sh [MDVAULT_BINARY] [NOTES]
set -u
BIN=${1:-build/release/mdvault}
NOTES=${2:-10000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 "$HERE/../shared/tools/gen-vault" --notes "$NOTES" --out "$DIR/vault" >/dev/null
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
LINT=$(best "$BIN" --no-cache --vault "$DIR/vault" lint)
BROKEN=$(best "$BIN" --no-cache --vault "$DIR/vault" links --broken)
ORPHANS=$(best "$BIN" --no-cache --vault "$DIR/vault" links --orphans)
GRAPH=$(best "$BIN" --no-cache --vault "$DIR/vault" graph)
echo "notes:           $NOTES"
echo "lint:            ${LINT} s"
echo "links --broken:  ${BROKEN} s  (ratio $(echo "scale=2; $BROKEN / $LINT" | bc))"
echo "links --orphans: ${ORPHANS} s"
echo "graph (dot):     ${GRAPH} s"
if command -v dot >/dev/null 2>&1; then
  start=$(date +%s.%N)
  if "$BIN" --no-cache --vault "$DIR/vault" graph | dot -Tsvg >"$DIR/graph.svg" 2>"$DIR/dot.err"; then
    end=$(date +%s.%N)
    echo "graph | dot -Tsvg: ok in $(echo "$end - $start" | bc) s, $(wc -c <"$DIR/graph.svg") bytes, $(wc -l <"$DIR/dot.err") lines on stderr"
  else
    echo "graph | dot -Tsvg: FAILED: $(head -3 "$DIR/dot.err")"
  fi
else
  echo "graph | dot -Tsvg: skipped (Graphviz not installed)"
fi
