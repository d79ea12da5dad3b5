"""Every address legaldocs generates, declared once: its pattern, its view and template, which pages exist.

A route is one kind of output. ``pattern`` is its address from the site root, with ``{doc}``
(the document folder) and ``{version}`` (an effective date, or "proposed") filled in; an
address ending in "/" is an HTML page (``<address>index.html``), any other is a file written
as it is (a feed, JSON). ``expand`` says which pages of that kind this build has, ``view`` which
function makes each one's variables (``pages``), and ``template`` which template makes the page
from them (a file that is not HTML has no template: its view makes the file).

Adding a page kind is one entry here, one view and one template: see ``ROUTES`` below. The
comment above each entry says what its pages are: the documentation's table of routes is made
from these comments.

Revisions are numbered within their version, in order (``r1`` is the commit that published the
version, ``r2`` its first correction): short and stable, unlike a commit id that a rebase of an
unpublished branch would change.

Links between generated pages come from here too (``Linker.href``): a link to a route that
does not exist, or to a page this build does not make, is a ``RouteError``, never a dead link.
"""

from __future__ import annotations

import posixpath
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import filedoc, pairs, registers
from .model import PROPOSED
from .pages import View, compare, document, files, histories, moved, on_day, printed

if TYPE_CHECKING:
    from .loader import LoadedDocument, LoadedSite


class RouteError(ValueError):
    """A link or an address that the route table cannot make: a mistake in a template or in code."""


Params = Mapping[str, str]
Expand = Callable[["LoadedSite"], Iterable[Params]]


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    #: The template that makes each page ("" for a file that is not a page).
    template: str
    #: The function that makes the template's variables (for a file: the file), given the build and
    #: the output (``pages``): the route names its view as it names its template.
    view: View
    expand: Expand
    #: Listed in the site's navigation (the text in force, the home page); the rest is reached by links.
    in_nav: bool = False
    #: In the search index: only the text in force, so that search never leads to an old version.
    searchable: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for _, f, _, _ in string.Formatter().parse(self.pattern) if f)

    @property
    def is_page(self) -> bool:
        return self.pattern == "" or self.pattern.endswith("/")

    def address(self, params: Params) -> str:
        missing = [f for f in self.fields if not params.get(f)]
        if missing:
            raise RouteError(f"the route {self.name!r} ({self.pattern!r}) needs {', '.join(missing)}")
        return self.pattern.format(**{f: params[f] for f in self.fields})


# Which pages of each kind a build has --------------------------------------------------------


def _home(site: LoadedSite) -> Iterable[Params]:
    """Where the home page is wanted (``home``); the plugin leaves this route out where the site has
    an index.md of its own."""
    return [{}] if site.home else []


def _current(site: LoadedSite) -> Iterable[Params]:
    return [{"doc": d.slug} for d in site.documents if d.ok and d.published.shown is not None]


def _broken(site: LoadedSite) -> Iterable[Params]:
    """In `mkdocs serve`, a document whose working copy has mistakes shows them where it is previewed."""
    return [{"doc": d.slug} for d in site.documents if not d.ok]


def _with_history(site: LoadedSite) -> Iterable[Params]:
    """The versions page stays up while the working copy has a mistake: the published past is fine."""
    return [{"doc": d.slug} for d in site.documents if d.published.versions]


def _versions(site: LoadedSite) -> Iterable[Params]:
    return [{"doc": d.slug, "version": v.slug} for d in site.documents for v in d.published.versions]


def _revisions(site: LoadedSite) -> Iterable[Params]:
    """Every revision of every published version (not a draft's commits): ``r1`` published it."""
    return [
        {"doc": d.slug, "version": slug, "revision": str(n)}
        for d in site.documents
        for slug, n in d.published.revisions
    ]


def _revision_changes(site: LoadedSite) -> Iterable[Params]:
    """``r2`` and later against the revision before; ``r1`` of a corrected version against the version
    before (what was first published: the version's own changes page shows its latest text)."""
    return [
        {"doc": d.slug, "version": slug, "revision": str(n)}
        for d in site.documents
        for slug, n in d.published.revisions
        if (slug, n - 1 if n > 1 else 2) in d.published.revisions
    ]


def _compare_revisions(site: LoadedSite) -> Iterable[Params]:
    """The revisions the compare page offers: those of published versions with more than one
    (a version's only revision is the version itself)."""
    out = []
    for d in site.documents:
        counts = Counter(slug for slug, _ in d.published.revisions)
        out += [
            {"doc": d.slug, "version": slug, "revision": str(n)}
            for slug, n in d.published.revisions
            if counts[slug] > 1
        ]
    return out


def _pdf_versions(site: LoadedSite) -> Iterable[Params]:
    """With ``pdf: true``: every published version (a draft has no PDF: it is not the policy)."""
    if not site.options.pdf:
        return []
    return [{**p, "name": pdf_name(p["doc"])} for p in _versions(site) if p["version"] != PROPOSED]


def _pdf_revisions(site: LoadedSite) -> Iterable[Params]:
    """With ``pdf: true``: every revision of a corrected version (a version's only revision is the version)."""
    return [{**p, "name": pdf_name(p["doc"])} for p in _compare_revisions(site)] if site.options.pdf else []


def pdf_name(doc: str) -> str:
    """A PDF's file name begins with its document's address: a translation's (``privacy/de``) as
    ``privacy-de``, so that a downloaded file says which text it holds."""
    return doc.replace("/", "-")


def _sections(site: LoadedSite) -> Iterable[Params]:
    """Every section ever published keeps its history page, removed ones too: they were published;
    a renamed heading's old id redirects instead (``_renamed_sections``)."""
    return [
        {"doc": d.slug, "section": s}
        for d in site.documents
        for renamed in (_section_renames(site, d),)
        for s in pairs.section_ids(d.published)
        if s not in renamed
    ]


def _section_renames(site: LoadedSite, doc: LoadedDocument) -> dict[str, str]:
    """A file document's renamed headings (their ids are made from their words): old id → id now. A
    folder document's renamed section file keeps its own page, its history up to the rename."""
    files = {s.name for s in site.options.documents if isinstance(s, filedoc.FileSpec)}
    return pairs.section_renames(doc.published) if doc.slug in files else {}


def _renamed_sections(site: LoadedSite) -> Iterable[Params]:
    """The old id of each renamed section (a file document's heading renamed), to its id now."""
    return [
        {"doc": d.slug, "section": old, "to": "section-history", "to_section": new}
        for d in site.documents
        for old, new in _section_renames(site, d).items()
    ]


def _purposes(site: LoadedSite) -> Iterable[Params]:
    return [{"doc": d.slug, "purpose": p} for d in site.documents for p in pairs.purpose_ids(d.published)]


def _images(site: LoadedSite) -> Iterable[Params]:
    """Each distinct image the pages show, once (``images``): a version's page keeps its own."""
    return [{"doc": d.slug, "image": name} for d in site.documents for name in sorted(d.published.images)]


def _with_purpose_table(site: LoadedSite) -> Iterable[Params]:
    """Published documents whose text in force (else the first upcoming) has a purpose table."""
    out = []
    for d in site.documents:
        version = (d.published.history.current or d.published.shown) if d.ok else None
        if version is not None and version.status != "proposed" and version.document.purposes is not None:
            out.append({"doc": d.slug})
    return out


def _published(site: LoadedSite) -> Iterable[Params]:
    """Documents with a published version: what a feed or a ledger can record."""
    return [{"doc": d.slug} for d in site.documents if d.ok and d.published.history.versions]


def _registers(site: LoadedSite) -> Iterable[Params]:
    """Each register (cookies, recipients) the text in force has."""
    return [
        {"doc": d.slug, "register": kind}
        for d in site.documents
        if _shows_current(d)
        for kind in registers.KINDS
        if registers.has(d.published.shown.document, kind)  # type: ignore[union-attr]
    ]


def _register_entries(site: LoadedSite) -> Iterable[Params]:
    """Each entry ever published of each register (``pairs.register_ids``)."""
    return [
        {"doc": d.slug, "register": kind, "entry": entry}
        for d in site.documents
        for kind in registers.KINDS
        for entry in pairs.register_ids(d.published, kind)
    ]


def _version_registers(site: LoadedSite) -> Iterable[Params]:
    """Each register of each version that has it."""
    return [
        {"doc": d.slug, "version": v.slug, "register": kind}
        for d in site.documents
        for v in d.published.versions
        for kind in registers.KINDS
        if registers.has(v.document, kind)
    ]


def _against_current(site: LoadedSite) -> Iterable[Params]:
    """Every version but the one in force, against it: what grows linearly, precomputed (the
    compare page computes any other pair in the browser)."""
    return [
        {"doc": d.slug, "version": v.slug}
        for d in site.documents
        if (current := d.published.history.current) is not None
        for v in d.published.versions
        if v.slug != current.slug
    ]


def _moved_front(site: LoadedSite) -> Iterable[Params]:
    """A renamed document's old front page leads to the text in force, or without one to the history."""
    return [
        {"doc": slug, "old": old, "to": "current" if _shows_current(site.document(slug)) else "versions"}
        for slug, old in site.former_names
    ]


def _moved_like(target: str) -> Expand:
    """The old address of every ``target`` output of a renamed document, redirecting (or, for a
    file, copied) to the new one: the same pages, under each old folder name."""

    def expand(site: LoadedSite) -> Iterable[Params]:
        olds: dict[str, list[str]] = {}
        for slug, old in site.former_names:
            olds.setdefault(slug, []).append(old)
        if not olds:
            return []
        return [
            {**params, "old": old, "to": target}
            for params in BY_NAME[target].expand(site)
            for old in olds.get(params.get("doc", ""), ())
        ]

    return expand


def _alternate_sitemaps(site: LoadedSite) -> Iterable[Params]:
    """Each page of a document that the same page in another language names as its alternate
    (``announce.hreflang``): Material fetches sitemap.xml beside every <link rel="alternate">, so each
    has one (a current page has its document's)."""
    language_of = {d.slug: d.translation_of or d.slug for d in site.documents}
    if len(set(language_of.values())) == len(language_of):
        return []  # no translations
    out = []
    for r in _OWN:
        if not (r.is_page and r.pattern.startswith("{doc}/") and r.name not in ("current", "problems")):
            continue
        same: dict[tuple[object, ...], list[str]] = {}
        for params in r.expand(site):
            rest = tuple(sorted((k, v) for k, v in params.items() if k != "doc"))
            same.setdefault((language_of.get(params["doc"]), rest), []).append(r.address(params))
        out += [{"at": address} for addresses in same.values() if len(addresses) > 1 for address in addresses]
    return out


def _shows_current(doc: LoadedDocument) -> bool:
    return doc.ok and doc.published.shown is not None


_OWN: tuple[Route, ...] = (
    # The list of documents, with their effective dates and changes to come (when docs/ has no index.md).
    Route("home", "", "home.html", document.home_page, _home, in_nav=True),
    # The version in force, stamped "Effective … · Last updated … · Version history", with notices of
    # upcoming and proposed versions.
    Route("current", "{doc}/", "document.html", document.current_page, _current, in_nav=True, searchable=True),
    # In `mkdocs serve` while the working copy has mistakes: the mistakes, at the document's address.
    Route("problems", "{doc}/", "problems.html", document.document_page, _broken),
    # In `mkdocs serve` while the working copy has mistakes: the mistakes, at the draft's address.
    Route("draft-problems", "{doc}/versions/proposed/", "problems.html", document.document_page, _broken),
    # Every version: effective and announced dates, summary, its revisions (the first row is the commit that
    # published it; with `repo_url` set each commit links to the forge), and any commits left out.
    Route("versions", "{doc}/versions/", "versions.html", document.document_page, _with_history),
    # The frozen text of one version (an effective date, or "proposed": the draft, in a preview or in
    # `mkdocs serve`), its date in the heading, with a banner saying whether it is in force.
    Route("version", "{doc}/versions/{version}/", "document.html", document.text_page, _versions),
    # The redline of that version against the one before it (the first against nothing; a draft against the
    # published branch's latest text, what its pull request changes).
    Route("changes", "{doc}/changes/{version}/", "changes.html", document.changes_page, _versions),
    # The frozen text of revision n of a published version (r1 published it).
    Route("revision", "{doc}/versions/{version}/r{revision}/", "document.html", document.text_page, _revisions),
    # What revision n changed: against revision n-1; r1 (of a version with corrections) against the version
    # before.
    Route(
        "revision-changes",
        "{doc}/changes/{version}/r{revision}/",
        "changes.html",
        document.revision_changes_page,
        _revision_changes,
    ),
    # Any two versions, redlined in the browser (`?from=…&to=…`) from per-version data fetched on demand.
    Route("compare", "{doc}/compare/", "compare.html", compare.compare_page, _with_history),
    # Which version, and which revision of it, was in force on a day (`?date=YYYY-MM-DD`), found by its script in
    # versions.json; without JavaScript, every version with the days it was in force.
    Route("at", "{doc}/at/", "at.html", on_day.at_page, _published),
    # One version's data, for the browser's redline.
    Route("compare-data", "{doc}/compare/data/{version}.json", "", files.version_data, _versions),
    # One revision's data, for each revision of a version corrected after it was published (r1 … its latest).
    Route(
        "compare-revision-data",
        "{doc}/compare/data/{version}/r{revision}.json",
        "",
        files.version_data,
        _compare_revisions,
    ),
    # That version against the text in force, the older first (not made for the version in force): the
    # compare page's links without JavaScript; `proposed`: the draft against the text in force.
    Route(
        "compare-current",
        "{doc}/compare/{version}/",
        "compare_current.html",
        compare.compare_current_page,
        _against_current,
    ),
    # Every version that changed that section (followed by its id), with its redline: every section ever
    # published has one.
    Route(
        "section-history",
        "{doc}/sections/{section}/",
        "section_history.html",
        histories.section_history_page,
        _sections,
    ),
    # Every version that changed that purpose of the table, with the redline of its row.
    Route(
        "purpose-history",
        "{doc}/purposes/{purpose}/",
        "purpose_history.html",
        histories.purpose_history_page,
        _purposes,
    ),
    # Every version that added, changed or removed that entry of a register (a cookie of cookies.yml, a
    # recipient of recipients.yml; `register`: cookies or recipients), with the redline of its row.
    Route(
        "register-history",
        "{doc}/{register}/{entry}/",
        "register_history.html",
        histories.register_history_page,
        _register_entries,
    ),
    # A register of the text in force (`cookies` or `recipients`, from cookies.yml and recipients.yml), as
    # JSON, for a customer's procurement tool.
    Route("register-json", "{doc}/{register}.json", "", files.register_json, _registers),
    # The same register as CSV (a cell beginning with = + - @ is neutralised with a leading apostrophe).
    Route("register-csv", "{doc}/{register}.csv", "", files.register_csv, _registers),
    # A register of one version, as JSON.
    Route(
        "version-register-json", "{doc}/versions/{version}/{register}.json", "", files.register_json, _version_registers
    ),
    # A register of one version, as CSV.
    Route(
        "version-register-csv", "{doc}/versions/{version}/{register}.csv", "", files.register_csv, _version_registers
    ),
    # The images of every version's text, by content: a permalink is frozen with its images.
    Route("image", "{doc}/_images/{image}", "", files.image, _images),
    # An Atom feed of the versions.
    Route("feed", "{doc}/feed.xml", "", files.atom, _published),
    # Material fetches sitemap.xml beside every <link rel="alternate"> of a page (the feed link is one):
    # without this one every page of the document would cause a 404. The document's permanent pages.
    Route("sitemap", "{doc}/sitemap.xml", "", files.sitemap, _published),
    # Beside each page that has the same page in another language (a translation's): a sitemap of it and its
    # alternates, which Material fetches beside every <link rel="alternate" hreflang> (none would be a 404).
    Route("alternates-sitemap", "{at}sitemap.xml", "", files.alternates_sitemap, _alternate_sitemaps),
    # Every version and revision, with the SHA-256 of its text and of its images (the ledger's records).
    Route("versions-json", "{doc}/versions.json", "", files.versions_json, _published),
    # The version in force: its effective date, revision number, permalink and text's SHA-256 (the ledger's),
    # and the next upcoming one: the small file a consent tool fetches to record which text was accepted.
    Route("current-json", "{doc}/current.json", "", files.current_json, _published),
    # With `pdf: true`, the PDF of each published version's text (title, stamp and sections, as on its page), what it is
    # from on every page's footer and the SHA-256 of its text (the ledger's) on its last page.
    Route("version-pdf", "{doc}/versions/{version}/{name}-{version}.pdf", "", printed.text_pdf, _pdf_versions),
    # With `pdf: true`, the PDF of each revision of a version corrected after it was published.
    Route(
        "revision-pdf",
        "{doc}/versions/{version}/r{revision}/{name}-{version}-r{revision}.pdf",
        "",
        printed.text_pdf,
        _pdf_revisions,
    ),
    # With `pdf: true`, the PDF of each published version's changes against the version before.
    Route(
        "changes-pdf", "{doc}/changes/{version}/{name}-changes-{version}.pdf", "", printed.changes_pdf, _pdf_versions
    ),
    # The purpose table of the text in force (else the first upcoming), each lawful basis mapped to the W3C Data
    # Privacy Vocabulary's GDPR term (DPV 2, `eu-gdpr:A6-1-a` … `A6-1-f`): for records and consent tools.
    Route("purposes-json", "{doc}/purposes.json", "", files.purposes_json, _with_purpose_table),
)

#: The pages whose old addresses redirect when a document folder is renamed.
_MOVED_PAGES = (
    "versions",
    "at",
    "version",
    "changes",
    "revision",
    "revision-changes",
    "compare",
    "compare-current",
    "section-history",
    "purpose-history",
    "register-history",
)
_PATTERNS = {r.name: r.pattern for r in _OWN}

ROUTES: tuple[Route, ...] = (
    *_OWN,
    # A renamed document folder: its old front page is a small page that redirects to the new one (the text
    # in force, else the versions page).
    Route("moved", "{old}/index.html", "moved.html", moved.moved_page, _moved_front),
    # A section renamed (a file document's heading, its id made from its words): its old history address
    # redirects to the history it has under its new id, which follows it across the rename.
    Route("moved-section", "{doc}/sections/{section}/index.html", "moved.html", moved.moved_page, _renamed_sections),
    # The old address of each other page the document has (its versions, changes, revisions, compare page,
    # section and purpose histories): a small page that redirects to the new address.
    *(
        Route(
            f"moved-{name}",
            "{old}/" + _PATTERNS[name].removeprefix("{doc}/") + "index.html",
            "moved.html",
            moved.moved_page,
            _moved_like(name),
        )
        for name in _MOVED_PAGES
    ),
    # The new feed at the old address: files are copied, not redirected (a feed reader follows no HTML
    # redirect); its links are the new addresses.
    Route("moved-feed", "{old}/feed.xml", "", files.atom, _moved_like("feed")),
    # The new versions.json at the old address, copied (CI fetching the ledger follows no HTML redirect).
    Route("moved-versions-json", "{old}/versions.json", "", files.versions_json, _moved_like("versions-json")),
    # The new current.json at the old address, copied: a consent tool fetching it follows no HTML redirect.
    Route("moved-current-json", "{old}/current.json", "", files.current_json, _moved_like("current-json")),
)

BY_NAME: dict[str, Route] = {r.name: r for r in ROUTES}


def route(name: str) -> Route:
    try:
        return BY_NAME[name]
    except KeyError:
        raise RouteError(f"there is no route {name!r}; the routes are {', '.join(BY_NAME)} (routes.py)") from None


# What one build makes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """One generated page or file: which route made it and with what parameters."""

    route: Route
    params: Params = field(default_factory=dict)

    @property
    def address(self) -> str:
        return self.route.address(self.params)

    @property
    def source_uri(self) -> str:
        """The file name a site engine knows the page by (MkDocs: ``privacy/versions/index.md``)."""
        return f"{self.address}index.md" if self.route.is_page else self.address

    def url(self, directory_urls: bool = True) -> str:
        if not self.route.is_page or directory_urls:
            return self.address
        return f"{self.address}index.html"


def outputs(site: LoadedSite, routes: Iterable[Route] = ROUTES) -> list[Output]:
    """Every output of this build; two outputs at one address is a mistake in the table."""
    made: dict[str, Output] = {}
    for r in routes:
        for params in r.expand(site):
            out = Output(r, dict(params))
            if out.address in made:
                raise RouteError(
                    f"the routes {made[out.address].route.name!r} and {r.name!r} both make {out.address or '/'!r}"
                )
            made[out.address] = out
    return list(made.values())


def relative_url(url: str, other: str) -> str:
    """``url`` as seen from the page at ``other`` (both site-relative), as MkDocs writes links."""
    here = posixpath.dirname(other) if not other.endswith("/") else other.rstrip("/")
    target = posixpath.relpath(url or ".", here or ".")
    if target == ".":
        target = "./"
    elif url.endswith("/") and not target.endswith("/"):
        target += "/"
    return target


class Linker:
    """Links between the outputs of one build, from the page being made."""

    def __init__(self, made: Iterable[Output], *, directory_urls: bool = True) -> None:
        self.by_address = {o.address: o for o in made}
        self.directory_urls = directory_urls

    def href(self, page: Output, target: str, **params: str) -> str:
        """The relative URL from ``page`` to the ``target`` route; ``doc`` defaults to the page's own."""
        wanted = {**({"doc": page.params["doc"]} if "doc" in page.params else {}), **params}
        address = route(target).address(wanted)
        out = self.by_address.get(address)
        if out is None:
            raise RouteError(
                f"{page.address or '/'} links to {target!r} at {address or '/'}, but this build makes no page there"
            )
        return relative_url(out.url(self.directory_urls), page.url(self.directory_urls))

    def find(self, target: str, params: Params) -> Output | None:
        """The output of the ``target`` route with these parameters, if this build makes it."""
        out = self.by_address.get(route(target).address(params))
        return out if out is not None and out.route.name == target else None

    def made(self, page: Output, target: str, **params: str) -> str | None:
        """Like ``href``, but none where this build does not make that page: a link to leave out."""
        try:
            return self.href(page, target, **params)
        except RouteError:
            return None

    def asset(self, page: Output, path: str) -> str:
        """A file the plugin ships (a script), as seen from ``page``."""
        return relative_url(path, page.url(self.directory_urls))

    def folder(self, page: Output, doc: str) -> str:
        """The document's folder as seen from ``page``, for links and images its sections hold."""
        here = page.url(self.directory_urls)
        here = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
        rel = posixpath.relpath(doc, here or ".")
        return "" if rel == "." else rel + "/"

    def bound(self, page: Output) -> Callable[..., str]:
        return lambda target, **params: self.href(page, target, **params)

    def absolute(self, page: Output, site_url: str, target: str, **params: str) -> str:
        """The full address where the site has a ``site_url`` (feeds need one), else relative."""
        relative = self.href(page, target, **params)
        if not site_url:
            return relative
        wanted = {**({"doc": page.params["doc"]} if "doc" in page.params else {}), **params}
        return site_url.rstrip("/") + "/" + self.by_address[route(target).address(wanted)].url(self.directory_urls)
