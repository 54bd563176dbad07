#!/usr/bin/env python3
"""Runs the steps of action.yml locally, as a GitHub workflow runs them, and the pre-commit hook.

A throw-away repository holds its vault in docs/vault. Each `run:` step of the composite
Action is run with bash -eo pipefail (GitHub's bash shell), `${{ inputs.* }}` replaced by the
inputs, `${{ github.* }}` by the repository and the action's folder, and GITHUB_OUTPUT,
GITHUB_STEP_SUMMARY, GITHUB_PATH and RUNNER_TEMP set; the mdvault under test is on PATH, so
the install step uses it instead of building.

Checks: a clean vault passes, with "No problems" in the step summary and a SARIF without
results; a vault with broken links fails (exit 1), every SARIF URI and every annotation lies
under docs/vault/, and the SARIF validates against ../shared's 2.1.0 schema when that is here;
fail-level never reports without failing. With pre-commit installed, `pre-commit run
--all-files` with the hook of .pre-commit-hooks.yaml passes on the clean vault and fails on a
broken link.

Usage: run_action.py MDVAULT_BINARY SOURCE_DIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def write_clean_vault(vault):
    (vault / ".obsidian").mkdir(parents=True)
    (vault / ".obsidian" / "app.json").write_text("{}\n")
    (vault / "Secure base.md").write_text("---\ntitle: Secure base\n---\n# Secure base\n\nSee [[Safe haven]].\n")
    (vault / "Safe haven.md").write_text("# Safe haven\n\nBack to [[Secure base]].\n")


def run_action(source, binary, repo, inputs, tmp):
    """Runs every step of action.yml; returns (exit code of the failing or last step, outputs, summary)."""
    action = yaml.safe_load((source / "action.yml").read_text(encoding="utf-8"))
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    runner_temp = Path(tempfile.mkdtemp(dir=tmp))
    files = {name: runner_temp / name for name in ("output", "summary", "path")}
    for f in files.values():
        f.write_text("")
    env = dict(os.environ)
    for key in ("MDVAULT_VAULT", "GITHUB_WORKSPACE"):
        env.pop(key, None)
    env.update({"PATH": f"{Path(binary).parent}{os.pathsep}{env['PATH']}", "GITHUB_WORKSPACE": str(repo),
                "GITHUB_OUTPUT": str(files["output"]), "GITHUB_STEP_SUMMARY": str(files["summary"]),
                "GITHUB_PATH": str(files["path"]), "RUNNER_TEMP": str(runner_temp), "GITHUB_ACTIONS": "true"})
    context = {"github.action_path": str(source), "github.workspace": str(repo)}

    def expand(text):
        def one(match):
            name = match.group(1).strip()
            if name.startswith("inputs."):
                return values[name[len("inputs."):]]
            return context[name]
        return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", one, str(text))

    status = 0
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        step_env = dict(env)
        step_env.update({k: expand(v) for k, v in step.get("env", {}).items()})
        cwd = expand(step.get("working-directory", str(repo)))
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step["run"])],
                              cwd=cwd, env=step_env, capture_output=True, text=True)
        print(f"  step '{step['name']}': exit {proc.returncode}")
        status = proc.returncode
        step_out = proc.stdout
        if status != 0:
            break
    outputs = dict(line.split("=", 1) for line in files["output"].read_text().splitlines() if "=" in line)
    return status, outputs, files["summary"].read_text(encoding="utf-8"), step_out


def check_sarif(source, sarif, what):
    schema_file = source / ".." / "shared" / "conformance" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        print(f"  (SARIF schema not validated: {schema_file} is absent)")
        return
    import jsonschema
    validator = jsonschema.Draft4Validator(json.loads(schema_file.read_text(encoding="utf-8")))
    for error in validator.iter_errors(sarif):
        fail(f"{what}: SARIF not valid at {list(error.absolute_path)}: {error.message}")


def check_action(source, binary, tmp):
    repo = tmp / "repo"
    vault = repo / "docs" / "vault"
    write_clean_vault(vault)

    print("clean vault:")
    status, outputs, summary, _ = run_action(source, binary, repo, {"vault": "docs/vault"}, tmp)
    if status != 0:
        fail(f"clean vault: the action failed with exit {status}")
    if "No problems found in 2 notes." not in summary:
        fail(f"clean vault: the step summary lacks the result: {summary!r}")
    sarif_file = repo / outputs.get("sarif-file", "mdvault.sarif")
    sarif = json.loads(sarif_file.read_text(encoding="utf-8"))
    check_sarif(source, sarif, "clean vault")
    if sarif["runs"][0]["results"]:
        fail("clean vault: the SARIF has results")

    print("vault with findings:")
    shutil.rmtree(vault)
    shutil.copytree(source / "tests" / "vaults" / "cli-basic", vault)
    status, outputs, summary, annotations = run_action(source, binary, repo, {"vault": "docs/vault"}, tmp)
    if status != 1 or outputs.get("exit-code") != "1":
        fail(f"broken vault: exit {status} (output {outputs.get('exit-code')}), expected 1")
    sarif = json.loads((repo / "mdvault.sarif").read_text(encoding="utf-8"))
    check_sarif(source, sarif, "broken vault")
    results = sarif["runs"][0]["results"]
    if not results:
        fail("broken vault: the SARIF has no results")
    for r in results:
        location = r["locations"][0]["physicalLocation"]["artifactLocation"]
        if not location["uri"].startswith("docs/vault/") or "uriBaseId" in location:
            fail(f"broken vault: SARIF URI not under docs/vault/: {location}")
    lines = [line for line in annotations.splitlines() if line.startswith("::")]
    if len(lines) != len(results):
        fail(f"broken vault: {len(lines)} annotations for {len(results)} SARIF results")
    for line in lines:
        if not line.split(" file=", 1)[1].startswith("docs/vault/"):
            fail(f"broken vault: annotation not under docs/vault/: {line}")
    if "| docs/vault/Start Here.md | 7 | error |" not in summary:
        fail("broken vault: the step summary lacks the table of findings")

    print("fail-level never:")
    status, outputs, _, _ = run_action(source, binary, repo, {"vault": "docs/vault", "fail-level": "never"}, tmp)
    if status != 0 or outputs.get("exit-code") != "1":
        fail(f"fail-level never: exit {status}, output {outputs.get('exit-code')}; expected 0 and 1")


def check_pre_commit(source, binary, tmp):
    if shutil.which("pre-commit") is None:
        print("pre-commit: SKIPPED (pre-commit is not installed; scripts/install-deps.sh installs it)")
        return
    repo = tmp / "pc"
    vault = repo / "docs" / "vault"
    write_clean_vault(vault)
    hooks = yaml.safe_load((source / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = dict(next(h for h in hooks if h["id"] == "mdvault-lint"))
    hook["args"] = ["--vault", "docs/vault"]
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}))
    env = dict(os.environ)
    env.pop("MDVAULT_VAULT", None)
    env.update({"PATH": f"{Path(binary).parent}{os.pathsep}{env['PATH']}", "PRE_COMMIT_HOME": str(tmp / "pc-home"),
                "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    proc = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True)
    print(f"pre-commit on a clean vault: exit {proc.returncode}")
    if proc.returncode != 0:
        fail(f"pre-commit on a clean vault failed:\n{proc.stdout}{proc.stderr}")
    (vault / "Safe haven.md").write_text("# Safe haven\n\nBack to [[Secure bse]].\n")
    git("add", "-A")
    proc = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True)
    print(f"pre-commit with a broken link: exit {proc.returncode}")
    if proc.returncode == 0 or "links.broken" not in proc.stdout:
        fail(f"pre-commit with a broken link should fail with links.broken:\n{proc.stdout}{proc.stderr}")


def main():
    binary = str(Path(sys.argv[1]).resolve())
    source = Path(sys.argv[2]).resolve()
    # The action finds mdvault by name: put it there under that name.
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bindir = tmp / "bin"
        bindir.mkdir()
        (bindir / "mdvault").symlink_to(binary)
        check_action(source, str(bindir / "mdvault"), tmp)
        check_pre_commit(source, str(bindir / "mdvault"), tmp)
    print(f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
