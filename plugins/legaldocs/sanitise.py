"""Clean HTML that came from the repository (Markdown and any raw HTML in it) with nh3.

Section text is untrusted: a pull request must not be able to run script on the published
policy, load anything from another host (which would tell a third party who reads it), or
dress itself up as the site's own notices (the `ld-` and Material `md-` classes).
"""

from __future__ import annotations

import re

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
#: Anything but a path on this site: a scheme (https:, data:) or a protocol-relative //host.
REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [c for c in value.split() if not RESERVED_CLASS.match(c)]
        return " ".join(kept) or None
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
