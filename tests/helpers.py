"""Building real sites in temporary folders, the way an editor would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
from git import Repo

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "privacy-and-cookie-policy.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_site(target: Path, *, git: bool = True) -> Path:
    """The project's own site (mkdocs.yml, docs/, overrides/) in a temporary folder.

    With ``git`` (the default), it is a real repository with the site as its first commit,
    as every real site is: without one, the build warns that there is no history.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "overrides", target / "overrides")
    if git:
        commit(init_repo(target), "Publish the policy", "2019-01-10")
    return target


def init_repo(path: Path, branch: str = "main") -> Repo:
    repo = Repo.init(path, initial_branch=branch)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Legal Editor")
        config.set_value("user", "email", "editor@example.com")
        config.set_value("commit", "gpgsign", "false")
    (path / ".gitignore").write_text("site/\n")
    return repo


def commit(repo: Repo, message: str, day: str) -> str:
    """Commit everything, dated ``day`` (YYYY-MM-DD, noon UTC), as a real `git commit` does."""
    stamp = f"{day}T12:00:00+00:00"
    repo.git.add("-A")
    repo.git.commit("-m", message, "--allow-empty", env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    return repo.head.commit.hexsha


def mkdocs(site: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real mkdocs command line, as an editor would, and keep what it printed."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=site,
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
    )


def build(site: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = mkdocs(site, "build", "--strict", *extra, env=env)
    assert result.returncode == 0, result.stderr
    return result


def page(site: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / "site" / rel)).getroot()


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def shown_counts(root: lxml.html.HtmlElement) -> list[tuple[int, str]]:
    """The counts a changes page opens with, as ``redline_html.count_items`` gives them: (the number in
    ``ld-count``, the item's words as read), in the page's order."""
    return [
        (int(li.xpath("string(span[@class='ld-count'])")), text(li))
        for li in root.xpath("//article//ul[@class='ld-counts']/li")
    ]


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The line an editor would be sent to, found independently of the code under test."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def commit_site(site: Path, message: str, day: str = "2019-02-01") -> str:
    """Commit what a test changed in a site made by copy_site."""
    return commit(Repo(site), message, day)


def png(width: int = 4, height: int = 3) -> bytes:
    """A real, tiny PNG image (solid grey), made without an imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def add_logo(site: Path) -> None:
    """A logo next to the document, shown from inside a section by a relative address."""
    (site / "docs/privacy/logo.png").write_bytes(png())
    edit(site / "docs/privacy/sections/who-we-are.md", "\n", "\n![ClusterSeven logo](logo.png)\n\n")


def serious_violations(tab: Any) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical violations on the page: (rule, impact, how many nodes)."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in Axe().run(tab).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
