#!/usr/bin/env python3
"""Checks `mdvault lint --format sarif` against the SARIF 2.1.0 schema and its path basis.

Three runs on copies of tests/vaults/cli-basic:
  1. from the vault's top folder: relative URIs, validated against
     ../shared/conformance/sarif/sarif-schema-2.1.0.json;
  2. a repository with the vault in docs/vault, GITHUB_WORKSPACE set to it and the
     working folder elsewhere: every URI under docs/vault/, GitHub annotations on the
     same paths, JSON "file" the same paths and "path" vault-relative;
  3. the vault outside the working folder: uriBaseId VAULT with originalUriBaseIds.
Every rule must carry fullDescription, help (text and markdown) and helpUri; no rule id
may hold '*'. Exits 77 (skipped, saying so) when ../shared is absent.

Usage: check_sarif.py MDVAULT_BINARY SOURCE_DIR
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def run(binary, args, cwd, env=None):
    full_env = dict(os.environ)
    full_env.pop("MDVAULT_VAULT", None)
    full_env.pop("GITHUB_WORKSPACE", None)
    full_env.update(env or {})
    return subprocess.run([binary] + args, cwd=cwd, env=full_env, capture_output=True, text=True)


def uris(log):
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]


def main():
    binary, source = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2]).resolve()
    schema_file = source / ".." / "shared" / "conformance" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        print(f"SKIPPED: {schema_file} is absent (the shared conformance material is not here)")
        return 77
    import jsonschema  # python3-jsonschema (scripts/install-deps.sh)

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    failures = []

    def check(log, what):
        for error in validator.iter_errors(log):
            failures.append(f"{what}: not valid SARIF 2.1.0 at {list(error.absolute_path)}: {error.message}")
        for rule in log["runs"][0]["tool"]["driver"]["rules"]:
            for key in ("fullDescription", "help", "helpUri"):
                if key not in rule:
                    failures.append(f"{what}: rule {rule['id']} has no {key}")
            if "help" in rule and not ("text" in rule["help"] and "markdown" in rule["help"]):
                failures.append(f"{what}: rule {rule['id']}: help needs text and markdown")
            if "*" in rule["id"]:
                failures.append(f"{what}: pseudo-rule {rule['id']}")
        driver = log["runs"][0]["tool"]["driver"]
        if "version" not in driver or "informationUri" not in driver:
            failures.append(f"{what}: the driver needs version and informationUri")
        if not log["runs"][0]["results"]:
            failures.append(f"{what}: no results (the fixture vault has findings)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        vault = tmp / "repo" / "docs" / "vault"
        shutil.copytree(source / "tests" / "vaults" / "cli-basic", vault)
        (tmp / "elsewhere").mkdir()

        # 1. From the vault's top folder.
        out = tmp / "top.sarif"
        proc = run(binary, ["lint", "--format", f"sarif={out}"], vault)
        if proc.returncode != 1:
            failures.append(f"run 1: exit {proc.returncode}, expected 1: {proc.stderr}")
        log = json.loads(out.read_text(encoding="utf-8"))
        check(log, "run 1")
        for location in uris(log):
            if "uriBaseId" in location or location["uri"].startswith(("/", "..", "file:")):
                failures.append(f"run 1: URI not relative to the vault's folder: {location}")

        # 2. GITHUB_WORKSPACE is the repository; the step runs elsewhere.
        out = tmp / "ws.sarif"
        annotations = tmp / "ws.github"
        report = tmp / "ws.json"
        proc = run(binary, ["--vault", str(vault), "lint", "--format", f"sarif={out}",
                            "--format", f"github={annotations}", "--format", f"json={report}"],
                   tmp / "elsewhere", {"GITHUB_WORKSPACE": str(tmp / "repo")})
        log = json.loads(out.read_text(encoding="utf-8"))
        check(log, "run 2")
        sarif_paths = set()
        for location in uris(log):
            sarif_paths.add(location["uri"])
            if not location["uri"].startswith("docs/vault/") or "uriBaseId" in location:
                failures.append(f"run 2: URI not under docs/vault/: {location}")
        github_paths = set()
        for line in annotations.read_text(encoding="utf-8").splitlines():
            github_paths.add(line.split(" file=", 1)[1].split(",", 1)[0].replace("%2C", ",").replace("%25", "%"))
        encoded = {p.replace(" ", "%20").replace(",", "%2C").replace("&", "%26").replace("%25", "%")
                   for p in github_paths}
        if {p.replace("%25", "%") for p in sarif_paths} != encoded:
            failures.append(f"run 2: annotations {sorted(github_paths)} differ from SARIF {sorted(sarif_paths)}")
        for item in json.loads(report.read_text(encoding="utf-8"))["diagnostics"]:
            if item["file"] != "docs/vault/" + item["path"]:
                failures.append(f"run 2: JSON file {item['file']!r} is not docs/vault/ + path {item['path']!r}")

        # 3. The vault outside the working folder (no GITHUB_WORKSPACE).
        proc = run(binary, ["--vault", str(vault), "lint", "--format", "sarif"], tmp / "elsewhere")
        log = json.loads(proc.stdout)
        check(log, "run 3")
        bases = log["runs"][0].get("originalUriBaseIds", {})
        if not bases.get("VAULT", {}).get("uri", "").endswith("/docs/vault/"):
            failures.append(f"run 3: originalUriBaseIds.VAULT should name the vault: {bases}")
        for location in uris(log):
            if location.get("uriBaseId") != "VAULT" or location["uri"].startswith(("/", "..")):
                failures.append(f"run 3: expected a vault-relative URI with uriBaseId VAULT: {location}")

    for failure in failures:
        print("FAIL " + failure)
    print(f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
