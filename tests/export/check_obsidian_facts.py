#!/usr/bin/env python3
"""The export holds what an Obsidian (and Dataview) user sees, and SQLite agrees with JSON.

  check_obsidian_facts.py facts MDVAULT SOURCE_DIR
      Exports tests/vaults/obsidian-facts to JSON and SQLite and compares, note by note,
      frontmatter, tags, aliases, tasks (status, text, line, completed) and inline fields
      (key, value, line) with tests/export/obsidian_facts_expected.json, written by hand.
      Then checks that the SQLite rows (notes, frontmatter fields, tags, aliases, tasks,
      inline fields, links, headings) count what the JSON export holds, for that vault and
      for vault-example/.
  check_obsidian_facts.py gen-vault MDVAULT SOURCE_DIR
      The same count comparison over a generated vault (../shared/tools/gen-vault);
      exits 77 (skipped) when the shared folder is not there.
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile


def export(binary, vault, fmt, out, pseudonym_map):
    env = {k: v for k, v in os.environ.items() if k not in ("MDVAULT_VAULT", "NO_COLOR")}
    proc = subprocess.run([binary, "--vault", vault, "-q", "export", "--format", fmt, "--out", out,
                           "--pseudonym-map", pseudonym_map], capture_output=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"export --format {fmt} of {vault} failed (exit {proc.returncode}):\n"
                         + proc.stderr.decode(errors="replace"))


def frontmatter_rows(frontmatter):
    """Rows of the SQLite `fields` table for one note: one per value, one per list item,
    one for an empty list (docs/export-format.md)."""
    if not frontmatter:
        return 0
    return sum(max(len(v), 1) if isinstance(v, list) else 1 for v in frontmatter.values())


def json_counts(doc):
    notes = doc["notes"]
    return {
        "notes": len(notes),
        "fields": sum(frontmatter_rows(n["frontmatter"]) for n in notes),
        "tags": sum(len(n["tags"]) for n in notes),
        "aliases": sum(len(n["aliases"]) for n in notes),
        "tasks": sum(len(n["tasks"]) for n in notes),
        "inline_fields": sum(len(n["fields"]) for n in notes),
        "links": sum(len(n["links"]) for n in notes),
        "headings": sum(len(n["headings"]) for n in notes),
    }


def sqlite_counts(path, tables):
    db = sqlite3.connect(path)
    try:
        problems = db.execute("PRAGMA integrity_check").fetchone()[0]
        if problems != "ok":
            raise SystemExit(f"{path}: integrity_check says {problems}")
        if db.execute("PRAGMA foreign_key_check").fetchall():
            raise SystemExit(f"{path}: foreign_key_check finds rows")
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        db.close()


def compare_counts(binary, vault, label):
    """Exports `vault` both ways; returns (json document, list of count mismatches)."""
    # The pseudonym map (used when the vault's privacy policy has pseudonymize:) may not lie
    # beside the export.
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as keys:
        json_path = os.path.join(tmp, "notes.json")
        db_path = os.path.join(tmp, "notes.db")
        pseudonym_map = os.path.join(keys, "pseudonyms.json")
        export(binary, vault, "json", json_path, pseudonym_map)
        export(binary, vault, "sqlite", db_path, pseudonym_map)
        with open(json_path, encoding="utf-8") as f:
            doc = json.load(f)
        want = json_counts(doc)
        got = sqlite_counts(db_path, want.keys())
    failures = [f"{label}: {table}: JSON holds {want[table]}, SQLite has {got[table]} rows"
                for table in want if want[table] != got[table]]
    print(f"{label}: " + ", ".join(f"{t} {want[t]}" for t in want)
          + (" (SQLite agrees)" if not failures else ""))
    return doc, failures


def as_tuples(items):
    return [tuple(i) for i in items]


def check_facts(doc, expected):
    failures = []
    notes = {n["path"]: n for n in doc["notes"]}
    if sorted(notes) != sorted(expected):
        failures.append(f"notes: exported {sorted(notes)}, expected {sorted(expected)}")
    for path, want in sorted(expected.items()):
        note = notes.get(path)
        if note is None:
            continue
        got = {
            "frontmatter": note["frontmatter"],
            "tags": note["tags"],
            "aliases": note["aliases"],
            "tasks": [(t["status"], t["text"], t["line"], t["completed"]) for t in note["tasks"]],
            "fields": [(f["key"], f["value"], f["line"]) for f in note["fields"]],
        }
        wanted = dict(want, tasks=as_tuples(want["tasks"]), fields=as_tuples(want["fields"]))
        for key in ("frontmatter", "tags", "aliases", "tasks", "fields"):
            if got[key] != wanted[key]:
                failures.append(f"{path}: {key}\n  expected {wanted[key]!r}\n  exported {got[key]!r}"
                                + describe(wanted[key], got[key]))
    return failures


def describe(want, got):
    if not isinstance(want, list) or not isinstance(got, list):
        return ""
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    out = ""
    if missing:
        out += f"\n  missing  {missing!r}"
    if extra:
        out += f"\n  extra    {extra!r}"
    return out


def main(argv):
    if len(argv) != 4 or argv[1] not in ("facts", "gen-vault"):
        raise SystemExit(__doc__)
    mode, binary, source = argv[1], argv[2], argv[3]
    failures = []
    if mode == "facts":
        with open(os.path.join(source, "tests", "export", "obsidian_facts_expected.json"), encoding="utf-8") as f:
            expected = json.load(f)["notes"]
        doc, counted = compare_counts(binary, os.path.join(source, "tests", "vaults", "obsidian-facts"),
                                      "obsidian-facts")
        failures += check_facts(doc, expected) + counted
        failures += compare_counts(binary, os.path.join(source, "vault-example"), "vault-example")[1]
    else:
        tool = os.path.join(source, "..", "shared", "tools", "gen-vault")
        if not os.path.exists(tool):
            print(f"skipped: {tool} is not here; this test needs the project's shared folder")
            return 77
        with tempfile.TemporaryDirectory() as tmp:
            vault = os.path.join(tmp, "vault")
            subprocess.run([sys.executable, tool, "--notes", "1500", "--defect-rate", "0.1", "--out", vault],
                           check=True, stdout=subprocess.DEVNULL)
            failures += compare_counts(binary, vault, "gen-vault (1500 notes)")[1]
    for failure in failures:
        print("FAIL " + failure)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
