#!/usr/bin/env python3
"""Builds a vault of hostile notes in a temporary folder, lints it, and checks that
every bad input gets its finding at the right place, that nothing crashes or hangs,
and that the clean note beside them is still read.

Usage: hostile_vault.py MDVAULT_BINARY SCHEMA_FOLDER
Prints one line per check and closes with 'N passed, M failed'.
"""
import json
import os
import subprocess
import sys
import tempfile
import time


def write(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def build_vault(root):
    os.makedirs(os.path.join(root, ".obsidian"))
    write(root, "Clean.md", "---\ntitle: Clean\n---\n# Clean\nSee [[BOM]].\n")
    write(root, "BOM.md", "\ufeff---\ntitle: BOM\n---\nA [[Nowhere One]] link.\n")
    write(root, "CRLF.md", "---\r\ntitle: CRLF\r\n---\r\nline two\r\n[[Nowhere Two]]\r\n")
    write(root, "Tabs.md", "---\ntitle: Tabs\nlist:\n\t- a\n---\n")
    write(root, "Duplicate.md", "---\ntitle: One\nother: x\ntitle: Two\n---\n")
    write(root, "Unclosed.md", "---\ntitle: Unclosed\nbody text\n")
    write(root, "Misplaced.md", "\n\n---\ntitle: Late\n---\ntext\n")
    write(root, "FlowList.md", "---\ntitle: Flow\ncore_fears: [Abandonment, Rejection\n---\n")
    write(root, "BadIndent.md", "---\ntitle: x\n  nested: wrong\n---\n")
    write(root, "UnclosedQuote.md", "---\ntitle: \"never closed\nnext: 1\n---\n")
    write(root, "AsList.md", "---\n- a\n- b\n---\n")
    write(root, "Latin1.md", b"---\ntitle: caf\xe9\n---\n")
    write(root, "Nul.md", b"---\ntitle: x\n---\nbefore\x00after\n")
    write(root, "Huge.md", b"a" * (20 * 1024 * 1024))
    write(root, "Brackets.md", "[[" * 10000 + "\n")
    # "- - - item" nests one list per marker: 10,000 levels on one line.
    write(root, "Nested.md", "- " * 10000 + "item\n" + "> " * 10000 + "quote\n")
    bomb = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    bomb.append("---")
    write(root, "Bomb.md", "\n".join(bomb) + "\n")
    write(root, "DeepFlow.md", "---\nx: " + "[" * 10000 + "\n---\n")
    # Hostile bases (docs/bases.md): lint finds each at its place; `mdvault base` runs them quickly.
    write(root, "Deep.base", "filters: '" + "(" * 10000 + "1" + ")" * 10000 + "'\n")
    write(root, "Cycle.base", "formulas:\n  a: formula.b + 1\n  b: formula.c\n  c: formula.a\n")
    write(root, "NotYaml.base", "views: [\n  - type: table\n")
    write(root, "Limit.base", "views:\n  - type: table\n    name: a\n    limit: -1\n  - type: table\n    name: b\n    limit: ten\n")
    write(root, "Regex.base", "formulas:\n  slow: '/(a+)+$/.matches(\"" + "a" * 5000 + "!\")'\n"
                              "views:\n  - type: table\n    name: r\n    order: [file.name, formula.slow]\n")
    write(root, "Work.base", "filters: file.ext == \"base\"\n"
                             "formulas:\n  big: '\"x\".repeat(100000).split(\"\").reduce(acc + value, \"\")'\n"
                             "views:\n  - type: table\n    name: w\n    order: [formula.big]\n")
    write(root, "BadDate.base", "filters: date(\"31/12/2025\") < now()\n")
    os.symlink("loop-b", os.path.join(root, "loop-a.md"))
    os.symlink("loop-a.md", os.path.join(root, "loop-b"))
    os.makedirs(os.path.join(root, "Folder"))
    os.symlink("..", os.path.join(root, "Folder", "up"))


# (note, rule, line or None for any line)
EXPECTED = [
    ("BOM.md", "links.broken", 4),
    ("CRLF.md", "links.broken", 5),
    ("Tabs.md", "frontmatter.yaml", None),
    ("Duplicate.md", "frontmatter.duplicate-key", 4),
    ("Unclosed.md", "frontmatter.unclosed", 1),
    ("Misplaced.md", "frontmatter.misplaced", 3),
    ("FlowList.md", "frontmatter.yaml", 3),
    ("BadIndent.md", "frontmatter.yaml", None),
    ("UnclosedQuote.md", "frontmatter.yaml", 2),
    ("AsList.md", "frontmatter.not-a-mapping", None),
    ("Latin1.md", "file.encoding", 2),
    ("Nul.md", "file.encoding", 4),
    ("Huge.md", "file.too-large", None),
    ("Bomb.md", "frontmatter.too-large", None),
    ("DeepFlow.md", "frontmatter.too-large", None),
    ("loop-a.md", "file.unreadable", None),
    ("Deep.base", "bases.syntax", 1),
    ("Cycle.base", "bases.cycle", 2),
    ("NotYaml.base", "frontmatter.yaml", 2),
    ("Limit.base", "bases.limit", 4),
    ("Limit.base", "bases.limit", 7),
]

# (base, exit code, text its stderr must hold): views whose evaluation fails row by row.
BASE_RUNS = [
    ("Regex.base", 0, "too complex"),
    ("Work.base", 0, "too much work"),
    ("BadDate.base", 0, "cannot read '31/12/2025'"),
    ("Deep.base", 2, "nested more than"),
]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, schemas = sys.argv[1], sys.argv[2]
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        print(("ok      " if ok else "FAILED  ") + what)
        if ok:
            passed += 1
        else:
            failed += 1

    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "vault")
        build_vault(root)
        for jobs in ("1", "2"):
            started = time.monotonic()
            try:
                run = subprocess.run([binary, "--vault", root, "--schemas", schemas, "--jobs", jobs,
                                      "lint", "--format", "json"], capture_output=True, timeout=120)
            except subprocess.TimeoutExpired:
                check(False, f"lint --jobs {jobs} finishes within 120 s")
                continue
            seconds = time.monotonic() - started
            check(run.returncode == 1, f"lint --jobs {jobs} exits 1 (got {run.returncode}, {seconds:.1f} s)")
            try:
                report = json.loads(run.stdout)
            except ValueError:
                check(False, f"lint --jobs {jobs} prints JSON; stderr: {run.stderr[-300:]!r}")
                continue
            diags = report["diagnostics"]
            for path, rule, line in EXPECTED:
                hits = [d for d in diags if d["path"] == path and d["rule"] == rule]
                where = [d["line"] for d in hits]
                ok = bool(hits) and (line is None or line in where)
                check(ok, f"--jobs {jobs}: {path}: {rule}" + (f" at line {line}" if line else "") +
                      ("" if ok else f" (found lines {where}; all: {[(d['rule'], d['line']) for d in diags if d['path'] == path]})"))
            clean = [d for d in diags if d["path"] == "Clean.md"]
            check(not clean, f"--jobs {jobs}: the clean note beside them has no finding")
            for d in diags:
                if d["path"] in ("Brackets.md", "Nested.md"):
                    check(d["severity"] != "error", f"--jobs {jobs}: {d['path']} gives no error ({d['rule']})")
            check(report["summary"]["files"] >= 18, f"--jobs {jobs}: every note was counted")
        for base, code, text in BASE_RUNS:
            started = time.monotonic()
            try:
                run = subprocess.run([binary, "--vault", root, "base", os.path.join(root, base)],
                                     capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                check(False, f"base {base} finishes within 60 s")
                continue
            seconds = time.monotonic() - started
            err = run.stderr.decode("utf-8", "replace")
            check(run.returncode == code and text in err,
                  f"base {base} exits {code} and says '{text}' (got {run.returncode}, {seconds:.1f} s: {err[-200:]!r})")
        # The vault is never written to.
        names = sorted(os.listdir(root))
        check("Clean.md" in names and not any(n.endswith(".tmp") for n in names), "nothing was written into the vault")
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
