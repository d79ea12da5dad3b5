"""The version a record points to, and the past by date: current.json, the links and JSON-LD between
versions, the point-in-time page (in Chromium) and `legaldocs at`, from one real repository.

The site: 2018-05-25 (the fixture's), 2020-01-01 with an editorial revision (its title hostile: a
``</script>`` and a ``<!--``), 2025-03-01 upcoming on the build date, 1 January 2025.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from conftest import serve
from git import Repo
from helpers import EPOCH, build, commit, copy_site, edit, new_version, page, serious_violations, text
from helpers import four_versions as _history
from legaldocs import inforce, ledger
from legaldocs.model import History, Version

DOCUMENT = "docs/privacy/document.yml"

SECTIONS = "docs/privacy/sections"
SCHEMA = json.loads((Path(inforce.__file__).parent / "schemas/current.schema.json").read_text(encoding="utf-8"))
HOSTILE = "Privacy </script><!-- <script>alert(1)</script> Policy"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("inforce"))
    repo = Repo(site)
    new_version(site, "2020-01-01", "Second version: links to partners.")
    edit(site / DOCUMENT, "title: Privacy & Cookie Policy", f"title: {json.dumps(HOSTILE)}")
    edit(site / f"{SECTIONS}/links.md", "partner networks", "partner networks and others")
    commit(repo, "Second version", "2019-11-01")
    edit(site / f"{SECTIONS}/cookies.md", "small file of letters", "small text file of letters")
    commit(repo, "Editorial: say what a cookie is", "2019-12-01")
    new_version(site, "2025-03-01", "Third version: shorter retention.")
    edit(site / f"{SECTIONS}/data-retention.md", "We will retain", "We will only retain")
    commit(repo, "Third version", "2024-12-01")
    build(site, env=EPOCH)
    return site


def test_current_json_points_at_the_latest_revision_in_force_with_the_ledgers_hash(site: Path) -> None:
    data = json.loads((site / "site/privacy/current.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert list(data) == [
        "document",
        "language",
        "version",
        "revision",
        "effective",
        "url",
        "sha256",
        "upcoming",
        "built",
    ]
    assert (data["document"], data["language"], data["built"]) == ("privacy", "en", "2025-01-01")
    assert (data["version"], data["revision"], data["effective"]) == ("2020-01-01", 2, "2020-01-01")
    # Relative to current.json (no site_url), as in versions.json: the revision's own page.
    assert data["url"] == "versions/2020-01-01/r2/"
    assert (site / "site/privacy" / data["url"] / "index.html").is_file()
    recorded = json.loads((site / "site/ledger.json").read_text(encoding="utf-8"))
    (second,) = [v for v in recorded["documents"]["privacy"]["versions"] if v["effective"] == "2020-01-01"]
    assert data["sha256"] == second["revisions"][1]["sha256"]
    upcoming = data["upcoming"]
    assert (upcoming["version"], upcoming["revision"], upcoming["url"]) == ("2025-03-01", 1, "versions/2025-03-01/r1/")
    (third,) = [v for v in recorded["documents"]["privacy"]["versions"] if v["effective"] == "2025-03-01"]
    assert upcoming["sha256"] == third["revisions"][0]["sha256"]
    # Not listed in versions.json (its format is unchanged); found beside it.
    assert "current" not in (site / "site/privacy/versions.json").read_text(encoding="utf-8")


def test_current_json_is_absolute_with_a_site_url_and_null_before_anything_is_in_force() -> None:
    h = _history()

    def url(version: Version, number: int) -> str:
        return f"https://example.com/x/versions/{version.slug}/r{number}/"

    data = json.loads(inforce.current_json(h, document="x", language="de_DE", url=url, built=date(2025, 1, 1)))
    jsonschema.validate(data, SCHEMA)
    assert data["language"] == "de-DE"
    assert data["url"] == "https://example.com/x/versions/2019-01-01/r2/"
    assert data["sha256"] == ledger.entries(h)["versions"][1]["revisions"][1]["sha256"]
    assert data["upcoming"]["version"] == "2030-01-01"
    # Nothing in force yet (only an upcoming version): the version's fields are null.
    nothing = History(versions=(h.versions[-1],))
    none = json.loads(inforce.current_json(nothing, document="x", language="en", url=url, built=date(2025, 1, 1)))
    jsonschema.validate(none, SCHEMA)
    assert none["version"] is None and none["sha256"] is None and none["upcoming"]["version"] == "2030-01-01"


def _around(site: Path, rel: str) -> tuple[dict[str, str], dict[str, object]]:
    root = page(site, rel)
    links = {link.get("rel"): link.get("href") for link in root.xpath("//head/link[contains(@rel, '-version')]")}
    (ld,) = root.xpath("//script[@type='application/ld+json']")
    return links, json.loads(ld.text)


def test_version_and_revision_pages_link_both_ways_rfc_5829_and_carry_json_ld(site: Path) -> None:
    first, first_ld = _around(site, "privacy/versions/2018-05-25/index.html")
    second, second_ld = _around(site, "privacy/versions/2020-01-01/index.html")
    third, _ = _around(site, "privacy/versions/2025-03-01/index.html")
    r1, r1_ld = _around(site, "privacy/versions/2020-01-01/r1/index.html")
    r2, _ = _around(site, "privacy/versions/2020-01-01/r2/index.html")
    assert first == {"successor-version": "../2020-01-01/", "latest-version": "../2020-01-01/"}
    assert second == {"predecessor-version": "../2018-05-25/", "successor-version": "../2025-03-01/"}
    assert third == {"predecessor-version": "../2020-01-01/", "latest-version": "../2020-01-01/"}
    assert r1 == {"predecessor-version": "../../2018-05-25/", "successor-version": "../r2/", "latest-version": "../"}
    assert r2 == {"predecessor-version": "../r1/", "successor-version": "../../2025-03-01/", "latest-version": "../"}
    for rel, links in [("2018-05-25/", first), ("2020-01-01/", second), ("2020-01-01/r1/", r1), ("2020-01-01/r2/", r2)]:
        for href in links.values():  # each a page of this build
            assert (site / "site/privacy/versions" / rel / href / "index.html").resolve().is_file(), (rel, href)
    # JSON-LD: parsed back, the hostile title whole (escaped in the HTML, not cut short by "</script>").
    assert second_ld["@type"] == "DigitalDocument"
    assert second_ld["name"] == HOSTILE
    assert (second_ld["version"], second_ld["inLanguage"]) == ("2020-01-01", "en")
    assert (second_ld["datePublished"], second_ld["dateModified"]) == ("2019-11-01", "2019-12-01")
    assert (second_ld["predecessorVersion"], second_ld["successorVersion"]) == ("../2018-05-25/", "../2025-03-01/")
    assert "predecessorVersion" not in first_ld and first_ld["name"] == "Privacy & Cookie Policy"
    assert (r1_ld["version"], r1_ld["dateModified"], r1_ld["successorVersion"]) == (
        "2020-01-01/r1",
        "2019-11-01",
        "../r2/",
    )
    raw = (site / "site/privacy/versions/2020-01-01/index.html").read_text(encoding="utf-8")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script, "no </script> nor <!-- inside the JSON-LD"
    assert "\\u003c/script\\u003e\\u003c!--" in script
    # Other pages have neither.
    current = page(site, "privacy/index.html")
    assert not current.xpath("//script[@type='application/ld+json']")
    assert not current.xpath("//head/link[contains(@rel, '-version')]")


# The point-in-time page ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    url, server = serve(site / "site")
    yield url + "privacy/at/"
    server.shutdown()


def _answer(tab: Any, served: str, day: str) -> tuple[str, str]:
    tab.goto(f"{served}?date={day}", wait_until="networkidle")
    answer = tab.locator(".ld-at-answer")
    answer.wait_for()
    link = answer.locator("a")
    return answer.inner_text(), link.get_attribute("href") if link.count() else ""


def test_without_javascript_the_page_lists_every_version_with_its_days(site: Path) -> None:
    root = page(site, "privacy/at/index.html")
    rows = root.xpath("//section[@class='ld-at-list']//tbody/tr")
    cells = [[text(c) for c in row.xpath("th|td")] for row in rows]
    assert cells == [
        ["1 March 2025", "not yet in force", "Upcoming", "revision 1 of 1 December 2024"],
        [
            "1 January 2020",
            "28 February 2025",
            "In force",
            "revision 1 of 1 November 2019 · revision 2 of 1 December 2019",
        ],
        ["25 May 2018", "31 December 2019", "Superseded", "revision 1 of 10 January 2019"],
    ]
    assert rows[1].xpath(".//a/@href") == [
        "../versions/2020-01-01/",
        "../versions/2020-01-01/r1/",
        "../versions/2020-01-01/r2/",
    ]
    assert root.xpath("//form[@class='ld-at-form'][@hidden]"), "the form needs the script"
    assert root.xpath("//title")[0].text.startswith(f"{HOSTILE}: in force on a day")
    (link,) = page(site, "privacy/versions/index.html").xpath("//p[@class='ld-intro']/a[@class='ld-at-link']")
    assert (text(link), link.get("href")) == ("Which version was in force on a day", "../at/")


def test_a_day_inside_the_history_names_the_version_and_revision_in_force(tab: Any, served: str) -> None:
    said, href = _answer(tab, served, "2019-11-15")
    assert (
        said == "On 15 November 2019 the version effective 25 May 2018 was in force, in its revision 1. Read that text"
    )
    assert href.endswith("/privacy/versions/2018-05-25/r1/")
    said, href = _answer(tab, served, "2021-06-30")
    assert (
        said == "On 30 June 2021 the version effective 1 January 2020 was in force, in its revision 2. Read that text"
    )
    assert href.endswith("/privacy/versions/2020-01-01/r2/")
    tab.click(f"a[href='{href}']")
    tab.wait_for_url("**/privacy/versions/2020-01-01/r2/")
    hosts = {urlsplit(u).netloc for u in tab.requests}
    assert len(hosts) == 1, f"no request to any other host: {hosts}"


def test_a_day_before_the_first_version_says_so(tab: Any, served: str) -> None:
    said, href = _answer(tab, served, "2017-06-30")
    assert (
        said
        == "On 30 June 2017 no version was in force yet: the first took effect on 25 May 2018. Read the first version"
    )
    assert href.endswith("/privacy/versions/2018-05-25/")


def test_a_day_after_the_build_says_what_will_be_in_force_an_upcoming_version_included(tab: Any, served: str) -> None:
    said, href = _answer(tab, served, "2025-06-30")
    assert said == (
        "30 June 2025 is after this site was built on 1 January 2025. As published then, the version effective "
        "1 March 2025 will be in force that day (its revision 1), unless a newer version is published before it. "
        "Read that text"
    )
    assert href.endswith("/privacy/versions/2025-03-01/r1/")
    said, _ = _answer(tab, served, "2025-02-01")
    assert said.startswith("1 February 2025 is after this site was built") and "effective 1 January 2020" in said


def test_the_form_writes_the_address_and_a_wrong_day_is_said(tab: Any, served: str) -> None:
    tab.goto(served, wait_until="networkidle")
    assert tab.is_hidden(".ld-at-nojs") and tab.is_visible(".ld-at-form")
    tab.fill("#ld-at-date", "2019-01-01")
    tab.click(".ld-at-form button")
    tab.locator(".ld-at-answer").wait_for()
    assert "version effective 25 May 2018 was in force" in tab.inner_text(".ld-at-answer")
    assert tab.url.endswith("/privacy/at/?date=2019-01-01")
    said, href = _answer(tab, served, "2021-02-30")
    assert said == "“2021-02-30” is not a day: write it as YYYY-MM-DD, e.g. 2021-06-30." and href == ""


def test_axe_finds_nothing_serious_on_the_point_in_time_page(tab: Any, served: str) -> None:
    _answer(tab, served, "2021-06-30")
    assert serious_violations(tab) == []


# legaldocs at ------------------------------------------------------------------------------------


def legaldocs(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["legaldocs", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env={**os.environ, **EPOCH}
    )


def test_legaldocs_at_says_what_the_page_says_with_the_ledgers_hash(site: Path) -> None:
    result = legaldocs(site, "at", "2021-06-30")
    assert result.returncode == 0, result.stderr
    recorded = json.loads((site / "site/ledger.json").read_text(encoding="utf-8"))["documents"]["privacy"]
    sha = recorded["versions"][1]["revisions"][1]["sha256"]
    assert result.stdout == (
        "On 30 June 2021 the version effective 1 January 2020 was in force, in its revision 2.\n"
        "  privacy/versions/2020-01-01/r2/\n"
        f"  SHA-256 of its text: {sha}\n"
    )
    before = legaldocs(site, "at", "2017-06-30")
    assert before.stdout == (
        "On 30 June 2017 no version was in force yet: the first took effect on 25 May 2018.\n"
        "  privacy/versions/2018-05-25/r1/\n"
    )
    after = legaldocs(site, "at", "2025-06-30", "--document", "privacy", "--format", "json")
    assert after.returncode == 0, after.stderr
    data = json.loads(after.stdout)
    assert (data["document"], data["date"], data["built"], data["state"]) == (
        "privacy",
        "2025-06-30",
        "2025-01-01",
        "to come",
    )
    assert (data["in_force"]["version"], data["in_force"]["revision"], data["next"]) == ("2025-03-01", 1, None)
    assert data["in_force"]["sha256"] == recorded["versions"][2]["revisions"][0]["sha256"]
    # The page's answer for the same days is the same (the browser tests above): one rule, two ports.
    inside = json.loads(legaldocs(site, "at", "2019-11-15", "--format", "json").stdout)
    assert (inside["state"], inside["in_force"]["version"], inside["next"]["version"]) == (
        "in force",
        "2018-05-25",
        "2020-01-01",
    )


def test_legaldocs_at_with_a_site_url_gives_absolute_addresses_and_usage_mistakes_exit_2(site: Path) -> None:
    config = site / "mkdocs.yml"
    kept = config.read_text(encoding="utf-8")
    try:
        config.write_text("site_url: https://example.com/legal/\n" + kept, encoding="utf-8")
        result = legaldocs(site, "at", "2021-06-30")
        assert "\n  https://example.com/legal/privacy/versions/2020-01-01/r2/\n" in result.stdout
    finally:
        config.write_text(kept, encoding="utf-8")
    wrong = legaldocs(site, "at", "2021-06-30", "--document", "terms")
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert (
        wrong.stderr
        == "legaldocs at: error: --document 'terms': there is no such document; the documents are privacy.\n"
    )
    assert legaldocs(site, "at", "2021-02-30").returncode == 2


def test_the_revision_in_force_on_a_day_is_the_last_committed_by_then() -> None:
    h = _history()  # 2019-01-01: r1 committed 2018-10-01, r2 2018-11-01
    second = h.versions[1]
    assert [inforce.revision_on(second, date(2018, d, 15)) for d in (9, 10, 11)] == [1, 1, 2]
    found = inforce.on_day(h, date(2019, 6, 1), date(2025, 1, 1))
    assert (found.state, found.version, found.number) == ("in force", second, 2)


# purposes.json ----------------------------------------------------------------------------------


def test_purposes_json_maps_each_lawful_basis_to_dpvs_gdpr_term(site: Path) -> None:
    schema = json.loads((Path(inforce.__file__).parent / "schemas/purposes.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "site/privacy/purposes.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    current = json.loads((site / "site/privacy/current.json").read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("version", "revision", "url", "sha256")} == {
        k: current[k] for k in ("version", "revision", "url", "sha256")
    }, "the same text as current.json"
    by_id = {p["id"]: p for p in data["purposes"]}
    assert next(iter(by_id)) == "register"
    (register,) = by_id["register"]["bases"]
    assert register == {
        "basis": "contract",
        "wording": "Perform our contract with you or your organization",
        "dpv": "eu-gdpr:A6-1-b",
        "iri": "https://w3id.org/dpv/legal/eu/gdpr#A6-1-b",
        "article": "Art. 6(1)(b)",
    }
    interests = [b for p in data["purposes"] for b in p["bases"] if b["basis"] == "legitimate_interests"]
    assert interests and all(b["dpv"] == "eu-gdpr:A6-1-f" and b["interest"] for b in interests)
    assert by_id["register"]["data"][0]["label"] == "Identity and Contact"


def test_every_lawful_basis_has_its_dpv_term() -> None:
    from legaldocs import dpv
    from legaldocs.model import LAWFUL_BASES

    assert set(dpv.TERMS) == set(LAWFUL_BASES)
    assert [term for term, _ in dpv.TERMS.values()] == [f"A6-1-{letter}" for letter in "abcdef"]


def test_in_german_the_page_and_legaldocs_at_say_it_in_german(tmp_path: Path, browser: Any) -> None:
    site = copy_site(tmp_path / "de")
    edit(site / "mkdocs.yml", "language: en", "language: de")
    new_version(site, "2020-01-01", "Zweite Fassung.")
    commit(Repo(site), "Second version", "2019-11-01")
    build(site, env=EPOCH)
    said = legaldocs(site, "at", "2021-06-30").stdout.splitlines()[0]
    assert said == "Am 30. Juni 2021 galt die Fassung gültig ab 1. Januar 2020, in ihrer Überarbeitung 1."
    root = page(site, "privacy/at/index.html")
    assert [text(th) for th in root.xpath("//thead//th")] == ["Gilt ab", "Gilt bis", "Status", "Überarbeitungen"]
    url, server = serve(site / "site")
    try:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{url}privacy/at/?date=2021-06-30", wait_until="networkidle")
        tab.locator(".ld-at-answer").wait_for()
        assert tab.inner_text(".ld-at-answer") == f"{said} Diesen Text lesen", "the page says what the command says"
        context.close()
    finally:
        server.shutdown()


def test_on_a_phone_the_list_of_versions_is_labelled_cards_that_fit(tab: Any, served: str) -> None:
    """At 390 px the table of versions would run off the screen (its revisions cut off): each row is a
    card whose cells say their column, as the purpose table's are."""
    tab.set_viewport_size({"width": 390, "height": 900})
    tab.goto(served)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    cell = tab.locator(".ld-at-table tbody td").first
    assert tab.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle()) == '"In force until"'
