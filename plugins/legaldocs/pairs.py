"""Each version of a document against the one before it, compared once per build.

The changes pages, the section histories and the purpose histories all read the same
consecutive pairs: comparing each pair once (``Pairs.change``) keeps a build linear in the
length of the history, however many pages show a part of it. The build owns its ``Pairs``
(``pages.Build.pairs``): no module keeps them. Plain data, no MkDocs: a ``Published`` document
in, ``redline.Change`` out.

A section is followed by its id (its file name), through renames and renumbering; where its
file was renamed too, the redline paired it by similarity (``SectionChange.id_changed``) and
its history follows it to its old id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import redline, table_redline
from .history import Timeline
from .model import Version
from .publish import Published
from .redline import UNCHANGED, BlockChange, Change, PurposeChange, PurposesChange, SectionChange


@dataclass(frozen=True)
class SectionEntry:
    """One version that changed a section: what happened to it, within the whole change."""

    version: Version
    previous: Version | None
    section: SectionChange
    change: Change


@dataclass(frozen=True)
class PurposeEntry:
    """One version that changed a purpose of the table: its row, within the table's change."""

    version: Version
    previous: Version | None
    row: PurposeChange
    table: PurposesChange


@dataclass(frozen=True)
class RegisterEntry:
    """One version that added, changed or removed an entry of a register: its section, cut down to the
    entry's row(s) under its table's header row (what ``redline_html.blocks_html`` shows as a table)."""

    version: Version
    previous: Version | None
    section: SectionChange


def section_changed(section: SectionChange) -> bool:
    """Added, removed, its text or title changed, renumbered or moved: what a reader sees. A file
    renamed without any of these is followed, not listed."""
    return section.status != UNCHANGED or section.moved or section.renumbered


def purpose_changed(row: PurposeChange) -> bool:
    return row.status != UNCHANGED or row.moved


class Pairs:
    """The consecutive pairs of one published document, each compared at most once."""

    def __init__(self, published: Published) -> None:
        self.published = published
        self._changes: dict[tuple[str, str], Change] = {}
        self._timeline: Timeline | None = None

    def previous(self, version: Version) -> Version | None:
        """The version before: none for the first; for a draft, the published branch's latest text."""
        history = self.published.history
        if self._timeline is None or self._timeline.history is not history:
            self._timeline = Timeline(history)  # indexed once: a page per version must not scan them all
        return self._timeline.before(version)

    def text(self, version: Version | None, base: str = "") -> redline.DocumentText:
        if version is None:
            return redline.DocumentText(())
        return redline.document_text(version.document, self.published.rendered[version.slug], base)

    def change(self, version: Version, base: str = "") -> Change:
        """``version`` against the one before it (``previous``), for pages ``base`` from the document."""
        key = (version.slug, base)
        if key not in self._changes:
            self._changes[key] = redline.compare(self.text(self.previous(version), base), self.text(version, base))
        return self._changes[key]

    def newest_first(self) -> list[Version]:
        return newest_first(self.published)

    def section_history(self, section_id: str, base: str = "") -> list[SectionEntry]:
        """Every version that changed the section, newest first; followed to its old id where its file was renamed."""
        entries: list[SectionEntry] = []
        follow = section_id
        for version in self.newest_first():
            change = self.change(version, base)
            found = next((s for s in change.sections if s.new_id == follow), None) or next(
                (s for s in change.sections if s.new_id is None and s.old_id == follow), None
            )
            if found is None:
                continue
            if section_changed(found):
                entries.append(SectionEntry(version, self.previous(version), found, change))
            if found.old_id is not None:
                follow = found.old_id
        return entries

    def purpose_history(self, purpose_id: str, base: str = "") -> list[PurposeEntry]:
        entries: list[PurposeEntry] = []
        for version in self.newest_first():
            table = self.change(version, base).purposes
            row = next((p for p in table.purposes if p.id == purpose_id), None) if table else None
            if table is not None and row is not None and purpose_changed(row):
                entries.append(PurposeEntry(version, self.previous(version), row, table))
        return entries

    def register_history(self, kind: str, entry_id: str, base: str = "") -> list[RegisterEntry]:
        """Every version that added, changed, moved or removed one entry of a register (``kind``:
        cookies or recipients), newest first; its row paired by its id (``redline.Block.entry``)."""
        entry = dict(table_redline.REGISTERS)[kind] + entry_id
        entries: list[RegisterEntry] = []
        for version in self.newest_first():
            for section in self.change(version, base).sections:
                rows = entry_rows(section.blocks, entry)
                if any(c.status != UNCHANGED for c in rows if (c.new or c.old).entry == entry):  # type: ignore[union-attr]
                    entries.append(RegisterEntry(version, self.previous(version), replace(section, blocks=rows)))
        return entries


def entry_rows(changes: tuple[BlockChange, ...], entry: str) -> tuple[BlockChange, ...]:
    """The changes of one register entry's row in a section's, each after its table's header row."""
    out: list[BlockChange] = []
    for n, change in enumerate(changes):
        block = change.new or change.old
        if block is None or block.entry != entry:
            continue
        head = next(
            (c for c in reversed(changes[:n]) if table_redline.is_header(c.new or c.old) and _same_table(c, change)),
            None,
        )
        if head is not None and head not in out:
            out.append(head)
        out.append(change)
    return tuple(out)


def _same_table(head: BlockChange, row: BlockChange) -> bool:
    return any(
        a is not None and b is not None and a.group == b.group for a, b in ((head.new, row.new), (head.old, row.old))
    )


def register_ids(published: Published, kind: str) -> list[str]:
    """Every entry of a register (cookies, recipients) ever published, newest text's first."""
    seen: dict[str, None] = {}
    for version in newest_first(published):
        register = version.document.cookies if kind == "cookies" else version.document.recipients
        if register is not None:
            rows = register.cookies if kind == "cookies" else register.recipients  # type: ignore[union-attr]
            seen.update((r.id, None) for r in rows)
    return list(seen)


def newest_first(published: Published) -> list[Version]:
    """Every version this build publishes, the draft first."""
    history = published.history
    return [*([history.proposed] if history.proposed else []), *reversed(history.versions)]


def section_ids(published: Published) -> list[str]:
    """Every section ever published, in the order of the newest text, then those since removed."""
    seen: dict[str, None] = {}
    for version in newest_first(published):
        seen.update((s.id, None) for s in version.document.sections)
    return list(seen)


def section_renames(published: Published) -> dict[str, str]:
    """Old section ids whose section goes by another id now, as the redline pairs sections (by
    similarity where the id changed: a file document's heading renamed), each to the id it has in
    the newest text; an old id used again by a later section keeps its own history page."""
    versions = list(reversed(newest_first(published)))
    renamed: dict[str, str] = {}
    previous: tuple[redline.SectionText, ...] = ()
    for version in versions:
        rendered = published.rendered.get(version.slug)
        if rendered is None:
            continue
        sections = redline.document_text(version.document, rendered).sections
        for section in sections:
            renamed.pop(section.id, None)  # in use (again): its own page
        for old, new, by_similarity in redline._pair_sections(previous, sections):
            if by_similarity and old is not None and new is not None:
                renamed[old.id] = new.id
        previous = sections
    resolved: dict[str, str] = {}
    for old, new in renamed.items():
        seen = {old}
        while new in renamed and new not in seen:  # renamed again later: to the newest id
            seen.add(new)
            new = renamed[new]
        if new not in seen:
            resolved[old] = new
    return resolved


def purpose_ids(published: Published) -> list[str]:
    seen: dict[str, None] = {}
    for version in newest_first(published):
        if version.document.purposes is not None:
            seen.update((p.id, None) for p in version.document.purposes.purposes)
    return list(seen)
