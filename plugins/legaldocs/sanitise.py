"""Clean HTML that came from the repository (Markdown and any raw HTML in it) with nh3.

Section text is untrusted: a pull request must not be able to run script on the published
policy, load anything from another host (which would tell a third party who reads it), or
dress itself up as the site's own notices (the `ld-` and Material `md-` classes).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

TAGS = nh3.ALLOWED_TAGS | {
    "section",
    "figure",
    "figcaption",
    "details",
    "summary",
    "mark",
    "time",
    "abbr",
    "dfn",
    "s",
    "ins",
    "del",
    "caption",
    "span",
    "div",
    "dl",
    "dt",
    "dd",
    "sup",
    "sub",
    "hr",
    "br",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "ol": {"start", "reversed", "type"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
RESERVED_CLASS = re.compile(r"^(ld|md)-")
#: Ids the theme and the plugin look elements up by: Material reads its settings from
#: ``#__config``, and its drawer, search and palette toggles are ``__``-ids too.
RESERVED_ID = re.compile(r"^(__|ld-|md-)")
#: Anything but a path on this site: a scheme (https:, data:) or a protocol-relative //host.
REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [c for c in value.split() if not RESERVED_CLASS.match(c)]
        return " ".join(kept) or None
    if attribute == "id" and RESERVED_ID.match(value.strip()):
        return None
    if attribute == "title" and ("<" in value or ">" in value):
        return None  # a tooltip script could insert it as HTML
    if tag == "img" and attribute == "src" and REMOTE.match(value.strip()):
        return None
    return value


def sanitise(html: str) -> str:
    """Images keep only a local src: a remote one would be a request to a third party."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


#: Deeper nesting (of lists, quotes, divs) is refused: past a few hundred levels HTML parsers
#: drop the text inside, and no legal text needs more than a few.
MAX_DEPTH = 50
WORD = re.compile(r"\w+")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class _Reader(HTMLParser):
    """Words and nesting depth of HTML, in one linear pass with no depth limit of its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: Counter[str] = Counter()
        self.depth = self.deepest = 0
        self.skipping: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping = tag  # removed on purpose, with their content
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag == self.skipping:
            self.skipping = None
        if tag not in _VOID:
            self.depth = max(self.depth - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.words.update(WORD.findall(data))


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


@dataclass(frozen=True)
class Cleaned:
    html: str
    #: Words of the text that cleaning lost although the allow-list keeps text: never silent.
    lost: tuple[str, ...] = ()
    #: How deep the HTML was nested, when deeper than MAX_DEPTH (then nothing was cleaned).
    too_deep: int = 0


def clean_checked(html: str) -> Cleaned:
    """Sanitise, and prove that no words of the text went missing on the way."""
    before = _read(html)
    if before.deepest > MAX_DEPTH:
        return Cleaned("", too_deep=before.deepest)
    cleaned = sanitise(html)
    lost = before.words - _read(cleaned).words
    return Cleaned(cleaned, tuple(sorted(lost)))
