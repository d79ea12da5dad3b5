"""How each generated page is made: the variables its template receives, then the template.

Every page gets one context, worked out from its route's parameters, so a new page kind needs
only its route and its template. What the repository supplies (titles, summaries, commit
messages, author names) reaches the templates as plain text, which autoescape escapes; the
core's own HTML (rendered sections, the purpose table) is passed as ``Markup``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any
from urllib.parse import unquote, urlencode

import lxml.html
from markupsafe import Markup, escape

from . import compare_data, feed, pairs, purpose_table, redline, redline_html
from .history import Timeline, is_uncommitted
from .loader import LoadedDocument, LoadedSite
from .model import IN_FORCE, PROPOSED, Document, History, Problem, Revision, Skipped, Version
from .publish import Published
from .redline import GENERATED, SectionChange
from .redline_html import ENGLISH, Say
from .render import VERSIONS_SLOT, RenderedDocument, inner_html
from .routes import Linker, Output, RouteError, relative_url, route
from .templating import Templates, trusted
from .words import translator


@dataclass(frozen=True)
class HomeEntry:
    slug: str
    title: str
    effective: date | None
    upcoming: tuple[Version, ...]
    problems: tuple[Problem, ...]
    has_current: bool


@dataclass(frozen=True)
class Text:
    """One side of a redline, or the text a page shows: a version's latest text, or one revision of it."""

    version: Version
    rendered: RenderedDocument
    #: 0: the version's latest text (its permalink); n: revision n (1 = the commit that published it).
    number: int = 0

    @property
    def revision(self) -> Revision:
        return self.version.revisions[self.number - 1] if self.number else self.version.revisions[-1]

    @property
    def document(self) -> Document:
        return self.revision.document

    @property
    def count(self) -> int:
        """How many revisions its version has (a revision page says "revision 2 of 3")."""
        return len(self.version.revisions)

    def link(self, href: Callable[..., str]) -> str:
        if self.number:
            return href("revision", version=self.version.slug, revision=str(self.number))
        return href("version", version=self.version.slug)


def text_of(published: Published, params: Mapping[str, str]) -> Text | None:
    """The text a page with these route parameters shows: a revision, a version, or the one shown."""
    timeline = index(published.history).timeline  # not Published.version: a scan per page
    version = timeline.version(params["version"]) if "version" in params else published.shown
    if version is None:
        return None
    if "revision" in params:
        number = int(params["revision"])
        return Text(version, published.revisions[(version.slug, number)], number)
    return Text(version, published.rendered[version.slug])


def version_pair(published: Published, version: Version) -> tuple[Text | None, Text]:
    """A version against the one before it: the first against nothing, a draft against the published
    branch's latest text (``Timeline.before``)."""
    previous = pairs.of(published).previous(version)
    old = Text(previous, published.rendered[previous.slug]) if previous is not None else None
    return old, Text(version, published.rendered[version.slug])


def revision_pair(published: Published, version: Version, number: int) -> tuple[Text | None, Text]:
    """Revision ``number`` against the revision before it; revision 1 against the version before
    (none for a first version)."""
    slug = version.slug
    new = Text(version, published.revisions[(slug, number)], number)
    if number == 1:
        return version_pair(published, version)[0], new
    return Text(version, published.revisions[(slug, number - 1)], number - 1), new


def commit_url(repo_url: str) -> Any:
    """A commit's address on the forge the site names in ``repo_url`` (GitHub, GitLab, Gitea …)."""
    if not repo_url:
        return None
    base = repo_url.rstrip("/")
    if base.endswith(".git"):
        base = base[:-4]
    middle = "/-/commit/" if "gitlab" in base else "/commit/"
    return lambda sha: f"{base}{middle}{sha}"


def listed(history: History, *, with_proposed: bool) -> list[Version]:
    versions = list(reversed(history.versions))
    if with_proposed and history.proposed is not None:
        versions.insert(0, history.proposed)
    return versions


@dataclass(frozen=True)
class _Index:
    """What every page of one document asks of its history, worked out once per build."""

    timeline: Timeline
    notes: dict[str, list[Any]]
    acknowledged: dict[str, str]
    #: Commits whose sources could not be read at all, each with the published version it
    #: belonged to (None: a version that is missing, or no date could be made out).
    unreadable: list[tuple[Skipped, Version | None]]
    #: The other commits left out (invalid, or a date out of order).
    left_out: list[Skipped]


_INDEXES: dict[int, _Index] = {}


def index(history: History) -> _Index:
    """The history's index, made on the first page that needs it (a page per version must not
    scan the whole history, or the build grows with its square)."""
    found = _INDEXES.get(id(history))
    if found is None or found.timeline.history is not history:
        if len(_INDEXES) > 64:  # `mkdocs serve` rebuilds: forget old builds' histories
            _INDEXES.clear()
        acknowledged = {f.commit.sha: f.acknowledged for f in history.findings if f.acknowledged}
        timeline = Timeline(history)
        unreadable = [
            (s, timeline.version(s.effective.isoformat()) if s.effective else None)
            for s in history.skipped
            if not s.readable
        ]
        left_out = [s for s in history.skipped if s.readable]
        found = _INDEXES[id(history)] = _Index(timeline, notes(history), acknowledged, unreadable, left_out)
    return found


def notes(history: History) -> dict[str, list[Any]]:
    """What history found about each version (by effective date), other than commits it skipped
    (listed apart): shown as facts on the versions page, with the reason where acknowledged."""
    skipped = {s.commit.sha for s in history.skipped}
    found: dict[str, list[Any]] = {}
    for finding in history.findings:
        if finding.version is not None and finding.commit.sha not in skipped:
            found.setdefault(finding.version.isoformat(), []).append(finding)
    return found


def draft_origin(version: Version, t: Callable[..., str]) -> str:
    commits = [r for r in version.revisions if not is_uncommitted(r)]
    origin = []
    if commits:
        origin.append(t("{count} commits not yet on the published branch", count=len(commits)))
    if len(commits) != len(version.revisions):
        origin.append(t("changes not yet committed"))
    return t(" and ").join(origin)


def basics(site: LoadedSite, out: Output, linker: Linker) -> dict[str, Any]:
    """What every template receives, whatever the page (see documentation/docs/reference/templates.md)."""
    options = site.options
    return {
        "kind": out.route.name,
        "site": {
            "name": options.site_name,
            "repo_url": options.repo_url,
            "copyright": options.copyright,
            "language": options.language,
        },
        "href": linker.bound(out),
        "commit_url": commit_url(options.repo_url),
        "show_authors": options.show_authors,
    }


def document_pages(made: Mapping[str, Output], slug: str) -> dict[str, bool]:
    """Which of a document's own pages this build makes, so templates link only to those."""

    def makes(address: str, name: str = "") -> bool:
        return address in made and (not name or made[address].route.name == name)

    return {
        "has_current": makes(f"{slug}/", "current"),
        "has_versions_page": makes(f"{slug}/versions/"),
        "has_compare": makes(f"{slug}/compare/", "compare"),
    }


def context(site: LoadedSite, out: Output, linker: Linker, templates: Templates) -> dict[str, Any]:
    """The variables of one page (documentation/docs/reference/templates.md says what each template receives)."""
    options = site.options
    href = linker.bound(out)
    made = linker.by_address
    t = translator(options.language)
    ctx: dict[str, Any] = {
        **basics(site, out, linker),
        "doc": None,
        "document": None,
        "history": None,
        "version": None,
        "revision": None,
        "revision_pages": set(),
        "problems": (),
        "has_current": False,
        "has_versions_page": False,
        "has_compare": False,
        "compare_pair": "",
    }
    if out.route.name == "home":
        ctx["entries"] = [_home_entry(d, made) for d in site.documents]
        return ctx
    doc: LoadedDocument = site.document(out.params["doc"])
    published = doc.published
    history = published.history
    known = index(history)
    timeline = known.timeline
    # Published.shown, from the index (the property scans the history)
    shown = timeline.current or (timeline.upcoming[0] if timeline.upcoming else None) or history.proposed
    ctx.update(
        doc=doc,
        history=history,
        document=shown.document if shown else None,
        problems=tuple(published.errors),
        **document_pages(made, doc.slug),
        listed=timeline.newest_first,
        notes=known.notes,
        acknowledged=known.acknowledged,
        unreadable=known.unreadable,
        left_out=known.left_out,
        revision_pages=published.revisions.keys(),  # a view: no copy per page
    )
    if ctx["document"] is None and history.versions:
        ctx["document"] = history.versions[-1].document
    if "to" in out.params:  # an old address of a renamed document: where it is now
        return {**ctx, **moved(site, out, linker)}
    if out.route.name == "compare":
        ctx.update(compare(published, href, made, doc.slug), assets=_assets(linker, out))
    if out.route.name in HISTORIES:
        ctx.update(HISTORIES[out.route.name](published, out.params, linker.folder(out, doc.slug), href, t))
        return ctx
    version = timeline.version(out.params["version"]) if "version" in out.params else shown
    if version is None or ("version" not in out.params and out.route.name != "current"):
        return ctx  # a page about the document as a whole: no one version
    shows = text_of(published, out.params)
    assert shows is not None
    ctx.update(
        version=version,
        document=shows.document,
        superseded_by=timeline.next_after(version),
        draft_origin=draft_origin(version, translator(options.language)) if version.status == PROPOSED else "",
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
        versions_html = templates.render("versions_list.html", **{**ctx, "listed": as_of, "earlier": earlier})
    base = linker.folder(out, doc.slug)
    if out.route.name == "changes":
        ctx.update(version_changes(published, version, base, href, t))
    elif out.route.name == "revision-changes":
        ctx.update(changes(*revision_pair(published, version, shows.number), base, href, t=t))
    elif out.route.name == "compare-current":
        ctx.update(against_current(published, version, base, href, t))
        if ctx["has_compare"]:
            older, newer = (Text(v, published.rendered[v.slug]) for v in (ctx["older"], ctx["newer"]))
            ctx["compare_pair"] = compare_address(href("compare"), older, newer)
    if "new" in ctx and ctx["has_compare"]:  # a changes page: the compare page opened on the same pair
        ctx["compare_pair"] = compare_address(href("compare"), ctx["old"], ctx["new"])
    ctx["rendered"] = rendered
    on_current = out.route.name == "current"
    ctx["sections"] = [
        {
            "id": s.id,
            "number": s.number,
            "title": s.title,
            "listed": s.listed,
            "heading": trusted(s.heading),
            "body": trusted(_history_links(s.body(base=base, versions_html=versions_html), out, linker, on_current, t)),
            "history": _made(out, linker, "section-history", section=s.id),
        }
        for s in rendered.sections
    ]
    if on_current:
        ctx["since"] = since(published, version, out, linker)
    return ctx


def moved(site: LoadedSite, out: Output, linker: Linker) -> dict[str, Any]:
    """For moved.html: the new address, relative (for the redirect) and canonical (absolute with a site_url)."""
    params = {k: v for k, v in out.params.items() if k not in ("doc", "old", "to")}
    to = out.params["to"]
    canonical = linker.absolute(out, site.options.site_url, to, **params)
    shown = canonical if site.options.site_url else "/" + route(to).address({"doc": out.params["doc"], **params})
    return {"target": linker.href(out, to, **params), "canonical": canonical, "shown_target": shown}


def _made(out: Output, linker: Linker, target: str, **params: str) -> str | None:
    """The link to ``target`` where this build makes that page, else none."""
    try:
        return linker.href(out, target, **params)
    except RouteError:
        return None


def _history_links(body: str, out: Output, linker: Linker, on_current: bool, t: Callable[..., str]) -> str:
    """On the current page, each purpose of the table links to its history."""
    if not on_current or 'id="purpose-' not in body:
        return body
    return purpose_table.link_rows(
        body,
        lambda purpose: _made(out, linker, "purpose-history", purpose=purpose),
        t("History"),
        lambda words: t("History of the purpose “{purpose}”", purpose=words),
    )


def since(published: Published, version: Version, out: Output, linker: Linker) -> list[tuple[Version, str]]:
    """For "since your last visit": each earlier version and the address of its redline against
    ``version``, the text in force (route "compare-current"). The browser picks the one its reader
    last saw; it builds no address itself."""
    if version.status != IN_FORCE:
        return []
    offers = []
    for seen in published.history.versions:
        if seen.effective < version.effective and (url := _made(out, linker, "compare-current", version=seen.slug)):
            offers.append((seen, url))
    return offers


def section_history(
    published: Published, params: Mapping[str, str], base: str, href: Callable[..., str], t: Say = ENGLISH
) -> dict[str, Any]:
    """Every version that changed one section, newest first, each with the redline of just that section."""
    section_id = params["section"]
    entries = pairs.of(published).section_history(section_id, base)
    shown = published.shown
    rendered = published.rendered.get(shown.slug) if shown else None
    now = next((s for s in rendered.sections if s.id == section_id), None) if rendered else None
    newest = entries[0].section if entries else None
    rows = []
    for e in entries:
        table = redline_html.purposes_html(e.change.purposes, t=t) if _holds_purposes(e.section) else ""
        html = redline_html.section_html(e.section, purposes_html=table, t=t)
        html = _anchors_to(_entry_html(html, e.version.slug), partial(_pages, published, href, e.version, e.previous))
        rows.append({"version": e.version, "previous": e.previous, "section": e.section, "redline": trusted(html)})
    return {
        "section_id": section_id,
        # As the current page numbers and titles it, else as it was last published.
        "number": now.number if now else (newest.new_number or newest.old_number) if newest else None,
        "title": now.title if now else (newest.new_title or newest.old_title) if newest else section_id,
        "present": now is not None,
        "entries": rows,
    }


def _holds_purposes(section: SectionChange) -> bool:
    """Whether the section holds the purpose table (``{{ purposes }}``), in either version."""
    return any(
        b.kind == GENERATED and any(x is not None and x.text == "purposes" for x in (b.new, b.old))
        for b in section.blocks
    )


def purpose_history(
    published: Published, params: Mapping[str, str], base: str, href: Callable[..., str], t: Say = ENGLISH
) -> dict[str, Any]:
    """Every version that changed one purpose of the table, newest first, each with its row's redline."""
    purpose_id = params["purpose"]
    entries = pairs.of(published).purpose_history(purpose_id, base)
    title = purpose_id
    for version in pairs.of(published).newest_first():
        table = version.document.purposes
        found = next((p for p in table.purposes if p.id == purpose_id), None) if table else None
        if table is not None and found is not None:
            title = purpose_table.purpose_cell(table, found)
            break
    shown = published.shown
    table = shown.document.purposes if shown else None
    rows = []
    for e in entries:
        labels = redline_html.column_labels(e.table.columns)
        html = redline_html.purpose_table_html(
            e.table.columns, redline_html.purpose_row_html(e.row, t=t, labels=labels)
        )
        redline = trusted(_entry_html(html, e.version.slug))
        rows.append({"version": e.version, "previous": e.previous, "row": e.row, "redline": redline})
    return {
        "purpose_id": purpose_id,
        "title": title,
        "present": table is not None and any(p.id == purpose_id for p in table.purposes),
        "entries": rows,
    }


#: The pages about one part of a document across its versions: their context, by route.
HISTORIES: dict[str, Callable[[Published, Mapping[str, str], str, Callable[..., str], Say], dict[str, Any]]] = {
    "section-history": section_history,
    "purpose-history": purpose_history,
}


def _entry_html(html: str, slug: str) -> str:
    """A part of one version's redline among others on a page: its ids made unique to that version,
    its heading one level below the entry's."""
    html = html.replace(' id="ld-change-', f' id="ld-{slug}-change-')
    start = html.find('<h2 class="ld-change-title">')
    if start < 0:
        return html
    end = html.find("</h2>", start)
    return html[:start] + "<h3" + html[start + 3 : end] + "</h3>" + html[end + 5 :]


def _home_entry(doc: LoadedDocument, made: dict[str, Output]) -> HomeEntry:
    shown = doc.published.shown
    history = doc.published.history
    document = shown.document if shown else (history.versions[-1].document if history.versions else None)
    current = made.get(f"{doc.slug}/")
    return HomeEntry(
        slug=doc.slug,
        title=document.title if document else doc.slug,
        effective=history.current.effective if history.current else (shown.effective if shown else None),
        upcoming=history.upcoming if history.current else history.upcoming[1:],
        problems=tuple(doc.published.errors),
        has_current=current is not None and current.route.name == "current",
    )


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
        html = _anchors_to(html, lambda: [(side.rendered.anchors, side.link(href)) for side in sides])
    return {
        "old": old,
        "new": new,
        "previous": old.version if old is not None and old.version is not new.version else None,
        "change": change,
        "redline": trusted(html),
    }


def version_changes(
    published: Published,
    version: Version,
    base: str = "",
    href: Callable[..., str] | None = None,
    t: Say = ENGLISH,
) -> dict[str, Any]:
    """A version against the one before it, the pair compared once per build (``pairs``): the
    section and purpose histories show parts of the same change."""
    shared = pairs.of(published).change(version, base)
    return changes(*version_pair(published, version), base, href, change=shared, t=t)


def _pages(
    published: Published, href: Callable[..., str], *versions: Version | None
) -> list[tuple[frozenset[str], str]]:
    """The anchors of each version's page and its address, for ``_anchors_to``."""
    return [(published.rendered[v.slug].anchors, href("version", version=v.slug)) for v in versions if v is not None]


def _anchors_to(html: str, pages: Callable[[], list[tuple[frozenset[str], str]]]) -> str:
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


# The compare page (issue 10): any pair of versions, through the same ``changes`` as every redline page.


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


def against_current(
    published: Published,
    version: Version,
    base: str = "",
    href: Callable[..., str] | None = None,
    t: Say = ENGLISH,
) -> dict[str, Any]:
    """``version`` and the text in force, the older first: what the compare page falls back on."""
    current = index(published.history).timeline.current  # a page per version: not a scan of the history
    assert current is not None, "routes._against_current makes these pages only where a version is in force"
    older, newer = sorted((version, current), key=lambda v: (v.status == PROPOSED, v.effective))
    return {"current": current, "older": older, "newer": newer, **between(published, older, newer, base, href, t)}


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


def compare_slug(side: Text) -> str:
    """How the compare page's address names a text: its version's slug, a revision ``<slug>/r<n>``."""
    return f"{side.version.slug}/r{side.number}" if side.number else side.version.slug


def compare_address(compare_page: str, old: Text | None, new: Text) -> str:
    """The compare page opened on this pair (on ``new`` alone against its default where there is no ``old``)."""
    pair = {"from": compare_slug(old), "to": compare_slug(new)} if old is not None else {}
    return f"{compare_page}?{urlencode(pair, safe='/')}" if pair else compare_page


def _revision_choices(href: Callable[..., str], version: Version, numbers: list[int]) -> tuple[Choice, ...]:
    """A version's revisions, where it has more than one (as routes._compare_revisions makes their data)."""
    if len(numbers) < 2:
        return ()
    return tuple(
        Choice(
            slug=f"{version.slug}/r{n}",
            version=version,
            data=href("compare-revision-data", version=version.slug, revision=str(n)),
            page=href("revision", version=version.slug, revision=str(n)),
            changes=href("revision-changes", version=version.slug, revision=str(n)),  # r1's too: it was corrected
            against_current="",
            number=n,
        )
        for n in numbers
    )


def compare(published: Published, href: Callable[..., str], made: dict[str, Output], doc: str) -> dict[str, Any]:
    """The compare page: every version, newest first (a draft first), each with its revisions where it
    was corrected, and the pair it opens on: the version in force against the one before it (else the
    last two)."""
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
            against_current=(href("compare-current", version=v.slug) if f"{doc}/compare/{v.slug}/" in made else ""),
            revisions=_revision_choices(href, v, numbers.get(v.slug, [])),
        )
        for v in listed(history, with_proposed=True)
    ]
    ordered = history.versions
    to = current or (ordered[-1] if ordered else published.versions[-1])
    index = next((i for i, v in enumerate(ordered) if v.slug == to.slug), 0)
    start = ordered[index - 1] if index else to
    return {"choices": choices, "default_from": start.slug, "default_to": to.slug}


def _url(site: LoadedSite, out: Output, linker: Linker) -> Callable[[str], str]:
    """feed.py's addresses ("current", "version:<slug>", "revision:<slug>/<n>" …), absolute where the
    site has a site_url."""

    def url(target: str) -> str:
        name, _, where = target.partition(":")
        slug, _, number = where.partition("/")
        params = {"version": slug} if slug else {}
        if number:
            params["revision"] = number
        return linker.absolute(out, site.options.site_url, name, **params)

    return url


def _history(site: LoadedSite, out: Output) -> tuple[History, str]:
    published = site.document(out.params["doc"]).published
    shown = published.shown
    return published.history, shown.document.title if shown else out.params["doc"]


def _atom(site: LoadedSite, out: Output, linker: Linker) -> bytes:
    history, title = _history(site, out)
    url = _url(site, out, linker)
    own = linker.absolute(out, site.options.site_url, "feed")
    return feed.atom(
        history,
        title,
        url,
        site_name=site.options.site_name,
        feed_url=own,
        language=site.options.language,
        document=out.params["doc"],
    )


def _versions_json(site: LoadedSite, out: Output, linker: Linker) -> str:
    history, title = _history(site, out)
    revisions = site.document(out.params["doc"]).published.revisions
    return feed.versions_json(history, title, _url(site, out, linker), revisions)


def _sitemap(site: LoadedSite, out: Output, linker: Linker) -> str:
    """The document's permanent pages (its text in force, its versions page, each version's), written as
    MkDocs writes the site's sitemap: absolute addresses with a ``site_url``, else from the site's root."""
    slug = out.params["doc"]
    wanted = [("current", {}), ("versions", {})]
    wanted += [("version", {"version": v.slug}) for v in site.document(slug).published.history.versions]
    base = site.options.site_url.rstrip("/") + "/" if site.options.site_url else "/"
    locs = []
    for name, params in wanted:
        made = linker.by_address.get(route(name).address({"doc": slug, **params}))
        if made is not None and made.route.name == name:
            locs.append(f"  <url><loc>{escape(base + made.url(linker.directory_urls))}</loc></url>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(locs)
        + "</urlset>\n"
    )


def _compare_data(site: LoadedSite, out: Output, linker: Linker) -> str:
    """One version (or one revision) for the browser's redline, its links rebased for the compare page
    that shows it."""
    published = site.document(out.params["doc"]).published
    side = text_of(published, out.params)  # through the history's index: not a scan per file
    assert side is not None
    compare_page = linker.by_address[route("compare").address({"doc": out.params["doc"]})]
    base = linker.folder(compare_page, out.params["doc"])
    return compare_data.version_json(redline_text(side, base))


#: The scripts the compare page loads itself (plugin.py ships them); views.js is on every page.
ASSETS = {"redline": "assets/redline.js", "compare": "assets/compare.js"}


def _assets(linker: Linker, out: Output) -> dict[str, str]:
    here = out.url(linker.directory_urls)
    return {name: relative_url(path, here) for name, path in ASSETS.items()}


def _image(site: LoadedSite, out: Output, linker: Linker) -> bytes:
    """One image as some version published it (its address is its content's SHA-256)."""
    return site.document(out.params["doc"]).published.images[out.params["image"]]


#: Files that are not pages, made by code rather than a template (``Route.make``).
MAKERS: dict[str, Callable[[LoadedSite, Output, Linker], str | bytes]] = {
    "atom": _atom,
    "versions_json": _versions_json,
    "compare_data": _compare_data,  # a version's, or (route "compare-revision-data") a revision's
    "image": _image,
    "sitemap": _sitemap,
}


def render(site: LoadedSite, out: Output, linker: Linker, templates: Templates) -> tuple[Markup, str | bytes]:
    """The page's title (escaped text, for the browser tab) and its body, each from its template."""
    if out.route.make:
        return Markup(""), MAKERS[out.route.make](site, out, linker)
    ctx = context(site, out, linker, templates)
    title = Markup(templates.render("title.html", **ctx).strip())
    return title, templates.render(out.route.template, **ctx)


def footer(site: LoadedSite) -> str:
    """The company and how to reach it, for the footer when mkdocs.yml sets no ``copyright``.

    From the first document's facts: ``company`` (or ``controller``), ``address``, ``contact_email``.
    """
    for doc in site.documents:
        shown = doc.published.shown
        if shown is None:
            continue
        facts = shown.document.facts
        company = facts.get("company") or facts.get("controller") or ""
        parts = [company, facts.get("address", ""), facts.get("contact_email", "")]
        if any(parts):
            return " · ".join(p for p in parts if p)
    return ""
