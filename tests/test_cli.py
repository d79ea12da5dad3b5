"""`legaldocs check`: the build's validation for editors and CI, with exit codes to match."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import copy_site, edit


def check(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["legaldocs", "check"], cwd=site, capture_output=True, text=True, timeout=60)


def test_check_passes_on_the_policy(tmp_path: Path) -> None:
    result = check(copy_site(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 document(s) checked: no problems."


def test_check_lists_problems_with_file_and_line(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "docs/privacy/sections/links.md", "websites of", "websites of [x](#nowhere)")
    edit(site / "docs/privacy/purposes.yml", "- contract\n", "- contracts\n")
    result = check(site)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 problem(s) found."
    assert lines[0].startswith("docs/privacy/purposes.yml:") and "'contracts' is not a lawful basis" in lines[0]
    assert lines[1].startswith("docs/privacy/sections/links.md:3: the link to #nowhere leads nowhere")
    assert "Traceback" not in result.stderr


def test_check_without_documents_says_so(tmp_path: Path) -> None:
    result = check(tmp_path)
    assert result.returncode == 2
    assert "no document folders" in result.stderr
