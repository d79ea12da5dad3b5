"""The redline hides nothing: a property, tested on random documents and every kind of edit (issue 16).

For two versions of a document, built through the real pipeline (source.py on a path → bytes map,
render, ``redline.document_text``): if what a reader perceives differs (``docgen.perceived``: the
visible text in order, link targets, images, emphasis, table headings, the purpose table and where it
stands, title, summary, date, facts), then
  (a) the change says so: ``Change.unchanged`` is False, its counts are not all 0, and each changed
      thing is marked where it is (a changed, inserted, deleted or moved block, a formatting note on
      a block whose markup changed, the section's title or number, the purpose table); a change
      called "punctuation" or "spacing" is made of white space and punctuation alone;
  (b) every `legaldocs diff` format (text, Markdown, HTML, JSON) says something changed, writes out
      the old and new values a reader could not otherwise see (title, summary, date, facts, link
      targets, images' text alternatives), and the JSON is valid against its schema; the HTML
      redline shows an image that changed, old and new; invisible characters are not written raw;
      look-alike letters from another script are named;
  (c) the browser engine (assets/redline.js, under Node) gives the same change and the same HTML.

Each kind of edit is its own case (``test_property[link_target_and_words]``), seeded, so a failure
names what the redline hides and replays the same.
"""

from __future__ import annotations

import functools
import html
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import Any

import docgen
import jsengine
import jsonschema
import lxml.html
import pytest
from docgen import MUTATIONS, Perceived, Version, as_diff, perceive, perceived
from legaldocs import compare_data, diffcmd, redline, redline_html, redline_text, tokens
from legaldocs.redline import GENERATED, UNCHANGED, Change

SEEDS = range(5)  # documents per kind of edit
VALIDATOR = docgen.DIFF_VALIDATOR
#: Edits a build may refuse instead of marking (with file and line): bidi controls in a left-to-right text.
REFUSABLE = {"bidi"}

#: What "punctuation only" may change (issue 16): white space, these marks, and dashes between words.
PUNCTUATION = set(".,;:!?'\"‘’“”()[]…")
DASHES = set("-‐‑‒–—―")


@functools.cache
def cases(kind: str) -> list[tuple[int, str, Version, Version]]:
    """(seed, the edit in words, old version, new version) for each seed; read once for both tests."""
    out = []
    for seed in SEEDS:
        old_doc, new_doc, done = docgen.mutated(seed, [kind])
        old, new = docgen.load(old_doc), docgen.load(new_doc)
        assert not old.loaded.problems, old.loaded.problems
        out.append((seed, done[0], old, new))
    return out


# --- (a) the change model ----------------------------------------------------------------------


def text_diffs(change: Change) -> Iterator[tokens.TextDiff]:
    for s in change.sections:
        yield s.title
        for b in s.blocks:
            yield from b.diffs
    if change.purposes:
        yield change.purposes.caption
        for row in change.purposes.purposes:
            yield from row.cells


def minor_honest(change: Change) -> list[str]:
    """Every change called white space or punctuation is white space, punctuation, or a dash between
    words: not a digit, a sign touching a digit, a currency, a percent, an invisible character."""
    out = []
    for d in text_diffs(change):
        segments = d.segments
        for n, seg in enumerate(segments):
            if seg.op != tokens.CHANGE or seg.kind not in (tokens.WHITESPACE, tokens.PUNCTUATION):
                continue
            chars = seg.old + seg.new
            kept = [
                [c for c in side if not (c.isspace() or c in PUNCTUATION or c in DASHES)] for side in (seg.old, seg.new)
            ]
            # A word the same on both sides may be inside the segment ("' for' → '  for:'", tokens' SHORT rule).
            bad = [] if kept[0] == kept[1] else sorted(set(kept[0]) ^ set(kept[1]) or set(kept[0] + kept[1]))
            before = segments[n - 1].new[-1:] if n else ""
            after = segments[n + 1].new[:1] if n + 1 < len(segments) else ""
            if any(c in DASHES for c in chars) and (before.isdigit() or after.isdigit()):
                bad.append("a sign touching a digit")
            if bad:
                shown = ", ".join(f"U+{ord(c):04X} {c!r}" if len(c) == 1 else c for c in bad)
                out.append(f"{seg.old!r} → {seg.new!r} is called {seg.kind} only, but changes {shown}")
    return out


def units(version: Version, section_id: str) -> list[tuple[Any, ...]]:
    """What a reader perceives of each block of a section (the redline's blocks, generated ones aside)."""
    html_ = next(s.html for s in version.text.sections if s.id == section_id)
    return [perceive(b.html, version.files) for b in redline.blocks(html_) if b.kind != GENERATED]


def markup(unit: tuple[Any, ...]) -> tuple[Any, ...]:
    """What a block shows beyond its words: links, images, emphasis, and how many cells are headings."""
    return (*unit[1:4], len(unit[4]))


def columns_shown(b: redline.BlockChange, change: Change) -> bool:
    """A header row with a column added or removed: more or fewer heading cells, each column of both
    versions shown as a cell of its own (inserted or struck through) and counted (table_redline)."""
    assert b.old is not None and b.new is not None
    widths = len(b.old.cells), len(b.new.cells)
    counted = change.counts.columns_added if widths[1] > widths[0] else change.counts.columns_removed
    return b.kind == "row" and widths[0] != widths[1] and len(b.diffs) > max(widths) - 1 and counted > 0


def block_marks(old: Version, new: Version, change: Change, section: redline.SectionChange) -> list[str]:
    """Each block a reader sees appear, or vanish, or change markup in this section is marked so."""
    out: list[str] = []
    sid = section.new_id or section.old_id
    before, after = units(old, section.old_id or ""), units(new, section.new_id or "")
    edited = [b for b in section.blocks if b.status != UNCHANGED]
    everywhere = [b for s in change.sections for b in s.blocks if b.status != UNCHANGED]
    for unit in Counter(after) - Counter(before):
        found = [b for b in edited if b.new is not None and perceive(b.new.html, new.files) == unit]
        if not found:
            out.append(f"section {sid}: {unit[0]!r} {unit[1:]} is new to readers but no block is marked")
            continue
        b = found[0]
        if b.status == redline.CHANGED and b.old is not None:
            was = perceive(b.old.html, old.files)
            if markup(was) != markup(unit) and not b.formatting and not columns_shown(b, change):
                out.append(
                    f"section {sid}: the block {unit[0]!r} changed its links, images or emphasis "
                    f"{markup(was)} → {markup(unit)}, and the redline marks only its words"
                )
    for unit in Counter(before) - Counter(after):
        if not any(b.old is not None and perceive(b.old.html, old.files) == unit for b in everywhere):
            out.append(f"section {sid}: {unit[0]!r} {unit[1:]} is gone for readers but no block is marked")
    if not out and before != after and not edited:
        out.append(f"section {sid}: its blocks changed order, and none is marked")
    return out


def uncovered(version: Version) -> list[str]:
    """Words a reader sees in a section that no block of the redline holds (the purpose table and the
    versions list aside: they are compared as data): what the blocks leave out, no edit can mark."""
    out = []
    for s in version.text.sections:
        root = lxml.html.fragment_fromstring(s.html, create_parent="div")
        for element in root.xpath(".//*[contains(@class, 'ld-purposes') or contains(@class, 'ld-version-list')]"):
            element.drop_tree()
        seen = "".join(root.text_content().split())
        held = "".join(
            "".join(lxml.html.fragment_fromstring(b.html).text_content().split())
            for b in redline.blocks(s.html)
            if b.kind != GENERATED
        )
        if seen != held:
            start = next((n for n, (x, y) in enumerate(zip(seen, held, strict=False)) if x != y), len(held))
            out.append(f"section {s.id}: readers see {seen[start : start + 40]!r}, which no block of the redline holds")
    return out


def section_element(page: str, section_id: str) -> Any:
    root = lxml.html.fragment_fromstring(page, create_parent="div")
    found = root.xpath(f"//*[@id='ld-change-{section_id}']")
    return found[0] if found else None


MARKED_CLASS = re.compile(r"(inserted|added|deleted|removed|moved)")


def table_marked(page: str, section_id: str) -> bool:
    """The section's part of the HTML redline shows the purpose table, marked as arriving or leaving; or,
    where the table moved to another section, says so where it stood, in a note marked as moved out
    ("The purpose table moved to section 2."): the table is shown once, where it went (as a moved
    purpose row is), not twice with the same row ids."""
    element = section_element(page, section_id)
    if element is None:
        return False
    if element.xpath(".//p[contains(@class, 'ld-placement')][contains(@class, 'ld-moved-out')]/span[@class='ld-note']"):
        return True
    if not element.xpath(".//table"):
        return False
    return any(MARKED_CLASS.search(e.get("class") or "") for e in element.iter() if isinstance(e.tag, str))


def marks(old: Version, new: Version, a: Perceived, b: Perceived, change: Change) -> list[str]:
    out: list[str] = []
    by_new = {s.new_id: s for s in change.sections if s.new_id}
    by_old = {s.old_id: s for s in change.sections if s.old_id}
    page = redline_html.change_html(change)
    for sid in [*a.sections, *(k for k in b.sections if k not in a.sections)]:
        was, now = a.sections.get(sid), b.sections.get(sid)
        if was == now:
            continue
        section = by_new.get(sid) if now is not None else by_old.get(sid)
        if section is None or ((was is None or now is None) and not section.changed):
            out.append(f"section {sid} is {'new' if was is None else 'gone'}, and not marked")
            continue
        if was is None or now is None:
            continue
        if was[0] != now[0] and not (section.renumbered or section.moved):
            out.append(f"section {sid} is now number {now[0]} (was {was[0]}), and that is not shown")
        if was[1] != now[1] and section.title.kind == tokens.UNCHANGED:
            out.append(f"section {sid}'s title {was[1]!r} became {now[1]!r}, and it is not marked")
        if was[2] != now[2]:
            before = {src for src, *_ in was[2][2]}
            element = section_element(page, sid)
            shown = {img.get("src") for img in element.iter("img")} if element is not None else set()
            for src in sorted((before ^ {src for src, *_ in now[2][2]}) - shown):
                went = "left" if src in before else "arrived"
                out.append(f"section {sid}: the image {src} {went}, and the HTML redline does not show it")
            found = block_marks(old, new, change, section)
            out += found
            in_table = not found and was[3] and now[3] and units(old, section.old_id or "") == units(new, sid)
            if in_table and (change.purposes is None or change.purposes.status == UNCHANGED):
                out.append(f"section {sid}: the purpose table readers see changed, and the redline says unchanged")
            elif not found and not in_table and not any(b.status != UNCHANGED for b in section.blocks):
                seen = f"{was[2][5]} → {now[2][5]}"
                out.append(f"section {sid}: readers see it otherwise ({seen}), and nothing is marked")
        if was[3] != now[3]:
            generated = [b for b in section.blocks if b.kind == GENERATED and (b.new or b.old).text == "purposes"]
            if not generated or all(b.status == UNCHANGED for b in generated):
                out.append(f"section {sid}: the purpose table {'left' if was[3] else 'arrived'}, and it is not marked")
            if not table_marked(page, sid):
                out.append(
                    f"section {sid}: the purpose table {'left' if was[3] else 'arrived'}, and the HTML redline "
                    "does not show it there as removed, added or moved"
                )
    return out


# --- (b) every format of `legaldocs diff` --------------------------------------------------------


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def formats(d: diffcmd.Diff, data: Any) -> dict[str, str]:
    """Each format as a reader reads it: the terminal's text, Markdown with its escapes read, the HTML
    page's visible text, and every string of the JSON (``data``)."""
    page = lxml.html.document_fromstring(redline_text.html(d))
    return {
        "text": redline_text.terminal(d, color=False),
        "markdown": html.unescape(redline_text.markdown(d)),
        "html": page.body.text_content(),
        "json": "\n".join(strings(data)),
    }


def evidence(a: Perceived, b: Perceived) -> set[str]:
    """The old and new values of what a reader sees changed but no word redline can show: the title,
    summary, date, facts, link targets and titles, images' text alternatives and titles."""
    found: set[str] = set()
    for field in ("title", "summary", "effective"):
        if getattr(a, field) != getattr(b, field):
            found |= {getattr(a, field), getattr(b, field)}
    old_facts, new_facts = dict(a.facts), dict(b.facts)
    for key in old_facts.keys() | new_facts.keys():
        if old_facts.get(key) != new_facts.get(key):
            found |= {v for v in (old_facts.get(key), new_facts.get(key)) if v}

    def targets(p: Perceived) -> set[str]:
        out = set()
        for _, _, body, _ in p.sections.values():
            out |= {href for _, href, _ in body[1]} | {title for _, _, title in body[1] if title}
            out |= {alt for _, alt, *_ in body[2] if alt} | {title for *_, title in body[2] if title}
        return out

    return found | (targets(a) ^ targets(b))


def format_problems(d: diffcmd.Diff, a: Perceived, b: Perceived, validate: bool) -> list[str]:
    """``validate``: check the JSON against its schema too (slow: done for one document per kind)."""
    out = []
    data = json.loads(redline_text.as_json(d))
    if validate:
        try:
            VALIDATOR.validate(data)
        except jsonschema.ValidationError as error:
            out.append(f"the JSON is not valid against its schema: {error.message} at {list(error.absolute_path)}")
    if a == b:
        return out
    shown = formats(d, data)
    for name, text in shown.items():
        if "No changes" in text:
            out.append(f"`legaldocs diff --format {name}` says 'No changes'")
    for value in sorted(evidence(a, b)):
        missing = [name for name, text in shown.items() if value not in text]
        if missing:
            out.append(f"{value!r} (changed) is not written out in: {', '.join(missing)}")
    changed = characters(a) ^ characters(b)
    for char in sorted(c for c in changed if unicodedata.category(c[0]) == "Cf"):
        raw = [name for name in ("text", "markdown") if char[0] in shown[name]]
        if raw:
            out.append(f"U+{ord(char[0]):04X} (invisible, changed) is written raw, not as a visible mark, in: {raw}")
    for script in sorted({unicodedata.name(c[0], "").split(" ")[0] for c in changed} & LOOKALIKE_SCRIPTS):
        silent = [n for n in ("text", "markdown", "html") if script.lower() not in shown[n].lower()]
        if silent:
            out.append(f"{script.title()} look-alike letters changed, and {silent} do not say so")
    return out


LOOKALIKE_SCRIPTS = {"CYRILLIC", "GREEK"}


def characters(p: Perceived) -> set[tuple[str, int]]:
    """Each character of the sections' visible text with its count: (character, count)."""
    return set(Counter("".join(body[0] for _, _, body, _ in p.sections.values())).items())


# --- The property --------------------------------------------------------------------------------


def violations(kind: str, old: Version, new: Version, validate: bool = True) -> list[str]:
    if new.refused:
        if kind not in REFUSABLE:
            return [f"a valid edit was refused: {new.refused}"]
        unnamed = [p for p in new.refused if not re.search(r"docs/example/\S+:\d+", p)]
        return [f"refused without file and line: {p}" for p in unnamed]
    a, b = perceived(old), perceived(new)
    change = redline.compare(old.text, new.text)
    out = minor_honest(change) + uncovered(old) + uncovered(new)
    if a != b:
        if change.unchanged:
            out.append("Change.unchanged is True")
        counts = change.to_dict()["counts"]
        if not any(v for v in counts.values()):
            out.append(f"every count is 0: {counts}")
        out += marks(old, new, a, b, change)
    out += format_problems(as_diff(old, new, change), a, b, validate)
    return out


@pytest.mark.parametrize("kind", list(MUTATIONS))
def test_property(kind: str) -> None:
    """Whatever a reader perceives changed is marked, counted and shown in every format."""
    failures = []
    for seed, done, old, new in cases(kind):
        found = violations(kind, old, new, seed == SEEDS[0])
        if found:
            failures.append(f"seed {seed}: {done}" + "".join(f"\n    {v}" for v in found))
    assert not failures, f"the redline hides a change ({len(failures)} of {len(SEEDS)} documents):\n" + "\n".join(
        failures[:3]
    )


@pytest.mark.parametrize("kind", list(MUTATIONS))
def test_engines_agree(kind: str, js_dom: jsengine.Engine) -> None:
    """(c) The browser engine, under Node, gives the same change model and HTML on the same edits."""
    found = [(seed, done, old, new) for seed, done, old, new in cases(kind) if not new.refused]
    data = [compare_data.version_data(v.text) for _, _, old, new in found for v in (old, new)]
    got = js_dom.compare(data, [(2 * n, 2 * n + 1) for n in range(len(found))])
    for (seed, done, old, new), browser in zip(found, got, strict=True):
        python = jsengine.comparable(jsengine.expected(old.text, new.text))
        difference = jsengine.first_difference(python, jsengine.comparable(browser))
        where = difference and f"at {difference[0]}: Python {difference[1]!r}, Node {difference[2]!r}"
        assert difference is None, f"seed {seed}: {done}: {where}"


def test_a_base_document_has_every_kind_of_content() -> None:
    """The generator writes what the property is about; an edit that finds nothing to act on fails."""
    version = docgen.load(docgen.base(random.Random(0)))
    page = lxml.html.fragment_fromstring("".join(s.html for s in version.text.sections), create_parent="div")
    for selector in ("em", "strong", "ul/li", "table//th", "img", "a[@class='ld-xref']", "div[@class='ld-purposes']"):
        assert page.xpath(f".//{selector}"), selector
    assert any(a.get("href", "").startswith("https://") for a in page.iter("a"))
    for kind in MUTATIONS:
        for seed in SEEDS:
            assert "not applicable" not in docgen.mutated(seed, [kind])[2][0], (kind, seed)
