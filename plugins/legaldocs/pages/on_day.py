"""The point-in-time page (issue 22): which version, and which revision of it, was in force on a day
(``?date=2021-06-30``). Its script (assets/at.js) works that out from versions.json as
``inforce.on_day`` does; without JavaScript the page lists every version with the days it was in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..dates import build_date
from ..model import Version
from .base import Build, document_context

if TYPE_CHECKING:
    from ..routes import Output

#: The script the page loads itself (plugin.py ships it).
ASSETS = {"at": "assets/at.js"}


@dataclass(frozen=True)
class Row:
    """One version in the page's list: the days it was in force, and its revisions' pages."""

    version: Version
    page: str
    #: Its last day in force (the day before the next version took effect); None while it is in force.
    until: date | None
    #: (number, the day it was committed, its page or None where the build has none).
    revisions: tuple[tuple[int, date, str | None], ...]
    #: On a translation's page: the page of that version's translation ("" where it has none).
    translated: str = ""


def at_page(build: Build, out: Output) -> dict[str, Any]:
    """Every published version, newest first, with its days in force; where the script finds versions.json.
    A translation's page lists its SOURCE's versions (a translation's status is always its source's: the
    version in force on a day is the source's), each linked to the binding text and to its translation
    where there is one; its script reads the source's versions.json and the translations' pages."""
    ctx = document_context(build, out)
    linker = build.linker
    doc = build.document(out)
    binding = doc.translation_of or doc.slug
    versions = build.site.document(binding).published.history.versions
    own = {v.effective: v for v in doc.published.history.versions} if doc.translation_of else {}
    rows = []
    for i, version in enumerate(versions):
        following = versions[i + 1] if i + 1 < len(versions) else None
        mine = own.get(version.effective)
        rows.append(
            Row(
                version=version,
                page=linker.href(out, "version", doc=binding, version=version.slug),
                until=following.effective - timedelta(days=1) if following else None,
                revisions=tuple(
                    (
                        n,
                        r.commit.date.date(),
                        linker.made(out, "revision", doc=binding, version=version.slug, revision=str(n)),
                    )
                    for n, r in enumerate(version.revisions, 1)
                ),
                translated=linker.href(out, "version", version=mine.slug) if mine is not None else "",
            )
        )
    ctx.update(
        rows=rows[::-1],
        versions_json=linker.href(out, "versions-json", doc=binding),
        translated={v.effective.isoformat(): linker.href(out, "version", version=v.slug) for v in own.values()}
        if doc.translation_of
        else None,
        built=(build.site.today or build_date()).isoformat(),
        assets={name: linker.asset(out, path) for name, path in ASSETS.items()},
    )
    return ctx
