#!/usr/bin/env bash
# Builds mdvault (release) and installs it under /usr/local (or PREFIX), with its man page,
# shell completions and documentation. `scripts/install.sh --uninstall` removes what it put there.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
sudo=""
if [ "$(id -u)" -ne 0 ] && [ ! -w "$prefix" ]; then sudo="sudo"; fi
manifest=build/release/install_manifest.txt
if [ "${1:-}" = "--uninstall" ]; then
  [ -f "$manifest" ] || { echo "install.sh: nothing to remove ($manifest is missing)" >&2; exit 1; }
  xargs -d '\n' $sudo rm -f -- < "$manifest"
  echo "Removed mdvault from $prefix."
  exit 0
fi
./scripts/install-deps.sh
cmake --preset release -DCMAKE_INSTALL_PREFIX="$prefix" -DMDVAULT_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release
$sudo cmake --install build/release >/dev/null
hash -r 2>/dev/null || true
echo "Installed $("$prefix/bin/mdvault" --version) as $prefix/bin/mdvault (man page, bash/zsh/fish completions, docs in $prefix/share/doc/mdvault)."
echo "Remove it with: scripts/install.sh --uninstall"
