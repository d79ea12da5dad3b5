"""Bounded work and no crashes: what a hostile repository must not achieve (issue 16, items 8 and 9).

Every case is a real repository, checked by the real `legaldocs check` and built by the real
`mkdocs build`: refused with its file, line and fix, or handled, never a traceback, never minutes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import commit_site, copy_site, mkdocs
from test_history import EPOCH


def check(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["legaldocs", "check", *args], cwd=site, capture_output=True, text=True, timeout=120)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(tmp_path / "site")


# Every name printed in a message is one line -------------------------------------------------

FORGED = "x\n::error file=document.yml,line=1::forged\n1 document(s) checked: no problems.\n.md"


def test_a_file_name_cannot_forge_lines_of_the_log(site: Path) -> None:
    (site / "docs/privacy/sections" / FORGED).write_text("# X\n\nText.\n", encoding="utf-8")
    commit_site(site, "A section whose name holds\n::error::a forged line")
    for result in (check(site, "--strict"), mkdocs(site, "build", "--strict", env=EPOCH)):
        assert result.returncode == 1, result.stderr
        lines = (result.stdout + result.stderr).splitlines()
        assert not [line for line in lines if line.startswith(("::", "1 document(s)", ".md"))], lines
        named = [line for line in lines if "docs/privacy/sections/x" in line]
        assert len(named) == 1, lines  # one problem, one line
        assert "sections/x\\n::error file=document.yml,line=1::forged\\n1 document(s)" in named[0]
        assert "Traceback" not in result.stderr
