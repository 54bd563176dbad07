#!/usr/bin/env bash
# Benchmark: `mdvault lint --format json` against a Node.js script that does the
# same reading and checking with gray-matter + Ajv (bench/node_lint.mjs), on a
# gen-vault of N notes. Prints the vault size, both programs' wall times and
# peak memory, and the ratios mdvault/node. It never fails on a slow machine:
# exit 0 whenever both programs ran (or "skipped" when the project's shared
# tools are not there), 2 when something could not run.
#
# Usage: bench/lint_vs_node.sh [--notes N] [--runs R] [--jobs J]
#                              [--mdvault PATH] [--keep DIR]
#   --notes N      notes in the generated vault (default 10000)
#   --runs R       measured runs of each program, after one warm-up each (default 5)
#   --jobs J       passed to mdvault as --jobs (default: all cores, `nproc`)
#   --mdvault PATH the binary to measure (default build/release/mdvault; built
#                  with `cmake --preset release && cmake --build --preset release`
#                  when missing; CMAKE_BUILD_PARALLEL_LEVEL limits that build)
#   --keep DIR     work in DIR (vault, node_modules, outputs) and keep it
# Needs: python3, node and npm (npm installs gray-matter, ajv 8 and js-yaml
# into the temporary folder), and ../shared/tools/gen-vault next to the repo.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

notes=10000
runs=5
jobs=""
mdvault=""
keep=""
die() { echo "lint_vs_node: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --notes) [ $# -ge 2 ] || die "--notes needs a number"; notes=$2; shift 2 ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --jobs) [ $# -ge 2 ] || die "--jobs needs a number"; jobs=$2; shift 2 ;;
    --mdvault) [ $# -ge 2 ] || die "--mdvault needs a path"; mdvault=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || die "--keep needs a folder"; keep=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
case $notes in ''|*[!0-9]*) die "--notes must be a whole number" ;; esac
case $runs in ''|*[!0-9]*|0) die "--runs must be a whole number, at least 1" ;; esac
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
[ -n "$jobs" ] || jobs=$cores
case $jobs in ''|*[!0-9]*) die "--jobs must be a whole number" ;; esac

gen_vault="$repo/../shared/tools/gen-vault"
if [ ! -f "$gen_vault" ]; then
  echo "skipped: $gen_vault is not here; this benchmark needs the project's shared tools"
  exit 0
fi
for tool in python3 node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed; it is needed to run this benchmark"
done

# --- mdvault --------------------------------------------------------------------
if [ -z "$mdvault" ]; then
  mdvault="$repo/build/release/mdvault"
  if [ ! -x "$mdvault" ]; then
    echo "== building $mdvault (cmake --preset release && cmake --build --preset release)"
    (cd "$repo" && cmake --preset release >/dev/null && cmake --build --preset release) ||
      die "could not build mdvault"
  fi
fi
[ -x "$mdvault" ] || die "$mdvault is not an executable file"
mdvault=$(cd "$(dirname "$mdvault")" && pwd)/$(basename "$mdvault")
mdvault_version=$("$mdvault" --version 2>&1) || die "$mdvault --version failed: $mdvault_version"

# --- work folder ------------------------------------------------------------------
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  work=$(cd "$keep" && pwd)
  [ ! -e "$work/vault" ] || die "$work/vault already exists; give --keep an empty or new folder"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/mdvault-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
vault="$work/vault"
mkdir -p "$work/node" "$work/out"

echo "== machine: $cores cores (nproc), $(uname -sm), mdvault --jobs $jobs"
echo "   $mdvault_version ($mdvault)"
echo "   node $(node --version), npm $(npm --version), $(python3 --version)"

echo "== generating a $notes-note vault (gen-vault)"
python3 "$gen_vault" --notes "$notes" --out "$vault" >/dev/null || die "gen-vault failed"
note_count=$(find "$vault" -name '*.md' -not -path '*/.*' | wc -l | tr -d ' ')
disk_kb=$(du -sk "$vault" | cut -f1)
text_bytes=$(find "$vault" -name '*.md' -not -path '*/.*' -print0 | xargs -0 cat | wc -c | tr -d ' ')
awk -v n="$note_count" -v kb="$disk_kb" -v b="$text_bytes" 'BEGIN {
  printf "   %d notes: %.1f MB of note text (%.1f MiB), %.1f MiB on disk (du)\n", n, b / 1e6, b / 1048576, kb / 1024 }'

echo "== installing gray-matter, ajv@8, js-yaml with npm (in the temporary folder)"
echo '{ "private": true }' >"$work/node/package.json"
(cd "$work/node" && npm install --no-audit --no-fund --silent gray-matter ajv@8 js-yaml) ||
  die "npm install failed (is the npm registry reachable?)"
versions=$(cd "$work/node" && node -e '
  for (const p of ["gray-matter", "ajv", "js-yaml"]) process.stdout.write(`${p} ${require(`${p}/package.json`).version}  `)')
echo "   $versions"

# --- measure ------------------------------------------------------------------------
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }  # quote for shlex.split in measure.py
mdvault_cmd="$(q "$mdvault") --no-cache --vault $(q "$vault") --schemas $(q "$repo/schemas") --jobs $jobs lint --format json"
node_cmd="node $(q "$here/node_lint.mjs") --vault $(q "$vault") --schema $(q "$repo/schemas/attachment_theory.schema.yaml") --modules $(q "$work/node")"

echo "== measuring: one warm-up run each, then $runs runs each, alternating (mdvault, node, ...)"
echo "   The OS page cache is warm for both (the vault was just written, and each warm-up"
echo "   reads it); \"cold\" means a fresh process every run, nothing cached inside a program."
echo "   mdvault: $mdvault_cmd"
echo "   node:    $node_cmd"
echo "   (stdout to /dev/null; exit code 1 is normal for both: the vault has defects)"
status=0
python3 "$here/measure.py" --runs "$runs" --warmup 1 --save-warmup "$work/out" --json "$work/out/results.json" \
  --cmd mdvault "$mdvault_cmd" --ok 0,1 \
  --cmd node "$node_cmd" --ok 0,1 || status=$?
[ "$status" -eq 0 ] || die "a program could not run (see above)"

# Both reports parse, and roughly how much each found (a sanity check, not a score).
python3 - "$work/out/mdvault.out" "$work/out/node.out" <<'EOF' || true
import json, sys
for name, path in zip(("mdvault", "node"), sys.argv[1:]):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        s = doc.get("summary", {})
        print(f"   {name + ':':<8} {len(doc.get('diagnostics', []))} findings in {s.get('files', '?')} files "
              f"(warm-up output, {sum(1 for _ in open(path, 'rb'))} lines)")
    except Exception as error:  # report, do not fail: the figures above stand
        print(f"   {name + ':':<8} output is not the expected JSON ({error})")
EOF
echo "   (mdvault checks more than the Node script: links, vocabularies, dates; finding counts differ)"
if [ -n "$keep" ]; then
  echo "== kept $work (vault/, node/, out/results.json, out/*.out)"
fi
python3 - "$work/out/results.json" "$cores" "$jobs" "$note_count" "$disk_kb" <<'EOF' || die "could not read the results"
import json, sys
path, cores, jobs, notes, kb = sys.argv[1:]
with open(path, encoding="utf-8") as f:
    r = json.load(f)["ratio"]
print(f"   machine: {cores} cores, mdvault --jobs {jobs}, node single-process; "
      f"vault: {notes} notes, {int(kb) / 1024:.1f} MiB on disk")
print(f"ratio (mdvault / node): time {r['time_median']:.2f}, peak memory {r['peak_rss']:.2f}")
EOF
exit 0
