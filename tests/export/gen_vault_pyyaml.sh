#!/usr/bin/env bash
# Exports a 3,000-note gen-vault and checks with PyYAML that the frontmatter of every clean
# note is exported as PyYAML reads it (pyyaml_check.py explains the YAML 1.1/1.2 differences).
# Usage: gen_vault_pyyaml.sh MDVAULT_BINARY SOURCE_DIR
set -euo pipefail
mdvault=$1
source_dir=$2
tools="$source_dir/../shared/tools"
if [ ! -x "$tools/gen-vault" ]; then
  echo "skipped: $tools/gen-vault is not here; this test needs the project's shared folder"
  exit 77
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "skipped: PyYAML is not installed (Debian: python3-yaml, see scripts/install-deps.sh)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$tools/gen-vault" --notes 3000 --defect-rate 0.1 --out "$work/vault" >/dev/null
"$mdvault" --vault "$work/vault" -q export --format jsonl --no-body --out "$work/export.jsonl"
python3 "$source_dir/tests/export/pyyaml_check.py" "$work/vault" "$work/export.jsonl"
