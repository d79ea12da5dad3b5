"""The browser's redline engine (assets/redline.js) agrees with the Python engine, checked under Node in
every pytest run (issue 18): no browser needed.

On every ordered pair of the fixture histories (the six versions and their revisions, the demo's
policy, the terms, no document at all) and on hundreds of random documents with random edits
(docgen), the change model the engine computes from two version_data files must be the one
redline.compare gives, field for field, and its HTML the one redline_html gives, element for
element. A random case that differs is shrunk to the fewest edits that still differ, and reported
with both outputs. test_compare_engine.py checks, in Chromium, that the page runs the same engine.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

import docgen
import lxml.html
import pytest
from compare_versions import ATTACKS, VOCABULARY, attack, every_kind, history_texts, hostile_versions
from jsengine import Engine, comparable, expected, first_difference
from legaldocs import compare_data, redline, tokens, words
from legaldocs.redline import DocumentText, SectionText

RANDOM_CASES = 200  # each compared both ways: 400 pairs


def agree(
    engine: Engine, texts: Sequence[DocumentText], pairs: list[tuple[int, int]], names: Sequence[str] = ()
) -> list[str]:
    """For each pair that differs: which, where, with both values."""
    got = engine.compare([compare_data.version_data(t) for t in texts], pairs)
    out = []
    for (i, j), node in zip(pairs, got, strict=True):
        found = first_difference(comparable(expected(texts[i], texts[j])), comparable(node))
        if found:
            pair = f"{names[i]} → {names[j]}" if names else f"{i} → {j}"
            out.append(f"{pair}: at {found[0]}: Python {found[1]!r}, Node {found[2]!r}")
    return out


def test_every_pair_of_the_fixture_histories_agrees(js_dom: Engine) -> None:
    found = {k: v for k, v in history_texts().items() if not k.endswith("/r2")}  # r2: its version's text
    names, texts = list(found), list(found.values())
    history = [n for n, name in enumerate(names) if name[:1].isdigit()]  # the six versions and revisions
    others = [n for n in range(len(names)) if n not in history]  # the demo, the terms, no document
    pairs = [(i, j) for i in history for j in history if i != j]
    pairs += [p for i in others for p in ((history[0], i), (i, history[0]))]
    assert len(pairs) == 8 * 7 + 6
    differences = agree(js_dom, texts, pairs, names)
    assert not differences, "\n".join(differences[:5])


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("en", "1 section changed", "sections changed"),
        ("de", "1 Abschnitt geändert", "Abschnitte geändert"),
        ("fr", "1 section modifiée", "sections modifiées"),
    ],
)
def test_counts_are_counted_phrases_alike_in_both_engines(js_dom: Engine, language: str, one: str, many: str) -> None:
    """Every count a redline opens with is a phrase of words.py in the form its number takes (CLDR's
    plural rules: Babel in Python, Intl.PluralRules in the browser), in English, German and French."""
    texts = list(history_texts().values())
    pairs = [(i, i + 1) for i in range(len(texts) - 1)]  # each version to the next, the demo, the terms, none
    got = js_dom.compare([compare_data.version_data(t) for t in texts], pairs, language=language)
    said = []
    for (i, j), node in zip(pairs, got, strict=True):
        python = expected(texts[i], texts[j], language=language)
        assert first_difference(comparable(python), comparable(node)) is None, (i, j)
        root = lxml.html.fragment_fromstring(python["html"][0], create_parent="div")
        said += [" ".join(li.text_content().split()) for li in root.xpath("//ul[@class='ld-counts']/li")]
    assert one in said and any(s.endswith(many) and not s.startswith("1 ") for s in said), said


#: The notes of a redline, where its own words are (not the policy's): lxml's XPath.
NOTES = (
    "//ul[@class='ld-change-notes']/li | //span[contains(@class, 'ld-note')] | //span[@class='ld-unchanged-note']"
    " | //ul[@class='ld-facts']/li | //table[@class='ld-purpose-table']//td[not(*)] | //thead/tr/th[last()]"
    " | //span[@class='ld-meta-label'] | //ul[@class='ld-metadata']/@aria-label"
)


def notes(html: str) -> list[str]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found = root.xpath(NOTES)
    return [" ".join((e if isinstance(e, str) else e.text_content()).split()) for e in found]


def test_a_german_redline_is_german_in_both_engines(js_dom: Engine) -> None:
    """A German site's redline says every note in German (words.py), the Python engine's and the browser's
    alike: sections new, removed, renumbered, renamed, moved; blocks moved; the purpose table's notes."""
    found = {k: v for k, v in history_texts().items() if not k.endswith("/r2")}
    texts = [*found.values(), every_kind(False), every_kind(True)]
    history = [n for n, name in enumerate(found) if name[:1].isdigit()]
    none, kinds = list(found).index("none"), len(texts) - 2
    pairs = [(i, j) for i in history for j in history if i != j]
    pairs += [(history[0], none), (none, history[0]), (kinds, kinds + 1), (kinds + 1, kinds)]
    got = js_dom.compare([compare_data.version_data(t) for t in texts], pairs, language="de")
    said: set[str] = set()
    for (i, j), node in zip(pairs, got, strict=True):
        python = expected(texts[i], texts[j], language="de")
        assert first_difference(comparable(python), comparable(node)) is None, (i, j)
        said.update(n for html in python["html"] for n in notes(html))
    german = [
        "Neuer Abschnitt.",
        "Abschnitt entfernt.",
        "(keine Änderungen)",
        "Keine Änderung.",
        "Zweck hinzugefügt.",
        "Wortlaut geändert.",
        "Was sich geändert hat",
        "Titel:",
        "Außerhalb der Abschnitte geändert",
    ]
    assert [g for g in german if g not in said] == []
    starts = ["Neu nummeriert: war Abschnitt ", "Umbenannt: hieß „", "Text aus Abschnitt ", "Datenart umbenannt: aus „"]
    starts += ["Aus Abschnitt ", "In Abschnitt ", "Von anderer Stelle dieses Abschnitts", "Rechtsgrundlage "]
    assert [s for s in starts if not any(n.startswith(s) for n in said)] == []
    assert english_in(said, "de") == []


def english_in(said: set[str], language: str) -> list[str]:
    """The English script words (their text before any field) found in notes of ``language``."""
    table = words.TABLES[language]
    english = {p.split("{")[0].strip() for p in words.SCRIPT_WORDS if table[p] != p} - {"", "“", "(", "Link", "Code"}
    own = " ".join(table[p] for p in words.SCRIPT_WORDS)  # "section" is French too
    return sorted({e for e in english if len(e) > 4 and e not in own for n in said if e in n})


def test_a_french_redline_is_french_in_both_engines(js_dom: Engine) -> None:
    """The French catalogue reaches the browser engine as the page gives it (``words.script_words``): the
    same French notes from both engines, and no English one."""
    found = {k: v for k, v in history_texts().items() if not k.endswith("/r2")}
    texts = [*found.values(), every_kind(False), every_kind(True)]
    history = [n for n, name in enumerate(found) if name[:1].isdigit()]
    kinds = len(texts) - 2
    pairs = [(i, j) for i in history for j in history if i != j] + [(kinds, kinds + 1), (kinds + 1, kinds)]
    got = js_dom.compare([compare_data.version_data(t) for t in texts], pairs, language="fr")
    said: set[str] = set()
    for (i, j), node in zip(pairs, got, strict=True):
        python = expected(texts[i], texts[j], language="fr")
        assert first_difference(comparable(python), comparable(node)) is None, (i, j)
        said.update(n for html in node["html"] for n in notes(html))
    french = ["Nouvelle section.", "Section supprimée.", "(aucune modification)", "Finalité ajoutée."]
    assert [f for f in french if f not in said] == []
    assert any(n.startswith("Renumérotée : était la section ") for n in said)  # notes() joins on spaces
    assert english_in(said, "fr") == []


def test_word_diffs_and_matching_agree_on_random_texts(js_engine: Engine) -> None:
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
    diffs = js_engine.diff(texts)
    assert diffs[-1]["kind"] == tokens.REPLACED
    assert diffs == [json.loads(json.dumps(asdict(tokens.diff(a, b)))) for a, b in texts]
    assert js_engine.matches(lists) == [[list(m) for m in tokens.matches(a, b)] for a, b in lists]


def test_ties_break_as_the_engine_does(js_dom: Engine) -> None:
    """Two candidate block pairs equally similar: the first in the old version wins, then in the new."""
    old = DocumentText((SectionText("s", 1, "S", "<p>alpha beta gamma delta</p><p>one two three four</p>"),))
    new = DocumentText((SectionText("s", 1, "S", "<p>one two three five</p><p>alpha beta gamma epsilon</p>"),))
    change = redline.compare(old, new).to_dict()
    assert [b["status"] for b in change["sections"][0]["blocks"]] == ["inserted", "changed", "deleted"]
    assert agree(js_dom, [old, new], [(0, 1), (1, 0)]) == []


def test_blocks_of_every_kind_agree(js_dom: Engine) -> None:
    texts = [every_kind(False), every_kind(True)]
    changes = [redline.compare(texts[0], texts[1]), redline.compare(texts[1], texts[0])]
    statuses = {(b.kind, b.status, bool(b.formatting)) for c in changes for s in c.sections for b in s.blocks}
    assert {("row", "changed", False), ("quote", "changed", False), ("pre", "changed", False)} <= statuses
    assert {("paragraph", "changed", True), ("paragraph", "moved_in", False), ("item", "deleted", False)} <= statuses
    assert agree(js_dom, texts, [(0, 1), (1, 0)]) == []


def test_hostile_text_agrees(js_dom: Engine) -> None:
    """Markup and script in the text are text to both engines, character for character."""
    assert agree(js_dom, list(hostile_versions()), [(0, 1), (1, 0)]) == []


def test_issue_16s_attacks_agree(js_dom: Engine) -> None:
    """Bidi controls, a zero-width space, a Cyrillic о, € → $, 50 → -50, % → ‰: the same change and marks."""
    for name in ATTACKS:
        assert agree(js_dom, list(attack(name)), [(0, 1), (1, 0)]) == [], name


# --- Random documents --------------------------------------------------------------------------


def random_case(seed: int) -> list[str]:
    """The edits of random case ``seed``: one to four kinds, any mix."""
    rng = random.Random(f"parity/{seed}")
    return rng.choices(list(docgen.MUTATIONS), k=rng.randint(1, 4))


def versions(seed: int, keep: Sequence[int] | None = None) -> tuple[DocumentText, DocumentText, list[str]] | None:
    """Base and edited text of a case (None where the edit is refused: nothing to compare)."""
    old_doc, new_doc, done = docgen.mutated(seed, random_case(seed), keep)
    old, new = docgen.load(old_doc), docgen.load(new_doc)
    if new.refused:
        return None
    return old.text, new.text, done


def minimise(size: int, differs: Callable[[list[int]], bool]) -> list[int]:
    """The fewest of ``range(size)`` (edits, by index) for which ``differs`` still holds: leave out one
    at a time while the difference stays."""
    keep = list(range(size))
    shrunk = True
    while shrunk and len(keep) > 1:
        shrunk = False
        for n in list(keep):
            fewer = [k for k in keep if k != n]
            if differs(fewer):
                keep, shrunk = fewer, True
                break
    return keep


def report(engine: Engine, seed: int) -> str:
    """The case shrunk to the edits that still make the engines differ, with both outputs."""

    def outputs(keep: list[int]) -> tuple[Any, Any, list[str]] | None:
        found = versions(seed, keep)
        if found is None:
            return None
        old, new, done = found
        node = engine.compare([compare_data.version_data(old), compare_data.version_data(new)], [(0, 1)])[0]
        return comparable(expected(old, new)), comparable(node), done

    def differs(keep: list[int]) -> bool:
        found = outputs(keep)
        return found is not None and first_difference(found[0], found[1]) is not None

    keep = minimise(len(random_case(seed)), differs)
    python, node, done = outputs(keep)  # type: ignore[misc]
    where = first_difference(python, node)
    shown = [json.dumps(side, ensure_ascii=False)[:6000] for side in (python, node)]
    edits = "\n  ".join(done)
    return f"random case {seed}, shrunk to {len(keep)} edit(s):\n  {edits}\nfirst difference at {where}\n" + (
        f"Python: {shown[0]}\nNode:   {shown[1]}"
    )


def test_random_documents_agree(js_dom: Engine) -> None:
    """Hundreds of random documents, each with one to four random edits, compared both ways."""
    cases = [(seed, found) for seed in range(RANDOM_CASES) if (found := versions(seed)) is not None]
    assert len(cases) > RANDOM_CASES * 0.8, "most edits are publishable"
    texts = [t for _, (old, new, _) in cases for t in (old, new)]
    pairs = [p for n in range(len(cases)) for p in ((2 * n, 2 * n + 1), (2 * n + 1, 2 * n))]
    got = js_dom.compare([compare_data.version_data(t) for t in texts], pairs)
    for (i, j), node in zip(pairs, got, strict=True):
        if first_difference(comparable(expected(texts[i], texts[j])), comparable(node)):
            seed = cases[i // 2][0]
            pytest.fail(report(js_dom, seed) + ("" if i < j else "\n(compared from the edited text back to the base)"))


def test_a_difference_is_found_and_shrunk(js_dom: Engine) -> None:
    """The check can fail: a version the engine reads with one word changed is a difference, found
    where it is; and shrinking keeps exactly the edits that matter."""
    old, new, _ = versions(1)  # type: ignore[misc]
    data = compare_data.version_data(new)
    block = next(b for s in data["sections"] for b in s["b"] if b.get("x"))
    block["x"] = block["x"].replace(block["x"].split()[0], "Tampered", 1)
    node = js_dom.compare([compare_data.version_data(old), data], [(0, 1)])[0]
    where = first_difference(comparable(expected(old, new)), comparable(node))
    assert where is not None and where[0].startswith("/change/")
    assert minimise(5, lambda keep: 3 in keep) == [3]
    assert minimise(4, lambda keep: {0, 2} <= set(keep)) == [0, 2]


def test_sections_named_as_their_page_shows_them_agree(js_dom: Engine) -> None:
    """A file document's sections: a preamble without title or number, headings as written ("" label),
    numbers generated after a preamble ("1." at position 2): both engines name them as the page does."""
    old = DocumentText(
        (
            SectionText("preamble", 1, "", "<p>We care about privacy.</p>", ""),
            SectionText("a", 2, "1. Who we are", "<p>Example Ltd, London.</p>", ""),
            SectionText("b", 3, "2. Your rights", "<p>Ask us.</p>", ""),
        )
    )
    new = DocumentText(
        (
            SectionText("preamble", 1, "", "<p>We care a lot about privacy.</p>", ""),
            SectionText("b", 2, "2. Your rights", "<p>Ask us, or our regulator.</p>", ""),
            SectionText("a", 3, "1. Who we are", "<p>Example Ltd, Leeds.</p>", ""),
        )
    )
    generated = [
        DocumentText(
            tuple(
                SectionText(s.id, s.number, s.title[3:], s.html, f"{s.number - 1}." if s.title else "")
                for s in text.sections
            )
        )
        for text in (old, new)
    ]
    texts = [old, new, *generated]
    assert agree(js_dom, texts, [(0, 1), (1, 0), (2, 3), (3, 2)]) == []
    for language, preamble in (("en", "Preamble"), ("de", "Präambel")):
        html = expected(old, new, language=language)["html"][0]
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        titles = [" ".join(h.text_content().split()) for h in root.xpath("//*[contains(@class, 'ld-change-title')]")]
        assert titles[0] == preamble and "§" not in " ".join(titles), titles
    html = expected(generated[0], generated[1])["html"][0]
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    titles = [" ".join(h.text_content().split()) for h in root.xpath("//*[contains(@class, 'ld-change-title')]")]
    assert titles == ["Preamble", "§2 → §1 Your rights", "§1 → §2 Who we are"], titles
