"""The work a section may ask of Markdown, bounded before Markdown does it.

Python-Markdown, the parser MkDocs uses, takes time quadratic in the length of the text for some
shapes of it: 20 KB of `[` took 80 s. Legal text never needs those shapes, so each is refused with
its line and a fix, before the quadratic work begins (``benchmarks/hostile.py`` measures every
one, and the README's "Bounded work" gives the limits):

- per section, before Markdown parses it (``scan``): at most ``MAX_BLOCKS`` lines of text and HTML
  tags, ``MAX_HEADINGS`` headings, ``MAX_SPLIT`` headings, rules or definitions in one run of lines
  without a blank line (Markdown splits those off one at a time, re-reading the rest each time),
  ``MAX_ABBREVIATIONS`` abbreviations; and HTML tags left unclosed (no `>` before the next `<`)
  only as few as keep the HTML parser's reads to the end of the text within the paragraph budget;
- per document (``Totals``): at most ``MAX_DOCUMENT_BLOCKS`` lines and tags, ``MAX_IMAGES`` images;
- per paragraph, list item or table cell, as Markdown's inline parser receives it and before it
  starts (``install``): the markup it would rewrite the text for (each `*`, `` ` ``, `[`, `<`,
  `&`, `\\` costs a copy of the paragraph) and the distance its link and code-span patterns would
  scan for a closing `]`, `)` or backtick run, each within a budget linear in the paragraph's length.

Everything here is linear in the text: string methods and one pass, never a backtracking pattern.
"""

from __future__ import annotations

import bisect
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

#: Lines of text (blank ones not counted) plus every `<` and `&` (tags, entities: the HTML parser
#: takes them one at a time), in one section and in one document.
MAX_BLOCKS = 2_000
MAX_DOCUMENT_BLOCKS = 10_000
#: Headings in one section (each is given a unique id by a scan of the ids before it).
MAX_HEADINGS = 100
#: Headings, rules and definitions (`: …`) in one run of lines without a blank line between them.
MAX_SPLIT = 50
#: Abbreviation definitions (`*[GDPR]: …`) in one section: each is looked for in every word.
MAX_ABBREVIATIONS = 100
#: Images (`![…](…)` and `<img>`) in one document.
MAX_IMAGES = 200
#: The inline parser's work on one paragraph: copies of it (markup × length) and characters
#: scanned for closing brackets, parentheses and backticks (a small multiple of its length).
MAX_COPIES = 1 << 23
SCAN_FACTOR, SCAN_SLACK = 1.5, 1_024


@dataclass(frozen=True)
class Refusal:
    """A shape of text refused before Markdown reads it; ``line`` counts from the text's first line (1)."""

    line: int
    message: str
    fix: str


_HEADING = re.compile(r" {0,3}(#|=+ *$|-+ *$)")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
_DEFINITION = re.compile(r" {0,3}: ")
_ABBREVIATION = re.compile(r" {0,3}\*\[")
_IMAGE = re.compile(r"!\[|<img\b", re.IGNORECASE)
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass
class Totals:
    """What the sections of one document have used so far, against the per-document limits."""

    blocks: int = 0
    images: int = 0

    @property
    def over(self) -> bool:
        """Past a limit: this section and every later one are not given to Markdown."""
        return self.blocks > MAX_DOCUMENT_BLOCKS or self.images > MAX_IMAGES


def scan(text: str, totals: Totals | None = None) -> list[Refusal]:
    """Every shape of ``text`` (one section's Markdown) that would make Markdown's work quadratic,
    and ``totals`` brought up to date; refused sections are not to be given to Markdown at all."""
    refused: list[Refusal] = []
    blocks = headings = abbreviations = split = 0
    first_split = 0
    said: set[str] = set()  # each limit once
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            split = 0
            continue
        blocks += 1 + line.count("<") + line.count("&")  # what the HTML parser stops at, one by one
        if blocks > MAX_BLOCKS and "blocks" not in said:
            said.add("blocks")
            refused.append(
                Refusal(
                    number,
                    f"this section has more than {MAX_BLOCKS:,} lines of text, HTML tags and entities (each line, "
                    "< and & counts; blank lines do not); a section may have at most that many, which keeps a "
                    "build from running for minutes.",
                    "split it into several sections, or check that this is the text you meant to commit.",
                )
            )
        if totals is not None and totals.blocks + blocks > MAX_DOCUMENT_BLOCKS and "document" not in said:
            said.add("document")
            if totals.blocks <= MAX_DOCUMENT_BLOCKS and "blocks" not in said:  # once, and not twice for one section
                refused.append(
                    Refusal(
                        number,
                        f"the document has more than {MAX_DOCUMENT_BLOCKS:,} lines of text, HTML tags and entities "
                        "by this line; a document may have at most that many.",
                        "split it into several documents, or check that this is the text you meant to commit.",
                    )
                )
        if _HEADING.match(line) or _RULE.match(line) or _DEFINITION.match(line):
            split += 1
            first_split = first_split if split > 1 else number
            headings += bool(_HEADING.match(line)) and not _RULE.match(line)
            if split > MAX_SPLIT and "row" not in said:
                said.add("row")
                refused.append(
                    Refusal(
                        first_split,
                        f"more than {MAX_SPLIT} headings, rules (---) or definitions (: …) follow one another "
                        "here in a row without a blank line between them, which Markdown reads in time that "
                        "grows with their square.",
                        "put a blank line between them.",
                    )
                )
            if headings > MAX_HEADINGS and "headings" not in said:
                said.add("headings")
                refused.append(
                    Refusal(
                        number,
                        f"this section has more than {MAX_HEADINGS} headings; a section may have at most that many.",
                        "split it into several sections.",
                    )
                )
        if _ABBREVIATION.match(line):
            abbreviations += 1
            if abbreviations > MAX_ABBREVIATIONS and "abbreviations" not in said:
                said.add("abbreviations")
                refused.append(
                    Refusal(
                        number,
                        f"this section defines more than {MAX_ABBREVIATIONS} abbreviations (*[…]: …); "
                        "each is looked for in every word, so a section may define at most that many.",
                        "define only the abbreviations the section uses.",
                    )
                )
    if (tag := _unclosed_tags(text)) is not None:
        start, name, count = tag
        refused.append(
            Refusal(
                text.count("\n", 0, start) + 1,
                f"{count} HTML tags, the first here ({name!r}), are not closed by '>' before the next '<' (or "
                "a quoted value in them is never closed): an HTML parser reads to the end of the text for each.",
                f"close each tag with '>', or write the '<' as &lt; where it is not a tag ({name!r} → "
                f"{'&lt;' + name[1:]!r}).",
            )
        )
    if totals is not None:
        _count(text, blocks, totals, refused)
    return refused


def _count(text: str, blocks: int, totals: Totals, refused: list[Refusal]) -> None:
    """The document's totals: the section that passes the image limit is refused, at that image's line."""
    totals.blocks += blocks
    for match in _IMAGE.finditer(text):
        totals.images += 1
        if totals.images == MAX_IMAGES + 1:
            refused.append(
                Refusal(
                    text.count("\n", 0, match.start()) + 1,
                    f"this is image number {MAX_IMAGES + 1} of the document; a document may show at most "
                    f"{MAX_IMAGES} images.",
                    "remove images the text does not need, or split the document.",
                )
            )
            break


def _unclosed_tags(text: str) -> tuple[int, str, int] | None:
    """The first HTML tag (`<p`, `</p`, `<!x`, `<?x`) that an HTML parser would read to the end of the
    text for (no '>' before the next '<', quoted attribute values skipped as the parser skips them)
    and how many there are, if those reads add up to more than the budget of the text's length."""
    at, scanned, count, first = 0, 0, 0, (0, "")
    unclosed_comment = len(text)  # where a comment was found never to close: none later does either
    last_quote = {'"': text.rfind('"'), "'": text.rfind("'")}  # past it, a quote is never closed
    while (at := text.find("<", at)) >= 0:
        after = text[at + 1 : at + 2]
        if text.startswith("<!--", at):
            end = text.find("-->", at + 4) if at < unclosed_comment else -1
            if end < 0:  # the rest is read as text, as the parser does
                unclosed_comment = min(unclosed_comment, at)
                at += 4
            else:
                at = end + 3
            continue
        end_tag = after == "/" and text[at + 2 : at + 3] in _ASCII_LETTERS
        if not (after in _ASCII_LETTERS or end_tag or after in ("!", "?")):
            at += 1
            continue
        end = _tag_end(text, at + 1, last_quote if after in _ASCII_LETTERS else None)
        if end >= 0:
            at = end + 1
            continue
        if not count:
            name = text[at : at + 1 + len(re.split(r"[\s<>\"'=/]", text[at + 1 : at + 40] + " ", maxsplit=1)[0])]
            first = (at, name if len(name) > 1 else text[at : at + 2])
        count += 1
        scanned += len(text) - at  # the parser reads on to the end, then tries the next '<'
        at += 1
    return (*first, count) if scanned > _budget(len(text)) else None


def _tag_end(text: str, at: int, last_quote: dict[str, int] | None) -> int:
    """Where the tag that starts before ``at`` ends (its '>'), or -1 if a '<' or the end comes first;
    with ``last_quote``, a quoted attribute value is skipped whole (-1 if it is never closed)."""
    while at < len(text):
        char = text[at]
        if char == ">":
            return at
        if char == "<":
            return -1
        if char == "=" and last_quote is not None:
            value = at + 1
            while value < len(text) and text[value] in " \t\n=":
                value += 1
            if value < len(text) and text[value] in "\"'":
                quote = text[value]
                if value >= last_quote[quote]:
                    return -1
                at = text.find(quote, value + 1) + 1
                continue
        at += 1
    return -1


# The inline parser: one paragraph (list item, table cell, heading) at a time -----------------------


class TooCostly(Exception):
    """A paragraph whose inline parsing would take time quadratic in its length: refused."""

    def __init__(self, text: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.text, self.message, self.fix = text, message, fix


#: What the inline parser rewrites the paragraph for: each match copies the whole paragraph.
_MARKUP = ("`", "\\", "*", "_", "[", "<", "&")
_RUN = re.compile(r"`+")
_BRACKETS = re.compile(r"[\[\]()\"']")
_TITLE_ENDS = {'"': re.compile(r'"\s*\)'), "'": re.compile(r"'\s*\)")}


def _budget(length: int) -> int:
    return int(SCAN_FACTOR * length) + SCAN_SLACK


def _copies(data: str) -> TooCostly | None:
    markup = sum(data.count(c) for c in _MARKUP)
    if markup * len(data) <= MAX_COPIES:
        return None
    return TooCostly(
        data,
        f"this paragraph has {markup:,} marks of formatting (*, _, `, [, <, &, \\) in {len(data):,} "
        "characters: Markdown would copy the paragraph for each one.",
        "split the paragraph with blank lines, or write fewer marks (\\* for a star that is only a star still counts).",
    )


def _code(data: str) -> TooCostly | None:
    if data.count("`") <= 2 or _code_scan(data) <= _budget(len(data)):
        return None
    return TooCostly(
        data,
        "this paragraph has runs of backticks (`) of different lengths that never close, which Markdown reads "
        "in time that grows with their square.",
        "close each code span with as many backticks as opened it, or write \\` for a backtick that is only a "
        "backtick.",
    )


def _links(data: str) -> TooCostly | None:
    if data.count("[") <= 2 or _link_scan(data) <= _budget(len(data)):
        return None
    return TooCostly(
        data,
        f"this paragraph has {data.count('['):,} square brackets ([) that are not closed, or are nested deeply, "
        "which Markdown reads in time that grows with their square.",
        "close each [ with ] (a link is [words](address)), or write \\[ for a bracket that is only a bracket.",
    )


class _Measure(InlineProcessor):
    """An inline pattern that matches nothing: it measures the paragraph it is given, and refuses it
    (``TooCostly``) or, where ``found`` collects refusals, keeps the paragraph as plain text."""

    def __init__(self, checks: tuple[Callable[[str], TooCostly | None], ...], found: list[TooCostly] | None) -> None:
        super().__init__(r"\A")
        self.checks, self.found = checks, found

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, Any, Any]:  # type: ignore[override]
        for check in self.checks:
            if (costly := check(data)) is not None:
                if self.found is None:
                    raise costly
                self.found.append(costly)
                element = etree.Element("span")
                element.text = AtomicString(data)  # the words as written, no pattern read in them
                return element, 0, len(data)
        return None, None, None


def _code_scan(data: str) -> int:
    """How far the code-span pattern would read: from each run of backticks to the next run of the
    same length (taking every run as an opener: an upper bound)."""
    scanned, following = 0, {}
    for run in reversed(list(_RUN.finditer(data))):
        length = run.end() - run.start()
        scanned += following.get(length, len(data)) - run.start()
        following[length] = run.start()
    return scanned


def _link_scan(data: str) -> int:
    """How far the link patterns would read: from each `[` to its `]` (or the end), from each `](`
    to its `)` (where a quote comes first, a title: to the first `)` right after a closing quote, or
    the end), from each `][` to the next `]`."""
    end = len(data)
    scanned = 0
    opened: list[int] = []
    parens: list[int] = []
    closes: dict[int, int] = {}
    marks = list(_BRACKETS.finditer(data))
    titles = {}
    for quote, pattern in _TITLE_ENDS.items():
        found = list(pattern.finditer(data))
        titles[quote] = ([m.start() for m in found], [m.end() for m in found])
    for mark in marks:
        char, at = mark[0], mark.start()
        if char == "[":
            opened.append(at)
        elif char == "]":
            if opened:
                scanned += at - opened.pop()
        elif char == "(":
            parens.append(at)
        elif char == ")" and parens:
            closes[parens.pop()] = at
    scanned += sum(end - at for at in opened)
    next_quote, next_close = end, end
    for mark in reversed(marks):
        char, at = mark[0], mark.start()
        if char in "\"'":
            next_quote = at
        elif char == "]":
            if data.startswith("[", at + 1):
                scanned += next_close - at
            next_close = at
        elif char == "(" and at and data[at - 1] == "]":
            close = closes.get(at, end)
            if next_quote < close:  # a title: only its closing quote right before a ')' ends the scan
                starts, ends = titles[data[next_quote]]
                after = bisect.bisect_right(starts, next_quote)  # a closing quote, after the opening one
                close = ends[after] if after < len(ends) else end
            scanned += close - at
    return scanned


def plain(text: str) -> str:
    """Text that is not given to Markdown, as plain paragraphs (one per run of lines without a blank
    line): every word kept, escaped, in time linear in its length."""
    return "".join(f"<p>{html.escape(chunk.strip(), quote=False)}</p>" for chunk in _BLANK.split(text) if chunk.strip())


_BLANK = re.compile(r"\n[ \t]*\n")
_STASHED = re.compile("\x02[^\x03]*\x03")


def line_of(text: str, paragraph: str) -> int:
    """The line of ``text`` (counted from 1) where ``paragraph``, as Markdown handed it to the inline
    parser (list markers and code spans set aside), begins; 1 if it cannot be found."""
    first = next((line for line in paragraph.split("\n") if line.strip()), "")
    piece = max(_STASHED.split(first), key=len).strip()[:200]
    at = text.find(piece) if piece else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def install(md: markdown.Markdown, found: list[TooCostly] | None = None) -> None:
    """Put the measures among ``md``'s inline patterns: first of all the copies and the code spans;
    the links right after code spans and escapes are set aside (on the text as the link patterns see
    it). With ``found``, all three come first, on the text as written, and nothing is raised."""
    if found is None:
        md.inlinePatterns.register(_Measure((_copies, _code), None), "legaldocs-markup", 1000)
        md.inlinePatterns.register(_Measure((_links,), None), "legaldocs-links", 179)
    else:
        md.inlinePatterns.register(_Measure((_copies, _code, _links), found), "legaldocs-markup", 1000)


class Extension(markdown.Extension):
    """For MkDocs' own pages (not a legal document's): a paragraph that would be quadratic to parse
    is kept as plain text, and ``found`` says which, for the plugin to report."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[TooCostly] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        install(md, self.found)
