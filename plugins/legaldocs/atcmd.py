"""`legaldocs at DATE`: which version, and which revision of it, was in force on a day, as the
point-in-time page says it (``inforce.on_day``, the same words), from the published history that
`mkdocs build` reads (``loader.load_site``, as `legaldocs check` does: no build, no repository code run).

Addresses are the pages' own: absolute where mkdocs.yml sets ``site_url``, else from the site's root.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from . import inforce, loader, routes, translation
from .dates import long_date
from .model import History, Version
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
    """What was in force on ``day``, as text (in the site's language) or JSON (``inforce.on_day_json``).
    Asked of a translation, the version in force is its SOURCE's (a translation's status is always its
    source's): the answer names it and links the binding text, then says whether that version has a
    translation (and links it) or which translation is the latest before it, lagging since when."""
    site = loader.load_site(options, today, include_uncommitted=False, pages=False)
    if site.refused:
        raise AtError(str(site.refused[0]))
    doc = _document(site, document)
    binding = site.document(doc.translation_of) if doc.translation_of else doc
    history = binding.published.history
    url = _url(options, binding.slug, history.from_git)
    found = inforce.on_day(history, day, today)
    source_language = site.language(binding.slug)
    own_url = _url(options, doc.slug, doc.published.history.from_git)
    if fmt == "json":
        data = {
            "document": doc.slug,
            **inforce.on_day_json(found, document=binding.slug, language=source_language, url=url),
        }
        if doc.translation_of:
            data.update(
                inforce.translated(found.version, doc.published.history, language=doc.tag, url=own_url, day=day)
            )
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    language = doc.language(options) if doc.translation_of else options.language
    t = translator(language)

    def long(value: date) -> str:
        return long_date(value, language)

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
    sha = inforce.record(version, found.number, document=binding.slug, language=source_language, url=url)["sha256"]
    lines = [said, f"  {url(version, found.number)}", f"  {t('SHA-256 of its text: {sha256}', sha256=sha)}"]
    if doc.translation_of:
        lines[1] = f"  {t('Read the binding text in {language}', language=_name(source_language, language))}: " + (
            url(version, found.number)
        )
        lines.extend(_translated(t, long, version, doc.published.history, own_url, day))
    return "\n".join(lines) + "\n"


def _name(tag: str, in_language: str) -> str:
    return translation.language_name(tag, in_language)


def _translated(
    t: Callable[..., str], long: Callable[[date], str], version: Version, own: History, url: inforce.Url, day: date
) -> list[str]:
    """What ``legaldocs at`` adds for a translation: the translation of the version in force, or the
    latest translation before it and since when it lags."""
    mine = next((v for v in own.versions if v.effective == version.effective), None)
    if mine is not None:
        number = inforce.revision_on(mine, day)
        return [t("Its translation") + ":", f"  {url(mine, number)}"]
    lines = [t("The version effective {date} is not translated yet.", date=long(version.effective))]
    before = inforce.latest_translated_before(version, own)
    if before is not None:
        lines += [
            t("This translation is of the version effective {date}.", date=long(before.effective)),
            f"  {url(before, inforce.revision_on(before, day))}",
        ]
    lines.append(t("The translation lags since {date}.", date=long(version.effective)))
    return lines
