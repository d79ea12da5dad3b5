"""The redline: two versions of a document in, a change model out (plain data, no MkDocs).

Changes are found at three levels, each in a reader's terms, and each level narrows the next, so
that a paragraph is never diffed against the wrong one. Similarity is ``tokens.similarity`` of
word lists; "best first" sorts candidate pairs by similarity, highest first, ties by position in
the old version, then in the new.

1. Sections pair by id; sections left over pair by similarity of their words (title and blocks;
   a renamed file), at least ``SECTION_PAIRING``, best first. A paired section is renamed (new
   title), renumbered (new number), moved (outside the longest common subsequence of the paired
   sections' order). The rest are added or removed.
2. Blocks (paragraph, heading, list item, table row, quoted paragraph, pre, definition term and
   description, a rule across the page; a table's caption is a paragraph before its rows; a
   ``<details>`` shown unfolded says so on its summary; see ``blocks``) of each section
   pair are aligned by kind and exact text (the longest common subsequence of ``Block.key``, chosen
   as in ``tokens`` rule 3). Of the blocks left over, in the whole document: identical text is
   *moved* (a reordered list, a split or a merged section: shown moved, not deleted and retyped),
   first left over in the old reading order to first in the new; then, inside each range left
   between two aligned blocks, blocks of one kind pair by similarity (at least ``BLOCK_PAIRING``,
   best first, never crossing); then blocks still left pair across ranges as moved and edited (at
   least ``MOVE_PAIRING``, blocks of ``MOVE_MIN_WORDS`` words or more). What remains is inserted or
   deleted (one with no words and no image, a rule, has its markup as its change: ``<hr>`` added or
   removed, counted as formatting). Aligned blocks whose words are the same but whose markup is not
   (a link's target) are changed.
   The purpose table and the versions list are generated: they are position markers, not text,
   and where they are placed is compared like any block (new here, gone, moved).
   Rows of a table in the text pair first by their first cell, header rows by position, before
   similarity; a register's rows pair by their entry's id, and only so (``table_redline``, which
   also gives a table whose columns changed its columns).
3. Words are diffed only inside paired blocks (rows cell by cell), by the rules of ``tokens``.
4. Markup is compared inside paired blocks too (changed, moved in), whether or not their words
   changed: ``BlockChange.formatting``, a list of ``FormatChange`` ``{kind, text, old, new}``. The
   marks of a block (``marks``) are its inline elements in reading order; both lists are aligned by
   their longest common subsequence (``tokens`` rule 3), and inside each gap every new mark pairs
   with the first unpaired old mark of its kind. Kinds, a closed set (``FORMAT_KINDS``):

   - ``link``: an ``<a href>`` (not a cross-reference, which is compared as text); ``text`` its
     words, ``old``/``new`` its target ("" where there is no link). A link whose words changed but
     not its target is a word change only.
   - ``image``: an ``<img>``; ``text`` its description (alt), ``old``/``new`` its address (src,
     which holds the image's content hash, so a replaced file is a changed address).
   - ``alt``: an image's description changed; ``text`` the image's address, ``old``/``new`` the descriptions.
   - ``emphasis`` (em, i), ``strong`` (strong, b), ``strikethrough`` (del, s, strike),
     ``underline`` (ins, u), ``code`` (code, kbd, samp, tt): ``old``/``new`` the words they cover
     ("" where there was none), ``text`` empty.
   - ``other``: any other element or attribute a reader may perceive (a line break, a superscript,
     an abbreviation's, a link's or an image's title, a cell's span, a heading's level, a class, the
     first number of a numbered list, on its first item, or every item's where it counts down; a
     list's, quote's, table's or box's title, language, class and a list's ``type``, on each of its
     blocks; a ``<details>`` shown open, on its summary); ``text`` the words it covers, ``old``/``new``
     the element as ``<tag attribute="value">``. A block whose words are the same but
     whose HTML differs otherwise has one ``other`` change with ``old`` and ``new`` empty: never silent.

The purpose table is compared as data where it is shown, purpose by purpose id: added, removed,
moved, and inside a purpose the lawful bases, interests, data types and activities added or removed,
beside a word redline of each of its three cells; its caption and column headers are redlined too.
A version that holds no ``{{ purposes }}`` shows no table: against one that does, the table is
added or removed as a whole (``PurposesChange.status``); a placeholder moved to another section
is ``PurposesChange.moved``.

What a reader sees outside the sections is compared too (``Change.metadata``, ``MetaChange``): the
title, the effective date and the summary (banner, feed, versions page), and every fact, wherever
it is used (a fact used in a section is a word change there as well; one used only in the footer
is seen nowhere else).

``Change.to_dict()`` is the dataclasses as JSON-ready dicts and lists, field for field: the CLI's
JSON output and the browser's compare share it. In ``Block.text`` and ``cells`` a cross-reference
is written as ``tokens`` rule 1 says; ``Block.refs`` gives its words in that version.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from html import escape
from typing import Any

import lxml.html
from lxml import etree
from rapidfuzz.distance import Indel

from . import purpose_table, table_redline, tokens
from .model import LAWFUL_BASES, Document, Purpose, PurposeTable
from .tokens import TextDiff

SECTION_PAIRING = 0.5
BLOCK_PAIRING = 0.5
MOVE_PAIRING = 0.6
MOVE_MIN_WORDS = 5
#: Candidate block pairs examined for similarity, per range and for moves: past it, no pairing.
MAX_CANDIDATES = 10_000

# Block statuses
UNCHANGED, CHANGED, INSERTED, DELETED, MOVED_IN, MOVED_OUT = (
    "unchanged",
    "changed",
    "inserted",
    "deleted",
    "moved_in",
    "moved_out",
)
# Section and purpose statuses (besides UNCHANGED and CHANGED)
ADDED, REMOVED = "added", "removed"
GENERATED = "generated"
#: What a ``PurposeFact`` is about.
BASIS, INTEREST, DATA_TYPE, ACTIVITY = "lawful basis", "interest", "data type", "activity"


# --- Input -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionText:
    """One numbered section as a reader sees it."""

    id: str  # stable id (file name): the same id in two versions is the same section
    number: int
    title: str  # plain text
    html: str  # the body: sanitised, placeholders resolved, without its h2 heading
    #: The number the page shows before its title ("1."; ``Document.label``), "" where it shows none
    #: (headings as written, a preamble); None: the page shows its position, as a folder document's.
    label: str | None = None


def shown_number(number: int | None, label: str | None) -> str:
    """A section's number as its page shows it: its position, or its label without the full stop;
    "" where the page shows none (headings as written, a preamble)."""
    if number is None:
        return ""
    return str(number) if label is None else label.rstrip(".")


@dataclass(frozen=True)
class DocumentText:
    sections: tuple[SectionText, ...]
    purposes: PurposeTable | None = None
    #: What a reader sees outside the sections (all "" where there is no document): the title, the
    #: summary (banner, feed, versions page), the effective date (ISO 8601) and the facts (footer,
    #: sections), in document.yml's order.
    title: str = ""
    summary: str = ""
    effective: str = ""
    facts: tuple[tuple[str, str], ...] = ()


def document_text(document: Document, rendered: Any, base: str = "") -> DocumentText:
    """A DocumentText from a Document and ``render.render(document)``: its sections, by id, their
    relative links and images rebased for a page ``base`` away; its title, summary, date and facts."""
    sections = tuple(
        SectionText(r.id, r.number, r.title, r.body(base=base), None if r.label == f"{r.number}." else r.label)
        for r in rendered.sections
    )
    return DocumentText(
        sections,
        document.purposes,
        title=tokens.normalise(document.title),
        summary=tokens.normalise(document.summary),
        effective=document.effective.isoformat(),
        facts=tuple((k, tokens.normalise(str(v))) for k, v in document.facts.items()),
    )


# --- Blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One unit of text a reader sees as a whole: a paragraph, a list item, a table row…"""

    kind: str  # paragraph, heading, item, row, quote, pre, term, definition, other, generated
    tag: str  # the element it was: p, h3, li, tr, pre, dt, dd… ("" for generated)
    text: str  # normalised (tokens rule 1); a row's cells joined by " | "; generated: its name
    html: str  # the element as rendered (sanitised), shown as is when unchanged
    container: str = ""  # ul, ol, table, blockquote, dl or ""
    group: int = 0  # the section's top-level element it belongs to, so items regroup into lists
    depth: int = 0  # list nesting; for a quote, quotes around it past the first
    cells: tuple[str, ...] = ()  # a row's cells, normalised
    cell_tags: tuple[str, ...] = ()  # th or td, per cell
    #: Cross-references in ``text`` (tokens rule 1), as (target id, the words shown in this version).
    refs: tuple[tuple[str, str], ...] = ()
    #: A register's row (``registers``): its entry, the row's id (``cookie-<id>``, ``recipient-<id>``);
    #: such a row pairs only with its own entry's, whatever its name became (``table_redline``).
    entry: str = ""

    def shown(self, text: str) -> str:
        """``text`` (or a cell, or part of either) as this version shows it to a reader."""
        return tokens.shown(text, dict(self.refs)) if self.refs else text

    @property
    def key(self) -> str:
        return f"{self.kind}\x00{self.text}\x00{self.entry}" if self.entry else f"{self.kind}\x00{self.text}"

    @property
    def words(self) -> int:
        return 0 if self.kind == GENERATED else sum(tokens.word_count(c) for c in self.cells or (self.text,))


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SIMPLE = {"p": "paragraph", "pre": "pre", "dt": "term", "dd": "definition", "figure": "other"}


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


XREF = ".//a[contains(concat(' ', normalize-space(@class), ' '), ' ld-xref ')]"


def _text(element: Any, refs: dict[str, str] | None = None) -> str:
    """Tokens rule 1; each cross-reference written as its target, its words kept in ``refs``."""
    if not element.xpath(XREF):
        return tokens.normalise(tokens.clean(element.text_content()))
    element = copy.deepcopy(element)
    for node in element.iter():
        if isinstance(node.tag, str) and node.text:
            node.text = tokens.clean(node.text)
        if node.tail:
            node.tail = tokens.clean(node.tail)
    for link in element.xpath(XREF):
        target = (link.get("href") or "#").removeprefix("#")
        if refs is not None:
            refs[target] = tokens.normalise(link.text_content())
        for child in list(link):
            link.remove(child)
        link.text = f"{tokens.REF_OPEN}{target}{tokens.REF_CLOSE}"
    return tokens.normalise(element.text_content())


#: Elements that look and read the same as another (no style of Material's or a browser's tells them
#: apart): ``<b>`` written for ``**``, ``<i>`` for ``*``.
SAME_LOOK = {"b": "strong", "i": "em"}


def _class_list(value: str) -> str:
    """A class attribute as the styles read it: a set of names, in no order."""
    return " ".join(sorted(set(value.split())))


def _markup(html: str) -> str:
    """A block's HTML with its cross-references' words left out: what renumbering cannot change; each
    element's attributes in one order (Python-Markdown writes an image's ``alt`` before its ``src``,
    cmark-gfm after: no reader sees the difference); ``SAME_LOOK`` elements as the ones they look like;
    ``scope`` and ``data-label`` left out (``UNSEEN``), and white space between a row's cells."""
    element = lxml.html.fragment_fromstring(html)
    for link in element.xpath(XREF):
        for child in list(link):
            link.remove(child)
        link.text = ""
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag in SAME_LOOK:
            node.tag = SAME_LOOK[node.tag]
        if node.get("class") is not None:
            node.set("class", _class_list(node.get("class")))
        if isinstance(node.tag, str):
            for name in ("scope", "data-label"):
                node.attrib.pop(name, None)
        if node.tag == "tr":  # white space between a row's cells shows nowhere (Python-Markdown writes lines)
            if node.text and not node.text.strip():
                node.text = None
            for cell in node:
                if cell.tail and not cell.tail.strip():
                    cell.tail = None
        if isinstance(node.tag, str) and len(node.attrib) > 1:
            attributes = sorted(node.attrib.items())
            node.attrib.clear()
            node.attrib.update(attributes)
    return tokens.normalise(_html(element))


def _block(kind: str, element: Any, container: str, group: int, depth: int = 0) -> Block:
    refs: dict[str, str] = {}
    text = tokens.clean(element.text_content()) if kind == "pre" else _text(element, refs)
    if kind == "heading":
        text = text.rstrip("¶").rstrip()
    return Block(kind, element.tag, text, _html(element), container, group, depth, refs=tuple(refs.items()))


def _html(element: Any) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


@lru_cache(maxsize=4096)
def blocks(html: str) -> tuple[Block, ...]:
    """The blocks of a section body, in reading order; remembered, as most sections repeat."""
    if not html.strip():
        return ()
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out: list[Block] = []
    _loose(root.text, 0, out)
    for group, element in enumerate(root):
        _walk(element, group, "", 0, out)
        _loose(element.tail, group, out)
    return tuple(out)


def _loose(text: str | None, group: int, out: list[Block]) -> None:
    """Text outside any element is a paragraph too: no word of a section goes uncompared."""
    if text and text.strip():
        shown = tokens.normalise(tokens.clean(text))
        out.append(Block("paragraph", "p", shown, f"<p>{escape(shown, quote=False)}</p>", "", group))


def _register(table: Any) -> str:
    """The prefix of a register's row ids where ``table`` is a register's (in its ``ld-cookies`` or
    ``ld-recipients`` element, classes the sanitiser takes out of a section's own HTML), else ""."""
    for ancestor in table.iterancestors():
        classes = _classes(ancestor)
        for kind, prefix in table_redline.REGISTERS:
            if f"ld-{kind}" in classes:
                return prefix
    return ""


#: Elements that hold blocks, and the attributes of theirs a reader perceives in each of those blocks (a
#: title shown on pointing, a language, a list numbered a, b, c).
HOLDERS = frozenset({"ul", "ol", "table", "blockquote", "dl", "div", "details", "section", "aside"})
PASSED_DOWN = ("title", "lang", "dir", "type", "class")


def _walk(element: Any, group: int, container: str, depth: int, out: list[Block]) -> None:
    """The blocks of ``element``; a container's perceived attributes set on each of its blocks that has
    none of its own (``PASSED_DOWN``; ``type`` on its own list's items), so that they are compared."""
    start = len(out)
    _walk_element(element, group, container, depth, out)
    if not isinstance(element.tag, str) or element.tag not in HOLDERS:
        return
    own = {k: v for k, v in element.attrib.items() if k in PASSED_DOWN}
    if "class" in own:  # legaldocs' own classes (``ld-``, which the sanitiser takes out of the text) style
        # its templates' tables (a register's), not the text: a list moved into a register is not restyled
        own["class"] = " ".join(c for c in own["class"].split() if not c.startswith("ld-"))
        if not own["class"]:
            del own["class"]
    if own:
        out[start:] = [_passed_down(b, own, depth) for b in out[start:]]


def _passed_down(block: Block, own: dict[str, str], depth: int) -> Block:
    if block.kind == GENERATED or not block.html:
        return block
    element = lxml.html.fragment_fromstring(block.html)
    for key, value in own.items():
        if element.get(key) is None and (key != "type" or (block.kind == "item" and block.depth == depth)):
            element.set(key, value)
    return replace(block, html=_html(element))


def _walk_element(element: Any, group: int, container: str, depth: int, out: list[Block]) -> None:
    if element.tag is etree.Comment:
        if "ld:versions" in (element.text or ""):
            out.append(Block(GENERATED, "", "versions", "", container, group))
        return
    if not isinstance(element.tag, str):
        return
    tag, classes = element.tag, _classes(element)
    if "ld-purposes" in classes:
        out.append(Block(GENERATED, "", "purposes", "", container, group))
    elif "ld-version-list" in classes:
        out.append(Block(GENERATED, "", "versions", "", container, group))
    elif tag in HEADINGS:
        out.append(_block("heading", element, container, group))
    elif tag == "p" and not _text(element) and not any(isinstance(c.tag, str) for c in element):
        for child in element:  # where Markdown wrapped a placeholder: the versions slot, or nothing
            _walk(child, group, container, depth, out)
    elif tag == "p" and container == "blockquote":
        out.append(_block("quote", element, container, group, depth))
    elif tag in SIMPLE:
        out.append(_block(SIMPLE[tag], element, container, group, depth))
    elif tag in ("ul", "ol"):
        # A numbered list's first number (``start``; GitHub's Markdown keeps it) is its first item's
        # (``value``): a list that now counts from 7 is a change, and the redline counts from 7 too.
        # A list counting down (``reversed``) says every item's number: the redline counts down too.
        start = element.get("start", "") if tag == "ol" else ""
        items = [i for i in element if isinstance(i.tag, str) and i.tag == "li"]
        down = tag == "ol" and element.get("reversed") is not None
        first = int(start) if start.isdigit() else len(items)
        for k, item in enumerate(items):
            own = copy.deepcopy(item)
            if own.get("value") is None and (down or (k == 0 and start.isdigit())):
                own.set("value", str(first - k if down else first))
            nested = [c for c in own if c.tag in ("ul", "ol")]
            for child in nested:
                own.remove(child)
            out.append(_block("item", own, tag, group, depth))
            for child in item:
                if child.tag in ("ul", "ol"):
                    _walk(child, group, child.tag, depth + 1, out)
    elif tag == "table":
        register = _register(element)
        for caption in element.findall("caption"):  # its words are read above the rows: a paragraph
            shown = copy.deepcopy(caption)
            shown.tag, shown.tail = "p", None
            out.append(_block("paragraph", shown, container, group))
        for row in element.iter("tr"):
            cells = [c for c in row if c.tag in ("th", "td")]
            refs: dict[str, str] = {}
            texts = tuple(_text(c, refs) for c in cells)
            tags = tuple(c.tag for c in cells)
            text = " | ".join(texts)
            entry = row.get("id", "") if register and row.get("id", "").startswith(register) else ""
            found = Block("row", "tr", text, _html(row), "table", group, 0, texts, tags, tuple(refs.items()), entry)
            part = row.getparent()  # a table's head or body: what it says of its rows, as a table's
            own = {k: v for k, v in part.attrib.items() if k in PASSED_DOWN} if part.tag != "table" else {}
            out.append(_passed_down(found, own, depth) if own else found)
    elif tag in ("blockquote", "dl", "div", "details", "section", "aside") and any(
        isinstance(c.tag, str) for c in element
    ):
        inside = depth + (tag == "blockquote" and container == "blockquote")  # a quote in a quote
        start = len(out)
        for child in element:
            if tag == "details" and child.tag == "summary" and element.get("open") is not None:
                child = copy.deepcopy(child)  # shown unfolded, not folded: said on its summary
                child.set("open", "")
            _walk(child, group, tag if tag in ("blockquote", "dl") else container, inside, out)
        if tag == "details" and element.get("open") is not None and element.find("summary") is None:
            out[start : start + 1] = [_passed_down(b, {"open": ""}, depth) for b in out[start : start + 1]]
    else:
        out.append(_block("other", element, container, group, depth))


# --- Marks: the markup a reader sees inside a block ----------------------------------------------

LINK, IMAGE, ALT, OTHER = "link", "image", "alt", "other"
#: Inline formatting by tag: its kind (module docstring, step 4).
INLINE = {
    "em": "emphasis",
    "i": "emphasis",
    "strong": "strong",
    "b": "strong",
    "del": "strikethrough",
    "s": "strikethrough",
    "strike": "strikethrough",
    "ins": "underline",
    "u": "underline",
    "code": "code",
    "kbd": "code",
    "samp": "code",
    "tt": "code",
}
#: The kinds of ``FormatChange``, a closed set.
FORMAT_KINDS = (LINK, IMAGE, ALT, "emphasis", "strong", "strikethrough", "underline", "code", OTHER)
#: Elements that make or hold blocks: a mark only where they carry attributes (a cell's span).
STRUCTURE = frozenset(
    {*HEADINGS, "p", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot"}
    | {"tr", "td", "th", "caption", "colgroup", "col", "pre", "figure", "figcaption", "section", "details"}
    | {"summary", "aside", "hr"}
)
#: Attributes no reader perceives: ids (made from headings), a header cell's ``scope`` (a register's
#: template writes ``<th scope="col">``, a Markdown table ``<th>``: the same heading on the page) and a
#: register's cell's ``data-label`` (only its template writes one, the sanitiser takes it out of the
#: text's: its column's header, compared in the header row). Classes are seen: Material styles by them
#: (``<div class="admonition danger">`` is a red box), as a set (``_class_list``).
UNSEEN = ("id", "scope", "data-label")

Mark = tuple[str, str, str]  # (kind, the words it covers or an image's alt, its target, src or markup)


@lru_cache(maxsize=4096)
def marks(html: str) -> tuple[Mark, ...]:
    """A block's inline markup in reading order (module docstring, step 4); computed from its HTML,
    remembered, as most blocks repeat from version to version."""
    if not html or (html.count("<") <= 2 and " " not in html[: html.find(">")]):
        return ()  # <p>…</p>: no inline element and no attribute, nothing to parse (most blocks)
    element = lxml.html.fragment_fromstring(html)
    out: list[Mark] = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        tag, classes = node.tag, _classes(node)
        if tag == "a":
            # A heading's own permalink (¶, to an anchor on the page) is the site's furniture, not the
            # text; an editor's link dressed in its class to anywhere else is a link like any other.
            permalink = (
                "headerlink" in classes
                and (node.get("href") or "").startswith("#")
                and getattr(node.getparent(), "tag", "") in HEADINGS
            )
            if "ld-xref" not in classes and not permalink:
                out.append((LINK, _text(node), node.get("href") or ""))
                if node.get("title"):  # shown on pointing at it: ``[words](address "title")``
                    out.append((OTHER, _text(node), f'<a title="{node.get("title")}">'))
        elif tag == "img":
            out.append((IMAGE, tokens.normalise(node.get("alt") or ""), node.get("src") or ""))
            if node.get("title"):
                out.append((OTHER, tokens.normalise(node.get("alt") or ""), f'<img title="{node.get("title")}">'))
        elif tag in INLINE:
            out.append((INLINE[tag], _text(node), ""))
        else:
            seen = " ".join(
                f'{k}="{_class_list(v) if k == "class" else v}"'
                for k, v in sorted(node.attrib.items())
                if k not in UNSEEN
            )
            if seen or (tag not in STRUCTURE and node is not element):
                out.append((OTHER, _text(node), f"<{tag} {seen}>" if seen else f"<{tag}>"))
    return tuple(out)


# --- The change model --------------------------------------------------------------------------


@dataclass(frozen=True)
class FormatChange:
    """One change of markup inside a paired block (module docstring, step 4)."""

    kind: str  # one of FORMAT_KINDS
    old: str  # before: a link's target, an image's address, the words emphasised… ("" where none)
    new: str  # after ("" where none)
    text: str = ""  # what it is on: a link's words, an image's description (or, for alt, its address)


@dataclass(frozen=True)
class BlockChange:
    status: str  # UNCHANGED, CHANGED, INSERTED, DELETED, MOVED_IN, MOVED_OUT
    old: Block | None
    new: Block | None
    #: The word redline: one per cell for rows with as many cells on both sides, else one; empty
    #: when the text is the same (unchanged, or moved as is) and for inserted, deleted, moved out.
    diffs: tuple[TextDiff, ...] = ()
    #: For a move: the section at the other end (moved in: where it came from in the old version;
    #: moved out: where it went in the new version); the same section for a move inside it.
    other_section: str | None = None
    other_number: int | None = None
    #: What changed in its markup (changed and moved-in blocks), with or without word changes.
    formatting: tuple[FormatChange, ...] = ()
    #: For a move: the other section's ``SectionText.label`` and title in its version, so that a note
    #: names it as its page does: "section 3", or by its title where it shows no number.
    other_label: str | None = None
    other_title: str | None = None

    @property
    def other_shown(self) -> str:
        """The other section's number as its page shows it, "" where it shows none (``shown_number``)."""
        return shown_number(self.other_number, self.other_label)

    @property
    def kind(self) -> str:
        return (self.new or self.old).kind  # type: ignore[union-attr]

    @property
    def minor(self) -> bool:
        """Only white space or punctuation changed (a change that may be hidden)."""
        return (
            self.status == CHANGED
            and not self.formatting
            and all(d.minor or d.kind == tokens.UNCHANGED for d in self.diffs)
        )

    @property
    def markup_only(self) -> bool:
        """The same words in other markup (a link's target, emphasis): shown, never silent."""
        return self.status == CHANGED and all(d.kind == tokens.UNCHANGED for d in self.diffs)

    @property
    def images_changed(self) -> int:
        """Images changed in a paired block, or in one inserted or deleted as a whole."""
        if self.status in (INSERTED, DELETED):
            block = self.new or self.old
            return sum(1 for m in marks(block.html) if m[0] == IMAGE)  # type: ignore[union-attr]
        return sum(1 for f in self.formatting if f.kind in (IMAGE, ALT))

    @property
    def formatting_changed(self) -> int:
        return sum(1 for f in self.formatting if f.kind not in (IMAGE, ALT))

    @property
    def words_added(self) -> int:
        if self.status == INSERTED:
            return self.new.words  # type: ignore[union-attr]
        return sum(d.words_added for d in self.diffs)

    @property
    def words_removed(self) -> int:
        if self.status == DELETED:
            return self.old.words  # type: ignore[union-attr]
        return sum(d.words_removed for d in self.diffs)


@dataclass(frozen=True)
class SectionChange:
    status: str  # UNCHANGED, CHANGED (title or text), ADDED, REMOVED
    old_id: str | None
    new_id: str | None
    old_number: int | None
    new_number: int | None
    old_title: str | None
    new_title: str | None
    title: TextDiff
    #: In reading order: the new text, with what was deleted or moved away where it stood.
    blocks: tuple[BlockChange, ...]
    moved: bool = False  # its order relative to the other sections changed
    renamed: bool = False  # same section, new title
    renumbered: bool = False
    id_changed: bool = False  # paired by similarity, not by id (its file was renamed)
    #: Sections (old numbers) whose text moved into this one, and (new numbers) where its text went:
    #: how a split or a merge reads.
    moved_in_from: tuple[int, ...] = ()
    moved_out_to: tuple[int, ...] = ()
    words_added: int = 0
    words_removed: int = 0
    #: ``SectionText.label`` in each version: how the section is named where the page names it.
    old_label: str | None = None
    new_label: str | None = None

    @property
    def id(self) -> str:
        return self.new_id or self.old_id  # type: ignore[return-value]

    @property
    def old_shown(self) -> str:
        """The section's number as the old version's page shows it ("3"), "" where it shows none."""
        return shown_number(self.old_number, self.old_label)

    @property
    def new_shown(self) -> str:
        return shown_number(self.new_number, self.new_label)

    @property
    def changed(self) -> bool:
        """Worth a reader's look: not collapsed on a changes page."""
        return self.status != UNCHANGED or self.moved

    @property
    def minor(self) -> bool:
        """Changed only in white space or punctuation."""
        edited = [b for b in self.blocks if b.status != UNCHANGED]
        return (
            self.status == CHANGED
            and not self.moved
            and (self.title.kind == tokens.UNCHANGED or self.title.minor)
            and all(b.minor for b in edited)
        )


@dataclass(frozen=True)
class PurposeFact:
    """A change of a purpose in a reader's terms: a lawful basis added, a data type dropped…"""

    subject: str  # "lawful basis", "interest", "data type", "activity"
    change: str  # ADDED, REMOVED or CHANGED (an interest reworded, a data type relabelled)
    key: str  # the basis key, the data type id, or the activity text
    label: str  # as the policy words it
    old: str = ""  # for an interest or a relabelled data type: the words before and after
    new: str = ""


@dataclass(frozen=True)
class PurposeChange:
    id: str
    status: str  # UNCHANGED, CHANGED, ADDED, REMOVED
    cells: tuple[TextDiff, TextDiff, TextDiff]  # purpose, data types, lawful bases: word redlines
    facts: tuple[PurposeFact, ...] = ()
    moved: bool = False  # its row's order relative to the others changed


@dataclass(frozen=True)
class PurposesChange:
    #: UNCHANGED, CHANGED, ADDED (the table is new, or newly shown), REMOVED (gone, or no longer shown)
    status: str
    columns: tuple[str, str, str]
    caption: TextDiff
    purposes: tuple[PurposeChange, ...]  # new order, removed ones where they stood
    #: Word redlines of the three column headers.
    headers: tuple[TextDiff, ...] = ()
    #: Its ``{{ purposes }}`` moved to another place in the text.
    moved: bool = False

    @property
    def changed(self) -> tuple[PurposeChange, ...]:
        return tuple(p for p in self.purposes if p.status != UNCHANGED or p.moved)

    @property
    def headers_changed(self) -> bool:
        return any(d.kind != tokens.UNCHANGED for d in self.headers)

    @property
    def count(self) -> int:
        """Changes a reader sees in the table: each purpose changed, and the table's own caption,
        column headers and place (one each); a table added or removed counts its purposes."""
        own = 0
        if self.status in (ADDED, REMOVED):
            own = 0 if self.purposes else 1
        else:
            own = (self.caption.kind != tokens.UNCHANGED) + self.headers_changed + self.moved
        return len(self.changed) + own


TITLE, SUMMARY, EFFECTIVE, FACT = "title", "summary", "effective", "fact"


@dataclass(frozen=True)
class MetaChange:
    """A change a reader sees outside the sections: the title, the effective date, the summary, a fact."""

    field: str  # TITLE, EFFECTIVE, SUMMARY or FACT
    status: str  # ADDED, REMOVED or CHANGED
    old: str  # "" where there was none
    new: str
    diff: TextDiff  # the word redline of old against new
    key: str = ""  # a fact's name in document.yml


@dataclass(frozen=True)
class Counts:
    sections_changed: int
    sections_added: int
    sections_removed: int
    words_added: int
    words_removed: int
    #: Purposes added, removed, moved or edited, and the table's caption, headers and place (``PurposesChange.count``).
    purposes_changed: int
    formatting_changed: int = 0  # ``FormatChange``s other than images: links, emphasis, other markup
    images_changed: int = 0  # images changed in paired blocks, and in blocks inserted or deleted
    facts_changed: int = 0  # facts added, removed or changed
    metadata_changed: int = 0  # of the title, the summary and the effective date, how many changed
    #: Rows of tables in the text (header rows too) added, removed, changed or moved, and columns added
    #: and removed (``table_redline``, rule 4).
    rows_added: int = 0
    rows_removed: int = 0
    rows_changed: int = 0
    columns_added: int = 0
    columns_removed: int = 0
    #: Rows of the registers (``{{ cookies }}``, ``{{ recipients }}``), paired by their entry's id:
    #: counted here in the registers' own words, not among the rows above.
    cookies_added: int = 0
    cookies_removed: int = 0
    cookies_changed: int = 0
    recipients_added: int = 0
    recipients_removed: int = 0
    recipients_changed: int = 0


@dataclass(frozen=True)
class Change:
    sections: tuple[SectionChange, ...]  # new order, removed sections where they stood
    purposes: PurposesChange | None
    counts: Counts
    #: The title, effective date, summary and facts that changed, in that order.
    metadata: tuple[MetaChange, ...] = ()

    @property
    def unchanged(self) -> bool:
        c = self.counts
        return not any(s.changed for s in self.sections) and not (
            c.purposes_changed or c.formatting_changed or c.images_changed or c.facts_changed or c.metadata_changed
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (lists, dicts, strings, numbers, booleans, None)."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# --- Comparing ---------------------------------------------------------------------------------


def compare(old: DocumentText, new: DocumentText) -> Change:
    """The change from ``old`` to ``new``, at the level of sections, blocks, words and purposes."""
    pairs = _pair_sections(old.sections, new.sections)
    work = _Blocks(pairs)
    sections = _arrange(old.sections, new.sections, [work.section(k) for k in range(len(pairs))], pairs)
    purposes = _shown_purposes(old, new, sections)
    metadata = compare_metadata(old, new)
    blocks_ = [b for s in sections for b in s.blocks]
    counts = Counts(
        sections_changed=sum(1 for s in sections if s.status == CHANGED or (s.moved and s.status == UNCHANGED)),
        sections_added=sum(1 for s in sections if s.status == ADDED),
        sections_removed=sum(1 for s in sections if s.status == REMOVED),
        words_added=sum(s.words_added for s in sections) + _purpose_words(purposes, "words_added"),
        words_removed=sum(s.words_removed for s in sections) + _purpose_words(purposes, "words_removed"),
        purposes_changed=purposes.count if purposes else 0,
        formatting_changed=sum(b.formatting_changed for b in blocks_),
        images_changed=sum(b.images_changed for b in blocks_),
        facts_changed=sum(1 for m in metadata if m.field == FACT),
        metadata_changed=sum(1 for m in metadata if m.field != FACT),
        **table_redline.counts(blocks_),
    )
    return Change(tuple(sections), purposes, counts, metadata)


def compare_metadata(old: DocumentText, new: DocumentText) -> tuple[MetaChange, ...]:
    """The title, effective date, summary and facts (new order, then the removed) that differ."""
    found: list[MetaChange] = []

    def meta(field: str, before: str, after: str, key: str = "", status: str = "") -> None:
        status = status or (ADDED if not before else REMOVED if not after else CHANGED)
        found.append(MetaChange(field, status, before, after, tokens.diff(before, after), key))

    for field in (TITLE, EFFECTIVE, SUMMARY):
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            meta(field, before, after)
    old_facts, new_facts = dict(old.facts), dict(new.facts)
    for key, value in new.facts:
        if key not in old_facts:
            meta(FACT, "", value, key, ADDED)
        elif old_facts[key] != value:
            meta(FACT, old_facts[key], value, key, CHANGED)
    for key, value in old.facts:
        if key not in new_facts:
            meta(FACT, value, "", key, REMOVED)
    return tuple(found)


def _places_purposes(text: DocumentText) -> bool:
    return any(b.kind == GENERATED and b.text == "purposes" for s in text.sections for b in blocks(s.html))


def _shown_purposes(old: DocumentText, new: DocumentText, sections: Sequence[SectionChange]) -> PurposesChange | None:
    """The purpose table as readers see it: a version that does not place it does not show it
    (against one that does, the table is added or removed); with a placeholder moved, ``moved``."""
    shown_old, shown_new = _places_purposes(old), _places_purposes(new)
    before = None if shown_new and not shown_old else old.purposes
    after = None if shown_old and not shown_new else new.purposes
    change = compare_purposes(before, after)
    moved = any(
        b.status == MOVED_IN and b.kind == GENERATED and b.new is not None and b.new.text == "purposes"
        for s in sections
        for b in s.blocks
    )
    if change is not None and moved and change.status in (UNCHANGED, CHANGED):
        change = replace(change, moved=True, status=CHANGED)
    return change


Pair = tuple[SectionText | None, SectionText | None, bool]  # old, new, paired by similarity


def _section_words(section: SectionText) -> list[str]:
    found = tokens.words(section.title)
    for block in blocks(section.html):
        if block.kind != GENERATED:
            found.extend(tokens.words(block.text))
    return found


def _pair_sections(old: Sequence[SectionText], new: Sequence[SectionText]) -> list[Pair]:
    """By id, then what is left by similarity; in new order, then the removed in old order."""
    new_ids = {s.id for s in new}
    old_by_id = {s.id: s for s in old}
    lone_old = [s for s in old if s.id not in new_ids]
    lone_new = [s for s in new if s.id not in old_by_id]
    by_similarity: dict[str, SectionText] = {}
    if lone_old and lone_new:
        old_words = {s.id: _section_words(s) for s in lone_old}
        new_words = {s.id: _section_words(s) for s in lone_new}
        scored = sorted(
            (
                (-tokens.similarity(old_words[o.id], new_words[n.id]), i, j)
                for i, o in enumerate(lone_old)
                for j, n in enumerate(lone_new)
            ),
        )
        used_old: set[int] = set()
        for score, i, j in scored:
            if -score < SECTION_PAIRING:
                break
            if i in used_old or lone_new[j].id in by_similarity:
                continue
            used_old.add(i)
            by_similarity[lone_new[j].id] = lone_old[i]
    pairs: list[Pair] = []
    for section in new:
        if section.id in old_by_id:
            pairs.append((old_by_id[section.id], section, False))
        elif section.id in by_similarity:
            pairs.append((by_similarity[section.id], section, True))
        else:
            pairs.append((None, section, False))
    paired_old = {id(p[0]) for p in pairs if p[0] is not None}
    pairs.extend((s, None, False) for s in old if id(s) not in paired_old)
    return pairs


@dataclass
class _Ref:
    """A block left over after exact alignment, until the passes decide what became of it."""

    pair: int
    range: int
    index: int
    block: Block
    partner: _Ref | None = None
    moved: bool = False


class _Blocks:
    """Level 2 for the whole document at once: moves are found across sections."""

    def __init__(self, pairs: list[Pair]) -> None:
        self.pairs = pairs
        self.old_blocks = [blocks(p[0].html) if p[0] else () for p in pairs]
        self.new_blocks = [blocks(p[1].html) if p[1] else () for p in pairs]
        self._heads: dict[tuple[int, int], dict[int, Block | None]] = {}  # table_redline.headers, by side and pair
        # Per pair, a list of items: ("equal", old index, new index) or ("range", [old refs], [new refs])
        self.items: list[list[tuple[Any, ...]]] = [self._align(k) for k in range(len(pairs))]
        olds = [r for k in self._order(old=True) for item in self.items[k] if item[0] == "range" for r in item[1]]
        news = [r for k in self._order(old=False) for item in self.items[k] if item[0] == "range" for r in item[2]]
        self._exact_moves(olds, news)
        for k in range(len(pairs)):
            table_redline.pair_rows([(i[1], i[2]) for i in self.items[k] if i[0] == "range"], self._link)
            for item in self.items[k]:
                if item[0] == "range":
                    self._pair_in_range(item[1], item[2])
        self._similar_moves([r for r in olds if not r.partner], [r for r in news if not r.partner])

    def _order(self, old: bool) -> list[int]:
        """Pair indexes in the reading order of one version."""
        side = 0 if old else 1
        present = [k for k, p in enumerate(self.pairs) if p[side] is not None]
        return sorted(present, key=lambda k: self.pairs[k][side].number)  # type: ignore[union-attr]

    def _align(self, k: int) -> list[tuple[Any, ...]]:
        a, b = self.old_blocks[k], self.new_blocks[k]
        items: list[tuple[Any, ...]] = []
        i = j = 0
        ops = (
            [op for op in Indel.opcodes([x.key for x in a], [x.key for x in b]) if op.tag == "equal"] if a and b else []
        )
        for op in [*ops, None]:
            end_a, end_b = (op.src_start, op.dest_start) if op else (len(a), len(b))
            if end_a > i or end_b > j:
                r = len(items)
                items.append(
                    (
                        "range",
                        [_Ref(k, r, x, a[x]) for x in range(i, end_a)],
                        [_Ref(k, r, y, b[y]) for y in range(j, end_b)],
                    )
                )
            if op:
                items.extend(("equal", op.src_start + n, op.dest_start + n) for n in range(op.src_end - op.src_start))
                i, j = op.src_end, op.dest_end
        return items

    @staticmethod
    def _link(old: _Ref, new: _Ref, moved: bool) -> None:
        old.partner, new.partner = new, old
        old.moved = new.moved = moved

    def _exact_moves(self, olds: list[_Ref], news: list[_Ref]) -> None:
        waiting: dict[str, deque[_Ref]] = defaultdict(deque)
        for ref in olds:
            waiting[ref.block.key].append(ref)
        for ref in news:
            if waiting.get(ref.block.key):
                self._link(waiting[ref.block.key].popleft(), ref, True)

    def _pair_in_range(self, olds: list[_Ref], news: list[_Ref]) -> None:
        """Similar blocks of one kind, best first, never crossing an accepted pair."""
        # Pairs already made in this range (table rows by their first cell) are not crossed either.
        made = sorted((r.index, r.partner.index) for r in olds if r.partner and not r.moved)
        olds = [r for r in olds if not r.partner and r.block.kind != GENERATED]
        news = [r for r in news if not r.partner and r.block.kind != GENERATED]
        if not olds or not news or len(olds) * len(news) > MAX_CANDIDATES:
            return
        words_old = [tokens.words(r.block.text) for r in olds]
        words_new = [tokens.words(r.block.text) for r in news]
        scored = sorted(
            (-tokens.similarity(words_old[i], words_new[j]), i, j)
            for i in range(len(olds))
            for j in range(len(news))
            if olds[i].block.kind == news[j].block.kind and olds[i].block.entry == news[j].block.entry
        )
        accepted: list[tuple[int, int]] = []
        for score, i, j in scored:
            if -score < BLOCK_PAIRING:
                break
            if olds[i].partner or news[j].partner:
                continue
            if any((i - x) * (j - y) < 0 for x, y in accepted) or table_redline.crosses(made, olds[i], news[j]):
                continue
            accepted.append((i, j))
            self._link(olds[i], news[j], False)

    def _similar_moves(self, olds: list[_Ref], news: list[_Ref]) -> None:
        olds = [r for r in olds if r.block.kind != GENERATED and r.block.words >= MOVE_MIN_WORDS]
        news = [r for r in news if r.block.kind != GENERATED and r.block.words >= MOVE_MIN_WORDS]
        if not olds or not news or len(olds) * len(news) > MAX_CANDIDATES:
            return
        words_old = [tokens.words(r.block.text) for r in olds]
        words_new = [tokens.words(r.block.text) for r in news]
        scored = sorted(
            (-tokens.similarity(words_old[i], words_new[j]), i, j)
            for i in range(len(olds))
            for j in range(len(news))
            if olds[i].block.kind == news[j].block.kind
            and olds[i].block.entry == news[j].block.entry
            and (olds[i].pair, olds[i].range) != (news[j].pair, news[j].range)
        )
        for score, i, j in scored:
            if -score < MOVE_PAIRING:
                break
            if not olds[i].partner and not news[j].partner:
                self._link(olds[i], news[j], True)

    def _other(self, ref: _Ref, old_side: bool) -> tuple[str, int, str | None, str]:
        """The section at the other end of a move, as (id, number, label, title) in the other version."""
        pair = self.pairs[ref.partner.pair]  # type: ignore[union-attr]
        section = pair[1] if old_side else pair[0]
        return section.id, section.number, section.label, section.title  # type: ignore[union-attr]

    def section(self, k: int) -> SectionChange:
        old, new, by_similarity = self.pairs[k]
        a, b = self.old_blocks[k], self.new_blocks[k]
        changes: list[BlockChange] = []
        for item in self.items[k]:
            if item[0] == "equal":
                before, after = a[item[1]], b[item[2]]
                if before.kind == GENERATED or _same_markup(before, after):
                    changes.append(BlockChange(UNCHANGED, before, after))
                else:  # same words, other markup: a link's target, emphasis
                    formatting = format_changes(before, after, same_words=True)
                    changes.append(BlockChange(CHANGED, before, after, _diffs(before, after), formatting=formatting))
                continue
            olds, news = item[1], item[2]
            i = 0
            for new_ref in news:
                partner = new_ref.partner
                if partner and not partner.moved:  # paired in this range: old blocks before it come first
                    while olds[i] is not partner:
                        changes.append(self._gone(olds[i]))
                        i += 1
                    i += 1
                    before, after = partner.block, new_ref.block
                    if _moved_to_register(before, after):
                        changes.append(BlockChange(UNCHANGED, before, after))
                        continue
                    formatting = format_changes(before, after)
                    diffs = _diffs(before, after, self._columns(partner, new_ref))
                    changes.append(BlockChange(CHANGED, before, after, diffs, formatting=formatting))
                elif partner:
                    other, number, label, named = self._other(new_ref, old_side=False)
                    before, after = partner.block, new_ref.block
                    same = before.key == after.key and before.cells == after.cells
                    diffs = () if same else _diffs(before, after, self._columns(partner, new_ref))
                    formatting = format_changes(before, after, same_words=same and not _same_markup(before, after))
                    changes.append(BlockChange(MOVED_IN, before, after, diffs, other, number, formatting, label, named))
                else:
                    changes.append(_whole(INSERTED, new_ref.block))
            changes.extend(self._gone(r) for r in olds[i:])
        changes = _deletions_first(changes)
        title = _title_diff(old, new)
        status = ADDED if old is None else REMOVED if new is None else UNCHANGED
        if status == UNCHANGED and (title.kind != tokens.UNCHANGED or any(c.status != UNCHANGED for c in changes)):
            status = CHANGED
        return SectionChange(
            status=status,
            old_id=old.id if old else None,
            new_id=new.id if new else None,
            old_number=old.number if old else None,
            new_number=new.number if new else None,
            old_title=old.title if old else None,
            new_title=new.title if new else None,
            title=title,
            blocks=tuple(changes),
            renamed=bool(old and new and old.title != new.title),
            renumbered=bool(old and new and shown_number(old.number, old.label) != shown_number(new.number, new.label)),
            id_changed=by_similarity,
            moved_in_from=tuple(
                sorted(
                    {
                        c.other_number
                        for c in changes
                        if c.status == MOVED_IN and c.kind != GENERATED and c.other_section != (old and old.id)
                    }
                )
            ),  # type: ignore[arg-type]
            moved_out_to=tuple(
                sorted(
                    {
                        c.other_number
                        for c in changes
                        if c.status == MOVED_OUT and c.kind != GENERATED and c.other_section != (new and new.id)
                    }
                )
            ),  # type: ignore[arg-type]
            words_added=title.words_added + sum(c.words_added for c in changes),
            words_removed=title.words_removed + sum(c.words_removed for c in changes),
            old_label=old.label if old else None,
            new_label=new.label if new else None,
        )

    def _columns(self, old: _Ref, new: _Ref) -> tuple[tuple[int, int], ...]:
        """Two paired rows' columns where their tables' columns differ (``table_redline``, rule 2)."""
        if old.block.kind != "row" or new.block.kind != "row" or len(old.block.cells) == len(new.block.cells):
            return ()
        heads = self._heads
        for side, k, found in ((0, old.pair, self.old_blocks), (1, new.pair, self.new_blocks)):
            if (side, k) not in heads:
                heads[side, k] = table_redline.headers(found[k])
        return table_redline.row_columns(heads[0, old.pair], old.block, heads[1, new.pair], new.block)

    def _gone(self, ref: _Ref) -> BlockChange:
        if ref.partner and ref.moved:
            other, number, label, named = self._other(ref, old_side=True)
            return BlockChange(MOVED_OUT, ref.block, None, (), other, number, (), label, named)
        return _whole(DELETED, ref.block)


def _whole(status: str, block: Block) -> BlockChange:
    """A block inserted or deleted as a whole. One with no words and no image (a rule drawn across the
    page, an empty line) has nothing to strike through or underline: its markup is its change, said
    and counted as formatting (``<hr>`` added or removed)."""
    old, new = (None, block) if status == INSERTED else (block, None)
    if block.kind == GENERATED or block.cells or block.text.strip() or any(m[0] == IMAGE for m in marks(block.html)):
        return BlockChange(status, old, new)
    markup = f"<{block.tag}>"
    found = FormatChange(OTHER, "", markup) if status == INSERTED else FormatChange(OTHER, markup, "")
    return BlockChange(status, old, new, formatting=(found,))


def _deletions_first(changes: list[BlockChange]) -> list[BlockChange]:
    """Inside a run of blocks that are new, gone or moved, what was there comes before what is."""
    out: list[BlockChange] = []
    run: list[BlockChange] = []
    for change in [*changes, None]:
        if change is not None and change.status in (INSERTED, DELETED, MOVED_IN, MOVED_OUT):
            run.append(change)
            continue
        out.extend(c for c in run if c.status in (DELETED, MOVED_OUT))
        out.extend(c for c in run if c.status in (INSERTED, MOVED_IN))
        run = []
        if change is not None:
            out.append(change)
    return out


def _title_diff(old: SectionText | None, new: SectionText | None) -> TextDiff:
    if old is None:
        return tokens.inserted(new.title)  # type: ignore[union-attr]
    if new is None:
        return tokens.deleted(old.title)
    return tokens.diff(old.title, new.title)


def _moved_to_register(old: Block, new: Block) -> bool:
    """A table's row that moved between the text and a register (``{{ recipients }}``) and whose cells
    read the same: not a change (the register's template writes its own markup, no reader sees it)."""
    return old.kind == "row" and old.entry != new.entry and old.text == new.text and old.cells == new.cells


def _same_markup(old: Block, new: Block) -> bool:
    """The same HTML, or HTML that differs only in the numbers of cross-references (renumbering); for a
    list item, in the same kind of list at the same depth."""
    if _list_place(old) != _list_place(new):
        return False
    return tokens.normalise(old.html) == tokens.normalise(new.html) or _markup(old.html) == _markup(new.html)


def _list_place(block: Block) -> tuple[str, str]:
    """A list item's list, as markup: a bulleted item that is now numbered (``<ul>`` → ``<ol>``), or one
    that is now nested under the item before it (``<li>`` → ``<li data-depth="1">``), reads otherwise;
    so does a quote now quoted inside a quote (``<blockquote data-depth="1">``)."""
    if block.kind == "quote":
        return ("", f'<blockquote data-depth="{block.depth}">' if block.depth else "")
    if block.kind != "item":
        return ("", "")
    return (f"<{block.container}>", f'<li data-depth="{block.depth}">' if block.depth else "<li>")


def format_changes(old: Block, new: Block, same_words: bool = False) -> tuple[FormatChange, ...]:
    """What changed in the markup of a paired block (module docstring, step 4). ``same_words``: the
    blocks' words are the same but their HTML is not, so something must be said even where no mark
    explains it (one ``other`` change with nothing before or after)."""
    found: list[FormatChange] = []
    if old.tag != new.tag:
        found.append(FormatChange(OTHER, f"<{old.tag}>", f"<{new.tag}>"))
    for before, after in zip(_list_place(old), _list_place(new), strict=True):
        if before != after:
            found.append(FormatChange(OTHER, before, after, new.shown(new.text)))
    # A register's row heads its name with ``<th>`` styled as its other cells: no reader sees a text
    # table's ``<td>`` become it when the list moves into the register.
    if old.cell_tags != new.cell_tags and len(old.cell_tags) == len(new.cell_tags) and old.entry == new.entry:
        found.append(
            FormatChange(OTHER, " ".join(f"<{t}>" for t in old.cell_tags), " ".join(f"<{t}>" for t in new.cell_tags))
        )
    a, b = marks(old.html), marks(new.html)
    if a != b:
        gained = Counter(tokens.words(new.text)) - Counter(tokens.words(old.text))
        lost = Counter(tokens.words(old.text)) - Counter(tokens.words(new.text))
        i = j = 0
        for start_a, start_b, length in [
            *tokens.matches(["\x00".join(m) for m in a], ["\x00".join(m) for m in b]),
            (len(a), len(b), 0),
        ]:
            found.extend(_gap(a[i:start_a], b[j:start_b], old, new, gained, lost))
            i, j = start_a + length, start_b + length
    # Cells whose words moved to the next one (``A \| B | C`` → ``A | B \| C``) read the same as one text:
    # their own word redlines show the change, and it is no formatting.
    moved_between_cells = len(old.cells) == len(new.cells) and old.cells != new.cells
    if same_words and not found and not moved_between_cells:
        found.append(FormatChange(OTHER, "", ""))
    return tuple(found)


def _gap(
    olds: Sequence[Mark], news: Sequence[Mark], old: Block, new: Block, gained: Counter[str], lost: Counter[str]
) -> list[FormatChange]:
    """The marks between two runs of equal ones: each new one paired with the first free old one of its
    kind (linear: a queue per kind); the old ones left over are removed, in their order."""
    found: list[FormatChange] = []
    free: dict[str, deque[int]] = defaultdict(deque)
    for n, mark in enumerate(olds):
        free[mark[0]].append(n)
    for mark in news:
        kind, text, value = mark
        if not free[kind]:
            found.append(_added(mark, new))
            continue
        partner = olds[free[kind].popleft()]
        if kind in (LINK, OTHER):
            # A link's words alone changing is a word change; so is an address written out as its own link's words.
            if partner[2] != value and not (kind == LINK and _shows_target(partner) and _shows_target(mark)):
                found.append(FormatChange(kind, partner[2], value, new.shown(text)))
        elif kind == IMAGE:
            if partner[2] != value:
                found.append(FormatChange(IMAGE, partner[2], value, text))
            if partner[1] != text:
                found.append(FormatChange(ALT, partner[1], text, value))
        elif partner[1] != text and not _explained(partner[1], text, gained, lost):
            found.append(FormatChange(kind, old.shown(partner[1]), new.shown(text)))
    found.extend(_removed(olds[n], old) for n in sorted(n for queue in free.values() for n in queue))
    return found


def _shows_target(mark: Mark) -> bool:
    """A link whose words are its target (an address or email linked as written): its words say it."""
    return mark[2] in (mark[1], f"mailto:{mark[1]}", f"tel:{mark[1]}")


def _explained(before: str, after: str, gained: Counter[str], lost: Counter[str]) -> bool:
    """Whether the words that a mark came to cover, or stopped covering, are words added to or removed
    from the block: then the word redline shows the change ("**We sell**" → "**We share**")."""
    covered, uncovered = Counter(tokens.words(after)), Counter(tokens.words(before))
    return not (covered - uncovered - gained) and not (uncovered - covered - lost)


def _added(mark: Mark, block: Block) -> FormatChange:
    kind, text, value = mark
    if kind in (LINK, OTHER):
        return FormatChange(kind, "", value, block.shown(text))
    if kind == IMAGE:
        return FormatChange(IMAGE, "", value, text)
    return FormatChange(kind, "", block.shown(text))


def _removed(mark: Mark, block: Block) -> FormatChange:
    kind, text, value = mark
    if kind in (LINK, OTHER):
        return FormatChange(kind, value, "", block.shown(text))
    if kind == IMAGE:
        return FormatChange(IMAGE, value, "", text)
    return FormatChange(kind, block.shown(text), "")


def _diffs(old: Block, new: Block, columns: Sequence[tuple[int, int]] = ()) -> tuple[TextDiff, ...]:
    if columns:  # a table's columns changed: one diff per column of both (table_redline, rule 2)
        found = table_redline.row_diffs(old, new, columns)
    elif old.kind == "row" and new.kind == "row" and len(old.cells) == len(new.cells):
        found = [tokens.diff(x, y) for x, y in zip(old.cells, new.cells, strict=True)]
    else:
        found = [tokens.diff(old.text, new.text)]
    if not old.refs and not new.refs:
        return tuple(found)
    return tuple(
        replace(
            d,
            segments=tuple(
                replace(segment, old=old.shown(segment.old), new=new.shown(segment.new)) for segment in d.segments
            ),
        )
        for d in found
    )


def _arrange(
    old: Sequence[SectionText], new: Sequence[SectionText], changes: list[SectionChange], pairs: list[Pair]
) -> list[SectionChange]:
    """New order, each removed section after the one that preceded it in the old version; moves marked."""
    paired = [k for k, p in enumerate(pairs) if p[0] is not None and p[1] is not None]
    by_old = sorted(paired, key=lambda k: pairs[k][0].number)  # type: ignore[union-attr]
    by_new = sorted(paired, key=lambda k: pairs[k][1].number)  # type: ignore[union-attr]
    kept = {k for op in Indel.opcodes(by_old, by_new) if op.tag == "equal" for k in by_old[op.src_start : op.src_end]}
    moved = set(paired) - kept
    changes = [replace(c, moved=True) if k in moved else c for k, c in enumerate(changes)]
    order = sorted((k for k, p in enumerate(pairs) if p[1] is not None), key=lambda k: pairs[k][1].number)  # type: ignore[union-attr]
    old_order = sorted((k for k, p in enumerate(pairs) if p[0] is not None), key=lambda k: pairs[k][0].number)  # type: ignore[union-attr]
    for position, k in enumerate(old_order):
        if pairs[k][1] is not None:
            continue
        before = next((old_order[p] for p in range(position - 1, -1, -1) if old_order[p] in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, k)
    return [changes[k] for k in order]


# --- Purposes ----------------------------------------------------------------------------------


def _basis_label(table: PurposeTable, key: str) -> str:
    return table.basis_wording.get(key) or LAWFUL_BASES.get(key, key)


def _facts(old_table: PurposeTable, old: Purpose, new_table: PurposeTable, new: Purpose) -> list[PurposeFact]:
    facts: list[PurposeFact] = []
    old_bases = {b.key: b for b in old.bases}
    new_bases = {b.key: b for b in new.bases}
    for key, basis in new_bases.items():
        if key not in old_bases:
            facts.append(PurposeFact(BASIS, ADDED, key, _basis_label(new_table, key), "", basis.interest))
        elif old_bases[key].interest != basis.interest:
            label = _basis_label(new_table, key)
            facts.append(PurposeFact(INTEREST, CHANGED, key, label, old_bases[key].interest, basis.interest))
    for key, basis in old_bases.items():
        if key not in new_bases:
            facts.append(PurposeFact(BASIS, REMOVED, key, _basis_label(old_table, key), basis.interest, ""))
    facts.extend(
        PurposeFact(DATA_TYPE, ADDED, key, new_table.data_type(key).label) for key in new.data if key not in old.data
    )
    facts.extend(
        PurposeFact(DATA_TYPE, REMOVED, key, old_table.data_type(key).label) for key in old.data if key not in new.data
    )
    for key in new.data:
        if key in old.data and old_table.data_type(key).label != new_table.data_type(key).label:
            before, after = old_table.data_type(key).label, new_table.data_type(key).label
            facts.append(PurposeFact(DATA_TYPE, CHANGED, key, after, before, after))
    facts.extend(PurposeFact(ACTIVITY, ADDED, a, a) for a in new.activities if a not in old.activities)
    facts.extend(PurposeFact(ACTIVITY, REMOVED, a, a) for a in old.activities if a not in new.activities)
    return facts


def compare_purposes(old: PurposeTable | None, new: PurposeTable | None) -> PurposesChange | None:
    """Purpose by purpose id, cell by cell, and in a reader's terms (``PurposeFact``)."""
    if old is None and new is None:
        return None
    table = new or old
    old_rows = {p.id: p for p in old.purposes} if old else {}
    new_rows = {p.id: p for p in new.purposes} if new else {}
    rows: list[PurposeChange] = []
    if new is not None:
        for purpose in new.purposes:
            cells = purpose_table.cells(new, purpose)
            before = old_rows.get(purpose.id)
            if before is None or old is None:
                rows.append(PurposeChange(purpose.id, ADDED, tuple(tokens.inserted(c) for c in cells)))  # type: ignore[arg-type]
                continue
            diffs = tuple(tokens.diff(x, y) for x, y in zip(purpose_table.cells(old, before), cells, strict=True))
            facts = tuple(_facts(old, before, new, purpose))
            edited = facts or any(d.kind != tokens.UNCHANGED for d in diffs)
            rows.append(PurposeChange(purpose.id, CHANGED if edited else UNCHANGED, diffs, facts))  # type: ignore[arg-type]
    if old is not None:
        ids = [p.id for p in old.purposes]
        for position, purpose in enumerate(old.purposes):
            if purpose.id in new_rows:
                continue
            removed = PurposeChange(
                purpose.id, REMOVED, tuple(tokens.deleted(c) for c in purpose_table.cells(old, purpose))
            )  # type: ignore[arg-type]
            before = next((ids[p] for p in range(position - 1, -1, -1) if ids[p] in new_rows), None)
            at = next((n for n, r in enumerate(rows) if r.id == before), -1) + 1 if before else 0
            rows.insert(at, removed)
        if new is not None:
            common_old = [p.id for p in old.purposes if p.id in new_rows]
            common_new = [p.id for p in new.purposes if p.id in old_rows]
            kept = {
                x
                for op in Indel.opcodes(common_old, common_new)
                if op.tag == "equal"
                for x in common_old[op.src_start : op.src_end]
            }
            rows = [
                replace(r, moved=True) if r.id in old_rows and r.id in new_rows and r.id not in kept else r
                for r in rows
            ]
    caption = tokens.diff(old.caption if old else "", new.caption if new else "")
    headers = tuple(
        tokens.diff(old.columns[n] if old else "", new.columns[n] if new else "") for n in range(len(table.columns))
    )  # type: ignore[union-attr]
    status = ADDED if old is None else REMOVED if new is None else UNCHANGED
    if status == UNCHANGED and (
        caption.kind != tokens.UNCHANGED
        or any(d.kind != tokens.UNCHANGED for d in headers)
        or any(r.status != UNCHANGED or r.moved for r in rows)
    ):
        status = CHANGED
    return PurposesChange(status, table.columns, caption, tuple(rows), headers)  # type: ignore[union-attr]


def _purpose_words(change: PurposesChange | None, field: str) -> int:
    if change is None:
        return 0
    own = getattr(change.caption, field) + sum(getattr(d, field) for d in change.headers)
    return own + sum(getattr(d, field) for p in change.purposes for d in p.cells)
