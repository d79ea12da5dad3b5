"""The notice to send for a new version: what changes, from when, with how much notice, in the site's words.

A legal team tells its users of a material change by e-mail or on a page; the notice says the summary,
the effective date, how many days of notice that gives, each changed section and purpose, and the
purposes whose lawful basis changes. It is made from the redline's own model (``Pairs.change``: the
version against the one before), never a second diff, and its addresses come from the route table
(``Linker``). Four forms: plain text wrapped at 72 columns, Markdown, e-mail-safe HTML (inline styles
only, no script, no remote image, everything escaped) and JSON (schemas/notice.schema.json). The feed
entry of each version carries the HTML form (``fragment``).

Plain data in and out: ``build`` takes a published document; ``for_site`` is what the CLI calls,
reading the site as `check` does (``siteconfig`` and ``loader``), so nothing of the repository runs.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import history as history_module
from .dates import long_date
from .loader import LoadedSite, OptionsError, SiteOptions, load_site
from .model import PROPOSED, Version
from .pairs import Pairs, purpose_changed, section_changed
from .publish import Published
from .redline import ADDED, BASIS, REMOVED, UNCHANGED, BlockChange, PurposeChange, SectionChange
from .redline_html import (
    PREAMBLE,
    count_items,
    fact_text,
    purpose_anchor,
    section_anchor,
    section_notes,
    section_number,
)
from .table_redline import register_of
from .words import translator

FORMATS = ("text", "markdown", "html", "json")
SCHEMA_ID = "https://legaldocs.invalid/schemas/notice-1.json"
WIDTH = 72
#: ``link(route, **params)``: the absolute address of a page of the document, None where the site has no
#: ``site_url`` (a notice is read away from the site: a relative link would lead nowhere).
Link = Callable[..., "str | None"]
#: How a changed row of a table in the text is said, by the redline's block status.
ROW_PHRASES = {
    "inserted": "Table row added: {row}",
    "deleted": "Table row removed: {row}",
    "changed": "Table row changed: {row}",
    "moved_in": "Table row changed: {row}",
}
#: A register's row (``table_redline.register_of``), said in the register's own words.
REGISTER_ROW_PHRASES = {
    "cookies": {
        "inserted": "Cookie added: {row}",
        "deleted": "Cookie removed: {row}",
        "changed": "Cookie changed: {row}",
        "moved_in": "Cookie changed: {row}",
    },
    "recipients": {
        "inserted": "Recipient added: {row}",
        "deleted": "Recipient removed: {row}",
        "changed": "Recipient changed: {row}",
        "moved_in": "Recipient changed: {row}",
    },
}


class NoticeError(Exception):
    """Why the notice cannot be written, in one line; ``code`` 2: bad usage, 1: the site has problems."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SectionNotice:
    """One changed section, as the changes page shows it: its number (§3 → §4 where renumbered) and title."""

    id: str
    number: str
    title: str
    status: str
    notes: tuple[str, ...]
    words_added: int
    words_removed: int
    #: Rows of tables in the section's text that changed, each said in a sentence.
    rows: tuple[str, ...]
    url: str | None


@dataclass(frozen=True)
class PurposeNotice:
    """One changed row of the purpose table: what changed in it, and which of that is its lawful basis."""

    id: str
    name: str
    status: str
    notes: tuple[str, ...]
    #: The changes of its lawful bases (added, removed, an interest reworded): empty where they stayed.
    lawful_basis: tuple[str, ...]
    url: str | None


@dataclass(frozen=True)
class Notice:
    document: str
    title: str
    language: str
    version: str  # its slug: the effective date
    status: str
    summary: str
    effective: date
    announced: date
    #: True where the announced date is the first commit's (no deployed ledger recorded it).
    announced_from_git: bool
    notice_days: int
    notice_period: int
    previous: date | None
    counts: tuple[str, ...]
    count_data: dict[str, int]
    sections: tuple[SectionNotice, ...]
    purposes: tuple[PurposeNotice, ...]
    url: str | None
    changes_url: str | None

    @property
    def t(self) -> Callable[..., str]:
        return translator(self.language)

    @property
    def lawful_basis_changed(self) -> tuple[PurposeNotice, ...]:
        return tuple(p for p in self.purposes if p.lawful_basis)

    def date(self, value: date) -> str:
        return long_date(value, self.language)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (schemas/notice.schema.json)."""
        return {
            "$schema": SCHEMA_ID,
            "format": 1,
            "document": self.document,
            "title": self.title,
            "language": self.language,
            "version": self.version,
            "status": self.status,
            "summary": self.summary,
            "effective": self.effective.isoformat(),
            "announced": self.announced.isoformat(),
            "announced_from_git": self.announced_from_git,
            "notice_days": self.notice_days,
            "notice_period": self.notice_period,
            "previous": self.previous.isoformat() if self.previous else None,
            "url": self.url,
            "changes_url": self.changes_url,
            "counts": self.count_data,
            "counts_said": list(self.counts),
            "sections": [{**asdict(s), "notes": list(s.notes), "rows": list(s.rows)} for s in self.sections],
            "purposes": [
                {**asdict(p), "notes": list(p.notes), "lawful_basis": list(p.lawful_basis)} for p in self.purposes
            ],
            "lawful_basis_changed": [p.id for p in self.lawful_basis_changed],
        }


# --- Made from the redline's model ----------------------------------------------------------------


def default_version(published: Published) -> Version | None:
    """The version a notice is for where none is named: the next upcoming one, else the latest."""
    history = published.history
    return history.upcoming[0] if history.upcoming else (history.versions[-1] if history.versions else None)


def build(
    published: Published,
    pairs: Pairs,
    version: Version,
    link: Link,
    language: str,
    notice_period: int,
    base: str = "",
) -> Notice:
    """The notice of ``version``, from its redline against the version before (``pairs``); ``base`` as the
    changes page compares it, so that a build compares each pair once for both."""
    t = translator(language)
    change = pairs.change(version, base)
    previous = pairs.previous(version)
    changes_url = link("changes", version=version.slug)
    sections = tuple(
        _section(s, t, changes_url + "#" + quote(section_anchor(s.id)) if changes_url else None)
        for s in change.sections
        if section_changed(s)
    )
    rows = change.purposes.purposes if change.purposes else ()
    purposes = tuple(
        _purpose(r, t, changes_url + "#" + quote(purpose_anchor(r.id)) if changes_url else None)
        for r in rows
        if purpose_changed(r)
    )
    document = version.document
    return Notice(
        document=published.slug,
        title=document.title,
        language=language,
        version=version.slug,
        status=version.status,
        summary=document.summary,
        effective=version.effective,
        announced=version.announced,
        announced_from_git=version.announced_from_git,
        notice_days=history_module.notice_days_of(version),
        notice_period=notice_period,
        previous=previous.effective if previous is not None else None,
        counts=tuple(words for count, words in count_items(change.counts, t) if count),
        count_data=dict(asdict(change.counts)),
        sections=sections,
        purposes=purposes,
        url=link("version", version=version.slug),
        changes_url=changes_url,
    )


def _row(change: BlockChange, t: Callable[..., str]) -> str:
    """A changed row: a register's in its own words ("Recipient added: …"), any other as a table row."""
    block = change.new or change.old
    assert block is not None
    return t(REGISTER_ROW_PHRASES.get(register_of(block), ROW_PHRASES)[change.status], row=block.text)


def _section(section: SectionChange, t: Callable[..., str], url: str | None) -> SectionNotice:
    number = section_number(section)
    rows = tuple(_row(b, t) for b in section.blocks if b.kind == "row" and b.status in ROW_PHRASES)
    return SectionNotice(
        id=section.id,
        number=number,
        title=(section.new_title if section.new_title is not None else section.old_title) or t(PREAMBLE),
        status=section.status,
        notes=tuple(section_notes(section, t)),
        words_added=section.words_added,
        words_removed=section.words_removed,
        rows=rows,
        url=url,
    )


def purpose_name(row: PurposeChange) -> str:
    """The purpose as its first cell words it: the new words, else (removed) the old."""
    segments = row.cells[0].segments
    return "".join(s.new for s in segments).strip() or "".join(s.old for s in segments).strip() or row.id


def _purpose(row: PurposeChange, t: Callable[..., str], url: str | None) -> PurposeNotice:
    notes = [fact_text(f, t) for f in row.facts]
    if row.status == ADDED:
        notes.insert(0, t("Purpose added."))
    if row.status == REMOVED:
        notes.insert(0, t("Purpose removed."))
    if row.moved:
        notes.append(t("Moved in the table."))
    if not notes and row.status != UNCHANGED:
        notes.append(t("Wording changed."))
    basis = tuple(fact_text(f, t) for f in row.facts if f.subject == BASIS)
    return PurposeNotice(row.id, purpose_name(row), row.status, tuple(notes), basis, url)


# --- From the command line ------------------------------------------------------------------------


def for_site(
    site: SiteOptions,
    version: str | None,
    document: str | None,
    today: date,
    language: str | None = None,
    ledger: Path | None = None,
) -> Notice:
    """The notice as `legaldocs notice` writes it: the site read as the build reads it, nothing run.

    ``ledger``: a ledger.json whose ``announced`` dates to take, as the build takes the deployed
    ledger's (in CI, the one the build just wrote: the notice then says what the site says).
    """
    if ledger is not None:
        site = replace(site, ledger=str(ledger.resolve()))
    from .diffcmd import DiffError, pick_document, pick_file  # the one rule for which document is meant

    try:
        found = pick_file(site, document)
        slug = found[1].name if found is not None else pick_document(site, document).name
    except DiffError as error:
        raise NoticeError(str(error)) from None
    try:
        loaded = load_site(site, today, include_uncommitted=False)
    except OptionsError as error:
        raise NoticeError(str(error)) from None
    if loaded.refused:
        raise NoticeError(f"{loaded.refused[0]} (run `legaldocs check` for every problem)", 1)
    doc = next((d for d in loaded.documents if d.slug == slug), None)
    if doc is None:
        raise NoticeError(f"there is no document {slug!r} in this site; check --document.")
    published = doc.published
    if published.errors:
        raise NoticeError(
            f"{doc.shown_as} has problems, so no notice can be written: {published.errors[0]} "
            "(run `legaldocs check` for every problem)",
            1,
        )
    if not published.history.from_git:
        raise NoticeError(
            f"{doc.shown_as} is not in a git repository, so when its versions were published is unknown; run it in "
            "the site's repository, with its whole history (in CI: fetch-depth 0)."
        )
    chosen = _pick_version(published, version, doc.shown_as)
    return build(
        published,
        Pairs(published),
        chosen,
        site_links(loaded, slug, chosen),
        language or site.language,
        site.notice_period,
    )


def _pick_version(published: Published, wanted: str | None, shown_as: str) -> Version:
    versions = [v for v in published.history.versions if v.status != PROPOSED]
    if not versions:
        raise NoticeError(f"{shown_as} has no published version yet, so there is nothing to announce.", 1)
    if wanted is None:
        chosen = default_version(published)
        assert chosen is not None
        return chosen
    found = next((v for v in versions if v.slug == wanted), None)
    if found is None:
        known = ", ".join(v.slug for v in versions)
        raise NoticeError(
            f"no version of {shown_as} is effective {wanted} on the published branch (its versions: {known}); "
            "name one of them, or leave VERSION out for the upcoming one."
        )
    return found


def web_address(site_url: str) -> bool:
    """Links only to a web address: a ``site_url`` of another scheme (``javascript:``) links nothing."""
    return site_url.lower().startswith(("https://", "http://"))


def site_links(site: LoadedSite, slug: str, version: Version) -> Link:
    """Absolute addresses of the document's pages from the route table, where mkdocs.yml has a site_url."""
    from .routes import Linker, outputs  # routes' views use this module (the feed): imported when asked

    site_url = site.options.site_url
    linker = Linker(outputs(site), directory_urls=site.options.directory_urls)
    page = linker.find("changes", {"doc": slug, "version": version.slug})

    def link(target: str, **params: str) -> str | None:
        if not web_address(site_url) or page is None:
            return None
        return linker.made(page, target, **params) and linker.absolute(page, site_url, target, **params)

    return link


# --- Written ----------------------------------------------------------------------------------------


def notice_sentence(n: Notice) -> str:
    """When it takes effect, when it was announced, and how many days of notice that gave."""
    t = n.t
    said = t("The new version takes effect on {date}.", date=n.date(n.effective))
    if n.previous is None:
        return said
    announced = t("Announced {date}", date=n.date(n.announced))
    return f"{said} {announced}, {history_module.notice_words(n.notice_days, t)}."


def subject(n: Notice) -> str:
    return n.t("{title}: what changes on {date}", title=n.title, date=n.date(n.effective))


def _items(n: Notice) -> list[tuple[str, list[str], str | None]]:
    """(heading, lines under it, address) for each changed section, then each changed purpose."""
    out: list[tuple[str, list[str], str | None]] = []
    for s in n.sections:
        counted = (("{count} words added", s.words_added), ("{count} words removed", s.words_removed))
        words = ", ".join(n.t(phrase, count=count) for phrase, count in counted if count)
        name = " ".join(part for part in (s.number, s.title) if part)  # headings as written: no number
        out.append((name, [*s.notes, *s.rows, *([words] if words else [])], s.url))
    return out


def text(n: Notice) -> str:
    """Plain text for an e-mail, wrapped at 72 columns (an address longer than a line stands alone)."""
    t = n.t
    out: list[str] = []

    def para(value: str, indent: str = "", first: str | None = None) -> None:
        out.extend(
            textwrap.wrap(
                value,
                WIDTH,
                initial_indent=indent if first is None else first,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [indent.rstrip()]
        )

    para(subject(n))
    out.append("")
    para(n.summary)
    out.append("")
    para(notice_sentence(n))
    if n.url or n.changes_url:
        out.append("")
    for label, url in ((t("Read the new version"), n.url), (t("What this version changed"), n.changes_url)):
        if url:
            para(f"{label}: {url}")
    out += ["", t("What changes"), ""]
    for said in n.counts:
        para(said, "  ", "- ")
    if n.sections:
        out += ["", t("Sections"), ""]
        for heading, lines, url in _items(n):
            para(heading, "  ", "- ")
            for line in lines:
                para(line, "    ", "  ")
            if url:
                para(url, "  ")
    if n.purposes:
        out += ["", t("The purpose table"), ""]
        for p in n.purposes:
            para(p.name, "  ", "- ")
            for line in p.notes:
                para(line, "    ", "  ")
            if p.url:
                para(p.url, "  ")
    if n.lawful_basis_changed:
        out += ["", t("Purposes whose lawful basis changes"), ""]
        for p in n.lawful_basis_changed:
            para(p.name, "  ", "- ")
            for line in p.lawful_basis:
                para(line, "    ", "  ")
    return "\n".join(out) + "\n"


def markdown(n: Notice) -> str:
    """Markdown for a notice page or a post; every word of the policy escaped (``redline_text.md_escape``)."""
    from .redline_text import md_escape

    t = n.t

    def linked(label: str, url: str | None) -> str:
        return f"[{md_escape(label)}](<{url}>)" if url else md_escape(label)

    out = [f"# {md_escape(subject(n))}", "", md_escape(n.summary), "", md_escape(notice_sentence(n)), ""]
    if n.url:
        out.append(f"- {linked(t('Read the new version'), n.url)}")
    if n.changes_url:
        out.append(f"- {linked(t('What this version changed'), n.changes_url)}")
    out += ["", f"## {md_escape(t('What changes'))}", ""]
    out += [f"- {md_escape(said)}" for said in n.counts]
    if n.sections:
        out += ["", f"## {md_escape(t('Sections'))}", ""]
        for heading, lines, url in _items(n):
            out.append(f"- **{linked(heading, url)}**")
            out += [f"  - {md_escape(line)}" for line in lines]
    if n.purposes:
        out += ["", f"## {md_escape(t('The purpose table'))}", ""]
        for p in n.purposes:
            out.append(f"- **{linked(p.name, p.url)}**")
            out += [f"  - {md_escape(line)}" for line in p.notes]
    if n.lawful_basis_changed:
        out += ["", f"## {md_escape(t('Purposes whose lawful basis changes'))}", ""]
        for p in n.lawful_basis_changed:
            out.append(f"- {linked(p.name, p.url)}")
            out += [f"  - {md_escape(line)}" for line in p.lawful_basis]
    return "\n".join(out) + "\n"


#: Inline styles only: e-mail programs drop <style> and external CSS, and never run a script.
_BODY = "font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:40em"
_H1 = "font-size:20px;margin:0 0 12px 0"
_H2 = "font-size:17px;margin:20px 0 8px 0"
_P = "margin:0 0 10px 0"
_UL = "margin:0 0 10px 0;padding-left:20px"
_A = "color:#0645ad;text-decoration:underline"


def _a(label: str, url: str | None) -> str:
    if not url:
        return escape(label)
    return f'<a href="{escape(url)}" style="{_A}">{escape(label)}</a>'


def fragment(n: Notice) -> str:
    """The notice as HTML to put in a page, an e-mail or a feed entry: inline styles, escaped, no script."""
    t = n.t
    out = [
        f'<div style="{_BODY}">',
        f'<h1 style="{_H1}">{escape(subject(n))}</h1>',
        f'<p style="{_P}">{escape(n.summary)}</p>',
        f'<p style="{_P}">{escape(notice_sentence(n))}</p>',
    ]
    links = [
        _a(label, url)
        for label, url in ((t("Read the new version"), n.url), (t("What this version changed"), n.changes_url))
        if url
    ]
    if links:
        out.append(f'<p style="{_P}">{" · ".join(links)}</p>')
    out.append(f'<h2 style="{_H2}">{escape(t("What changes"))}</h2>')
    out.append(f'<ul style="{_UL}">' + "".join(f"<li>{escape(c)}</li>" for c in n.counts) + "</ul>")
    if n.sections:
        out.append(f'<h2 style="{_H2}">{escape(t("Sections"))}</h2><ul style="{_UL}">')
        for heading, lines, url in _items(n):
            inner = "".join(f"<li>{escape(line)}</li>" for line in lines)
            out.append(f'<li><strong>{_a(heading, url)}</strong><ul style="{_UL}">{inner}</ul></li>')
        out.append("</ul>")
    if n.purposes:
        out.append(f'<h2 style="{_H2}">{escape(t("The purpose table"))}</h2><ul style="{_UL}">')
        for p in n.purposes:
            inner = "".join(f"<li>{escape(line)}</li>" for line in p.notes)
            out.append(f'<li><strong>{_a(p.name, p.url)}</strong><ul style="{_UL}">{inner}</ul></li>')
        out.append("</ul>")
    if n.lawful_basis_changed:
        out.append(f'<h2 style="{_H2}">{escape(t("Purposes whose lawful basis changes"))}</h2><ul style="{_UL}">')
        for p in n.lawful_basis_changed:
            inner = "".join(f"<li>{escape(line)}</li>" for line in p.lawful_basis)
            out.append(f'<li>{_a(p.name, p.url)}<ul style="{_UL}">{inner}</ul></li>')
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out) + "\n"


def html(n: Notice) -> str:
    """A whole HTML document for an e-mail: the ``fragment`` with nothing around it that fetches anything."""
    lang = escape(n.language.replace("_", "-"))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(subject(n))}</title>\n</head>\n<body>\n{fragment(n)}</body>\n</html>\n"
    )


def as_json(n: Notice) -> str:
    return json.dumps(n.to_dict(), ensure_ascii=False, indent=1) + "\n"


WRITERS: dict[str, Callable[[Notice], str]] = {"text": text, "markdown": markdown, "html": html, "json": as_json}
