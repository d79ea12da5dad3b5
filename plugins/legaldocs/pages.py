"""Pages made from documents rather than written: the home page listing the documents."""

from __future__ import annotations

from html import escape

from .dates import long_date
from .model import Document


def home(site_name: str, documents: list[Document]) -> str:
    """The list of documents; links are relative so the site works in any subfolder."""
    items = "".join(
        f'<li><a href="{escape(d.slug)}/">{escape(d.title)}</a> '
        f'<span class="ld-effective">effective <time datetime="{d.effective.isoformat()}">'
        f"{long_date(d.effective)}</time></span></li>"
        for d in documents
    )
    return f'<h1>{escape(site_name)}</h1><ul class="ld-documents">{items}</ul>'
