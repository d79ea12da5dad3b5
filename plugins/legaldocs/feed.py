"""What a machine or a feed reader follows: the Atom feed and versions.json of one document.

Both come from the same records as the ledger (``ledger.entries``), so they never disagree
about what was published. Addresses come from the adapter's ``url`` (absolute where the site
has a ``site_url``): targets are "current", "versions", "version:<slug>", "changes:<slug>", and for a
revision "revision:<slug>/<n>" and "revision-changes:<slug>/<n>".
Plain data in and out; feedgen writes the XML, so everything is escaped by it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, time, timezone
from typing import Any
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from .ledger import Pdfs, entries
from .model import PROPOSED, History, Version
from .words import translator

SCHEMA_ID = "https://legaldocs.invalid/schemas/versions-1.json"
#: Where a site has no address (no ``site_url``), a feed's and its entries' ids are ``urn:uuid:``
#: UUIDs (version 5) of the document and the version in this namespace: Atom wants absolute ids,
#: and they stay the same from build to build.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://legaldocs.invalid/feeds")


def has_address(url: str) -> bool:
    """Whether an address is absolute (the site has a ``site_url``), not relative to the page."""
    return bool(urlsplit(url).scheme)


def feed_ids(document: str, feed_url: str) -> tuple[str, Callable[[str], str]]:
    """The feed's id and each version's entry id (by effective date, ISO).

    With a ``site_url`` they are the feed's address and ``<address>#<date>``, as they always were
    (a new id would show every entry again in readers' feeds); without one, ``urn:uuid:`` ids.
    """
    if has_address(feed_url):
        return feed_url, lambda effective: f"{feed_url}#{effective}"
    own = f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, document)}"
    return own, lambda effective: f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{document}/{effective}')}"


def versions_json(
    history: History,
    title: str,
    url: Callable[[str], str],
    revision_pages: Collection[tuple[str, int]] = (),
    registers: Callable[[Version], dict[str, dict[str, str]]] = lambda version: {},
    translated: Mapping[str, object] | None = None,
    pdfs: Pdfs | None = None,
) -> str:
    """Every version and revision: status, dates, commits, summary, addresses, SHA-256 of the text.

    A revision with a page (``revision_pages``: (version slug, n), n from 1) gives its text's
    address and its changes': each against the revision before, r1 against the version before (where the
    version was corrected; else r1's changes are the version's). ``registers``: a version's register
    exports' addresses, by register and format (``{"recipients": {"json": …, "csv": …}}``).
    ``translated``: a translation's ``language``, ``translation_of`` (its source's versions.json) and
    ``lagging_since``.
    """
    records = entries(history, pdfs)["versions"]
    by_date = {v.effective.isoformat(): v for v in history.versions}
    versions = []
    for record in records:
        version = by_date[record["effective"]]
        slug = version.slug
        revisions = []
        for n, revision in enumerate(record["revisions"], 1):
            if "pdf_sha256" in revision:
                revision = {**revision, "pdf_url": url(f"revision-pdf:{slug}/{n}")}
            if (slug, n) in revision_pages:
                # r1 of a corrected version has its own redline (against the version before) too.
                earlier = (slug, n - 1 if n > 1 else 2) in revision_pages
                revision = {
                    **revision,
                    "url": url(f"revision:{slug}/{n}"),
                    "changes_url": url(f"revision-changes:{slug}/{n}" if earlier else f"changes:{slug}"),
                }
            revisions.append(revision)
        versions.append(
            {
                **record,
                "revisions": revisions,
                "status": version.status,
                "announced": version.announced.isoformat(),
                "last_updated": version.last_updated.isoformat(),
                "summary": version.document.summary,
                "title": version.document.title,
                "url": url(f"version:{slug}"),
                "changes_url": url(f"changes:{slug}"),
                **({"pdf_url": url(f"version-pdf:{slug}")} if "pdf_sha256" in record else {}),
                **({"changes_pdf_url": url(f"changes-pdf:{slug}")} if "changes_pdf_sha256" in record else {}),
                "registers": registers(version),
            }
        )
    document = {
        "$schema": SCHEMA_ID,
        "format": 1,
        "title": title,
        "url": url("current"),
        **(translated or {}),
        "versions": versions,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def atom(
    history: History,
    title: str,
    url: Callable[[str], str],
    *,
    site_name: str,
    feed_url: str,
    language: str = "en",
    document: str = "",
    content: Callable[[Version], str] | None = None,
) -> bytes:
    """One entry per version (upcoming included), newest first; ids stable across builds.

    ``language`` is the theme's (``theme.language``), as a BCP 47 tag: "pt_BR" is written "pt-BR".
    ``document`` (its folder's name) names the feed where ``feed_url`` is relative (``feed_ids``).
    An entry's title says which version it is, not its status: "(upcoming)" would be wrong
    once the date has passed, and a reader keeps the entry as it first read it. ``content`` gives an
    entry's body as HTML (the version's notice, ``notice.fragment``), which feedgen escapes into the XML.
    """
    t = translator(language)  # a translation's feed speaks its language, as its pages do
    own_id, entry_id = feed_ids(document or title, feed_url)
    feed = FeedGenerator()
    feed.id(own_id)
    feed.title(t("{title}: versions", title=title))
    feed.author({"name": site_name})
    feed.link([{"href": url("current"), "rel": "alternate"}, {"href": feed_url, "rel": "self"}])
    feed.language((language or "en").replace("_", "-"))
    versions = [v for v in history.versions if v.status != PROPOSED]
    updated = max((_moment(v) for v in versions), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    feed.updated(updated)  # never "now": two builds of one commit are identical
    for version in versions:  # feedgen puts each new entry first: oldest in, newest on top
        entry = feed.add_entry()
        entry.id(entry_id(version.effective.isoformat()))
        entry.title(t("{title}, effective {date}", title=version.document.title, date=version.effective.isoformat()))
        # One link: feedgen 1.0 drops an entry link's rel, and Atom allows one alternate per type.
        entry.link({"href": url(f"changes:{version.slug}")})
        entry.summary(version.document.summary)
        if content is not None:
            entry.content(content(version), type="html")
        entry.published(_moment(version))
        entry.updated(version.revisions[-1].commit.date)
    return feed.atom_str(pretty=True)


def _moment(version: Any) -> datetime:
    """When a version was announced: its first commit's time (a date alone in a build without git)."""
    moment = version.revisions[0].commit.date
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(), timezone.utc)
