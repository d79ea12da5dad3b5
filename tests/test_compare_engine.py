"""The browser's redline engine (assets/redline.js) agrees with the Python engine, pair for pair.

Six real versions of the seed policy (compare_versions.py), every ordered pair: the change model
the browser computes from two version_data files must be the one redline.compare gives, and its
HTML the one redline_html gives; untrusted text stays text.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import lxml.html
import pytest
from compare_versions import versions
from legaldocs import compare_data, redline, redline_html, render, source, tokens, words
from legaldocs.redline import DocumentText, SectionText
from test_source import PURPOSES, files

pytestmark = pytest.mark.browser

SCRIPT = redline.__file__.replace("redline.py", "assets/redline.js")
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
    page.add_script_tag(path=SCRIPT)
    page.requests = requests
    yield page
    assert requests == [], "the engine must load nothing"
    page.close()


def js_compare(page: Any, data: list[dict[str, Any]], pairs: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Every pair redlined in the page, from the version data passed as JSON."""
    out = page.evaluate(
        """([data, pairs]) => {
            const versions = JSON.parse(data);
            const redline = ([i, j]) => LegalDocsRedline.compare(versions[i], versions[j]);
            return JSON.stringify(JSON.parse(pairs).map(redline));
        }""",
        [json.dumps(data), json.dumps(pairs)],
    )
    return json.loads(out)


def marked(change: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per section, in order: the words inserted and deleted, as ("+", word) and ("-", word)."""
    out = []
    for s in change["sections"]:
        found: list[tuple[str, str]] = []
        diffs = [s["title"]]
        for b in s["blocks"]:
            if b["status"] == redline.INSERTED:
                found.extend(("+", w) for c in (b["new"]["cells"] or [b["new"]["text"]]) for w in tokens.words(c))
            elif b["status"] == redline.DELETED:
                found.extend(("-", w) for c in (b["old"]["cells"] or [b["old"]["text"]]) for w in tokens.words(c))
            diffs.extend(b["diffs"])
        for d in diffs:
            for seg in d["segments"]:
                if seg["op"] == tokens.CHANGE:
                    found.extend(("-", w) for w in tokens.words(seg["old"]))
                    found.extend(("+", w) for w in tokens.words(seg["new"]))
        out.append((s["new_id"] or s["old_id"], found))
    return out


def test_every_pair_agrees_with_the_engine(engine: Any, fixture: Any) -> None:
    texts, data = fixture
    got = js_compare(engine, data, PAIRS)
    for (i, j), browser in zip(PAIRS, got, strict=True):
        expected = redline.compare(texts[i], texts[j]).to_dict()
        pair = f"version {i + 1} to {j + 1}"
        assert [(s["status"], s["new_id"] or s["old_id"]) for s in browser["sections"]] == [
            (s["status"], s["new_id"] or s["old_id"]) for s in expected["sections"]
        ], pair
        assert browser["counts"] == expected["counts"], pair
        assert marked(browser) == marked(expected), pair
        assert browser == expected, pair  # and the rest of the model, field for field


VOCABULARY = [
    *["we", "may", "keep", "data", "the", "of", "and", "or", "to"],
    *["your", "four", "word", "long", "personal", "information", "ClusterSeven", "données", "naïve", "2018", "_x"],
    " ",
    "  ",
    "\n",
    ",",
    ".",
    ";",
    "(",
    ")",
    "’",
    "–",
    "&",
    "<",
    "\U0001f600",
    "\ue000contact\ue001",
    # Issue 16: symbols and signed numbers are words, invisible characters too, look-alikes said.
    *["€", "$", "%", "‰", "§", "/", "+", "-", "−", "50", "-50", "18+", "„", "«", "—"],
    *["\u200b", "\u00ad", "\u202e", "\u2066", "\u2069", "\ufeff", "ico", "icо", "о", "Ρ"],
]


def test_word_diffs_and_matching_agree_on_random_texts(engine: Any) -> None:
    """The word level alone, on texts made to hit every rule: grouping, sliding, ties, long inputs."""
    rng = random.Random(10)
    texts = []
    for _ in range(400):
        a = rng.choices(VOCABULARY, k=rng.randint(0, 120))
        b = list(a)
        for _ in range(rng.randint(0, 12)):  # edits of a text, not two unrelated texts
            at = rng.randint(0, len(b))
            b[at : at + rng.randint(0, 3)] = rng.choices(VOCABULARY, k=rng.randint(0, 3))
        texts.append(("".join(a), "".join(b)))
    texts.append(("data, " * 5000, "data; " * 5000))  # past MAX_TOKENS: replaced, not diffed
    lists = [
        (rng.choices(VOCABULARY[:12], k=rng.randint(0, 200)), rng.choices(VOCABULARY[:12], k=rng.randint(0, 200)))
        for _ in range(100)
    ]
    got = json.loads(
        engine.evaluate(
            """([texts, lists]) => JSON.stringify({
                diffs: JSON.parse(texts).map(([a, b]) => LegalDocsRedline.diff(a, b)),
                matches: JSON.parse(lists).map(([a, b]) => LegalDocsRedline.matches(a, b)),
            })""",
            [json.dumps(texts), json.dumps(lists)],
        )
    )
    assert got["diffs"][-1]["kind"] == tokens.REPLACED
    assert got["diffs"] == [json.loads(json.dumps(asdict(tokens.diff(a, b)))) for a, b in texts]
    assert got["matches"] == [[list(m) for m in tokens.matches(a, b)] for a, b in lists]


def test_ties_break_as_the_engine_does(engine: Any) -> None:
    """Two candidate block pairs equally similar: the first in the old version wins, then in the new."""
    old = DocumentText((SectionText("s", 1, "S", "<p>alpha beta gamma delta</p><p>one two three four</p>"),))
    new = DocumentText((SectionText("s", 1, "S", "<p>one two three five</p><p>alpha beta gamma epsilon</p>"),))
    expected = redline.compare(old, new).to_dict()
    assert [b["status"] for b in expected["sections"][0]["blocks"]] == ["inserted", "changed", "deleted"]
    assert js_compare(engine, [compare_data.version_data(old), compare_data.version_data(new)], [(0, 1)]) == [expected]


def elements(html: str) -> list[tuple[Any, ...]]:
    """Every element as (tag, attributes, text, tail): the structure two serialisers share."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(e.tag, dict(e.attrib), e.text or "", e.tail or "") for e in root.iter() if isinstance(e.tag, str)]


@pytest.mark.parametrize("hide_minor", [False, True])
def test_the_html_is_the_engines(engine: Any, fixture: Any, hide_minor: bool) -> None:
    texts, data = fixture
    html = engine.evaluate(
        """([data, pairs, hideMinor]) => {
            const versions = JSON.parse(data);
            return JSON.parse(pairs).map(([i, j]) =>
                LegalDocsRedline.render(LegalDocsRedline.compare(versions[i], versions[j]), {hideMinor}));
        }""",
        [json.dumps(data), json.dumps(PAIRS), hide_minor],
    )
    for (i, j), browser in zip(PAIRS, html, strict=True):
        expected = redline_html.change_html(redline.compare(texts[i], texts[j]), hide_minor)
        assert elements(browser) == elements(expected), f"version {i + 1} to {j + 1}"


HOSTILE = '<script>window.ran = 1</script> <img src=x onerror="window.ran = 2"> <b onmouseover=alert(3)>x</b> &lt;i&gt;'


def hostile_versions() -> tuple[DocumentText, DocumentText]:
    def read(**changes: str) -> DocumentText:
        found, problems = source.read_document("example", files(**changes), "docs/example")
        assert problems == [] and found is not None
        return redline.document_text(found, render.render(found))

    purposes = PURPOSES.replace("To provide the service.", f"'To provide the service. {HOSTILE}'")
    return read(), read(
        purposes_yml=purposes,
        sections__contact_md=f"# Contact {HOSTILE}\n\nWrite to {{{{ fact: email }}}}. {HOSTILE}\n\n- {HOSTILE}\n",
    )


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
    # in the list item that is new as a whole, shown as the published page shows it.
    assert found["images"] == [["src"]]
    assert engine.evaluate("window.ran") is None
    # The title and the purpose cell are plain text: every character of the hostile text is shown.
    assert [" ".join(t.split()) for t in found["inserted"]] == [HOSTILE, HOSTILE]
    assert [" ".join(t.split()) for t in found["deleted"]] == [HOSTILE, HOSTILE]
    assert found["body"].count("<script>") >= 4


TABLE = "<table><thead><tr><th>Kind</th><th>Kept</th></tr></thead><tbody>{rows}</tbody></table>"
MOVED = "<p>This paragraph is long enough to be followed when it moves to another section.</p>"


def every_kind(new: bool) -> DocumentText:
    """Blocks of every kind the engine knows, the second version editing each of them."""
    rows = (
        "<tr><td>Contact details</td><td>two years</td></tr><tr><td>Logs</td><td>ninety days</td><td>x</td></tr>"
        if new
        else "<tr><td>Contact details</td><td>one year</td></tr><tr><td>Logs</td><td>ninety days</td></tr>"
    )
    nested = "nested one, edited" if new else "nested one"
    lists = f"<ul><li>First item<ul><li>{nested}</li><li>nested two</li></ul></li><li>second</li></ul>"
    lists += "" if new else "<ol><li>o</li></ol>"
    xref = f'<a class="ld-xref" href="#tables">section {2 if new else 1}</a>'
    link = f'<a href="https://example.com/{"new" if new else "old"}">our terms</a>'
    others = (
        f"<blockquote><p>Quoted words{' here' if new else ''}.</p></blockquote>"
        f"<dl><dt>Term</dt><dd>What it means{', exactly' if new else ''}.</dd></dl>"
        f"<pre>code  kept\n  {'there' if new else 'here'}</pre> loose text "
        f"<p>See {xref} and {link}.</p><p>Read {xref} again{' now' if new else ''}.</p>"
    )
    sections = [
        ("tables", "Tables", TABLE.format(rows=rows) + ("" if new else MOVED)),
        ("lists", "Lists & <more>", lists),
        ("others", "Others", others + (MOVED if new else "")),
    ]
    if new:
        sections.insert(0, ("intro", "Intro", "<p>New.</p>"))
    return DocumentText(tuple(SectionText(sid, n, title, body) for n, (sid, title, body) in enumerate(sections, 1)))


def test_blocks_of_every_kind_agree(engine: Any) -> None:
    texts = [every_kind(False), every_kind(True)]
    data = [compare_data.version_data(t) for t in texts]
    changes = [redline.compare(texts[0], texts[1]), redline.compare(texts[1], texts[0])]
    statuses = {(b.kind, b.status, b.formatting) for c in changes for s in c.sections for b in s.blocks}
    assert {("row", "changed", False), ("quote", "changed", False), ("pre", "changed", False)} <= statuses
    assert {("paragraph", "changed", True), ("paragraph", "moved_in", False), ("item", "deleted", False)} <= statuses
    assert js_compare(engine, data, [(0, 1), (1, 0)]) == [c.to_dict() for c in changes]
    html = engine.evaluate(
        """([data]) => {
            const [a, b] = JSON.parse(data), R = LegalDocsRedline;
            return [R.render(R.compare(a, b), {}), R.render(R.compare(b, a), {hideMinor: true})];
        }""",
        [json.dumps(data)],
    )
    assert elements(html[0]) == elements(redline_html.change_html(changes[0]))
    assert elements(html[1]) == elements(redline_html.change_html(changes[1], hide_minor=True))


#: Issue 16's attacks on the word level, each a paragraph before and after: (old, new).
ATTACKS = {
    "bidi controls": (
        "Deleted after 30 days, not 10 years.",
        "Deleted after \u2067\u206630 days\u2069, not \u206610 years\u2069\u2069.",
    ),
    "zero-width space": ("Write to privacy@ico.org today.", "Write to privacy@ico\u200b.org today."),
    "cyrillic o": ("Write to privacy@ico.org today.", "Write to privacy@icо.org today."),
    "euro to dollar": ("The fee is 50 € a month.", "The fee is 50 $ a month."),
    "a sign": ("We refund 50 within 30 days.", "We refund -50 within 30 days."),
    "per mille": ("Interest of 5% a year.", "Interest of 5‰ a year."),
    "punctuation only": ("We keep data, and we delete it.", "We keep data and we delete it!"),
    "a block with hidden characters": ("Kept.", "Kept.\u2003</p><p>Contact privacy@ico\u200b.org or \u202ethis."),
}


def attack(name: str) -> tuple[DocumentText, DocumentText]:
    return tuple(  # type: ignore[return-value]
        DocumentText((SectionText("terms", 1, "Terms", f"<p>{paragraph}</p>"),)) for paragraph in ATTACKS[name]
    )


@pytest.mark.parametrize("name", list(ATTACKS))
def test_issue_16s_attacks_read_the_same_in_both_engines(engine: Any, name: str) -> None:
    old, new = attack(name)
    data = [compare_data.version_data(old), compare_data.version_data(new)]
    expected = redline.compare(old, new)
    assert js_compare(engine, data, [(0, 1)]) == [expected.to_dict()]
    html = engine.evaluate(
        """([data]) => {
            const [a, b] = JSON.parse(data), R = LegalDocsRedline;
            return [R.render(R.compare(a, b), {}), R.render(R.compare(a, b), {hideMinor: true})];
        }""",
        [json.dumps(data)],
    )
    assert elements(html[0]) == elements(redline_html.change_html(expected))
    assert elements(html[1]) == elements(redline_html.change_html(expected, hide_minor=True))
    shown = lxml.html.fragment_fromstring(html[0], create_parent="div")
    counts = (expected.counts.words_added, expected.counts.words_removed)
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
    assert not any(c in html[0] for c in "\u200b\u202e\u2066\u2067\u2069"), "no hidden character reaches the page"


def test_the_browser_has_tokens_tables(engine: Any) -> None:
    """Punctuation, invisible characters and look-alikes: the browser's copy is Python's."""
    rules = engine.evaluate("LegalDocsRedline.rules")
    assert sorted(rules["punctuation"]) == sorted(tokens.PUNCTUATION_MARKS)
    assert [tuple(r) for r in rules["invisible"]] == list(tokens.INVISIBLE_RANGES)
    assert rules["names"] == tokens.INVISIBLE_NAMES
    assert {c: tuple(v) for c, v in rules["lookalikes"]} == tokens.LOOKALIKES


def test_the_notes_are_in_the_site_language_in_both_engines(engine: Any) -> None:
    """ "Punctuation only" and look-alike letters go through words.py; the page gives the browser its words."""
    pairs = [attack("punctuation only"), attack("cyrillic o")]
    german = words.translator("de")
    for old, new in pairs:
        expected = redline_html.change_html(redline.compare(old, new), t=german)
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
        assert elements(got) == elements(expected)
    shown = [
        e.text_content()
        for old, new in pairs
        for e in lxml.html.fragment_fromstring(
            redline_html.change_html(redline.compare(old, new), t=german), create_parent="div"
        ).xpath("//span[contains(@class, 'ld-note')]")
    ]
    assert shown == ["Nur Satzzeichen:", "[gleich aussehende Buchstaben geändert: ico → icо (kyrillisches о)]"]
