#!/usr/bin/env python3
"""Golden-folder tests for `mdvault export`.

Each case is a folder tests/export/<case>/ with
  input/     the vault (or a file `vault` naming another case whose input/ to use)
  cmd        lines `EXPECTED-FILE ARGS...` (shell-quoted; `#` lines are comments)
  expected/  the expected output files, compared byte for byte
A SQLite export is compared through a text dump (every table, rows in id order,
notes.mtime left out because it depends on the checkout).
Stderr of each run is compared with expected/<EXPECTED-FILE>.stderr when that file exists
(else it must be empty).

Usage: run_golden.py MDVAULT DIR [CASE...] [--update]
"""
import os
import shlex
import sqlite3
import subprocess
import sys
import tempfile


def dump_sqlite(path):
    db = sqlite3.connect(path)
    out = [f"user_version {db.execute('PRAGMA user_version').fetchone()[0]}"]
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in tables:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if not (table == "notes" and r[1] == "mtime")]
        out.append(f"## {table} ({', '.join(columns)})")
        order = "rowid"
        for row in db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"):
            out.append(" | ".join(f"{type(v).__name__}:{v!r}" for v in row))
    db.close()
    return ("\n".join(out) + "\n").encode()


def run_case(binary, case_dir, update):
    failures = []
    vault_case = case_dir
    if os.path.exists(os.path.join(case_dir, "vault")):
        with open(os.path.join(case_dir, "vault")) as f:
            vault_case = os.path.join(os.path.dirname(case_dir), f.read().strip())
    vault = os.path.join(vault_case, "input")
    expected_dir = os.path.join(case_dir, "expected")
    with open(os.path.join(case_dir, "cmd"), encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]
    env = {k: v for k, v in os.environ.items() if k not in ("MDVAULT_VAULT", "NO_COLOR")}
    for line in lines:
        name, *args = shlex.split(line)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            proc = subprocess.run([binary, "--vault", vault, "export", *args, "--out", out],
                                  capture_output=True, env=env, cwd=tmp)
            if proc.returncode != 0:
                failures.append(f"{case_dir}: {name}: exit {proc.returncode}\n{proc.stderr.decode(errors='replace')}")
                continue
            if "sqlite" in args:
                got = dump_sqlite(out)
            else:
                with open(out, "rb") as f:
                    got = f.read()
            stderr = proc.stderr.replace(vault.encode(), b"VAULT")
        expected = os.path.join(expected_dir, name)
        expected_err = expected + ".stderr"
        if update:
            os.makedirs(expected_dir, exist_ok=True)
            with open(expected, "wb") as f:
                f.write(got)
            if stderr:
                with open(expected_err, "wb") as f:
                    f.write(stderr)
            elif os.path.exists(expected_err):
                os.remove(expected_err)
            continue
        want = open(expected, "rb").read() if os.path.exists(expected) else None
        if want != got:
            failures.append(f"{case_dir}: {name} differs from {expected}"
                            + ("" if want is None else first_difference(want, got)))
        want_err = open(expected_err, "rb").read() if os.path.exists(expected_err) else b""
        if want_err != stderr:
            failures.append(f"{case_dir}: {name}: stderr {stderr!r}, expected {want_err!r}")
    return len(lines), failures


def first_difference(want, got):
    a, b = want.splitlines(), got.splitlines()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"\n  line {i + 1}:\n  - {x.decode(errors='replace')}\n  + {y.decode(errors='replace')}"
    return f"\n  {len(a)} lines expected, {len(b)} written"


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = "--update" in sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary, root, *only = args
    binary = os.path.abspath(binary)
    cases = sorted(d for d in os.listdir(root) if os.path.exists(os.path.join(root, d, "cmd")))
    if only:
        cases = [c for c in cases if c in only]
    total, failures = 0, []
    for case in cases:
        n, f = run_case(binary, os.path.join(os.path.abspath(root), case), update)
        total += n
        failures += f
    for f in failures:
        print("FAIL", f)
    print(f"{total - len(failures)}/{total} export goldens {'updated' if update else 'pass'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
