"""The redline of one text against another, as every page that shows one makes it (the changes
pages, the compare pages, the histories): one model, one HTML, links led to the version that has
their target."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlencode

import lxml.html

from .. import redline, redline_html
from ..model import Version
from ..pairs import Pairs
from ..publish import Published
from ..redline_html import ENGLISH, Say
from ..render import inner_html
from ..templating import trusted
from .base import Text


def version_pair(pairs: Pairs, version: Version) -> tuple[Text | None, Text]:
    """A version against the one before it: the first against nothing, a draft against the published
    branch's latest text (``Timeline.before``)."""
    published = pairs.published
    previous = pairs.previous(version)
    old = Text(previous, published.rendered[previous.slug]) if previous is not None else None
    return old, Text(version, published.rendered[version.slug])


def revision_pair(pairs: Pairs, version: Version, number: int) -> tuple[Text | None, Text]:
    """Revision ``number`` against the revision before it; revision 1 against the version before
    (none for a first version)."""
    published = pairs.published
    slug = version.slug
    new = Text(version, published.revisions[(slug, number)], number)
    if number == 1:
        return version_pair(pairs, version)[0], new
    return Text(version, published.revisions[(slug, number - 1)], number - 1), new


def redline_text(side: Text | None, base: str = "") -> redline.DocumentText:
    """Each section's text, its relative links and images rebased for the page that shows it."""
    if side is None:
        return redline.DocumentText(())
    return redline.document_text(side.document, side.rendered, base)


def changes(
    old: Text | None,
    new: Text,
    base: str = "",
    href: Callable[..., str] | None = None,
    change: redline.Change | None = None,
    t: Say = ENGLISH,
) -> dict[str, Any]:
    """The redline of one text against another, versions or revisions alike: ``old`` None is the
    first version, all of it new. ``base`` rebases relative links and images for the page;
    ``change`` is the pair already compared (``pairs``: the histories show parts of it too);
    ``t`` says its notes in the site's language."""
    if change is None:
        change = redline.compare(redline_text(old, base), redline_text(new, base))
    html = redline_html.change_html(change, t=t)
    if href is not None:
        sides = [side for side in (new, old) if side is not None]
        html = anchors_to(html, lambda: [(side.rendered.anchors, side.link(href)) for side in sides])
    return {
        "old": old,
        "new": new,
        "previous": old.version if old is not None and old.version is not new.version else None,
        "change": change,
        "redline": trusted(html),
    }


def version_changes(
    pairs: Pairs,
    version: Version,
    base: str = "",
    href: Callable[..., str] | None = None,
    t: Say = ENGLISH,
) -> dict[str, Any]:
    """A version against the one before it, the pair compared once per build (``Build.pairs``): the
    section and purpose histories show parts of the same change."""
    shared = pairs.change(version, base)
    return changes(*version_pair(pairs, version), base, href, change=shared, t=t)


def between(
    published: Published,
    old: Version | None,
    new: Version,
    base: str = "",
    href: Callable[..., str] | None = None,
    t: Say = ENGLISH,
) -> dict[str, Any]:
    """The redline of any pair (``old`` none: everything new), as ``change`` and its HTML ``redline``."""
    before = Text(old, published.rendered[old.slug]) if old is not None else None
    made = changes(before, Text(new, published.rendered[new.slug]), base, href, t=t)
    return {"change": made["change"], "redline": made["redline"]}


def version_pages(
    published: Published, href: Callable[..., str], *versions: Version | None
) -> list[tuple[frozenset[str], str]]:
    """The anchors of each version's page and its address, for ``anchors_to``."""
    return [(published.rendered[v.slug].anchors, href("version", version=v.slug)) for v in versions if v is not None]


def anchors_to(html: str, pages: Callable[[], list[tuple[frozenset[str], str]]]) -> str:
    """A link to a place in the text (a cross-reference, say) leads to the version that has it:
    the redline page has no such anchors of its own."""
    if 'href="#' not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    here = {e.get("id") for e in root.iter() if e.get("id")}
    found: list[tuple[frozenset[str], str]] | None = None
    for link in root.iter("a"):
        target = link.get("href", "")
        if target.startswith("#") and target[1:] not in here:
            found = pages() if found is None else found
            page = next((url for ids, url in found if unquote(target[1:]) in ids), None)
            if page is not None:
                link.set("href", page + target)
    return inner_html(root)


def entry_html(html: str, slug: str) -> str:
    """A part of one version's redline among others on a page: its ids made unique to that version,
    its heading one level below the entry's."""
    html = html.replace(' id="ld-change-', f' id="ld-{slug}-change-')
    start = html.find('<h2 class="ld-change-title">')
    if start < 0:
        return html
    end = html.find("</h2>", start)
    return html[:start] + "<h3" + html[start + 3 : end] + "</h3>" + html[end + 5 :]


def compare_slug(side: Text) -> str:
    """How the compare page's address names a text: its version's slug, a revision ``<slug>/r<n>``."""
    return revision_slug(side.version.slug, side.number) if side.number else side.version.slug


def revision_slug(version: str, number: int) -> str:
    """How the compare page names revision ``number`` of a version (its pickers, its ``?from=``)."""
    return f"{version}/r{number}"


def compare_address(compare_page: str, old: Text | None, new: Text) -> str:
    """The compare page opened on this pair (on ``new`` alone against its default where there is no ``old``)."""
    pair = {"from": compare_slug(old), "to": compare_slug(new)} if old is not None else {}
    return f"{compare_page}?{urlencode(pair, safe='/')}" if pair else compare_page
