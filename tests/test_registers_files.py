"""A one-file document's registers: named in its mkdocs.yml entry (`cookies:`, `recipients:`), read from git
at each commit as the file is, relative to mkdocs.yml, inside the repository, never a link."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from git import Repo
from helpers import SITE_RECIPIENTS, commit, copy_site, init_repo, legaldocs, mkdocs, page, text
from legaldocs import filedoc
from legaldocs.filedoc import FILE_KEY, FileSpec

POLICY = """\
---
title: Privacy Statement
---
# Privacy Statement

Effective date: {date}

We respect your privacy.

## Who receives your data

{{{{ recipients }}}}

## Your rights

Ask us.
"""


def entry(**keys: object) -> str:
    lines = "".join(f"          {k}: {v}\n" for k, v in keys.items())
    return f"  - legaldocs:\n      documents:\n        - privacy\n        - name: statement\n{lines}"


def site_with(tmp_path: Path, **keys: object) -> tuple[Path, Repo]:
    site = copy_site(tmp_path / "site", git=False)
    config = site / "mkdocs.yml"
    keys = {"file": "policies/privacy.md", "recipients": "legal/recipients.yml", **keys}
    config.write_text(config.read_text().replace("  - legaldocs\n", entry(**keys)))
    (site / "policies").mkdir()
    (site / "legal").mkdir()
    return site, init_repo(site)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two versions: the register with the first; a recipient renamed, in a commit of the register alone
    before the second version's date line; the second version then."""
    site, repo = site_with(tmp_path_factory.mktemp("filereg"))
    (site / "policies/privacy.md").write_text(POLICY.format(date="February 1, 2024"), encoding="utf-8")
    (site / "legal/recipients.yml").write_text(SITE_RECIPIENTS, encoding="utf-8")
    commit(repo, "Privacy statement with its recipients", "2024-01-01")
    recipients = site / "legal/recipients.yml"
    recipients.write_text(SITE_RECIPIENTS.replace("Mailer Inc.", "Mailer GmbH"), encoding="utf-8")
    commit(repo, "The mailer's new name (a correction of the first version)", "2024-01-10")
    (site / "policies/privacy.md").write_text(POLICY.format(date="June 1, 2024"), encoding="utf-8")
    recipients.write_text(recipients.read_text(encoding="utf-8").replace("[US]", "[US, CA]"), encoding="utf-8")
    commit(repo, "Mail also processed in Canada", "2024-04-01")
    result = mkdocs(site, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_the_register_is_read_from_git_at_each_commit(built: Path) -> None:
    first = page(built, "statement/versions/2024-02-01/index.html")
    rows = first.xpath("//div[contains(@class,'ld-recipients')]//tbody/tr")
    assert [r.get("id") for r in rows] == ["recipient-hosting", "recipient-mailer"]
    assert text(rows[1][0]) == "Mailer GmbH", "the commit of the register alone is a revision of the version"
    current = page(built, "statement/index.html")
    mailer = current.xpath("//tr[@id='recipient-mailer']")[0]
    assert text(mailer[3]) == "United States, Canada"
    listed = json.loads((built / "site/statement/versions.json").read_text(encoding="utf-8"))
    assert [len(v["revisions"]) for v in listed["versions"]] == [2, 1]
    exported = json.loads((built / "site/statement/versions/2024-02-01/recipients.json").read_text("utf-8"))
    assert [r["name"] for r in exported["recipients"]] == ["Hosting GmbH", "Mailer GmbH"]


def test_the_entry_history_and_the_counts(built: Path) -> None:
    root = page(built, "statement/recipients/mailer/index.html")
    ids = [s.get("id") for s in root.xpath("//section[@class='ld-history-entry']")]
    assert ids == ["v-2024-06-01", "v-2024-02-01"]
    changed = root.xpath("//section[@id='v-2024-06-01']//tbody/tr")[0]
    assert "Canada" in "".join(changed.xpath(".//ins/text()")) and not changed.xpath(".//del")
    counts = text(page(built, "statement/changes/2024-06-01/index.html").xpath("//ul[@class='ld-counts']")[0])
    assert "1 recipient changed" in counts


def test_a_problem_in_the_register_names_its_own_file_and_line(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path)
    (site / "policies/privacy.md").write_text(POLICY.format(date="February 1, 2024"), encoding="utf-8")
    (site / "legal/recipients.yml").write_text(SITE_RECIPIENTS.replace("role: processor", "role: procesor"))
    commit(repo, "A mistake in the register", "2024-01-01")
    result = legaldocs("check", cwd=site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "legal/recipients.yml:4: 'procesor' is not a role of a recipient." in result.stderr


def test_a_placeholder_without_a_register_in_the_entry() -> None:
    text_ = POLICY.format(date="February 1, 2024")
    reading = filedoc.read("statement", {FILE_KEY: text_.encode()}, "p.md", FileSpec("statement", "p.md"))
    assert [str(p) for p in reading.problems] == [
        "p.md:12: {{ recipients }} needs a register: the document's entry in mkdocs.yml names no recipients.yml. "
        "Fix: add `recipients: <path of its recipients.yml>` to the entry (beside `file:`), or remove the "
        "placeholder."
    ]


def test_paths_are_relative_to_mkdocs_yml_whatever_the_files_folder() -> None:
    spec = FileSpec("statement", "policies/privacy.md", cookies="legal/./cookies.yml", recipients="recipients.yml")
    assert spec.registers() == {"cookies.yml": "legal/cookies.yml", "recipients.yml": "recipients.yml"}
    assert spec.beside() == {"cookies.yml": "../legal/cookies.yml", "recipients.yml": "../recipients.yml"}
    # In a repository whose mkdocs.yml is in site/: the paths git is asked for.
    assert filedoc.register_paths(spec, "site/policies/privacy.md") == (
        ("cookies.yml", "site/legal/cookies.yml"),
        ("recipients.yml", "site/recipients.yml"),
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("../outside.yml", "'../outside.yml' is outside the repository"),
        ("legal/missing.yml", "the file 'legal/missing.yml' does not exist"),
        ("legal/recipients.txt", "is not a YAML file"),
        ("legal/link.yml", "legal/link.yml is a symbolic link, which legaldocs never follows"),
    ],
)
def test_a_register_outside_the_repository_missing_or_a_link_is_refused(
    tmp_path: Path, written: str, said: str
) -> None:
    site, repo = site_with(tmp_path, recipients=written)
    (site / "policies/privacy.md").write_text(POLICY.format(date="February 1, 2024"), encoding="utf-8")
    (site / "legal/recipients.txt").write_text(SITE_RECIPIENTS, encoding="utf-8")
    (tmp_path / "secret.yml").write_text("recipients: []\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.yml", site / "legal/link.yml")
    commit(repo, "The statement", "2024-01-01")
    result = legaldocs("check", cwd=site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "the document 'statement': recipients: " in result.stderr and said in result.stderr, result.stderr
