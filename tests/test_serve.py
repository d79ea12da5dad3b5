"""`mkdocs serve` for editors: sources are watched, and a saved edit shows up without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import copy_site, edit

WAIT = 90  # seconds: bounded, never a timing assertion, only a limit on waiting


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        body = fetch(url)
        if needle in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {WAIT} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    site = copy_site(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield site, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_shows_each_saved_edit_as_a_draft(served: tuple[Path, str]) -> None:
    """Uncommitted edits appear, rebuilt on every save, marked as a draft and never as in force."""
    site, url = served
    wait_for(url + "privacy/", "Further Information")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks (edited)")
    draft = wait_for(url + "privacy/versions/proposed/", "partner networks (edited)")
    assert "DRAFT: proposed changes, not in force." in draft
    edit(site / "docs/privacy/purposes.yml", "grow our business", "grow our business (edited)")
    wait_for(url + "privacy/versions/proposed/", "grow our business (edited)")
    current = fetch(url + "privacy/")
    assert "partner networks (edited)" not in current
    assert "DRAFT preview:" in current and 'href="versions/proposed/"' in current
    assert fetch(url + "privacy/sections/links/") == "", "sections are never pages of their own"


def test_serve_shows_mistakes_on_the_page_and_recovers_when_fixed(served: tuple[Path, str]) -> None:
    """An editor who saves a mistake sees it in the browser, not a server that seems stuck."""
    site, url = served
    wait_for(url + "privacy/", "Further Information")
    links = site / "docs/privacy/sections/links.md"
    edit(links, "partner networks", "partner networks {{ section: nowhere }}")
    shown = wait_for(url + "privacy/versions/proposed/", "1 problem(s) to fix")
    assert "docs/privacy/sections/links.md:3" in shown
    assert "{{ section: nowhere }} refers to a section that does not exist." in shown
    assert "1 problem(s) to fix" in fetch(url + "privacy/")
    edit(links, " {{ section: nowhere }}", " MENDED")
    wait_for(url + "privacy/versions/proposed/", "partner networks MENDED")
