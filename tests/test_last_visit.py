"""'Since your last visit' in a real Chromium, across visits to one site rebuilt in place.

The site is served from one folder on one port (one origin, so one localStorage) while it is
rebuilt with new versions between visits, as a reader would meet it over months.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from git import Repo

sys.path.insert(0, str(Path(__file__).parent))

from conftest import serve
from helpers import build, commit, copy_site, edit, serious_violations

pytestmark = pytest.mark.browser

V1, V2, V3, V4 = "2018-05-25", "2020-01-01", "2021-01-01", "2022-01-01"
TODAY = {"SOURCE_DATE_EPOCH": "1735689600"}  # 2025-01-01
KEY = "legaldocs:seen:privacy"
OFFER = ".ld-lastvisit"


def new_version(site: Path, old: str, new: str, words: str, day: str) -> None:
    edit(site / "docs/privacy/document.yml", f"effective: {old}", f"effective: {new}")
    edit(site / "docs/privacy/sections/links.md", "partner networks", f"partner networks {words}")
    commit(Repo(site), f"Version of {new}", day)
    build(site, env=TODAY)


def expected_offer(seen: str, current: str) -> str:
    """The redline from ``seen`` to the text in force (route "compare-current"), relative to the current page."""
    return f"compare/{seen}/"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    site = copy_site(tmp_path / "site")
    build(site, env=TODAY)
    url, server = serve(site / "site")
    yield site, url
    server.shutdown()


def test_a_returning_reader_is_offered_the_redline_since_the_version_they_last_read(
    browser: Any, site: tuple[Path, str]
) -> None:
    folder, url = site
    current = url + "privacy/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    sent: list[str] = []
    tab.on("request", lambda request: sent.append(request.url))

    # First visit: nothing to offer; the version read is remembered.
    tab.goto(current, wait_until="networkidle")
    assert tab.locator(OFFER).count() == 1 and not tab.locator(OFFER).is_visible()
    assert tab.evaluate(f"localStorage.getItem('{KEY}')") == V1

    # A new version is in force on the next visit: the offer leads to the redline from V1.
    new_version(folder, V1, V2, "and others", "2019-11-01")
    tab.goto(current, wait_until="networkidle")
    offer = tab.locator(OFFER)
    assert offer.is_visible()
    assert " ".join(offer.inner_text().split()) == (
        "This policy has changed since your last visit. You last read the version effective 25 May 2018. "
        "See what changed since then."
    )
    assert offer.locator("time").get_attribute("datetime") == V1
    assert serious_violations(tab) == []
    link = offer.locator("a")
    assert link.get_attribute("href") == expected_offer(V1, V2)
    assert tab.evaluate(f"localStorage.getItem('{KEY}')") == V2
    link.click()
    tab.wait_for_load_state("networkidle")
    assert tab.url == urljoin(current, expected_offer(V1, V2))
    assert [t.strip() for t in tab.locator("ins").all_inner_texts()] == ["and others"]

    # Seen now: a reload offers nothing.
    tab.goto(current, wait_until="networkidle")
    assert not tab.locator(OFFER).is_visible()

    # Two versions later, the offer is from the version last read, not only from the one before.
    new_version(folder, V2, V3, "too", "2020-11-01")
    new_version(folder, V3, V4, "indeed", "2021-11-01")
    tab.goto(current, wait_until="networkidle")
    wanted = expected_offer(V2, V4)
    if wanted is None:  # no compare page in this build: no redline to offer for two versions apart
        assert not tab.locator(OFFER).is_visible()
    else:
        assert tab.locator(OFFER).is_visible()
        assert tab.locator(OFFER).locator("a").get_attribute("href") == wanted
    assert tab.evaluate(f"localStorage.getItem('{KEY}')") == V4

    # Nothing left the browser: no cookie, no request to another host, none carrying the version.
    assert context.cookies() == []
    assert all(u.startswith(url) for u in sent)
    assert not [u for u in sent if V1 in u and "changes" not in u and "compare" not in u]
    context.close()


def test_a_reader_who_never_visited_or_runs_no_script_sees_nothing(browser: Any, site: tuple[Path, str]) -> None:
    folder, url = site
    new_version(folder, V1, V2, "and others", "2019-11-01")
    for script in (True, False):
        context = browser.new_context(java_script_enabled=script)
        tab = context.new_page()
        tab.goto(url + "privacy/", wait_until="networkidle")
        assert tab.locator(OFFER).count() == 1
        assert not tab.locator(OFFER).is_visible()
        context.close()
    # A stored version this build does not know (a version since removed, a stray value) offers nothing.
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(url + "privacy/", wait_until="networkidle")
    tab.evaluate(f"localStorage.setItem('{KEY}', '<img src=x>')")
    tab.goto(url + "privacy/", wait_until="networkidle")
    assert not tab.locator(OFFER).is_visible()
    assert tab.evaluate(f"localStorage.getItem('{KEY}')") == V2
    context.close()


def test_two_sites_on_one_origin_remember_apart(browser: Any, tmp_path: Path) -> None:
    """Project sites share an origin (user.github.io/a/, …/b/): what a reader saw of one is not the other's."""
    for name in ("a", "b"):
        build(copy_site(tmp_path / name), env=TODAY)
    url, server = serve(tmp_path)
    try:
        tab = browser.new_context().new_page()
        tab.goto(url + "a/site/privacy/", wait_until="networkidle")
        stored = tab.evaluate("JSON.stringify(Object.keys(localStorage))")
        assert stored == '["legaldocs:seen:a/site/privacy"]'
        tab.goto(url + "b/site/privacy/", wait_until="networkidle")
        assert tab.evaluate("localStorage.getItem('legaldocs:seen:b/site/privacy')") == V1
        assert tab.evaluate(f"localStorage.getItem('{KEY}')") is None, "the root key belongs to a site at the root"
    finally:
        server.shutdown()
