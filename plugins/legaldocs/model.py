"""Plain data for legal documents: what the core reads, validates, renders and compares.

Nothing here knows about MkDocs or git, so another site engine (or the CLI) can use it as is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property

#: The six lawful bases of GDPR Article 6(1), by the key an editor writes in purposes.yml.
LAWFUL_BASES: dict[str, str] = {
    "consent": "Consent",
    "contract": "Performance of a contract",
    "legal_obligation": "Compliance with a legal obligation",
    "vital_interests": "Protection of vital interests",
    "public_task": "Performance of a task in the public interest",
    "legitimate_interests": "Legitimate interests",
}
#: The purpose table's headings where purposes.yml gives none.
DEFAULT_COLUMNS: tuple[str, str, str] = ("Purpose/Activity", "Type of data", "Lawful basis for processing")


#: What a message must never print as it is: C0 and C1 controls (newlines, carriage returns, ESC,
#: tabs), line and paragraph separators, and the bidi controls that reorder a line as shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` on one line, every control character written as an escape (``\\n``, ``\\x1b``).

    File names, commit messages and authors come from the repository: printed raw, a newline
    in one could forge a line of the log (a CI annotation such as ``::error::``, or "no problems")."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(match[0]) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


@dataclass(frozen=True)
class Problem:
    """A mistake in the sources, said so that an editor can find and fix it."""

    path: str
    line: int | None
    message: str
    fix: str = ""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        """One line, whatever names it holds: see ``printable``."""
        text = f"{self.where}: {self.message}"
        return printable(f"{text} Fix: {self.fix}" if self.fix else text)


@dataclass(frozen=True)
class Section:
    """One numbered section; its id is its file name, stable when sections are reordered."""

    id: str
    title: str
    body: str
    path: str
    #: Line of the source file on which ``body`` starts, to report problems at the right line.
    body_line: int
    #: The text before a file document's first heading: no title, no number, still part of the text.
    preamble: bool = False
    #: Other ids the section answers to on its page: a one-file translation's heading takes its source's
    #: id, and also keeps the one its own text gives it (GitHub's, or the toc's), so that a link written
    #: in the translation as GitHub shows it (``#1-wer-wir-sind``) still leads to it.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DataType:
    id: str
    label: str
    covers: str = ""


@dataclass(frozen=True)
class Basis:
    """A lawful basis as a purpose relies on it; legitimate interests name the interest."""

    key: str
    interest: str = ""


@dataclass(frozen=True)
class Purpose:
    id: str
    text: str
    activities: tuple[str, ...]
    data: tuple[str, ...]
    bases: tuple[Basis, ...]
    #: The seed has one cell without a closing full stop; kept, not silently "improved".
    data_full_stop: bool = True


@dataclass(frozen=True)
class PurposeTable:
    """The "how we use your data" table, as data rather than typed text."""

    caption: str
    columns: tuple[str, str, str]
    basis_wording: dict[str, str]
    data_types: tuple[DataType, ...]
    purposes: tuple[Purpose, ...]
    path: str = ""
    #: Per column ("activities", "data", "bases"): label "always", or only when "several".
    labels: dict[str, str] = field(default_factory=dict)
    #: Where purposes.yml gives no words, legaldocs' own (``DEFAULT_COLUMNS``, ``LAWFUL_BASES``), shown in the
    #: page's language: the headings, and the bases by key. The record (``recorded``) keeps them in English.
    default_columns: bool = False
    default_bases: frozenset[str] = frozenset()

    def data_type(self, key: str) -> DataType:
        return next(t for t in self.data_types if t.id == key)

    def worded(self, t: Callable[..., str]) -> PurposeTable:
        """The table with legaldocs' own words (where purposes.yml gives none) in ``t``'s language."""
        columns = tuple(t(c) for c in DEFAULT_COLUMNS) if self.default_columns else self.columns
        wording = {k: t(LAWFUL_BASES[k]) if k in self.default_bases else v for k, v in self.basis_wording.items()}
        return replace(self, columns=columns, basis_wording=wording)  # type: ignore[arg-type]

    @property
    def recorded(self) -> PurposeTable:
        """The table as the ledger records it: legaldocs' own words in English, whatever the page's language,
        so that a fingerprint never depends on the site's language or on a change of a translation of ours."""
        return self.worded(lambda phrase, **_: phrase)


#: The cookie categories every document has, and whether each needs the visitor's consent (ePrivacy
#: Directive Art. 5(3): only what is strictly necessary for the service asked for is exempt).
COOKIE_CATEGORIES: dict[str, str] = {
    "strictly_necessary": "exempt",
    "functional": "required",
    "analytics": "required",
    "marketing": "required",
}
COOKIE_PARTIES = ("first", "third")
RECIPIENT_ROLES = ("processor", "sub_processor", "controller", "joint_controller", "recipient")
#: The safeguards for a transfer outside the EEA (GDPR Art. 45, 46(2)(c), 47, 49).
TRANSFER_SAFEGUARDS = ("adequacy", "scc", "bcr", "derogation")
#: The European Economic Area: the 27 member states of the EU, Iceland, Liechtenstein and Norway.
EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)


@dataclass(frozen=True)
class Duration:
    """How long a cookie lasts: ``session`` (count 0), or a count of days, months or years."""

    unit: str
    count: int = 0

    @property
    def written(self) -> str:
        """As an editor writes it in cookies.yml (``session``, ``13 months``)."""
        return "session" if self.unit == "session" else f"{self.count} {self.unit}"


@dataclass(frozen=True)
class CookieCategory:
    """A category of cookies defined by the document (``categories:`` in cookies.yml)."""

    id: str
    consent: str  # "required" or "exempt"
    label: str = ""


@dataclass(frozen=True)
class Cookie:
    id: str
    name: str
    provider: str
    party: str
    category: str
    duration: Duration
    purpose: str = ""
    purposes: tuple[str, ...] = ()
    domain: str = ""


@dataclass(frozen=True)
class CookieRegister:
    """The cookies a site sets, from cookies.yml: one row each in ``{{ cookies }}``."""

    cookies: tuple[Cookie, ...]
    caption: str = ""
    categories: tuple[CookieCategory, ...] = ()
    path: str = ""

    def consent(self, category: str) -> str:
        """Whether a category needs consent ("required") or not ("exempt")."""
        own = next((c for c in self.categories if c.id == category), None)
        return own.consent if own else COOKIE_CATEGORIES.get(category, "required")


@dataclass(frozen=True)
class Recipient:
    id: str
    name: str
    role: str
    service: str
    #: Where the data is processed: ISO 3166-1 alpha-2 codes, upper case, as written.
    location: tuple[str, ...]
    transfer: str = ""
    purposes: tuple[str, ...] = ()
    since: date | None = None


@dataclass(frozen=True)
class RecipientRegister:
    """Who personal data goes to (processors, sub-processors, …), from recipients.yml."""

    recipients: tuple[Recipient, ...]
    caption: str = ""
    path: str = ""


@dataclass(frozen=True)
class Document:
    """One legal document as it stands in one tree (the working copy or one commit)."""

    slug: str
    title: str
    effective: date
    summary: str
    sections: tuple[Section, ...]
    purposes: PurposeTable | None = None
    #: The registers (cookies.yml, recipients.yml), where the document has them.
    cookies: CookieRegister | None = None
    recipients: RecipientRegister | None = None
    facts: dict[str, str] = field(default_factory=dict)
    #: Whose Markdown the text is written in: ``mkdocs`` (the site's markdown_extensions) or
    #: ``github`` (cmark-gfm, as GitHub shows the text to the reviewers of a pull request).
    markdown: str = "mkdocs"
    #: Whether legaldocs numbers the headings (False: a file document's headings as written).
    numbered: bool = True
    #: The summary is the first line of a commit's message (a file document without `summary:`):
    #: the pages say so, rather than pass it off as a summary someone wrote for readers.
    summary_from_commit: bool = False
    #: A file document (one Markdown file, its options in mkdocs.yml), not a folder with a document.yml.
    file_document: bool = False
    #: A translation's sections shown in the source's language, not translated yet (``translation``).
    untranslated: tuple[str, ...] = ()
    #: A translation's language (its words, and "Abschnitt 3" for a cross-reference); "" for a source
    #: document, whose cross-references read "section 3" whatever the site's language, as they always did.
    language: str = ""
    #: A translation's own words in its purpose table and registers (``translation.texts``, where they differ
    #: from its source's), by where they stand: part of its fingerprint, as its sections' words are.
    translated_texts: tuple[tuple[str, str], ...] = ()

    def number(self, section_id: str) -> int:
        """Section numbers are positions, never typed, so reordering cannot leave one wrong."""
        return self._numbers[section_id][0]

    def label(self, section_id: str) -> str:
        """The number shown before a section's title ("3."), or "" where none is shown: headings
        as written, or the preamble (which is not counted)."""
        return self._numbers[section_id][1]

    @cached_property
    def _numbers(self) -> dict[str, tuple[int, str]]:
        """Each section's position and label, found once: asked per section, a scan each would make
        rendering a long file quadratic."""
        numbers: dict[str, tuple[int, str]] = {}
        shown = 0
        for position, section in enumerate(self.sections, 1):
            shown += not section.preamble
            label = f"{shown}." if self.numbered and not section.preamble else ""
            numbers.setdefault(section.id, (position, label))
        return numbers


@dataclass(frozen=True)
class Commit:
    """What a reader of the history needs of a commit; the message and author are untrusted."""

    sha: str
    date: datetime
    author: str
    message: str
    #: The date of the commit it follows (its first parent): a commit dated before it was dated by
    #: hand or by a wrong clock. None for a first commit, or where it was not read.
    parent_date: datetime | None = None

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def backdated(self) -> bool:
        return self.parent_date is not None and self.date < self.parent_date


@dataclass(frozen=True)
class Revision:
    """One commit that changed a document's text, and the text it left."""

    commit: Commit
    document: Document
    files: dict[str, bytes] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Version:
    """A version begins where `effective` takes a new value; later commits are its revisions."""

    effective: date
    revisions: tuple[Revision, ...]
    status: str  # IN_FORCE, UPCOMING, SUPERSEDED or PROPOSED
    #: A version none of whose commits passes today's rules is still published, as it was, from
    #: its last readable commit: these are its problems under today's rules, shown as facts.
    problems: tuple[Problem, ...] = ()
    #: When a deployed build first recorded it (the ledger keeps it): evidence of when it was
    #: published. None without a ledger, or for a version recorded before ledgers kept the date.
    recorded: date | None = None

    @property
    def document(self) -> Document:
        return self.revisions[-1].document

    @property
    def announced(self) -> date:
        """When it was published: the ledger's evidence where there is some, else the date of its
        first commit, which the commit's author sets (kept apart from `effective` either way)."""
        return self.recorded or self.revisions[0].commit.date.date()

    @property
    def announced_from_git(self) -> bool:
        return self.recorded is None

    @property
    def last_updated(self) -> date:
        return self.revisions[-1].commit.date.date()

    @property
    def slug(self) -> str:
        return "proposed" if self.status == PROPOSED else self.effective.isoformat()


IN_FORCE, UPCOMING, SUPERSEDED, PROPOSED = "in force", "upcoming", "superseded", "proposed"


@dataclass(frozen=True)
class Skipped:
    """A commit whose document was invalid: left out of the history, and said so."""

    commit: Commit
    problems: tuple[Problem, ...]
    #: False where not even `effective` could be read: if a whole version was like that, the
    #: version is missing from the archive, and the versions page says so.
    readable: bool = True
    #: For an unreadable commit, the `effective` date its document.yml seems to give (read
    #: leniently, line by line), to say which version it belonged to; None if even that fails.
    #: For a commit whose date was out of order, that date.
    effective: date | None = None
    #: The later commit of the same version that left the document valid again: a mistake
    #: corrected, a fact of the record that asks nothing of anyone. None: never corrected.
    fixed_by: Commit | None = None
    #: Left out because its `effective` date was out of order (not because it was invalid).
    out_of_order: bool = False
    #: The text was read but its effective date could not be (said on the versions page as that,
    #: not as a document that could not be read at all).
    undated: bool = False
    #: For an undated commit: the very next commit, where it left the document valid (the text
    #: published in its place), whatever version that is.
    next_valid: Commit | None = None


@dataclass(frozen=True)
class Finding:
    """Something history shows about a version: a warning if the version is new, else a fact.

    Past flaws cannot be undone by a commit, so they are said once, when new, and afterwards
    shown on the versions page (with the reason, where mkdocs.yml acknowledges the commit).
    """

    problem: Problem
    commit: Commit
    #: The version it concerns (its effective date), or None before any version.
    version: date | None
    error: bool = False
    #: Set where mkdocs.yml acknowledges the commit: shown publicly beside the finding.
    acknowledged: str = ""
    #: A later commit of the same version corrected it: a fact, never a warning.
    fixed: bool = False


@dataclass(frozen=True)
class History:
    versions: tuple[Version, ...]  # published versions, oldest first
    skipped: tuple[Skipped, ...] = ()
    proposed: Version | None = None
    #: Whether git history was read at all (False: no repository, the working copy only).
    from_git: bool = True
    #: Everything history found, new or old, for the versions page.
    findings: tuple[Finding, ...] = ()
    #: The document folder's path in the repository under each name it had, oldest first (a
    #: renamed folder: its old addresses redirect to the new).
    folders: tuple[str, ...] = ()

    # Cached: every page of a build asks, and a scan per page would make the build quadratic.
    @cached_property
    def current(self) -> Version | None:
        return next((v for v in self.versions if v.status == IN_FORCE), None)

    @cached_property
    def upcoming(self) -> tuple[Version, ...]:
        return tuple(v for v in self.versions if v.status == UPCOMING)
