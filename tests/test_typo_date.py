"""A commit whose date line could not be read ("Marhc 1, 2024"), corrected by the next commit: `check`
and the versions page say the same (the next commit corrected it), and the version's summary is the
message of the commit that started its text ("Add PayFast as sub-processor", not "Fix date typo")."""

from __future__ import annotations

import json
from pathlib import Path

from git import Repo
from helpers import commit, legaldocs, mkdocs, page, text
from test_file_documents import site_with

POLICY = "# Privacy Statement\n\nEffective date: {date}\n\nWe respect your privacy.\n\n## Who gets your data\n\n{who}\n"


def typo_site(tmp_path: Path, fixed: bool = True) -> tuple[Path, Repo]:
    site, repo = site_with(tmp_path, file="privacy.md", markdown="github")
    policy = site / "privacy.md"
    policy.write_text(POLICY.format(date="February 1, 2024", who="Mailer Inc."))
    commit(repo, "First privacy statement", "2024-01-01")
    policy.write_text(POLICY.format(date="Marhc 1, 2024", who="Mailer Inc. and PayFast Ltd."))
    commit(repo, "Add PayFast as sub-processor", "2024-02-01")
    if fixed:
        policy.write_text(POLICY.format(date="March 1, 2024", who="Mailer Inc. and PayFast Ltd."))
        commit(repo, "Fix date typo", "2024-02-02")
    return site, repo


def test_check_and_the_versions_page_agree_and_the_summary_is_the_change(tmp_path: Path) -> None:
    site, _ = typo_site(tmp_path)
    said = legaldocs("check", cwd=site)
    assert "corrected it" not in said.stdout + said.stderr, said.stdout + said.stderr
    assert "Marhc" not in said.stdout + said.stderr, "a mistake the next commit corrected asks nothing of anyone"
    notice = json.loads(
        legaldocs("notice", "2024-03-01", "--document", "statement", "--format", "json", cwd=site).stdout
    )
    assert notice["summary"] == "Add PayFast as sub-processor"
    result = mkdocs(site, "build")
    assert result.returncode == 0, result.stderr
    root = page(site, "statement/versions/index.html")
    unreadable = text(root.xpath("//ul[@class='ld-unreadable']/li")[0])
    assert "corrected it" in unreadable, unreadable
    summaries = [text(p) for p in root.xpath("//p[@class='ld-summary']")]
    assert summaries == [
        "From the commit message: Add PayFast as sub-processor",
        "From the commit message: First privacy statement",
    ], summaries


def test_an_uncorrected_typo_names_the_word_and_a_fix_for_an_old_commit(tmp_path: Path) -> None:
    site, _ = typo_site(tmp_path, fixed=False)  # the typo is the last commit: nothing corrected it
    said = legaldocs("check", cwd=site)
    out = said.stdout + said.stderr
    # The working copy and the commit alike name the word that could not be read.
    assert "“Marhc” is not a month's name or a number" in out, out
    line = next(x for x in out.splitlines() if "was invalid at this commit" in x)
    assert "write the date" not in line and "or leave it and it stays skipped" in line, line


def test_too_short_a_notice_for_a_version_in_force_says_what_can_still_be_done(tmp_path: Path) -> None:
    """ "Fix: set `effective` at least 30 days after publishing" is impossible once the version is in
    force: acknowledge its commit (by its full id) or lower notice_period."""
    site, repo = typo_site(tmp_path)
    sha = repo.head.commit.hexsha  # "Fix date typo": the version's first valid commit, 28 days ahead
    said = legaldocs("check", cwd=site)
    line = next(x for x in (said.stdout + said.stderr).splitlines() if "the notice period is 30 days" in x)
    assert "already in force" in line and "privacy.md" in line, line
    assert f"`- commit: {sha}`" in line and "lower plugins.legaldocs.notice_period" in line, line
    assert "set `effective`" not in line, line
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - legaldocs:\n",
            f"  - legaldocs:\n      acknowledge:\n        - commit: {sha}\n          reason: Announced late.\n",
        )
    )
    again = legaldocs("check", cwd=site)
    assert "the notice period is 30 days" not in again.stdout + again.stderr


GERMAN = "# Datenschutz\n\nGültig ab {date}\n\nWir achten Ihre Privatsphäre.\n\n## Wer Ihre Daten erhält\n\n{who}\n"


def test_a_translations_summary_is_its_own_commits_message(tmp_path: Path) -> None:
    """A one-file translation's versions page gave the English commits' messages as its summaries."""
    site, repo = site_with(tmp_path, file="privacy.md", markdown="github", translations="{de: de.md}")
    (site / "privacy.md").write_text(POLICY.format(date="February 1, 2024", who="Mailer Inc."))
    (site / "de.md").write_text(GERMAN.format(date="1. Februar 2024", who="Mailer Inc."))
    commit(repo, "First privacy statement", "2024-01-01")
    (site / "privacy.md").write_text(POLICY.format(date="March 1, 2024", who="Mailer Inc. and PayFast Ltd."))
    commit(repo, "Add PayFast as sub-processor", "2024-01-20")
    (site / "de.md").write_text(GERMAN.format(date="1. März 2024", who="Mailer Inc. und PayFast Ltd."))
    commit(repo, "Deutsch: PayFast", "2024-01-21")
    result = mkdocs(site, "build")
    assert result.returncode == 0, result.stderr
    english = [text(p) for p in page(site, "statement/versions/index.html").xpath("//p[@class='ld-summary']")]
    assert english[0] == "From the commit message: Add PayFast as sub-processor"
    german = [text(p) for p in page(site, "statement/de/versions/index.html").xpath("//p[@class='ld-summary']")]
    assert german == ["Aus der Commit-Nachricht: Deutsch: PayFast", "Aus der Commit-Nachricht: First privacy statement"]
