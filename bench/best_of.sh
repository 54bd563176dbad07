# Sourced by the benchmarks that time mdvault commands by their best run (query_vs_lint.sh,
# base_vs_query.sh, cache.sh). Expects HERE (the project folder), BIN, NOTES and RUNS. Exits 0
# saying why when the binary or ../shared/tools/gen-vault is missing; warns when BIN is not a
# release build; makes DIR (removed on exit) holding a gen-vault of NOTES notes in DIR/vault.

if [ ! -x "$BIN" ]; then
  echo "no mdvault binary at $BIN; build one with: cmake --preset release && cmake --build --preset release --target mdvault" >&2
  exit 0
fi
if [ ! -x "$HERE/../shared/tools/gen-vault" ]; then
  echo "skipped: ../shared/tools/gen-vault is not here (it comes with the project's shared folder)"
  exit 0
fi
BUILD_CONFIG="$(dirname "$BIN")/CMakeCache.txt"
if [ -f "$BUILD_CONFIG" ] && ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$BUILD_CONFIG"; then
  echo "warning: $BIN is not a release build ($(grep '^CMAKE_BUILD_TYPE:' "$BUILD_CONFIG")); figures are not comparable" >&2
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 "$HERE/../shared/tools/gen-vault" --notes "$NOTES" --out "$DIR/vault" >/dev/null

# best_after PREP CMD...: runs PREP then CMD, RUNS times; prints "cpu wall user sys rss_kb" of
# the run with the least CPU time (user + sys).
best_after() {
  prep=$1
  shift
  : >"$DIR/times"
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    "$prep"
    /usr/bin/time -f "%U %S %e %M" -o "$DIR/one" "$@" >/dev/null 2>&1
    tail -n 1 "$DIR/one" >>"$DIR/times"
    i=$((i + 1))
  done
  awk '{ cpu = $1 + $2; if (NR == 1 || cpu < best) { best = cpu; line = sprintf("%.3f %.3f %.3f %.3f %d", cpu, $3, $1, $2, $4) } }
       END { print line }' "$DIR/times"
}

# best CMD...: best_after with nothing to do before each run.
best() { best_after : "$@"; }

# show NAME "cpu wall user sys rss": one line of figures.
show() {
  echo "$2" | awk -v name="$1" '{ printf "%-6s %6.2f s CPU (%.2f user + %.2f sys)  %6.2f s wall  %4d MB peak RSS\n", name, $1, $3, $4, $2, $5 / 1024 }'
}
