"""Render a Document: each numbered section's HTML by id, the purpose table, the contents.

Each section is rendered on its own, so a stray unclosed tag in one section cannot swallow
the next, and is sanitised before anything we generate is added, so our own markup
(cross-references, the table, notices) is the only markup that can carry `ld-` classes.

The result is plain data (``RenderedDocument.sections``): the page templates lay it out, and a
redline compares it section by section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import Any
from urllib.parse import unquote

import lxml.html
import markdown

from . import bounds, gfm, images, placeholders, purpose_table, registers, source
from .model import Document, Problem, Section
from .sanitise import MAX_DEPTH, Cleaned, clean_checked
from .source import CONTROL, REPLACEMENT


@dataclass(frozen=True)
class TocEntry:
    """A heading for the page's table of contents; ``title`` is already escaped HTML."""

    title: str
    id: str
    level: int
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class MarkdownOptions:
    """Which Python-Markdown extensions sections are written with (the site's own, usually)."""

    extensions: tuple[Any, ...] = ("toc", "tables", "attr_list", "def_list", "abbr")
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The site's folders of template overrides (``<custom_dir>/legaldocs``): the generated blocks of
    #: the text (the registers' tables) are made from templates a site may replace.
    templates: tuple[str, ...] = ()


class Converter:
    """Markdown to sanitised HTML, remembered by text: most sections are the same in most versions.

    Only the text with its placeholders swapped for tokens is converted here; numbers, ids and
    links are applied afterwards, so one cached result serves every version that has that text.
    A text is remembered for each Markdown it is read with: the site's (``cache``) and GitHub's
    (``github``, for documents with ``markdown: github``).
    """

    def __init__(self, options: MarkdownOptions | None = None) -> None:
        self.options = options or MarkdownOptions()
        extensions = list(self.options.extensions)
        if "toc" not in extensions and "markdown.extensions.toc" not in extensions:
            extensions.append("toc")  # sub-headings need ids to be linked and listed
        self.md = markdown.Markdown(extensions=extensions, extension_configs=self.options.configs)
        bounds.install(self.md)
        self.cache: dict[str, Cleaned] = {}
        #: Texts whose inline parsing would be quadratic: not parsed, the paragraph and why (``bounds``).
        self.refused: dict[str, bounds.TooCostly] = {}
        self.filled: dict[str, Cleaned] = {}
        self.github: dict[str, Cleaned] = {}
        #: Where GitHub reads a section's text otherwise than the site does (``gfm.differences``).
        self.differences: dict[str, tuple[gfm.Difference, ...]] = {}

    def __call__(self, text: str, markdown: str = "mkdocs") -> Cleaned:
        if markdown == "github":
            return self.github_markdown(text)
        if text not in self.cache:
            self.md.reset()
            if _marker_depth(text) > MAX_DEPTH:  # refused before Markdown recurses into it
                self.cache[text] = Cleaned("", too_deep=_marker_depth(text))
                return self.cache[text]
            try:
                html = self.md.convert(text)
            except RecursionError:  # e.g. thousands of list markers on one line
                self.cache[text] = Cleaned("", too_deep=MAX_DEPTH + 1)
            except bounds.TooCostly as refused:  # before the quadratic work began: the words as written
                self.refused[text] = refused
                self.cache[text] = Cleaned(bounds.plain(text))
            else:
                self.cache[text] = clean_checked(html)
        return self.cache[text]

    def github_markdown(self, text: str) -> Cleaned:
        """``text`` as GitHub renders it (cmark-gfm), sanitised as the site's Markdown is."""
        if text not in self.github:
            depth = _marker_depth(text)
            self.github[text] = Cleaned("", too_deep=depth) if depth > MAX_DEPTH else clean_checked(gfm.to_html(text))
        return self.github[text]

    def github_differences(self, text: str) -> tuple[gfm.Difference, ...]:
        """Where GitHub gives ``text`` (a section as written) another structure than the site's
        Markdown does; none where they agree, or where the site refused to read it."""
        if text not in self.differences:
            self.differences[text] = tuple(gfm.differences(gfm.without_extensions(text), self.site_html))
        return self.differences[text]

    def site_html(self, text: str) -> str | None:
        """The site's HTML of ``text``, for its structure only: from the cache if the text was
        rendered (a section without placeholders), else converted without filling the cache;
        None where the site's Markdown refuses the text."""
        if (cached := self.cache.get(text)) is not None:
            return None if cached.too_deep or text in self.refused else cached.html
        if _marker_depth(text) > MAX_DEPTH:
            return None
        self.md.reset()
        try:
            return self.md.convert(text)
        except (RecursionError, bounds.TooCostly):
            return None

    def clean(self, html: str) -> Cleaned:
        """HTML with the editor's values (facts) put in: cleaned again, since they are untrusted too."""
        if html not in self.filled:
            self.filled[html] = clean_checked(html)
        return self.filled[html]


_MARKERS = frozenset({"-", "*", "+"})


def _marker_depth(text: str) -> int:
    """The most list and quote markers that open one line (`- - - x`, `>>> x`): how deep
    Markdown would nest it. A scan of words, not a regular expression, so it stays linear."""
    deepest = 0
    for line in text.split("\n"):
        depth = 0
        for word in line.split(None, MAX_DEPTH + 1)[: MAX_DEPTH + 1]:
            if word in _MARKERS or (word[-1] in ".)" and word[:-1].isdigit()):
                depth += 1
            elif word.strip(">") == "":
                depth += len(word)
            else:
                break
        deepest = max(deepest, depth)
    return deepest


#: Where a section holds ``{{ versions }}``: the list depends on history, not on the text, so
#: the page fills it in (``RenderedSection.with_versions``).
VERSIONS_SLOT = "<!--ld:versions-->"


@dataclass(frozen=True)
class RenderedSection:
    """One section as published: ``html`` is its body without the heading, sanitised, with its
    placeholders resolved (cross-references as links, facts, the purpose table); ``{{ versions }}``
    stays as ``VERSIONS_SLOT``. Relative links and images are relative to the document's folder
    (its current page); ``rebased`` moves them for a page elsewhere."""

    id: str
    number: int
    title: str
    html: str
    #: Whether the body has relative links or images (most have none: nothing to rebase).
    relative: bool = False
    #: The number shown before the title ("3."; ``Document.label``); None: the position, ``number``.
    label: str | None = None

    @property
    def shown_number(self) -> str:
        return f"{self.number}." if self.label is None else self.label

    @property
    def heading(self) -> str:
        """The numbered ``h2`` with the section's id, as the published page shows it (none for a
        file document's preamble, which has no title)."""
        return self.labelled_heading("Link to this section")

    def labelled_heading(self, label: str) -> str:
        """``heading``, its permalink labelled ``label`` (the words in the page's language)."""
        if not self.title:
            return ""
        sid = escape(self.id)
        number = f'<span class="ld-number">{self.shown_number}</span> ' if self.shown_number else ""
        return (
            f'<h2 id="{sid}">{number}'
            f'{escape(self.title)}<a class="headerlink" href="#{sid}" '
            f'aria-label="{escape(label)}">¶</a></h2>'
        )

    @property
    def listed(self) -> str:
        """As the contents list it: "3. Title", or the title alone where no number is shown."""
        return f"{self.shown_number} {self.title}" if self.shown_number else self.title

    def body(self, *, base: str = "", versions_html: str = "") -> str:
        """The body for a page ``base`` away from the document's folder (e.g. "../../")."""
        html = rebase(self.html, base) if base and self.relative else self.html
        return html.replace(VERSIONS_SLOT, versions_html) if versions_html else html


@dataclass(frozen=True)
class RenderedDocument:
    """A document's text, section by section, for templates to lay out and a redline to compare."""

    title: str
    sections: tuple[RenderedSection, ...]
    toc: tuple[TocEntry, ...]
    problems: tuple[Problem, ...]
    #: The purpose table's HTML on its own (also inside the section that holds ``{{ purposes }}``).
    purposes: str | None = None
    #: Publishable, but worth an editor's look: where GitHub shows the text otherwise (``gfm``).
    warnings: tuple[Problem, ...] = ()

    @cached_property
    def anchors(self) -> frozenset[str]:
        """Every id a link can point to on a page of this text: found once, though many redlines link into it."""
        return frozenset({s.id for s in self.sections} | {m for s in self.sections for m in _ID.findall(s.html)})

    def section(self, section_id: str) -> RenderedSection:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"no section {section_id!r} in this document")

    def page(self, header_html: str = "", versions_html: str = "", *, base: str = "") -> str:
        """The whole text as one plain page body, without templates (tests, other engines).

        ``header_html`` and ``versions_html`` are trusted HTML made by the core, not by editors.
        """
        contents = "".join(
            f'<li><a href="#{escape(s.id)}">{escape(s.listed)}</a></li>' for s in self.sections if s.title
        )
        bodies = "".join(
            f'<section class="ld-section">{s.heading}{s.body(base=base, versions_html=versions_html)}</section>'
            for s in self.sections
        )
        return (
            f'<h1 class="ld-title">{escape(self.title)}</h1>{header_html}'
            '<nav class="ld-generated ld-contents" aria-label="Contents">'
            f'<p class="ld-contents-title">Contents</p><ul>{contents}</ul></nav>'
            f'<div class="ld-document">{bodies}</div>'
        )


def render(
    document: Document,
    converter: Converter | None = None,
    image_addresses: Mapping[str, str] | None = None,
    language: str = "en",
    refused_images: Mapping[str, str] | None = None,
) -> RenderedDocument:
    """``image_addresses``: the content address of each image in the document's folder, by its path
    there (``images.addresses``); a section's ``src`` naming one shows that copy. ``language``: the
    page's, for the words of the generated tables (the registers). ``refused_images``: a file
    document's images that could not be read with it, and why (``filedoc.refused_images``)."""
    renderer = _Renderer(document, converter or Converter(), image_addresses or {}, language)
    renderer.refused_images = refused_images or {}
    totals = bounds.Totals()
    sections = tuple(renderer.section(s, totals) for s in document.sections)
    renderer.check_links()
    table = purpose_table.render(document.purposes) if document.purposes is not None else None
    return RenderedDocument(
        document.title, sections, tuple(renderer.toc), tuple(renderer.problems), table, tuple(renderer.warnings)
    )


#: A URL that is relative to the page: not an anchor, not absolute, no scheme.
RELATIVE = re.compile(r"^(?![a-z][a-z0-9+.-]*:|[/\\#?])", re.IGNORECASE)


def rebase(html: str, base: str) -> str:
    """Relative ``href`` and ``src`` (written for the document's own page) for a page ``base`` away."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter("a", "img"):
        attribute = "src" if element.tag == "img" else "href"
        value = element.get(attribute)
        if value and RELATIVE.match(value):
            element.set(attribute, base + value)
    return inner_html(root)


#: E-mail and web addresses written as plain text, to be made links (the words stay as written).
AUTOLINK = re.compile(
    r"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"|(?P<url>(?:https?://|www\.)[^\s<>\"'()]+[^\s<>\"'().,;:!?])"
)
_TAG = re.compile(r"(<[^>]*>)")
_CHARREF = re.compile(r"&#(?:([0-9]{1,7})|([xX][0-9a-fA-F]{1,6}));?")
_ID = re.compile(r'\bid="([^"]+)"')
#: A link to an anchor, as written in Markdown (`](#x)`) or HTML (`href="#x"`).
_ANCHOR = re.compile(r"#([^\s()\[\]<>\"'#]+)")
_ATX_ONE = re.compile(r"^ {0,3}#(?:[ \t]|$)(.*)$")
_SETEXT_ONE = re.compile(r"^ {0,3}=+[ \t]*$")


def autolink(html: str) -> str:
    """Wrap addresses in the text of ``html`` (outside links and code) in links; text unchanged."""
    out, skip = [], 0
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", piece)
            if name and name[1].lower() in ("a", "code", "pre"):
                skip += -1 if piece.startswith("</") else 1
            out.append(piece)
        elif skip > 0 or not ("@" in piece or "www." in piece or "://" in piece):
            out.append(piece)  # (the quick test spares most text the slower pattern)
        else:
            out.append(AUTOLINK.sub(_link, piece))
    return "".join(out)


def _link(match: re.Match[str]) -> str:
    text = match[0]
    href = f"mailto:{text}" if match["email"] else (text if "://" in text else f"https://{text}")
    return f'<a class="ld-autolink" href="{escape(href)}">{text}</a>'


def inner_html(element: Any) -> str:
    parts = [escape(element.text or "", quote=False)]
    parts.extend(lxml.html.tostring(child, encoding="unicode") for child in element)
    return "".join(parts)


class _Renderer:
    def __init__(
        self, document: Document, converter: Converter, image_addresses: Mapping[str, str], language: str = "en"
    ) -> None:
        self.document = document
        self.convert = converter
        self.language = language
        self.image_addresses = image_addresses
        self.refused_images: Mapping[str, str] = {}
        self.used_ids: set[str] = {"ld-title"} | {s.id for s in document.sections}
        self.links: list[tuple[Section, str]] = []
        self.toc: list[TocEntry] = []
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        #: Slots of the section being rendered that hold a fact: the editor's values, untrusted.
        self.facts_used: set[int] = set()
        #: For ids made unique: the number each id takes next (linear, however many repeat).
        self.next_number: dict[str, int] = {}
        #: Each section's lines, and where each of its links to an anchor is, once found.
        self.split: dict[str, list[str]] = {}
        self.anchor_lines: dict[str, dict[str, int]] = {}

    def section(self, section: Section, totals: bounds.Totals) -> RenderedSection:
        number = self.document.number(section.id)
        refused = bounds.scan(section.body, totals)
        self.problems.extend(Problem(section.path, section.body_line - 1 + r.line, r.message, r.fix) for r in refused)
        slots: list[str] = []
        text, token = self.fill_slots(section, slots)
        # Never given to Markdown where its work would be quadratic, or past the limits: the words are
        # kept as written (an old version published before a limit existed loses none of its text).
        github = self.document.markdown == "github"
        cleaned = Cleaned(bounds.plain(text)) if refused or totals.over else self.convert(text, self.document.markdown)
        for found in () if refused or totals.over or github else self.convert.github_differences(section.body):
            line = section.body_line - 1 + found.line
            fix = gfm.github_mode(found.fix, self.document.file_document)
            self.warnings.append(Problem(section.path, line, found.message, fix))
        if (costly := self.convert.refused.get(text)) is not None:
            line = section.body_line - 1 + bounds.line_of(text, costly.text)
            self.problems.append(Problem(section.path, line, costly.message, costly.fix))
        if self.facts_used:
            # Facts land in text, link targets, image addresses or attributes: escaped, then put
            # through the same allow-list as the editor's own HTML, wherever they landed.
            filled = token.sub(lambda m: slots[int(m[1])] if int(m[1]) in self.facts_used else m[0], cleaned.html)
            cleaned = self.convert.clean(filled)
        self.check_cleaned(section, cleaned)
        if CONTROL.search(cleaned.html):
            cleaned = Cleaned(self.control_references(section, cleaned.html), cleaned.lost, cleaned.too_deep)
        root = lxml.html.fragment_fromstring(cleaned.html, create_parent="div")
        if github:
            gfm.heading_ids(root, _heading_text)
            self.permalinks(root)
        children = self.shift_headings(section, root)
        self.unique_ids(root, first=1 if github else 2)
        self.check_images(section, root)
        self.frozen_images(root)
        self.links.extend((section, a.get("href")) for a in root.iter("a") if a.get("href", "").startswith("#"))
        label = self.document.label(section.id)
        if section.title:  # (a file document's preamble has none)
            listed = f"{label} {section.title}" if label else section.title
            self.toc.append(TocEntry(escape(listed), section.id, 2, tuple(children)))
        relative = any(RELATIVE.match(e.get("src" if e.tag == "img" else "href") or "#") for e in root.iter("a", "img"))
        body = autolink(token.sub(lambda m: slots[int(m[1])], inner_html(root)))
        return RenderedSection(section.id, number, section.title, body, relative, label)

    def check_images(self, section: Section, root: Any) -> None:
        """An image without a text alternative says nothing to a reader who cannot see it."""
        after = 0  # images are found in order: the second logo.png is on a later line than the first
        for image in root.iter("img"):
            src = image.get("src") or ""
            alt = (image.get("alt") or "").strip()
            line = self.line_of(section, src or (f"![{alt}]" if alt else "<img"), after)
            if not src and alt and line < section.body_line:  # an <img> tag: its alt, as written
                line = self.line_of(section, alt, after)
            after = max(after, line)
            if self.document.file_document and RELATIVE.match(src) and src not in ("", "#"):
                self.unpublished_image(section, src, line)
            if not src and alt:  # the sanitiser removed an image from another site: said, not silent
                self.warnings.append(
                    Problem(
                        section.path,
                        line,
                        f"the image {alt!r} is from another site, so it is not published (a reader's browser "
                        "would tell that site who reads the policy): readers see only its description.",
                        "copy the image into the repository and link it by a relative path, e.g. "
                        "`![Cookie settings dialog](img/dialog.png)`, or remove it.",
                    )
                )
            if alt:
                continue
            self.problems.append(
                Problem(
                    section.path,
                    line,
                    f"the image {src or '(without a source)'} has no text alternative.",
                    'describe it in the brackets, e.g. `![Company logo](logo.png)`, or with alt="…" in an <img> tag.',
                )
            )

    def unpublished_image(self, section: Section, src: str, line: int) -> None:
        """A file document's image, named relative to the file, that was not read with it: refused
        (outside the repository, a link, too large) or missing, at the line that shows it."""
        if images.resolve(src, self.image_addresses) is not None:
            return
        path = images.relative_path(src) or src
        why = {
            "outside": (
                f"the image {path} is outside the repository, so it cannot be published.",
                "copy the image into the repository, e.g. next to the file, and name it from there.",
            ),
            "link": (
                f"the image {path} is a symbolic link, which is never followed (it could publish any "
                "file of the machine that builds the site).",
                "put the image itself at that path, not a link to it.",
            ),
            "large": (
                f"the image {path} is larger than {source.MAX_IMAGE_BYTES:,} bytes (every version keeps "
                "its images, so the limit keeps a build small).",
                "make the image smaller, e.g. save it at a lower resolution.",
            ),
        }.get(
            self.refused_images.get(path, ""),
            (
                f"the image {path} does not exist in the repository (its path is relative to the file).",
                "commit the image at that path, or correct the path.",
            ),
        )
        self.problems.append(Problem(section.path, line, *why))

    def frozen_images(self, root: Any) -> None:
        """An image of the document's folder is shown from its content-addressed copy: a version's
        page keeps the image it was published with, and a replaced image is a changed ``src``."""
        if not self.image_addresses:
            return
        for image in root.iter("img"):
            src = image.get("src") or ""
            if RELATIVE.match(src) and (address := images.resolve(src, self.image_addresses)) is not None:
                image.set("src", address)

    def control_references(self, section: Section, html: str) -> str:
        """A character reference (`&#1;`) that writes a control character: refused as the character
        itself is (source.CONTROL), and replaced so that nothing downstream has to cope with it."""
        for match in _CHARREF.finditer(section.body):
            number = match[1] or match[2]
            code = int(number[1:], 16) if number[0] in "xX" else int(number)
            if code < 0x110000 and CONTROL.match(chr(code)):
                self.problems.append(
                    Problem(
                        section.path,
                        self.line_of(section, match[0]),
                        f"{match[0]} writes an invisible control character (U+{code:04X}), which no reader can "
                        "see and no published page can hold.",
                        f"delete {match[0]}.",
                    )
                )
                break
        return CONTROL.sub(REPLACEMENT, html)

    def fill_slots(self, section: Section, slots: list[str]) -> tuple[str, re.Pattern[str]]:
        """Swap placeholders for inert tokens that survive Markdown, later for our own HTML.

        The token's prefix is one the section's text does not contain, so no text of the
        editor's can be mistaken for a token.
        """
        text = section.body
        prefix = "ldslot"
        while prefix in text or any(prefix in value for value in self.document.facts.values()):
            prefix += "q"
        self.facts_used = set()
        pieces, done = [], 0
        for ph in placeholders.find(text, section.body_line):
            if ph.kind == "fact" and ph.arg in self.document.facts:
                self.facts_used.add(len(slots))
            pieces.append(f"{text[done : ph.start]}{prefix}{len(slots)}x")
            slots.append(self.slot_html(ph))
            done = ph.end
        return "".join(pieces) + text[done:], re.compile(rf"{prefix}(\d+)x")

    def slot_html(self, ph: placeholders.Placeholder) -> str:
        """Placeholders that validation rejected are shown as written, never a crash."""
        if ph.kind in ("section", "Section") and (
            words := placeholders.reading(ph.kind, ph.arg, self.document, self.language)
        ):
            return f'<a class="ld-xref" href="#{escape(ph.arg)}">{escape(words)}</a>'
        if ph.kind == "fact" and ph.arg in self.document.facts:
            return escape(self.document.facts[ph.arg], quote=True)
        if ph.kind == "purposes" and self.document.purposes is not None:
            return purpose_table.render(self.document.purposes)
        overrides = self.convert.options.templates
        if ph.kind == "cookies" and self.document.cookies is not None:
            return registers.render_cookies(self.document.cookies, self.document, self.language, overrides)
        if ph.kind == "recipients" and self.document.recipients is not None:
            return registers.render_recipients(self.document.recipients, self.language, overrides)
        if ph.kind == "versions":
            return VERSIONS_SLOT
        return escape(f"{{{{ {ph.kind}: {ph.arg} }}}}" if ph.arg else f"{{{{ {ph.kind} }}}}")

    def check_cleaned(self, section: Section, cleaned: Cleaned) -> None:
        """No legal text may vanish without a word: nesting past the limit, or text the cleaning lost."""
        if cleaned.too_deep:
            self.problems.append(
                Problem(
                    section.path,
                    section.body_line,
                    f"the text is nested more than {MAX_DEPTH} levels deep (lists, quotes or HTML elements "
                    "inside one another), so it cannot be published safely.",
                    "flatten the structure: no legal text needs more than a few levels.",
                )
            )
        elif cleaned.lost:
            words = ", ".join(cleaned.lost[:8]) + (" …" if len(cleaned.lost) > 8 else "")
            self.problems.append(
                Problem(
                    section.path,
                    self.line_of(section, cleaned.lost[0]),
                    f"some of the text would be lost when the HTML is cleaned ({words}): text inside "
                    "elements that cannot be published (such as <svg>, <math> or <template>) is removed.",
                    "write that text as ordinary Markdown, outside such elements.",
                )
            )

    def shift_headings(self, section: Section, root: Any) -> list[TocEntry]:
        """The section title is the h2; sub-headings move one level down to sit under it."""
        children = []
        after = 0
        for heading in list(root.iter("h1", "h2", "h3", "h4", "h5", "h6")):
            level = int(heading.tag[1])
            if level == 1:
                after = self.level_one_line(section, _heading_text(heading), after)
                self.problems.append(
                    Problem(
                        section.path,
                        after,
                        "only the first line of a section may be a level-1 heading (# …).",
                        "use ## for a sub-heading inside the section, or make it a section of its own.",
                    )
                )
            heading.tag = f"h{min(level + 1, 6)}"
            if heading.tag == "h3" and heading.get("id"):
                title = escape(_heading_text(heading))
                children.append(TocEntry(title, heading.get("id"), 3))
        return children

    def permalinks(self, root: Any) -> None:
        """GitHub's Markdown gives sub-headings no "¶" link: each gets the one the site's ``toc``
        extension gives a heading of the site's Markdown (its ``permalink`` options), if any."""
        configs = self.convert.options.configs
        toc = configs.get("toc") or configs.get("markdown.extensions.toc") or {}
        sign = toc.get("permalink")
        if not sign:
            return
        for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
            if not heading.get("id"):
                continue
            link = lxml.html.Element("a", {"class": str(toc.get("permalink_class") or "headerlink")})
            link.set("href", f"#{heading.get('id')}")
            if title := toc.get("permalink_title", "Permanent link"):
                link.set("title", str(title))
            link.text = "\u00b6" if sign is True else str(sign)
            if toc.get("permalink_leading"):
                link.tail, heading.text = heading.text, ""
                heading.insert(0, link)
            else:
                heading.append(link)

    def unique_ids(self, root: Any, first: int = 2) -> None:
        """Ids unique in the document (x, x-2, x-3 …, or x-1, x-2 … from ``first`` 1, as GitHub
        numbers them); a heading's own permalink follows its id, and so do a footnote's links (the
        reference and the way back), which are in the same section: every section has its own
        footnotes, numbered from 1 (``[^1]`` in two sections are two notes).
        Linear: each id's next number is remembered, and the permalinks are found once."""
        permalinks: dict[str, list[Any]] = {}
        for link in root.iter("a"):
            classes = f"{link.get('class', '')} {link.getparent().get('class', '')}"
            if any(c in classes for c in ("headerlink", "footnote-ref", "footnote-backref")):
                permalinks.setdefault(link.get("href") or "", []).append(link)
        for element in root.iter():
            value = element.get("id")
            if value is None:
                continue
            candidate, n = value, self.next_number.get(value, first)
            while candidate in self.used_ids:
                candidate, n = f"{value}-{n}", n + 1
            self.next_number[value] = n
            self.used_ids.add(candidate)
            if candidate != value:
                element.set("id", candidate)
                for link in permalinks.pop(f"#{value}", ()):
                    link.set("href", f"#{candidate}")

    def check_links(self) -> None:
        for section, href in self.links:
            target = unquote(href[1:])
            if target and target not in self.used_ids:
                self.problems.append(
                    Problem(
                        section.path,
                        self.anchor_line(section, target),
                        f"the link to #{target} leads nowhere in this document.",
                        "link to a section with {{ section: <id> }}, or to a sub-heading by its "
                        "anchor (its title in lower case with hyphens, e.g. #opting-out).",
                    )
                )

    def lines(self, section: Section) -> list[str]:
        """The section's lines, split once: problems are looked up in them by the hundred."""
        if section.id not in self.split:
            self.split[section.id] = section.body.split("\n")
        return self.split[section.id]

    def anchor_line(self, section: Section, target: str) -> int:
        """The first line with a link to ``#target``: every link of the section indexed in one pass,
        so that a section of ten thousand broken links is read once, not ten thousand times."""
        if section.id not in self.anchor_lines:
            found: dict[str, int] = {}
            for offset, line in enumerate(self.lines(section)):
                for match in _ANCHOR.finditer(line):
                    found.setdefault(unquote(match[1]), section.body_line + offset)
                    found.setdefault(match[1], section.body_line + offset)
            self.anchor_lines[section.id] = found
        return self.anchor_lines[section.id].get(target, section.body_line - 1)

    def level_one_line(self, section: Section, title: str, after: int = 0) -> int:
        """The line of a level-1 heading (``# title`` or ``title`` over ``===``) after line ``after``."""
        lines = self.lines(section)
        for offset, line in enumerate(lines):
            number = section.body_line + offset
            if number <= after:
                continue
            atx = _ATX_ONE.match(line)
            if atx and _without_closing_hashes(atx.group(1)) == title.strip():
                return number
            below = lines[offset + 1] if offset + 1 < len(lines) else ""
            if line.strip() == title.strip() and _SETEXT_ONE.match(below):
                return number
        return max(after, section.body_line - 1)

    def line_of(self, section: Section, needle: str, after: int = 0) -> int:
        """The first line holding ``needle`` (after line ``after``, if given), else the title's."""
        for offset, line in enumerate(self.lines(section)):
            if needle in line and section.body_line + offset > after:
                return section.body_line + offset
        return section.body_line - 1


def _without_closing_hashes(text: str) -> str:
    """``# Title ##`` is the heading "Title" (CommonMark's optional closing sequence)."""
    text = text.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        return bare.strip()
    return text


def _heading_text(heading: Any) -> str:
    """A heading's words as written, without the permalink sign the toc extension adds."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts).strip()


def toc_tokens(entries: Iterable[TocEntry]) -> list[dict[str, Any]]:
    """The table of contents in the shape Python-Markdown's toc extension produces."""
    return [{"level": e.level, "id": e.id, "name": e.title, "children": toc_tokens(e.children)} for e in entries]
