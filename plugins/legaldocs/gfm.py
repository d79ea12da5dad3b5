"""Markdown as GitHub renders it (cmark-gfm), and where the site's Markdown reads a text otherwise.

Policies are reviewed in pull requests, where GitHub shows the text: a list that follows its
paragraph without a blank line, or a list nested by two spaces, is a list there and a run-on
paragraph in Python-Markdown. A document can be published with GitHub's Markdown
(``markdown: github``); for the others, ``difference`` finds the first block where the two read a
section differently, so that `legaldocs check` can say where, and how to write it for both.

Everything here is linear in the text: cmark-gfm is, the skeletons are one pass of an HTML
parser, and the comparison is one walk of two lists. Nothing of the text is ever executed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cmarkgfm
from cmarkgfm.cmark import Options

from .sanitise import RESERVED_ID

#: GitHub's extensions, as github.com renders a Markdown file (cmarkgfm's own choice of them).
EXTENSIONS = ("table", "autolink", "tagfilter", "strikethrough", "tasklist")
#: Raw HTML is kept (as GitHub keeps it) and then cleaned by ``sanitise``, as the site's Markdown's
#: is: cmark's safe mode would drop the words of an HTML block without a word.
OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_GITHUB_PRE_LANG
#: The check boxes of a task list, as cmark-gfm writes them: shown as characters, which the
#: sanitiser keeps and a redline compares (a form control would be neither).
CHECKBOXES = (
    ('<input type="checkbox" checked="" disabled="" />', "\u2611"),
    ('<input type="checkbox" disabled="" />', "\u2610"),
)


def to_html(text: str, *, sourcepos: bool = False) -> str:
    """``text`` as GitHub renders it, before sanitising (``sourcepos``: block elements carry
    ``data-sourcepos="line:column-line:column"``)."""
    options = OPTIONS | (Options.CMARK_OPT_SOURCEPOS if sourcepos else 0)
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=options, extensions=list(EXTENSIONS))
    for box, mark in CHECKBOXES:
        html = html.replace(box, mark)
    return html


# Heading ids ------------------------------------------------------------------------------

#: What GitHub's slugger drops: anything but letters, marks, digits, connector punctuation
#: (the underscore), spaces and hyphens.
_KEPT = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc"})
#: ``## Title {#id}``: an id the editor chose, which wins over the one made from the title.
EXPLICIT_ID = re.compile(r"[ \t]*\{#([A-Za-z][\w.:-]*)\}[ \t]*$")


def slug(title: str) -> str:
    """A heading's id as GitHub makes it: lower case, spaces to hyphens, punctuation dropped.
    (Repeats get -1, -2 … where ids are made unique for the whole document.)"""
    kept = (c for c in title.strip().lower() if c in " -" or unicodedata.category(c) in _KEPT)
    return "".join(kept).replace(" ", "-")


def heading_ids(root: Any, text_of: Callable[[Any], str]) -> None:
    """Give each heading of ``root`` (parsed, sanitised HTML) GitHub's id, or the ``{#id}`` written
    after its title (then taken out of the title). An id the theme or legaldocs looks elements up
    by (``sanitise.RESERVED_ID``: ``__config``, ``md-…``) is not given, as the sanitiser drops it."""
    for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        if heading.get("id"):
            continue
        title = text_of(heading)
        if explicit := EXPLICIT_ID.search(title):
            _strip_explicit(heading, explicit[0])
            made = explicit[1]
        else:
            made = slug(title) or "section"
        if not RESERVED_ID.match(made):
            heading.set("id", made)


def _strip_explicit(heading: Any, suffix: str) -> None:
    """``{#id}`` is the end of the heading's last text: there it is removed."""
    last = heading[-1] if len(heading) else None
    if last is not None and (last.tail or "").rstrip().endswith(suffix.strip()):
        last.tail = (last.tail or "").rstrip()[: -len(suffix.strip())].rstrip()
    elif (heading.text or "").rstrip().endswith(suffix.strip()):
        heading.text = (heading.text or "").rstrip()[: -len(suffix.strip())].rstrip()


# Where the two Markdowns differ ------------------------------------------------------------

#: Lines of the site's extensions that GitHub does not have (admonitions, details, tabs,
#: definitions, footnote and abbreviation definitions, attribute lists, [TOC]): blanked out on
#: both sides before comparing, since they cannot be written for both.
_EXTENSION_BLOCK = re.compile(r' {0,3}(?:!!!|\?\?\?\+?|===[+!]?[ \t]+"|:[ \t]|\[\^[^\]]+\]:)')
_EXTENSION_LINE = re.compile(r"\s*(?:\*\[[^\]]*\]:.*|\{:?\s*[#.:][^{}]*\}|\[TOC\])\s*$")
_INDENTED = re.compile(r"(?: {4}|\t)")


def without_extensions(text: str) -> str:
    """``text`` with the lines of extension-only constructs left blank (the line numbers stay)."""
    lines = text.split("\n")
    inside = False
    for number, line in enumerate(lines):
        if inside and (not line.strip() or _INDENTED.match(line)):
            lines[number] = ""
            continue
        inside = bool(_EXTENSION_BLOCK.match(line))
        if inside or _EXTENSION_LINE.match(line):
            lines[number] = ""
    return "\n".join(lines)


@dataclass(frozen=True)
class Block:
    """One block of a rendering's structure: its element, how deep in lists and quotes it sits,
    and (on GitHub's side) the line of the text it starts on."""

    tag: str
    lists: int
    quotes: int
    line: int = 0
    #: The last line the block takes (GitHub's side): where the text after it begins.
    end: int = 0

    @property
    def shape(self) -> tuple[str, int, int]:
        return (self.tag, self.lists, self.quotes)


_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "table", "tr"})
_VOID = frozenset({"hr", "br", "img", "input", "wbr", "col", "area", "embed", "source", "track", "meta", "link"})
#: What extensions make of their constructs (and what GitHub makes of footnotes): not compared.
_SKIPPED_CLASSES = frozenset({"admonition", "footnote", "footnotes", "toc", "tabbed-set", "details"})
_SKIPPED_TAGS = frozenset({"dl", "details", "script", "style", "template"})


#: A tag of rendered HTML: up to the next < at most, so that a scan of the text stays linear.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_CLASS = re.compile(r"""\bclass\s*=\s*["']?([^"'>]*)""")
_SOURCEPOS = re.compile(r'\bdata-sourcepos="(\d+):\d+-(\d+):(\d+)"')


def skeleton(html: str) -> list[Block]:
    """The blocks of rendered HTML in order, in one pass over its tags: inline markup, the
    paragraphs inside list items (loose or tight lists look alike) and extension constructs are
    left out. What is open is counted, never searched, so thousands of unclosed tags stay linear."""
    blocks: list[Block] = []
    open_tags: list[str] = []
    counts: Counter[str] = Counter()
    within: list[str] = []  # the open block elements, innermost last
    skip_until = -1  # while inside a skipped element: the depth it was opened at
    for match in _TAG.finditer(html):
        closing, tag, attributes = match[1], match[2].lower(), match[3]
        if closing:
            if tag in _VOID or not counts[tag]:
                continue
            while open_tags:
                closed = open_tags.pop()
                counts[closed] -= 1
                if closed in _BLOCKS:
                    within.pop()
                if skip_until >= len(open_tags):
                    skip_until = -1
                if closed == tag:
                    break
            continue
        if skip_until < 0:
            classes = set(found[1].split()) if (found := _CLASS.search(attributes)) else set()
            if tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES:
                skip_until = len(open_tags)
            elif tag == "hr" or (tag in _BLOCKS and not (tag == "p" and within[-1:] == ["li"])):
                line = end = 0
                if position := _SOURCEPOS.search(attributes):
                    line, end = int(position[1]), int(position[2]) - (position[3] == "0")
                blocks.append(Block(tag, counts["ul"] + counts["ol"], counts["blockquote"], line, end))
        if tag in _VOID or attributes.endswith("/"):
            if skip_until == len(open_tags):
                skip_until = -1  # a skipped element that closes itself
            continue
        open_tags.append(tag)
        counts[tag] += 1
        if tag in _BLOCKS:
            within.append(tag)
    return blocks


@dataclass(frozen=True)
class Difference:
    """Where GitHub and the site first read a section differently: the line (of the section's
    text, from 1), what each shows there, and how to write it so that both read it alike."""

    line: int
    message: str
    fix: str


_LISTS = frozenset({"ul", "ol", "li"})
_WHAT = {
    "p": "a paragraph",
    "ul": "a list",
    "ol": "a numbered list",
    "li": "a list item",
    "pre": "a block of code",
    "blockquote": "a quotation",
    "table": "a table",
    "tr": "a table row",
    "hr": "a horizontal rule",
}
GITHUB_MODE = "or set `markdown: github` in document.yml to publish the document as GitHub shows it."
#: The same for a file document, whose options are its entry in mkdocs.yml (there is no document.yml).
GITHUB_MODE_FILE = (
    "or set `markdown: github` in the document's entry under plugins.legaldocs.documents in mkdocs.yml "
    "to publish the document as GitHub shows it."
)


def github_mode(fix: str, file_document: bool) -> str:
    """``fix`` (a ``Difference``'s) naming where a file document sets its Markdown: its mkdocs.yml entry."""
    return fix.replace(GITHUB_MODE, GITHUB_MODE_FILE) if file_document else fix


def _what(block: Block | None) -> str:
    if block is None:
        return "nothing more"
    if _heading(block):
        return "a heading"
    words = _WHAT.get(block.tag, f"<{block.tag}>")
    return f"{words} nested in a list" if block.lists and block.tag != "li" else words


#: Differences said per section: each one found costs a reading of the rest of the section.
MAX_DIFFERENCES = 5


def differences(text: str, site_html: Callable[[str], str | None]) -> list[Difference]:
    """Where GitHub's rendering of ``text`` and the site's (``site_html`` of a text, None where
    the site refuses it) differ in structure, from the first: after each, both read on from the
    end of GitHub's block that holds it (a list, a table: a whole block at the top of the text)."""
    lines, found, done = text.split("\n"), [], 0
    while len(found) < MAX_DIFFERENCES and done < len(lines):
        rest = "\n".join(lines[done:])
        site = site_html(rest)
        if site is None:
            break
        github = skeleton(to_html(rest, sourcepos=True))
        first = _first(lines[done:], github, skeleton(site))
        if first is None:
            break
        difference, end = first
        found.append(Difference(difference.line + done, difference.message, difference.fix))
        if end < difference.line:  # nothing after it to read on from
            break
        done += end
    return found


def _first(lines: list[str], github: list[Block], site: list[Block]) -> tuple[Difference, int] | None:
    """The first difference, and the last line of GitHub's top-level block that holds it."""
    for index in range(max(len(github), len(site))):
        ours = github[index] if index < len(github) else None
        theirs = site[index] if index < len(site) else None
        if ours is not None and theirs is not None and ours.shape == theirs.shape:
            continue
        top = next((b for b in reversed(github[: index + 1]) if not (b.lists or b.quotes) and b.tag != "li"), None)
        explained = _explain(lines, ours, theirs, github[index - 1] if index else None, top.end if top else 0)
        return explained, max(top.end if top else 0, explained.line)
    return None


#: A list item indented by fewer than four spaces: nested on GitHub, not in Python-Markdown.
_SHALLOW_ITEM = re.compile(r" {1,3}(?:[-*+]|\d{1,9}[.)])[ \t]")


def _explain(
    lines: list[str], github: Block | None, site: Block | None, before: Block | None, end: int = 0
) -> Difference:
    """Say a difference, with the fix; ``end``: the last line of GitHub's block that holds it."""
    line = github.line if github is not None and github.line else (before.line if before else 1)
    if site is None:
        shows = (
            f"GitHub shows {_what(github)} here, but this site does not: its Markdown reads these "
            "lines as part of the text before them"
        )
    elif github is None:
        shows = f"this site shows {_what(site)} here, but GitHub does not"
    else:
        shows = f"GitHub shows {_what(github)} here, but this site shows {_what(site)}"
    message = f"{shows}. What reviewers approve on GitHub would not be what is published."
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    previous = lines[line - 2] if 1 < line <= len(lines) else ""
    indent = len(source) - len(source.lstrip(" "))
    tags = {block.tag for block in (github, site) if block is not None}
    if tags & _LISTS:
        if github is not None and github.lists and 0 < indent < 4:
            fix = f"indent nested items by four spaces (this line is indented by {indent})"
        elif previous.strip() and (github is None or not github.lists):
            fix = "add a blank line before the list"
            if any(_SHALLOW_ITEM.match(text) for text in lines[line:end]):
                fix += ", and indent its nested items by four spaces"
        else:
            fix = (
                "write the list as both read it: a blank line before it, each item starting with "
                "`- ` or `1. `, nested items indented by four spaces"
            )
    elif _heading(github) or _heading(site):
        fix = "write the heading as `## Title`, on a line of its own with a blank line before it"
    elif "pre" in tags:
        fix = "put a blank line before the block of code and fence it with ``` lines"
    elif tags & {"table", "tr"}:
        fix = "put a blank line before the table and a line like `| --- | --- |` under its first row"
    else:
        fix = "put a blank line between the paragraph and what follows it"
    return Difference(line, message, f"{fix}, {GITHUB_MODE}")


def _heading(block: Block | None) -> bool:
    return block is not None and block.tag[0] == "h" and block.tag[1:].isdigit()
