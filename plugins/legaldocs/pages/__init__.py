"""How each generated output is made: each route names its view (``routes.Route.view``), the
function that makes its template's variables (or, for a file, the file), as it names its template.

A new page kind is one route, one view, one template. Views are grouped by page family:
``document`` (the home page, the versions page, each text and its changes), ``compare``,
``histories`` (a section's, a purpose's), ``on_day`` (the point-in-time page), ``files`` (the feed,
versions.json, the sitemap, the
compare page's data, images) and ``moved`` (a renamed document's old addresses); ``base`` holds
what they share (``Build``: one build's site, links, templates and what its pages work out once)
and ``redlines`` the redline every such page shows.

What the repository supplies (titles, summaries, commit messages, author names) reaches the
templates as plain text, which autoescape escapes; the core's own HTML (rendered sections, the
purpose table) is passed as ``Markup``.
"""

from . import compare, on_day, printed
from .base import Build, Text, View, basics, document_pages, footer, html_language, render, text_of
from .redlines import changes, version_changes, version_pair

#: The scripts pages load themselves (plugin.py ships them); views.js is on every page.
ASSETS = {**compare.ASSETS, **on_day.ASSETS}

__all__ = [
    "ASSETS",
    "Build",
    "Text",
    "View",
    "basics",
    "changes",
    "document_pages",
    "footer",
    "html_language",
    "printed",
    "render",
    "text_of",
    "version_changes",
    "version_pair",
]
