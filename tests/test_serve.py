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


def test_serve_rebuilds_when_a_section_or_the_purposes_change(served: tuple[Path, str]) -> None:
    site, url = served
    wait_for(url + "privacy/", "Further Information")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks (edited)")
    wait_for(url + "privacy/", "partner networks (edited)")
    edit(site / "docs/privacy/purposes.yml", "grow our business", "grow our business (edited)")
    wait_for(url + "privacy/", "grow our business (edited)")
    assert fetch(url + "privacy/sections/links/") == "", "sections are never pages of their own"
