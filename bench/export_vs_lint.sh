#!/usr/bin/env bash
# Benchmark: `mdvault export --format json` against `mdvault lint` on a gen-vault of N notes
# (issue 5's target: export at most 1.3x lint's time, peak memory under twice the vault's
# size on disk). Prints the vault size, both commands' times and peak RSS (bench/measure.py),
# and the ratios. Figures only: exit 0 whenever both ran ("skipped" without the shared tools),
# 2 when something could not run.
#
# Usage: bench/export_vs_lint.sh [--notes N] [--runs R] [--mdvault PATH] [--keep DIR]
#   --notes N      notes in the generated vault (default 10000)
#   --runs R       measured runs of each command, after one warm-up each (default 5)
#   --mdvault PATH the binary to measure (default build/release/mdvault)
#   --keep DIR     work in DIR and keep the vault, the export and the figures
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
notes=10000
runs=5
mdvault="$repo/build/release/mdvault"
keep=""
die() { echo "export_vs_lint: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --notes) [ $# -ge 2 ] || die "--notes needs a number"; notes=$2; shift 2 ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --mdvault) [ $# -ge 2 ] || die "--mdvault needs a path"; mdvault=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || die "--keep needs a folder"; keep=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
gen_vault="$repo/../shared/tools/gen-vault"
if [ ! -f "$gen_vault" ]; then
  echo "skipped: $gen_vault is not here; this benchmark needs the project's shared tools"
  exit 0
fi
[ -x "$mdvault" ] || die "$mdvault is not an executable file (build it: cmake --preset release && cmake --build --preset release)"
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  work=$(cd "$keep" && pwd)
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/mdvault-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
vault="$work/vault"
[ -e "$vault" ] || python3 "$gen_vault" --notes "$notes" --out "$vault" >/dev/null
disk_kib=$(du -sk --exclude=manifest.json "$vault" | cut -f1)
text_bytes=$(find "$vault" -name '*.md' -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "vault: $notes notes, $((text_bytes / 1024)) KiB of note text, $disk_kib KiB on disk (du, without manifest.json)"
echo "binary: $mdvault ($("$mdvault" --version 2>&1))"
# The export is written to a file (through its temporary file and rename, as users run it).
python3 "$here/measure.py" --runs "$runs" --warmup 1 --json "$work/figures.json" \
  --cmd export "$mdvault --no-cache --vault $vault --schemas $repo/schemas export --format json --out $work/export.json --force" \
  --cmd lint "$mdvault --no-cache --vault $vault --schemas $repo/schemas lint --format json" --ok 0,1
python3 - "$work/figures.json" "$disk_kib" "$work/export.json" <<'PY'
import json, os, sys
figures = json.load(open(sys.argv[1]))
disk = int(sys.argv[2]) * 1024
by_name = {c["name"]: c for c in figures["commands"]}
lint, export = by_name["lint"], by_name["export"]
print(f"export / lint median time: {export['median_seconds'] / lint['median_seconds']:.2f} (target: at most 1.3)")
print(f"export peak RSS: {export['max_peak_rss_bytes'] / 2**20:.1f} MiB = {export['max_peak_rss_bytes'] / disk:.2f}x "
      f"the vault on disk (target: under 2)")
print(f"export file: {os.path.getsize(sys.argv[3]) / 2**20:.1f} MiB")
PY
