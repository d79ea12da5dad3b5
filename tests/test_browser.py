"""The published site in a real headless Chromium: links, search, privacy, accessibility, print."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers import serious_violations

pytestmark = pytest.mark.browser

PAGES = ["", "privacy/", "privacy/versions/", "privacy/versions/2018-05-25/", "privacy/versions/proposed/"]


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def off_host(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).hostname not in ("127.0.0.1", "localhost") and not u.startswith("data:")]


def test_cross_reference_link_leads_to_its_section(tab: Any, served_site: str) -> None:
    tab.goto(served_site + "privacy/")
    link = tab.locator("a.ld-xref").first
    assert link.inner_text() == "section 13"
    link.click()
    tab.wait_for_function("location.hash === '#further-information'")
    heading = tab.locator("h2#further-information")
    assert "13. Further Information" in heading.inner_text()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the section is scrolled into view"


def test_search_finds_a_sentence_and_leads_to_its_section(tab: Any, served_site: str) -> None:
    tab.goto(served_site + "privacy/", wait_until="networkidle")
    tab.locator("input.md-search__input").click()
    tab.keyboard.type("letters and numbers")
    result = tab.locator(".md-search-result__link[href*='#cookies']")
    result.wait_for(timeout=15000)
    assert "11. Cookies" in result.inner_text()
    assert "small file of letters and numbers" in result.inner_text()
    result.click()
    tab.wait_for_function("location.hash === '#cookies'")


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_localhost(tab: Any, served_site: str, path: str) -> None:
    tab.goto(served_site + path, wait_until="networkidle")
    tab.locator(".md-search__input").first.click()  # wakes the search worker and its index
    tab.wait_for_load_state("networkidle")
    assert len(tab.requests) > 3, "requests were recorded"
    assert off_host(tab.requests) == []


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(tab: Any, served_site: str, path: str) -> None:
    tab.goto(served_site + path, wait_until="networkidle")
    assert serious_violations(tab) == []


@pytest.mark.parametrize("path", PAGES)
def test_prints_only_the_text(tab: Any, served_site: str, path: str) -> None:
    tab.goto(served_site + path, wait_until="networkidle")
    tab.emulate_media(media="print")
    hidden = tab.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
             .map(s => document.querySelector(s))
             .filter(e => e && getComputedStyle(e).display !== 'none')
             .map(e => e.className)"""
    )
    assert hidden == []
    overflow = tab.evaluate(
        """() => [...document.querySelectorAll('article table')]
             .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
             .length"""
    )
    assert overflow == 0
    assert tab.pdf(format="A4")[:4] == b"%PDF"
    headings = tab.evaluate(
        """() => [...document.querySelectorAll('article h1, article h2')]
             .map(h => [getComputedStyle(h).color, getComputedStyle(h).breakAfter])"""
    )
    assert headings and set(map(tuple, headings)) == {("rgb(0, 0, 0)", "avoid")}, "dark, never alone at a page foot"
    outside = tab.evaluate(
        """() => [...document.querySelectorAll('.ld-document a[href^="http"]')]
             .map(a => [a.textContent, getComputedStyle(a, '::after').content])"""
    )
    for words, after in outside:  # an outside link is followed by its address, unless its words are the address
        assert after == "none" if words.startswith(("http", "www.")) else after.startswith('" ("'), words
    marker = tab.evaluate("() => getComputedStyle(document.body, '::before').content")
    if path.endswith("proposed/"):
        assert marker == '"DRAFT: proposed changes, not in force"', "a printed draft is marked on every page"
    else:
        assert "DRAFT" not in marker


@pytest.mark.parametrize("path", ["privacy/", "privacy/versions/2020-01-01/", "privacy/versions/proposed/"])
def test_an_image_in_a_section_loads_at_every_depth(tab: Any, served_site: str, path: str) -> None:
    tab.goto(served_site + path, wait_until="networkidle")
    image = tab.locator("article img[alt='ClusterSeven logo']")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(browser: Any, served_site: str, path: str) -> None:
    """At 390 px the purpose table stacks each purpose as a block, labelled with the column names."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(served_site + path, wait_until="networkidle")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    if path in ("privacy/", "privacy/versions/2018-05-25/"):
        table = tab.locator("table.ld-purpose-table")
        box = table.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        label = tab.locator("table.ld-purpose-table tbody td").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert label == '"Type Of Data"'
    context.close()


def test_one_table_of_contents_at_a_time(browser: Any, served_site: str) -> None:
    for width, in_page in ((1280, False), (390, True)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        tab.goto(served_site + "privacy/", wait_until="networkidle")
        assert tab.locator("nav.ld-contents").is_visible() is in_page, width
        assert tab.locator(".md-sidebar--secondary .md-nav--secondary").is_visible() is not in_page, width
        context.close()
