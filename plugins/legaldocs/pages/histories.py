"""The pages about one part of a document across its versions: a section's history, a purpose's, a
register entry's (a cookie's, a recipient's)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from .. import purpose_table, redline_html, registers
from ..pairs import Pairs
from ..redline import GENERATED, SectionChange
from ..redline_html import ENGLISH, Say
from ..templating import trusted
from ..words import translator
from .base import Build, document_context
from .redlines import anchors_to, entry_html, version_pages

if TYPE_CHECKING:
    from ..routes import Output


def section_history_page(build: Build, out: Output) -> dict[str, Any]:
    """Every version that changed the route's section, with its redline."""
    ctx = document_context(build, out)
    published = build.document(out).published
    ctx.update(
        section_history(
            build.pairs(published),
            out.params["section"],
            build.linker.folder(out, out.params["doc"]),
            build.linker.bound(out),
            translator(build.language(out)),
        )
    )
    return ctx


def purpose_history_page(build: Build, out: Output) -> dict[str, Any]:
    """Every version that changed the route's purpose of the table, with its row's redline."""
    ctx = document_context(build, out)
    published = build.document(out).published
    ctx.update(
        purpose_history(
            build.pairs(published),
            out.params["purpose"],
            build.linker.folder(out, out.params["doc"]),
            translator(build.language(out)),
        )
    )
    return ctx


def section_history(
    pairs: Pairs, section_id: str, base: str, href: Callable[..., str], t: Say = ENGLISH
) -> dict[str, Any]:
    """Every version that changed one section, newest first, each with the redline of just that section."""
    published = pairs.published
    entries = pairs.section_history(section_id, base)
    shown = published.shown
    rendered = published.rendered.get(shown.slug) if shown else None
    now = next((s for s in rendered.sections if s.id == section_id), None) if rendered else None
    newest = entries[0].section if entries else None
    rows = []
    for e in entries:
        table = redline_html.purposes_html(e.change.purposes, t=t) if _holds_purposes(e.section) else ""
        html = redline_html.section_html(e.section, purposes_html=table, t=t)
        html = anchors_to(
            entry_html(html, e.version.slug), partial(version_pages, published, href, e.version, e.previous)
        )
        rows.append({"version": e.version, "previous": e.previous, "section": e.section, "redline": trusted(html)})
    return {
        "section_id": section_id,
        # As the current page numbers and titles it, else as it was last published.
        "number": now.number if now else (newest.new_number or newest.old_number) if newest else None,
        "title": now.title if now else (newest.new_title or newest.old_title) if newest else section_id,
        "present": now is not None,
        "entries": rows,
    }


def _holds_purposes(section: SectionChange) -> bool:
    """Whether the section holds the purpose table (``{{ purposes }}``), in either version."""
    return any(
        b.kind == GENERATED and any(x is not None and x.text == "purposes" for x in (b.new, b.old))
        for b in section.blocks
    )


def purpose_history(pairs: Pairs, purpose_id: str, base: str, t: Say = ENGLISH) -> dict[str, Any]:
    """Every version that changed one purpose of the table, newest first, each with its row's redline."""
    published = pairs.published
    entries = pairs.purpose_history(purpose_id, base)
    title = purpose_id
    for version in pairs.newest_first():
        table = version.document.purposes
        found = next((p for p in table.purposes if p.id == purpose_id), None) if table else None
        if table is not None and found is not None:
            title = purpose_table.purpose_cell(table, found)
            break
    shown = published.shown
    table = shown.document.purposes if shown else None
    rows = []
    for e in entries:
        labels = redline_html.column_labels(e.table.columns, t)
        html = redline_html.purpose_table_html(
            e.table.columns, redline_html.purpose_row_html(e.row, t=t, labels=labels), t=t
        )
        redline = trusted(entry_html(html, e.version.slug))
        rows.append({"version": e.version, "previous": e.previous, "row": e.row, "redline": redline})
    return {
        "purpose_id": purpose_id,
        "title": title,
        "present": table is not None and any(p.id == purpose_id for p in table.purposes),
        "entries": rows,
    }


def register_history_page(build: Build, out: Output) -> dict[str, Any]:
    """Every version that added, changed or removed the route's entry of a register, with its row's redline."""
    ctx = document_context(build, out)
    published = build.document(out).published
    ctx.update(
        register_history(
            build.pairs(published),
            out.params["register"],
            out.params["entry"],
            build.linker.folder(out, out.params["doc"]),
            translator(build.site.options.language),
        )
    )
    return ctx


def register_history(pairs: Pairs, kind: str, entry_id: str, base: str, t: Say = ENGLISH) -> dict[str, Any]:
    """Every version that changed one entry of a register (``kind``: cookies or recipients), newest
    first, each with the redline of its row under its table's header row."""
    name, since = entry_id, None
    for version in pairs.newest_first():
        found = registers.entry(version.document, kind, entry_id)
        if found is not None:
            # A recipient's ``since``: it may be listed since before the register (a list in the text).
            name, since = found.name, getattr(found, "since", None)
            break
    shown = pairs.published.shown
    anchor = registers.anchor(kind, entry_id)
    rows = []
    for e in pairs.register_history(kind, entry_id, base):
        # The row keeps its id on the page of its version; here, one per entry.
        html = redline_html.blocks_html(e.section, t=t).replace(f' id="{anchor}"', f' id="{e.version.slug}-{anchor}"')
        redline = trusted(entry_html(html, e.version.slug))
        rows.append({"version": e.version, "previous": e.previous, "redline": redline})
    return {
        "register": kind,
        "entry_id": entry_id,
        "anchor": anchor,
        "title": name,
        "since": since,
        "present": shown is not None and registers.entry(shown.document, kind, entry_id) is not None,
        "entries": rows,
    }
