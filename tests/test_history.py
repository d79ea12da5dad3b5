"""Version history from real git repositories: versions, revisions, upcoming, permalinks."""

from __future__ import annotations

from pathlib import Path

import pytest
from git import Repo
from helpers import EPOCH, commit_site, copy_site, edit, mkdocs, new_version, page, text

DOCUMENT = "docs/privacy/document.yml"


def shas(site: Path) -> list[str]:
    return [c.hexsha[:7] for c in reversed(list(Repo(site).iter_commits()))]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Three versions, two editorial revisions, one upcoming version, one uncommitted edit."""
    site = copy_site(tmp_path_factory.mktemp("history"))  # c1, 2019-01-10: version 1
    links = site / "docs/privacy/sections/links.md"
    edit(links, "partner networks", "partner networks REVISION-ONE")
    commit_site(site, "Fix <b>typo</b> & <script>alert(1)</script>", "2019-03-01")  # revision of v1
    new_version(site, "2020-01-15", "Second version: cookies.")
    edit(site / "docs/privacy/sections/cookies.md", "small file", "small file VERSION-TWO")
    commit_site(site, "Second version", "2019-12-01")
    edit(links, "REVISION-ONE", "REVISION-TWO")
    commit_site(site, "Editorial correction", "2020-02-01")  # revision of v2
    new_version(site, "2021-01-01", "Third version: retention.")
    edit(site / "docs/privacy/sections/data-retention.md", "We will retain", "VERSION-THREE We will retain")
    commit_site(site, "Third version", "2020-11-01")
    new_version(site, "2099-01-01", "A future version.")
    edit(site / "docs/privacy/sections/data-security.md", "Unfortunately", "UPCOMING-TEXT Unfortunately")
    commit_site(site, "Announce a future version", "2024-12-01")
    edit(site / "docs/privacy/sections/links.md", "websites of", "websites of UNCOMMITTED-EDIT")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def test_current_page_is_stamped_with_the_version_in_force(history_site: tuple[Path, str]) -> None:
    site, _ = history_site
    root = page(site, "privacy/index.html")
    stamp = root.xpath("//p[contains(@class,'ld-stamp')]")[0]
    assert text(stamp) == "Effective 1 January 2021 · Last updated 1 November 2020 · Version history"
    assert stamp.xpath(".//a/@href") == ["versions/"]
    body = text(root.xpath("//article")[0])
    assert "VERSION-THREE" in body and "REVISION-TWO" in body
    assert "UPCOMING-TEXT" not in body


def test_current_page_announces_the_upcoming_version(history_site: tuple[Path, str]) -> None:
    site, _ = history_site
    (notice,) = page(site, "privacy/index.html").xpath("//div[contains(@class,'ld-notice--upcoming')]")
    assert text(notice) == (
        "This policy changes on 1 January 2099. A future version. Read the new version. See what changes."
    )
    assert notice.xpath(".//a/@href") == ["versions/2099-01-01/", "changes/2099-01-01/"]


def test_versions_page_lists_every_version_with_its_revisions(history_site: tuple[Path, str]) -> None:
    site, _ = history_site
    c = shas(site)
    root = page(site, "privacy/versions/index.html")
    versions = root.xpath("//section[@class='ld-version']")
    assert [v.get("id") for v in versions] == ["v-2099-01-01", "v-2021-01-01", "v-2020-01-15", "v-2018-05-25"]
    assert [text(v.xpath(".//span[contains(@class,'ld-status')]")[0]) for v in versions] == [
        "Upcoming",
        "In force",
        "Superseded",
        "Superseded",
    ]
    assert [v.xpath(".//table//tbody/tr/td/code/text()") for v in versions] == [
        [c[5]],
        [c[4]],
        [c[2], c[3]],
        [c[0], c[1]],
    ]
    first = versions[3]
    assert "Effective 25 May 2018 · Announced 10 January 2019" in text(first)
    assert text(versions[2].xpath(".//p[@class='ld-summary']")[0]) == "Second version: cookies."


def test_commit_messages_are_escaped(history_site: tuple[Path, str]) -> None:
    site, _ = history_site
    root = page(site, "privacy/versions/index.html")
    assert root.xpath("//article//script | //article//table//b") == []
    cells = [text(td) for td in root.xpath("//table[@class='ld-revisions']//td[3]")]
    assert "Fix <b>typo</b> & <script>alert(1)</script>" in cells


def test_each_version_has_a_frozen_permalink_with_a_banner(history_site: tuple[Path, str]) -> None:
    site, _ = history_site
    first = page(site, "privacy/versions/2018-05-25/index.html")
    body = text(first.xpath("//article")[0])
    assert "REVISION-ONE" in body, "the version as its last revision left it"
    assert "VERSION-TWO" not in body
    (banner,) = first.xpath("//div[contains(@class,'ld-notice--superseded')]")
    assert text(banner) == (
        "This is not the current version. It was in force from 25 May 2018 until 15 January 2020. "
        "Read the current version."
    )
    assert banner.xpath(".//a/@href") == ["../../"]
    in_force = page(site, "privacy/versions/2021-01-01/index.html")
    assert in_force.xpath("//div[contains(@class,'ld-notice--in-force')]")
    upcoming = page(site, "privacy/versions/2099-01-01/index.html")
    assert "UPCOMING-TEXT" in text(upcoming.xpath("//article")[0])
    assert "not in force yet" in text(upcoming.xpath("//div[contains(@class,'ld-notice--upcoming')]")[0])


def test_changes_section_lists_the_versions(history_site: tuple[Path, str]) -> None:
    site, _ = history_site
    (listing,) = page(site, "privacy/index.html").xpath(
        "//section[h2[@id='changes']]//div[contains(@class,'ld-version-list')]"
    )
    # As of the version in force (the upcoming one is announced by a notice, not in the text).
    assert listing.xpath(".//li/a[1]/@href") == [
        "versions/2021-01-01/",
        "versions/2020-01-15/",
        "versions/2018-05-25/",
    ]


def test_uncommitted_edit_is_left_out_with_a_warning(history_site: tuple[Path, str]) -> None:
    site, stderr = history_site
    for path in (site / "site").rglob("*"):
        if path.is_file():
            assert b"UNCOMMITTED-EDIT" not in path.read_bytes(), path
    assert "WARNING -  legaldocs: docs/privacy: has uncommitted changes; this build leaves them out" in stderr
    assert not (site / "site/privacy/versions/proposed").exists()


def test_strict_build_fails_on_uncommitted_changes_and_leaves_no_half_site(
    history_site: tuple[Path, str],
) -> None:
    site, _ = history_site
    result = mkdocs(site, "build", "--strict", "--site-dir", "strict-site", env=EPOCH)
    assert result.returncode != 0
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert not (site / "strict-site").exists()


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    new_version(site, "2020-06-01", "Second.")
    commit_site(site, "Second version", "2020-03-01")
    first = mkdocs(site, "build", "--strict", "--site-dir", "one", env=EPOCH)
    second = mkdocs(site, "build", "--strict", "--site-dir", "two", env=EPOCH)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    one = {p.relative_to(site / "one"): p.read_bytes() for p in (site / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(site / "two"): p.read_bytes() for p in (site / "two").rglob("*") if p.is_file()}
    assert one.keys() == two.keys()
    assert [p for p in one if one[p] != two[p]] == []
    assert len(one) > 10
