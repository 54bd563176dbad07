#!/usr/bin/env python3
"""Checks that the ```text blocks of docs/bases.md are, in order, the pinned stdout of the example
transcripts tests/cli/base/example-* (the bases of vault-example/), so the page shows what runs.
Usage: check_examples_doc.py REPO_ROOT"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
page = (root / "docs/bases.md").read_text(encoding="utf-8")
shown = re.findall(r"```text\n(.*?)\n```", page, re.S)
cases = sorted((root / "tests/cli/base").glob("example-*"))
stale = [case.name for case, text in zip(cases, shown)
         if (case / "stdout").read_text(encoding="utf-8").rstrip("\n") != text]
if not cases or len(shown) != len(cases) or stale:
    print("docs/bases.md does not show the example transcripts:", stale or f"{len(shown)} blocks, {len(cases)} cases")
    sys.exit(1)
print(f"{len(cases)} examples match")
