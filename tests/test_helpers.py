"""The in-process runners of helpers.py: each run starts as a new process would, and leaves this
process as it found it (a leak would make a test pass or fail by the tests that ran before it)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from helpers import commit_site, copy_site, edit, legaldocs, legaldocs_process, mkdocs

UNCOMMITTED = "docs/privacy: has uncommitted changes"


def test_each_build_says_everything_and_leaves_nothing_behind(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and others")
    where, environ = os.getcwd(), dict(os.environ)
    handlers = {name: list(logging.getLogger(name).handlers) for name in ("mkdocs", "mkdocs.commands.build")}
    runs = [mkdocs(site, "build", "--strict", env={"SOURCE_DATE_EPOCH": "1735689600"}) for _ in range(2)]
    for run in runs:  # the second as the first: MkDocs' plugins and duplicate filter are not kept
        assert run.returncode == 1
        assert run.stderr.count(UNCOMMITTED) == 1, run.stderr
        assert "Aborted with 1 warnings in strict mode!" in run.stdout
    assert os.getcwd() == where and dict(os.environ) == environ
    assert {name: list(logging.getLogger(name).handlers) for name in handlers} == handlers
    # MkDocs' config options keep the config they validated last; `check` reads them afterwards.
    commit_site(site, "Commit the edit")
    assert mkdocs(site, "build", "--strict").returncode == 0
    checked = legaldocs("check", cwd=site)
    assert (checked.returncode, checked.stdout) == (0, "1 document checked: no problems.\n"), checked.stderr


def test_a_run_prints_and_exits_as_the_console_script_does(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "docs/privacy/purposes.yml", "- contract\n", "- contracts\n")
    commit_site(site, "A mistake")
    for args in (("check",), ("check", "--no-such-option"), ("diff", "--format", "json", "HEAD~0")):
        here, real = legaldocs(*args, cwd=site), legaldocs_process(*args, cwd=site)
        assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr), args


def test_a_template_changed_between_two_builds_is_used_as_changed(tmp_path: Path) -> None:
    """Compiled templates are kept for the session (helpers._COMPILED): an edit must still show."""
    site = copy_site(tmp_path)
    footer = site / "overrides/partials/copyright.html"
    for words in ("First footer words", "Second footer words"):
        footer.write_text(f"<div class='md-copyright'>{words}</div>\n", encoding="utf-8")
        commit_site(site, words)
        assert mkdocs(site, "build", "--strict").returncode == 0
        assert words in (site / "site/privacy/index.html").read_text(encoding="utf-8")
