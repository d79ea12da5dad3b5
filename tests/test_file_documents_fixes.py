"""What a new user of one-file documents found (issue 19): each defect, fixed, with a real repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from git import Repo
from helpers import REPO, build, commit, init_repo, mkdocs, page, text
from helpers import legaldocs as run_legaldocs

POLICY = "---\neffective: 2024-01-01\n---\n# P\n\n## 1. A\n\ntext\n\n## 2. B\n\nx\n\n## 3. C\n\ny\n"


def file_site(tmp_path: Path, file: str, markdown: str = "github", extra: str = "") -> tuple[Path, Repo]:
    """A site whose only document is the one file ``file`` (not yet written), as mkdocs.yml lists it."""
    site = tmp_path / "r"
    site.mkdir()
    repo = init_repo(site)
    (site / "docs").mkdir()
    (site / "docs" / ".gitkeep").write_text("")
    (site / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material}\nplugins:\n  - legaldocs:\n      documents:\n"
        f"        - {{name: p, file: {file}, markdown: {markdown}}}\n{extra}"
    )
    return site, repo


def legaldocs(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_legaldocs(*args, cwd=site)  # in this process (helpers.run): what an editor sees


# 1. diff follows the file across renames ----------------------------------------------------------


def test_diff_between_commits_follows_a_renamed_file(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "new.md")
    (site / "old.md").write_text(POLICY)
    commit(repo, "v1", "2024-01-01")
    repo.git.mv("old.md", "new.md")
    commit(repo, "mv", "2024-01-02")
    moved = legaldocs(site, "diff", "HEAD~1", "HEAD")
    assert moved.returncode == 0, moved.stderr
    assert "No changes to the text." in moved.stdout and "added" not in moved.stdout
    (site / "new.md").write_text(POLICY.replace("text", "more text"))
    repo.git.mv("new.md", "newest.md")
    tip = commit(repo, "mv again", "2024-01-03")
    # neither commit has the path mkdocs.yml names (new.md is gone at HEAD, old.md at HEAD~1)
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text().replace("new.md", "newest.md"))
    both_old = legaldocs(site, "diff", "HEAD~2", "HEAD~1")
    assert both_old.returncode == 0, both_old.stderr
    assert "No changes to the text." in both_old.stdout
    # on the base branch, whose mkdocs.yml names old.md: the later side is found where it moved to
    repo.git.checkout("-f", "HEAD~2")
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text().replace("new.md", "old.md"))
    forward = legaldocs(site, "diff", "HEAD", tip)
    assert forward.returncode == 0, forward.stderr
    assert "{+more +}text" in forward.stdout and "0 sections added, 0 sections removed" in forward.stdout


def test_diff_says_plainly_when_the_file_is_on_neither_side(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "policy.md")
    (site / "README.md").write_text("hello\n")
    commit(repo, "readme", "2024-01-01")
    (site / "README.md").write_text("hello again\n")
    commit(repo, "readme 2", "2024-01-02")
    (site / "policy.md").write_text(POLICY)  # written, never committed
    result = legaldocs(site, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 2
    assert "the file policy.md" in result.stderr and "any earlier name" in result.stderr
    assert "check --document" not in result.stderr and "Traceback" not in result.stderr


# 4. A commit that changes nothing a reader sees is not a revision --------------------------------


def test_trailing_blank_lines_are_no_revision_of_a_file_or_a_folder_document(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "policy.md", extra="        - privacy\n")
    shutil.copytree(REPO / "docs" / "privacy", site / "docs" / "privacy")
    (site / "policy.md").write_text(POLICY)
    commit(repo, "v1", "2024-01-01")
    (site / "policy.md").write_text(POLICY.replace("## 2. B\n\n", "## 2. B\n\n\n  \n") + "\n\n   \n")
    section = next((site / "docs" / "privacy" / "sections").glob("*.md"))
    section.write_text(section.read_text() + "\n\n")
    commit(repo, "Whitespace", "2024-01-02")
    build(site)
    assert (site / "site" / "p" / "index.html").is_file()
    assert not list((site / "site").glob("*/changes/*/r2")), "a whitespace commit became a revision"
    assert not list((site / "site").glob("*/versions/*/r2"))


# 5. adopt --write takes the starter mkdocs.yml as the guide writes it ------------------------------

STARTERS = {
    "commented": (
        "  - legaldocs       # options: see the reference\n",
        "  - legaldocs:       # options: see the reference\n",
    ),
    "empty-options": ("  - legaldocs:\n", "  - legaldocs:\n"),
    "no-documents": (
        "  - legaldocs:  # ours\n      documents: []  # none yet\n      branch: main\n",
        "  - legaldocs:  # ours\n      documents: # none yet\n",
    ),
}


@pytest.mark.parametrize("starter", list(STARTERS), ids=list(STARTERS))
def test_adopt_write_takes_the_starter_plugin_entries(tmp_path: Path, starter: str) -> None:
    written, kept = STARTERS[starter]
    site = tmp_path / "r"
    site.mkdir()
    repo = init_repo(site)
    (site / "docs").mkdir()
    (site / "docs" / ".gitkeep").write_text("")
    (site / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - search\n{written}markdown_extensions:\n  - toc\n")
    (site / "policy.md").write_text(POLICY)
    commit(repo, "v1", "2024-01-01")
    result = legaldocs(site, "adopt", "policy.md", "--write")
    assert result.returncode == 0, result.stderr
    config = (site / "mkdocs.yml").read_text()
    assert kept in config, config
    from legaldocs import siteconfig

    (spec,) = siteconfig.load(site / "mkdocs.yml").documents
    assert (spec.name, spec.file) == ("policy", "policy.md")
    if starter == "no-documents":
        assert siteconfig.load(site / "mkdocs.yml").branch == "main"


# 6. adopt names an old commit's problem at the file's path at that commit --------------------------


# 9. Small words -------------------------------------------------------------------------------------


def test_help_and_check_speak_of_file_documents_and_say_a_missing_docs_dir_once(tmp_path: Path) -> None:
    helped = legaldocs(tmp_path, "diff", "--help")
    assert "or a file document's name" in " ".join(helped.stdout.split())
    site, repo = file_site(tmp_path, "policy.md")
    (site / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - legaldocs\n")
    empty = legaldocs(site, "check")
    assert empty.returncode == 2 and "file documents" in empty.stderr and "legaldocs adopt" in empty.stderr
    (site / "docs" / ".gitkeep").unlink()
    (site / "docs").rmdir()
    (site / "policy.md").write_text(POLICY)
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: docs\nplugins:\n  - legaldocs:\n      documents:\n"
        "        - {name: p, file: policy.md}\n"
    )
    commit(repo, "v1", "2024-01-01")
    missing = legaldocs(site, "check")
    assert missing.stderr.count("isn't an existing directory") == 1, missing.stderr
    assert "1 problem found." in missing.stdout


# 8. The versions page says what failed, and no maintainer's instruction ----------------------------


def test_the_versions_page_says_the_date_failed_and_which_commit_is_published(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "legal/policy.md")
    old = site / "policy.md"
    words = "We keep your data safe and tell you what we do with it.\n"
    old.write_text(f"# P\n\nEffective date: January 1, 2024\n\n## A\n\n{words * 3}\n## B\n\n{words * 3}y\n")
    commit(repo, "First", "2024-01-01")
    old.write_text(old.read_text().replace("January 1, 2024", "31 Febuary 2024").replace("y\n", "y and z\n"))
    broken = commit(repo, "Add z", "2024-02-10")
    (site / "legal").mkdir()
    repo.git.mv("policy.md", "legal/policy.md")
    moved = site / "legal" / "policy.md"
    moved.write_text(moved.read_text().replace("31 Febuary 2024", "1 March 2024"))
    fixed = commit(repo, "Fix the date, move to legal/", "2024-02-11")
    built = mkdocs(site, "build")  # (not --strict: the short notice is a warning)
    assert built.returncode == 0, built.stderr
    said = page(site, "p/versions/index.html").xpath("//section[contains(@class,'ld-skipped')]")
    shown = text(said[0])
    assert f"Its effective date could not be read (policy.md:3), so it is not published. Commit {broken[:7]}" in shown
    assert f"The next commit, {fixed[:7]} of 11 February 2024, corrected it: its text is the one published." in shown
    assert "at all" not in shown and "mkdocs.yml" not in shown and "acknowledge" not in shown


# 7. check --links lists the links published as written --------------------------------------------


def test_check_links_lists_relative_and_host_links_of_a_file_document(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "legal/policy.md")
    policy = site / "legal" / "policy.md"
    policy.parent.mkdir()
    policy.write_text(
        POLICY.replace(
            "text\n",
            "See [German](../de/datenschutz.md), [cookies](/articles/cookies),\n"
            "[other](other.md), [us](https://example.com/) and [A](#1-a).\n",
        )
    )
    commit(repo, "v1", "2024-01-01")
    result = legaldocs(site, "check", "--links")
    assert result.returncode == 0, result.stderr
    links = [line for line in result.stderr.splitlines() if line.startswith("link: ")]
    assert links == [
        "link: legal/policy.md:8: ../de/datenschutz.md (published as written, not checked)",
        "link: legal/policy.md:8: /articles/cookies (published as written, not checked)",
        "link: legal/policy.md:9: other.md (published as written, not checked)",
    ]
    assert "link: " not in legaldocs(site, "check").stderr


# 3. An image from another site is said at its line, not silently dropped ----------------------------


def test_a_remote_image_is_a_warning_at_its_line_in_check_and_the_build(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "policy.md")
    (site / "policy.md").write_text(
        POLICY.replace("x\n", "x\n\n![Cookie settings dialog](https://acme.example/img/cookie-dialog.png)\n")
    )
    commit(repo, "v1", "2024-01-01")
    checked = legaldocs(site, "check", "--strict")
    assert checked.returncode == 1
    (warned,) = [line for line in checked.stderr.splitlines() if "Cookie settings dialog" in line]
    assert warned.startswith("warning: policy.md:14: the image 'Cookie settings dialog' is from another site")
    assert "Fix: copy the image into the repository" in warned
    built = mkdocs(site, "build", "--strict")
    assert built.returncode != 0 and "policy.md:14: the image 'Cookie settings dialog'" in built.stderr
