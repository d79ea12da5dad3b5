"""`legaldocs new-version`, `--help` and usage errors, through the real console script."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from git import Repo
from helpers import FIXTURES, build, commit, copy_site, legaldocs, page, subcommands, text


def one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    """An error an editor can read: the exit code asked for, one line on stderr, no traceback."""
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    return lines[0]


# new-version: the file is edited, not rewritten --------------------------------------------

LAYOUTS = {
    "block summary, comments": (
        "# A comment at the top\ntitle: Policy   # trailing comment\n"
        "effective: 2020-01-01          # the date this version takes effect\n"
        "summary: >-\n  The first version,\n  over two lines.\n\n# before sections\nsections:\n  - about\n",
        "# A comment at the top\ntitle: Policy   # trailing comment\n"
        "effective: 2021-02-03          # the date this version takes effect\n"
        "summary: >-\n  Adds a purpose: newsletters.\n\n# before sections\nsections:\n  - about\n",
    ),
    "quoted values, summary last": (
        "title: Policy\neffective: '2020-01-01'\nsections: [about]\nsummary: 'It''s the first'\n",
        "title: Policy\neffective: '2021-02-03'\nsections: [about]\nsummary: 'Adds a purpose: newsletters.'\n",
    ),
    "plain summary over two lines": (
        "summary: The first\n  version.\ntitle: Policy\neffective: 2020-01-01\nsections:\n- about\n",
        'summary: "Adds a purpose: newsletters."\ntitle: Policy\neffective: 2021-02-03\nsections:\n- about\n',
    ),
    "a byte order mark, a comment after the date": (
        "\ufefftitle: Policy\neffective: 2020-01-01 # old\nsummary: First.\nsections:\n  - about\n",
        '\ufefftitle: Policy\neffective: 2021-02-03 # old\nsummary: "Adds a purpose: newsletters."\n'
        "sections:\n  - about\n",
    ),
    "CRLF line endings": (
        "title: Policy\r\neffective: 2020-01-01\r\nsummary: First.\r\nsections:\r\n  - about\r\n",
        'title: Policy\r\neffective: 2021-02-03\r\nsummary: "Adds a purpose: newsletters."\r\n'
        "sections:\r\n  - about\r\n",
    ),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_new_version_changes_only_the_two_values(tmp_path: Path, layout: str) -> None:
    before, expected = LAYOUTS[layout]
    folder = tmp_path / "docs" / "policy"
    (folder / "sections").mkdir(parents=True)
    (folder / "document.yml").write_bytes(before.encode("utf-8"))
    (folder / "sections" / "about.md").write_text("# About\n\nText.\n")
    args = ["--effective", "2021-02-03", "--summary", "Adds a purpose: newsletters."]
    result = legaldocs("new-version", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (folder / "document.yml").read_bytes() == expected.encode("utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Policy\nplugins:\n  - legaldocs\n")
    assert legaldocs("check", cwd=tmp_path).returncode == 0


def test_new_version_keeps_every_other_line_of_the_policy(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    path = site / "docs/privacy/document.yml"
    before = path.read_text().split("\n")
    result = legaldocs("new-version", "--effective", "2019-03-01", "--summary", "Names our DPO.", cwd=site)
    assert result.returncode == 0, result.stderr
    after = path.read_text().split("\n")
    effective = before.index("effective: 2018-05-25")
    summary = before.index("summary: >-")
    sections = before.index("sections:")
    assert after == [
        *before[:effective],
        "effective: 2019-03-01",
        "summary: >-",
        "  Names our DPO.",
        *before[sections:],
    ]
    assert summary == effective + 1
    assert result.stdout.startswith("docs/privacy/document.yml: a new version, effective 2019-03-01 (")
    assert " days ago), follows the version of 2018-05-25." in result.stdout  # a date in the past is said so


def test_new_version_then_commit_publishes_a_new_version(tmp_path: Path) -> None:
    site = copy_site(tmp_path)  # committed 2019-01-10
    assert (
        legaldocs("new-version", "--effective", "2019-03-01", "--summary", "Names our DPO.", cwd=site).returncode == 0
    )
    commit(Repo(site), "New version", "2019-01-20")
    build(site)
    versions = page(site, "privacy/versions/index.html")
    assert "Names our DPO." in text(versions)
    current = page(site, "privacy/index.html")
    assert "Effective 1 March 2019" in text(current)
    assert (site / "site/privacy/versions/2019-03-01/index.html").is_file()


def test_new_version_refuses_a_date_not_after_the_current_one(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    path = site / "docs/privacy/document.yml"
    before = path.read_bytes()
    for day in ("2018-05-25", "2017-12-31"):
        line = one_line_error(legaldocs("new-version", "--effective", day, "--summary", "x", cwd=site), 1)
        assert line.startswith("legaldocs new-version: error: docs/privacy/document.yml: the new effective date")
        assert "is not after the current version's, 2018-05-25. Fix:" in line
    assert path.read_bytes() == before


def test_an_uncommitted_new_version_can_be_redated_but_not_before_the_committed_one(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    assert legaldocs("new-version", "--effective", "2019-06-01", "--summary", "A.", cwd=site).returncode == 0
    result = legaldocs("new-version", "--effective", "2019-03-01", "--summary", "B.", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "replaces 2019-06-01" in result.stdout
    assert "effective: 2019-03-01" in (site / "docs/privacy/document.yml").read_text()
    one_line_error(legaldocs("new-version", "--effective", "2018-05-25", "--summary", "C.", cwd=site), 1)


def test_new_version_without_git_follows_the_working_copy(tmp_path: Path) -> None:
    site = copy_site(tmp_path, git=False)
    assert legaldocs("new-version", "--effective", "2019-06-01", "--summary", "A.", cwd=site).returncode == 0
    one_line_error(legaldocs("new-version", "--effective", "2019-03-01", "--summary", "B.", cwd=site), 1)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--effective", "2019-02-30", "--summary", "x"], "'2019-02-30' is not a day of the calendar"),
        (["--effective", "1 March 2019", "--summary", "x"], "is not a date: write it as YYYY-MM-DD"),
        (["--summary", "x"], "the following arguments are required: --effective"),
        (["terms", "--effective", "2019-03-01", "--summary", "x"], "docs has no document 'terms'"),
        (["--effective", "2019-03-01", "--summary", " "], "the summary is empty"),
        (["--effective", "2019-03-01", "--summary", "a\x07bell"], "the summary contains a control character"),
    ],
)
def test_new_version_usage_errors(tmp_path: Path, args: list[str], says: str) -> None:
    site = copy_site(tmp_path, git=False)
    before = (site / "docs/privacy/document.yml").read_bytes()
    line = one_line_error(legaldocs("new-version", *args, cwd=site), 1 if "the summary" in says else 2)
    assert line.startswith("legaldocs new-version: error: ") and says in line
    assert (site / "docs/privacy/document.yml").read_bytes() == before


def test_new_version_names_the_document_when_there_are_several(tmp_path: Path) -> None:
    site = copy_site(tmp_path, git=False)
    shutil.copytree(FIXTURES / "terms", site / "docs/terms")
    line = one_line_error(legaldocs("new-version", "--effective", "2030-01-01", "--summary", "x", cwd=site), 2)
    assert "several documents (privacy, terms)" in line
    result = legaldocs("new-version", "terms", "--effective", "2030-01-01", "--summary", "New terms.", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "effective: 2030-01-01" in (site / "docs/terms/document.yml").read_text()


def test_new_version_on_an_unreadable_document_yml_says_where(tmp_path: Path) -> None:
    site = copy_site(tmp_path, git=False)
    path = site / "docs/privacy/document.yml"
    path.write_text(path.read_text().replace("title: Privacy", "title: [Privacy"))
    line = one_line_error(legaldocs("new-version", "--effective", "2030-01-01", "--summary", "x", cwd=site), 1)
    assert "docs/privacy/document.yml:" in line and "not valid YAML" in line


# --help and usage ----------------------------------------------------------------------------


def test_every_command_has_help_with_examples(tmp_path: Path) -> None:
    assert {"check", "new-version", "demo"} <= set(subcommands())
    for name in subcommands():
        result = legaldocs(name, "--help", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        examples = result.stdout.split("examples:\n", 1)[1]
        assert f"  legaldocs {name}" in examples
    top = legaldocs("--help", cwd=tmp_path)
    assert top.returncode == 0 and all(name in top.stdout for name in subcommands())


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["check", "--bogus"], ["demo"]])
def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    line = one_line_error(legaldocs(*args, cwd=tmp_path), 2)
    assert line.startswith("legaldocs") and "error:" in line and "--help" in line
