"""The history in awkward repositories, each made for real: every case gets a clear message."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from git import Repo
from helpers import (
    EPOCH,
    FIXTURES,
    build,
    commit,
    commit_site,
    copy_site,
    edit,
    init_repo,
    legaldocs,
    mkdocs,
    new_version,
    page,
    text,
    versions,
)


def revision_shas(site: Path, version: str) -> list[str]:
    root = page(site, "privacy/versions/index.html")
    return root.xpath(f"//section[@id='v-{version}']//table//td/code/text()")


def log(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def two_versions(tmp_path: Path) -> Path:
    site = copy_site(tmp_path)
    new_version(site, "2020-06-01", "Second version.")
    commit_site(site, "Second version", "2020-03-01")
    return site


def test_shallow_clone_warns_and_still_builds_the_current_text(tmp_path: Path) -> None:
    origin = two_versions(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    result = mkdocs(clone, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "this is a shallow git clone, so older versions are missing" in result.stderr
    assert "git fetch --unshallow" in result.stderr
    assert versions(clone) == ["v-2020-06-01"]
    strict = mkdocs(clone, "build", "--strict", env=EPOCH)
    assert strict.returncode != 0


def test_a_repository_warning_is_said_once_however_many_documents(tmp_path: Path) -> None:
    origin = copy_site(tmp_path / "origin")
    shutil.copytree(FIXTURES / "terms", origin / "docs" / "terms")
    commit_site(origin, "Add the terms")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    result = mkdocs(clone, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("this is a shallow git clone") == 1
    assert (clone / "site/terms/versions/index.html").is_file()


def test_missing_git_warns_and_still_builds_the_current_text(tmp_path: Path) -> None:
    site = copy_site(tmp_path, git=False)
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "is not in a git repository, so the documents have no version history" in result.stderr
    root = page(site, "privacy/index.html")
    assert len(root.xpath("//section[@class='ld-section']")) == 13
    assert text(root.xpath("//div[contains(@class,'ld-notice--no-history')]")[0]) == (
        "The version history is not available in this build."
    )
    assert mkdocs(site, "build", "--strict", env=EPOCH).returncode != 0


def test_detached_head_builds_the_site_as_of_that_commit(tmp_path: Path) -> None:
    site = two_versions(tmp_path)
    repo = Repo(site)
    first = list(repo.iter_commits())[-1]
    repo.git.checkout(first.hexsha)
    assert repo.head.is_detached
    build(site, env=EPOCH)
    assert versions(site) == ["v-2018-05-25"]


def test_docs_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "website", git=False)
    repo = init_repo(tmp_path)
    commit(repo, "Publish", "2019-01-10")
    new_version(site, "2020-06-01", "Second version.")
    commit(repo, "Second version", "2020-03-01")
    build(site, env=EPOCH)
    assert versions(site) == ["v-2020-06-01", "v-2018-05-25"]


def test_merges_are_read_first_parent_only(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    repo = Repo(site)
    repo.git.checkout("-b", "feature")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks ONE")
    feature_one = commit(repo, "Feature work one", "2019-02-01")
    edit(site / "docs/privacy/sections/links.md", "ONE", "TWO")
    commit(repo, "Feature work two", "2019-02-02")
    repo.git.checkout("main")
    stamp = "2019-02-10T12:00:00+00:00"
    repo.git.merge(
        "--no-ff",
        "feature",
        "-m",
        "Merge the feature",
        env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )
    build(site, env=EPOCH)
    merge = repo.head.commit.hexsha[:7]
    first = list(repo.iter_commits(first_parent=True))[-1].hexsha[:7]
    assert revision_shas(site, "2018-05-25") == [first, merge]
    assert feature_one[:7] not in (site / "site/privacy/versions/index.html").read_text()


def test_a_mistake_corrected_by_the_next_commit_is_a_fact_not_a_warning(tmp_path: Path) -> None:
    """One mistake, fixed in the next commit, must not keep `mkdocs build --strict` red for good."""
    site = copy_site(tmp_path)
    document = site / "docs/privacy/document.yml"
    edit(document, "  - who-we-are\n", "  - who-we-are\n  - who-we-are\n")  # a duplicated section id
    broken = commit_site(site, "List a section twice", "2019-02-01")[:7]
    edit(document, "  - who-we-are\n  - who-we-are\n", "  - who-we-are\n")
    fixed = commit_site(site, "List it once", "2019-02-02")[:7]
    result = build(site, env=EPOCH)  # --strict: no warning left to fail it
    assert "invalid at this commit" not in result.stderr
    checked = legaldocs("check", "--strict", cwd=site)
    assert checked.returncode == 0, checked.stderr
    root = page(site, "privacy/versions/index.html")
    (skipped,) = root.xpath("//section[@class='ld-skipped']//li")
    assert text(skipped) == (
        f"Commit {broken} of 1 February 2019 (List a section twice). The document was invalid at this commit. "
        f"Commit {fixed} of 2 February 2019 corrected it."
    )
    assert "document.yml" not in text(skipped), "the validator's words are for check and the build log"
    assert broken not in revision_shas(site, "2018-05-25")


def test_a_mistake_left_uncorrected_in_its_version_warns_and_says_how_to_acknowledge_it(tmp_path: Path) -> None:
    """Corrected only by the next version's first commit: that version's text is not a correction of it."""
    site = copy_site(tmp_path)
    links = site / "docs/privacy/sections/links.md"
    edit(links, "partner networks", "partner networks, see {{ section: nowhere }}")
    full = commit_site(site, "Break a reference", "2024-10-01")
    broken = full[:7]
    edit(links, ", see {{ section: nowhere }}", "")
    new_version(site, "2025-06-01", "Mends the reference.")
    commit_site(site, "Mend the reference in a new version", "2024-10-02")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    warning = f"WARNING -  legaldocs: commit {broken}: docs/privacy was invalid at this commit (1 problem; the first:"
    assert warning in result.stderr
    # the full id: the options refuse a short one, so the fix must give what they accept
    assert f"acknowledge the commit in mkdocs.yml (plugins.legaldocs.acknowledge: `- commit: {full}`" in (result.stderr)
    (skipped,) = page(site, "privacy/versions/index.html").xpath("//section[@class='ld-skipped']//li")
    assert text(skipped) == (
        f"Commit {broken} of 1 October 2024 (Break a reference). The document was invalid at this commit."
    )
    assert broken not in revision_shas(site, "2018-05-25")
    assert mkdocs(site, "build", "--strict", env=EPOCH).returncode != 0


def test_two_versions_with_the_same_effective_date_is_an_error_naming_both_commits(tmp_path: Path) -> None:
    site = two_versions(tmp_path)
    first = list(Repo(site).iter_commits())[-1].hexsha[:7]
    new_version(site, "2018-05-25", "Back again.")
    again = commit_site(site, "Reuse the first date", "2020-09-01")[:7]
    result = mkdocs(site, "build", env=EPOCH)
    assert (
        f"ERROR   -  legaldocs: commit {again}: this commit makes a second version effective 2018-05-25, "
        f"the same date as the version begun at commit {first}."
    ) in result.stderr
    (skipped,) = page(site, "privacy/versions/index.html").xpath("//section[@class='ld-skipped']//li")
    intro = page(site, "privacy/versions/index.html").xpath("//section[@class='ld-skipped']/p")[0]
    assert "the document was invalid or its date out of order" in text(intro)
    assert text(skipped).endswith(
        "Its effective date, 25 May 2018, was out of order: a version takes effect after the one before it."
    )
    strict = mkdocs(site, "build", "--strict", "--site-dir", "strict", env=EPOCH)
    assert strict.returncode != 0
    assert not (site / "strict").exists()


def test_an_effective_date_going_backwards_is_an_error(tmp_path: Path) -> None:
    site = two_versions(tmp_path)
    new_version(site, "2019-01-01", "Earlier.")
    back = commit_site(site, "Go back in time", "2020-09-01")[:7]
    result = mkdocs(site, "build", env=EPOCH)
    assert (
        f"ERROR   -  legaldocs: commit {back}: this commit moves `effective` back from 2020-06-01 to 2019-01-01."
        in (result.stderr)
    )
    assert versions(site) == ["v-2020-06-01", "v-2018-05-25"]


def test_short_notice_is_a_warning_naming_the_commit(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    new_version(site, "2020-06-01", "Second version.")
    rushed = commit_site(site, "Rushed version", "2020-05-20")[:7]
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert (
        f"WARNING -  legaldocs: commit {rushed}: the version effective 1 June 2020 reached the published branch "
        "on 20 May 2020, 12 days before it takes effect; the notice period is 30 days."
    ) in result.stderr
    assert mkdocs(site, "build", "--strict", env=EPOCH).returncode != 0
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - legaldocs\n", "  - legaldocs:\n      notice_period: 10\n"))
    commit_site(site, "Ten days' notice is enough here", "2020-05-21")
    build(site, env=EPOCH)


def test_a_pull_request_branch_is_a_draft_never_in_force(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    repo = Repo(site)
    repo.git.checkout("-b", "update-retention")
    new_version(site, "2030-01-01", "Proposed: shorter retention.")
    edit(site / "docs/privacy/sections/data-retention.md", "We will retain", "PROPOSED-TEXT We will retain")
    proposal = commit(repo, "Shorter retention", "2024-11-01")[:7]
    build(site, env=EPOCH)
    current = page(site, "privacy/index.html")
    assert "PROPOSED-TEXT" not in text(current.xpath("//article")[0].xpath(".//div[@class='ld-document']")[0])
    (notice,) = current.xpath("//div[contains(@class,'ld-notice--draft')]")
    assert notice.xpath(".//a/@href") == ["versions/proposed/", "changes/proposed/"]
    draft = page(site, "privacy/versions/proposed/index.html")
    assert "PROPOSED-TEXT" in text(draft.xpath("//article")[0])
    assert text(draft.xpath("//div[contains(@class,'ld-notice--draft')]")[0]).startswith(
        "DRAFT: proposed changes, not in force. This text has 1 commit not yet on the published branch."
    )
    assert draft.xpath("//title/text()")[0].startswith("DRAFT: Privacy")
    assert versions(site) == ["v-proposed", "v-2018-05-25"]
    assert revision_shas(site, "proposed") == [proposal]
    listing = page(site, "privacy/versions/index.html").xpath("//section[@id='v-proposed']//span")[0]
    assert text(listing) == "Draft: proposed, not in force"


def test_a_renamed_section_file_keeps_the_history(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    sections = site / "docs/privacy/sections"
    shutil.move(sections / "links.md", sections / "external-links.md")
    edit(site / "docs/privacy/document.yml", "  - links\n", "  - external-links\n")
    new_version(site, "2020-06-01", "Links section renamed.")
    commit_site(site, "Rename the links section", "2020-03-01")
    build(site, env=EPOCH)
    old = page(site, "privacy/versions/2018-05-25/index.html")
    new = page(site, "privacy/versions/2020-06-01/index.html")
    assert old.xpath("//h2[@id='links']") and not old.xpath("//h2[@id='external-links']")
    assert new.xpath("//h2[@id='external-links']") and not new.xpath("//h2[@id='links']")
    assert text(new.xpath("//h2[@id='external-links']")[0]).startswith("10. Links")


def test_a_configured_branch_that_does_not_exist_is_a_warning(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - legaldocs\n", "  - legaldocs:\n      branch: production\n"))
    commit_site(site, "Publish from production")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "the published branch 'production' does not exist; using main instead." in result.stderr


def test_without_a_main_branch_the_built_branch_is_published_with_a_warning(tmp_path: Path) -> None:
    """One rule, for the build and `legaldocs diff`: the configured branch, else main, else the branch
    being built, said (a preview must never pass for the published text unnoticed)."""
    site = copy_site(tmp_path, git=False)
    repo = init_repo(site, branch="master")
    commit(repo, "Publish", "2019-01-10")
    result = mkdocs(site, "build", "--strict", env=EPOCH)
    assert result.returncode == 1
    assert "the published branch 'main' does not exist; using master, the branch being built, instead." in log(result)
    assert "set plugins.legaldocs.branch to the branch you publish from" in log(result)
    lenient = mkdocs(site, "build", env=EPOCH)
    assert lenient.returncode == 0, log(lenient)
    assert versions(site) == ["v-2018-05-25"]
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      branch: master\n")
    build(site, env=EPOCH)


def test_renaming_a_file_without_changing_the_text_is_not_an_update(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    sections = site / "docs/privacy/sections"
    shutil.move(sections / "further-information.md", sections / "contact.md")
    edit(site / "docs/privacy/document.yml", "  - further-information\n", "  - contact\n")
    for name in ("how-we-use-your-data.md", "your-rights.md"):
        edit(sections / name, "{{ section: further-information }}", "{{ section: contact }}")
    commit_site(site, "Rename a section file", "2020-03-01")
    build(site, env=EPOCH)
    assert revision_shas(site, "2018-05-25") == [list(Repo(site).iter_commits())[-1].hexsha[:7]]
    stamp = page(site, "privacy/index.html").xpath("//p[contains(@class,'ld-stamp')]")[0]
    assert "Last updated 10 January 2019" in text(stamp)
    assert page(site, "privacy/index.html").xpath("//h2[@id='contact']"), "the page shows the new file"


def test_a_repository_without_commits_builds_the_working_copy_with_a_warning(tmp_path: Path) -> None:
    site = copy_site(tmp_path, git=False)
    init_repo(site)
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "the git repository has no commits yet, so there is no published version. Fix: commit" in result.stderr
    assert len(page(site, "privacy/index.html").xpath("//section[@class='ld-section']")) == 13


def test_a_document_folder_linked_in_from_outside_is_refused_plainly(tmp_path: Path) -> None:
    """A link is never followed (it could publish any file of the build machine): said, not built."""
    outside = copy_site(tmp_path / "elsewhere", git=False) / "docs" / "privacy"
    site = copy_site(tmp_path / "site")
    shutil.rmtree(site / "docs" / "privacy")
    (site / "docs" / "privacy").symlink_to(outside, target_is_directory=True)
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 1
    assert f"docs/privacy: is a symbolic link (to {outside})" in result.stderr
    assert "Traceback" not in result.stderr and not (site / "site").exists()


def test_without_the_git_program_the_current_text_still_builds(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    result = mkdocs(site, "build", env={**EPOCH, "PATH": str(tmp_path / "no-git-here")})
    assert result.returncode == 0, result.stderr
    assert "the git program is not installed" in result.stderr and "Traceback" not in result.stderr
    assert len(page(site, "privacy/index.html").xpath("//section[@class='ld-section']")) == 13
