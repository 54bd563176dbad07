#!/usr/bin/env python3
"""Checks an export against PyYAML: for every clean note of a gen-vault (manifest `defect`
null), the exported frontmatter must equal what PyYAML's safe_load reads from the file.

PyYAML implements YAML 1.1; mdvault reads YAML 1.2 (core schema, SPEC §2). Where the two
specs legitimately differ, the comparison accepts mdvault's 1.2 reading, and counts each case:
  - timestamps: 1.1 turns `2025-07-05` and `2025-07-05 16:56:00` into dates; 1.2 keeps strings.
    Accepted when PyYAML reads mdvault's string back as the same date.
  - booleans: 1.1 reads yes/no/on/off/y/n as booleans; 1.2 keeps them strings.
  - numbers: 1.1 reads 1_000, 0b101, 010 (octal) and 1:30 (base 60) as integers, and needs a
    dot in floats (1e3 is a string); 1.2 differs on each. Accepted when the text matches.
  - keys: 1.1 may build non-string keys (1: x); JSON keys are strings: compared as str(key).
Usage: pyyaml_check.py VAULT EXPORT.jsonl
"""
import datetime
import json
import os
import re
import sys

import yaml

DEVIATIONS = {}


def note_deviation(kind):
    DEVIATIONS[kind] = DEVIATIONS.get(kind, 0) + 1


def frontmatter_text(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].rstrip(" ") != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i] == "---":
            return "\n".join(lines[1:i])
    return None


YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}


def same(p, m, where):
    """True when PyYAML's value p and mdvault's exported value m agree (modulo 1.1 vs 1.2)."""
    if isinstance(p, bool) or isinstance(m, bool):
        if type(p) is bool and type(m) is bool:
            return p == m
        if isinstance(p, bool) and isinstance(m, str) and m.lower() in YAML11_BOOLS:
            note_deviation("yes/no/on/off: boolean in YAML 1.1, string in 1.2")
            return True
        return False
    if isinstance(p, (datetime.date, datetime.datetime)):
        if isinstance(m, str) and yaml.safe_load(m) == p:
            note_deviation("timestamp: date in YAML 1.1, string in 1.2")
            return True
        return False
    if isinstance(p, int) and isinstance(m, int):
        return p == m
    if isinstance(p, float):
        return (isinstance(m, float) and p == m) or (p != p and m is None) or (p in (float("inf"), float("-inf")) and m is None)
    if isinstance(p, int) and isinstance(m, str) and re.fullmatch(r"[-+]?(0b[01_]+|0[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|[0-9][0-9_]*)", m):
        note_deviation("1_000 / 0b / 010 / base 60: integer in YAML 1.1, string in 1.2")
        return True
    if isinstance(p, str) and isinstance(m, (int, float)):
        if re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)[eE][-+]?\d+|0o[0-7]+", p):
            note_deviation("1e3 / 0o7: string in YAML 1.1, number in 1.2")
            return True
        return False
    if isinstance(p, str) or isinstance(m, str):
        return p == m
    if p is None or m is None:
        return p is None and m is None
    if isinstance(p, list) and isinstance(m, list):
        return len(p) == len(m) and all(same(a, b, f"{where}[{i}]") for i, (a, b) in enumerate(zip(p, m)))
    if isinstance(p, dict) and isinstance(m, dict):
        pk = [str(k) for k in p]
        if pk != list(m):
            return False
        return all(same(p[k], m[str(k)], f"{where}.{k}") for k in p)
    return False


def main():
    vault, export = sys.argv[1], sys.argv[2]
    with open(os.path.join(vault, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    clean = {n["path"] for n in manifest["notes"] if n["defect"] is None}
    exported = {}
    with open(export, encoding="utf-8") as f:
        for line in f:
            note = json.loads(line)
            exported[note["path"]] = note
    problems = []
    compared = 0
    for path in sorted(clean):
        if path not in exported:
            problems.append(f"{path}: missing from the export")
            continue
        text = frontmatter_text(os.path.join(vault, path))
        expected = {} if text is None else (yaml.safe_load(text) or {})
        got = exported[path]["frontmatter"]
        compared += 1
        if not same(expected, got, ""):
            problems.append(f"{path}:\n  PyYAML:  {expected!r}\n  mdvault: {got!r}")
    for p in problems[:20]:
        print("MISMATCH", p)
    print(f"{compared} clean notes compared, {len(problems)} mismatches; {len(exported)} notes exported")
    for kind, n in sorted(DEVIATIONS.items()):
        print(f"  accepted YAML 1.1/1.2 difference ({n}x): {kind}")
    return 1 if problems or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
