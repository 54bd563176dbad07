#!/usr/bin/env bash
# Installs what mdvault needs to build and test, from Debian's packages.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config python3 python3-yaml python3-jsonschema
  libyaml-cpp-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcli11-dev doctest-dev
  nlohmann-json3-dev rapidjson-dev libpcre2-dev libutf8proc-dev libsqlite3-dev libicu-dev
  graphviz pre-commit
)
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
