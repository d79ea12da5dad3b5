"""The outputs that are files, not pages (routes without a template): the feed, versions.json, the
document's sitemap, the compare page's per-version data, the images. Each view returns the file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import escape

from .. import compare_data, dpv, feed, inforce, notice, registers
from ..dates import build_date
from ..model import Document, History, Version
from . import printed
from .base import Build, alternates, lag_context, text_of
from .redlines import redline_text

if TYPE_CHECKING:
    from ..routes import Output


def _url(build: Build, out: Output) -> Callable[[str], str]:
    """feed.py's addresses ("current", "version:<slug>", "revision:<slug>/<n>" …), absolute where the
    site has a site_url."""

    def url(target: str) -> str:
        name, _, where = target.partition(":")
        slug, _, number = where.partition("/")
        params = {"version": slug} if slug else {}
        if number:
            params["revision"] = number
        if name.endswith("-pdf"):  # a PDF's file name
            from ..routes import pdf_name  # routes imports the views

            params["name"] = pdf_name(out.params["doc"])
        return build.linker.absolute(out, build.site.options.site_url, name, **params)

    return url


def _history(build: Build, out: Output) -> tuple[History, str]:
    published = build.document(out).published
    shown = published.shown
    return published.history, shown.document.title if shown else out.params["doc"]


def atom(build: Build, out: Output) -> bytes:
    """An Atom feed of the versions, each entry's content the notice of its version (``notice``)."""
    history, title = _history(build, out)
    options = build.site.options
    published = build.document(out).published
    pairs = build.pairs(published)  # the changes pages' own comparisons: nothing compared twice
    site_url = options.site_url

    def link(target: str, **params: str) -> str | None:
        """Absolute addresses only: a feed reader shows an entry away from the site."""
        return build.linker.absolute(out, site_url, target, **params) if notice.web_address(site_url) else None

    def content(version: Version) -> str:
        changes = build.linker.find("changes", {"doc": out.params["doc"], "version": version.slug})
        base = build.linker.folder(changes, out.params["doc"]) if changes is not None else ""
        said = notice.build(published, pairs, version, link, build.language(out), options.notice_period, base)
        return lag_notice(build, out, version) + notice.fragment(said)

    return feed.atom(
        history,
        title,
        _url(build, out),
        site_name=options.site_name,
        feed_url=build.linker.absolute(out, options.site_url, "feed"),
        language=build.language(out),
        document=out.params["doc"],
        content=content,
    )


def lag_notice(build: Build, out: Output, version: Version) -> str:
    """A lagging translation's notice (``translation_notice.html``), for its feed's entry of the version
    its current page shows; "" for any other entry, and for a source document."""
    ctx = lag_context(build, out, absolute=True)
    if ctx["lag"] is None or ctx["lag"].translates != version.effective:
        return ""
    return build.templates_for(out).render("translation_notice.html", **ctx)


def versions_json(build: Build, out: Output) -> str:
    """Every version and revision with the SHA-256 of its text and images."""
    history, title = _history(build, out)
    doc = build.document(out)
    site_url = build.site.options.site_url

    def exports(version: Version) -> dict[str, dict[str, str]]:
        """Its registers' exports (``version-register-json``, ``-csv``), where it has them."""
        return {
            kind: {
                fmt: build.linker.absolute(
                    out, site_url, f"version-register-{fmt}", version=version.slug, register=kind
                )
                for fmt in ("json", "csv")
            }
            for kind in registers.KINDS
            if registers.has(version.document, kind)
        }

    translated = None
    if doc.translation_of:
        lag = lag_context(build, out)["lag"]
        since = lag.lagging_since if lag is not None else None
        translated = {
            "language": doc.tag,
            "translation_of": build.linker.absolute(out, site_url, "versions-json", doc=doc.translation_of),
            "lagging_since": since.isoformat() if since else None,
        }
    pdfs = printed.document_pdfs(build, out.params["doc"])
    return feed.versions_json(history, title, _url(build, out), doc.published.revisions, exports, translated, pdfs)


def sitemap(build: Build, out: Output) -> str:
    """The document's permanent pages (its text in force, its versions page, each version's), written as
    MkDocs writes the site's sitemap: absolute addresses with a ``site_url``, else from the site's root."""
    slug = out.params["doc"]
    wanted = [("current", {}), ("versions", {})]
    wanted += [("version", {"version": v.slug}) for v in build.document(out).published.history.versions]
    site_url = build.site.options.site_url
    base = site_url.rstrip("/") + "/" if site_url else "/"
    locs = []
    for name, params in wanted:
        made = build.linker.find(name, {"doc": slug, **params})
        if made is not None:
            locs.append(f"  <url><loc>{escape(base + made.url(build.linker.directory_urls))}</loc></url>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(locs)
        + "</urlset>\n"
    )


def alternates_sitemap(build: Build, out: Output) -> str:
    """The page at ``at`` and the same page in each other language, as a sitemap with hreflang links."""
    page = build.linker.by_address[out.params["at"]]
    site_url = build.site.options.site_url
    base = site_url.rstrip("/") + "/" if site_url else "/"
    links = []
    for tag, same, _ in alternates(build.site, build.linker, page):
        if same is not None:
            links.append((tag, escape(base + same.url(build.linker.directory_urls))))
    hreflang = "".join(
        f'    <xhtml:link rel="alternate" hreflang="{escape(tag)}" href="{href}"/>\n' for tag, href in links
    )
    urls = "".join(f"  <url>\n    <loc>{href}</loc>\n{hreflang}  </url>\n" for _, href in links)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + urls + "</urlset>\n"
    )


def version_data(build: Build, out: Output) -> str:
    """One version (or one revision) for the browser's redline, its links rebased for the compare page
    that shows it."""
    published = build.document(out).published
    side = text_of(build, published, out.params)  # through the history's index: not a scan per file
    assert side is not None
    compare_page = build.linker.find("compare", {"doc": out.params["doc"]})
    assert compare_page is not None, "the compare page's data is made with the compare page"
    base = build.linker.folder(compare_page, out.params["doc"])
    return compare_data.version_json(redline_text(side, base))


def _register_document(build: Build, out: Output) -> Document:
    """The document whose register is exported: the version named, else the one in force."""
    side = text_of(build, build.document(out).published, out.params)
    assert side is not None
    return side.version.document


def register_json(build: Build, out: Output) -> str:
    """A register (``cookies`` or ``recipients``) of the version in force, or of one version, as JSON."""
    return registers.export_json(_register_document(build, out), out.params["register"])


def register_csv(build: Build, out: Output) -> str:
    """The same register as CSV, its cells neutralised against formulas."""
    return registers.export_csv(_register_document(build, out), out.params["register"])


def image(build: Build, out: Output) -> bytes:
    """One image as some version published it (its address is its content's SHA-256)."""
    return build.document(out).published.images[out.params["image"]]


def revision_url(build: Build, out: Output) -> inforce.Url:
    """A revision's permalink (absolute with a ``site_url``, else relative to ``out``, as in
    versions.json); the version's where the build makes no page per revision (no git)."""
    url = _url(build, out)

    def revision(version: Version, number: int) -> str:
        if build.linker.find("revision", {"doc": out.params["doc"], "version": version.slug, "revision": str(number)}):
            return url(f"revision:{version.slug}/{number}")
        return url(f"version:{version.slug}")

    return revision


def current_json(build: Build, out: Output) -> str:
    """The version in force, its latest revision and the SHA-256 of its text, and the next upcoming one."""
    published = build.document(out).published
    return inforce.current_json(
        published.history,
        document=out.params["doc"],
        language=build.language(out),
        url=revision_url(build, out),
        built=build.site.today or build_date(),
    )


def purposes_json(build: Build, out: Output) -> str:
    """The purpose table of the text the current page shows, its lawful bases as DPV's GDPR terms."""
    published = build.document(out).published
    version = published.history.current or published.shown
    assert version is not None
    return dpv.purposes_json(
        version,
        len(version.revisions),
        document=out.params["doc"],
        language=build.language(out),
        url=revision_url(build, out),
        built=build.site.today or build_date(),
    )
