"""The demo's pages as a visitor reads them: on a phone's first screen, as redline cards, and printed.

One demo, written by the real console script and built with `mkdocs build --strict`, read in a real
Chromium at a phone's size (390 × 844) and printed to A4.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import serve
from helpers import build, copy_site, edit, legaldocs, page, serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KEY = "legaldocs:seen:privacy"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The demo (with an upcoming version), built and served."""
    target = tmp_path_factory.mktemp("look") / "policy"
    made = legaldocs("demo", str(target))
    assert made.returncode == 0, made.stderr
    build(target)
    url, server = serve(target / "site")
    yield target, url
    server.shutdown()


def dated(site: Path) -> list[str]:
    """The demo's versions, oldest first (the last is upcoming)."""
    return sorted(p.name for p in (site / "site/privacy/versions").iterdir() if p.name[:2] == "20")


def test_on_a_phone_the_first_section_starts_on_the_first_screen(browser: Any, demo_site: tuple[Path, str]) -> None:
    """With an upcoming version and "since your last visit" shown, the policy's text still begins on screen."""
    site, url = demo_site
    versions = dated(site)
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(url + "privacy/", wait_until="networkidle")
        tab.evaluate(f"localStorage.setItem({KEY!r}, {versions[0]!r})")  # a reader back from the first version
        tab.reload(wait_until="networkidle")
        assert tab.locator(".ld-lastvisit").is_visible()
        assert tab.locator(".ld-notice--upcoming").is_visible()
        # One notice per fact: the upcoming version is not said again by a banner above the header.
        assert tab.locator(".md-banner").count() == 0
        title = tab.locator(".ld-document .ld-section h2").first.bounding_box()
        assert title is not None and title["y"] + title["height"] <= PHONE["height"], title
        assert serious_violations(tab) == []
    finally:
        context.close()


def test_redline_cards_on_a_phone_name_their_columns(browser: Any, demo_site: tuple[Path, str]) -> None:
    """Each cell of the purpose table's redline says which column it is where a phone stacks them."""
    site, url = demo_site
    versions = dated(site)
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        found = 0
        for path in [f"privacy/changes/{v}/" for v in versions[1:]] + [f"privacy/compare/{versions[0]}/"]:
            tab.goto(url + path, wait_until="networkidle")
            cells = tab.locator(".ld-redline table.ld-purpose-table tbody tr > *")
            if cells.count() == 0:
                continue
            found += 1
            labels = cells.evaluate_all("cs => cs.map(c => getComputedStyle(c, '::before').content)")
            heads = tab.locator(".ld-redline table.ld-purpose-table thead th").first.evaluate(
                "th => [...th.closest('tr').children].map(h => '\"' + h.textContent.trim() + '\"')"
            )
            assert labels[: len(heads)] == heads, path
            assert all(label not in ("none", "normal", '""') for label in labels), path
            assert serious_violations(tab) == [], path
        assert found >= 2
    finally:
        context.close()


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


def test_a_printed_changes_page_prints_the_changes(browser: Any, demo_site: tuple[Path, str]) -> None:
    """Changed sections in full, unchanged ones by their titles: a few A4 pages, not the whole policy."""
    site, url = demo_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        for version in dated(site)[1:]:
            tab.goto(url + f"privacy/changes/{version}/", wait_until="networkidle")
            tab.emulate_media(media="print")
            unchanged = tab.locator("details.ld-section-unchanged")
            if unchanged.count():
                assert unchanged.first.locator("summary").is_visible(), "an unchanged section is listed by title"
                assert not unchanged.first.locator("summary ~ *").first.is_visible(), "but not printed in full"
            pages = pdf_pages(tab.pdf(format="A4"))
            assert pages <= 4, (version, pages)
    finally:
        context.close()


def test_the_compare_page_says_when_a_pair_runs_backwards(browser: Any, demo_site: tuple[Path, str]) -> None:
    """Newer → older is said in words; the pair is said once (its heading), not again by the status line."""
    site, url = demo_site
    versions = dated(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        for old, new, backwards in ((versions[0], versions[-1], False), (versions[-1], versions[0], True)):
            tab.goto(url + f"privacy/compare/?from={old}&to={new}", wait_until="networkidle")
            tab.wait_for_selector(f".ld-compare-result[data-pair='{old} {new}']")
            hint = tab.locator(".ld-compare-reversed")
            assert hint.count() == (1 if backwards else 0)
            if backwards:
                assert hint.inner_text().startswith("Backwards in time: Effective ")
            assert tab.locator(".ld-compare-pair").is_visible()
            status = tab.locator(".ld-compare-status").bounding_box()
            assert status is not None and status["height"] <= 1, "the heading says the pair; no line repeats it"
            assert tab.locator(".ld-compare-status").inner_text().startswith("Showing the changes from")
            assert serious_violations(tab) == []
    finally:
        context.close()


def test_the_versions_page_names_each_revision_link_alike(browser: Any, demo_site: tuple[Path, str]) -> None:
    """One label for a revision's changes; on a phone what changed reads as a line, not two words a line."""
    _, url = demo_site
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(url + "privacy/versions/", wait_until="networkidle")
        links = tab.locator("td.ld-revision-read a:not(:first-child)")
        shown = {" ".join(t.split()) for t in links.evaluate_all("as => as.map(a => a.firstChild.textContent)")}
        assert shown == {"Changes"}
        change = tab.locator("table.ld-revisions tbody tr td:nth-child(4)").first
        box = change.bounding_box()
        assert box is not None and box["width"] >= 300, box
        assert serious_violations(tab) == []
    finally:
        context.close()


def test_a_site_without_palette_colours_gets_the_legal_page_look(browser: Any, demo_site: tuple[Path, str]) -> None:
    """A white header with the company's name in dark type, no "Made with" line, a readable measure."""
    _, url = demo_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(url + "privacy/", wait_until="networkidle")
        header = tab.locator(".md-header")
        assert header.evaluate("h => getComputedStyle(h).backgroundColor") == "rgb(255, 255, 255)"
        assert tab.locator(".md-header__topic").first.evaluate("t => getComputedStyle(t).color") == "rgb(31, 35, 40)"
        assert "Made with" not in tab.locator(".md-footer").inner_text()
        text = tab.locator(".ld-document").bounding_box()
        assert text is not None and text["width"] <= 640, text
        assert serious_violations(tab) == []
    finally:
        context.close()


def test_a_site_palette_keeps_its_own_look(tmp_path: Path) -> None:
    """Colours the site chose in mkdocs.yml win: legaldocs adds no look of its own, nor hides Material's line."""
    site = copy_site(tmp_path / "site")
    build(site)
    assert page(site, "privacy/index.html").xpath("//link[contains(@href, 'assets/look.css')]")
    edit(site / "mkdocs.yml", "    scheme: default\n", "    scheme: default\n    primary: teal\n")
    build(site)
    assert not page(site, "privacy/index.html").xpath("//link[contains(@href, 'assets/look.css')]")
