#!/usr/bin/env python3
"""The YAML test suite's frontmatter cases (../shared/conformance/yaml-test-suite) through mdvault.

Each kept case becomes a note `---\\n<yaml>---\\n` of a temporary vault. A valid case with an
expected JSON value must export that frontmatter exactly; a valid case without one (not JSON)
must read without a frontmatter.yaml finding; an error case must give a frontmatter.yaml
finding. Prints the three figures and the cases that miss; with --min-valid, --min-other and
--min-errors, exits 1 when a figure falls below its floor; exits 77 (skipped) without the cases.

Usage: yaml_test_suite.py MDVAULT_BINARY CASES_JSON [--min-valid N] [--min-other N] [--min-errors N]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def run(binary, vault, *args):
    return subprocess.run([binary, "--vault", str(vault), *args, "--no-cache"], capture_output=True,
                          check=False, timeout=300)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("cases")
    parser.add_argument("--min-valid", type=int, default=0)
    parser.add_argument("--min-other", type=int, default=0)
    parser.add_argument("--min-errors", type=int, default=0)
    args = parser.parse_args()
    if not Path(args.cases).is_file():
        print(f"skipped: no {args.cases}")
        return 77
    cases = [c for c in json.loads(Path(args.cases).read_text(encoding="utf-8"))["cases"] if c["kept"]]
    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        vault.mkdir()
        (vault / ".mdvault.yaml").write_text("", encoding="utf-8")
        names = {}
        for c in cases:
            name = c["id"] + ("-" + str(c["num"]) if c["num"] is not None else "") + ".md"
            names[name] = c
            (vault / name).write_bytes(("---\n" + c["frontmatter_yaml"] + "---\n").encode("utf-8"))
        out = Path(tmp) / "export.json"
        run(args.binary, vault, "export", "--format", "json", "--out", str(out))
        exported = {n["path"]: n["frontmatter"] for n in json.loads(out.read_text(encoding="utf-8"))["notes"]}
        lint = json.loads(run(args.binary, vault, "lint", "--format", "json").stdout)
        yaml_errors = {d["path"] for d in lint["diagnostics"] if d["rule"] == "frontmatter.yaml"}
    valid = [0, 0]
    other = [0, 0]
    errors = [0, 0]
    misses = []
    for name, c in sorted(names.items()):
        if c["fail"]:
            errors[1] += 1
            ok = name in yaml_errors
            errors[0] += ok
        elif c.get("expected") is None and c.get("expected_kind") == "not-json":
            other[1] += 1
            ok = name not in yaml_errors
            other[0] += ok
        else:
            valid[1] += 1
            ok = name not in yaml_errors and exported.get(name) == c["expected"]
            valid[0] += ok
        if not ok:
            misses.append(f"{name} ({c['name']})")
    print(f"valid cases exported as the suite's JSON: {valid[0]}/{valid[1]}")
    print(f"valid cases without JSON read without error: {other[0]}/{other[1]}")
    print(f"error cases with a frontmatter.yaml finding: {errors[0]}/{errors[1]}")
    for m in misses:
        print("  miss:", m)
    if valid[0] < args.min_valid or other[0] < args.min_other or errors[0] < args.min_errors:
        print("below the floor", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
