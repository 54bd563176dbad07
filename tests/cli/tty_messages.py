#!/usr/bin/env python3
"""Messages that only a terminal gets: an empty query result says "No results." on stderr
when stdout is a terminal (and nothing when it is a pipe, so scripts see empty output).

Usage: tty_messages.py MDVAULT_BINARY VAULT
"""

import os
import pty
import subprocess
import sys


def run_on_tty(args, cwd):
    """Runs with stdout on a pseudo-terminal; returns (exit code, stdout text, stderr text)."""
    master, slave = pty.openpty()
    env = dict(os.environ)
    env.pop("MDVAULT_VAULT", None)
    proc = subprocess.Popen(args, cwd=cwd, stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    err = proc.stderr.read()
    proc.wait()
    os.close(master)
    return proc.returncode, out.decode(), err.decode()


def main():
    binary, vault = os.path.abspath(sys.argv[1]), sys.argv[2]
    failures = []
    query = [binary, "query", 'LIST FROM "Core Fears" WHERE status = "no such status"']
    code, out, err = run_on_tty(query, vault)
    if code != 0 or out.strip() or err != "No results.\n":
        failures.append(f"empty result on a terminal: exit {code}, stdout {out!r}, stderr {err!r}")
    piped = subprocess.run(query, cwd=vault, capture_output=True, text=True)
    if piped.returncode != 0 or piped.stdout or piped.stderr:
        failures.append(f"empty result to a pipe: exit {piped.returncode}, {piped.stdout!r}, {piped.stderr!r}")
    code, out, err = run_on_tty([binary, "query", 'LIST FROM "Core Fears"'], vault)
    if "No results." in err or not out.strip():
        failures.append(f"a result on a terminal: stdout {out!r}, stderr {err!r}")
    for f in failures:
        print("FAIL " + f)
    print(f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
