#!/usr/bin/env python3
"""Runs Dataview's own test suite (../shared/conformance/dataview-tests, through
../shared/tools/dql-conformance) against mdvault and prints the pass count.

Usage: dql_conformance.py MDVAULT_BINARY SOURCE_DIR

Fails when a case fails that docs/query.md does not list (a line "- `ts-NNNN` ..." under its
heading "Dataview test-suite cases mdvault answers differently": the deliberate deviations, and
apart from them the cases still open), and when a listed case passes (the list must stay true).
Exits 77 (skipped) without ../shared.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HEADING = "Dataview test-suite cases mdvault answers differently"


def deviations(doc_path):
    """The case ids docs/query.md lists under HEADING, with the line each is on."""
    listed = {}
    inside = False
    with open(doc_path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.startswith("#"):
                inside = HEADING in line
                continue
            if inside:
                for case_id in re.findall(r"^- `(ts-\d{4})`", line):
                    listed[case_id] = number
    return listed


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, source_dir = sys.argv[1], sys.argv[2]
    tool = os.path.join(source_dir, "..", "shared", "tools", "dql-conformance")
    if not os.access(tool, os.X_OK):
        print(f"skipped: {tool} is not here; this test needs the project's shared folder")
        return 77
    doc = os.path.join(source_dir, "docs", "query.md")
    listed = deviations(doc)
    with tempfile.TemporaryDirectory(prefix="dql-conformance-ctest-") as tmp:
        out = os.path.join(tmp, "results.json")
        run = subprocess.run([sys.executable, tool, binary, "--jobs", "2", "--out", out],
                             capture_output=True, text=True)
        print(run.stdout, end="")
        if run.returncode != 0 or not os.path.exists(out):
            print(run.stderr, end="", file=sys.stderr)
            print(f"dql-conformance exited with {run.returncode}")
            return 1
        with open(out, encoding="utf-8") as fh:
            results = json.load(fh)
    status = 0
    known = {r["id"] for r in results}
    for r in results:
        if not r["pass"] and r["id"] not in listed:
            status = 1
            print(f"FAIL {r['id']} [{r['category']}] {r.get('expr') or r['query']!r}: {r['why']}\n"
                  f"     dataview: {json.dumps(r['expected'], ensure_ascii=False)[:240]}\n"
                  f"     mdvault:  {json.dumps(r['got'], ensure_ascii=False)[:240]}")
        if r["pass"] and r["id"] in listed:
            status = 1
            print(f"{doc}:{listed[r['id']]}: {r['id']} passes now; take it off the list of deviations")
    for case_id, number in sorted(listed.items()):
        if case_id not in known:
            status = 1
            print(f"{doc}:{number}: {case_id} is no case of the suite")
    failing = sum(not r["pass"] for r in results)
    print(f"{len(results) - failing}/{len(results)} cases pass; {len(listed)} listed as deviations in docs/query.md")
    return status


if __name__ == "__main__":
    sys.exit(main())
