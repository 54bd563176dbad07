#!/bin/sh
# `cmake --install` into a scratch folder puts the program, man page, completions and docs
# where the shells and man look, and the installed program runs.
# Usage: install_tree.sh BUILD_DIR
build=$1 dest=$(mktemp -d) status=0
trap 'rm -rf "$dest"' EXIT
DESTDIR="$dest" cmake --install "$build" --prefix /usr/local >/dev/null || { echo "FAIL cmake --install"; exit 1; }
for f in bin/mdvault share/man/man1/mdvault.1 share/bash-completion/completions/mdvault \
         share/zsh/vendor-completions/_mdvault share/fish/vendor_completions.d/mdvault.fish \
         share/doc/mdvault/README.md share/doc/mdvault/lint.md share/doc/mdvault/ci.md; do
  if [ -f "$dest/usr/local/$f" ]; then echo "ok   $f"; else echo "FAIL missing $f"; status=1; fi
done
"$dest/usr/local/bin/mdvault" --version | grep -q '^mdvault ' || { echo "FAIL the installed mdvault does not run"; status=1; }
bash -n "$dest/usr/local/share/bash-completion/completions/mdvault" || { echo "FAIL bash completion syntax"; status=1; }
if command -v zsh >/dev/null; then zsh -n "$dest/usr/local/share/zsh/vendor-completions/_mdvault" || status=1; fi
if command -v fish >/dev/null; then fish -n "$dest/usr/local/share/fish/vendor_completions.d/mdvault.fish" || status=1; fi
# The bash completion completes a command and an option of it.
words=$(bash -c '. "$1"; COMP_WORDS=(mdvault li); COMP_CWORD=1; _mdvault; echo "${COMPREPLY[*]}"; COMP_WORDS=(mdvault lint --max); COMP_CWORD=2; _mdvault; echo "${COMPREPLY[*]}"' _ "$dest/usr/local/share/bash-completion/completions/mdvault")
[ "$words" = "lint links
--max-warnings" ] || { echo "FAIL bash completion gave: $words"; status=1; }
if command -v man >/dev/null; then
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l "$dest/usr/local/share/man/man1/mdvault.1" 2>&1 >/dev/null)
  [ -z "$warnings" ] || { echo "FAIL man page warnings: $warnings"; status=1; }
fi
exit $status
