#!/bin/sh
# Every command that prints to stdout exits 3 when the output cannot be written (> /dev/full),
# instead of passing silently. Usage: stdout_write_error.sh MDVAULT_BINARY VAULT
mdvault=$1 vault=$2 status=0
[ -w /dev/full ] || { echo "SKIPPED: no /dev/full on this system"; exit 77; }
check() {
  "$mdvault" --vault "$vault" "$@" >/dev/full 2>/tmp/mdvault-full-$$.err
  rc=$?
  if [ "$rc" -ne 3 ] || ! grep -q "cannot write the output" /tmp/mdvault-full-$$.err; then
    echo "FAIL mdvault $*: exit $rc, expected 3 with 'cannot write the output'"; cat /tmp/mdvault-full-$$.err; status=1
  else
    echo "ok   mdvault $*"
  fi
}
check lint --format sarif
check lint
check lint --format json
check query 'LIST FROM ""'
check stats --no-timing
check show "Start Here"
check links --broken
check search secure
check graph
check schema list
check --version
rm -f /tmp/mdvault-full-$$.err
exit $status
