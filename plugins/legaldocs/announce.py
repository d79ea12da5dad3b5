"""What a document's pages add around their text: the banner of the current page, the head's feed link.

The banner announces one fact no notice of the page already states: the version in force, while it
is recent (``recent_days`` after it took effect, measured from the build date so that builds stay
reproducible). An upcoming version is stated by the current page's own notice (notices.html), which
is printed and cannot be dismissed; a banner saying it again would fill a phone's first screen.
Its dismissal is remembered in the reader's browser per version, under
``legaldocs:dismissed:<doc>:<version>``, so the next version is announced again. Both pieces are
plugin templates (``announce.html``, ``head.html``), overridable like the others; the adapter
only puts them where the theme wants them. Plain data in, HTML out: nothing of MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from . import inforce
from .loader import LoadedSite
from .model import History, Version
from .pages.base import alternates, basics, document_pages
from .routes import Linker, Output
from .templating import Templates

#: The script that hides a dismissed banner before it is drawn and wires up its button.
SCRIPT = "assets/banner.js"
#: localStorage keys of dismissed banners: the prefix, then ``<doc>:<version>``.
DISMISSED = "legaldocs:dismissed:"


def announced(history: History, today: date, recent_days: int) -> Version | None:
    """The version the banner announces, if any: one fact, said once on the page.

    With an upcoming version the page's notice says what comes next, and a recent change is old news
    beside it: no banner. The first version changes nothing, so it is never announced as recent;
    ``recent_days`` 0 announces nothing.
    """
    if history.upcoming:
        return None
    current = history.current
    if current is None or not history.versions or current is history.versions[0]:
        return None
    return current if 0 <= (today - current.effective).days < recent_days else None


def dismiss_key(doc: str, version: Version) -> str:
    return f"{DISMISSED}{doc}:{version.slug}"


@dataclass(frozen=True)
class Extras:
    """What one page adds: to the head (feed link, the banner's script) and to the theme's announce slot."""

    head: Markup = field(default_factory=Markup)
    announce: Markup = field(default_factory=Markup)


def extras(site: LoadedSite, out: Output, linker: Linker, templates: Templates) -> Extras:
    """The head links of every page of a document, and the banner on its current page."""
    doc = out.params.get("doc")
    if not doc or not out.route.is_page:
        return Extras()
    loaded = site.document(doc)
    templates = templates.in_language(site.language(doc))
    history = loaded.published.history
    shown = loaded.published.shown
    feed = linker.made(out, "feed") or ""
    version = None
    if out.route.name == "current" and site.today is not None:
        version = announced(history, site.today, site.options.recent_days)
    ctx = {  # what every template receives (see the Templates reference), without a page's text: cheap on every page
        **basics(site, out, linker),
        "doc": loaded,
        "history": history,
        "document": shown.document if shown else None,
        "version": version,
        "problems": tuple(loaded.published.errors),
        **document_pages(linker, doc),
        "feed": feed,
        "dismiss_key": dismiss_key(doc, version) if version is not None else "",
        "script": linker.asset(out, SCRIPT) if version is not None else "",
    }
    ctx.update(_versions_around(site, out, linker, history))
    ctx["hreflang"] = hreflang(site, out, linker)
    announce = templates.render("announce.html", **ctx).strip() if version is not None else ""
    return Extras(Markup(templates.render("head.html", **ctx).strip()), Markup(announce))


def hreflang(site: LoadedSite, out: Output, linker: Linker) -> list[tuple[str, str]]:
    """The same page in each language of the document that has it (its own included), for
    ``<link rel="alternate" hreflang>``; none for a document in one language."""
    found = alternates(site, linker, out)
    if len(found) < 2:
        return []
    params = {k: v for k, v in out.params.items() if k != "doc"}
    links = [
        (tag, linker.absolute(out, site.options.site_url, out.route.name, **params, doc=slug))
        for tag, same, slug in found
        if same is not None
    ]
    return links if len(links) > 1 else []  # a page in one language only has no alternates


def _versions_around(site: LoadedSite, out: Output, linker: Linker, history: History) -> dict[str, object]:
    """A version's or a revision's page: its RFC 5829 links (``version_links``: relation and address)
    and its JSON-LD (``json_ld``); none on other pages."""
    if out.route.name not in ("version", "revision"):
        return {"version_links": [], "json_ld": None}
    slug, number = out.params["version"], int(out.params.get("revision", 0))
    links = []
    for rel, (name, params) in inforce.neighbours(history, slug, number).items():
        if (href := linker.made(out, name, **params)) is not None:
            links.append((rel, href, linker.absolute(out, site.options.site_url, name, **params)))
    version = inforce.published(history, slug)
    if version is None:
        return {"version_links": [], "json_ld": None}  # a draft: no permalink yet
    own = {k: v for k, v in out.params.items() if k != "doc"}
    here = linker.absolute(out, site.options.site_url, out.route.name, **own)
    ld = inforce.json_ld(
        version,
        number,
        language=site.language(out.params["doc"]),
        url=here,
        urls={rel: absolute for rel, _, absolute in links},
    )
    return {"version_links": [(rel, href) for rel, href, _ in links], "json_ld": ld}
