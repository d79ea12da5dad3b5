"""The PDFs (option ``pdf: true``): each version's text, each revision's of a corrected version, each
version's changes. Their HTML is ``pdf.html``, made from the same variables as the page beside them
(``document.text_context``), so the PDF says what the page says; ``pdf.Maker`` makes it a PDF once."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import ledger, pdf
from ..ledger import text_sha256
from ..words import translator
from . import document
from .base import Build, text_of

if TYPE_CHECKING:
    from ..routes import Output

#: The PDF route of each page that has one, and the parameters it takes from the page's.
PDF_OF = {"version": "version-pdf", "revision": "revision-pdf", "changes": "changes-pdf"}


def pdf_link(build: Build, out: Output) -> str | None:
    """The address of the page's PDF, from the page (none where the build makes none); the current page
    links to the PDF of the version it shows."""
    name = PDF_OF.get(out.route.name)
    params = dict(out.params)
    if out.route.name == "current":
        shown = build.document(out).published.shown
        if shown is None:
            return None
        name, params = "version-pdf", {**params, "version": shown.slug}
    if name is None or build.linker.find(name, params) is None:
        return None
    return build.linker.href(out, name, **{k: v for k, v in params.items() if k != "doc"})


def page_css(language: str) -> Markup:
    """The footer's page numbers in the site's words (a CSS string: every other character escaped)."""
    t = translator(language)
    words = t("Page {page} of {pages}")
    before, _, rest = words.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    content = f"{pdf.css_string(before)} counter(page) {pdf.css_string(middle)} counter(pages) {pdf.css_string(after)}"
    return Markup(f"@page {{ @bottom-right {{ content: {content}; }} }}")


def pdf_file(build: Build, out: Output) -> bytes:
    """One PDF: its HTML from ``pdf.html``, made (or taken from the cache) by the build's ``pdf.Maker``."""
    assert build.pdf is not None, "the PDF routes expand only with `pdf: true`"
    made = build.pdf.by_address.get(out.address)  # made by ``make_all``: its HTML need not be made again
    return made if made is not None else build.pdf.make(out.address, *pdf_html(build, out))


def make_all(build: Build) -> None:
    """Every PDF of the build, before any page asks for one: those not in the cache are made side by side."""
    if build.pdf is None:
        return
    outs = [o for o in build.linker.by_address.values() if o.route.name in PDF_OF.values()]
    build.pdf.make_all([pdf.Job(o.address, *pdf_html(build, o)) for o in outs])


def pdf_html(build: Build, out: Output) -> tuple[str, dict[str, bytes]]:
    """The HTML of one PDF, its links made absolute (or plain text), and the files it may show (the
    document's images, by their address)."""
    published = build.document(out).published
    changes = out.route.name == "changes-pdf"
    ctx: dict[str, Any] = document.text_context(build, out, extra=document.version_changes_extra if changes else None)
    shows = text_of(build, published, out.params)
    assert shows is not None
    sha = text_sha256(shows.document)
    ctx.update(
        printed=True,
        shows=shows,
        sha256_code=Markup("<code>{}</code>").format(sha),
        page_css=page_css(build.site.options.language),
    )
    html = build.templates.render("pdf.html", **ctx)
    html = pdf.absolute_links(html, out.address, build.site.options.site_url)
    doc = out.params["doc"]
    files = {f"{doc}/_images/{name}": data for name, data in published.images.items() if name in html}
    return html, files


def document_pdfs(build: Build, doc: str) -> ledger.Pdfs:
    """The SHA-256 of each PDF of a document (made now, where not yet), for versions.json and the ledger."""
    if build.pdf is None:
        return {}
    found: dict[tuple[str, str | int], str] = {}
    for out in build.linker.by_address.values():
        if out.route.name not in PDF_OF.values() or out.params["doc"] != doc:
            continue
        day = out.params["version"]
        which: str | int = int(out.params["revision"]) if "revision" in out.params else out.route.name[: -len("-pdf")]
        found[(day, which)] = hashlib.sha256(pdf_file(build, out)).hexdigest()
    return found


def ledger_pdfs(build: Build) -> dict[str, ledger.Pdfs]:
    """Every document's PDFs, for the ledger."""
    return {d.slug: document_pdfs(build, d.slug) for d in build.site.documents}
