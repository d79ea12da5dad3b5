"""What every view shares: the build it works in (``Build``, with what it works out once per build),
the text a page shows, and the variables every template receives."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..history import Timeline, is_uncommitted
from ..model import Document, History, Revision, Skipped, Version
from ..pairs import Pairs
from ..pdf import Maker
from ..publish import Published
from ..render import RenderedDocument
from ..templating import Templates

if TYPE_CHECKING:
    from ..loader import LoadedDocument, LoadedSite
    from ..routes import Linker, Output


@dataclass(frozen=True)
class Index:
    """What every page of one document asks of its history, worked out once per build."""

    timeline: Timeline
    notes: dict[str, list[Any]]
    acknowledged: dict[str, str]
    #: Commits whose sources could not be read at all, each with the published version it
    #: belonged to (None: a version that is missing, or no date could be made out).
    unreadable: list[tuple[Skipped, Version | None]]
    #: The other commits left out (invalid, or a date out of order).
    left_out: list[Skipped]


@dataclass
class Build:
    """One build's pages: the loaded site, the links between its outputs, its templates, and what
    its pages share (each document's index and compared pairs), made on the first page that needs
    them and gone with the build. The plugin makes one per build; nothing is kept in a module."""

    site: LoadedSite
    linker: Linker
    templates: Templates = field(default_factory=Templates)
    #: Makes the PDFs (option ``pdf: true``); None: the build makes none.
    pdf: Maker | None = None
    _indexes: dict[str, Index] = field(default_factory=dict, init=False, repr=False)
    _pairs: dict[str, Pairs] = field(default_factory=dict, init=False, repr=False)

    def index(self, published: Published) -> Index:
        """The document's index (a page per version must not scan the whole history, or the build
        grows with its square)."""
        found = self._indexes.get(published.slug)
        if found is None or found.timeline.history is not published.history:
            found = self._indexes[published.slug] = index(published.history)
        return found

    def pairs(self, published: Published) -> Pairs:
        """The document's consecutive pairs, each compared once for every page that shows them."""
        found = self._pairs.get(published.slug)
        if found is None or found.published is not published:
            found = self._pairs[published.slug] = Pairs(published)
        return found

    def document(self, out: Output) -> LoadedDocument:
        return self.site.document(out.params["doc"])


#: A view makes one route's output: its template's variables, or (for a file that is not a page,
#: a route without a template) the file's text or bytes.
View = Callable[[Build, "Output"], "dict[str, Any] | str | bytes"]


def index(history: History) -> Index:
    acknowledged = {f.commit.sha: f.acknowledged for f in history.findings if f.acknowledged}
    timeline = Timeline(history)
    unreadable = [
        (s, timeline.version(s.effective.isoformat()) if s.effective else None)
        for s in history.skipped
        if not s.readable
    ]
    left_out = [s for s in history.skipped if s.readable]
    return Index(timeline, notes(history), acknowledged, unreadable, left_out)


def notes(history: History) -> dict[str, list[Any]]:
    """What history found about each version (by effective date), other than commits it skipped
    (listed apart): shown as facts on the versions page, with the reason where acknowledged."""
    skipped = {s.commit.sha for s in history.skipped}
    found: dict[str, list[Any]] = {}
    for finding in history.findings:
        if finding.version is not None and finding.commit.sha not in skipped:
            found.setdefault(finding.version.isoformat(), []).append(finding)
    return found


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


def text_of(build: Build, published: Published, params: Mapping[str, str]) -> Text | None:
    """The text a page with these route parameters shows: a revision, a version, or the one shown."""
    timeline = build.index(published).timeline  # not Published.version: a scan per page
    version = timeline.version(params["version"]) if "version" in params else published.shown
    if version is None:
        return None
    if "revision" in params:
        number = int(params["revision"])
        return Text(version, published.revisions[(version.slug, number)], number)
    return Text(version, published.rendered[version.slug])


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


def document_pages(linker: Linker, slug: str) -> dict[str, bool]:
    """Which of a document's own pages this build makes, so templates link only to those."""
    return {
        "has_current": linker.find("current", {"doc": slug}) is not None,
        "has_versions_page": linker.find("versions", {"doc": slug}) is not None,
        "has_compare": linker.find("compare", {"doc": slug}) is not None,
        "has_at": linker.find("at", {"doc": slug}) is not None,
    }


def page_context(build: Build, out: Output) -> dict[str, Any]:
    """What every page's template receives, with the document's variables empty."""
    return {
        **basics(build.site, out, build.linker),
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
        "has_at": False,
        "compare_pair": "",
        # The page's PDF (option `pdf: true`), and whether the page is being made as one.
        "pdf_link": None,
        "printed": False,
    }


def document_context(build: Build, out: Output) -> dict[str, Any]:
    """What every page of one document receives: the document, its history and what the index found
    (documentation/docs/reference/templates.md says what each template receives)."""
    doc = build.document(out)
    published = doc.published
    history = published.history
    known = build.index(published)
    shown = shown_version(build, published)
    ctx = page_context(build, out)
    ctx.update(
        doc=doc,
        history=history,
        document=shown.document if shown else None,
        problems=tuple(published.errors),
        **document_pages(build.linker, doc.slug),
        listed=known.timeline.newest_first,
        notes=known.notes,
        acknowledged=known.acknowledged,
        unreadable=known.unreadable,
        left_out=known.left_out,
        revision_pages=published.revisions.keys(),  # a view: no copy per page
    )
    if ctx["document"] is None and history.versions:
        ctx["document"] = history.versions[-1].document
    return ctx


def shown_version(build: Build, published: Published) -> Version | None:
    """``Published.shown``, from the index (the property scans the history)."""
    timeline = build.index(published).timeline
    return timeline.current or (timeline.upcoming[0] if timeline.upcoming else None) or published.history.proposed


def render(build: Build, out: Output) -> tuple[Markup, str | bytes]:
    """The output's title (escaped text, for the browser tab) and its body: the route's view makes
    the template's variables (or, for a file, the file itself), then its template the page. Every
    template receives ``basics`` whatever its view returns."""
    made = out.route.view(build, out)
    if not out.route.template:
        assert isinstance(made, str | bytes), f"the view of {out.route.name!r} makes a file"
        return Markup(""), made
    assert isinstance(made, dict), f"the view of {out.route.name!r} makes its template's variables"
    ctx = {**basics(build.site, out, build.linker), **made}
    title = Markup(build.templates.render("title.html", **ctx).strip()) if out.route.is_page else Markup("")
    return title, build.templates.render(out.route.template, **ctx)


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
