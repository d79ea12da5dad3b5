"""The archive is a record: real repositories with flawed pasts, rewritten histories and moves."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

from git import Repo
from helpers import (
    EPOCH,
    SITE_ROOT,
    build,
    commit_site,
    copy_site,
    dated_commit,
    edit,
    mkdocs,
    new_version,
    one_section_document,
    page,
    redirect,
    text,
    versions,
)
from legaldocs import history as history_module
from legaldocs.model import Document, Problem
from lxml import etree


def log(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def empty_section(site: Path) -> None:
    """What today's rules reject ("a section without text") but an old version may have had."""
    (site / "docs/privacy/sections/links.md").write_text("# Links\n", encoding="utf-8")


def test_an_old_version_that_fails_a_newer_rule_keeps_its_permalink(tmp_path: Path) -> None:
    site = copy_site(tmp_path)  # 2018-05-25, valid
    new_version(site, "2019-06-01", "Second version, whose links section was empty.")
    original = (site / "docs/privacy/sections/links.md").read_text()
    empty_section(site)
    commit_site(site, "Second version", "2019-04-01")
    new_version(site, "2020-06-01", "Third version.")
    (site / "docs/privacy/sections/links.md").write_text(original)
    commit_site(site, "Third version", "2020-04-01")
    result = build(site, env=EPOCH)  # --strict: the flaw is in the past, so it is a fact, not a warning
    assert "2019-06-01" not in log(result)
    assert versions(site) == ["v-2020-06-01", "v-2019-06-01", "v-2018-05-25"]
    permalink = page(site, "privacy/versions/2019-06-01/index.html")
    assert permalink.xpath("//h2[@id='links']"), "published as it was, empty section and all"


def test_a_version_with_unreadable_sources_is_left_out_and_said(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    document = site / "docs/privacy/document.yml"
    good = document.read_text()
    document.write_text(good.replace("effective: 2018-05-25", "effective: 2019-06-01") + "  bad: [unclosed\n")
    commit_site(site, "Broken YAML", "2019-04-01")
    new_version(site, "2020-06-01", "Third version.")
    document.write_text(good.replace("effective: 2018-05-25", "effective: 2020-06-01"))
    commit_site(site, "Third version", "2020-04-01")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert versions(site) == ["v-2020-06-01", "v-2018-05-25"]
    skipped = page(site, "privacy/versions/index.html").xpath("//section[contains(@class, 'ld-skipped')]")
    assert skipped and "The version effective 1 June 2019 could not be read, so it is not published." in text(
        skipped[0]
    )


def _short_notice_history(tmp_path: Path, count: int) -> Path:
    site = copy_site(tmp_path)
    for n in range(count):
        month = f"{2019 + n // 12}-{n % 12 + 1:02d}"
        new_version(site, f"{month}-20", f"Version {n}.")
        edit(site / "docs/privacy/sections/links.md", "partner networks", f"partner networks (v{n})")
        commit_site(site, f"Version {n}", f"{month}-13")  # a week's notice, not thirty days
    return site


def test_strict_passes_on_a_past_of_short_notices_and_an_acknowledged_backwards_date(tmp_path: Path) -> None:
    site = _short_notice_history(tmp_path, 20)
    new_version(site, "2000-01-01", "Backwards, by mistake.")
    backwards = commit_site(site, "A date that goes backwards", "2021-03-01")
    new_version(site, "2021-06-01", "The version in force, with notice.")
    commit_site(site, "Properly announced", "2021-03-02")
    strict = mkdocs(site, "build", "--strict", env=EPOCH)
    assert strict.returncode != 0
    assert "moves `effective` back" in log(strict)
    assert "days before it takes effect" not in log(strict), "past short notices are facts, not warnings"

    edit(
        site / "mkdocs.yml",
        "  - legaldocs\n",
        f"  - legaldocs:\n      acknowledge:\n        - commit: {backwards}\n"
        "          reason: A typing mistake, corrected the next day.\n",
    )
    build(site, env=EPOCH)


def test_short_notice_of_the_version_in_force_is_still_a_warning(tmp_path: Path) -> None:
    site = _short_notice_history(tmp_path, 2)
    result = mkdocs(site, "build", "--strict", env=EPOCH)
    assert result.returncode != 0
    assert log(result).count("7 days before it takes effect") == 1, "only the version in force is new"


def _ledger_site(tmp_path: Path) -> tuple[Path, Path]:
    site = copy_site(tmp_path / "site")
    new_version(site, "2020-06-01", "Second version.")
    edit(site / "docs/privacy/sections/cookies.md", "small file", "small data file")
    commit_site(site, "Second version", "2020-03-01")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and affiliates")
    commit_site(site, "Editorial correction", "2020-07-01")
    build(site, env=EPOCH)
    deployed = tmp_path / "deployed-ledger.json"
    shutil.copy(site / "site/ledger.json", deployed)
    edit(site / "mkdocs.yml", "  - legaldocs\n", f"  - legaldocs:\n      ledger: {deployed}\n")
    return site, deployed


def test_every_build_writes_the_ledger_and_passes_against_its_own(tmp_path: Path) -> None:
    site, deployed = _ledger_site(tmp_path)
    ledger = json.loads(deployed.read_text())
    recorded = ledger["documents"]["privacy"]["versions"]
    assert [v["effective"] for v in recorded] == ["2018-05-25", "2020-06-01"]
    assert [len(v["revisions"]) for v in recorded] == [1, 2]
    assert all(len(r["sha256"]) == 64 for v in recorded for r in v["revisions"])
    build(site, env=EPOCH)


def test_the_ledger_catches_an_amended_old_commit(tmp_path: Path) -> None:
    site, _ = _ledger_site(tmp_path)
    repo = Repo(site)
    first_version = list(repo.iter_commits())[-1]
    # Rewrite history: the first version's text is changed in place, everything after replayed.
    repo.git.checkout("-q", first_version.hexsha)
    edit(site / "docs/privacy/sections/cookies.md", "small file", "tiny file")
    repo.git.add("-A")
    repo.git.commit("-q", "--amend", "--no-edit", env={"GIT_COMMITTER_DATE": "2019-01-10T12:00:00+00:00"})
    rewritten = repo.head.commit.hexsha
    repo.git.checkout("-q", "main")
    repo.git.rebase("-q", "--onto", rewritten, first_version.hexsha, "main", "-X", "theirs")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode != 0
    assert f"the text of privacy effective 2018-05-25 published at commit {first_version.hexsha[:7]}" in log(result)
    assert "has changed or vanished" in log(result) and "force-push" in log(result)


def test_the_ledger_catches_a_dropped_version_unless_acknowledged(tmp_path: Path) -> None:
    site, deployed = _ledger_site(tmp_path)
    repo = Repo(site)
    second = next(c for c in repo.iter_commits() if c.summary == "Second version")
    repo.git.reset("-q", "--hard", second.parents[0].hexsha)  # a force-push that drops it
    edit(site / "mkdocs.yml", "  - legaldocs\n", f"  - legaldocs:\n      ledger: {deployed}\n")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode != 0
    assert f"the version of privacy effective 2020-06-01 was published (commits {second.hexsha[:7]}" in log(result)
    edit(
        site / "mkdocs.yml",
        f"      ledger: {deployed}\n",
        f"      ledger: {deployed}\n      acknowledge:\n        - commit: {second.hexsha}\n"
        "          reason: Withdrawn before it took effect.\n",
    )
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, log(result)


def test_renaming_the_document_folder_keeps_its_history(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    new_version(site, "2020-06-01", "Second version.")
    commit_site(site, "Second version", "2020-03-01")
    Repo(site).git.mv("docs/privacy", "docs/privacy-policy")
    commit_site(site, "Rename the folder", "2020-08-01")
    build(site, env=EPOCH)
    root = page(site, "privacy-policy/versions/index.html")
    assert [s.get("id") for s in root.xpath("//section[@class='ld-version']")] == ["v-2020-06-01", "v-2018-05-25"]


def test_moving_docs_within_the_repository_keeps_the_history(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    new_version(site, "2020-06-01", "Second version.")
    commit_site(site, "Second version", "2020-03-01")
    Repo(site).git.mv("docs", "content")
    edit(site / "mkdocs.yml", "docs_dir: docs", "docs_dir: content")
    commit_site(site, "Move docs/", "2020-08-01")
    build(site, env=EPOCH)
    assert versions(site) == ["v-2020-06-01", "v-2018-05-25"]


def test_a_shallow_clone_names_the_fix_for_the_ci_it_runs_on(tmp_path: Path) -> None:
    origin = copy_site(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    github = mkdocs(clone, "build", env={**EPOCH, "GITHUB_ACTIONS": "true"})
    assert "fetch-depth: 0" in log(github) and "GIT_DEPTH" not in log(github)
    gitlab = mkdocs(clone, "build", env={**EPOCH, "GITLAB_CI": "true", "GITHUB_ACTIONS": ""})
    assert "GIT_DEPTH: 0" in log(gitlab) and "fetch-depth" not in log(gitlab)


def test_a_detached_head_at_the_tip_of_the_published_branch_is_not_a_preview(tmp_path: Path) -> None:
    origin = copy_site(tmp_path / "origin")
    new_version(origin, "2020-06-01", "Second version.")
    commit_site(origin, "Second version", "2020-03-01")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{origin}", str(clone)], check=True)
    repo = Repo(clone)
    repo.git.checkout("-q", "--detach", "origin/main")
    repo.git.branch("-q", "-D", "main")
    build(clone, env=EPOCH)
    assert versions(clone) == ["v-2020-06-01", "v-2018-05-25"]
    assert not (clone / "site/privacy/versions/proposed").exists()


def test_two_clones_build_byte_identical_sites(tmp_path: Path) -> None:
    origin = copy_site(tmp_path / "origin")
    new_version(origin, "2020-06-01", "Second version.")
    commit_site(origin, "Second version", "2020-03-01")
    outputs = []
    for name in ("one", "two"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "-q", f"file://{origin}", str(clone)], check=True)
        build(clone, env=EPOCH)
        out = clone / "site"
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys() and Path("sitemap.xml.gz") in outputs[0]
    assert [p for p in outputs[0] if outputs[0][p] != outputs[1][p]] == []


# history.build directly: plain data in, plain data out --------------------------------------


def test_build_publishes_a_version_that_only_ever_failed_today_s_rules_leniently() -> None:
    from datetime import date

    docs = {
        "1": (one_section_document("2018-01-01"), []),
        "2": (one_section_document("2019-01-01", "Old"), [Problem("docs/x/sections/a.md", 2, "a newer rule.")]),
        "3": (one_section_document("2020-01-01"), []),
    }

    def read(files: dict[str, bytes]) -> tuple[Document | None, list[Problem]]:
        return docs[files["k"].decode()]

    snapshots = [(dated_commit(n, f"{2016 + n}-06-01"), {"k": str(n).encode()}) for n in (1, 2, 3)]
    result = history_module.build(snapshots, read, date(2021, 1, 1), shown_as="docs/x")
    assert [v.effective.year for v in result.history.versions] == [2018, 2019, 2020]
    lenient = result.history.versions[1]
    assert [p.message for p in lenient.problems] == ["a newer rule."]
    assert result.warnings == [] and result.errors == []


# A renamed document folder: its old addresses redirect ---------------------------------------


def _renamed(tmp_path: Path) -> tuple[Path, str]:
    site = copy_site(tmp_path)
    new_version(site, "2020-06-01", "Second version.")
    commit_site(site, "Second version", "2020-03-01")
    Repo(site).git.mv("docs/privacy", "docs/privacy-policy")
    return site, commit_site(site, "Rename the folder", "2020-08-01")


def test_a_renamed_document_s_old_addresses_redirect_to_the_new(tmp_path: Path) -> None:
    site, _ = _renamed(tmp_path)
    build(site, env=EPOCH)
    for old, new in [
        ("privacy/index.html", "privacy-policy/"),
        ("privacy/versions/index.html", "privacy-policy/versions/"),
        ("privacy/versions/2018-05-25/index.html", "privacy-policy/versions/2018-05-25/"),
        ("privacy/versions/2020-06-01/index.html", "privacy-policy/versions/2020-06-01/"),
        ("privacy/changes/2020-06-01/index.html", "privacy-policy/changes/2020-06-01/"),
        # Every kind of page a document has, not only its text: a bookmarked compare or history too.
        ("privacy/compare/index.html", "privacy-policy/compare/"),
        ("privacy/compare/2018-05-25/index.html", "privacy-policy/compare/2018-05-25/"),
        ("privacy/sections/cookies/index.html", "privacy-policy/sections/cookies/"),
        ("privacy/purposes/register/index.html", "privacy-policy/purposes/register/"),
        ("privacy/at/index.html", "privacy-policy/at/"),
    ]:
        assert redirect(site, old) == new
        assert (site / "site" / new / "index.html").is_file(), new
    # The ledger is copied too (CI fetches it from the address it knew): the same record, its links the new pages.
    copy, kept = (json.loads((site / f"site/{d}/versions.json").read_text()) for d in ("privacy", "privacy-policy"))
    assert [v["revisions"] for v in copy["versions"]] != [] and [
        [r["sha256"] for r in v["revisions"]] for v in copy["versions"]
    ] == [[r["sha256"] for r in v["revisions"]] for v in kept["versions"]]
    for v, w in zip(copy["versions"], kept["versions"], strict=True):
        assert urljoin(SITE_ROOT + "privacy/versions.json", v["url"]) == urljoin(
            SITE_ROOT + "privacy-policy/versions.json", w["url"]
        )
    # current.json too (a consent tool follows no HTML redirect): the same record, its link the new page.
    old, new = (json.loads((site / f"site/{d}/current.json").read_text()) for d in ("privacy", "privacy-policy"))
    assert old["sha256"] == new["sha256"] and old["version"] == "2020-06-01"
    assert (
        urljoin(SITE_ROOT + "privacy/current.json", old["url"]) == SITE_ROOT + "privacy-policy/versions/2020-06-01/r1/"
    )
    # The feed is copied (a feed reader follows no HTML redirect), its links the new addresses.
    old_feed = (site / "site/privacy/feed.xml").read_bytes()
    links = etree.fromstring(old_feed).xpath("//*[local-name()='link']/@href")
    assert links and all(
        urljoin(SITE_ROOT + "privacy/feed.xml", h).startswith(SITE_ROOT + "privacy-policy/") for h in links
    )
    assert not (site / "site/privacy/versions/proposed").exists()


def test_an_old_name_taken_by_another_document_is_not_redirected_and_said(tmp_path: Path) -> None:
    site, _ = _renamed(tmp_path)
    shutil.copytree(site / "docs/privacy-policy", site / "docs/privacy")
    edit(site / "docs/privacy/document.yml", "title: Privacy & Cookie Policy", "title: A New Document")
    commit_site(site, "A new document where the old one was", "2020-09-01")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, log(result)
    assert "this document was published at /privacy/ before its folder was renamed" in log(result)
    assert "is now the document docs/privacy" in log(result)
    current = page(site, "privacy/index.html")
    assert current.xpath("//head/meta[@http-equiv='refresh']") == []
    assert "A New Document" in text(current.xpath("//h1")[0])


def test_an_old_name_taken_by_a_page_is_not_redirected_and_said(tmp_path: Path) -> None:
    """docs/privacy.md is /privacy/: the old name's pages must not redirect under a page of the site's own."""
    site, _ = _renamed(tmp_path)
    (site / "docs/privacy.md").write_text("# Our privacy page\n\nSee the policy.\n")
    commit_site(site, "A page where the old folder was", "2020-09-01")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, log(result)
    assert "is now the page privacy.md under docs/" in log(result)
    assert not (site / "site/privacy/versions").exists(), "no redirects under the page"
    assert page(site, "privacy/index.html").xpath("//head/meta[@http-equiv='refresh']") == []


# A commit whose sources cannot be read at all is said plainly --------------------------------


def test_the_versions_page_says_plainly_what_could_not_be_read_and_how_to_acknowledge_it(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    document = site / "docs/privacy/document.yml"
    good = document.read_text()
    broken = "  bad: [unclosed\n"
    document.write_text(good.replace("effective: 2018-05-25", "effective: 2019-06-01") + broken)
    lost = commit_site(site, "A version <b>lost</b>", "2019-04-01")
    document.write_text(good.replace("effective: 2018-05-25", "effective: 2020-06-01"))
    commit_site(site, "Third version", "2020-04-01")
    document.write_text(good.replace("effective: 2018-05-25", "effective: 2020-06-01") + broken)
    revision = commit_site(site, "A broken correction", "2020-05-01")
    document.unlink()
    missing = commit_site(site, "document.yml deleted", "2020-05-02")
    document.write_text(good.replace("effective: 2018-05-25", "effective: 2020-06-01"))
    restored = commit_site(site, "Restored", "2020-05-03")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, log(result)
    assert versions(site) == ["v-2020-06-01", "v-2018-05-25"]

    def said() -> dict[str, str]:
        root = page(site, "privacy/versions/index.html")
        items = root.xpath("//section[contains(@class,'ld-skipped')]//ul[@class='ld-unreadable']/li")
        return {item.xpath(".//code/text()")[0]: text(item) for item in items}

    items = said()
    assert list(items) == [lost[:7], revision[:7], missing[:7]]
    assert items[lost[:7]] == (
        "The version effective 1 June 2019 could not be read, so it is not published. "
        f"Commit {lost[:7]} of 1 April 2019 (A version <b>lost</b>)."
    )  # no maintainer's instruction on a public page: how to acknowledge it is said by check and the build
    # … check says it, to the maintainer: a note (a fact of old history, not a warning)
    environ = {**os.environ, **EPOCH}
    checked = subprocess.run(["legaldocs", "check"], cwd=site, capture_output=True, text=True, env=environ)
    assert f"note: commit {lost[:7]}: " in checked.stderr and "plugins.legaldocs.acknowledge" in checked.stderr
    assert items[revision[:7]].startswith(
        "A revision of the version effective 1 June 2020 could not be read, so it is not published. "
        "That version is published as its other commits left it."
    )
    assert items[missing[:7]].startswith("A version or revision could not be read, so it is not published.")
    for short in (revision[:7], missing[:7]):  # a later commit of the same version restored it: nothing to do
        assert items[short].endswith(f"Commit {restored[:7]} of 3 May 2020 corrected it.")
    assert "YAML" not in " ".join(items.values()), "plain words: the validator's are for check and the build log"

    edit(
        site / "mkdocs.yml",
        "  - legaldocs\n",
        f"  - legaldocs:\n      acknowledge:\n        - commit: {lost}\n"
        "          reason: Never recovered; the text is in the 2019 print archive.\n",
    )
    assert mkdocs(site, "build", env=EPOCH).returncode == 0
    assert said()[lost[:7]].endswith("Acknowledged: Never recovered; the text is in the 2019 print archive.")
