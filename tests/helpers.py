"""Building real sites in temporary folders, the way an editor would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "privacy-and-cookie-policy.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_site(target: Path) -> Path:
    """The project's own site (mkdocs.yml, docs/, overrides/) copied to a temporary folder."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "overrides", target / "overrides")
    return target


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


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The line an editor would be sent to, found independently of the code under test."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)
