#!/usr/bin/env python3
"""Benchmark: a `query` tool call of a running `mdvault mcp` against the cold `mdvault query`
of the same query, on a gen-vault of N notes (issue 14's target: the call takes at most 0.05
times the cold command). Then one note is changed and the next call is timed and checked to
see the change. Figures only: exit 0 whenever everything ran, "skipped" (exit 0) without the
shared tools, 2 when something could not run.

Usage: bench/mcp_query.py BINARY [NOTES] [--runs R]
  BINARY    the mdvault to measure (e.g. build/release/mdvault); nothing is built
  NOTES     notes in the generated vault (default 10000)
  --runs R  measured runs of each, after one warm-up (default 5)
Everything is written into a temporary folder, never into the repository.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

DQL = 'TABLE style_type, status FROM "" WHERE status SORT file.name LIMIT 20'


def main():
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    binary = os.path.abspath(args[0])
    notes = int(args[1]) if len(args) > 1 else 10000
    here = os.path.dirname(os.path.abspath(__file__))
    gen_vault = os.path.join(here, "..", "..", "shared", "tools", "gen-vault")
    if not os.path.isfile(gen_vault):
        print(f"skipped: {gen_vault} is not here; this benchmark needs the project's shared tools")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        vault = os.path.join(tmp, "vault")
        subprocess.run([sys.executable, gen_vault, "--notes", str(notes), "--out", vault], check=True,
                       stdout=subprocess.DEVNULL)
        cold = []
        for i in range(runs + 1):
            start = time.perf_counter()
            out = subprocess.run([binary, "--no-cache", "--vault", vault, "query", DQL, "--format", "json"], capture_output=True)
            if out.returncode not in (0, 1):
                print(f"mdvault query failed: {out.stderr.decode()[:500]}", file=sys.stderr)
                return 2
            if i:
                cold.append(time.perf_counter() - start)
        # The server's note cache in the temporary folder, never in the user's ~/.cache.
        proc = subprocess.Popen([binary, "--vault", vault, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=dict(os.environ, MDVAULT_CACHE_DIR=os.path.join(tmp, "cache")))

        def ask(message):
            proc.stdin.write((json.dumps(message) + "\n").encode())
            proc.stdin.flush()
            return json.loads(proc.stdout.readline())

        start = time.perf_counter()
        ask({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25"}})
        startup = time.perf_counter() - start
        call = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "query", "arguments": {"dql": DQL}}}
        warm = []
        for i in range(runs + 1):
            start = time.perf_counter()
            answer = ask(call)
            if i:
                warm.append(time.perf_counter() - start)
        if answer["result"].get("isError"):
            print(f"the query tool failed: {answer['result']['content'][0]['text']}", file=sys.stderr)
            return 2
        note = sorted(os.path.join(root, f) for root, _, files in os.walk(vault) for f in files if f.endswith(".md"))[0]
        with open(note, "a") as f:
            f.write("\nchanged for the benchmark: quokkabench\n")
        search = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                  "params": {"name": "search", "arguments": {"query": "quokkabench"}}}
        start = time.perf_counter()
        seen = ask(search)["result"]["structuredContent"]["total"] == 1
        after_change = time.perf_counter() - start
        proc.stdin.close()
        proc.wait(60)
        c, w = statistics.median(cold), statistics.median(warm)
        print(f"vault: {notes} notes (gen-vault); query: {DQL}")
        print(f"cold `mdvault query`:           {c * 1000:9.1f} ms (median of {runs})")
        print(f"mcp start (read the vault):     {startup * 1000:9.1f} ms")
        print(f"`query` tool call, vault kept:  {w * 1000:9.1f} ms (median of {runs})")
        print(f"ratio call / cold:              {w / c:9.3f} (target at most 0.05)")
        print(f"first call after a change:      {after_change * 1000:9.1f} ms; the change {'was' if seen else 'was NOT'} seen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
