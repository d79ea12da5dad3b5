"""`legaldocs at DATE`: which version, and which revision of it, was in force on a day, as the
point-in-time page says it (``inforce.on_day``, the same words), from the published history that
`mkdocs build` reads (``loader.load_site``, as `legaldocs check` does: no build, no repository code run).

Addresses are the pages' own: absolute where mkdocs.yml sets ``site_url``, else from the site's root.
"""

from __future__ import annotations

import json
from datetime import date

from . import inforce, loader, routes
from .dates import long_date
from .model import Version
from .siteconfig import SiteOptions
from .words import translator


class AtError(Exception):
    """A usage mistake (no such document, several and none named): said in one line, exit code 2."""


def _document(site: loader.LoadedSite, name: str | None) -> loader.LoadedDocument:
    names = [d.slug for d in site.documents]
    if name is not None:
        bare = name.strip("/\\")
        if bare not in names:
            raise AtError(f"--document {name!r}: there is no such document; the documents are {', '.join(names)}.")
        return site.document(bare)
    if not names:
        raise AtError(f"{site.options.docs_dir}: no document folders (folders with a document.yml) found.")
    sources = site.sources()  # a translation is its source's, not a second document to choose from
    if len(sources) > 1:
        listed = ", ".join(d.slug for d in sources)
        raise AtError(f"there are several documents ({listed}): say which with --document DOC.")
    return sources[0]


def _url(options: SiteOptions, slug: str, from_git: bool) -> inforce.Url:
    """A revision's page (a version's, in a site without git: it has no page per revision)."""
    base = options.site_url.rstrip("/") + "/" if options.site_url else ""

    def url(version: Version, number: int) -> str:
        if from_git:
            return base + routes.route("revision").address(
                {"doc": slug, "version": version.slug, "revision": str(number)}
            )
        return base + routes.route("version").address({"doc": slug, "version": version.slug})

    return url


def at(options: SiteOptions, day: date, document: str | None, today: date, fmt: str = "text") -> str:
    """What was in force on ``day``, as text (in the site's language) or JSON (``inforce.on_day_json``)."""
    site = loader.load_site(options, today, include_uncommitted=False, pages=False)
    if site.refused:
        raise AtError(str(site.refused[0]))
    doc = _document(site, document)
    history = doc.published.history
    url = _url(options, doc.slug, history.from_git)
    found = inforce.on_day(history, day, today)
    if fmt == "json":
        data = {
            "document": doc.slug,
            **inforce.on_day_json(found, document=doc.slug, language=options.language, url=url),
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    t = translator(options.language)

    def long(value: date) -> str:
        return long_date(value, options.language)

    if found.state == inforce.NONE:
        return t("No version of this document is published yet.") + "\n"
    if found.state == inforce.BEFORE:
        first = found.following
        assert first is not None
        said = t(
            "On {date} no version was in force yet: the first took effect on {effective}.",
            date=long(day),
            effective=long(first.effective),
        )
        return f"{said}\n  {url(first, len(first.revisions))}\n"
    version = found.version
    assert version is not None
    fields = {"date": long(day), "effective": long(version.effective), "n": found.number, "built": long(today)}
    if found.state == inforce.TO_COME:
        said = t(
            "{date} is after this site was built on {built}. As published then, the version effective {effective} "
            "will be in force that day (its revision {n}), unless a newer version is published before it.",
            **fields,
        )
    else:
        said = t("On {date} the version effective {effective} was in force, in its revision {n}.", **fields)
    sha = inforce.record(version, found.number, document=doc.slug, language=options.language, url=url)["sha256"]
    return f"{said}\n  {url(version, found.number)}\n  {t('SHA-256 of its text: {sha256}', sha256=sha)}\n"
