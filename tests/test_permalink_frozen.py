"""A permalink is frozen: the generated list of versions in a version's text is the list as of
that version, the same on its permalink and on the current page, and bounded."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from git import Repo
from helpers import (
    EPOCH,
    build,
    commit_site,
    copy_site,
    dated_commit,
    edit,
    new_version,
    one_section_document,
    page,
    text,
)
from legaldocs import history
from legaldocs.model import Document, Problem

ROOT = "https://site.test/"
#: Twelve monthly versions after the seed's 2018-05-25: the one of 2020-05-01 is in force on EPOCH's date.
MONTHLY = [f"{2019 + (5 + n) // 12}-{(5 + n) % 12 + 1:02d}-01" for n in range(12)]


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("frozen"))
    for n, effective in enumerate(MONTHLY):
        new_version(site, effective, f"Version {effective}.")
        edit(site / "docs/privacy/sections/links.md", "partner networks", f"partner networks ({n})")
        year, month, _ = effective.split("-")
        commit_site(site, f"Version {effective}", f"{int(year) - 1}-{month}-01")
    new_version(site, "2099-01-01", "A version to come.")
    commit_site(site, "Announce", "2024-12-01")
    build(site, env=EPOCH)
    return site


def listing(site: Path, rel: str) -> tuple[lxml.html.HtmlElement, str]:
    """The {{ versions }} list of a page, and the page's own address, to resolve its links."""
    (found,) = page(site, rel).xpath("//article//div[contains(@class,'ld-version-list')]")
    return found, urljoin(ROOT, rel.removesuffix("index.html"))


def entries(site: Path, rel: str) -> list[tuple[str, str, str]]:
    """Each listed version as (its text's address, its changes page's address, the words shown)."""
    found, here = listing(site, rel)
    rows = []
    for item in found.xpath(".//li"):
        (to_text,) = item.xpath("./a[1]/@href")
        (to_changes,) = item.xpath("./a[contains(@class,'ld-version-changes')]/@href")
        rows.append((urljoin(here, to_text), urljoin(here, to_changes), text(item)))
    return rows


def exists(site: Path, url: str) -> bool:
    return (site / "site" / url.removeprefix(ROOT) / "index.html").is_file()


def test_an_old_permalink_lists_no_later_version(long_site: Path) -> None:
    first = entries(long_site, "privacy/versions/2018-05-25/index.html")
    assert [address for address, _, _ in first] == [f"{ROOT}privacy/versions/2018-05-25/"]
    assert "(this version)" in first[0][2]
    second = entries(long_site, f"privacy/versions/{MONTHLY[0]}/index.html")
    assert [address for address, _, _ in second] == [
        f"{ROOT}privacy/versions/{MONTHLY[0]}/",
        f"{ROOT}privacy/versions/2018-05-25/",
    ]
    assert "(this version)" in second[0][2] and "(this version)" not in second[1][2]
    for _, _, words in first + second:
        assert "Superseded" not in words and "In force" not in words, "a status in the text would go stale"


def test_the_current_page_and_its_permalink_have_the_same_list(long_site: Path) -> None:
    in_force = MONTHLY[-1]
    current = entries(long_site, "privacy/index.html")
    assert current == entries(long_site, f"privacy/versions/{in_force}/index.html")
    assert current[0][0] == f"{ROOT}privacy/versions/{in_force}/", "the upcoming version is not in the text"
    assert all("2099" not in address for address, _, _ in current)


def test_each_listed_version_links_to_its_text_and_its_changes(long_site: Path) -> None:
    for address, changes, words in entries(long_site, "privacy/versions/2099-01-01/index.html"):
        version = address.removeprefix(f"{ROOT}privacy/versions/").rstrip("/")
        assert changes == f"{ROOT}privacy/changes/{version}/"
        assert exists(long_site, address) and exists(long_site, changes), words


def test_the_list_shows_the_ten_most_recent_and_points_to_the_history_for_the_rest(long_site: Path) -> None:
    rows = entries(long_site, "privacy/index.html")
    expected = [f"{ROOT}privacy/versions/{v}/" for v in reversed(MONTHLY[-10:])]
    assert [address for address, _, _ in rows] == expected
    found, here = listing(long_site, "privacy/index.html")
    (more,) = found.xpath(".//a[contains(@class,'ld-version-history')]")
    assert text(more) == "3 earlier versions: see the version history"  # MONTHLY[:2] and 2018-05-25
    assert urljoin(here, more.get("href")) == f"{ROOT}privacy/versions/"
    upcoming, _ = listing(long_site, "privacy/versions/2099-01-01/index.html")
    assert text(upcoming.xpath(".//a[contains(@class,'ld-version-history')]")[0]).startswith("4 earlier versions")


def test_a_draft_lists_itself_before_the_published_versions(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    new_version(site, "2020-06-01", "Second version.")
    commit_site(site, "Second version", "2020-03-01")
    Repo(site).git.checkout("-q", "-b", "proposal")
    new_version(site, "2025-06-01", "A proposal.")
    commit_site(site, "Propose", "2024-12-20")
    build(site, env=EPOCH)
    draft = entries(site, "privacy/versions/proposed/index.html")
    assert [address for address, _, _ in draft] == [
        f"{ROOT}privacy/versions/proposed/",
        f"{ROOT}privacy/versions/2020-06-01/",
        f"{ROOT}privacy/versions/2018-05-25/",
    ]
    assert "(this version)" in draft[0][2]
    assert all("proposed" not in address for address, _, _ in entries(site, "privacy/index.html"))


# history.Timeline directly: plain data -------------------------------------------------------


def _history(years: range, proposed: str | None = None) -> history.History:
    def read(files: dict[str, bytes]) -> tuple[Document | None, list[Problem]]:
        return one_section_document(files["effective"].decode()), []

    snapshots = [(dated_commit(y, f"{y - 1}-06-01"), {"effective": f"{y}-01-01".encode()}) for y in years]
    built = history.build(snapshots, read, date(2100, 1, 1), shown_as="docs/x").history
    if proposed is None:
        return built
    commit = dated_commit(9999, "2099-12-01")
    return history.propose(
        built,
        {"effective": proposed.encode(), "edit": b"an editorial correction"},
        one_section_document(proposed),
        (commit,),
        uncommitted=False,
        today=date(2100, 1, 1),
    )


def test_the_timeline_lists_as_of_a_version_and_bounds_the_list() -> None:
    timeline = history.Timeline(_history(range(2001, 2031)))  # thirty versions
    first, last = timeline.versions[0], timeline.versions[-1]
    assert timeline.as_of(first) == ([first], 0)
    listed, earlier = timeline.as_of(last)
    assert [v.effective.year for v in listed] == list(range(2030, 2020, -1)) and earlier == 20
    assert timeline.next_after(first) is timeline.versions[1] and timeline.next_after(last) is None
    assert timeline.before(first) is None and timeline.before(last) is timeline.versions[-2]


def test_a_draft_of_a_version_s_own_date_takes_its_place_in_the_list() -> None:
    timeline = history.Timeline(_history(range(2001, 2004), proposed="2003-01-01"))
    draft = timeline.version("proposed")
    assert draft is not None
    listed, earlier = timeline.as_of(draft)
    assert [v.slug for v in listed] == ["proposed", "2002-01-01", "2001-01-01"] and earlier == 0
