"""Renamed document folders: the names a document had in its history, and whether each may redirect.

History policy, not addresses: which old names of a folder (from git history, so untrusted) are
free to keep redirecting to the document's new pages, and a warning for one taken since, by
another document, a folder or a page under docs/. The loader works this out once per build
(``LoadedSite.former_names``); the route table only turns the names into addresses.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .docsdir import RESERVED_FILES, is_reserved
from .model import Problem

if TYPE_CHECKING:
    from .loader import LoadedDocument, LoadedSite

#: A folder name safe as a path and an address: an old name from git history is untrusted.
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


def former_names(site: LoadedSite) -> tuple[list[tuple[str, str]], list[tuple[str, Problem]]]:
    """The old addresses of renamed document folders: (document, old name) pairs to redirect, and
    (document, warning) for an old name that is taken now, by another document or a folder under
    docs/: that one is not shadowed, so its old links are not redirected."""
    live = {d.slug: d for d in site.documents}
    kept: list[tuple[str, str]] = []
    taken: list[tuple[str, Problem]] = []
    claimed: dict[str, str] = {}
    for doc in site.documents:
        if not doc.published.history.versions or doc.translation_of:
            continue  # a translation's folder is under its document's: its pages move with it
        for folder in doc.published.history.folders:
            old = posixpath.basename(folder.rstrip("/"))
            if not old or old == doc.slug or claimed.get(old) == doc.slug:
                continue
            if is_reserved(old, RESERVED_FILES):
                continue  # never published there: a build of a folder named like the ledger or a sitemap fails
            if other := _taken_by(site, old, live, claimed):
                shown = f"/{old}/" if _PLAIN.fullmatch(old) else repr(old)
                problem = Problem(
                    doc.shown_as,
                    None,
                    f"this document was published at {shown} before its folder was renamed (it was {folder!r}), "
                    f"but that address is {other}, so links to the old addresses are not redirected.",
                    "nothing, if that is intended; otherwise rename or move what now has that name "
                    "(the other folder, or the page).",
                )
                taken.append((doc.slug, problem))
                continue
            claimed[old] = doc.slug
            kept.append((doc.slug, old))
    for doc in site.documents:  # a translation's pages were under its document's old folder too
        if doc.translation_of and doc.published.history.versions:
            language = doc.slug.removeprefix(doc.translation_of + "/")
            kept.extend((doc.slug, f"{old}/{language}") for slug, old in list(kept) if slug == doc.translation_of)
    return kept, taken


def _taken_by(site: LoadedSite, old: str, live: Mapping[str, LoadedDocument], claimed: Mapping[str, str]) -> str:
    """What has an old name now, in words; "" if it is free to redirect."""
    if not _PLAIN.fullmatch(old):
        return "not a plain folder name (letters, digits, '.', '_', '-')"
    if old in live:
        return f"now the document {live[old].shown_as}"
    if old in claimed:
        return f"also an old name of the document {claimed[old]}"
    if (site.options.docs_dir / old).exists():
        return f"now the folder {old}/ under docs/"
    for page in (f"{old}.md", f"{old}.markdown"):  # a page of its own there: docs/privacy.md is /privacy/
        if (site.options.docs_dir / page).exists():
            return f"now the page {page} under docs/"
    return ""
