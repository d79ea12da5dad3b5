"""Shared fixtures: a built copy of the site, served on localhost, a real headless Chromium, and the
browser's redline engine under Node."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import jsengine
from git import Repo
from helpers import add_logo, build, commit, copy_site, edit

CHROMIUM = "/usr/bin/chromium"
# Keep Chromium itself quiet too: no update checks or other calls home while tests run.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str, kind: str = "browser") -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{kind} tests are required in CI: {reason}")
    pytest.skip(f"{kind} test skipped: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (install it with `apt-get install chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def js_engine() -> Iterator[jsengine.Engine]:
    """assets/redline.js under Node: one process for the whole test module."""
    executable = jsengine.node()
    if executable is None:
        _unavailable(f"no `node` on the PATH (install it with `{jsengine.INSTALL}`)", "engine parity")
    engine = jsengine.Engine(executable)  # type: ignore[arg-type]
    yield engine
    engine.close()


@pytest.fixture()
def js_dom(js_engine: jsengine.Engine) -> jsengine.Engine:
    """The engine under Node, able to ``render``: its HTML needs jsdom's DOM."""
    if js_engine.no_dom:
        _unavailable(f"no jsdom for Node ({js_engine.no_dom}; install it with `{jsengine.INSTALL}`)", "engine parity")
    return js_engine


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project's site as a pull-request preview, built for real and served on localhost.

    A superseded version, the version in force, and a branch's draft: every kind of page.
    """
    site = copy_site(tmp_path_factory.mktemp("served"))
    repo = Repo(site)
    document = site / "docs/privacy/document.yml"
    add_logo(site)  # an image in a section, shown at every depth
    edit(document, "effective: 2018-05-25", "effective: 2020-01-01")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and others")
    commit(repo, "Second version", "2019-11-01")
    repo.git.checkout("-b", "proposal")
    edit(document, "effective: 2020-01-01", "effective: 2030-01-01")
    commit(repo, "Propose a third version", "2024-11-01")
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    url, server = serve(site / "site")
    yield url
    server.shutdown()


@pytest.fixture()
def tab(browser: Any) -> Iterator[Any]:
    """A page of its own at 1280 px, which records the addresses it requests (``tab.requests``) and
    fails the test on any script error (``tab.errors``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: requests.append(r.url))
    tab.errors, tab.requests = errors, requests
    yield tab
    context.close()
    assert errors == [], "no script error on the page"
