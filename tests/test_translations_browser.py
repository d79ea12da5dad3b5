"""A translated page in a real Chromium (issue 20): no serious accessibility violation, no request that
fails (the hreflang alternates and the switcher included), readable at 1280 and 390 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import serve
from helpers import build, commit, serious_violations
from translated_site import epoch, five_versions, german

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The lagging translation (the fifth version in force, untranslated), with a partial section, served."""
    options = ":\n      documents:\n        - name: privacy\n          binding_language: en"
    site, repo = five_versions(tmp_path_factory.mktemp("browser"), translate_fifth=False, options=options)
    german(site, 4, sections=("who-we-are", "your-rights"))  # a correction of the fourth leaves one untranslated
    commit(repo, "Kontakt wird neu übersetzt", "2026-04-02")
    build(site, env=epoch("2026-05-04"))
    url, server = serve(site / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", ["privacy/de/", "privacy/de/changes/2026-04-01/", "privacy/de/versions/"])
def test_translated_pages_have_no_serious_violation_and_no_failed_request(
    browser: Any, address: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    failed: list[str] = []
    tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    tab.goto(address + path, wait_until="networkidle")
    assert tab.locator("html").get_attribute("lang") == "de"
    assert serious_violations(tab) == []
    assert failed == []
    context.close()


def test_the_lag_notice_reads_well_on_a_phone_and_a_desktop(browser: Any, address: str, tmp_path: Path) -> None:
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        tab = context.new_page()
        tab.goto(address + "privacy/de/", wait_until="networkidle")
        notice = tab.locator(".ld-translation-lag")
        assert notice.is_visible()
        box = notice.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width  # nothing runs off the screen
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        tab.screenshot(path=str(tmp_path / f"translation-{width}.png"))
        context.close()


def english_words() -> list[str]:
    """legaldocs' own English phrases that read otherwise in German, as the literal pieces between their fields."""
    from legaldocs import words

    pieces = set()
    for phrase in words.ENGLISH:
        if words.GERMAN.get(phrase, phrase) == phrase:
            continue
        for piece in re.split(r"\{[a-z_]+\}", phrase):
            piece = piece.strip(" .,:;()“”")
            if len(piece.split()) >= 2:
                pieces.add(piece)
    return sorted(pieces)


@pytest.mark.parametrize(
    "path",
    ["privacy/de/changes/2026-04-01/", "privacy/de/compare/?from=2026-01-01&to=2026-04-01", "privacy/de/versions/"],
)
def test_a_translated_redline_has_no_english_word_of_legaldocs(browser: Any, address: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(address + path, wait_until="networkidle")
    if "versions" not in path:
        tab.wait_for_selector(".ld-counts")  # the redline is there (on the compare page, computed by its script)
    shown = " ".join(tab.inner_text("article").split())
    found = [piece for piece in english_words() if piece in shown]
    assert found == [], found
    # The same page of the source has them: the check can fail.
    tab.goto(address + path.replace("privacy/de/", "privacy/"), wait_until="networkidle")
    if "versions" not in path:
        tab.wait_for_selector(".ld-counts")
    source = " ".join(tab.inner_text("article").split())
    assert [piece for piece in english_words() if piece in source]
    context.close()
