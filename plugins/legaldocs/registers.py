"""The registers (cookies.yml, recipients.yml) as accessible tables, made from overridable templates.

Each register has its template (``cookies.html``, ``recipients.html``): a site replaces it as any
other (``templating``). The cells are plain text here, in the page's language (country names from
Babel's territories, every other word from ``words``); the template escapes them. The first cell of
a row is the entry's name: the redline of a table pairs rows by their first cell (``table_redline``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from . import table_redline
from .model import COOKIE_CATEGORIES, Cookie, CookieRegister, Document, Recipient, RecipientRegister
from .templating import Templates
from .words import translator

#: The words of the values an editor writes as keys (English; ``words`` translates them).
PARTIES = {"first": "First party", "third": "Third party"}
CATEGORIES = {
    "strictly_necessary": "Strictly necessary",
    "functional": "Functional",
    "analytics": "Analytics",
    "marketing": "Marketing",
}
ROLES = {
    "processor": "Processor",
    "sub_processor": "Sub-processor",
    "controller": "Controller",
    "joint_controller": "Joint controller",
    "recipient": "Recipient",
}
SAFEGUARDS = {
    "adequacy": "Adequacy decision",
    "scc": "Standard contractual clauses",
    "bcr": "Binding corporate rules",
    "derogation": "Derogation (Art. 49 GDPR)",
}
UNITS = {"days": "{count} days", "months": "{count} months", "years": "{count} years"}
COOKIE_COLUMNS = ("Cookie", "Provider", "First or third party", "Category", "Duration", "Purpose")
RECIPIENT_COLUMNS = ("Recipient", "Role", "Service", "Where the data is processed", "Transfer safeguard")
assert set(CATEGORIES) == set(COOKIE_CATEGORIES)


@dataclass(frozen=True)
class Row:
    """One entry of a register: its id (the row's anchor) and its cells as plain text."""

    id: str
    cells: tuple[str, ...]


@lru_cache(maxsize=32)
def templates(language: str, override_dirs: tuple[str, ...] = ()) -> Templates:
    """One environment per language and set of override folders: made once, used for every version."""
    return Templates(tuple(Path(d) for d in override_dirs), language)


def country(code: str, language: str) -> str:
    """A country's name in ``language`` (English where Babel does not know the language)."""
    try:
        names = Locale.parse(language.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        names = Locale("en").territories
    return names.get(code, code)


def cookie_rows(register: CookieRegister, document: Document, language: str) -> list[Row]:
    t = translator(language)
    own = {c.id: c.label or c.id for c in register.categories}
    purposes = {p.id: p.text for p in document.purposes.purposes} if document.purposes else {}

    def cells(cookie: Cookie) -> tuple[str, ...]:
        duration = cookie.duration
        lasts = t("Session") if duration.unit == "session" else t(UNITS[duration.unit], count=duration.count)
        category = own.get(cookie.category) or t(CATEGORIES[cookie.category])
        what = " ".join([cookie.purpose, *(purposes[p] for p in cookie.purposes if p in purposes)]).strip()
        name = f"{cookie.name} ({cookie.domain})" if cookie.domain else cookie.name
        return (name, cookie.provider, t(PARTIES[cookie.party]), category, lasts, what)

    return [Row(c.id, cells(c)) for c in register.cookies]


def recipient_rows(register: RecipientRegister, language: str) -> list[Row]:
    t = translator(language)

    def cells(recipient: Recipient) -> tuple[str, ...]:
        where = ", ".join(country(c, language) for c in recipient.location)
        safeguard = t(SAFEGUARDS[recipient.transfer]) if recipient.transfer else t("Not needed (within the EEA)")
        return (recipient.name, t(ROLES[recipient.role]), recipient.service, where, safeguard)

    return [Row(r.id, cells(r)) for r in register.recipients]


def render_cookies(
    register: CookieRegister, document: Document, language: str = "en", override_dirs: Sequence[str] = ()
) -> str:
    t = translator(language)
    return templates(language, tuple(override_dirs)).render(
        "cookies.html",
        caption=register.caption or t("Cookies we use"),
        columns=[t(c) for c in COOKIE_COLUMNS],
        rows=cookie_rows(register, document, language),
    )


def render_recipients(register: RecipientRegister, language: str = "en", override_dirs: Sequence[str] = ()) -> str:
    t = translator(language)
    return templates(language, tuple(override_dirs)).render(
        "recipients.html",
        caption=register.caption or t("Who receives your personal data"),
        columns=[t(c) for c in RECIPIENT_COLUMNS],
        rows=recipient_rows(register, language),
    )


# Exports: each register as JSON and CSV, for a customer's procurement tool ----------------------

#: The registers a document may have, by the name of their file (without ``.yml``) and export.
KINDS = ("cookies", "recipients")
#: A spreadsheet runs a cell that begins with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def has(document: Document, kind: str) -> bool:
    return (document.cookies if kind == "cookies" else document.recipients) is not None


def entry(document: Document, kind: str, entry_id: str) -> Cookie | Recipient | None:
    """One entry of a version's register by its id, or None."""
    if kind == "cookies" and document.cookies is not None:
        return next((c for c in document.cookies.cookies if c.id == entry_id), None)
    if kind == "recipients" and document.recipients is not None:
        return next((r for r in document.recipients.recipients if r.id == entry_id), None)
    return None


#: The roles whose arrival ``recipients_notice`` asks notice for, and the notices name.
PROCESSORS = ("processor", "sub_processor")


def new_processors(before: Document | None, after: Document) -> list[Recipient]:
    """The processors and sub-processors ``after`` lists that ``before`` did not (by id)."""
    if after.recipients is None:
        return []
    known = {r.id for r in before.recipients.recipients} if before and before.recipients else set()
    return [r for r in after.recipients.recipients if r.role in PROCESSORS and r.id not in known]


def anchor(kind: str, entry_id: str) -> str:
    """The id of an entry's row on the page (``cookie-<id>``, ``recipient-<id>``; the templates write it)."""
    return dict(table_redline.REGISTERS)[kind] + entry_id


def entries(document: Document, kind: str) -> list[dict[str, object]]:
    """The register's entries as plain data, with the field names and values of the YAML file."""
    if kind == "cookies" and document.cookies is not None:
        register = document.cookies
        return [
            {
                "id": c.id,
                "name": c.name,
                "provider": c.provider,
                "party": c.party,
                "category": c.category,
                "consent": register.consent(c.category),
                "duration": c.duration.written,
                "purpose": c.purpose,
                "purposes": list(c.purposes),
                "domain": c.domain,
            }
            for c in register.cookies
        ]
    if kind == "recipients" and document.recipients is not None:
        return [
            {
                "id": r.id,
                "name": r.name,
                "role": r.role,
                "service": r.service,
                "location": list(r.location),
                "transfer": r.transfer,
                "purposes": list(r.purposes),
                "since": r.since.isoformat() if r.since else "",
            }
            for r in document.recipients.recipients
        ]
    return []


def export_json(document: Document, kind: str) -> str:
    """One version's register: its document's title and effective date, and its entries."""
    data = {
        "format": 1,
        "title": document.title,
        "effective": document.effective.isoformat(),
        kind: entries(document, kind),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def neutralised(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made text by a leading apostrophe (OWASP's advice)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def export_csv(document: Document, kind: str) -> str:
    """The register as CSV (RFC 4180, a header row of the field names); a list is one cell, its items
    separated by "; "."""
    rows = entries(document, kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if rows:
        writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow([neutralised("; ".join(v) if isinstance(v, list) else str(v)) for v in row.values()])
    return out.getvalue()
