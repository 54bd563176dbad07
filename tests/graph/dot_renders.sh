#!/bin/sh
# Renders the graph of vault-example (and of the links fixture vault) with Graphviz and
# fails on any warning or error dot prints. Exit 77 (skipped) when dot is not installed.
# Usage: dot_renders.sh MDVAULT_BINARY SOURCE_DIR
set -u
BIN=$1
SRC=$2
if ! command -v dot >/dev/null 2>&1; then
  echo "dot (Graphviz) is not installed: skipped"
  exit 77
fi
status=0
for vault in "$SRC/vault-example" "$SRC/tests/vaults/links"; do
  for extra in "" "--attachments"; do
    err=$("$BIN" --vault "$vault" graph $extra 2>&1 >/tmp/mdvault-graph-$$.dot) || { echo "mdvault graph failed on $vault: $err"; status=1; }
    out=$(dot -Tsvg /tmp/mdvault-graph-$$.dot 2>&1 >/dev/null)
    rc=$?
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
      echo "dot -Tsvg on the graph of $vault $extra (exit $rc):"
      echo "$out"
      status=1
    fi
  done
done
rm -f /tmp/mdvault-graph-$$.dot
[ $status -eq 0 ] && echo "dot renders every graph without a warning"
exit $status
