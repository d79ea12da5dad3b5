"""Commits to versions: plain data in, plain data out, no git and no MkDocs.

A version begins at the commit where `effective` takes a new value; later commits that change
the text without a new `effective` are its revisions. Legal dates (effective) and git dates
(announced, last updated) are kept apart; only the build date decides what is in force.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from . import placeholders, purpose_table
from .dates import long_date
from .model import (
    IN_FORCE,
    PROPOSED,
    SUPERSEDED,
    UPCOMING,
    Commit,
    Document,
    History,
    Problem,
    Revision,
    Skipped,
    Version,
)

#: Reads one tree's files into a Document, or the problems that make it invalid.
Reader = Callable[[Mapping[str, bytes]], tuple[Document | None, list[Problem]]]


@dataclass
class Result:
    history: History
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


def at(commit: Commit) -> str:
    return f"commit {commit.short}"


def build(
    snapshots: Iterable[tuple[Commit, Mapping[str, bytes] | None]],
    read: Reader,
    today: date,
    *,
    shown_as: str,
    notice_days: int = 30,
) -> Result:
    """The published versions from first-parent commits, oldest first."""
    result = Result(History(()))
    groups: list[list[Revision]] = []
    skipped: list[Skipped] = []
    previous: Mapping[str, bytes] | None = None
    for commit, files in snapshots:
        if files is None or files == previous:
            continue  # folder absent, or only files that are not sources changed
        previous = files
        document, problems = read(files)
        if problems or document is None:
            skipped.append(Skipped(commit, tuple(problems)))
            first = str(problems[0]) if problems else "it could not be read"
            result.warnings.append(
                Problem(
                    at(commit),
                    None,
                    f"{shown_as} was invalid at this commit ({len(problems)} problem(s); the first: "
                    f"{first}), so the version history skips it.",
                    "nothing, if a later commit fixed it; the versions page says it was skipped.",
                )
            )
            continue
        revision = Revision(commit, document, dict(files))
        if groups and document.effective == groups[-1][0].document.effective:
            last = groups[-1][-1]
            if fingerprint(document) == fingerprint(last.document):
                # Files moved or renamed, the text unchanged: not a revision, and "last updated"
                # stays; the newer files (and so their anchors) are what the pages show.
                groups[-1][-1] = Revision(last.commit, document, dict(files))
                continue
            groups[-1].append(revision)
        elif problem := _out_of_order(groups, revision):
            result.errors.append(problem)
            skipped.append(Skipped(commit, (problem,)))
        else:
            groups.append([revision])
    versions = _with_status(groups, today)
    result.warnings.extend(_short_notice(versions, notice_days))
    result.history = History(tuple(versions), tuple(skipped))
    return result


def fingerprint(document: Document) -> tuple[object, ...]:
    """What a reader sees, without file names: moving or renaming a file is not a change.

    Cross-references are resolved to the numbers they show, so renaming a section and the
    references to it together changes nothing a reader could notice.
    """

    def readable(body: str) -> str:
        def number(match: re.Match[str]) -> str:
            known = {s.id for s in document.sections}
            target = match["arg"].strip() if match["arg"] else ""
            if match["kind"] in ("section", "Section") and target in known:
                return f"{match['kind']} {document.number(target)}"
            return match[0]

        return placeholders.PATTERN.sub(number, body)

    table = document.purposes
    cells = (
        (table.caption, table.columns, tuple(purpose_table.cells(table, p) for p in table.purposes)) if table else None
    )
    return (
        document.title,
        document.effective,
        document.summary,
        tuple((s.title, readable(s.body)) for s in document.sections),
        cells,
        tuple(sorted(document.facts.items())),
    )


def _out_of_order(groups: list[list[Revision]], revision: Revision) -> Problem | None:
    effective = revision.document.effective
    fix = (
        "give the new version its own `effective` date, later than every earlier version's. A commit "
        "cannot be undone: commit a correction, and this commit stays listed as left out of the history."
    )
    for group in groups:
        if group[0].document.effective == effective:
            return Problem(
                at(revision.commit),
                None,
                f"this commit makes a second version effective {effective.isoformat()}, the same date "
                f"as the version begun at commit {group[0].commit.short}.",
                fix,
            )
    if groups and effective < groups[-1][0].document.effective:
        before = groups[-1][0].document.effective
        return Problem(
            at(revision.commit),
            None,
            f"this commit moves `effective` back from {before.isoformat()} to {effective.isoformat()}.",
            fix,
        )
    return None


def _with_status(groups: list[list[Revision]], today: date) -> list[Version]:
    in_force = max((i for i, g in enumerate(groups) if g[0].document.effective <= today), default=None)

    def status(index: int) -> str:
        if in_force is None or index > in_force:
            return UPCOMING
        return IN_FORCE if index == in_force else SUPERSEDED

    return [Version(g[0].document.effective, tuple(g), status(i)) for i, g in enumerate(groups)]


def _short_notice(versions: list[Version], notice_days: int) -> list[Problem]:
    """A changed policy needs notice: warn when a version was published too close to its date."""
    warnings = []
    for version in versions[1:]:  # the first version replaces nothing, so needs no notice
        days = (version.effective - version.announced).days
        if days < notice_days:
            warnings.append(
                Problem(
                    at(version.revisions[0].commit),
                    None,
                    f"the version effective {long_date(version.effective)} reached the published "
                    f"branch on {long_date(version.announced)}, {notice_words(days)}; "
                    f"the notice period is {notice_days} days.",
                    f"set `effective` at least {notice_days} days after publishing, or change "
                    "plugins.legaldocs.notice_period in mkdocs.yml if a shorter notice is right.",
                )
            )
    return warnings


def notice_words(days: int) -> str:
    """How much notice a version had, in words: never "-24 day(s)"."""
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} after it took effect"
    if days == 0:
        return "on the day it takes effect"
    return f"{days} day{'s' if days != 1 else ''} before it takes effect"


def propose(
    history: History,
    files: Mapping[str, bytes],
    document: Document,
    commits: tuple[Commit, ...],
    *,
    uncommitted: bool,
    today: date,
) -> History:
    """Add what is not yet on the published branch as one draft version, never in force.

    ``commits`` are the branch's own (newest first); edits not committed yet get a stand-in
    revision dated ``today``.
    """
    if history.versions and dict(files) == history.versions[-1].revisions[-1].files:
        return history
    revisions = [Revision(c, document, dict(files)) for c in reversed(commits)]
    if uncommitted or not revisions:
        stand_in = Commit("", datetime.combine(today, time(), timezone.utc), "", "Uncommitted changes")
        revisions.append(Revision(stand_in, document, dict(files)))
    proposed = Version(document.effective, tuple(revisions), PROPOSED)
    return History(history.versions, history.skipped, proposed, history.from_git)


def is_uncommitted(revision: Revision) -> bool:
    return not revision.commit.sha
