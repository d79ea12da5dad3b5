"""Random legal documents, the edits made to them, and what a reader perceives of each version.

``base(rng)`` writes a small document as an editor would (sections of Markdown with paragraphs, a
list, a table, a link, emphasis, an image, facts, a cross-reference, the purpose table);
``MUTATIONS`` are the edits an editor or an attacker can make, one function per kind; ``load``
reads and renders a version through the real pipeline (``documents.load``: source.py on a
path → bytes map, then render), and ``perceived`` projects a version onto what a reader can see.
Seeded throughout: a case is its seed, and replays the same.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import unquote

import jsengine
import jsonschema
import lxml.html
from helpers import REPO, png
from legaldocs import compare_data, diffcmd, documents, redline, render
from legaldocs.documents import Loaded
from legaldocs.redline import DocumentText

SLUG, SHOWN_AS = "example", "docs/example"

VOCABULARY = (
    *("data", "personal", "information", "contract", "service", "account", "request", "record", "consent"),
    *("processor", "controller", "transfer", "storage", "backup", "notice", "period", "purpose", "office"),
    *("customer", "partner", "company", "website", "browser", "cookie", "address", "payment", "report"),
    *("keep", "share", "delete", "collect", "protect", "review", "store", "send", "correct", "explain"),
    *("only", "never", "always", "promptly", "securely", "lawfully", "not", "also", "within", "without"),
)


@dataclass
class Section:
    id: str
    title: str
    blocks: list[str]  # Markdown blocks, separated by a blank line in the file


@dataclass
class Doc:
    """One version's sources, as structured data: mutations edit it, ``files`` writes it out."""

    title: str
    summary: str
    effective: str
    facts: dict[str, str]
    caption: str
    columns: list[str]
    types: list[list[str]]  # [id, label]
    purposes: list[dict[str, Any]]  # {id, purpose, data: [ids], bases: [key | [key, interest]]}
    sections: list[Section]
    images: dict[str, bytes] = field(default_factory=dict)
    markdown: str = "mkdocs"  # document.yml's ``markdown:``: whose Markdown renders the sections

    def files(self) -> dict[str, bytes]:
        q = json.dumps  # a JSON string is a YAML double-quoted scalar: any text, safely
        facts = "".join(f"  {k}: {q(v)}\n" for k, v in self.facts.items())
        document = (
            f"title: {q(self.title)}\neffective: {self.effective}\nsummary: {q(self.summary)}\nsections:\n"
            + "".join(f"  - {s.id}\n" for s in self.sections)
            + f"facts:\n{facts}"
            + (f"markdown: {self.markdown}\n" if self.markdown != "mkdocs" else "")
        )
        purposes = f"caption: {q(self.caption)}\ncolumns: {q(self.columns)}\ndata_types:\n"
        purposes += "".join(f"  - id: {i}\n    label: {q(label)}\n" for i, label in self.types)
        purposes += "purposes:\n"
        for p in self.purposes:
            purposes += f"  - id: {p['id']}\n    purpose: {q(p['purpose'])}\n    data: {q(p['data'])}\n    bases:\n"
            for basis in p["bases"]:
                purposes += f"      - {basis}\n" if isinstance(basis, str) else f"      - {basis[0]}: {q(basis[1])}\n"
        out = {"document.yml": document.encode(), "purposes.yml": purposes.encode(), **self.images}
        for s in self.sections:
            out[f"sections/{s.id}.md"] = (f"# {s.title}\n\n" + "\n\n".join(s.blocks) + "\n").encode()
        return out

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n))


def sentence(rng: random.Random, n: int) -> str:
    text = words(rng, n)
    if n > 6 and rng.random() < 0.5:
        cut = text.split(" ")
        cut[n // 2] += ","
        text = " ".join(cut)
    return text[0].upper() + text[1:] + "."


def base(rng: random.Random) -> Doc:
    """A small valid document with every kind of content, its words drawn from ``rng``."""
    w = lambda n: words(rng, n)  # noqa: E731
    table = "| Kind | Kept |\n| --- | --- |\n" + "".join(
        f"| {w(2).capitalize()} | {rng.randint(2, 9)} {rng.choice(['days', 'months', 'years'])} |\n" for _ in range(3)
    )
    sections = [
        Section(
            "intro",
            "Introduction",
            [
                f"We {w(5)} *{w(2)}* {w(4)} **{w(1)}** {w(3)} [our terms](https://example.com/terms) {w(3)}.",
                f"We explain how to reach us in {{{{ section: contact }}}}, and {w(7)}.",
                "{{ purposes }}",
            ],
        ),
        Section(
            "data",
            "What We Keep",
            [
                sentence(rng, 10),
                f"- {w(4)}\n- {w(3)} for {{{{ fact: retention }}}}\n- {w(5)}",
                table.rstrip("\n"),
            ],
        ),
        Section("fees", "Fees", [f"A copy costs 50 € and at most 5% of {w(6)}.", sentence(rng, 9)]),
        Section(
            "contact",
            "Contact",
            ["![Company logo](logo.png)", f"Write to {{{{ fact: email }}}} or to {{{{ fact: company }}}}, {w(6)}."],
        ),
        Section("rights", "Your Rights", [sentence(rng, 10), sentence(rng, 12), sentence(rng, 9)]),
    ]
    return Doc(
        title="Example Policy",
        summary=f"First version: {w(5)}.",
        effective="2024-03-01",
        facts={
            "email": "privacy@example.com",
            "company": "Example Limited",
            "retention": "two years",
            "registry": "Company number 01234567",  # used in no section: the footer's kind of fact
        },
        caption="How we use your data",
        columns=["Purpose", "Data", "Lawful basis"],
        types=[["contact", "Contact"], ["usage", "Usage"]],
        purposes=[
            {
                "id": "service",
                "purpose": sentence(rng, 5),
                "data": ["contact", "usage"],
                "bases": ["contract", ["legitimate_interests", f"to {w(4)}"]],
            },
            {"id": "news", "purpose": sentence(rng, 4), "data": ["contact"], "bases": ["consent"]},
        ],
        sections=sections,
        images={"logo.png": png(4, 3)},
    )


# --- Mutations ---------------------------------------------------------------------------------


class Inapplicable(Exception):
    """This edit has nothing to act on in this document (an earlier edit removed it)."""


#: Markup a word edit must not cut through: links, images, placeholders, tags, emphasis.
PROTECTED = re.compile(r"!?\[[^\]]*\]\([^)]*\)|\{\{[^}]*\}\}|<(\w+)>.*?</\1>|<[^>]*>|\*\*[^*]+\*\*|\*[^*]+\*|\|[^\n]*")
FREE_WORD = re.compile(r"(?<![\w@.\-/\u200b])[a-z]{3,}(?![\w@\u200b])")


def prose(doc: Doc) -> list[tuple[Section, int]]:
    """The blocks of running text (paragraphs and lists): where words are edited."""
    return [(s, n) for s in doc.sections for n, b in enumerate(s.blocks) if b[:1].isalpha() or b.startswith("- ")]


def free_words(text: str) -> list[re.Match[str]]:
    protected = [m.span() for m in PROTECTED.finditer(text)]
    return [m for m in FREE_WORD.finditer(text) if not any(a <= m.start() < b for a, b in protected)]


def pick(rng: random.Random, doc: Doc, need: int = 1) -> tuple[Section, int, list[re.Match[str]]]:
    """A prose block with at least ``need`` free words, and those words."""
    found = [(s, n, free_words(s.blocks[n])) for s, n in prose(doc)]
    found = [f for f in found if len(f[2]) >= need]
    if not found:
        raise Inapplicable("no block with enough words")
    return rng.choice(found)


def _edit(section: Section, n: int, start: int, end: int, new: str) -> None:
    text = section.blocks[n]
    section.blocks[n] = text[:start] + new + text[end:]


def _other_word(rng: random.Random, word: str) -> str:
    return rng.choice([w for w in VOCABULARY if w != word])


def words_added(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc)
    m = rng.choice(found)
    added = words(rng, rng.randint(1, 3))
    _edit(s, n, m.end(), m.end(), " " + added)
    return f"{s.id}: added {added!r} after {m.group()!r}"


def words_removed(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc, 3)
    m = rng.choice(found[1:])
    text = s.blocks[n]
    start = m.start() - 1 if text[m.start() - 1] == " " else m.start()
    _edit(s, n, start, m.end(), "")
    return f"{s.id}: removed {m.group()!r}"


def words_replaced(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc)
    m = rng.choice(found)
    new = _other_word(rng, m.group())
    _edit(s, n, m.start(), m.end(), new)
    return f"{s.id}: {m.group()!r} became {new!r}"


def words_reordered(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc, 2)
    pairs = [(a, b) for a, b in itertools.pairwise(found) if a.group() != b.group()]
    if not pairs:
        raise Inapplicable("no two different words in a row")
    a, b = rng.choice(pairs)
    text = s.blocks[n]
    s.blocks[n] = text[: a.start()] + b.group() + text[a.end() : b.start()] + a.group() + text[b.end() :]
    return f"{s.id}: {a.group()!r} and {b.group()!r} swapped"


def punctuation(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc, 2)
    m = rng.choice(found[:-1])
    mark = rng.choice([",", ";", ":"])
    _edit(s, n, m.end(), m.end(), mark)
    return f"{s.id}: {mark!r} after {m.group()!r}"


def whitespace(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc, 2)
    m = rng.choice(found[:-1])
    space = rng.choice(["  ", "\n"]) if not s.blocks[n].startswith("- ") else "  "
    text = s.blocks[n]
    end = m.end() + 1 if text[m.end() : m.end() + 1] == " " else m.end()
    _edit(s, n, m.end(), end, space)
    return f"{s.id}: {space!r} after {m.group()!r}"


def _wrap(doc: Doc, rng: random.Random, before: str, after: str, with_words: bool) -> str:
    s, n, found = pick(rng, doc, 2 if with_words else 1)
    k = rng.randrange(len(found))
    m = found[k]
    note = ""
    if with_words:  # another word of the same block, after the wrapped one so offsets hold
        other = found[k - 1] if k else found[k + 1]
        added = _other_word(rng, other.group())
        if other.start() > m.start():
            _edit(s, n, other.end(), other.end(), " " + added)
            _edit(s, n, m.start(), m.end(), f"{before}{m.group()}{after}")
        else:
            _edit(s, n, m.start(), m.end(), f"{before}{m.group()}{after}")
            _edit(s, n, other.end(), other.end(), " " + added)
        note = f", and {added!r} added after {other.group()!r}"
    else:
        _edit(s, n, m.start(), m.end(), f"{before}{m.group()}{after}")
    return f"{s.id}: {m.group()!r} wrapped in {before}…{after}{note}"


def _unwrap(doc: Doc, rng: random.Random, with_words: bool) -> str:
    s = doc.section("intro")
    text = s.blocks[0]
    m = re.search(r"(?<!\*)\*([^*]+)\*(?!\*)", text)
    if not m:
        raise Inapplicable("no emphasis")
    s.blocks[0] = text[: m.start()] + m.group(1) + text[m.end() :]
    note = ""
    if with_words:
        found = free_words(s.blocks[0])
        other = found[-1]
        _edit(s, 0, other.end(), other.end(), " " + _other_word(rng, other.group()))
        note = f", and a word added after {other.group()!r}"
    return f"intro: emphasis taken off {m.group(1)!r}{note}"


def _link(doc: Doc, rng: random.Random, with_words: bool) -> str:
    s = doc.section("intro")
    text = s.blocks[0]
    m = re.search(r"\]\((https://[^)]*)\)", text)
    if not m:
        raise Inapplicable("no link")
    target = f"https://evil.example/{rng.choice(VOCABULARY)}"
    s.blocks[0] = text[: m.start(1)] + target + text[m.end(1) :]
    note = ""
    if with_words:
        found = free_words(s.blocks[0])
        other = found[0]
        _edit(s, 0, other.end(), other.end(), " " + _other_word(rng, other.group()))
        note = f", and a word added after {other.group()!r}"
    return f"intro: the link goes to {target} instead of {m.group(1)}{note}"


def link_title(doc: Doc, rng: random.Random) -> str:
    """A title given to the link: what a reader's pointer shows over it."""
    s = doc.section("intro")
    m = re.search(r"\]\((https://[^)]*)\)", s.blocks[0])
    if not m:
        raise Inapplicable("no link")
    title = sentence(rng, 3).rstrip(".")
    s.blocks[0] = s.blocks[0][: m.end(1)] + f' "{title}"' + s.blocks[0][m.end(1) :]
    return f"intro: the link's title is {title!r}"


def link_removed(doc: Doc, rng: random.Random) -> str:
    s = doc.section("intro")
    text = s.blocks[0]
    m = re.search(r"(?<!!)\[([^\]]*)\]\([^)]*\)", text)
    if not m:
        raise Inapplicable("no link")
    s.blocks[0] = text[: m.start()] + m.group(1) + text[m.end() :]
    return f"intro: the link on {m.group(1)!r} taken off"


def _image(doc: Doc) -> tuple[Section, int, re.Match[str]]:
    for s in doc.sections:
        for n, b in enumerate(s.blocks):
            m = re.search(r"!\[([^\]]*)\]\(([^)]*)\)", b)
            if m:
                return s, n, m
    raise Inapplicable("no image")


def image_src(doc: Doc, rng: random.Random) -> str:
    s, n, m = _image(doc)
    doc.images["seal.png"] = png(7, 2)
    _edit(s, n, m.start(2), m.end(2), "seal.png")
    return f"{s.id}: the image shows seal.png instead of {m.group(2)}"


def image_alt(doc: Doc, rng: random.Random) -> str:
    s, n, m = _image(doc)
    alt = f"{rng.choice(['Signed', 'Approved', 'Certified'])} by the {rng.choice(VOCABULARY)} office"
    _edit(s, n, m.start(1), m.end(1), alt)
    return f"{s.id}: the image's text alternative is {alt!r}"


def image_file(doc: Doc, rng: random.Random) -> str:
    _, _, m = _image(doc)
    doc.images[m.group(2)] = png(rng.randint(5, 9), 5)
    return f"the image file {m.group(2)} replaced by another picture, under the same name"


def _table(doc: Doc) -> tuple[Section, int, list[str]]:
    for s in doc.sections:
        for n, b in enumerate(s.blocks):
            if b.startswith("|"):
                return s, n, b.split("\n")
    raise Inapplicable("no table")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table_cell(doc: Doc, rng: random.Random) -> str:
    s, n, lines = _table(doc)
    at = rng.randrange(2, len(lines))
    cells = _cells(lines[at])
    k = rng.randrange(len(cells))
    old, cells[k] = cells[k], f"{rng.randint(10, 99)} {rng.choice(['days', 'weeks'])}"
    lines[at] = _row(cells)
    s.blocks[n] = "\n".join(lines)
    return f"{s.id}: table cell {old!r} became {cells[k]!r}"


def table_row_added(doc: Doc, rng: random.Random) -> str:
    s, n, lines = _table(doc)
    row = _row([words(rng, 2).capitalize(), f"{rng.randint(2, 9)} years"])
    lines.insert(rng.randrange(2, len(lines) + 1), row)
    s.blocks[n] = "\n".join(lines)
    return f"{s.id}: table row {row!r} added"


def table_row_removed(doc: Doc, rng: random.Random) -> str:
    s, n, lines = _table(doc)
    if len(lines) < 4:
        raise Inapplicable("one row left")
    gone = lines.pop(rng.randrange(2, len(lines)))
    s.blocks[n] = "\n".join(lines)
    return f"{s.id}: table row {gone!r} removed"


def table_row_moved(doc: Doc, rng: random.Random) -> str:
    s, n, lines = _table(doc)
    if len(lines) < 4:
        raise Inapplicable("one row only")
    at = rng.randrange(2, len(lines))
    row = lines.pop(at)
    to = rng.choice([k for k in range(2, len(lines) + 1) if k != at])
    lines.insert(to, row)
    s.blocks[n] = "\n".join(lines)
    return f"{s.id}: table row {row!r} moved to row {to - 1}"


def table_row_moved_and_edited(doc: Doc, rng: random.Random) -> str:
    """A row moved whose other cells changed too: paired by its first cell (table_redline, rule 1)."""
    s, n, lines = _table(doc)
    if len(lines) < 4:
        raise Inapplicable("one row only")
    at = rng.randrange(2, len(lines))
    cells = _cells(lines.pop(at))
    cells[1:] = [f"{rng.randint(10, 99)} {rng.choice(['weeks', 'hours'])}" for _ in cells[1:]]
    lines.insert(2 if at != 2 else len(lines), _row(cells))
    s.blocks[n] = "\n".join(lines)
    return f"{s.id}: table row {cells[0]!r} moved and its cells changed"


def table_column_added(doc: Doc, rng: random.Random) -> str:
    s, n, lines = _table(doc)
    width = len(_cells(lines[0]))
    at = rng.randrange(width + 1)
    name = rng.choice(["Shared with", "Country", "Safeguard"])
    out = []
    for k, line in enumerate(lines):
        cells = _cells(line)
        cells.insert(at, name if k == 0 else "---" if k == 1 else words(rng, rng.randint(0, 2)))
        out.append(_row(cells))
    s.blocks[n] = "\n".join(out)
    return f"{s.id}: table column {name!r} added at {at + 1}"


def table_column_removed(doc: Doc, rng: random.Random) -> str:
    s, n, lines = _table(doc)
    width = len(_cells(lines[0]))
    if width < 2:
        raise Inapplicable("one column only")
    at = rng.randrange(width)
    out = []
    for line in lines:
        cells = _cells(line)
        del cells[at]
        out.append(_row(cells))
    s.blocks[n] = "\n".join(out)
    return f"{s.id}: table column {at + 1} removed"


def table_header(doc: Doc, rng: random.Random) -> str:
    s, n, lines = _table(doc)
    cells = _cells(lines[0])
    old = list(cells)
    if rng.random() < 0.5:
        cells.reverse()
    else:
        cells[rng.randrange(len(cells))] = rng.choice(["Deleted after", "Shared with", "Sold to"])
    lines[0] = _row(cells)
    s.blocks[n] = "\n".join(lines)
    return f"{s.id}: table headers {old} became {cells}"


def table_caption(doc: Doc, rng: random.Random) -> str:
    """The pipe table written as an HTML table with a caption: the same rows, and words above them."""
    s, n, lines = _table(doc)
    head, *body = [_cells(line) for line in lines[:1] + lines[2:]]
    caption = sentence(rng, 4)

    def row(tag: str, cells: Sequence[str]) -> str:
        return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"

    s.blocks[n] = f"<table><caption>{caption}</caption>{row('th', head)}{''.join(row('td', r) for r in body)}</table>"
    return f"{s.id}: the table written in HTML, with the caption {caption!r}"


def table_cells_merged(doc: Doc, rng: random.Random) -> str:
    """Two cells of a row made one by an escaped pipe (``\\|``): the row's words, as text, stay the same."""
    s, n, lines = _table(doc)
    at = rng.randrange(2, len(lines))
    cells = _cells(lines[at])
    lines[at] = "| " + " \\| ".join(cells[:2]) + " | " + " | ".join(cells[2:]) + " |"
    s.blocks[n] = "\n".join(lines)
    return f"{s.id}: table cells {cells[:2]} made one by an escaped pipe"


def table_added(doc: Doc, rng: random.Random) -> str:
    """A second table right after the first, only a blank line between them: two tables, not one."""
    s, n, _ = _table(doc)
    rows = "".join(f"\n| {words(rng, 1).capitalize()} | {rng.choice(['EU', 'US', 'UK'])} |" for _ in range(2))
    s.blocks.insert(n + 1, "| Processor | Country |\n| --- | --- |" + rows)
    return f"{s.id}: a table of processors added right after the table"


def markdown_mode(doc: Doc, rng: random.Random) -> str:
    """``markdown:`` switched: the same text, rendered by the other Markdown."""
    doc.markdown = "github" if doc.markdown == "mkdocs" else "mkdocs"
    return f"document.yml's markdown: became {doc.markdown}"


def list_unspaced(doc: Doc, rng: random.Random) -> str:
    """A list written right after its paragraph, without a blank line: a list on GitHub, part of the
    paragraph on the site (gfm.differences warns of it)."""
    for s in doc.sections:
        for n in range(1, len(s.blocks)):
            if s.blocks[n].startswith("- ") and s.blocks[n - 1][:1].isalpha():
                s.blocks[n - 1 : n + 1] = [s.blocks[n - 1] + "\n" + s.blocks[n]]
                return f"{s.id}: the list after block {n} written without a blank line before it"
    raise Inapplicable("no list after a paragraph")


def _holder(doc: Doc) -> tuple[Section, int]:
    for s in doc.sections:
        if "{{ purposes }}" in s.blocks:
            return s, s.blocks.index("{{ purposes }}")
    raise Inapplicable("no purpose table placed")


def purposes_removed(doc: Doc, rng: random.Random) -> str:
    s, n = _holder(doc)
    del s.blocks[n]
    return f"{s.id}: the {{{{ purposes }}}} line deleted"


def purposes_moved(doc: Doc, rng: random.Random) -> str:
    s, n = _holder(doc)
    del s.blocks[n]
    other = rng.choice([x for x in doc.sections if x is not s])
    other.blocks.insert(rng.randint(0, len(other.blocks)), "{{ purposes }}")
    return f"the purpose table moved from {s.id} to {other.id}"


def purpose_text(doc: Doc, rng: random.Random) -> str:
    p = rng.choice(doc.purposes)
    p["purpose"] = p["purpose"].rstrip(".") + f" and to {words(rng, 2)}."
    return f"purpose {p['id']}: now {p['purpose']!r}"


def purpose_basis(doc: Doc, rng: random.Random) -> str:
    p = rng.choice(doc.purposes)
    keys = {b if isinstance(b, str) else b[0] for b in p["bases"]}
    basis = rng.choice([b for b in ("legal_obligation", "vital_interests", "public_task") if b not in keys])
    p["bases"].append(basis)
    return f"purpose {p['id']}: lawful basis {basis} added"


def purpose_data(doc: Doc, rng: random.Random) -> str:
    t = rng.choice(doc.types)
    old, t[1] = t[1], f"{t[1]} and {rng.choice(['Location', 'Health', 'Payment'])}"
    return f"data type {t[0]}: {old!r} became {t[1]!r}"


def purpose_columns(doc: Doc, rng: random.Random) -> str:
    old = list(doc.columns)
    doc.columns[1], doc.columns[2] = doc.columns[2], doc.columns[1]
    return f"the purpose table's headings {old} became {doc.columns}"


def fact_in_text(doc: Doc, rng: random.Random) -> str:
    old = doc.facts["email"]
    doc.facts["email"] = f"{rng.choice(['dpo', 'legal', 'help'])}@example.org"
    return f"fact email (used in a section): {old} became {doc.facts['email']}"


def fact_unused(doc: Doc, rng: random.Random) -> str:
    old = doc.facts["registry"]
    doc.facts["registry"] = f"Company number {rng.randint(10**7, 10**8 - 1):08d}"
    return f"fact registry (in no section): {old!r} became {doc.facts['registry']!r}"


def title(doc: Doc, rng: random.Random) -> str:
    doc.title = f"{rng.choice(['Privacy', 'Data', 'Cookie'])} Notice"
    return f"title became {doc.title!r}"


def summary(doc: Doc, rng: random.Random) -> str:
    doc.summary = f"Second version: {words(rng, 4)}."
    return f"summary became {doc.summary!r}"


def effective(doc: Doc, rng: random.Random) -> str:
    doc.effective = f"2024-{rng.randint(4, 12):02d}-{rng.randint(10, 28)}"
    return f"effective date became {doc.effective}"


def bidi(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc, 3)
    k = rng.randrange(len(found) - 1)
    a, b = found[k], found[k + 1]
    opener, closer = rng.choice([("\u202e", "\u202c"), ("\u2067", "\u2069"), ("\u202d", "\u202c")])
    _edit(s, n, b.end(), b.end(), closer)
    _edit(s, n, a.start(), a.start(), opener)
    return f"{s.id}: bidi control U+{ord(opener):04X} … U+{ord(closer):04X} around {a.group()!r} … {b.group()!r}"


def zero_width(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc)
    m = rng.choice(found)
    char = rng.choice(["\u200b", "\u200d", "\u2060", "\u00ad"])
    at = m.start() + rng.randint(1, len(m.group()) - 1)
    _edit(s, n, at, at, char)
    return f"{s.id}: U+{ord(char):04X} inserted in {m.group()!r}"


LOOKALIKES = {"o": "\u043e", "a": "\u0430", "e": "\u0435", "c": "\u0441", "p": "\u0440"}


def lookalike(doc: Doc, rng: random.Random) -> str:
    s, n, found = pick(rng, doc)
    found = [m for m in found if set(m.group()) & set(LOOKALIKES)]
    if not found:
        raise Inapplicable("no letter with a look-alike")
    m = rng.choice(found)
    k = next(i for i, c in enumerate(m.group()) if c in LOOKALIKES)
    new = m.group()[:k] + LOOKALIKES[m.group()[k]] + m.group()[k + 1 :]
    _edit(s, n, m.start(), m.end(), new)
    return f"{s.id}: {m.group()!r} became {new!r} (Cyrillic {LOOKALIKES[m.group()[k]]})"


def _symbol(doc: Doc, old: str, new: str) -> str:
    s = doc.section("fees")
    if old not in s.blocks[0]:
        raise Inapplicable(f"no {old}")
    s.blocks[0] = s.blocks[0].replace(old, new, 1)
    return f"fees: {old!r} became {new!r}"


def currency(doc: Doc, rng: random.Random) -> str:
    return _symbol(doc, "€", rng.choice(["$", "£"]))


def sign(doc: Doc, rng: random.Random) -> str:
    return _symbol(doc, "50", rng.choice(["-50", "+50", "−50"]))


def percent(doc: Doc, rng: random.Random) -> str:
    return _symbol(doc, "%", "‰")


def section_moved(doc: Doc, rng: random.Random) -> str:
    a = rng.randrange(len(doc.sections))
    b = rng.choice([i for i in range(len(doc.sections)) if i != a])
    doc.sections.insert(b, doc.sections.pop(a))
    return f"section {doc.sections[b].id} moved to position {b + 1}"


def section_renamed(doc: Doc, rng: random.Random) -> str:
    s = rng.choice(doc.sections)
    old, s.title = s.title, f"{s.title} and {rng.choice(['Exceptions', 'Limits', 'Transfers'])}"
    return f"section {s.id}: title {old!r} became {s.title!r}"


def section_split(doc: Doc, rng: random.Random) -> str:
    candidates = [s for s in doc.sections if len(s.blocks) >= 3 and all(b[:1].isalpha() for b in s.blocks[1:])]
    if not candidates:
        raise Inapplicable("no section to split")
    s = rng.choice(candidates)
    at = rng.randint(1, len(s.blocks) - 1)
    new = Section(f"{s.id}-more", f"More On {s.title}", s.blocks[at:])
    del s.blocks[at:]
    doc.sections.insert(doc.sections.index(s) + 1, new)
    return f"section {s.id} split: its blocks from {at + 1} on are section {new.id}"


def section_added(doc: Doc, rng: random.Random) -> str:
    new = Section(f"extra-{rng.randint(1, 99)}", "Complaints", [sentence(rng, 11)])
    doc.sections.insert(rng.randint(0, len(doc.sections)), new)
    return f"section {new.id} added"


def section_removed(doc: Doc, rng: random.Random) -> str:
    candidates = [s for s in doc.sections if s.id not in ("contact", "data", "fees", "intro")]
    if not candidates:
        raise Inapplicable("no section that nothing refers to")
    s = rng.choice(candidates)
    doc.sections.remove(s)
    return f"section {s.id} removed"


def xref_target(doc: Doc, rng: random.Random) -> str:
    s = doc.section("intro")
    if "{{ section: contact }}" not in s.blocks[1]:
        raise Inapplicable("no cross-reference")
    s.blocks[1] = s.blocks[1].replace("{{ section: contact }}", "{{ section: fees }}")
    return "intro: the cross-reference points at fees instead of contact"


def list_item_added(doc: Doc, rng: random.Random) -> str:
    s = doc.section("data")
    items = s.blocks[1].split("\n")
    item = f"- {words(rng, 4)}"
    items.insert(rng.randint(0, len(items)), item)
    s.blocks[1] = "\n".join(items)
    return f"data: list item {item!r} added"


def list_reordered(doc: Doc, rng: random.Random) -> str:
    s = doc.section("data")
    items = s.blocks[1].split("\n")
    items.insert(0, items.pop())
    s.blocks[1] = "\n".join(items)
    return "data: the list's last item moved first"


def _list(doc: Doc) -> tuple[Section, int, list[str]]:
    s = doc.section("data")
    n = next((k for k, b in enumerate(s.blocks) if b.startswith("- ")), None)
    if n is None:
        raise Inapplicable("no list")
    return s, n, s.blocks[n].split("\n")


def list_numbered(doc: Doc, rng: random.Random) -> str:
    """The bulleted list made a numbered one: the same words, numbers before them."""
    s, n, items = _list(doc)
    s.blocks[n] = "\n".join(f"{k + 1}. {item[2:]}" for k, item in enumerate(items))
    return "data: the list numbered"


def list_nested(doc: Doc, rng: random.Random) -> str:
    """An item made part of the item before it (indented by four spaces): a sub-point, not a point."""
    s, n, items = _list(doc)
    at = rng.randrange(1, len(items))
    items[at] = "    " + items[at]
    s.blocks[n] = "\n".join(items)
    return f"data: list item {at + 1} nested under the one before"


Mutation = Callable[[Doc, random.Random], str]

#: Every kind of edit, by the name its test case carries.
MUTATIONS: dict[str, Mutation] = {
    "words_added": words_added,
    "words_removed": words_removed,
    "words_replaced": words_replaced,
    "words_reordered": words_reordered,
    "punctuation": punctuation,
    "whitespace": whitespace,
    "emphasis_added": lambda d, r: _wrap(d, r, "*", "*", False),
    "emphasis_added_and_words": lambda d, r: _wrap(d, r, "*", "*", True),
    "emphasis_removed": lambda d, r: _unwrap(d, r, False),
    "emphasis_removed_and_words": lambda d, r: _unwrap(d, r, True),
    "strong_added": lambda d, r: _wrap(d, r, "**", "**", False),
    "strong_added_and_words": lambda d, r: _wrap(d, r, "**", "**", True),
    "strike_added": lambda d, r: _wrap(d, r, "<del>", "</del>", False),
    "strike_added_and_words": lambda d, r: _wrap(d, r, "<del>", "</del>", True),
    "link_target": lambda d, r: _link(d, r, False),
    "link_target_and_words": lambda d, r: _link(d, r, True),
    "link_removed": link_removed,
    "link_title": link_title,
    "image_src": image_src,
    "image_alt": image_alt,
    "image_file": image_file,
    "table_cell": table_cell,
    "table_row_added": table_row_added,
    "table_row_removed": table_row_removed,
    "table_header": table_header,
    "table_row_moved": table_row_moved,
    "table_row_moved_and_edited": table_row_moved_and_edited,
    "table_column_added": table_column_added,
    "table_column_removed": table_column_removed,
    "table_caption": table_caption,
    "table_cells_merged": table_cells_merged,
    "table_added": table_added,
    "markdown_mode": markdown_mode,
    "list_unspaced": list_unspaced,
    "purposes_removed": purposes_removed,
    "purposes_moved": purposes_moved,
    "purpose_text": purpose_text,
    "purpose_basis": purpose_basis,
    "purpose_data": purpose_data,
    "purpose_columns": purpose_columns,
    "fact_in_text": fact_in_text,
    "fact_unused": fact_unused,
    "title": title,
    "summary": summary,
    "effective": effective,
    "bidi": bidi,
    "zero_width": zero_width,
    "lookalike": lookalike,
    "currency": currency,
    "sign": sign,
    "percent": percent,
    "section_moved": section_moved,
    "section_renamed": section_renamed,
    "section_split": section_split,
    "section_added": section_added,
    "section_removed": section_removed,
    "xref_target": xref_target,
    "list_item_added": list_item_added,
    "list_reordered": list_reordered,
    "list_numbered": list_numbered,
    "list_nested": list_nested,
}


def mutated(seed: int, kinds: Sequence[str], keep: Sequence[int] | None = None) -> tuple[Doc, Doc, list[str]]:
    """The base document of ``seed`` and a copy with the edits ``kinds`` applied in turn (only those
    at the indexes ``keep``, to shrink a failing case); each edit draws from its own seeded stream,
    so that leaving one out does not change the others."""
    old = base(random.Random(seed))
    new = copy.deepcopy(old)
    done = []
    for n, kind in enumerate(kinds):
        if keep is not None and n not in keep:
            continue
        try:
            done.append(f"{kind}: {MUTATIONS[kind](new, random.Random(f'{seed}/{n}/{kind}'))}")
        except Inapplicable as why:
            done.append(f"{kind}: not applicable ({why})")
    return old, new, done


# --- Reading a version, and what a reader perceives of it ----------------------------------------


@dataclass(frozen=True)
class Version:
    doc: Doc
    files: dict[str, bytes]
    loaded: Loaded

    @cached_property
    def text(self) -> DocumentText:
        assert self.loaded.document is not None and self.loaded.rendered is not None
        return redline.document_text(self.loaded.document, self.loaded.rendered)

    @property
    def refused(self) -> list[str]:
        """The problems that stop it being published (warnings aside)."""
        return [str(p) for p in self.loaded.problems if "warning" not in str(p).lower()]


#: One converter for every version read here, as the build keeps one: it remembers sections by text.
CONVERTER = render.Converter()


def load(doc: Doc, language: str = "en") -> Version:
    """``doc`` read as a site in ``language`` reads it (legaldocs' own words in its tables in that language)."""
    files = doc.files()
    return Version(doc, files, documents.load(SLUG, files, SHOWN_AS, CONVERTER, language))


INLINE_MARKUP = ("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "code", "sup", "sub", "small", "abbr")
XREF = redline.XREF


def _norm(text: str) -> str:
    """As a browser lays text out: runs of white space are one space; every other character stays."""
    return " ".join(text.split())


def perceive(html: str, images: Mapping[str, bytes]) -> tuple[Any, ...]:
    """What a reader perceives of a piece of rendered HTML: its visible text in order, link targets,
    images (address, text alternative, the picture itself), titles shown on pointing at a link or an
    image, emphasis, table headings, and each list item's kind of list and depth.

    A cross-reference counts as the section it points at, in its words: "section 4" follows that
    section's number, whose change is marked where that section is. A link whose target is its own
    text (an e-mail address made a link) is its text."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in root.xpath(XREF):
        for child in list(link):
            link.remove(child)
        link.text = f"[section {link.get('href', '')}]"
    # White space between a table's rows and cells is not rendered: a reader sees the cells, not it.
    for part in root.iter("table", "thead", "tbody", "tfoot", "tr"):
        if part.text and not part.text.strip():
            part.text = None
        for child in part:
            if child.tail and not child.tail.strip():
                child.tail = None
    links = []
    for a in root.iter("a"):
        href, shown = a.get("href") or "", _norm(a.text_content())
        if "ld-xref" in (a.get("class") or "").split():
            continue  # its target is in its words
        if href.removeprefix("mailto:").removeprefix("tel:") != shown or a.get("title"):
            links.append((shown, href, a.get("title") or ""))
    pictures = []
    for img in root.iter("img"):
        src = img.get("src") or ""
        content = images.get(unquote(src))
        digest = hashlib.sha256(content).hexdigest() if content else None
        pictures.append((src, img.get("alt") or "", digest, img.get("title") or ""))
    return (
        _norm(root.text_content()),
        tuple(links),
        tuple(pictures),
        tuple((e.tag, _norm(e.text_content())) for e in root.iter(*INLINE_MARKUP)),
        tuple(_norm(th.text_content()) for th in root.iter("th")),
        # each list item's list (bullets or numbers) and how deep it is nested
        tuple((li.getparent().tag, sum(1 for _ in li.iterancestors("li"))) for li in root.iter("li")),
    )


@dataclass(frozen=True)
class Perceived:
    title: str
    summary: str
    effective: str
    facts: tuple[tuple[str, str], ...]
    #: Per section id: (number, title, what its body shows, whether it holds the purpose table).
    sections: dict[str, tuple[int, str, tuple[Any, ...], bool]]


def perceived(version: Version) -> Perceived:
    document, rendered = version.loaded.document, version.loaded.rendered
    assert document is not None and rendered is not None
    return Perceived(
        title=document.title,
        summary=document.summary,
        effective=document.effective.isoformat(),
        facts=tuple(sorted(document.facts.items())),
        sections={
            s.id: (s.number, _norm(s.title), perceive(s.html, version.files), "ld-purposes" in s.html)
            for s in rendered.sections
        },
    )


def as_diff(old: Version, new: Version, change: redline.Change) -> diffcmd.Diff:
    """The Diff `legaldocs diff` formats, for two commits of the document."""
    base = diffcmd.Side("base", diffcmd.COMMIT, "0" * 40, old.loaded.document, old.text)
    head = diffcmd.Side("head", diffcmd.COMMIT, "1" * 40, new.loaded.document, new.text)
    today = date(2024, 1, 1)
    warnings = diffcmd.warnings(SHOWN_AS, base, head, change, today, None)
    return diffcmd.Diff(SLUG, SHOWN_AS, base, head, change, tuple(warnings), today, 30)


#: `legaldocs diff --format json` validated against its published schema.
DIFF_SCHEMA = json.loads((REPO / "plugins/legaldocs/schemas/diff.schema.json").read_text(encoding="utf-8"))
DIFF_VALIDATOR = jsonschema.Draft202012Validator(
    DIFF_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def versions(
    old: Sequence[str], new: Sequence[str], old_markdown: str = "mkdocs", new_markdown: str = "mkdocs", seed: int = 0
) -> tuple[Version, Version]:
    """The base document of ``seed`` with section 'data' written as ``old`` and as ``new`` (its blocks)."""
    doc = base(random.Random(seed))
    a, b = copy.deepcopy(doc), copy.deepcopy(doc)
    a.section("data").blocks, a.markdown = list(old), old_markdown
    b.section("data").blocks, b.markdown = list(new), new_markdown
    va, vb = load(a), load(b)
    assert not va.refused and not vb.refused, (va.refused, vb.refused)
    return va, vb


def agree(engine: jsengine.Engine, old: Version, new: Version, language: str = "en") -> None:
    """The browser engine gives the same change and the same HTML as the Python engine."""
    data = [compare_data.version_data(v.text) for v in (old, new)]
    browser = engine.compare(data, [(0, 1)], language=language)[0]
    python = jsengine.expected(old.text, new.text, language=language)
    difference = jsengine.first_difference(jsengine.comparable(python), jsengine.comparable(browser))
    assert difference is None, difference
