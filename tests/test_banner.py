"""The banner of a recent version (an upcoming one is the page notice's), the feed link in every head of a
document, the feed's language.

Real sites built with `mkdocs build` from real git histories, read as parsed HTML, and the
banner's dismissal in a real Chromium.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest
from conftest import serve
from git import Repo
from helpers import build, commit, copy_site, edit, example_url, four_versions, mkdocs, page, serious_violations, text
from legaldocs import announce, feed
from legaldocs.model import IN_FORCE, SUPERSEDED, UPCOMING, Version

KEY = "legaldocs:dismissed:privacy:"
SUMMARY = "Contact records are kept for two years & <b>why</b> is explained."


def epoch(day: str) -> dict[str, str]:
    """SOURCE_DATE_EPOCH for noon UTC of ``day``: the build date that decides what is recent."""
    moment = datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc)
    return {"SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def new_version(site: Path, effective: str, summary: str, committed: str) -> None:
    """Commit a new effective date and summary, with a real edit of one section, as an editor would."""
    document = site / "docs/privacy/document.yml"
    content = document.read_text(encoding="utf-8")
    content = re.sub(r"^effective: .*$", f"effective: {effective}", content, count=1, flags=re.M)
    content = re.sub(r"^summary: >-\n(?:  .*\n)+", f"summary: >-\n  {summary}\n", content, count=1, flags=re.M)
    document.write_text(content, encoding="utf-8")
    links = site / "docs/privacy/sections/links.md"
    links.write_text(links.read_text(encoding="utf-8") + f"\nAs of {effective}.\n", encoding="utf-8")
    commit(Repo(site), f"Version effective {effective}", committed)


def two_versions(target: Path) -> Path:
    """The project's site with a second version, effective 2024-02-01 (committed 2024-01-01)."""
    site = copy_site(target)
    new_version(site, "2024-02-01", SUMMARY, "2024-01-01")
    return site


@pytest.fixture(scope="module")
def recent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built on 2024-02-06: the version of 2024-02-01 is recent."""
    site = two_versions(tmp_path_factory.mktemp("recent"))
    build(site, env=epoch("2024-02-06"))
    return site


def banner(site: Path, rel: str = "privacy/index.html") -> lxml.html.HtmlElement | None:
    found = page(site, rel).xpath(
        "//aside[contains(@class, 'md-banner')]//*[contains(concat(' ', @class, ' '), ' ld-announce ')]"
    )
    assert len(found) <= 1
    return found[0] if found else None


def resolves(site: Path, rel: str, href: str) -> Path:
    """The file a relative link on the page ``rel`` leads to."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
    path = site / "site" / target
    return path / "index.html" if href.endswith("/") else path


def test_a_recent_version_is_announced_on_the_current_page(recent: Path) -> None:
    found = banner(recent)
    assert found is not None
    words = text(found)
    assert words.startswith("This policy changed on 1 February 2024.")
    assert SUMMARY in words, "the summary is shown as text"
    assert found.xpath(".//b") == [], "markup in the summary is escaped"
    link = found.xpath(".//a")[0]
    assert text(link) == "See what changed"
    target = resolves(recent, "privacy/index.html", link.get("href"))
    assert target == recent / "site/privacy/changes/2024-02-01/index.html" and target.is_file()
    button = found.xpath(".//button")[0]
    assert button.get("type") == "button" and button.get("hidden") is not None, "no button until the script runs"
    assert found.get("data-ld-dismiss-key") == KEY + "2024-02-01"
    script = page(recent, "privacy/index.html").xpath("//head/script[@data-ld-dismiss-key]")[0]
    assert script.get("data-ld-dismiss-key") == KEY + "2024-02-01"
    assert resolves(recent, "privacy/index.html", script.get("src")) == recent / "site/assets/banner.js"
    assert (recent / "site/assets/banner.js").is_file()


@pytest.mark.parametrize(
    "rel",
    ["privacy/versions/index.html", "privacy/versions/2024-02-01/index.html", "privacy/changes/2024-02-01/index.html"],
)
def test_only_the_current_page_has_the_banner(recent: Path, rel: str) -> None:
    assert banner(recent, rel) is None
    assert page(recent, rel).xpath("//aside[contains(@class, 'md-banner')]") == [], "no empty announce bar"
    assert page(recent, rel).xpath("//head/script[@data-ld-dismiss-key]") == []


@pytest.mark.parametrize(
    "rel",
    [
        "privacy/index.html",
        "privacy/versions/index.html",
        "privacy/versions/2018-05-25/index.html",
        "privacy/versions/2024-02-01/index.html",
        "privacy/changes/2024-02-01/index.html",
        "privacy/changes/2018-05-25/index.html",
    ],
)
def test_every_page_of_the_document_links_its_feed_in_the_head(recent: Path, rel: str) -> None:
    links = page(recent, rel).xpath("//head/link[@rel='alternate'][@type='application/atom+xml']")
    assert len(links) == 1
    assert links[0].get("title") == "Privacy & Cookie Policy: versions"
    assert resolves(recent, rel, links[0].get("href")) == recent / "site/privacy/feed.xml"
    assert not feedparser.parse((recent / "site/privacy/feed.xml").read_bytes()).bozo


def test_the_home_page_has_no_feed_link_and_no_banner(recent: Path) -> None:
    home = page(recent, "index.html")
    assert home.xpath("//head/link[@type='application/atom+xml']") == []
    assert home.xpath("//aside[contains(@class, 'md-banner')]") == []


def test_after_recent_days_the_banner_is_gone_and_the_build_is_reproducible(tmp_path: Path) -> None:
    site = two_versions(tmp_path / "site")
    build(site, env=epoch("2024-03-02"))  # 30 days after 2024-02-01: no longer recent
    assert banner(site) is None
    assert page(site, "privacy/index.html").xpath("//aside[contains(@class, 'md-banner')]") == []
    build(site, env=epoch("2024-03-01"))  # the 30th day (day 29 after): still recent
    first = (site / "site/privacy/index.html").read_bytes()
    assert banner(site) is not None
    build(site, env=epoch("2024-03-01"))
    assert (site / "site/privacy/index.html").read_bytes() == first, "the same build date, the same page"


def test_recent_days_zero_announces_nothing(tmp_path: Path) -> None:
    site = two_versions(tmp_path / "site")
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      recent_days: 0\n")
    build(site, env=epoch("2024-02-01"))
    assert banner(site) is None
    new_version(site, "2024-03-15", "Cookies are listed by name.", "2024-02-02")
    build(site, env=epoch("2024-02-03"))
    assert banner(site) is None


def test_an_upcoming_version_is_said_once_by_the_page_notice_not_the_banner(tmp_path: Path) -> None:
    """One notice per fact: the page's own notice (printed, not dismissible) says what comes; no banner repeats it."""
    site = two_versions(tmp_path / "site")
    new_version(site, "2024-04-01", "Cookies are listed by name.", "2024-02-20")
    build(site, env=epoch("2024-03-10"))  # 2024-02-01 is recent too: the upcoming one is the news
    assert banner(site) is None
    assert page(site, "privacy/index.html").xpath("//aside[contains(@class, 'md-banner')]") == []
    notices = page(site, "privacy/index.html").xpath("//*[contains(@class, 'ld-notice--upcoming')]")
    assert len(notices) == 1
    assert text(notices[0]).startswith("This policy changes on 1 April 2024. Cookies are listed by name.")
    link = notices[0].xpath(".//a[. = 'See what changes']")[0]
    assert resolves(site, "privacy/index.html", link.get("href")) == site / "site/privacy/changes/2024-04-01/index.html"


def test_the_first_version_is_not_announced(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")  # one version, effective 2018-05-25
    build(site, env=epoch("2018-05-26"))
    assert banner(site) is None


@pytest.mark.parametrize("value", ["-1", "soon", "true"])
def test_a_wrong_recent_days_is_a_clear_error(tmp_path: Path, value: str) -> None:
    site = copy_site(tmp_path / "site")
    edit(site / "mkdocs.yml", "  - legaldocs\n", f"  - legaldocs:\n      recent_days: {value}\n")
    result = mkdocs(site, "build")
    assert result.returncode != 0
    assert "recent_days" in result.stderr
    assert "Traceback" not in result.stderr
    if value == "-1":
        assert "must be a number of days, 0 or more (got -1)" in result.stderr


def test_a_site_main_html_wins_and_is_told_what_to_add(tmp_path: Path) -> None:
    site = two_versions(tmp_path / "site")
    main = site / "overrides/main.html"
    main.write_text('{% extends "base.html" %}\n{% block content %}<p id="own">Own</p>{{ super() }}{% endblock %}\n')
    result = mkdocs(site, "build", env=epoch("2024-02-06"))
    assert result.returncode == 0, result.stderr
    assert "overrides/main.html" in result.stderr and "legaldocs_announce" in result.stderr
    assert page(site, "privacy/index.html").xpath("//p[@id='own']"), "the site's own main.html is used"
    main.write_text(
        '{% extends "base.html" %}\n{% block content %}<p id="own">Own</p>{{ super() }}{% endblock %}\n'
        "{% block extrahead %}{{ super() }}{{ legaldocs_head }}{% endblock %}\n"
        "{% block announce %}{{ legaldocs_announce }}{% endblock %}\n"
    )
    result = build(site, env=epoch("2024-02-06"))
    assert "legaldocs_announce" not in result.stderr
    assert page(site, "privacy/index.html").xpath("//p[@id='own']")
    assert banner(site) is not None
    assert page(site, "privacy/versions/index.html").xpath("//head/link[@type='application/atom+xml']")


def test_a_site_overrides_the_banner_template_and_a_wrong_link_is_said_plainly(tmp_path: Path) -> None:
    site = two_versions(tmp_path / "site")
    own = site / "overrides/legaldocs/announce.html"
    own.parent.mkdir(parents=True)
    own.write_text('<p class="ld-announce own">New: {{ version.document.summary }}</p>\n')
    build(site, env=epoch("2024-02-06"))
    found = banner(site)
    assert found is not None and text(found) == f"New: {SUMMARY}"
    own.write_text("<a href=\"{{ href('nowhere') }}\">x</a>\n")
    result = mkdocs(site, "build", env=epoch("2024-02-06"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "there is no route 'nowhere'" in result.stderr and "Fix: link only to the routes" in result.stderr


def test_a_german_site_has_a_german_banner_and_feed(tmp_path: Path) -> None:
    site = two_versions(tmp_path / "site")
    edit(site / "mkdocs.yml", "language: en", "language: de")
    build(site, env=epoch("2024-02-06"))
    found = banner(site)
    assert found is not None and text(found).startswith("Diese Erklärung hat sich am 1. Februar 2024 geändert.")
    parsed = feedparser.parse((site / "site/privacy/feed.xml").read_bytes())
    assert not parsed.bozo and parsed.feed.language == "de"


# The core: which version is announced, the feed's language ------------------------------------


def _version(effective: str, status: str) -> Version:
    return Version(date.fromisoformat(effective), (), status)


@pytest.mark.parametrize(
    ("today", "days", "expected"),
    [("2024-02-01", 30, True), ("2024-03-01", 30, True), ("2024-03-02", 30, False), ("2024-02-01", 0, False)],
)
def test_recent_is_counted_from_the_build_date(today: str, days: int, expected: bool) -> None:
    from legaldocs.model import History

    versions = (_version("2018-05-25", SUPERSEDED), _version("2024-02-01", IN_FORCE))
    found = announce.announced(History(versions), date.fromisoformat(today), days)
    assert (found is versions[1]) is expected


def test_the_feed_speaks_the_site_language() -> None:
    h = four_versions()
    for language, expected in (("de", "de"), ("pt_BR", "pt-BR"), ("", "en")):
        xml = feed.atom(
            h, "X", example_url, site_name="E", feed_url="https://example.com/x/feed.xml", language=language
        )
        parsed = feedparser.parse(xml)
        assert not parsed.bozo and parsed.feed.language == expected


def test_no_banner_while_a_version_is_upcoming() -> None:
    from legaldocs.model import History

    versions = (
        _version("2018-05-25", SUPERSEDED),
        _version("2024-02-01", IN_FORCE),
        _version("2024-04-01", UPCOMING),
        _version("2024-05-01", UPCOMING),
    )
    assert announce.announced(History(versions), date(2024, 2, 2), 30) is None


# In the browser ----------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    site = two_versions(tmp_path / "site")
    build(site, env=epoch("2024-02-06"))
    address, server = serve(site / "site")
    yield site, address
    server.shutdown()


@pytest.mark.browser
def test_dismissed_stays_dismissed_until_the_next_version(browser: Any, served: tuple[Path, str]) -> None:
    site, address = served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(address + "privacy/")
    shown = tab.locator(".ld-announce")
    assert shown.is_visible()
    assert "This policy changed on 1 February 2024." in shown.inner_text()
    button = tab.get_by_role("button", name="Dismiss")
    button.focus()
    tab.keyboard.press("Enter")  # reachable and usable by keyboard
    assert not shown.is_visible()
    assert not tab.locator("[data-md-component=announce]").is_visible(), "no empty bar left behind"
    assert tab.evaluate(f"localStorage.getItem({KEY + '2024-02-01'!r})") is not None
    assert context.cookies() == [], "no cookie"
    tab.reload()
    assert not tab.locator(".ld-announce").is_visible(), "still dismissed after a reload"
    # The next version: committed, built, and the banner is back (the old dismissal stays recorded).
    new_version(site, "2024-03-01", "Cookies are listed by name.", "2024-01-20")
    build(site, env=epoch("2024-03-04"))
    tab.reload()
    again = tab.locator(".ld-announce")
    assert again.is_visible()
    assert "This policy changed on 1 March 2024. Cookies are listed by name." in again.inner_text()
    context.close()


@pytest.mark.browser
def test_without_javascript_the_banner_reads_as_a_notice(browser: Any, served: tuple[Path, str]) -> None:
    _, address = served
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(address + "privacy/")
    shown = tab.locator(".ld-announce")
    assert shown.is_visible()
    assert shown.inner_text().startswith("This policy changed on 1 February 2024. " + SUMMARY)
    assert not tab.locator(".ld-announce__dismiss").is_visible(), "no button that cannot work"
    assert tab.locator(".ld-announce a").is_visible()
    context.close()


@pytest.mark.browser
def test_the_banner_has_no_serious_accessibility_violation(browser: Any, served: tuple[Path, str]) -> None:
    _, address = served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(address + "privacy/", wait_until="networkidle")
    assert tab.locator(".ld-announce__dismiss").is_visible()
    assert serious_violations(tab) == []
    tab.keyboard.press("Tab")
    for _ in range(5):  # the banner is the first thing on the page: a few tabs reach its button
        if tab.evaluate("document.activeElement.classList.contains('ld-announce__dismiss')"):
            break
        tab.keyboard.press("Tab")
    focused = tab.locator(".ld-announce__dismiss")
    assert focused.evaluate("b => b === document.activeElement")
    assert focused.evaluate("b => getComputedStyle(b).outlineStyle") != "none", "focus is visible"
    tab.emulate_media(media="print")
    assert not tab.locator(".ld-announce").is_visible(), "the banner is not printed (the stamp says the date)"
    context.close()
