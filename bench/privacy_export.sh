#!/usr/bin/env bash
# Benchmark: `mdvault export --format json` with the privacy policy against the same export
# without it, on a gen-vault of N notes (issue 9's target: with the policy at most 1.3 times
# the time without it). Prints the vault size, both commands' times and peak RSS
# (bench/measure.py), the ratios, and what each export holds. Figures only: exit 0 whenever
# both ran ("skipped" without the shared tools), 2 when something could not run.
#
# Usage: bench/privacy_export.sh BINARY [NOTES] [--runs R] [--keep DIR]
#   BINARY         the mdvault to measure (e.g. build/release/mdvault); nothing is built
#   NOTES          notes in the generated vault (default 10000)
#   --runs R       measured runs of each command, after one warm-up each (default 5)
#   --keep DIR     work in DIR and keep the vault, the exports, the map and the figures
#
# Without the policy: the vault has no settings file (no privacy: section).
# With the policy: --config points to a settings file outside the vault holding
#   privacy: {private: 'visibility = "🔒 private"', omit: [definition], pseudonymize: [style_type]}
# and --pseudonym-map to a file in a folder of its own (the warm-up run writes it; the
# measured runs read it, as every export after the first does).
# Everything is written into a temporary folder (or DIR), never into the repository.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
notes=10000
runs=5
mdvault=""
keep=""
die() { echo "privacy_export: $*" >&2; exit 2; }
positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || die "--keep needs a folder"; keep=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -ge 1 ] || die "give the binary to measure: bench/privacy_export.sh BINARY [NOTES] (see --help)"
[ ${#positional[@]} -le 2 ] || die "too many arguments: ${positional[*]} (see --help)"
mdvault=${positional[0]}
[ ${#positional[@]} -lt 2 ] || notes=${positional[1]}
case $notes in ''|*[!0-9]*) die "NOTES must be a number, not '$notes'" ;; esac
case $runs in ''|*[!0-9]*) die "--runs must be a number, not '$runs'" ;; esac
gen_vault="$repo/../shared/tools/gen-vault"
if [ ! -f "$gen_vault" ]; then
  echo "skipped: $gen_vault is not here; this benchmark needs the project's shared tools"
  exit 0
fi
[ -x "$mdvault" ] || die "$mdvault is not an executable file"
mdvault=$(cd "$(dirname "$mdvault")" && pwd)/$(basename "$mdvault")
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  work=$(cd "$keep" && pwd)
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/mdvault-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
case "$work/" in "$repo/"*) die "the work folder $work lies inside the repository; give --keep a folder outside it" ;; esac
vault="$work/vault"
[ -e "$vault" ] || python3 "$gen_vault" --notes "$notes" --out "$vault" >/dev/null
[ ! -e "$vault/.mdvault.yaml" ] || die "$vault/.mdvault.yaml exists: the run without a policy needs a vault without settings"
mkdir -p "$work/plain" "$work/policy" "$work/keys"
# The settings of the policy run: the vault's own (it has none) plus the privacy section.
cat >"$work/policy.yaml" <<'EOF'
privacy:
  private: 'visibility = "🔒 private"'
  omit: [definition]
  pseudonymize: [style_type]
EOF
rm -f "$work/keys/pseudonyms.json"
disk_kib=$(du -sk --exclude=manifest.json "$vault" | cut -f1)
text_bytes=$(find "$vault" -name '*.md' -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "vault: $notes notes, $((text_bytes / 1024)) KiB of note text, $disk_kib KiB on disk (du, without manifest.json)"
echo "binary: $mdvault ($("$mdvault" --version 2>&1))"
echo "policy: $(tr '\n' ' ' <"$work/policy.yaml")"
# Both exports are written to a file (through its temporary file and rename, as users run it).
python3 "$here/measure.py" --runs "$runs" --warmup 1 --json "$work/figures.json" \
  --cmd policy "$mdvault --no-cache --vault $vault --config $work/policy.yaml --schemas $repo/schemas export --format json --out $work/policy/export.json --force --pseudonym-map $work/keys/pseudonyms.json" \
  --cmd plain "$mdvault --no-cache --vault $vault --schemas $repo/schemas export --format json --out $work/plain/export.json --force"
python3 - "$work/figures.json" "$disk_kib" "$work/plain/export.json" "$work/policy/export.json" "$work/keys/pseudonyms.json" <<'PY'
import json, os, statistics, sys
figures = json.load(open(sys.argv[1]))
disk = int(sys.argv[2]) * 1024
by_name = {c["name"]: c for c in figures["commands"]}
plain, policy = by_name["plain"], by_name["policy"]
print(f"without policy: median {plain['median_seconds']:.2f} s, peak RSS {plain['max_peak_rss_bytes'] / 2**20:.1f} MiB")
print(f"with policy:    median {policy['median_seconds']:.2f} s, peak RSS {policy['max_peak_rss_bytes'] / 2**20:.1f} MiB")
print(f"with / without policy, median time: {policy['median_seconds'] / plain['median_seconds']:.2f} (target: at most 1.3)")
cpu = {c["name"]: statistics.median(c["cpu_seconds"]) for c in figures["commands"]}
print(f"with / without policy, median CPU time: {cpu['policy'] / cpu['plain']:.2f} "
      f"({cpu['policy']:.2f} s / {cpu['plain']:.2f} s; steadier than wall time on a busy machine)")
print(f"with / without policy, peak RSS: {policy['max_peak_rss_bytes'] / plain['max_peak_rss_bytes']:.2f} "
      f"({policy['max_peak_rss_bytes'] / disk:.2f}x the vault on disk)")
for label, path in (("without policy", sys.argv[3]), ("with policy", sys.argv[4])):
    with open(path, encoding="utf-8") as f:
        count = len(json.load(f)["notes"])
    print(f"export {label}: {count} notes, {os.path.getsize(path) / 2**20:.1f} MiB")
with open(sys.argv[5], encoding="utf-8") as f:
    people = json.load(f)["pseudonyms"]
print(f"pseudonym map: {len(people)} names replaced ({', '.join(p['pseudonym'] for p in people[:6])}"
      f"{', ...' if len(people) > 6 else ''})")
PY
