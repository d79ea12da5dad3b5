"""The compare page and the reader's view choices, on a real site built from a real git history.

The six versions of compare_versions.py (every kind of edit: moves, renames, a split, a rewrite,
sections added and removed, purposes changed) are committed as six versions with their own
effective dates, two of them corrected by a second commit (revisions 1 and 2, one renaming a
section), built with `mkdocs build --strict`, served on localhost and driven in Chromium.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
import yaml
from compare_versions import DATES, FIRST_TEXTS, six_version_site, slugs, versions
from compare_versions import texts as texts_by_slug
from conftest import serve
from git import Repo
from helpers import build, page, serious_violations, text
from legaldocs import compare_data, redline, redline_html, tokens, words

BUILT = {"SOURCE_DATE_EPOCH": "1704067200"}  # 2024-01-01: the sixth version is in force
#: Every text the pickers offer, in their order: newest version first, a corrected version then its revisions.
PICKED = [s for day in reversed(DATES) for s in slugs() if s == day or s.startswith(day + "/")]
REVISED = [s for s in PICKED if "/" in s]
PAIRS = [(a, b) for a in PICKED for b in PICKED if a != b]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = six_version_site(tmp_path_factory.mktemp("six"))
    build(site, env=BUILT)
    return site


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    url, server = serve(built / "site")
    yield url + "privacy/compare/"
    server.shutdown()


# Real builds ---------------------------------------------------------------------------------


def test_the_compare_page_lists_every_version_in_both_pickers(built: Path) -> None:
    html = page(built, "privacy/compare/index.html")
    assert html.xpath("//select[@id='ld-compare-to']"), "its options are the same, copied there by compare.js"
    for picker in ("ld-compare-from",):
        options = html.xpath(f"//select[@id='{picker}']//option")
        assert [o.get("value") for o in options] == PICKED, "newest first, each corrected version's revisions after it"
        assert text(options[0]) == "Effective 1 March 2023 (In force)"
        assert text(options[-1]) == "Effective 25 May 2018 (Superseded)"
        assert [o.get("data-src") for o in options] == [f"data/{s}.json" for s in PICKED]
        assert html.xpath(f"//label[@for='{picker}']"), "each picker has a label"
        groups = html.xpath(f"//select[@id='{picker}']/optgroup")
        assert [g.get("label") for g in groups] == [
            "Effective 1 March 2022 (Superseded)",
            "Effective 1 March 2020 (Superseded)",
        ]
        assert [text(o) for o in groups[1].xpath("option")] == [
            "Effective 1 March 2020 (Superseded)",
            "Effective 1 March 2020, revision 1",
            "Effective 1 March 2020, revision 2",
        ]
        assert groups[1].xpath("option/@data-page") == [
            "../versions/2020-03-01/",
            *(f"../versions/2020-03-01/r{n}/" for n in (1, 2)),
        ]
        for target in html.xpath(f"//select[@id='{picker}']//option/@data-page"):
            assert (built / "site/privacy/compare" / target / "index.html").resolve().is_file(), target
    compare = html.xpath("//div[@class='ld-compare']")[0]
    assert (compare.get("data-default-from"), compare.get("data-default-to")) == (DATES[4], DATES[5])
    scripts = html.xpath("//article//script/@src")
    assert scripts == ["../../assets/redline.js", "../../assets/compare.js"]
    assert html.xpath("//script[contains(@src, 'assets/views.js')]"), "views.js on every page"


def test_each_version_is_published_as_data_and_against_the_text_in_force(built: Path) -> None:
    texts = versions()
    by_slug = texts_by_slug()
    for slug in PICKED:
        data = json.loads((built / f"site/privacy/compare/data/{slug}.json").read_text(encoding="utf-8"))
        expected = by_slug[slug]
        assert data["format"] == compare_data.FORMAT
        assert [s["id"] for s in data["sections"]] == [s.id for s in expected.sections]
        assert [s["title"] for s in data["sections"]] == [s.title for s in expected.sections]
    first = json.loads((built / "site/privacy/compare/data/2020-03-01/r1.json").read_text(encoding="utf-8"))
    assert "Keeping Data Safe" in [s["title"] for s in first["sections"]], "revision 1's own text, before the rename"
    assert len(FIRST_TEXTS) == 2 and not (built / "site/privacy/compare/data/2019-03-01").exists(), (
        "no revision data for a version never corrected: its r1 is the version"
    )
    for date in DATES[:-1]:
        against = page(built, f"privacy/compare/{date}/index.html")
        heading = f"Privacy & Cookie Policy: from effective {long(date)} to effective 1 March 2023"
        assert text(against.xpath("//article//h1")[0]) == heading
        assert text(against.xpath("//title")[0]).startswith(heading + " - ")
        assert against.xpath("//article//div[@class='ld-redline']"), "the redline"
        back = against.xpath("//a[starts-with(@href, '../?from=')]/@href")
        assert back == [f"../?from={date}&to={DATES[-1]}"], "a link to the same pair on the compare page"
    assert not (built / f"site/privacy/compare/{DATES[-1]}").exists(), "the text in force against itself: no page"
    # Each page's words are the engine's: the first version against the sixth.
    against = page(built, f"privacy/compare/{DATES[0]}/index.html")
    python = lxml.html.fragment_fromstring(redline_html.change_html(redline.compare(texts[0], texts[5])))
    assert marks(against.xpath("//article//div[@class='ld-redline']")[0]) == marks(python)


def long(day: str) -> str:
    from datetime import date

    value = date.fromisoformat(day)
    return f"{value.day} {value.strftime('%B')} {value.year}"


def marks(root: Any) -> list[tuple[str, str]]:
    """The words inserted and deleted, in reading order, as ("+", word) and ("-", word)."""
    return [
        ("+" if e.tag == "ins" else "-", w)
        for e in root.iter("ins", "del")
        if "ld-ins" in e.get("class", "").split() or "ld-del" in e.get("class", "").split()
        for w in tokens.words(e.text_content())
    ]


def test_without_javascript_the_page_says_so_and_links_each_versions_changes(built: Path) -> None:
    html = page(built, "privacy/compare/index.html")
    assert "needs JavaScript" in text(html.xpath("//p[@class='ld-compare-nojs']")[0])
    assert html.xpath("//form[@class='ld-compare-form']")[0].get("hidden") is not None, "no pickers without JS"
    items = html.xpath("//section[@class='ld-compare-links']//li")
    assert len(items) == 6
    for item, date in zip(items, reversed(DATES), strict=True):
        hrefs = item.xpath("a/@href")
        assert hrefs[0] == f"../changes/{date}/"
        assert hrefs[1:] == ([] if date == DATES[-1] else [f"{date}/"])
        for href in hrefs:
            assert (built / "site/privacy/compare" / href / "index.html").resolve().is_file(), href


def test_the_versions_page_and_every_changes_page_link_the_compare_page(built: Path) -> None:
    """ "Compare any two versions" on the versions page; on each changes page (versions and revisions)
    "Compare other versions", opening the compare page on the same pair, which its pickers offer."""
    versions_page = page(built, "privacy/versions/index.html")
    (link,) = versions_page.xpath("//p[@class='ld-intro']/a[@class='ld-compare-link']")
    assert (text(link), link.get("href")) == ("Compare any two versions", "../compare/")
    assert (built / "site/privacy/versions" / link.get("href") / "index.html").resolve().is_file()
    offered = page(built, "privacy/compare/index.html").xpath("//select[@id='ld-compare-from']//option/@value")
    expected = {f"privacy/changes/{DATES[0]}/index.html": None}
    expected |= {f"privacy/changes/{new}/index.html": (old, new) for old, new in pairwise(DATES)}
    expected |= {f"privacy/changes/{s[:-3]}/r2/index.html": (s[:-1] + "1", s) for s in REVISED if s.endswith("r2")}
    # r1 of a corrected version: as first published, against the version before
    expected |= {
        f"privacy/changes/{s[:-3]}/r1/index.html": (DATES[DATES.index(s[:-3]) - 1], s)
        for s in REVISED
        if s.endswith("r1")
    }
    found = {p.relative_to(built / "site").as_posix() for p in (built / "site/privacy/changes").rglob("index.html")}
    assert found == set(expected), "every changes page checked"
    for address, pair in expected.items():
        stamp = page(built, address).xpath("//p[contains(@class, 'ld-stamp')]")[0]
        (link,) = stamp.xpath("a[@class='ld-compare-link']")
        assert text(link) == "Compare other versions"
        target = urlsplit(link.get("href"))
        here = (built / "site" / address).parent
        assert (here / target.path / "index.html").resolve() == built / "site/privacy/compare/index.html", address
        if pair is None:  # the first version: nothing before it, the page's own default pair
            assert target.query == "", address
            continue
        assert target.query == f"from={pair[0]}&to={pair[1]}", address
        assert set(pair) <= set(offered), "the pickers offer both"


def test_a_drafts_changes_page_opens_the_compare_page_on_the_draft_against_the_text_in_force(tmp_path: Path) -> None:
    from git import Repo
    from helpers import commit, copy_site, edit

    site = copy_site(tmp_path / "preview")
    repo = Repo(site)
    document = site / "docs/privacy/document.yml"
    edit(document, "effective: 2018-05-25", "effective: 2020-01-01")
    commit(repo, "Second version", "2019-11-01")
    repo.git.checkout("-b", "proposal")
    edit(document, "effective: 2020-01-01", "effective: 2030-01-01")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and others")
    commit(repo, "Propose a third version", "2024-11-01")
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    (link,) = page(site, "privacy/changes/proposed/index.html").xpath(
        "//p[contains(@class, 'ld-stamp')]/a[@class='ld-compare-link']"
    )
    assert link.get("href") == "../../compare/?from=2020-01-01&to=proposed"
    offered = page(site, "privacy/compare/index.html").xpath("//select[@id='ld-compare-from']//option/@value")
    assert offered == ["proposed", "2020-01-01", "2018-05-25"]


def test_without_a_compare_page_nothing_links_to_one(tmp_path: Path) -> None:
    """A build whose route table has no compare page (an older table, a site that leaves it out)."""
    from datetime import date

    from legaldocs import pages, routes
    from legaldocs.loader import load_site
    from legaldocs.siteconfig import SiteOptions
    from legaldocs.templating import Templates

    site = six_version_site(tmp_path / "site", corrected=False)
    loaded = load_site(SiteOptions(site / "docs", site), date(2024, 1, 1), include_uncommitted=False)
    for without in ((), ("compare", "compare-data", "compare-revision-data", "compare-current")):
        made = routes.outputs(loaded, [r for r in routes.ROUTES if r.name not in without])
        linker = routes.Linker(made)
        by_address = {o.address: o for o in made}
        for address in ("privacy/versions/", f"privacy/changes/{DATES[3]}/"):
            _, body = pages.render(pages.Build(loaded, linker, Templates()), by_address[address])
            links = lxml.html.fragment_fromstring(body, create_parent="div").xpath("//a[@class='ld-compare-link']")
            assert len(links) == (0 if without else 1), (address, without)


# In Chromium ---------------------------------------------------------------------------------


def shown(tab: Any, old: str, new: str) -> None:
    tab.wait_for_selector(f".ld-compare-result[data-pair='{old} {new}']")


def query(tab: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.url).query)


def test_choosing_in_the_pickers_shows_the_pair_and_writes_the_address(tab: Any, served: str) -> None:
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(served, wait_until="networkidle")
    shown(tab, DATES[4], DATES[5])
    assert query(tab) == {"from": [DATES[4]], "to": [DATES[5]]}, "the pair it opens on, in the address"
    data = [u for u in requests if "/compare/data/" in u]
    assert sorted(u.rsplit("/", 1)[1] for u in data) == [f"{DATES[4]}.json", f"{DATES[5]}.json"], "only the two"
    assert all(u.startswith(served.split("/privacy/")[0]) for u in requests), "nothing from another host"
    assert tab.is_hidden(".ld-compare-nojs")
    for picker in ("#ld-compare-from", "#ld-compare-to"):
        assert tab.eval_on_selector_all(f"{picker} option", "os => os.map(o => o.value)") == PICKED
        assert tab.eval_on_selector_all(f"{picker} optgroup", "gs => gs.length") == 2, "the groups copied too"
    tab.select_option("#ld-compare-from", DATES[0])
    shown(tab, DATES[0], DATES[5])
    assert query(tab) == {"from": [DATES[0]], "to": [DATES[5]]}
    tab.select_option("#ld-compare-to", DATES[2])
    shown(tab, DATES[0], DATES[2])
    assert query(tab) == {"from": [DATES[0]], "to": [DATES[2]]}
    assert (
        tab.inner_text(".ld-compare-pair")
        == "From Effective 25 May 2018 (Superseded) to Effective 1 March 2020 (Superseded)"
    )
    tab.click(".ld-compare-swap")
    shown(tab, DATES[2], DATES[0])
    assert query(tab) == {"from": [DATES[2]], "to": [DATES[0]]}
    assert len([u for u in requests if "/compare/data/" in u]) == 4, "each version fetched once"


def test_a_shared_address_opens_that_pair_and_its_view(tab: Any, served: str) -> None:
    tab.goto(f"{served}?from={DATES[1]}&to={DATES[3]}&view=side&show=removed", wait_until="networkidle")
    shown(tab, DATES[1], DATES[3])
    assert tab.input_value("#ld-compare-from") == DATES[1]
    assert tab.input_value("#ld-compare-to") == DATES[3]
    assert tab.is_checked("input[data-choice='view'][value='side']")
    assert tab.is_checked("input[data-choice='show'][value='removed']")
    assert tab.get_attribute(".ld-redline", "data-ld-view") == "side"
    assert tab.is_visible(".ld-side-body") and tab.is_hidden(".ld-inline-body")


def test_an_unknown_version_in_the_address_is_said_and_the_default_pair_shown(tab: Any, served: str) -> None:
    tab.goto(f"{served}?from=1999-01-01&to={DATES[3]}", wait_until="networkidle")
    shown(tab, DATES[4], DATES[3])
    assert "no version 1999-01-01" in tab.inner_text(".ld-compare-unknown")


def visible_marks(tab: Any) -> dict[str, int]:
    return tab.evaluate(
        """() => {
            const seen = e => e.getClientRects().length > 0;
            const count = s => [...document.querySelectorAll('.ld-redline ' + s)].filter(seen).length;
            return {ins: count('ins.ld-ins'), del: count('del.ld-del'),
                    unchanged: count('details.ld-section-unchanged'), sections: count('.ld-change')};
        }"""
    )


def hidden_marks_in_shown_sections(tab: Any) -> int:
    """Insertions or deletions hidden inside a section that is shown (open): a filter must never do that."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('.ld-redline section.ld-change')]
            .filter(s => s.getClientRects().length)
            .flatMap(s => [...s.querySelectorAll('ins.ld-ins, del.ld-del')])
            .filter(m => !m.closest('.ld-side-body') && !m.getClientRects().length).length"""
    )


def test_views_and_filters_work_without_a_reload_and_round_trip_through_the_address(tab: Any, served: str) -> None:
    tab.goto(f"{served}?from={DATES[2]}&to={DATES[4]}", wait_until="networkidle")
    shown(tab, DATES[2], DATES[4])
    everything = visible_marks(tab)
    assert everything["ins"] and everything["del"] and everything["unchanged"]
    tab.evaluate("window.notReloaded = true")

    tab.check("input[data-choice='show'][value='added']")
    added = visible_marks(tab)
    assert added["ins"] == everything["ins"] and added["unchanged"] == 0
    assert added["sections"] < everything["sections"], "sections without additions are hidden"
    assert added["del"] > 0 and hidden_marks_in_shown_sections(tab) == 0, "a section shown keeps its removals"
    assert query(tab)["show"] == ["added"] and query(tab)["from"] == [DATES[2]], "from and to are kept"
    assert "sections shown: only those with additions" in tab.inner_text(".ld-views-status")

    tab.check("input[data-choice='show'][value='removed']")
    removed = visible_marks(tab)
    assert removed["del"] == everything["del"] and removed["sections"] < everything["sections"]
    assert hidden_marks_in_shown_sections(tab) == 0, "a section shown keeps its additions"

    tab.check("input[data-choice='show'][value='changed']")
    changed = visible_marks(tab)
    assert changed["unchanged"] == 0 and changed["ins"] == everything["ins"] and changed["del"] == everything["del"]

    tab.check("input[data-choice='view'][value='side']")
    assert query(tab) == {"from": [DATES[2]], "to": [DATES[4]], "show": ["changed"], "view": ["side"]}
    columns = tab.evaluate(
        """() => [...document.querySelectorAll('.ld-side-row:not(.ld-side-head)')]
            .filter(r => r.getClientRects().length)
            .map(r => [...r.children].map(c => [c.querySelectorAll('ins.ld-ins').length,
                                               c.querySelectorAll('del.ld-del').length]))"""
    )
    assert columns, "rows of two cells"
    assert all(before[0] == 0 and after[1] == 0 for before, after in columns), (
        "before: no insertions; after: none deleted"
    )
    assert sum(before[1] for before, _ in columns) and sum(after[0] for _, after in columns)
    widths = tab.evaluate(FIRST_ROW_LEFTS)
    assert widths[1] > widths[0] + 100, "side by side on a wide screen"
    assert tab.evaluate("window.notReloaded") is True, "no reload"
    assert tab.evaluate("new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size") == tab.evaluate(
        "document.querySelectorAll('[id]').length"
    ), "no id twice"

    tab.reload(wait_until="networkidle")
    shown(tab, DATES[2], DATES[4])
    assert tab.is_checked("input[data-choice='view'][value='side']")
    assert tab.is_checked("input[data-choice='show'][value='changed']")
    assert tab.is_visible(".ld-side-body")

    tab.set_viewport_size({"width": 390, "height": 800})
    stacked = tab.evaluate(FIRST_ROW_LEFTS)
    assert abs(stacked[0] - stacked[1]) < 2, "stacked on a phone"


def test_the_choices_are_reached_by_keyboard_with_visible_focus(tab: Any, served: str) -> None:
    tab.goto(f"{served}?from={DATES[0]}&to={DATES[1]}", wait_until="networkidle")
    shown(tab, DATES[0], DATES[1])
    tab.focus("input[data-choice='view'][value='inline']")
    tab.keyboard.press("ArrowRight")  # radio buttons: the arrow keys choose
    tab.wait_for_function("new URL(location.href).searchParams.get('view') === 'side'")
    assert tab.evaluate("document.activeElement.value") == "side"
    assert query(tab)["view"] == ["side"]
    assert tab.get_attribute(".ld-redline", "data-ld-view") == "side"
    assert tab.evaluate(FOCUS_RING) == ["solid", "3px"], "visible focus"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('data-choice')") == "show"
    tab.keyboard.press("ArrowDown")
    tab.wait_for_function("new URL(location.href).searchParams.get('show') === 'added'")
    assert query(tab)["show"] == ["added"]
    assert tab.evaluate(FOCUS_RING) == ["solid", "3px"]


FOCUS_RING = (
    "[getComputedStyle(document.activeElement).outlineStyle, getComputedStyle(document.activeElement).outlineWidth]"
)


def test_every_pair_in_the_page_agrees_with_the_engine(tab: Any, served: str) -> None:
    """The words shown inserted and deleted by the real compare page, for all 90 ordered pairs of the
    six versions and the four revisions (a version's last revision is its text: nothing changed)."""
    by_slug = texts_by_slug()
    tab.goto(served, wait_until="networkidle")
    shown(tab, DATES[4], DATES[5])
    changed = same = 0
    for old, new in PAIRS:
        tab.select_option("#ld-compare-from", old)
        tab.select_option("#ld-compare-to", new)
        shown(tab, old, new)
        got = [tuple(m) for m in tab.evaluate(MARKS)]
        python = lxml.html.fragment_fromstring(redline_html.change_html(redline.compare(by_slug[old], by_slug[new])))
        assert got == marks(python), f"{old} to {new}"
        changed += bool(got)
        same += by_slug[old] is by_slug[new]
    assert same == 4, "2020-03-01 and its r2, 2022-03-01 and its r2, each way"
    assert changed == len(PAIRS) - same, "every other pair has marked words"


def test_a_shared_address_opens_a_pair_of_revisions(tab: Any, served: str) -> None:
    tab.goto(f"{served}?from=2020-03-01/r1&to=2020-03-01/r2", wait_until="networkidle")
    shown(tab, "2020-03-01/r1", "2020-03-01/r2")
    assert tab.input_value("#ld-compare-from") == "2020-03-01/r1"
    assert tab.input_value("#ld-compare-to") == "2020-03-01/r2"
    assert tab.is_hidden(".ld-compare-unknown")
    assert tab.inner_text(".ld-compare-pair") == (
        "From Effective 1 March 2020, revision 1 to Effective 1 March 2020, revision 2"
    )
    links = tab.eval_on_selector_all(".ld-compare-pair a", "as => as.map(a => a.getAttribute('href'))")
    assert links == ["../versions/2020-03-01/r1/", "../versions/2020-03-01/r2/"]
    got = [tuple(m) for m in tab.evaluate(MARKS)]
    by_slug = texts_by_slug()
    python = redline.compare(by_slug["2020-03-01/r1"], by_slug["2020-03-01/r2"])
    assert got == marks(lxml.html.fragment_fromstring(redline_html.change_html(python)))
    assert {("+", "Secure"), ("-", "Safe"), ("+", "allows"), ("-", "allow")} <= set(got), "the rename, the word"
    renamed = tab.inner_text(".ld-compare-result .ld-change:has(del.ld-del) .ld-change-title")
    assert "Keeping" in renamed, "the renamed section, shown by its title"
    tab.select_option("#ld-compare-to", DATES[3])
    shown(tab, "2020-03-01/r1", DATES[3])
    assert query(tab) == {"from": ["2020-03-01/r1"], "to": [DATES[3]]}


FIRST_ROW_LEFTS = """() => [...document.querySelector('.ld-side-row:not(.ld-side-head):not(.ld-side-same)').children]
    .map(c => c.getBoundingClientRect().left)"""  # the first row with a change: its cells' left edges

MARKS = """() => [...document.querySelectorAll('.ld-compare-result ins.ld-ins, .ld-compare-result del.ld-del')]
    .flatMap(e => LegalDocsRedline.words(e.textContent).map(w => [e.tagName === 'INS' ? '+' : '-', w]))"""


def test_without_javascript_the_links_are_there(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(served, wait_until="networkidle")
    assert tab.is_visible(".ld-compare-nojs")
    assert tab.is_hidden(".ld-compare-form")
    links = tab.locator(".ld-compare-links a")
    assert links.count() == 11
    links.first.click()
    assert tab.url.endswith(f"/privacy/changes/{DATES[-1]}/")
    assert tab.locator(".ld-redline").count() == 1 and tab.locator(".ld-views").count() == 0, "inline, everything"
    context.close()


axe = serious_violations


@pytest.mark.parametrize("view", ["inline", "side"])
@pytest.mark.parametrize("show", ["all", "added"])
def test_axe_finds_nothing_serious_on_the_compare_page(tab: Any, served: str, view: str, show: str) -> None:
    tab.goto(f"{served}?from={DATES[1]}&to={DATES[4]}&view={view}&show={show}", wait_until="networkidle")
    shown(tab, DATES[1], DATES[4])
    assert axe(tab) == []


def test_a_changes_page_side_by_side_is_accessible_and_kept_in_the_address(tab: Any, served: str) -> None:
    changes = served.replace("/compare/", f"/changes/{DATES[3]}/")
    tab.goto(changes + "?view=side", wait_until="networkidle")
    assert tab.get_attribute(".ld-redline", "data-ld-view") == "side"
    assert tab.is_visible(".ld-side-body")
    assert axe(tab) == []
    tab.check("input[data-choice='show'][value='changed']")
    assert query(tab) == {"view": ["side"], "show": ["changed"]}


# One set of choices per page -----------------------------------------------------------------


def test_a_section_history_has_one_set_of_choices_for_all_its_redlines(tab: Any, served: str) -> None:
    history = served.replace("/compare/", "/sections/cookies/")
    tab.goto(history, wait_until="networkidle")
    redlines = tab.locator(".ld-redline")
    assert redlines.count() == 5, "one per version that changed the section"
    assert tab.locator("form.ld-views").count() == 1, "one set of choices"
    assert tab.evaluate(
        """() => {
            const bar = document.querySelector('form.ld-views');
            const entries = [...document.querySelectorAll('.ld-history-entry')];
            return bar.nextElementSibling === entries[0]
                && entries.every(e => !e.contains(bar) && (bar.compareDocumentPosition(e) & 4));
        }"""
    ), "above every entry, in none of them"
    tab.evaluate("window.notReloaded = true")

    tab.check("input[data-choice='view'][value='side']")
    assert query(tab) == {"view": ["side"]}
    assert tab.eval_on_selector_all(".ld-redline", "rs => rs.map(r => r.getAttribute('data-ld-view'))") == ["side"] * 5
    assert (
        tab.eval_on_selector_all(
            ".ld-redline",
            "rs => rs.map(r => [...r.querySelectorAll('.ld-side-body')].some(b => b.getClientRects().length > 0))",
        )
        == [True] * 5
    ), "every entry side by side"
    tab.check("input[data-choice='show'][value='removed']")
    assert query(tab) == {"view": ["side"], "show": ["removed"]}
    assert (
        tab.eval_on_selector_all(".ld-redline", "rs => rs.map(r => r.getAttribute('data-ld-show'))") == ["removed"] * 5
    )
    sections = tab.locator(".ld-redline .ld-change").count()
    assert tab.inner_text(".ld-views-status").endswith(f"of {sections} sections shown: only those with removals.")
    assert tab.evaluate("window.notReloaded") is True
    assert tab.evaluate("new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size") == tab.evaluate(
        "document.querySelectorAll('[id]').length"
    ), "no id twice"

    tab.goto(f"{history}?view=side&show=changed", wait_until="networkidle")
    assert tab.locator("form.ld-views").count() == 1
    assert tab.is_checked("input[data-choice='view'][value='side']")
    assert tab.is_checked("input[data-choice='show'][value='changed']")
    assert tab.eval_on_selector_all(".ld-redline", "rs => rs.map(r => r.getAttribute('data-ld-view'))") == ["side"] * 5

    tab.focus("input[data-choice='view'][value='side']")
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_function("new URL(location.href).searchParams.get('view') === 'inline'")
    assert tab.evaluate(FOCUS_RING) == ["solid", "3px"], "visible focus"
    assert (
        tab.eval_on_selector_all(".ld-redline", "rs => rs.map(r => r.getAttribute('data-ld-view'))") == ["inline"] * 5
    )


@pytest.mark.parametrize("view", ["inline", "side"])
def test_axe_finds_nothing_serious_on_a_section_history(tab: Any, served: str, view: str) -> None:
    tab.goto(served.replace("/compare/", f"/sections/cookies/?view={view}"), wait_until="networkidle")
    assert tab.get_attribute(".ld-redline", "data-ld-view") == view
    assert axe(tab) == []


def test_the_compare_page_keeps_one_set_of_choices_as_pairs_change(tab: Any, served: str) -> None:
    tab.goto(f"{served}?from={DATES[0]}&to={DATES[1]}&view=side", wait_until="networkidle")
    shown(tab, DATES[0], DATES[1])
    tab.select_option("#ld-compare-to", DATES[2])
    shown(tab, DATES[0], DATES[2])
    assert tab.locator("form.ld-views").count() == 1
    assert tab.get_attribute(".ld-redline", "data-ld-view") == "side"
    assert tab.is_checked("input[data-choice='view'][value='side']")


# The scripts' words are the site's ---------------------------------------------------------


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The six versions built with ``theme.language: de``: the site's folder, and its document served."""
    from helpers import edit

    site = six_version_site(tmp_path_factory.mktemp("de"), corrected=False)
    edit(site / "mkdocs.yml", "language: en", "language: de")
    build(site, env=BUILT)
    url, server = serve(site / "site")
    yield site, url + "privacy/"
    server.shutdown()


@pytest.fixture(scope="module")
def german(german_site: tuple[Path, str]) -> str:
    return german_site[1]


def test_a_german_site_gives_its_scripts_german_words(tab: Any, german: str) -> None:
    tab.goto(f"{german}compare/?from={DATES[1]}&to={DATES[3]}&show=added", wait_until="networkidle")
    shown(tab, DATES[1], DATES[3])
    bar = tab.locator("form.ld-views")
    assert bar.get_attribute("aria-label") == "So werden die Änderungen gezeigt"
    assert tab.eval_on_selector_all("form.ld-views legend", "ls => ls.map(l => l.textContent)") == ["Ansicht", "Zeigen"]
    labels = tab.eval_on_selector_all("form.ld-views label", "ls => ls.map(l => l.textContent.trim())")
    assert labels == [
        "Im Text",
        "Nebeneinander",
        "Alles",
        "Nur Hinzufügungen",
        "Nur Streichungen",
        "Nur geänderte Abschnitte",
    ]
    assert " Abschnitten gezeigt: nur die mit Hinzufügungen." in tab.inner_text(".ld-views-status")
    assert tab.inner_text(".ld-compare-pair").startswith("Von Gültig ab 1. März 2019")
    assert " bis " in tab.inner_text(".ld-compare-pair")
    assert tab.inner_text(".ld-compare-status").startswith("Gezeigt werden die Änderungen von ")
    tab.check("input[data-choice='view'][value='side']")
    assert tab.inner_text(".ld-side-head").split() == ["Vorher", "Nachher"]
    history = german + "sections/cookies/?view=side"
    tab.goto(history, wait_until="networkidle")
    assert tab.eval_on_selector_all("form.ld-views legend", "ls => ls.map(l => l.textContent)") == ["Ansicht", "Zeigen"]
    tab.goto(f"{german}compare/?from=1999-01-01", wait_until="networkidle")
    assert tab.inner_text(".ld-compare-unknown") == "Hier gibt es keine Fassung 1999-01-01: wählen Sie aus den Listen."


def test_a_german_site_says_what_kind_of_change_in_german_in_both_engines(tab: Any, german: str) -> None:
    """Version 2 changes punctuation only: the changes page (Python) and the compare page (the browser)
    both say so in the site's language (words.py)."""
    notes = ".ld-redline .ld-note"
    tab.goto(f"{german}changes/{DATES[1]}/", wait_until="networkidle")
    built = tab.eval_on_selector_all(notes, "ns => ns.map(n => n.textContent.trim())")
    tab.goto(f"{german}compare/?from={DATES[0]}&to={DATES[1]}", wait_until="networkidle")
    shown(tab, DATES[0], DATES[1])
    computed = tab.eval_on_selector_all(".ld-compare-result " + notes, "ns => ns.map(n => n.textContent.trim())")
    assert "Nur Satzzeichen:" in built and "Punctuation only:" not in built
    assert "Nur Satzzeichen:" in computed and "Punctuation only:" not in computed


#: A redline's own words (its notes, labels and headers), in the page: a CSS selector.
NOTES = (
    ".ld-change-notes li, .ld-note, .ld-unchanged-note, .ld-facts li, .ld-meta-label, "
    ".ld-purpose-table thead th:last-child"
)


def test_a_german_site_writes_every_note_of_a_redline_in_german_in_both_engines(tab: Any, german: str) -> None:
    """Each version's changes page (Python) and the compare page's redline of the same pair (the browser):
    the same notes, in German (words.py), none in English."""
    built, computed = [], []
    for before, after in itertools.pairwise(DATES):
        tab.goto(f"{german}changes/{after}/", wait_until="networkidle")
        built += tab.eval_on_selector_all(f".ld-redline :is({NOTES})", "ns => ns.map(n => n.textContent.trim())")
        tab.goto(f"{german}compare/?from={before}&to={after}", wait_until="networkidle")
        shown(tab, before, after)
        selector = f".ld-compare-result .ld-redline :is({NOTES})"
        computed += tab.eval_on_selector_all(selector, "ns => ns.map(n => n.textContent.trim())")
    assert built == computed
    assert {"(keine Änderungen)", "Was sich geändert hat", "Abschnitt entfernt."} <= set(built), sorted(set(built))
    english = ["(no changes)", "What changed", "No change.", "New section.", "Moved", "Renumbered", "Renamed"]
    assert [n for n in built if any(e in n for e in english)] == []


def test_an_english_site_writes_the_scripts_words_in_english(built: Path) -> None:
    for address in ("privacy/compare/index.html", "privacy/sections/cookies/index.html", "privacy/index.html"):
        (words,) = page(built, address).xpath("//head/script[@id='ld-words']")
        given = json.loads(words.text)
        assert given["Side by side"] == "Side by side" and given["From {old} to {new}"] == "From {old} to {new}"


# No English word of legaldocs' own on a German site (issue 20) ----------------------------------


def english_words() -> set[str]:
    """The words of legaldocs' English phrases (their fields left out) that no German phrase has."""
    english = [*words.ENGLISH, *(f for forms in words.COUNTED.values() for f in forms["en"].values())]
    german = [*words.TABLES["de"].values(), *(f for forms in words.COUNTED.values() for f in forms["de"].values())]
    said = {w.lower() for phrase in german for w in re.findall(r"[^\W\d_]+", re.sub(r"\{\w*\}", " ", phrase))}
    found = {w.lower() for phrase in english for w in re.findall(r"[^\W\d_]+", re.sub(r"\{\w*\}", " ", phrase))}
    return {w for w in found - said if len(w) > 1}


def own_text(site: Path) -> tuple[str, list[str]]:
    """What the site's repository says itself, in every commit (the policy's English is the document's,
    not legaldocs' words): all of its text, whitespace as one space, and its pieces, longest first (each
    value of its YAML files, each line of its Markdown between placeholders and links, commit messages)."""
    repo = Repo(site)
    found = [repo.git.log("--format=%an %ae %B"), (site / "mkdocs.yml").read_text(encoding="utf-8")]
    pieces = {line for line in found[0].splitlines()}
    for each in repo.iter_commits():
        for blob in each.tree.traverse():
            if blob.type != "blob" or not blob.path.endswith((".md", ".yml", ".yaml")):
                continue
            content = blob.data_stream.read().decode("utf-8", "replace")
            found.append(content)
            if blob.path.endswith(".md"):
                pieces.update(
                    re.split(r"\n|\{\{.*?\}\}|\]\(.*?\)|[\[\]*_#`>|]|^\s*(?:[-+]|\d+\.)\s", content, flags=re.M)
                )
            else:
                pieces.update(scalars(yaml.safe_load(content)))
    whole = " ".join(" ".join(found).split())
    pieces = {" ".join(str(p).split()) for p in pieces if p}
    return whole, sorted((p for p in pieces if len(p) > 3), key=len, reverse=True)


def scalars(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in scalars(v)]
    if isinstance(value, list):
        return [s for v in value for s in scalars(v)]
    return [str(value)] if isinstance(value, str) else []


#: In the page: its visible text and the words of its attributes, with the repository's own text
#: (``own_text``) blanked first: every text that is all its own, and every piece of it in other texts.
LEGALDOCS_TEXT = """([whole, pieces]) => {
    const norm = (s) => s.replace(/\\s+/g, " ").trim();
    const theirs = (text) => {
        if (whole.includes(norm(text))) return "";
        let left = text.replace(/\\s+/g, " ");
        for (const piece of pieces) left = left.split(piece).join(" ");
        return left;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (norm(node.data)) nodes.push(node);
    nodes.forEach((node) => { node.data = theirs(node.data); });
    const names = ["aria-label", "title", "placeholder", "alt"];
    const attributes = [...document.querySelectorAll(names.map((n) => `[${n}]`).join(","))]
        .flatMap((e) => names.map((n) => e.getAttribute(n)))
        .filter(Boolean)
        .map(theirs);
    return [document.body.innerText, ...attributes].join("\\n");
}"""


def english_on(tab: Any, english: set[str], own: tuple[str, list[str]]) -> list[str]:
    """The English words of legaldocs on the page in the tab, every <details> opened first."""
    tab.eval_on_selector_all("details", "ds => ds.forEach(d => { d.open = true; })")
    shown = tab.evaluate(LEGALDOCS_TEXT, own)
    return sorted({w for w in re.findall(r"[^\W\d_]+", shown) if w.lower() in english})


def test_a_german_redline_and_compare_page_have_no_english_word_of_legaldocs(
    tab: Any, german_site: tuple[Path, str]
) -> None:
    """Every changes page (Python's redline) and the compare page of each pair (the browser's), their
    notes, counts, filters, labels and attributes: German, no word of legaldocs' English phrases."""
    site, german = german_site
    english, own = english_words(), own_text(site)
    assert {"changes", "section", "moved", "the", "version"} <= english, "the check knows English"
    found: dict[str, list[str]] = {}
    for before, after in itertools.pairwise(DATES):
        tab.goto(f"{german}changes/{after}/", wait_until="networkidle")
        found[tab.url] = english_on(tab, english, own)
        tab.goto(f"{german}compare/?from={before}&to={after}", wait_until="networkidle")
        shown(tab, before, after)
        found[tab.url] = english_on(tab, english, own)
    assert {address: w for address, w in found.items() if w} == {}
