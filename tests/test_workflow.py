"""The CI workflow for a policy repository, and `legaldocs check` as a pre-commit hook."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from git import Repo
from helpers import REPO, edit, line_of
from legaldocs import demo
from test_cli_commands import subcommands

#: Commands the workflow may run before they exist (none now: `legaldocs diff` exists).
PENDING: set[str] = set()


def workflow() -> dict[Any, Any]:
    return yaml.safe_load(demo.workflow_text())


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(flow: dict[Any, Any]) -> list[list[str]]:
    """Every command in every `run:`, split at shell operators, as words."""
    commands = []
    for job in flow["jobs"].values():
        for step in steps(job):
            for line in step.get("run", "").splitlines():
                words = shlex.split(line, comments=True)
                command: list[str] = []
                for word in [*words, ";"]:
                    if word in ("&&", "||", ";", "|", ">", ">>"):
                        if command:
                            commands.append(command)
                        command = []
                    else:
                        command.append(word)
    return commands


def test_workflow_builds_on_every_push_every_day_and_every_pull_request() -> None:
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"] is None  # every branch
    assert "pull_request" in triggers
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, *every = cron.split()
    assert every == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()  # once a day
    assert flow["permissions"] == {"contents": "read"}  # least privilege; jobs ask for more
    checkouts = [
        s for job in flow["jobs"].values() for s in steps(job) if s.get("uses", "").startswith("actions/checkout")
    ]
    assert len(checkouts) == 2 and all(s["with"]["fetch-depth"] == 0 for s in checkouts)


def test_workflow_publishes_main_to_pages_and_comments_the_redline_on_pull_requests() -> None:
    jobs = workflow()["jobs"]
    build, deploy, redline = jobs["build"], jobs["deploy"], jobs["redline"]
    assert "actions/upload-pages-artifact" in uses(build) and "actions/upload-artifact" in uses(build)
    build_runs = [s.get("run") for s in steps(build)]
    assert "legaldocs check" in build_runs and "mkdocs build --strict" in build_runs
    assert deploy["needs"] == "build" and uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert redline["if"] == "github.event_name == 'pull_request'"
    assert redline["permissions"]["pull-requests"] == "write"
    commands = [" ".join(c) for c in runs({"jobs": {"redline": redline}})]
    assert any(c.startswith("legaldocs diff ") and "--format markdown" in c for c in commands)
    assert any(c.startswith("gh pr comment ") and "--body-file redline.md" in c for c in commands)


def test_every_command_the_workflow_runs_exists() -> None:
    known = set(subcommands())
    seen = set()
    for command in runs(workflow()):
        program, *rest = command
        if program not in ("legaldocs", "mkdocs"):
            continue
        sub, options = rest[0], [w.split("=")[0] for w in rest[1:] if w.startswith("--")]
        seen.add(f"{program} {sub}")
        if program == "legaldocs" and sub not in known:
            assert sub in PENDING, f"the workflow runs `legaldocs {sub}`, which does not exist"
            continue
        argv = ["legaldocs"] if program == "legaldocs" else [sys.executable, "-m", "mkdocs"]
        result = subprocess.run([*argv, sub, "--help"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"`{program} {sub}` does not exist: {result.stderr}"
        for option in options:
            assert re.search(rf"(?<![\w-]){re.escape(option)}\b", result.stdout), f"`{program} {sub}` has no {option}"
    assert seen == {"legaldocs check", "mkdocs build", "legaldocs diff"}


def test_documentation_shows_the_workflow_as_shipped() -> None:
    page = (REPO / "documentation/docs/guide/publishing.md").read_text()
    shown = re.search(r"```yaml\n(# Build and publish the policy site.*?)```", page, re.S)
    assert shown and shown.group(1) == demo.workflow_text()


# pre-commit --------------------------------------------------------------------------------


def test_pre_commit_hook_is_declared() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "legaldocs-check" and hook["entry"] == "legaldocs check --working-copy"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "docs/privacy/document.yml") and not re.match(hook["files"], "README.md")


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed (pip install pre-commit)")
def test_pre_commit_hook_runs_through_try_repo(tmp_path: Path) -> None:
    """The hook as another repository would use it: installed by pre-commit from this repository.

    One run (each `try-repo` installs legaldocs afresh, which takes a while): on a document with a
    broken cross-reference, so that only the real check can produce what is asserted.
    """
    site = tmp_path / "policy"
    demo.write(site)
    links = site / "docs/privacy/sections/links.md"
    edit(links, "Please check", "See {{ section: nowhere }}. Please check")
    Repo(site).git.add("-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("PYTHONPATH", None)  # the hook runs in pre-commit's own environment, from this repository
    command = ["pre-commit", "try-repo", str(REPO), "legaldocs-check", "--all-files"]
    failed = subprocess.run(command, cwd=site, capture_output=True, text=True, env=env, timeout=600)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"legaldocs check\.+Failed", failed.stdout)
    assert f"docs/privacy/sections/links.md:{line_of(links, 'nowhere')}: " in failed.stdout
    assert "1 problem(s) found." in failed.stdout
