"""What a machine or a feed reader follows: the Atom feed and versions.json of one document.

Both come from the same records as the ledger (``ledger.entries``), so they never disagree
about what was published. Addresses come from the adapter's ``url`` (absolute where the site
has a ``site_url``): targets are "current", "versions", "version:<slug>", "changes:<slug>", and for a
revision "revision:<slug>/<n>" and "revision-changes:<slug>/<n>".
Plain data in and out; feedgen writes the XML, so everything is escaped by it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import datetime, time, timezone
from typing import Any

from feedgen.feed import FeedGenerator

from .ledger import entries
from .model import PROPOSED, History

SCHEMA_ID = "https://legaldocs.invalid/schemas/versions-1.json"


def versions_json(
    history: History, title: str, url: Callable[[str], str], revision_pages: Collection[tuple[str, int]] = ()
) -> str:
    """Every version and revision: status, dates, commits, summary, addresses, SHA-256 of the text.

    A revision with a page (``revision_pages``: (version slug, n), n from 1) gives its text's
    address and its changes': each against the revision before, r1 against the version before (where the
    version was corrected; else r1's changes are the version's).
    """
    records = entries(history)["versions"]
    by_date = {v.effective.isoformat(): v for v in history.versions}
    versions = []
    for record in records:
        version = by_date[record["effective"]]
        slug = version.slug
        revisions = []
        for n, revision in enumerate(record["revisions"], 1):
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
            }
        )
    document = {
        "$schema": SCHEMA_ID,
        "format": 1,
        "title": title,
        "url": url("current"),
        "versions": versions,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def atom(
    history: History, title: str, url: Callable[[str], str], *, site_name: str, feed_url: str, language: str = "en"
) -> bytes:
    """One entry per version (upcoming included), newest first; ids stable across builds.

    ``language`` is the theme's (``theme.language``), as a BCP 47 tag: "pt_BR" is written "pt-BR".
    """
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(f"{title}: versions")
    feed.author({"name": site_name})
    feed.link([{"href": url("current"), "rel": "alternate"}, {"href": feed_url, "rel": "self"}])
    feed.language((language or "en").replace("_", "-"))
    versions = [v for v in history.versions if v.status != PROPOSED]
    updated = max((_moment(v) for v in versions), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    feed.updated(updated)  # never "now": two builds of one commit are identical
    for version in versions:  # feedgen puts each new entry first: oldest in, newest on top
        entry = feed.add_entry()
        entry.id(f"{feed_url}#{version.effective.isoformat()}")
        entry.title(f"{version.document.title}, effective {version.effective.isoformat()} ({version.status})")
        # One link: feedgen 1.0 drops an entry link's rel, and Atom allows one alternate per type.
        entry.link({"href": url(f"changes:{version.slug}")})
        entry.summary(version.document.summary)
        entry.published(_moment(version))
        entry.updated(version.revisions[-1].commit.date)
    return feed.atom_str(pretty=True)


def _moment(version: Any) -> datetime:
    """When a version was announced: its first commit's time (a date alone in a build without git)."""
    moment = version.revisions[0].commit.date
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(), timezone.utc)
