#!/usr/bin/env python3
"""The note cache never changes a result (docs/cache.md, issue 10).

Usage: check_cache.py BINARY SOURCE_DIR

On a copy of vault-example/ (and its schemas) in a temporary folder, applies random edits
between runs (add, delete, rename, edit frontmatter, edit body, touch without change, change a
schema, change .mdvault.yaml, replace a note by a symbolic link) and after each one compares
what every command prints (stdout, stderr, exit code; the exports' files) with the cache and
with --no-cache. Then: a run killed with SIGKILL in the middle, a truncated database and a
read-only cache folder each give the right result and one notice; two runs at once agree; the
database is 0600 in a 0700 folder; a note whose bytes change behind an unchanged file stamp
shows the cached facts (proof that the cache is read at all).

Python 3 standard library only; writes only into its temporary folder. Prints `ok ...` or
`FAIL ...` per check and ends with `N passed, M failed`; exit 1 when anything failed.
"""

import os
import random
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

BINARY = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
RESULTS = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else "\n     " + detail[:2000]))


def commands(vault, out_dir):
    """Every reading command, in the forms a user runs (exports write into out_dir)."""
    return [
        ["lint"],
        ["lint", "--format", "json"],
        ["lint", "--format", "sarif"],
        ["lint", "--format", "github"],
        ["query", 'TABLE style, length(file.inlinks) AS n FROM "Styles" OR "Core Fears" WHERE file.name != "x" SORT file.name DESC'],
        ["query", "LIST FROM #attachment SORT file.mtime"],
        ["links"],
        ["links", "--broken"],
        ["graph", "--include-private"],
        ["search", "fear"],
        ["stats"],
        ["show", "Secure Attachment"],
        ["base", os.path.join(vault, "Bases", "Unfinished notes.base")],
        ["base", os.path.join(vault, "Bases", "Sessions by client.base"), "--format", "json"],
        ["export", "--format", "json", "--include-private", "--out", os.path.join(out_dir, "v.json")],
        ["export", "--format", "csv", "--include-private", "--out", os.path.join(out_dir, "v.csv")],
        ["export", "--format", "sqlite", "--include-private", "--out", os.path.join(out_dir, "v.db")],
    ]


def sqlite_dump(path):
    if not os.path.exists(path):
        return None
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def run(vault, args, cache_dir, no_cache, out_dir):
    env = dict(os.environ)
    env.pop("MDVAULT_VAULT", None)
    env["NO_COLOR"] = "1"
    env["MDVAULT_CACHE_DIR"] = cache_dir
    argv = [BINARY, "--vault", vault] + (["--no-cache"] if no_cache else []) + args
    proc = subprocess.run(argv, capture_output=True, env=env, timeout=120, cwd=out_dir)
    # stats prints how long reading took: the one figure that differs by design.
    stdout = re.sub(rb"Parse time: +[0-9.]+ s", b"Parse time: (seconds)", proc.stdout)
    files = {}
    if "--out" in args:
        path = args[args.index("--out") + 1]
        files[path] = sqlite_dump(path) if path.endswith(".db") else (open(path, "rb").read() if os.path.exists(path) else None)
        if os.path.exists(path):
            os.remove(path)
    return proc.returncode, stdout, proc.stderr, files


def compare_all(vault, cache_dir, out_dir, label):
    """Runs every command twice, with and without the cache; the same output, byte for byte."""
    bad = []
    for args in commands(vault, out_dir):
        cached = run(vault, args, cache_dir, False, out_dir)
        plain = run(vault, args, cache_dir, True, out_dir)
        if cached != plain:
            bad.append(" ".join(args) + "\n       cached: " + repr(cached)[:600] + "\n       plain:  " + repr(plain)[:600])
    check(not bad, f"{label}: every command prints the same with the cache and with --no-cache", "\n     ".join(bad))


class Clock:
    """Gives every written file a distinct modification time well in the past, so the cache
    trusts the stamps (a stamp within 2 s of the last read is always read again)."""

    def __init__(self):
        self.t = time.time() - 10_000

    def stamp(self, path):
        self.t += 1.5
        os.utime(path, (self.t, self.t), follow_symlinks=False)


def notes(vault):
    found = []
    for folder, dirs, files in os.walk(vault):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "Templates"]
        for f in files:
            p = os.path.join(folder, f)
            if f.endswith(".md") and not os.path.islink(p):
                found.append(p)
    return sorted(found)


def edit(kind, vault, schemas, rng, clock, n):
    """Applies one edit of the given kind; returns what it did, in words."""
    pick = rng.choice(notes(vault))
    if kind == "add":
        p = os.path.join(vault, "Concepts", f"Added note {n}.md")
        with open(p, "w", encoding="utf-8") as f:
            f.write(f"---\ntags: [attachment]\nstyle: secure\n---\n# Added {n}\n\nSee [[Secure Attachment]] and [[Missing {n}]].\n- [ ] task {n}\n")
        clock.stamp(p)
        return "added " + os.path.relpath(p, vault)
    if kind == "delete":
        os.remove(pick)
        return "deleted " + os.path.relpath(pick, vault)
    if kind == "rename":
        target = os.path.join(os.path.dirname(pick), f"Renamed {n}.md")
        os.rename(pick, target)
        return "renamed " + os.path.relpath(pick, vault)
    if kind == "frontmatter":
        text = open(pick, encoding="utf-8").read()
        if text.startswith("---\n"):
            text = text.replace("---\n", f"---\nreviewed: 2026-0{1 + n % 9}-1{n % 10}\ntags: [edited{n}]\n", 1)
        else:
            text = f"---\nreviewed: {n}\n---\n" + text
        open(pick, "w", encoding="utf-8").write(text)
        clock.stamp(pick)
        return "frontmatter of " + os.path.relpath(pick, vault)
    if kind == "body":
        with open(pick, "a", encoding="utf-8") as f:
            f.write(f"\n## Added heading {n}\n\nA fear of [[Abandonment]] and #tag{n}, field{n}:: value {n}\n")
        clock.stamp(pick)
        return "body of " + os.path.relpath(pick, vault)
    if kind == "touch":
        clock.stamp(pick)
        return "touched " + os.path.relpath(pick, vault)
    if kind == "schema":
        files = sorted(f for f in os.listdir(schemas) if f.endswith(".schema.yaml"))
        p = os.path.join(schemas, rng.choice(files))
        text = open(p, encoding="utf-8").read()
        # A new required field: notes of that class now lack it.
        text = text.replace("required: [", "required: [reviewed_by, ", 1)
        open(p, "w", encoding="utf-8").write(text)
        clock.stamp(p)
        return "schema " + os.path.basename(p)
    if kind == "config":
        p = os.path.join(vault, ".mdvault.yaml")
        text = open(p, encoding="utf-8").read()
        text = text.replace("links.ambiguous: warning", "links.ambiguous: error") if "ambiguous: warning" in text else text + "\n# edited\n"
        text = text.replace('  - "Templates/**"\n', '  - "Templates/**"\n  - "Healing/**"\n', 1) if n % 2 else text
        open(p, "w", encoding="utf-8").write(text)
        clock.stamp(p)
        return ".mdvault.yaml"
    if kind == "symlink":
        others = [p for p in notes(vault) if p != pick]
        os.remove(pick)
        os.symlink(os.path.relpath(rng.choice(others), os.path.dirname(pick)), pick)
        clock.stamp(pick)
        return "symlink in place of " + os.path.relpath(pick, vault)
    raise ValueError(kind)


def cache_file(cache_dir):
    dbs = [f for f in os.listdir(cache_dir) if f.endswith(".sqlite")] if os.path.isdir(cache_dir) else []
    return os.path.join(cache_dir, dbs[0]) if len(dbs) == 1 else None


def main():
    tmp = tempfile.mkdtemp(prefix="mdvault-cache-test-")
    try:
        vault = os.path.join(tmp, "vault-example")
        schemas = os.path.join(tmp, "schemas")
        shutil.copytree(os.path.join(SOURCE, "vault-example"), vault, symlinks=True)
        shutil.copytree(os.path.join(SOURCE, "schemas"), schemas)
        out_dir = os.path.join(tmp, "out")
        os.mkdir(out_dir)
        cache_dir = os.path.join(tmp, "cache")
        clock = Clock()
        for p in notes(vault):
            clock.stamp(p)
        compare_all(vault, cache_dir, out_dir, "cold cache")
        compare_all(vault, cache_dir, out_dir, "warm cache")

        db = cache_file(cache_dir)
        check(db is not None, "one database for the vault in the cache folder")
        if db is None:
            return
        check(stat.S_IMODE(os.stat(cache_dir).st_mode) == 0o700, "the cache folder is 0700")
        check(stat.S_IMODE(os.stat(db).st_mode) == 0o600, "the database is 0600")

        # The cache is read: bytes changed behind an unchanged stamp (same size, time, inode) keep
        # the cached facts for a command that needs no body, and --no-cache sees the new ones. A
        # command that needs the body checks the body read from the file against the cached
        # fingerprint, so it sees the change.
        probe = os.path.join(vault, "Styles", "Secure Attachment.md")
        before = os.stat(probe)
        text = open(probe, "rb").read()
        swapped = text.replace(b"calm", b"cxlm", 1)
        with open(probe, "r+b") as f:
            f.write(swapped)
        os.utime(probe, ns=(before.st_atime_ns, before.st_mtime_ns))
        facts = ["query", 'TABLE associated_emotions WHERE file.name = "Secure Attachment"']
        cached = run(vault, facts, cache_dir, False, out_dir)
        plain = run(vault, facts, cache_dir, True, out_dir)
        check(swapped != text and cached != plain and b"cxlm" in plain[1], "a note with an unchanged stamp comes from the cache",
              repr(cached[:2]) + " vs " + repr(plain[:2]))
        cut = swapped.rfind(b"the ")  # in the body: the last "the " becomes "thx " (same size)
        body = swapped[:cut] + b"thx " + swapped[cut + 4:]
        with open(probe, "r+b") as f:
            f.write(body)
        os.utime(probe, ns=(before.st_atime_ns, before.st_mtime_ns))
        found = run(vault, ["search", "thx"], cache_dir, False, out_dir)
        found_plain = run(vault, ["search", "thx"], cache_dir, True, out_dir)
        check(cut > 0 and found == found_plain and b"Secure Attachment" in found[1],
              "a body changed behind an unchanged stamp is noticed by its fingerprint", repr(found[:2])[:600])
        with open(probe, "r+b") as f:
            f.write(text)
        clock.stamp(probe)

        rng = random.Random(20261204)
        kinds = ["add", "delete", "rename", "frontmatter", "body", "touch", "schema", "config", "symlink"]
        for n, kind in enumerate(kinds + [rng.choice(kinds) for _ in range(3)]):
            what = edit(kind, vault, schemas, rng, clock, n)
            compare_all(vault, cache_dir, out_dir, f"edit {n} ({what})")

        # A run killed in the middle leaves a cache that still gives the right result.
        big = os.path.join(vault, "Concepts", "Big.md")
        with open(big, "w", encoding="utf-8") as f:
            for i in range(8000):
                f.write(f"Line {i} with [[Secure Attachment]] and #t{i % 50} and k{i % 7}:: v\n")
        clock.stamp(big)
        for delay in (0.05, 0.15, 0.3):
            env = dict(os.environ, MDVAULT_CACHE_DIR=cache_dir, NO_COLOR="1")
            proc = subprocess.Popen([BINARY, "--vault", vault, "lint", "--format", "json"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        compare_all(vault, cache_dir, out_dir, "after runs killed with SIGKILL")
        os.remove(big)

        # A truncated database: the right result, one notice, and a cache built again.
        with open(db, "r+b") as f:
            f.truncate(os.path.getsize(db) // 3 or 1)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        cached = run(vault, ["lint", "--format", "json"], cache_dir, False, out_dir)
        plain = run(vault, ["lint", "--format", "json"], cache_dir, True, out_dir)
        notices = [l for l in cached[2].decode().splitlines() if "cache" in l]
        check(cached[:2] == plain[:2] and len(notices) == 1 and "damaged" in notices[0],
              "a truncated database: the same result and one notice", repr(cached[2][:800]))
        again = run(vault, ["lint", "--format", "json"], cache_dir, False, out_dir)
        check(again == plain, "... and the next run is quiet again (the cache was built anew)", repr(again[2][:400]))

        # A cache folder that cannot be written: the right result and one notice.
        ro = os.path.join(tmp, "read-only-cache")
        os.mkdir(ro)
        os.chmod(ro, 0o500)
        if os.geteuid() != 0:
            cached = run(vault, ["lint", "--format", "json"], ro, False, out_dir)
            notices = [l for l in cached[2].decode().splitlines() if "cache" in l]
            check(cached[:2] == plain[:2] and len(notices) == 1, "a read-only cache folder: the same result and one notice",
                  repr(cached[2][:800]))
        else:
            # root writes anyway: a file where the folder should be is the unwritable case then.
            blocked = os.path.join(tmp, "blocked")
            open(blocked, "w").close()
            cached = run(vault, ["lint", "--format", "json"], os.path.join(blocked, "cache"), False, out_dir)
            notices = [l for l in cached[2].decode().splitlines() if "cache" in l]
            check(cached[:2] == plain[:2] and len(notices) == 1, "a cache folder that cannot be made: the same result and one notice",
                  repr(cached[2][:800]))

        # Two runs at once on a cache being built: both right, no notice.
        shutil.rmtree(cache_dir)
        env = dict(os.environ, MDVAULT_CACHE_DIR=cache_dir, NO_COLOR="1")
        procs = [subprocess.Popen([BINARY, "--vault", vault, "lint", "--format", "json"], env=env,
                                  cwd=out_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
        outs = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
        plain = run(vault, ["lint", "--format", "json"], cache_dir, True, out_dir)
        check(all((o[2], o[0], o[1]) == plain[:3] for o in outs),
              "three runs at once: each gives the --no-cache result",
              repr([(o[2], o[0][:200], o[1][:300]) for o in outs]) + " vs " + repr(plain[:3])[:400])

        # mdvault cache status / clear.
        status = subprocess.run([BINARY, "--vault", vault, "cache", "status"], env=env, capture_output=True, text=True)
        check(status.returncode == 0 and "notes: " in status.stdout, "cache status names the notes held", status.stdout + status.stderr)
        clear = subprocess.run([BINARY, "--vault", vault, "cache", "clear"], env=env, capture_output=True, text=True)
        check(clear.returncode == 0 and cache_file(cache_dir) is None, "cache clear removes the database", clear.stderr)
    finally:
        for folder, dirs, _ in os.walk(tmp):
            for d in dirs:
                try:
                    os.chmod(os.path.join(folder, d), 0o700)
                except OSError:
                    pass
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
