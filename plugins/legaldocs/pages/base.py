"""What every view shares: the build it works in (``Build``, with what it works out once per build),
the text a page shows, and the variables every template receives."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .. import registers, translation
from ..history import Timeline, is_uncommitted
from ..model import UPCOMING, Document, History, Recipient, Revision, Skipped, Version
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

    def language(self, out: Output) -> str:
        """The language of the page: its document's (a translation's own), else the site's."""
        return self.site.language(out.params.get("doc"))

    def templates_for(self, out: Output) -> Templates:
        """The templates in the page's language."""
        return self.templates.in_language(self.language(out))


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
            "language": site.language(out.params.get("doc")),
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
        new_processors=new_processors(history),
    )
    if ctx["document"] is None and history.versions:
        ctx["document"] = history.versions[-1].document
    return ctx


def new_processors(history: History) -> dict[str, list[Recipient]]:
    """For each upcoming version, the processors and sub-processors it adds to recipients.yml: its
    notice and banner name them (``registers.new_processors``)."""
    versions = history.versions
    return {
        v.slug: found
        for before, v in itertools.pairwise(versions)
        if v.status == UPCOMING and (found := registers.new_processors(before.document, v.document))
    }


def shown_version(build: Build, published: Published) -> Version | None:
    """``Published.shown``, from the index (the property scans the history)."""
    timeline = build.index(published).timeline
    if timeline.current is None and published.history.versions:  # a translation behind its source: rare
        return published.shown
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
    templates = build.templates_for(out)
    title = Markup(templates.render("title.html", **ctx).strip()) if out.route.is_page else Markup("")
    body = templates.render(out.route.template, **ctx)
    # A page's switcher; never on a redirect (moved.html is a whole document of its own) or a file.
    if out.route.is_page and "doc" in out.params and len(build.site.languages(out.params["doc"])) > 1:
        body = templates.render("languages.html", **{**ctx, **languages(build, out)}) + body
    return title, body


def lag_context(build: Build, out: Output, *, absolute: bool = False) -> dict[str, Any]:
    """What ``translation_notice.html`` receives: a translation's lag behind its source (none where it
    is not behind, or the page is a source's), the binding text's address (``absolute``: for a feed),
    the source's language and the public reason where mkdocs.yml acknowledges the lag."""
    doc = build.document(out)
    site_language = build.site.language(doc.translation_of or doc.slug)
    ctx: dict[str, Any] = {
        "lag": None,
        "binding_href": "",
        "lag_reason": "",
        "source_language": {
            "tag": site_language.replace("_", "-"),
            "name": translation.language_name(site_language, build.language(out)),
        },
    }
    if not doc.translation_of:
        return ctx
    lag = translation.lag(build.site.document(doc.translation_of).published.history, doc.published.history)
    if absolute:
        href = build.linker.absolute(out, build.site.options.site_url, "current", doc=doc.translation_of)
    else:
        href = build.linker.made(out, "current", doc=doc.translation_of) or ""
    known = build.site.options.acknowledged_translations
    reason = known.get((doc.tag.lower(), lag.untranslated[0].effective.isoformat()), "") if lag else ""
    return {**ctx, "lag": lag, "binding_href": href, "lag_reason": reason}


def alternates(site: LoadedSite, linker: Linker, out: Output) -> list[tuple[str, Output | None, str]]:
    """The page ``out`` in each language of its document, its own first: (language tag, the same page
    in that language or None where that language has none, the document's slug in that language)."""
    found = []
    for doc in site.languages(out.params["doc"]):
        tag = (doc.tag or site.language(doc.slug)).replace("_", "-")
        same = linker.find(out.route.name, {**out.params, "doc": doc.slug})
        found.append((tag, same, doc.slug))
    return found


def languages(build: Build, out: Output) -> dict[str, Any]:
    """The language switcher's links (the same page in each language, else that language's current
    page: never a page this build does not make) and the binding-language sentence."""
    site, here = build.site, build.language(out)
    entries = []
    for tag, same, slug in alternates(site, build.linker, out):
        current = slug == out.params["doc"]
        if same is not None:
            href = build.linker.href(out, out.route.name, **{**out.params, "doc": slug})
        else:
            href = build.linker.made(out, "current", doc=slug)
        if href is None and not current:
            continue
        entries.append({"tag": tag, "name": translation.language_name(tag, tag), "href": href, "current": current})
    doc = build.document(out)
    binding = site.options.binding_language(doc.translation_of or doc.slug)
    said = ""
    if binding and doc.translation_of and translation.address(binding) != translation.address(here):
        said = translation.language_name(binding, here)
    return {"languages": entries, "binding": said}


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LANG_DIR = re.compile(r"""\s(?:lang|dir)=(?:"[^"]*"|'[^']*'|[^\s>]*)""", re.IGNORECASE)


def html_language(page: str, tag: str) -> str:
    """The page with ``lang`` (and ``dir``) of its <html> element set to the language ``tag``: a
    translation's pages in a theme that writes theme.language on every page."""
    found = _HTML_TAG.search(page)
    if found is None:
        return page
    bare = _LANG_DIR.sub("", found[0][:-1])
    element = f'{bare} lang="{escape(tag)}" dir="{translation.direction(tag)}">'
    return page[: found.start()] + element + page[found.end() :]


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
