#!/bin/sh
# Prints what the note cache saves (docs/cache.md) on a generated vault: each command with the
# cache next to the same command with --no-cache (cold), in one run, side by side: nothing
# changed (query, show, lint), one note changed (query), and a first run that builds the cache.
# Figures: CPU time (user + sys) and wall time of the run with the least CPU among RUNS, peak
# RSS, and the ratios against the cold run with the issue's targets beside them. Never fails.
# Usage: bench/cache.sh [MDVAULT_BINARY] [NOTES] [RUNS]
#   The binary must be a release build (default: build/release/mdvault, made with
#   `cmake --preset release && cmake --build --preset release --target mdvault`).
set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$HERE/build/release/mdvault}
NOTES=${2:-10000}
RUNS=${3:-5}
. "$HERE/bench/best_of.sh"
V="$DIR/vault"
CACHE="$DIR/cache"
QUERY='TABLE status, core_fears WHERE contains(core_fears_group, "Relational") AND status != "🟩 complete" SORT file.name DESC'
SHOW_NOTE=$(find "$V" -name '*.md' -not -path '*/.*' | sort | head -n 1)
SHOW_NOTE=$(basename "$SHOW_NOTE" .md)
# The note "one note changed" edits: a different one from the note shown.
EDITED=$(find "$V" -name '*.md' -not -path '*/.*' | sort | sed -n 2p)
# gen-vault has just written every file: let their modification times age past the two
# seconds within which the cache does not trust a stamp.
sleep 3

fresh_cache() { rm -rf "$CACHE"; }
edit_one() { printf '\nedited %s\n' "$(date +%s%N)" >>"$EDITED"; }

# row NAME "cold: cpu wall user sys rss" "cached: cpu wall user sys rss" TARGET
row() {
  echo "$2 $3" | awk -v name="$1" -v target="$4" '{
    printf "%-22s %7.3f s %7.3f s %5d MB | %7.3f s %7.3f s %5d MB | %5.2f %5.2f  (target <= %s)\n",
      name, $1, $2, $5 / 1024, $6, $7, $10 / 1024, $6 / $1, $7 / $2, target }'
}

M="$BIN --vault $V --schemas $HERE/schemas"
export MDVAULT_CACHE_DIR="$CACHE"
cd "$HERE" || exit 0
# Cold runs: --no-cache.
Q_COLD=$(best $M --no-cache query "$QUERY" --format json)
S_COLD=$(best $M --no-cache show "$SHOW_NOTE")
L_COLD=$(best $M --no-cache lint --format json)
# A first run that builds the cache, from nothing each time.
Q_FIRST=$(best_after fresh_cache $M query "$QUERY" --format json)
# Nothing changed: the cache is full and trusted (one more run fills what the last one read).
$M query "$QUERY" >/dev/null 2>&1
Q_WARM=$(best $M query "$QUERY" --format json)
S_WARM=$(best $M show "$SHOW_NOTE")
L_WARM=$(best $M lint --format json)
# One note changed before each run.
Q_ONE=$(best_after edit_one $M query "$QUERY" --format json)

echo "notes:  $NOTES ($(du -sh "$V" | cut -f1) on disk), best of $RUNS runs by CPU time, $(nproc) cores"
echo "query:  $QUERY"
echo "show:   $SHOW_NOTE"
printf '%-22s %-30s | %-30s | %s\n' "" "--no-cache (cpu, wall, peak)" "with the cache" "ratio cpu, wall"
row "query, nothing changed" "$Q_COLD" "$Q_WARM" 0.10
row "show, nothing changed" "$S_COLD" "$S_WARM" 0.10
row "lint, nothing changed" "$L_COLD" "$L_WARM" 0.25
row "query, one changed" "$Q_COLD" "$Q_ONE" 0.15
row "query, first run" "$Q_COLD" "$Q_FIRST" 1.15
echo "cache:  $(du -sh "$CACHE" | cut -f1) on disk"
