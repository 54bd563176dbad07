#!/usr/bin/env python3
"""Runs the mdvault CLI transcripts in tests/cli and compares them exactly.

Each case is a folder tests/cli/<command>/<case>/ holding:

  cmd      the arguments after `mdvault`, as one shell-quoted line (POSIX shlex
           rules: quote names with spaces, "Start Here"); lines starting with
           '#' are comments; no line at all runs mdvault without arguments
  stdout   the expected standard output, byte for byte
  stderr   the expected standard error; when the file is absent, stderr must be empty
  exit     the expected exit code
  vault    optional: the fixture vault under tests/vaults to run in (default cli-basic)
  cwd      optional: a folder inside that vault to run from (default its top folder)
  env      optional: KEY=VALUE lines added to the environment

Every case runs with MDVAULT_VAULT and NO_COLOR removed from the environment and
with stdout and stderr not on a terminal (so no colour unless --color always).

Usage: run_transcripts.py MDVAULT_BINARY CASES_DIR [FILTER...] [--update]
  FILTER     run only cases whose "command/case" name contains one of these
  --update   write the actual output into the expected files (after a deliberate
             change; review the result with git diff)
"""

import argparse
import difflib
import os
import shlex
import subprocess
import sys
from pathlib import Path

DEFAULT_VAULT = "cli-basic"
TIMEOUT_SECONDS = 120


def read_text(path):
    return path.read_bytes().decode("utf-8", errors="replace") if path.exists() else None


def command_line(case_dir):
    lines = [line for line in (case_dir / "cmd").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    if len(lines) > 1:
        raise ValueError(f"{case_dir / 'cmd'}: expected one command line, found {len(lines)}")
    return shlex.split(lines[0]) if lines else []


def environment(case_dir):
    env = dict(os.environ)
    env.pop("MDVAULT_VAULT", None)
    env.pop("NO_COLOR", None)
    env_file = case_dir / "env"
    if env_file.exists():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, value = line.partition("=")
                env[key.strip()] = value
    return env


def diff(name, expected, actual):
    lines = difflib.unified_diff(
        (expected or "").splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"expected {name}", tofile=f"actual {name}")
    out = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return out or f"(the {name} differs only in invisible characters)\n"


def run_case(binary, vaults_dir, case_dir, update):
    """Runs one case; returns a list of failure messages (empty when it passed)."""
    args = command_line(case_dir)
    vault_name = (read_text(case_dir / "vault") or DEFAULT_VAULT).strip()
    cwd = vaults_dir / vault_name
    if (case_dir / "cwd").exists():
        cwd = cwd / read_text(case_dir / "cwd").strip()
    if not cwd.is_dir():
        return [f"the folder to run in does not exist: {cwd}"]
    try:
        proc = subprocess.run([str(binary)] + args, cwd=cwd, env=environment(case_dir),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return [f"timed out after {TIMEOUT_SECONDS} s"]
    stdout = proc.stdout.decode("utf-8", errors="replace")
    stderr = proc.stderr.decode("utf-8", errors="replace")

    if update:
        (case_dir / "stdout").write_bytes(proc.stdout)
        if proc.stderr:
            (case_dir / "stderr").write_bytes(proc.stderr)
        elif (case_dir / "stderr").exists():
            (case_dir / "stderr").unlink()
        (case_dir / "exit").write_text(f"{proc.returncode}\n", encoding="utf-8")
        return []

    failures = []
    expected_exit = read_text(case_dir / "exit")
    if expected_exit is None:
        failures.append("the file 'exit' is missing (run with --update to create it)")
    elif int(expected_exit.strip()) != proc.returncode:
        failures.append(f"exit code {proc.returncode}, expected {expected_exit.strip()}")
    expected_stdout = read_text(case_dir / "stdout")
    if expected_stdout is None:
        failures.append("the file 'stdout' is missing (run with --update to create it)")
    elif expected_stdout != stdout:
        failures.append("stdout differs:\n" + diff("stdout", expected_stdout, stdout))
    expected_stderr = read_text(case_dir / "stderr") or ""
    if expected_stderr != stderr:
        failures.append("stderr differs:\n" + diff("stderr", expected_stderr, stderr))
    return failures


def find_cases(cases_dir):
    return sorted(path.parent for path in cases_dir.glob("*/*/cmd"))


def main():
    parser = argparse.ArgumentParser(description="Run the mdvault CLI transcript tests.")
    parser.add_argument("binary", type=Path, help="the mdvault program to test")
    parser.add_argument("cases", type=Path, help="the tests/cli folder")
    parser.add_argument("filters", nargs="*", help="run only cases whose name contains one of these")
    parser.add_argument("--update", action="store_true", help="rewrite the expected files from actual output")
    parser.add_argument("--vaults", type=Path, help="folder of fixture vaults (default: CASES/../vaults)")
    options = parser.parse_args()

    binary = options.binary.resolve()
    vaults_dir = (options.vaults or options.cases / ".." / "vaults").resolve()
    if not binary.is_file():
        print(f"run_transcripts: no program at {binary}", file=sys.stderr)
        return 2
    cases = find_cases(options.cases.resolve())
    if options.filters:
        cases = [c for c in cases if any(f in f"{c.parent.name}/{c.name}" for f in options.filters)]
    if not cases:
        print("run_transcripts: no cases found", file=sys.stderr)
        return 2

    passed = failed = 0
    for case_dir in cases:
        name = f"{case_dir.parent.name}/{case_dir.name}"
        try:
            failures = run_case(binary, vaults_dir, case_dir, options.update)
        except (OSError, ValueError) as error:
            failures = [str(error)]
        if failures:
            failed += 1
            cmd = (case_dir / "cmd").read_text(encoding="utf-8").strip()
            print(f"FAIL {name}: mdvault {cmd}")
            for failure in failures:
                print("  " + failure.replace("\n", "\n  ").rstrip())
        else:
            passed += 1
            print(f"{'UPDATED' if options.update else 'ok'}   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
