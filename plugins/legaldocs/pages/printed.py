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
from .base import Build, basics, text_of

if TYPE_CHECKING:
    from ..routes import Output


def page_css(language: str) -> Markup:
    """The footer's page numbers in the site's words (a CSS string: every other character escaped)."""
    t = translator(language)
    words = t("Page {page} of {pages}")
    before, _, rest = words.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    content = f"{pdf.css_string(before)} counter(page) {pdf.css_string(middle)} counter(pages) {pdf.css_string(after)}"
    return Markup(f"@page {{ @bottom-right {{ content: {content}; }} }}")


def text_pdf(build: Build, out: Output) -> bytes:
    """The PDF of a version's text, or of one revision's: made (or taken from the cache) by ``pdf.Maker``."""
    return _pdf(build, out, changes=False)


def changes_pdf(build: Build, out: Output) -> bytes:
    """The PDF of a version's changes against the version before."""
    return _pdf(build, out, changes=True)


def _pdf(build: Build, out: Output, *, changes: bool) -> bytes:
    assert build.pdf is not None, "the PDF routes expand only with `pdf: true`"
    made = build.pdf.by_address.get(out.address)  # made by ``make_all``: its HTML need not be made again
    return made if made is not None else build.pdf.make(out.address, *pdf_html(build, out, changes=changes))


def _pdfs(build: Build) -> list[tuple[Output, bool]]:
    """Every PDF output of the build, and whether it is a changes PDF (by the view its route names)."""
    return [(o, o.route.view is changes_pdf) for o in build.linker.by_address.values() if o.route.view in _VIEWS]


def make_all(build: Build) -> None:
    """Every PDF of the build, before any page asks for one: those not in the cache are made side by side."""
    if build.pdf is None:
        return
    jobs = [pdf.Job(o.address, *pdf_html(build, o, changes=changes)) for o, changes in _pdfs(build)]
    build.pdf.make_all(jobs)


def pdf_html(build: Build, out: Output, *, changes: bool) -> tuple[str, dict[str, bytes]]:
    """The HTML of one PDF, its links made absolute (or plain text), and the files it may show (the
    document's images, by their address)."""
    published = build.document(out).published
    ctx: dict[str, Any] = document.text_context(build, out, extra=document.version_changes_extra if changes else None)
    shows = text_of(build, published, out.params)
    assert shows is not None
    sha = text_sha256(shows.document)
    ctx.update(
        printed=True,
        shows=shows,
        sha256_code=Markup("<code>{}</code>").format(sha),
        page_css=page_css(build.language(out)),
    )
    html = build.templates_for(out).render("pdf.html", **{**basics(build.site, out, build.linker), **ctx})
    html = pdf.absolute_links(html, out.address, build.site.options.site_url)
    doc = out.params["doc"]
    files = {f"{doc}/_images/{name}": data for name, data in published.images.items() if name in html}
    return html, files


def document_pdfs(build: Build, doc: str) -> ledger.Pdfs:
    """The SHA-256 of each PDF of a document (made now, where not yet), for versions.json and the ledger."""
    if build.pdf is None:
        return {}
    found: dict[tuple[str, str | int], str] = {}
    for out, changes in _pdfs(build):
        if out.params["doc"] != doc:
            continue
        which: str | int = int(out.params["revision"]) if "revision" in out.params else "version"
        found[(out.params["version"], "changes" if changes else which)] = hashlib.sha256(
            _pdf(build, out, changes=changes)
        ).hexdigest()
    return found


def ledger_pdfs(build: Build) -> dict[str, ledger.Pdfs]:
    """Every document's PDFs, for the ledger."""
    return {d.slug: document_pdfs(build, d.slug) for d in build.site.documents}


_VIEWS = (text_pdf, changes_pdf)
