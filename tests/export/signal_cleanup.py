#!/usr/bin/env python3
"""An export stopped by SIGINT, SIGTERM or SIGHUP leaves no temporary file and no output.

Usage: signal_cleanup.py MDVAULT
Makes a vault large enough that writing takes a while, starts an export, waits until its
temporary file (OUT.tmp-XXXXXX) appears, sends the signal, and checks that the process died
of it, that the temporary file is gone and that OUT was never created.
"""
import glob
import os
import signal
import subprocess
import sys
import tempfile
import time


def make_vault(root, notes=1500):
    paragraph = ("The secure base lets a child explore and return. " * 40 + "\n\n") * 10
    for i in range(notes):
        folder = os.path.join(root, f"Folder {i % 10}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"Note {i:05}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: Note {i}\nstatus: draft\n---\n# Note {i}\n{paragraph}[[Note {(i + 1) % notes:05}]]\n")


def run_once(binary, vault, out_dir, sig):
    out = os.path.join(out_dir, f"notes-{sig.name}.json")
    env = {k: v for k, v in os.environ.items() if k not in ("MDVAULT_VAULT", "NO_COLOR")}
    proc = subprocess.Popen([binary, "--vault", vault, "-q", "export", "--format", "json", "--out", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    seen = False
    while time.monotonic() < deadline and proc.poll() is None:
        if glob.glob(out + ".tmp-*"):
            seen = True
            break
        time.sleep(0.002)
    if not seen:
        proc.wait()
        return f"the export ended before its temporary file was seen (exit {proc.returncode}); inconclusive"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    problems = []
    if proc.returncode != -sig.value:
        problems.append(f"exit {proc.returncode}, expected death by {sig.name}")
    left = glob.glob(out + ".tmp-*")
    if left:
        problems.append(f"temporary file left: {left}")
    if os.path.exists(out):
        problems.append(f"{out} exists, though the export was stopped")
    return "; ".join(problems)


def main():
    binary = sys.argv[1]
    failures = 0
    passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        vault = os.path.join(tmp, "vault")
        out_dir = os.path.join(tmp, "out")
        os.makedirs(vault)
        os.makedirs(out_dir)
        make_vault(vault)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            problem = run_once(binary, vault, out_dir, sig)
            if problem:
                failures += 1
                print(f"FAIL {sig.name}: {problem}")
            else:
                passed += 1
                print(f"ok   {sig.name}: temporary file removed, no output left")
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
