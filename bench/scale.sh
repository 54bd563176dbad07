#!/usr/bin/env bash
# Benchmark: every command of mdvault on gen-vaults of growing size, with Node
# (gray-matter + Ajv, bench/node_lint.mjs) beside lint and ripgrep beside search, in
# the same run. Prints one table: wall time, CPU time (user + sys) and peak RSS of
# each command at each size, the growth factor from one size to the next, and the
# ratios the issue checks (lint 30k/10k, 100k/10k, lint / Node, search / rg).
# Figures only: exits 0 whenever every program ran, 2 when one could not run.
#
# Usage: bench/scale.sh [--sizes "1000 10000 30000"] [--with-100k] [--runs R]
#                       [--jobs J] [--mdvault PATH] [--vaults DIR] [--no-node]
#   --sizes LIST   note counts, smallest first (default "1000 10000 30000")
#   --with-100k    add 100000 (about 600 MB of notes and a few minutes per command)
#   --runs R       runs of each program at each size; the one with the least CPU
#                  time is shown (default 1; no warm-up run: the vault was just
#                  written, so the OS page cache is warm)
#   --jobs J       mdvault --jobs (default: all cores)
#   --mdvault PATH the binary (default build/release/mdvault, a release build)
#   --vaults DIR   keep the vaults in DIR/vN and reuse them in later runs
#                  (default: a temporary folder under /tmp, removed at the end)
#   --no-node      leave Node out (it needs npm and the registry)
# Needs: python3, /usr/bin/time, rg (ripgrep: apt-get install ripgrep), node and npm
# (unless --no-node), and ../shared/tools/gen-vault next to the repository.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
sizes="1000 10000 30000"
runs=1
jobs=""
mdvault="$repo/build/release/mdvault"
vaults=""
node=1
die() { echo "scale: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) [ $# -ge 2 ] || die "--sizes needs a list"; sizes=$2; shift 2 ;;
    --with-100k) sizes="$sizes 100000"; shift ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --jobs) [ $# -ge 2 ] || die "--jobs needs a number"; jobs=$2; shift 2 ;;
    --mdvault) [ $# -ge 2 ] || die "--mdvault needs a path"; mdvault=$2; shift 2 ;;
    --vaults) [ $# -ge 2 ] || die "--vaults needs a folder"; vaults=$2; shift 2 ;;
    --no-node) node=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
for n in $sizes; do
  case $n in ''|*[!0-9]*|0) die "--sizes must list whole numbers above 0, not '$n'" ;; esac
done
case $runs in ''|*[!0-9]*|0) die "--runs must be a whole number, at least 1" ;; esac
cores=$(nproc 2>/dev/null || echo 1)
[ -n "$jobs" ] || jobs=$cores
case $jobs in ''|*[!0-9]*) die "--jobs must be a whole number" ;; esac

gen_vault="$repo/../shared/tools/gen-vault"
if [ ! -f "$gen_vault" ]; then
  echo "skipped: $gen_vault is not here; this benchmark needs the project's shared tools"
  exit 0
fi
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed (apt-get install time)"
command -v python3 >/dev/null 2>&1 || die "python3 is not installed"
command -v rg >/dev/null 2>&1 || die "rg is not installed; install ripgrep (apt-get install ripgrep)"
if [ "$node" -eq 1 ]; then
  for tool in node npm; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (or pass --no-node)"
  done
fi
[ -x "$mdvault" ] || die "no mdvault at $mdvault; build one: cmake --preset release && cmake --build --preset release --target mdvault"
config="$(dirname "$mdvault")/CMakeCache.txt"
if [ -f "$config" ] && ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$config"; then
  echo "warning: $mdvault is not a release build; figures are not comparable" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mdvault-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -z "$vaults" ]; then
  vaults="$work/vaults"
fi
mkdir -p "$vaults"

echo "== machine: $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg), mdvault --jobs $jobs, $runs run(s) each"
echo "   $("$mdvault" --version) ($mdvault); $(rg --version | head -n 1)"
if [ "$node" -eq 1 ]; then
  echo "== installing gray-matter, ajv@8, js-yaml with npm (in the temporary folder)"
  mkdir -p "$work/node"
  echo '{ "private": true }' >"$work/node/package.json"
  (cd "$work/node" && npm install --no-audit --no-fund --silent gray-matter ajv@8 js-yaml) ||
    die "npm install failed (is the npm registry reachable? or pass --no-node)"
  echo "   node $(node --version)"
fi

results="$work/results"
: >"$results"
# measure NAME SIZE CMD...: RUNS runs; records "NAME SIZE cpu wall rss_kb" of the run with
# the least CPU time. Exit codes 0 and 1 (findings, no match) are normal.
measure() {
  local name=$1 size=$2
  shift 2
  local best="" i=0 rc
  while [ "$i" -lt "$runs" ]; do
    rc=0
    /usr/bin/time -f "%U %S %e %M" -o "$work/one" "$@" >/dev/null 2>"$work/err" || rc=$?
    if [ "$rc" -gt 1 ]; then
      echo "scale: $name at $size notes ended with exit code $rc:" >&2
      head -n 5 "$work/err" >&2
      exit 2
    fi
    best=$(tail -n 1 "$work/one" | awk -v best="$best" '{ cpu = $1 + $2
      split(best, b, " "); if (best == "" || cpu < b[1]) printf "%.2f %.2f %d\n", cpu, $3, $4; else print best }')
    i=$((i + 1))
  done
  echo "$name $size $best" >>"$results"
  echo "$best" | awk -v n="$name" -v s="$size" '{ printf "   %-13s %7d notes  %7.2f s wall  %7.2f s CPU  %6.0f MB\n", n, s, $2, $1, $3 / 1024 }'
}

query='TABLE status, core_fears WHERE contains(core_fears_group, "Relational") AND status != "🟩 complete" SORT file.name DESC'
phrase="secure base"
for n in $sizes; do
  vault="$vaults/v$n"
  if [ ! -f "$vault/manifest.json" ]; then
    echo "== generating $n notes (gen-vault) in $vault"
    rm -rf "$vault"
    python3 "$gen_vault" --notes "$n" --out "$vault" >/dev/null || die "gen-vault failed"
  fi
  disk_kb=$(du -sk --exclude=manifest.json "$vault" | cut -f1)
  echo "disk $n $disk_kb" >>"$results"
  note=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["notes"][0]["title"])' "$vault/manifest.json")
  echo "== $n notes, $((disk_kb / 1024)) MiB on disk; load $(cut -d' ' -f1-3 /proc/loadavg)"
  md=("$mdvault" --no-cache --vault "$vault" --jobs "$jobs")
  measure lint "$n" "${md[@]}" --schemas "$repo/schemas" lint --format json
  if [ "$node" -eq 1 ]; then
    measure node-lint "$n" node "$here/node_lint.mjs" --vault "$vault" \
      --schema "$repo/schemas/attachment_theory.schema.yaml" --modules "$work/node"
  fi
  measure query "$n" "${md[@]}" query "$query" --format json
  measure show "$n" "${md[@]}" show "$note"
  measure links "$n" "${md[@]}" links --broken
  measure search "$n" "${md[@]}" search "\"$phrase\""
  measure rg "$n" rg -i -F -n "$phrase" "$vault"
  measure export-json "$n" "${md[@]}" export --format json --out "$work/export.json" --force
  measure export-sqlite "$n" "${md[@]}" export --format sqlite --out "$work/export.sqlite" --force
  measure graph "$n" "${md[@]}" graph
  rm -f "$work/export.json" "$work/export.sqlite"
done

python3 - "$results" <<'EOF'
import sys
rows, disk, sizes, order = {}, {}, [], []
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if parts[0] == "disk":
        disk[int(parts[1])] = int(parts[2])
        continue
    name, size, cpu, wall, rss = parts[0], int(parts[1]), float(parts[2]), float(parts[3]), int(parts[4])
    rows[(name, size)] = (wall, cpu, rss / 1024)
    if size not in sizes:
        sizes.append(size)
    if name not in order:
        order.append(name)

def k(n):
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)

print()
print("wall s / CPU s / peak MB at each size; growth = wall (CPU) of this size / the size before")
head = ["command"] + [k(s) for s in sizes] + [f"{k(b)}/{k(a)}" for a, b in zip(sizes, sizes[1:])]
print("| " + " | ".join(head) + " |")
print("|" + " --- |" * len(head))
for name in order:
    cells = [name]
    for s in sizes:
        r = rows.get((name, s))
        cells.append("" if r is None else f"{r[0]:.2f} / {r[1]:.2f} / {r[2]:.0f}")
    for a, b in zip(sizes, sizes[1:]):
        ra, rb = rows.get((name, a)), rows.get((name, b))
        cells.append("" if not ra or not rb or ra[0] == 0 or ra[1] == 0
                     else f"{rb[0] / ra[0]:.2f}× ({rb[1] / ra[1]:.2f}×)")
    print("| " + " | ".join(cells) + " |")
print("| vault on disk, MB | " + " | ".join(f"{disk.get(s, 0) / 1024:.0f}" for s in sizes) + " |" +
      " |" * (len(sizes) - 1))

print()
def ratio(a, b, s):
    ra, rb = rows.get((a, s)), rows.get((b, s))
    if not ra or not rb or rb[0] == 0:
        return None
    return ra[0] / rb[0], (ra[1] / rb[1] if rb[1] > 0 else None)
def cpu_text(r):
    return "n/a CPU (below 0.01 s)" if r[1] is None else f"{r[1]:.2f} CPU"
for s in sizes:
    line = [f"{k(s)}:"]
    for a, b in (("lint", "node-lint"), ("search", "rg")):
        r = ratio(a, b, s)
        if r:
            line.append(f"{a} / {b} {r[0]:.2f} wall, {cpu_text(r)};")
    peak = max((rows[(n, s)][2] for n in order if (n, s) in rows and n not in ("node-lint", "rg")), default=0)
    if s in disk:
        line.append(f"largest mdvault peak {peak:.0f} MB = {peak / (disk[s] / 1024):.2f}× the vault on disk")
    print(" ".join(line))
for big, target in ((30000, 3.15), (100000, 10.5)):
    r = (rows.get(("lint", big)), rows.get(("lint", 10000)))
    if r[0] and r[1]:
        print(f"check: lint {k(big)}/10k {r[0][0] / r[1][0]:.2f} wall, {r[0][1] / r[1][1]:.2f} CPU (at most {target})")
big = max(sizes)
r = ratio("lint", "node-lint", big)
if r:
    print(f"check: lint / node at {k(big)} {r[0]:.2f} wall, {cpu_text(r)} (at most 0.5 at 100k)")
EOF
exit 0
