#!/usr/bin/env bash
# Lints a 3,000-note gen-vault with known defects and scores the JSON report with
# ../shared/tools/score-lint: every defect found and located, no false positive.
# Usage: score_gen_vault.sh MDVAULT_BINARY SOURCE_DIR
set -euo pipefail
mdvault=$1
source_dir=$2
tools="$source_dir/../shared/tools"
if [ ! -x "$tools/gen-vault" ] || [ ! -x "$tools/score-lint" ]; then
  echo "skipped: $tools (gen-vault, score-lint) is not here; this test needs the project's shared folder"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$tools/gen-vault" --notes 3000 --defect-rate 0.1 --out "$work/vault" >/dev/null
status=0
"$mdvault" --vault "$work/vault" --schemas "$source_dir/schemas" --jobs 4 lint --format json >"$work/report.json" || status=$?
if [ "$status" -ne 1 ]; then
  echo "lint exited with $status; expected 1 (the vault has errors)"
  exit 1
fi
# The same report at any number of jobs.
"$mdvault" --vault "$work/vault" --schemas "$source_dir/schemas" --jobs 1 lint --format json >"$work/report-1.json" || true
if ! cmp -s "$work/report.json" "$work/report-1.json"; then
  echo "lint --jobs 1 and the default --jobs give different reports"
  exit 1
fi
python3 "$tools/score-lint" "$work/vault/manifest.json" "$work/report.json"
