"""Section and purpose histories, built for real from a repository with five versions.

The history, made with real commits:

- 2018-05-25: the policy as published (every section and purpose is new).
- 2019-06-01: section 10, Links, gets two more words.
- 2020-01-01: section 11, Cookies, is renamed and moved up to be section 3 (3 to 10 renumber).
- 2021-01-01: Cookies is reworded; section 8, Statistical Information, is removed; the purpose
  "register" gains a lawful basis; the file links.md is renamed external-links.md (same section).
- 2022-01-01: only the summary changes.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from git import Repo

sys.path.insert(0, str(Path(__file__).parent))

from helpers import build, commit, copy_site, edit, page, serious_violations, text

V1, V2, V3, V4, V5 = "2018-05-25", "2019-06-01", "2020-01-01", "2021-01-01", "2022-01-01"


def _effective(site: Path, old: str, new: str, summary: str) -> None:
    document = site / "docs/privacy/document.yml"
    edit(document, f"effective: {old}", f"effective: {new}")
    content = document.read_text(encoding="utf-8")
    start = content.index("summary:")
    end = content.index("\nsections:")
    document.write_text(content[:start] + f"summary: {summary}" + content[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("sections"))
    repo = Repo(site)
    docs = site / "docs/privacy"
    _effective(site, V1, V2, "More partners named in Links.")
    edit(docs / "sections/links.md", "partner networks", "partner networks and others")
    commit(repo, "Second version", "2019-05-01")

    _effective(site, V2, V3, "Cookies come first.")
    edit(docs / "sections/cookies.md", "# Cookies", "# Cookies and Similar Technologies")
    edit(docs / "document.yml", "  - cookies\n", "")
    edit(docs / "document.yml", "  - information-we-collect\n", "  - information-we-collect\n  - cookies\n")
    commit(repo, "Third version", "2019-12-01")

    _effective(site, V3, V4, "Fewer words about cookies; statistics gone.")
    edit(docs / "sections/cookies.md", "Our site uses cookies", "Our website uses cookies")
    edit(docs / "document.yml", "  - statistical-information\n", "")
    (docs / "sections/statistical-information.md").unlink()
    edit(docs / "purposes.yml", "false\n    bases: [contract]", "false\n    bases: [contract, legal_obligation]")
    (docs / "sections/links.md").rename(docs / "sections/external-links.md")
    edit(docs / "document.yml", "  - links\n", "  - external-links\n")
    commit(repo, "Fourth version", "2020-12-01")

    _effective(site, V4, V5, "Nothing but a new date.")
    commit(repo, "Fifth version", "2021-12-01")
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})  # 2025-01-01
    return site


def entries(site: Path, rel: str) -> list[str]:
    """The versions a history page lists, newest first, by the effective date of each entry."""
    root = page(site, rel)
    return [s.get("id").removeprefix("v-") for s in root.xpath("//article//section[@class='ld-history-entry']")]


def test_a_renamed_and_renumbered_section_lists_exactly_the_versions_that_changed_it(site: Path) -> None:
    assert entries(site, "privacy/sections/cookies/index.html") == [V4, V3, V1]
    root = page(site, "privacy/sections/cookies/index.html")
    assert text(root.xpath("//article//h1")[0]) == (
        "Privacy & Cookie Policy: history of section 3, Cookies and Similar Technologies"
    )
    renamed = root.xpath(f"//section[@id='v-{V3}']")[0]
    assert text(renamed.xpath("h2")[0]) == "Effective 1 January 2020 Superseded"
    assert [text(li) for li in renamed.xpath(".//ul[@class='ld-change-notes']/li")] == [
        "Moved: was section 11, now section 3.",
        "Renamed: was “Cookies”.",
    ]
    # The redline of just that section, in the markup every change view shares.
    (redline,) = renamed.xpath("div[@class='ld-redline']")
    assert len(redline.xpath("./*")) == 1
    assert [text(i) for i in redline.xpath(".//h3//ins")] == ["and Similar Technologies"]
    reworded = root.xpath(f"//section[@id='v-{V4}']//div[@class='ld-redline']")[0]
    assert [text(d) for d in reworded.xpath(".//del")] == ["site"]
    assert [text(i) for i in reworded.xpath(".//ins")] == ["website"]
    first = root.xpath(f"//section[@id='v-{V1}']")[0]
    assert [text(li) for li in first.xpath(".//ul[@class='ld-change-notes']/li")] == ["New section."]
    links = first.xpath(".//p[@class='ld-version-dates']/a/@href")
    assert links == [f"../../versions/{V1}/", f"../../changes/{V1}/"]
    for href in links:
        assert (site / "site/privacy/sections/cookies" / href / "index.html").resolve().is_file()
    assert root.xpath("//p[contains(@class,'ld-stamp')]/a/@href")[0] == "../../#cookies"
    # Unique ids although each entry is part of a redline with the same section in it.
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_renumbering_alone_is_a_change_and_an_unchanged_section_lists_only_its_first_version(site: Path) -> None:
    assert entries(site, "privacy/sections/who-we-are/index.html") == [V1]
    assert entries(site, "privacy/sections/data-security/index.html") == [V3, V1]
    root = page(site, "privacy/sections/data-security/index.html")
    # Its words did not change: the redline says so, collapsed, with the old and new numbers.
    (collapsed,) = root.xpath(f"//section[@id='v-{V3}']/div[@class='ld-redline']/details")
    assert text(collapsed.xpath("summary")[0]) == "§6 → §7 Data Security (no changes)"


def test_a_section_is_followed_through_a_renamed_file_and_a_removed_one_keeps_its_page(site: Path) -> None:
    # links.md became external-links.md: one section, its history unbroken (file names are not shown).
    assert entries(site, "privacy/sections/external-links/index.html") == [V4, V3, V2, V1]
    assert entries(site, "privacy/sections/links/index.html") == [V3, V2, V1]
    removed = page(site, "privacy/sections/statistical-information/index.html")
    assert entries(site, "privacy/sections/statistical-information/index.html") == [V4, V3, V1]
    notes = removed.xpath(f"//section[@id='v-{V4}']//ul[@class='ld-change-notes']/li")
    assert [text(li) for li in notes] == ["Section removed."]
    assert "This section is not in the current version." in text(removed.xpath("//p[contains(@class,'ld-stamp')]")[0])


def test_a_purpose_history_lists_the_versions_that_changed_its_row(site: Path) -> None:
    assert entries(site, "privacy/purposes/register/index.html") == [V4, V1]
    root = page(site, "privacy/purposes/register/index.html")
    assert text(root.xpath("//article//h1")[0]) == (
        "Privacy & Cookie Policy: history of the purpose “To register you as user of our Services.”"
    )
    row = root.xpath(f"//section[@id='v-{V4}']//div[@class='ld-redline']//tbody/tr")
    assert len(row) == 1
    assert [text(li) for li in row[0].xpath(".//ul[@class='ld-facts']/li")] == [
        "Lawful basis added: Necessary to comply with a legal obligation."
    ]
    assert entries(site, "privacy/purposes/analytics/index.html") == [V1]


def test_each_heading_and_purpose_on_the_current_page_links_to_its_history(site: Path) -> None:
    root = page(site, "privacy/index.html")
    sections = root.xpath("//article//section[@class='ld-section']")
    links = [s.xpath("h2/following-sibling::*[1][contains(@class,'ld-section-history')]/a")[0] for s in sections]
    assert [a.get("href") for a in links] == [f"sections/{s.xpath('h2/@id')[0]}/" for s in sections]
    assert links[2].get("aria-label") == "History of section 3, Cookies and Similar Technologies"
    assert text(links[2]) == "History"
    for a in links:
        assert (site / "site/privacy" / a.get("href") / "index.html").is_file()
    rows = root.xpath("//table[contains(@class,'ld-purpose-table')]/tbody/tr")
    assert [r.xpath("th/a[contains(@class,'ld-history-link')]/@href") for r in rows] == [
        [f"purposes/{r.get('id').removeprefix('purpose-')}/"] for r in rows
    ]
    # A permalink's headings link to the same histories, from where it is.
    old = page(site, f"privacy/versions/{V1}/index.html")
    assert old.xpath("//section[@class='ld-section']/p[contains(@class,'ld-section-history')]/a/@href")[10] == (
        "../../sections/cookies/"
    )


def test_each_pair_is_compared_once_and_shared_with_the_changes_pages(site: Path) -> None:
    from legaldocs import pages, routes
    from legaldocs.loader import SiteOptions, load_site

    loaded = load_site(SiteOptions(site / "docs", site), date(2025, 1, 1), include_uncommitted=False)
    published = loaded.document("privacy").published
    build = pages.Build(loaded, routes.Linker(routes.outputs(loaded)))
    shared = build.pairs(published)
    assert build.pairs(published) is shared, "one build compares each pair once"
    other = pages.Build(loaded, build.linker)
    assert other.pairs(published) is not shared, "the pairs belong to their build: no module keeps them"
    version = published.version(V4)
    assert version is not None
    change = pages.version_changes(shared, version, "../../")["change"]
    assert shared.change(version, "../../") is change
    history = shared.section_history("cookies", "../../")
    assert history[0].change is change
    assert [(e.version.slug, e.previous.slug if e.previous else None) for e in history] == [
        (V4, V3),
        (V3, V2),
        (V1, None),
    ]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["privacy/sections/links/", "privacy/purposes/register/", "privacy/"])
def test_history_pages_and_their_links_have_no_serious_accessibility_violations(
    browser: Any, served_site: str, path: str
) -> None:
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        tab.goto(served_site + path, wait_until="networkidle")
        if path != "privacy/":
            assert tab.locator(".ld-history-entry .ld-redline").count() >= 1
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, "nothing scrolls sideways"
        assert serious_violations(tab) == [], width
        context.close()
