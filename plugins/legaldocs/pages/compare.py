"""The compare page (issue 10): any pair of versions, redlined in the browser, and its fallback
without JavaScript, each version against the text in force, through the same ``changes`` as
every redline page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import PROPOSED, Version
from ..publish import Published
from ..redline_html import ENGLISH, Say
from ..words import translator
from .base import Build, Text, document_context, listed
from .document import text_context
from .redlines import between, compare_address, revision_slug

if TYPE_CHECKING:
    from ..routes import Output

#: The scripts the compare page loads itself (plugin.py ships them); views.js is on every page.
ASSETS = {"redline": "assets/redline.js", "compare": "assets/compare.js"}


@dataclass(frozen=True)
class Choice:
    """One text in the compare page's pickers and its list of links: a version (its latest text), or
    one revision of a version corrected after it was published (``number`` n, slug ``<date>/r<n>``)."""

    slug: str
    version: Version
    data: str  # the per-version (or per-revision) JSON, relative to the compare page
    page: str
    changes: str
    against_current: str  # "" for the version in force, and for a revision
    number: int = 0
    #: A version's revisions, r1 first, where it has more than one (else none: r1 is the version).
    revisions: tuple[Choice, ...] = ()


def compare_page(build: Build, out: Output) -> dict[str, Any]:
    """Every version to pick from, the pair it opens on, and the scripts it loads."""
    ctx = document_context(build, out)
    ctx.update(
        compare(build.document(out).published, out, build),
        assets={name: build.linker.asset(out, path) for name, path in ASSETS.items()},
    )
    return ctx


def _revision_choices(href: Callable[..., str], version: Version, numbers: list[int]) -> tuple[Choice, ...]:
    """A version's revisions, where it has more than one (as routes._compare_revisions makes their data)."""
    if len(numbers) < 2:
        return ()
    return tuple(
        Choice(
            slug=revision_slug(version.slug, n),
            version=version,
            data=href("compare-revision-data", version=version.slug, revision=str(n)),
            page=href("revision", version=version.slug, revision=str(n)),
            changes=href("revision-changes", version=version.slug, revision=str(n)),  # r1's too: it was corrected
            against_current="",
            number=n,
        )
        for n in numbers
    )


def compare(published: Published, out: Output, build: Build) -> dict[str, Any]:
    """The compare page: every version, newest first (a draft first), each with its revisions where it
    was corrected, and the pair it opens on: the version in force against the one before it (else the
    last two)."""
    href = build.linker.bound(out)
    history = published.history
    current = history.current
    numbers: dict[str, list[int]] = {}  # each version's revisions, grouped once (not a scan per version)
    for slug, n in sorted(published.revisions):
        numbers.setdefault(slug, []).append(n)
    choices = [
        Choice(
            slug=v.slug,
            version=v,
            data=href("compare-data", version=v.slug),
            page=href("version", version=v.slug),
            changes=href("changes", version=v.slug),
            against_current=build.linker.made(out, "compare-current", version=v.slug) or "",
            revisions=_revision_choices(href, v, numbers.get(v.slug, [])),
        )
        for v in listed(history, with_proposed=True)
    ]
    ordered = history.versions
    to = current or (ordered[-1] if ordered else published.versions[-1])
    index = next((i for i, v in enumerate(ordered) if v.slug == to.slug), 0)
    start = ordered[index - 1] if index else to
    return {"choices": choices, "default_from": start.slug, "default_to": to.slug}


def against_current(
    build: Build,
    published: Published,
    version: Version,
    base: str = "",
    href: Callable[..., str] | None = None,
    t: Say = ENGLISH,
) -> dict[str, Any]:
    """``version`` and the text in force, the older first: what the compare page falls back on."""
    current = build.index(published).timeline.current  # a page per version: not a scan of the history
    assert current is not None, "routes._against_current makes these pages only where a version is in force"
    older, newer = sorted((version, current), key=lambda v: (v.status == PROPOSED, v.effective))
    return {"current": current, "older": older, "newer": newer, **between(published, older, newer, base, href, t)}


def _against_current(build: Build, out: Output, ctx: dict[str, Any], shows: Text, base: str) -> None:
    published = build.document(out).published
    href = build.linker.bound(out)
    t = translator(build.language(out))
    ctx.update(against_current(build, published, shows.version, base, href, t))
    if ctx["has_compare"]:
        older, newer = (Text(v, published.rendered[v.slug]) for v in (ctx["older"], ctx["newer"]))
        ctx["compare_pair"] = compare_address(href("compare"), older, newer)


def compare_current_page(build: Build, out: Output) -> dict[str, Any]:
    """A version against the text in force: the compare page's links without JavaScript."""
    return text_context(build, out, extra=_against_current)
