#!/usr/bin/env python3
"""Checks that docs/query-examples.md shows exactly the pinned output of each example transcript
(tests/cli/query/example-*), so the page cannot drift from what the tests run.
Usage: check_examples_doc.py REPO_ROOT"""
import pathlib, re, sys
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
doc = (root / "docs/query-examples.md").read_text(encoding="utf-8")
blocks = re.findall(r"```text\n(.*?)\n```", doc, re.S)
cases = sorted((root / "tests/cli/query").glob("example-*"))
bad = [c.name for c, b in zip(cases, blocks) if (c / "stdout").read_text(encoding="utf-8").rstrip("\n") != b]
if len(blocks) != len(cases) or bad:
    print("docs/query-examples.md is out of date:", bad or "example count differs")
    sys.exit(1)
print(f"{len(cases)} examples match")
