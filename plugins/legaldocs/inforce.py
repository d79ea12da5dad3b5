"""Which version, and which revision of it, is in force: now (``current.json``, for consent tools
that store a pointer to the exact text a user accepted) and on a given day (the point-in-time page
and ``legaldocs at``).

A record names the version by its effective date and the revision by its number (``r1`` published
it, ``r2`` its first correction), with the SHA-256 of the revision's text as the ledger records it
(``ledger.text_sha256``). On a given day, the revision in force is the latest one committed on or
before that day (r1 where even that one is later: a version published after its effective date).
assets/at.js works the same out in the browser from versions.json.

Plain data in and out: no MkDocs, no git.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .ledger import text_sha256
from .model import UPCOMING, History, Version

#: What a day can be, against the history: before its first version, in force (that version), or
#: after the build date (what will be in force then, as published when the site was built; an
#: upcoming version included). "none": the document has no published version.
BEFORE, IN_FORCE_THEN, TO_COME, NONE = "before", "in force", "to come", "none"

#: A revision's address, given its version and number (1 = r1).
Url = Callable[[Version, int], str]


def revision_on(version: Version, day: date) -> int:
    """The number of the revision of ``version`` that was the published text on ``day``."""
    number = 1
    for n, revision in enumerate(version.revisions, 1):
        if revision.commit.date.date() <= day:
            number = n
    return number


def record(version: Version, number: int, *, document: str, language: str, url: Url) -> dict[str, Any]:
    """One revision as a consent record points at it (current.json's fields but ``upcoming`` and ``built``)."""
    return {
        "document": document,
        "language": (language or "en").replace("_", "-"),
        "version": version.slug,
        "revision": number,
        "effective": version.effective.isoformat(),
        "url": url(version, number),
        "sha256": text_sha256(version.revisions[number - 1].document),
    }


def current_json(history: History, *, document: str, language: str, url: Url, built: date) -> str:
    """current.json: the version in force and its latest revision (the text the site shows), the
    next upcoming version, and the build date. With nothing in force yet, the version's fields are null."""
    current = history.current
    upcoming = history.upcoming[0] if history.upcoming else None
    if current is not None:
        data = record(current, len(current.revisions), document=document, language=language, url=url)
    else:
        keys = ("version", "revision", "effective", "url", "sha256")
        data = {"document": document, "language": (language or "en").replace("_", "-"), **dict.fromkeys(keys)}
    data["upcoming"] = (
        record(upcoming, len(upcoming.revisions), document=document, language=language, url=url) if upcoming else None
    )
    data["built"] = built.isoformat()
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def translated(
    source_version: Version | None, translation: History, *, language: str, url: Url, day: date | None = None
) -> dict[str, Any]:
    """A translation's own fields beside its source's record (the source's version is the one in force:
    a translation's status is always its source's): ``language``, ``translation`` (the translated
    version's url and sha256; null where that version has no translation) and ``lagging_since`` (the
    day the untranslated version took effect; null where it is translated). ``day``: the revision of
    the translation as it stood that day (else its latest)."""
    own = {v.effective: v for v in translation.versions}
    mine = own.get(source_version.effective) if source_version is not None else None
    data: dict[str, Any] = {"language": (language or "en").replace("_", "-"), "translation": None}
    if mine is not None:
        number = revision_on(mine, day) if day is not None else len(mine.revisions)
        data["translation"] = {
            "version": mine.slug,
            "revision": number,
            "url": url(mine, number),
            "sha256": text_sha256(mine.revisions[number - 1].document),
        }
    lagging = source_version is not None and mine is None
    data["lagging_since"] = source_version.effective.isoformat() if lagging and source_version else None
    return data


def latest_translated_before(version: Version, translation: History) -> Version | None:
    """The newest translated version older than ``version``: what a lagging translation's reader has."""
    older = [v for v in translation.versions if v.effective < version.effective]
    return older[-1] if older else None


def translation_current_json(
    source_history: History,
    translation: History,
    *,
    source: str,
    source_language: str,
    language: str,
    source_url: Url,
    url: Url,
    built: date,
) -> str:
    """A translation's current.json: the SOURCE's version in force (a translation's status is always its
    source's; ``url`` and ``sha256`` are the binding text's), and the translation's own fields
    (``translated``)."""
    data = json.loads(
        current_json(source_history, document=source, language=source_language, url=source_url, built=built)
    )
    built_at = data.pop("built")
    data.update(translated(source_history.current, translation, language=language, url=url))
    data["source_language"] = (source_language or "en").replace("_", "-")
    data["built"] = built_at
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@dataclass(frozen=True)
class OnDay:
    """What was (or, after the build date, will be) in force on ``day``."""

    day: date
    built: date
    state: str
    #: The version in force that day and its revision's number (None before the first version).
    version: Version | None = None
    number: int = 0
    #: The version after it (before the first: the first), if any.
    following: Version | None = None


def on_day(history: History, day: date, built: date) -> OnDay:
    """Which version and revision was in force on ``day``, by effective date (published versions only)."""
    versions = history.versions
    if not versions:
        return OnDay(day, built, NONE)
    effective = [v.effective for v in versions]
    i = bisect.bisect_right(effective, day)
    if i == 0:
        return OnDay(day, built, BEFORE, following=versions[0])
    version = versions[i - 1]
    following = versions[i] if i < len(versions) else None
    state = TO_COME if day > built or version.status == UPCOMING else IN_FORCE_THEN
    return OnDay(day, built, state, version, revision_on(version, day), following)


def on_day_json(found: OnDay, *, document: str, language: str, url: Url) -> dict[str, Any]:
    """``legaldocs at --format json``: the day, what it is against the history, and the records."""

    def rec(version: Version | None, number: int) -> dict[str, Any] | None:
        if version is None:
            return None
        return record(version, number, document=document, language=language, url=url)

    following = found.following
    return {
        "date": found.day.isoformat(),
        "built": found.built.isoformat(),
        "state": found.state,
        "in_force": rec(found.version, found.number),
        "next": rec(following, len(following.revisions)) if following else None,
    }


#: A page of the route table: its route's name and parameters (``doc`` is the page's own).
Target = tuple[str, dict[str, str]]


def _page(version: Version, number: int = 0) -> Target:
    if number:
        return "revision", {"version": version.slug, "revision": str(number)}
    return "version", {"version": version.slug}


def _position(history: History, slug: str) -> int | None:
    """Where a published version is in the history, by its slug (an ISO date: ordered as the
    versions), in O(log n): a page per version must not scan the history."""
    versions = history.versions
    i = bisect.bisect_left(versions, slug, key=lambda v: v.slug)
    return i if i < len(versions) and versions[i].slug == slug else None


def published(history: History, slug: str) -> Version | None:
    """The published version of that slug (None: a draft, or none such)."""
    i = _position(history, slug)
    return None if i is None else history.versions[i]


def neighbours(history: History, slug: str, number: int = 0) -> dict[str, Target]:
    """The RFC 5829 links of a version's page (``number`` 0) or of one revision's: the version (or
    revision) before, the one after, and the version in force (the latest, where none is yet), by
    relation. A revision's neighbours are the revisions of its version, then the versions around it;
    a draft, or a version that is not published, has none."""
    versions = history.versions
    i = _position(history, slug)
    if i is None:
        return {}
    version = versions[i]
    links: dict[str, Target] = {}
    if number > 1:
        links["predecessor-version"] = _page(version, number - 1)
    elif i:
        links["predecessor-version"] = _page(versions[i - 1])
    if number and number < len(version.revisions):
        links["successor-version"] = _page(version, number + 1)
    elif i + 1 < len(versions):
        links["successor-version"] = _page(versions[i + 1])
    latest = history.current or versions[-1]
    if latest is not version or number:
        links["latest-version"] = _page(latest)
    return links


def json_ld(version: Version, number: int, *, language: str, url: str, urls: dict[str, str]) -> dict[str, Any]:
    """schema.org's description of a version's page (or a revision's), with the pages before and after
    it as RFC 5829's relations (IANA's link relation IRIs; schema.org has none): written into the page
    with Jinja's ``tojson``, which escapes ``<``, ``>`` and ``&``, so no title can close the script."""
    revision = version.revisions[number - 1] if number else version.revisions[-1]
    published = revision.commit.date.date() if number > 1 else version.announced
    relations = {
        "predecessor-version": "predecessorVersion",
        "successor-version": "successorVersion",
        "latest-version": "latestVersion",
    }
    return {
        "@context": [
            "https://schema.org",
            {
                name: {"@id": f"https://www.iana.org/assignments/relation/{rel}", "@type": "@id"}
                for rel, name in relations.items()
            },
        ],
        "@type": "DigitalDocument",
        "name": revision.document.title,
        "description": revision.document.summary,
        "url": url,
        "version": f"{version.slug}/r{number}" if number else version.slug,
        "datePublished": published.isoformat(),
        "dateModified": (revision.commit.date.date() if number else version.last_updated).isoformat(),
        "inLanguage": (language or "en").replace("_", "-"),
        **{relations[rel]: href for rel, href in urls.items()},
    }
