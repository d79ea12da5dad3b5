"""`legaldocs check`: the build's validation for editors and CI, with exit codes to match."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import commit_site, copy_site, edit, legaldocs, legaldocs_process, line_of


def check(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return legaldocs("check", *args, cwd=site)


def test_check_passes_on_the_policy(tmp_path: Path) -> None:
    result = check(copy_site(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 document checked: no problems.\n"


def test_check_lists_problems_with_file_and_line(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "docs/privacy/sections/links.md", "websites of", "websites of [x](#nowhere)")
    edit(site / "docs/privacy/purposes.yml", "- contract\n", "- contracts\n")
    commit_site(site, "Two mistakes")
    result = check(site)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert result.stdout == "2 problems found.\n"  # the problems on stderr, one summary line on stdout
    assert len(lines) == 2
    assert lines[0].startswith("docs/privacy/purposes.yml:") and "'contracts' is not a lawful basis" in lines[0]
    assert lines[1].startswith("docs/privacy/sections/links.md:3: the link to #nowhere leads nowhere")
    assert "Traceback" not in result.stderr


def test_check_without_documents_says_so(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - legaldocs\n")
    (tmp_path / "docs").mkdir()
    result = check(tmp_path)
    assert result.returncode == 2
    assert "no document folders" in result.stderr


def test_check_outside_a_site_says_so_and_reads_nothing(tmp_path: Path) -> None:
    """One folder off (no mkdocs.yml), check must not take the folder for docs/ and scan the disk."""
    other = tmp_path / "other-project"
    other.mkdir()
    (other / "app.js").write_text("alert(1)\n")  # would be "a .js file can run script" if it were read
    (tmp_path / "notes.md").write_bytes(b"\xff not UTF-8\n")
    result = check(tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        ".: no mkdocs.yml or properdocs.yml here (looked for mkdocs.yml or properdocs.yml)"
    ]
    result = check(tmp_path, "other-project")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "other-project: no mkdocs.yml or properdocs.yml here "
        "(looked for other-project/mkdocs.yml or other-project/properdocs.yml)"
    ]


def test_check_says_which_text_has_an_uncommitted_mistake(tmp_path: Path) -> None:
    """The committed text is what `mkdocs build` publishes; the working copy is what serve shows."""
    site = copy_site(tmp_path)
    links = site / "docs/privacy/sections/links.md"
    edit(links, "websites of", "websites of [x](#nowhere) {{ section: gone }}")
    commit_site(site, "Two mistakes")
    edit(links, " {{ section: gone }}", "")  # one fixed, not committed yet
    edit(site / "docs/privacy/purposes.yml", "- contract\n", "- contracts\n")  # a new one, not committed
    result = check(site)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    gone, nowhere, contracts = lines[:3]
    assert gone.startswith("docs/privacy/sections/links.md:3: {{ section: gone }} refers to a section")
    assert gone.endswith(" [in the committed text only: your uncommitted edits fix it]")
    assert nowhere.startswith("docs/privacy/sections/links.md:3: the link to #nowhere leads nowhere")
    assert nowhere.endswith("(its title in lower case with hyphens, e.g. #opting-out)."), "in both texts: no mark"
    assert contracts.startswith("docs/privacy/purposes.yml:") and "'contracts' is not a lawful basis" in contracts
    assert contracts.endswith(" [in your uncommitted edits only]")
    assert lines[3] == (
        "docs/privacy: checked the committed text (what `mkdocs build` publishes) and your uncommitted edits "
        "(what `mkdocs serve` shows; `mkdocs build` leaves them out); a line without a mark is in both."
    )
    assert lines[4:] == []
    assert result.stdout == "3 problems found.\n"


def test_check_reads_mkdocs_yml_as_the_build_does(tmp_path: Path) -> None:
    """docs_dir and the Markdown extensions' options come from mkdocs.yml, not from defaults."""
    site = copy_site(tmp_path)
    (site / "docs").rename(site / "content")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace("docs_dir: docs", "docs_dir: content")
        .replace('permalink: "¶"', 'permalink: "¶"\n      separator: "_"')
    )
    links = site / "content/privacy/sections/links.md"
    edit(links, "websites of", "websites of [opting out](#opting_out)")
    commit_site(site, "Anchors with underscores, in content/")
    assert check(site).returncode == 0, check(site).stderr
    edit(links, "#opting_out", "#opting-out")
    commit_site(site, "An anchor this site does not make")
    result = check(site)
    assert result.returncode == 1
    line = line_of(links, "#opting-out")
    assert result.stderr.splitlines()[0].startswith(
        f"content/privacy/sections/links.md:{line}: the link to #opting-out leads nowhere"
    )


def test_check_of_a_bad_mkdocs_yml_is_bad_usage(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    (site / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - legaldocs:\n      notice_period: soon\n")
    result = check(site)
    assert result.returncode == 1  # a wrong value is a problem at its line, like any other
    assert "mkdocs.yml:4: plugins.legaldocs.notice_period: " in result.stderr and "Traceback" not in result.stderr
    (site / "mkdocs.yml").write_text("site_name: x\nplugins: [\n")  # unreadable: bad usage
    result = check(site)
    assert result.returncode == 2 and "mkdocs.yml:" in result.stderr and "Traceback" not in result.stderr


def test_check_suggests_the_nearest_section_id(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    links = site / "docs/privacy/sections/links.md"
    edit(links, "websites of", "websites of {{ section: your-right }} and {{ fact: contact_emial }}")
    commit_site(site, "Two typos")
    result = check(site)
    assert result.returncode == 1
    assert result.stdout == "2 problems found.\n"
    section, fact = result.stderr.splitlines()
    assert "{{ section: your-right }} refers to a section that does not exist. Fix: did you mean `your-rights`?" in (
        section
    )
    assert "{{ fact: contact_emial }} names a fact that is not defined. Fix: did you mean `contact_email`?" in fact


def test_one_problem_is_said_in_the_singular(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "docs/privacy/sections/links.md", "websites of", "websites of [x](#nowhere)")
    commit_site(site, "One mistake")
    result = check(site)
    assert result.returncode == 1
    assert result.stdout == "1 problem found.\n"
    assert "(s)" not in result.stdout + result.stderr


def test_version() -> None:
    from importlib.metadata import version

    result = legaldocs_process("--version")  # the installed console script, in a process of its own
    assert result.returncode == 0
    assert result.stdout == f"legaldocs {version('legaldocs')}\n"
