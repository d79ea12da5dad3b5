"""Translations of a folder document: their words from their own files, everything else from the source.

A translation lives in ``docs/<doc>/translations/<lang>/``: its own ``document.yml`` (title, summary,
``effective``: the date of the source version it translates, and the words of facts), ``sections/``
with the source's section ids (each file optional: a section not translated yet is shown in the
source's language, marked so) and optionally ``purposes.yml`` (only the text fields, by the source's
ids). Its history is read by the same history engine from its own files: each translated commit is
paired with the source version of the same effective date, and the translated ``Document`` takes
that version's structure (section order and numbers, cross-references, the purpose table's rows and
bases, facts' values, dates) with the translation's words in place. So a translated reference can
never point at the wrong section. Plain data, no git and no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError

from . import filedoc, source, yamlfile
from .model import (
    IN_FORCE,
    UPCOMING,
    CookieRegister,
    Document,
    History,
    Problem,
    PurposeTable,
    RecipientRegister,
    Section,
    Version,
)
from .words import translator

#: A register of the source, or None where it has none.
_Register = TypeVar("_Register", CookieRegister, RecipientRegister, None)

#: The folder of a document that holds its translations, one folder per language.
FOLDER = source.TRANSLATIONS_DIR
#: What a translation's document.yml may say: the words, and which source version it translates.
DOCUMENT_KEYS = ("title", "effective", "summary", "facts")
#: What a translation's purposes.yml may say: only the texts of the source's table.
PURPOSES_KEYS = ("caption", "columns", "bases", "data_types", "purposes")
#: What a translation's registers may say, by the source's ids: only their texts (issue 21). Names, codes,
#: categories, roles, durations and countries are the source's; legaldocs words them in the page's language.
REGISTER_KEYS = {
    source.COOKIES_FILE: ("caption", "categories", "cookies"),
    source.RECIPIENTS_FILE: ("caption", "recipients"),
}
#: Of each entry of a register's list: the fields a translation may give (its YAML name → the attribute).
REGISTER_TEXTS = {
    "categories": {"label": "label"},
    "cookies": {"purpose": "purpose"},
    "recipients": {"service": "service"},
}
#: A language tag as BCP 47 writes it (``de``, ``pt-BR``, ``sr-Latn``), for a folder name.
TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def address(tag: str) -> str:
    """A language's part of an address: BCP 47, lower case (``/privacy/pt-br/``)."""
    return tag.lower()


def taken(tag: str) -> bool:
    """Whether a language's address would be one of the document's own pages (``/privacy/at/`` is the
    point-in-time page): such a folder is not read as a translation."""
    from .routes import ROUTES  # the one route table (imported here: it imports the pages, which import this)

    own = {r.pattern.split("/")[1] for r in ROUTES if r.pattern.startswith("{doc}/") and "/" in r.pattern[6:]}
    return address(tag) in own


def locale_name(tag: str) -> str:
    """The tag as Babel and gettext name a locale (``pt-BR`` → ``pt_BR``)."""
    return tag.replace("-", "_")


def direction(tag: str) -> str:
    """``rtl`` for a language written right to left (Babel's character order), else ``ltr``."""
    try:
        return "rtl" if Locale.parse(locale_name(tag)).character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def language_name(tag: str, in_language: str) -> str:
    """The language called ``tag``, named in ``in_language`` by Babel ("Englisch"); the tag where Babel lacks it."""
    try:
        return Locale.parse(locale_name(tag)).get_display_name(locale_name(in_language)) or tag
    except (UnknownLocaleError, ValueError):
        return tag


class Folder(str):
    """A folder document's entry in mkdocs.yml, with its language options: still its name, a str
    wherever a folder's name is asked for."""

    language: str
    binding_language: str

    def __new__(cls, name: str, language: str = "", binding_language: str = "") -> Folder:
        entry = super().__new__(cls, name)
        entry.language = language
        entry.binding_language = binding_language
        return entry


@dataclass(frozen=True)
class Found:
    """A translation folder on disk: its language tag as written, and where it is."""

    tag: str
    folder: Path


def find(document_folder: Path, shown_as: str) -> tuple[list[Found], list[Problem]]:
    """The translation folders of a document folder (``shown_as``, as problems name it), by language, and
    the folders that cannot be one."""
    root = document_folder / FOLDER
    if not root.is_dir() or root.is_symlink():
        return [], []
    found, problems = [], []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.is_symlink():
            continue
        if not TAG.match(folder.name) or taken(folder.name):
            why = (
                "is the address of one of the document's own pages"
                if TAG.match(folder.name)
                else "is not a language code"
            )
            problems.append(
                Problem(
                    f"{shown_as}/{FOLDER}/{folder.name}",
                    None,
                    f"{folder.name!r} {why}, so this folder is not read as a translation.",
                    "name the folder by the language's BCP 47 code, e.g. `de`, `fr` or `pt-BR`.",
                )
            )
            continue
        if source.is_document_folder(folder):
            found.append(Found(folder.name, folder))
    return found, problems


def nearest(dates: Sequence[date], wanted: date) -> list[date]:
    """The source dates either side of ``wanted``, to name in a message."""
    before = [d for d in dates if d < wanted]
    after = [d for d in dates if d > wanted]
    return [*before[-1:], *after[:1]]


class Reader:
    """Reads one commit of a translation into a translated Document, against the source's versions."""

    def __init__(
        self,
        slug: str,
        source_versions: Sequence[Version],
        shown_as: str,
        source_shown_as: str,
        language: str,
    ) -> None:
        self.slug = slug
        self.by_date = {v.effective: v for v in source_versions}
        self.dates = sorted(self.by_date)
        self.shown_as = shown_as
        self.source_shown_as = source_shown_as
        self.language = language
        #: For caches: the source versions this reader pairs with, by their last commit.
        self.key = "|".join(f"{v.effective}:{v.revisions[-1].commit.sha}" for v in source_versions)

    def __call__(self, files: Mapping[str, bytes]) -> source.Reading:
        own = source._Reader(self.slug, files, self.shown_as, self.language)
        if source.DOCUMENT_FILE not in files:
            own.problem(
                source.DOCUMENT_FILE,
                None,
                "the translation has no document.yml.",
                "create it with title, summary and `effective:` (the date of the source version it translates).",
            )
            return source.Reading(None, own.problems, own.warnings)
        meta = own.yaml(source.DOCUMENT_FILE)
        if meta is None:
            return source.Reading(None, own.problems, own.warnings)
        own.unknown_keys(source.DOCUMENT_FILE, meta, DOCUMENT_KEYS)
        effective = own.effective(meta)
        if effective is None:
            return source.Reading(None, own.problems, own.warnings)
        version = self.by_date.get(effective)
        if version is None:
            near = " and ".join(d.isoformat() for d in nearest(self.dates, effective)) or "none"
            own.problem(
                source.DOCUMENT_FILE,
                meta.line_of("effective"),
                f"`effective: {effective.isoformat()}` names no version of the source ({self.source_shown_as}); "
                f"the nearest source versions are effective {near}.",
                "write the effective date of the source version this text translates.",
            )
            return source.Reading(None, own.problems, own.warnings)
        return self.merge(own, meta, files, version)

    def merge(
        self, own: source._Reader, meta: yamlfile.Mapping, files: Mapping[str, bytes], version: Version
    ) -> source.Reading:
        """The source version's structure with the translation's words."""
        original = version.document
        source_files = version.revisions[-1].files
        known = {s.id for s in original.sections}
        overlaid = dict(source_files)
        translated = set()
        for rel in source.source_paths(files):
            if not rel.startswith(source.SECTIONS_DIR + "/"):
                continue
            section = rel[len(source.SECTIONS_DIR) + 1 : -len(".md")]
            if section not in known:
                own.problem(
                    rel,
                    1,
                    f"the source version effective {version.effective.isoformat()} has no section {section!r}, "
                    f"so this file translates nothing; its sections are {', '.join(s.id for s in original.sections)}.",
                    "name the file as the source's section file it translates, or delete it.",
                )
                continue
            overlaid[rel] = files[rel]  # a folder document's section id is its file's name
            translated.add(section)
        facts = own.facts(meta)
        for name in facts:
            if name not in original.facts:
                own.problem(
                    source.DOCUMENT_FILE,
                    meta["facts"].line_of(name),
                    f"the source version effective {version.effective.isoformat()} has no fact {name!r}.",
                    f"translate only the source's facts: {', '.join(original.facts) or 'it has none'}.",
                )
        words = {name: value for name, value in facts.items() if name in original.facts}
        reading = source.read(self.slug, overlaid, self.shown_as, self.language)
        problems = [*own.problems, *reading.problems]
        warnings = [*own.warnings, *reading.warnings]
        if reading.document is None:
            return source.Reading(None, problems, warnings)
        sections = tuple(
            s if s.id in translated else next(o for o in original.sections if o.id == s.id)
            for s in reading.document.sections
        )
        document = replace(
            original,
            title=(own.required_text(source.DOCUMENT_FILE, meta, "title") or original.title),
            summary=(own.required_text(source.DOCUMENT_FILE, meta, "summary") or original.summary),
            sections=sections,
            facts={**original.facts, **words},
            purposes=self.purposes(own, files, original.purposes),
            cookies=self.register(own, files, source.COOKIES_FILE, original.cookies),
            recipients=self.register(own, files, source.RECIPIENTS_FILE, original.recipients),
            untranslated=tuple(s.id for s in sections if s.id not in translated),
            language=self.language,
        )
        document = replace(document, translated_texts=own_texts(original, document))
        problems.extend(p for p in own.problems if p not in problems)
        return source.Reading(document, problems, warnings)

    def purposes(
        self, own: source._Reader, files: Mapping[str, bytes], table: PurposeTable | None
    ) -> PurposeTable | None:
        """The source's table with the texts the translation's purposes.yml gives, by the source's ids:
        `caption`, `columns`, `bases` (each basis's words), each data type's `label` and `covers`, each
        purpose's `purpose` and `interests` (by basis). Rows, data and bases stay the source's."""
        if table is None:
            return None
        ours = translator(self.language)  # legaldocs' own words where neither text gives any: in its language
        if source.PURPOSES_FILE not in files:
            return table.recorded.worded(ours)
        data = own.yaml(source.PURPOSES_FILE)
        if data is None:
            return table.recorded.worded(ours)
        own.unknown_keys(source.PURPOSES_FILE, data, PURPOSES_KEYS)
        caption = data.get("caption") if isinstance(data.get("caption"), str) else table.caption
        columns = data.get("columns")
        if not (isinstance(columns, list) and len(columns) == 3 and all(isinstance(c, str) for c in columns)):
            columns = table.columns
        wording = dict(table.basis_wording)
        given = data.get("bases")
        if isinstance(given, Mapping):
            for key, words in given.items():
                if key in wording and isinstance(words, str):
                    wording[key] = words
                else:
                    own.problem(
                        source.PURPOSES_FILE,
                        given.line_of(key) if isinstance(given, yamlfile.Mapping) else None,
                        f"the source's purpose table words no lawful basis {key!r} (or this is not text).",
                        f"give words only for the source's bases: {', '.join(wording)}.",
                    )
        types = {t.id: t for t in table.data_types}
        purposes = {p.id: p for p in table.purposes}
        for key, known, fields in (
            ("data_types", types, {"label": "label", "covers": "covers"}),
            ("purposes", purposes, {"purpose": "text"}),
        ):
            entries = data.get(key) or []
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                if not isinstance(entry, Mapping):
                    continue
                ident = str(entry.get("id", ""))
                line = entries.line_of(index) if isinstance(entries, yamlfile.Sequence) else None
                if ident not in known:
                    own.problem(
                        source.PURPOSES_FILE,
                        line,
                        f"the source's purpose table has no {key[:-1].replace('_', ' ')} {ident!r}.",
                        f"use the source's ids: {', '.join(known)}.",
                    )
                    continue
                changes: dict[str, object] = {
                    field: entry[name] for name, field in fields.items() if isinstance(entry.get(name), str)
                }
                interests = entry.get("interests")
                if key == "purposes" and isinstance(interests, Mapping):
                    changes["bases"] = tuple(
                        replace(b, interest=str(interests[b.key])) if b.key in interests else b
                        for b in purposes[ident].bases
                    )
                known[ident] = replace(known[ident], **changes)  # type: ignore[arg-type]
        given_bases = set(given) if isinstance(given, Mapping) else set()
        return replace(
            table.recorded,
            caption=caption,
            columns=tuple(columns),
            basis_wording={k: wording[k] if k in given_bases else v for k, v in table.recorded.basis_wording.items()},
            data_types=tuple(types.values()),
            purposes=tuple(purposes.values()),
            default_columns=table.default_columns and columns is table.columns,
            default_bases=table.default_bases - given_bases,
        ).worded(ours)

    def register(self, own: source._Reader, files: Mapping[str, bytes], rel: str, register: _Register) -> _Register:
        """The source's register (cookies.yml or recipients.yml) with the texts the translation's file of the
        same name gives by the source's ids: its `caption`, a cookie's `purpose`, a recipient's `service`, a
        category's `label` (the document's own categories). Anything else, an id the source's register does
        not have, or a file for a register the source lacks, is an error at its line."""
        if rel not in files:
            return register
        data = own.yaml(rel)
        if data is None:
            return register
        if register is None:
            own.problem(
                rel,
                1,
                f"the source version has no {rel}, so this file translates nothing.",
                "delete it, or add the register to the source first.",
            )
            return None
        own.unknown_keys(rel, data, REGISTER_KEYS[rel])
        changes: dict[str, object] = {}
        if "caption" in data:
            if isinstance(data["caption"], str) and data["caption"].strip():
                changes["caption"] = data["caption"].strip()
            else:
                own.problem(
                    rel, data.line_of("caption"), "'caption' must be text.", "write `caption: ...` on one line."
                )
        for key in REGISTER_KEYS[rel][1:]:
            if key not in data:
                continue
            entries = tuple(getattr(register, key))
            known = {e.id: e for e in entries}
            translated = self.by_id(own, rel, key, data[key], data.line_of(key), known, REGISTER_TEXTS[key])
            changes[key] = tuple(translated[e.id] for e in entries)
        return replace(register, **changes)  # type: ignore[arg-type]

    def by_id(
        self,
        own: source._Reader,
        rel: str,
        key: str,
        given: object,
        given_at: int,
        known: dict[str, Any],
        fields: Mapping[str, str],
    ) -> dict[str, Any]:
        """``known`` (the source's entries by id) with the texts of ``given`` (the translation's list under
        ``key``) in place: each entry names a source id and gives only ``fields``, as text."""
        found = dict(known)
        if not isinstance(given, list):
            own.problem(
                rel, given_at, f"{key!r} must be a list of entries (`- id: ...`).", "write one `- id:` per entry."
            )
            return found
        for index, entry in enumerate(given):
            line = given.line_of(index) if isinstance(given, yamlfile.Sequence) else None
            if not isinstance(entry, Mapping):
                own.problem(rel, line, "this entry is not a set of `key: value` lines.", "write `- id: ...`.")
                continue
            ident = str(entry.get("id", ""))
            if ident not in found:
                own.problem(
                    rel,
                    line,
                    f"the source's {rel} has no entry {ident!r} under {key!r}.",
                    f"use the source's ids: {', '.join(known) or 'it has none'}.",
                )
                continue
            changes = {}
            for name, value in entry.items():
                at = entry.line_of(name) if isinstance(entry, yamlfile.Mapping) else line
                if name == "id":
                    continue
                if name not in fields:
                    own.problem(
                        rel,
                        at,
                        f"{name!r} cannot be translated: a translation gives only the texts ({', '.join(fields)}); "
                        "names, codes and the other values are the source's.",
                        f"remove `{name}:`, or change it in the source's {rel}.",
                    )
                elif not isinstance(value, str) or not value.strip():
                    own.problem(rel, at, f"{name!r} must be text.", f"write `{name}: ...` with the translated text.")
                else:
                    changes[fields[name]] = value.strip()
            found[ident] = replace(found[ident], **changes)
        return found


def texts(document: Document) -> dict[str, str]:
    """Every text of a document's purpose table and registers that a translation may give, by where it
    stands (``purposes.purpose.<id>``, ``recipients.<id>.service`` …)."""
    found: dict[str, str] = {}
    if document.purposes:
        table = document.purposes.recorded  # legaldocs' own words are not the translation's
        found["purposes.caption"] = table.caption
        found.update({f"purposes.column.{n}": c for n, c in enumerate(table.columns)})
        found.update({f"purposes.basis.{k}": v for k, v in table.basis_wording.items()})
        for t in table.data_types:
            found[f"purposes.data_type.{t.id}.label"], found[f"purposes.data_type.{t.id}.covers"] = t.label, t.covers
        for p in table.purposes:
            found[f"purposes.purpose.{p.id}"] = p.text
            found.update({f"purposes.purpose.{p.id}.interest.{b.key}": b.interest for b in p.bases})
    if cookies := document.cookies:
        found["cookies.caption"] = cookies.caption
        found.update({f"cookies.category.{c.id}.label": c.label for c in cookies.categories})
        found.update({f"cookies.{c.id}.purpose": c.purpose for c in cookies.cookies})
    if recipients := document.recipients:
        found["recipients.caption"] = recipients.caption
        found.update({f"recipients.{r.id}.service": r.service for r in recipients.recipients})
    return found


def own_texts(original: Document, translated: Document) -> tuple[tuple[str, str], ...]:
    """The translation's own words in its table and registers: those that differ from its source version's.
    A text it leaves untranslated is the source's record, so a source revision changes no translation's."""
    before = texts(original)
    return tuple(sorted((k, v) for k, v in texts(translated).items() if before.get(k) != v))


def in_source_terms(translated: History, source_history: History) -> History:
    """A translation's history with each version's status its source version's: a translation of a
    version that is no longer in force is not "in force" because nothing newer is translated."""
    status = {v.effective: v.status for v in source_history.versions}
    versions = tuple(replace(v, status=status.get(v.effective, v.status)) for v in translated.versions)
    return replace(translated, versions=versions)


def shown(history: History) -> Version | None:
    """The published version a current page shows: the one in force, else the latest already in force
    once (a translation behind its source), else the first upcoming."""
    published = [v for v in history.versions if v.status != UPCOMING]
    return history.current or (published[-1] if published else None) or next(iter(history.upcoming), None)


@dataclass(frozen=True)
class Lag:
    """A translation behind its source: what its current page says, and what `check` warns about."""

    #: The source version the translation's current page translates (its effective date).
    translates: date
    #: The source's version in force, where it has no translation; None where it has one.
    in_force: Version | None
    #: The source's versions in force or upcoming that have no translation, oldest first.
    untranslated: tuple[Version, ...]

    @property
    def lagging_since(self) -> date | None:
        """Since when readers of the translation have read a text that is not in force (versions.json)."""
        return self.in_force.effective if self.in_force is not None else None


def lag(source_history: History, translated: History) -> Lag | None:
    """How far the translation is behind the source's version in force and its upcoming ones; None: not behind."""
    done = {v.effective for v in translated.versions}
    wanted = [v for v in source_history.versions if v.status in (IN_FORCE, UPCOMING)]
    missing = tuple(v for v in wanted if v.effective not in done)
    showing = shown(translated)
    if not missing or showing is None:
        return None
    current = source_history.current
    in_force = current if current is not None and current.effective not in done else None
    return Lag(showing.effective, in_force, missing)


def warned_at(shown_as: str, reader: object) -> str:
    """The file a translation's warnings name: a one-file translation's own Markdown file (``de/privacy.md``),
    else the folder's document.yml (its date and title)."""
    return shown_as if isinstance(reader, FileReader) else f"{shown_as}/{source.DOCUMENT_FILE}"


def lag_warnings(
    source_history: History,
    translated: History,
    tag: str,
    where: str,
    today: date,
    days: int,
    acknowledged: Mapping[tuple[str, str], str],
) -> list[Problem]:
    """What `legaldocs check` says of a translation behind its source: the version in force untranslated,
    or an upcoming one due within ``days``; never the past. ``where``: the file that says which version
    it translates (a folder's document.yml, a one-file translation's file). ``acknowledged``: (language,
    effective date) → the public reason, for a known lag."""
    found = lag(source_history, translated)
    if found is None:
        return []
    problems = []
    for version in found.untranslated:
        if acknowledged.get((tag.lower(), version.effective.isoformat())):
            continue
        ack = (
            f"translate it, or acknowledge the lag in mkdocs.yml (plugins.legaldocs.acknowledge: `- translation: "
            f"{tag}` with `version: {version.effective.isoformat()}` and a `reason:`, shown publicly)."
        )
        if version.status == IN_FORCE:
            problems.append(
                Problem(
                    where,
                    None,
                    f"the {tag} translation lags: the source's version in force, effective "
                    f"{version.effective.isoformat()}, has no translation; readers are shown the translation of "
                    f"the version effective {found.translates.isoformat()}, with a notice.",
                    ack,
                )
            )
        elif (version.effective - today).days <= days:
            problems.append(
                Problem(
                    where,
                    None,
                    f"the {tag} translation has no translation of the source's version effective "
                    f"{version.effective.isoformat()}, which takes effect in {(version.effective - today).days} days.",
                    ack,
                )
            )
    return problems


class FileReader(Reader):
    """A one-file document's translation (``translations: {de: de/privacy.md}``): the translated file read
    as a file document is, its sections paired with the source version's by explicit ``{#id}``, else by
    position (the same number of sections at the same level); the merged Document as ``Reader``'s."""

    def __init__(
        self,
        slug: str,
        source_versions: Sequence[Version],
        shown_as: str,
        source_shown_as: str,
        language: str,
        spec: filedoc.FileSpec,
    ) -> None:
        super().__init__(slug, source_versions, shown_as, source_shown_as, language)
        self.spec = spec

    def __call__(self, files: Mapping[str, bytes]) -> source.Reading:
        own = _TranslatedFile(self, files)
        document = own.read()
        if document is None or document.effective == date.min:
            return source.Reading(document, own.problems, own.warnings)
        line = own.date_at[0] + 1 if own.date_at else None
        if own.visible is not None and own.date_at is not None and own.date_at[1]:
            seen_line, seen = own.visible
            if seen is not None and seen != document.effective:
                own.warnings.append(
                    Problem(
                        self.shown_as,
                        seen_line + 1,
                        f"this line shows the date {seen.isoformat()}, but front matter says "
                        f"`effective: {document.effective.isoformat()}` (line {line}): readers and machines are told "
                        "different dates.",
                        "make them the same: the date of the source version this text translates.",
                    )
                )
        version = self.by_date.get(document.effective)
        if version is None:
            near = " and ".join(d.isoformat() for d in nearest(self.dates, document.effective)) or "none"
            own.problems.append(
                Problem(
                    self.shown_as,
                    line,
                    f"the date {document.effective.isoformat()} names no version of the source "
                    f"({self.source_shown_as}); the nearest source versions are effective {near}.",
                    "write the effective date of the source version this text translates.",
                )
            )
            return source.Reading(None, own.problems, own.warnings)
        original = version.document
        mine = [s for s in document.sections if not s.preamble]
        theirs = [s for s in original.sections if not s.preamble]
        ids = {s.id for s in theirs}
        explicit = {s.id: s for s in mine if s.id in ids}
        paired: dict[str, Section] = {}
        if explicit and len(explicit) == len(mine):
            paired = explicit
        else:
            if len(mine) != len(theirs):
                first = mine[0].body_line - 1 if mine else 1
                own.warnings.append(
                    Problem(
                        self.shown_as,
                        first,
                        f"the translation has {len(mine)} sections and the source version effective "
                        f"{version.effective.isoformat()} has {len(theirs)} ({', '.join(s.title for s in theirs)}), "
                        "so sections are paired by position only as far as both go.",
                        "translate every section of the source, one heading each, or give headings the source's ids "
                        "with {#id}.",
                    )
                )
            paired = {s.id: t for s, t in zip(theirs, mine, strict=False)}
            own.warnings.extend(self.moved(version, mine))
        sections = []
        for section in original.sections:
            if section.preamble:
                found = next((s for s in document.sections if s.preamble), None)
            else:
                found = paired.get(section.id)
            if found is None:
                sections.append(section)
            else:  # the source's id; its own (GitHub's or the toc's, as its text gives it) kept as an alias
                aliases = (found.id,) if found.id != section.id and not found.preamble else ()
                sections.append(replace(found, id=section.id, aliases=aliases))
        merged = replace(
            original,
            title=document.title,
            # A source summary taken from an English commit's message is not the translation's: its
            # own commit's message is (``filedoc.commit_summaries``, on the translation's history).
            summary=document.summary or ("" if original.summary_from_commit else original.summary),
            sections=tuple(sections),
            untranslated=tuple(s.id for s, m in zip(original.sections, sections, strict=True) if s is m),
            language=self.language,
        )
        return source.Reading(merged, own.problems, own.warnings)

    def moved(self, version: Version, mine: Sequence[Section]) -> list[Problem]:
        """A warning where the source version moved sections since the version before it and the translation
        is paired by position: its titles cannot be compared across languages, so whether it followed the
        move is unknown, and a translation that kept the old order would put each text under the wrong
        section. Explicit ``{#id}`` on the headings makes the pairing independent of the order."""
        at = self.dates.index(version.effective)
        if at == 0:
            return []
        before = [s.id for s in self.by_date[self.dates[at - 1]].document.sections if not s.preamble]
        now = [s.id for s in version.document.sections if not s.preamble]
        common = [i for i in now if i in before]
        was = [i for i in before if i in now]
        if common == was:
            return []
        first = next(n for n, (a, b) in enumerate(zip(common, was, strict=True)) if a != b)
        position = now.index(common[first])
        heading = mine[min(position, len(mine) - 1)] if mine else None
        titles = {s.id: s.title for s in version.document.sections}
        return [
            Problem(
                self.shown_as,
                heading.body_line - 1 if heading is not None else None,
                f"the source version effective {version.effective.isoformat()} moved sections since the version "
                f"effective {self.dates[at - 1].isoformat()} (now: {', '.join(titles[i] for i in common)}), and this "
                "translation's sections are paired by position: if it kept the old order, each text here is paired "
                "with the wrong section.",
                "follow the source's order, and give each heading the source's id (e.g. "
                f"`{{#{common[first]}}}`) so the pairing no longer depends on the order.",
            )
        ]


class _TranslatedFile(filedoc._FileReader):
    """A translated file read as a file document, except that its cross-references name the sections of the
    source version it translates: the numbers and labels they show are the source's."""

    def __init__(self, reader: FileReader, files: Mapping[str, bytes]) -> None:
        super().__init__(reader.slug, files, reader.shown_as, reader.spec, reader.language)
        self.source = reader

    def referable(self, effective: date | None, sections: list[Section]) -> set[str]:
        version = self.source.by_date.get(effective) if effective is not None else None
        if version is None:  # (the date names no source version: that is the error reported)
            return super().referable(effective, sections)
        return {s.id for s in version.document.sections}

    def ids_in(self) -> str:
        return f"the source ({self.source.source_shown_as})"


def missing_sections(
    translated: History, tag: str, where: str, acknowledged: Mapping[tuple[str, str], str]
) -> list[Problem]:
    """What `legaldocs check` says of a translation's versions in force or upcoming that leave sections of
    their source version untranslated (shown in the source's language): never the past. ``where``: as
    ``lag_warnings``'."""
    problems = []
    for version in translated.versions:
        if version.status not in (IN_FORCE, UPCOMING) or not version.document.untranslated:
            continue
        if acknowledged.get((tag.lower(), version.effective.isoformat())):
            continue
        missing = version.document.untranslated
        problems.append(
            Problem(
                where,
                None,
                f"the {tag} translation of the version effective {version.effective.isoformat()} does not translate "
                f"{len(missing)} of its sections ({', '.join(missing)}): they are shown in the source's language.",
                (
                    f"translate their headings and text in {where}"
                    if not where.endswith(source.DOCUMENT_FILE)
                    else f"add {', '.join(f'sections/{m}.md' for m in missing)} to the translation"
                )
                + ", or acknowledge it in "
                f"mkdocs.yml (`- translation: {tag}` with `version: {version.effective.isoformat()}` and a `reason:`).",
            )
        )
    return problems
