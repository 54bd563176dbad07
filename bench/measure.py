#!/usr/bin/env python3
"""Time two or more commands side by side: wall time and peak RSS per run.

  measure.py [--runs R] [--warmup W] [--save-warmup DIR] [--json FILE]
             --cmd NAME 'COMMAND' [--ok 0,1] --cmd NAME2 'COMMAND2' [--ok 0] ...

Each COMMAND is split with shlex (no shell). After W warm-up runs of each
command (in order), the commands run alternately, R times each: A, B, A, B ...
Every run is a fresh process, stdout goes to /dev/null (--save-warmup DIR
keeps the first warm-up's stdout in DIR/NAME.out instead), stderr to a
temporary file that is shown if the run fails. Wall time comes from
time.perf_counter() around Popen .. os.wait4; peak memory is the child's
ru_maxrss from os.wait4 (Linux: KiB; macOS: bytes); the table also shows the
median CPU time (user + system, all threads) from the same rusage. On Linux that figure
cannot be lower than this runner's own RSS (the child is forked from it before
exec), so the runner prints that floor, measured on `true`: figures near it
are upper bounds.

--ok lists the exit codes that count as a normal run of the command before it
(default 0). Prints a table (median, min, max wall time; median and max peak
RSS) and, for exactly two commands, the ratios first/second of the median
times and of the max peak RSS. Exit code: 0 if every run ended normally, 2 if
a command could not run or ended with an exit code not in --ok.
Only the Python 3 standard library is used.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--save-warmup", metavar="DIR")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement here")
    # --cmd and --ok are positional pairs; parse them by hand.
    known, rest = parser.parse_known_args(argv)
    commands = []
    i = 0
    while i < len(rest):
        if rest[i] == "--cmd":
            if i + 2 >= len(rest):
                parser.error("--cmd needs NAME and COMMAND")
            commands.append({"name": rest[i + 1], "argv": shlex.split(rest[i + 2]), "ok": {0}})
            i += 3
        elif rest[i] == "--ok" and commands and i + 1 < len(rest):
            commands[-1]["ok"] = {int(c) for c in rest[i + 1].split(",") if c != ""}
            i += 2
        else:
            parser.error(f"unexpected argument {rest[i]!r}")
    if not commands:
        parser.error("give at least one --cmd NAME 'COMMAND'")
    if known.runs < 1 or known.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return known, commands


def rss_bytes(ru_maxrss):
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def run_once(command, stdout_path=None):
    """Run the command once; return (seconds, peak_rss_bytes, exit_code, stderr_text, cpu_seconds)."""
    with tempfile.TemporaryFile() as err:
        out = open(stdout_path, "wb") if stdout_path else open(os.devnull, "wb")
        with out:
            start = time.perf_counter()
            try:
                proc = subprocess.Popen(command["argv"], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            except OSError as error:
                return 0.0, 0, None, f"could not start: {error}", 0.0
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped by wait4; tell Popen so it does not wait again
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return seconds, rss_bytes(usage.ru_maxrss), code, err.read().decode("utf-8", "replace"), cpu


def check(command, code, stderr_text):
    if code in command["ok"]:
        return True
    how = "could not start" if code is None else (
        f"was killed by signal {-code}" if code < 0 else f"ended with exit code {code}")
    print(f"measure: {command['name']} {how}: {shlex.join(command['argv'])}", file=sys.stderr)
    tail = stderr_text.strip().splitlines()[-15:]
    for line in tail:
        print(f"  | {line}", file=sys.stderr)
    return False


def main(argv):
    args, commands = parse_args(argv)
    for c in commands:
        c["times"], c["rss"], c["cpu"] = [], [], []

    for w in range(args.warmup):
        for c in commands:
            save = os.path.join(args.save_warmup, c["name"] + ".out") if args.save_warmup and w == 0 else None
            seconds, _, code, err, _ = run_once(c, save)
            if not check(c, code, err):
                return 2
            print(f"  warm-up {c['name']:<10} {seconds:8.3f} s  (exit {code})", flush=True)

    for r in range(args.runs):
        for c in commands:
            seconds, rss, code, err, cpu = run_once(c)
            if not check(c, code, err):
                return 2
            c["times"].append(seconds)
            c["rss"].append(rss)
            c["cpu"].append(cpu)
            print(f"  run {r + 1:>2}  {c['name']:<10} {seconds:8.3f} s  {rss / 2**20:8.1f} MiB  "
                  f"(cpu {cpu:.3f} s)", flush=True)

    mb = 2**20
    # On Linux a child's ru_maxrss also counts the image it was forked from (this
    # Python process) until exec replaces it, so no figure can read below that.
    _, floor, _, _, _ = run_once({"name": "true", "argv": ["true"], "ok": {0}})
    print()
    if floor:
        print(f"  (peak RSS cannot read below {floor / mb:.1f} MiB here: Linux counts the forking "
              f"runner's pages in a child's ru_maxrss; `true` reads {floor / mb:.1f} MiB)")
    print(f"  {'program':<10} {'median s':>9} {'min s':>9} {'max s':>9} {'median MiB':>10} {'peak MiB':>9} {'cpu s':>8}")
    for c in commands:
        print(f"  {c['name']:<10} {statistics.median(c['times']):9.3f} {min(c['times']):9.3f} "
              f"{max(c['times']):9.3f} {statistics.median(c['rss']) / mb:10.1f} {max(c['rss']) / mb:9.1f} {statistics.median(c['cpu']):8.3f}")

    result = {"runs": args.runs, "warmup": args.warmup, "rss_floor_bytes": floor, "commands": [
        {"name": c["name"], "argv": c["argv"], "seconds": c["times"], "peak_rss_bytes": c["rss"], "cpu_seconds": c["cpu"],
         "median_seconds": statistics.median(c["times"]), "max_peak_rss_bytes": max(c["rss"])}
        for c in commands]}
    if len(commands) == 2:
        a, b = commands
        time_ratio = statistics.median(a["times"]) / statistics.median(b["times"])
        rss_ratio = max(a["rss"]) / max(b["rss"]) if max(b["rss"]) else float("nan")
        result["ratio"] = {"time_median": time_ratio, "peak_rss": rss_ratio}
        print()
        print(f"ratio ({a['name']} / {b['name']}): time {time_ratio:.2f}, peak memory {rss_ratio:.2f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
