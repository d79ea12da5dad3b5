"""The pages of a document and its versions: the home page's list, the versions page, the text in
force, each version's and revision's frozen text, and the redline of each against the one before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import purpose_table
from ..history import is_uncommitted
from ..model import IN_FORCE, PROPOSED, Problem, Version
from ..render import VERSIONS_SLOT
from ..templating import trusted
from ..words import translator
from .base import Build, Text, document_context, draft_origin, lag_context, page_context, shown_version, text_of
from .redlines import changes, compare_address, revision_pair, version_changes

if TYPE_CHECKING:
    from ..routes import Output


@dataclass(frozen=True)
class HomeEntry:
    slug: str
    title: str
    effective: date | None
    upcoming: tuple[Version, ...]
    problems: tuple[Problem, ...]
    has_current: bool


def home_page(build: Build, out: Output) -> dict[str, Any]:
    """The list of documents (``home.html``), in their source language: each page links its translations."""
    return {**page_context(build, out), "entries": [_home_entry(build, d.slug) for d in build.site.sources()]}


def _home_entry(build: Build, slug: str) -> HomeEntry:
    doc = build.site.document(slug)
    shown = doc.published.shown
    history = doc.published.history
    document = shown.document if shown else (history.versions[-1].document if history.versions else None)
    return HomeEntry(
        slug=doc.slug,
        title=document.title if document else doc.slug,
        effective=history.current.effective if history.current else (shown.effective if shown else None),
        upcoming=history.upcoming if history.current else history.upcoming[1:],
        problems=tuple(doc.published.errors),
        has_current=build.linker.find("current", {"doc": doc.slug}) is not None,
    )


def document_page(build: Build, out: Output) -> dict[str, Any]:
    """A page about the document as a whole, no one version: its versions page, its mistakes."""
    return document_context(build, out)


#: What a page that shows a text adds to it, given the context so far, the text and the base of its links.
Extra = Callable[[Build, "Output", dict[str, Any], Text, str], None]


def text_context(build: Build, out: Output, *, current: bool = False, extra: Extra | None = None) -> dict[str, Any]:
    """A page that shows one text (the route's version or revision; on the current page, the version
    shown): its sections, the version's dates and banner, and what ``extra`` adds (a redline)."""
    ctx = document_context(build, out)
    doc = build.document(out)
    published = doc.published
    history = published.history
    timeline = build.index(published).timeline
    version = timeline.version(out.params["version"]) if "version" in out.params else shown_version(build, published)
    if version is None:
        return ctx
    shows = text_of(build, published, out.params)
    assert shows is not None
    t = translator(build.language(out))
    ctx.update(
        version=version,
        document=shows.document,
        superseded_by=timeline.next_after(version),
        draft_origin=draft_origin(version, t) if version.status == PROPOSED else "",
        last_updated=(
            version.last_updated if history.from_git and not any(is_uncommitted(r) for r in version.revisions) else None
        ),
    )
    if shows.number:  # one revision's frozen text: dated by its own commit
        ctx.update(revision=shows, last_updated=shows.revision.commit.date.date())
    rendered = shows.rendered
    versions_html = ""
    if any(VERSIONS_SLOT in s.html for s in rendered.sections):  # only where {{ versions }} is written
        # As of this version, the same on its permalink and on the current page: a later
        # version is announced by the banner around the text, never by editing the text.
        as_of, earlier = timeline.as_of(version)
        versions_html = build.templates_for(out).render(
            "versions_list.html", **{**ctx, "listed": as_of, "earlier": earlier}
        )
    base = build.linker.folder(out, doc.slug)
    if extra is not None:
        extra(build, out, ctx, shows, base)
    href = build.linker.bound(out)
    if "new" in ctx and ctx["has_compare"]:  # a changes page: the compare page opened on the same pair
        ctx["compare_pair"] = compare_address(href("compare"), ctx["old"], ctx["new"])
    ctx["rendered"] = rendered
    linker = build.linker
    untranslated = set(shows.document.untranslated)
    ctx.update(lag_context(build, out))
    if not current:
        ctx["lag"] = None  # said on the current page only
    ctx["sections"] = [
        {
            "id": s.id,
            "number": s.number,
            "listed": s.listed,
            "title": s.title,
            "heading": trusted(s.labelled_heading(t("Link to this section"))),
            "body": trusted(_history_links(build, s.body(base=base, versions_html=versions_html), out, current, t)),
            "history": linker.made(out, "section-history", section=s.id),
            "untranslated": s.id in untranslated,
        }
        for s in rendered.sections
    ]
    if current:
        ctx["since"] = since(build, version, out)
    return ctx


def current_page(build: Build, out: Output) -> dict[str, Any]:
    """The text in force (else the first upcoming version, else the draft), with "since your last visit"
    and each purpose of the table linked to its history."""
    ctx = text_context(build, out, current=True)
    if ctx["version"] is not None:  # the PDF of the version it shows
        ctx["pdf_link"] = build.linker.made(out, "version-pdf", version=ctx["version"].slug, name=_pdf_name(out))
    return ctx


def text_page(build: Build, out: Output) -> dict[str, Any]:
    """The frozen text of one version, or of one revision of it, with its PDF (where the build makes one)."""
    ctx = text_context(build, out)
    target = "revision-pdf" if "revision" in out.params else "version-pdf"
    ctx["pdf_link"] = build.linker.made(out, target, **_text_params(out))
    return ctx


def _text_params(out: Output) -> dict[str, str]:
    """A page's PDF's parameters: its version (and revision), and the PDF's file name (routes.pdf_name)."""
    return {**{k: v for k, v in out.params.items() if k in ("version", "revision")}, "name": _pdf_name(out)}


def _pdf_name(out: Output) -> str:
    from ..routes import pdf_name  # routes imports the views

    return pdf_name(out.params["doc"])


def version_changes_extra(build: Build, out: Output, ctx: dict[str, Any], shows: Text, base: str) -> None:
    """A version's redline against the one before it, on its changes page and in its PDF."""
    pairs = build.pairs(build.document(out).published)
    t = translator(build.language(out))
    ctx.update(version_changes(pairs, shows.version, base, build.linker.bound(out), t))


def changes_page(build: Build, out: Output) -> dict[str, Any]:
    """A version's redline against the one before it, with its PDF (where the build makes one)."""
    ctx = text_context(build, out, extra=version_changes_extra)
    ctx["pdf_link"] = build.linker.made(out, "changes-pdf", **_text_params(out))
    return ctx


def _revision_changes(build: Build, out: Output, ctx: dict[str, Any], shows: Text, base: str) -> None:
    pairs = build.pairs(build.document(out).published)
    t = translator(build.language(out))
    ctx.update(changes(*revision_pair(pairs, shows.version, shows.number), base, build.linker.bound(out), t=t))


def revision_changes_page(build: Build, out: Output) -> dict[str, Any]:
    """What one revision changed: against the revision before, r1 against the version before."""
    return text_context(build, out, extra=_revision_changes)


def _history_links(build: Build, body: str, out: Output, on_current: bool, t: Callable[..., str]) -> str:
    """On the current page, each purpose of the table and each entry of a register links to its history."""
    if not on_current:
        return body
    if 'id="purpose-' in body:
        body = purpose_table.link_rows(
            body,
            lambda purpose: build.linker.made(out, "purpose-history", purpose=purpose),
            t("History"),
            lambda words: t("History of the purpose “{purpose}”", purpose=words),
        )
    for kind, prefix, label in (
        ("cookies", "cookie-", "History of the cookie “{name}”"),
        ("recipients", "recipient-", "History of the recipient “{name}”"),
    ):
        if f'id="{prefix}' in body:
            body = purpose_table.link_rows(
                body,
                lambda entry, kind=kind: build.linker.made(out, "register-history", register=kind, entry=entry),
                t("History"),
                lambda words, label=label: t(label, name=words),
                prefix,
            )
    return body


def since(build: Build, version: Version, out: Output) -> list[tuple[Version, str]]:
    """For "since your last visit": each earlier version and the address of its redline against
    ``version``, the text in force (route "compare-current"). The browser picks the one its reader
    last saw; it builds no address itself."""
    if version.status != IN_FORCE:
        return []
    offers = []
    for seen in build.document(out).published.history.versions:
        if seen.effective < version.effective and (url := build.linker.made(out, "compare-current", version=seen.slug)):
            offers.append((seen, url))
    return offers
