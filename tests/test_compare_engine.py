"""The browser's redline engine (assets/redline.js) in a real browser: the page runs the engine that
test_engine_parity.py checks under Node on every pytest run, to the same change and HTML, and
untrusted text stays text (no script runs, no request is made).

Six real versions of the seed policy (compare_versions.py), every ordered pair: the change model
the browser computes from two version_data files must be the one redline.compare gives, and its
HTML the one redline_html gives, as Chromium parses and serialises it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import lxml.html
import pytest
from compare_versions import ATTACKS, HOSTILE, attack, hostile_versions, versions
from helpers import DOCUMENT, PURPOSES, files
from jsengine import comparable, elements, expected, first_difference
from legaldocs import compare_data, redline, redline_html, redline_rules, render, source, words
from legaldocs.redline import DocumentText

pytestmark = pytest.mark.browser

PAIRS = [(i, j) for i in range(6) for j in range(6) if i != j]


@pytest.fixture(scope="module")
def fixture() -> tuple[list[DocumentText], list[dict[str, Any]]]:
    found = versions()
    return found, [compare_data.version_data(v) for v in found]


@pytest.fixture()
def engine(browser: Any) -> Iterator[Any]:
    """A blank page with the script, and nothing else: any request it makes is recorded."""
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_content("<!doctype html><html lang='en'><head><title>engine</title></head><body></body></html>")
    page.add_script_tag(content=redline_rules.script())  # as the site publishes it
    page.requests = requests
    yield page
    assert requests == [], "the engine must load nothing"
    page.close()


def test_the_page_runs_the_engine_to_the_same_change_and_html(engine: Any, fixture: Any) -> None:
    """Every pair, in Chromium: the model field for field, the HTML element for element (both views)."""
    texts, data = fixture
    got = engine.evaluate(
        """([data, pairs]) => {
            const versions = JSON.parse(data), R = LegalDocsRedline;
            return JSON.stringify(JSON.parse(pairs).map(([i, j]) => {
                const change = R.compare(versions[i], versions[j]);
                return {change, html: [R.render(change, {}), R.render(change, {hideMinor: true})]};
            }));
        }""",
        [json.dumps(data), json.dumps(PAIRS)],
    )
    for (i, j), browser in zip(PAIRS, json.loads(got), strict=True):
        found = first_difference(comparable(expected(texts[i], texts[j])), comparable(browser))
        assert found is None, f"version {i + 1} to {j + 1}: at {found[0]}: Python {found[1]!r}, Chromium {found[2]!r}"


def test_hostile_text_is_shown_and_nothing_runs(engine: Any) -> None:
    old, new = hostile_versions()
    data = [compare_data.version_data(old), compare_data.version_data(new)]
    engine.on("dialog", lambda dialog: dialog.dismiss())
    found = engine.evaluate(
        """([data]) => {
            const [a, b] = JSON.parse(data);
            const out = document.createElement("div");
            out.innerHTML = LegalDocsRedline.render(LegalDocsRedline.compare(a, b), {})
                + LegalDocsRedline.render(LegalDocsRedline.compare(b, a), {});
            document.body.append(out);
            const texts = selector => [...out.querySelectorAll(selector)].map(e => e.textContent);
            const handlers = [...out.querySelectorAll("*")].flatMap(
                e => [...e.attributes].map(a => a.name).filter(n => n.startsWith("on")));
            return {
                scripts: out.querySelectorAll("script, iframe, object, embed").length,
                images: [...out.querySelectorAll("img")].map(e => e.getAttributeNames()),
                urls: [...out.querySelectorAll("[href], [src]")].map(e => e.href || e.getAttribute("src")),
                handlers,
                inserted: texts("h2 ins, tr#ld-change-purpose-service th ins"),
                deleted: texts("h2 del, tr#ld-change-purpose-service th del"),
                body: out.textContent,
            };
        }""",
        [json.dumps(data)],
    )
    engine.mouse.move(10, 10)
    assert found["scripts"] == 0 and found["handlers"] == []
    assert not [u for u in found["urls"] if u.strip().lower().startswith("javascript:")]
    # The one element of the text that stays an element is the sanitiser's: an image without its handler,
    # in the list item that is new as a whole, shown as the published page shows it; and the same image
    # added to (then removed from) a paragraph, shown by the redline with its address and description only.
    assert found["images"] == [["src", "alt"], ["src"], ["src", "alt"]]
    assert engine.evaluate("window.ran") is None
    # The title and the purpose cell are plain text: every character of the hostile text is shown.
    assert [" ".join(t.split()) for t in found["inserted"]] == [HOSTILE, HOSTILE]
    assert [" ".join(t.split()) for t in found["deleted"]] == [HOSTILE, HOSTILE]
    assert found["body"].count("<script>") >= 4


@pytest.mark.parametrize("name", list(ATTACKS))
def test_issue_16s_attacks_read_the_same_in_the_browser(engine: Any, name: str) -> None:
    """Each attack in Chromium: the same change and markup as Python's, and what each must show."""
    old, new = attack(name)
    data = [compare_data.version_data(old), compare_data.version_data(new)]
    got = engine.evaluate(
        """([data]) => {
            const [a, b] = JSON.parse(data), R = LegalDocsRedline, change = R.compare(a, b);
            return JSON.stringify({change, html: [R.render(change, {}), R.render(change, {hideMinor: true})]});
        }""",
        [json.dumps(data)],
    )
    browser = json.loads(got)
    found = first_difference(comparable(expected(old, new)), comparable(browser))
    assert found is None, f"at {found[0]}: Python {found[1]!r}, Chromium {found[2]!r}"
    shown = lxml.html.fragment_fromstring(browser["html"][0], create_parent="div")
    counts = browser["change"]["counts"]
    counts = (counts["words_added"], counts["words_removed"])
    invisible = [e.text for e in shown.xpath("//span[@class='ld-invisible']")]
    notes = [e.text_content() for e in shown.xpath("//span[contains(@class, 'ld-note')]")]
    assert {
        "bidi controls": counts == (6, 0) and invisible == ["⟨RLI⟩", "⟨LRI⟩", "⟨PDI⟩", "⟨LRI⟩", "⟨PDI⟩", "⟨PDI⟩"],
        "zero-width space": counts == (1, 0) and invisible == ["⟨ZWSP⟩"],
        "cyrillic o": counts == (1, 1) and notes == ["[letters that look alike changed: ico → icо (Cyrillic о)]"],
        "euro to dollar": counts == (1, 1) and notes == [],
        "a sign": counts == (1, 1) and notes == [],
        "per mille": counts == (1, 1) and notes == [],
        "punctuation only": counts == (0, 0) and notes == ["Punctuation only:"],
        "a block with hidden characters": invisible == ["⟨ZWSP⟩", "⟨RLO⟩"],
    }[name], (counts, invisible, notes)
    assert not any(c in browser["html"][0] for c in "\u200b\u202e\u2066\u2067\u2069"), "no hidden character shown raw"


def test_the_notes_are_in_the_site_language_in_both_engines(engine: Any) -> None:
    """ "Punctuation only" and look-alike letters go through words.py; the page gives the browser its words."""
    pairs = [attack("punctuation only"), attack("cyrillic o")]
    german = words.translator("de")
    shown = []
    for old, new in pairs:
        python = redline_html.change_html(redline.compare(old, new), t=german)
        got = engine.evaluate(
            """([data, words]) => {
                const [a, b] = JSON.parse(data), R = LegalDocsRedline;
                return R.render(R.compare(a, b), {words: JSON.parse(words)});
            }""",
            [
                json.dumps([compare_data.version_data(old), compare_data.version_data(new)]),
                json.dumps(words.script_words("de")),
            ],
        )
        assert elements(got) == elements(python)
        root = lxml.html.fragment_fromstring(python, create_parent="div")
        shown += [e.text_content() for e in root.xpath("//span[contains(@class, 'ld-note')]")]
    assert shown == ["Nur Satzzeichen:", "[gleich aussehende Buchstaben geändert: ico → icо (kyrillisches о)]"]


def read_text(**changes: str | None) -> DocumentText:
    """A small real document (test_source.files), read, validated and rendered."""
    found, problems = source.read_document("example", files(**changes), "docs/example")
    assert problems == [] and found is not None
    return redline.document_text(found, render.render(found))


NOT_SOLD = (
    "We will not sell your data. See <a href='https://a.example/terms'>our terms</a>. <img src='logo.png' alt='Logo'>"
)
#: Issue 16: markup changed together with words, the purpose table removed, moved and relabelled,
#: and the title, date, summary and facts changed: each pair in both directions.
ISSUE_16 = [
    (
        {"sections__contact_md": f"# Contact\n\n{NOT_SOLD}\n\nWrite to {{{{ fact: email }}}}.\n"},
        {
            "sections__contact_md": "# Contact\n\nWe will <del>not</del> sell your data, ever, to anyone. See "
            "<a href='https://b.example/terms'>our terms</a> too. <img src='logo2.png' alt='Our logo'>\n\n"
            "Write to **{{ fact: email }}**.\n",
        },
    ),
    ({}, {"sections__intro_md": "# Introduction\n\nWe explain this in {{ section: contact }}.\n"}),
    (
        {},
        {
            "sections__intro_md": "# Introduction\n\nWe explain this in {{ section: contact }}.\n",
            "sections__contact_md": "# Contact\n\nWrite to {{ fact: email }}.\n\n{{ purposes }}\n",
            "purposes_yml": "columns: [Why, What, Basis]\n" + PURPOSES,
        },
    ),
    (
        {},
        {
            "document_yml": DOCUMENT.replace("Example Policy", "Example Privacy Policy")
            .replace("2024-03-01", "2024-09-01")
            .replace("First version.", "Second version, with a new address.")
            .replace("privacy@example.com", "dpo@example.com")
            + "  company: Example Ltd\n",
        },
    ),
]


def test_formatting_placement_and_metadata_agree(engine: Any) -> None:
    """The changes of issue 16 give the same model, counts and HTML in both engines."""
    pairs = []
    for before, after in ISSUE_16:
        old, new = read_text(**before), read_text(**after)
        pairs += [(old, new), (new, old)]
    data = [[compare_data.version_data(a), compare_data.version_data(b)] for a, b in pairs]
    changes = [redline.compare(a, b) for a, b in pairs]
    # The fixture has what it is for: words and markup changed together, the table's place and
    # headers, the lines outside the sections.
    formatting = {f.kind for c in changes for s in c.sections for b in s.blocks for f in b.formatting}
    assert {"strikethrough", "link", "image", "alt", "strong"} <= formatting
    statuses = {b.status for c in changes for s in c.sections for b in s.blocks if b.kind == redline.GENERATED}
    assert {"inserted", "deleted", "moved_in", "moved_out"} <= statuses
    assert any(c.purposes and c.purposes.headers_changed for c in changes)
    assert {m.field for c in changes for m in c.metadata} == {"title", "effective", "summary", "fact"}
    got = json.loads(
        engine.evaluate(
            """([data]) => JSON.stringify(JSON.parse(data).map(([a, b]) => {
                const R = LegalDocsRedline, change = R.compare(a, b);
                return {change, html: R.render(change, {}), hidden: R.render(change, {hideMinor: true})};
            }))""",
            [json.dumps(data)],
        )
    )
    for n, (change, browser) in enumerate(zip(changes, got, strict=True)):
        assert browser["change"] == change.to_dict(), n
        assert elements(browser["html"]) == elements(redline_html.change_html(change)), n
        assert elements(browser["hidden"]) == elements(redline_html.change_html(change, hide_minor=True)), n


def test_the_notes_are_written_in_the_words_given(engine: Any) -> None:
    """Both engines take the phrases of words.py: German in, German notes out, the same in each."""
    from legaldocs import words

    old, new = read_text(**ISSUE_16[0][0]), read_text(**ISSUE_16[0][1])
    change = redline.compare(old, new)
    german = words.script_words("de")
    html = engine.evaluate(
        """([a, b, words]) => LegalDocsRedline.render(LegalDocsRedline.compare(a, b), {words})""",
        [compare_data.version_data(old), compare_data.version_data(new), german],
    )
    expected = redline_html.change_html(change, t=words.translator("de"))
    assert elements(html) == elements(expected)
    assert (
        "Durchstreichung hinzugefügt: „not“." in lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    )
