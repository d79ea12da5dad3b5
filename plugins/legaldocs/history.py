"""Commits to versions: plain data in, plain data out, no git and no MkDocs.

A version begins at the commit where `effective` takes a new value; later commits that change
the text without a new `effective` are its revisions. Legal dates (effective) and git dates
(announced, last updated) are kept apart; only the build date decides what is in force.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timezone

from . import images, placeholders, purpose_table, registers, source
from .dates import long_date
from .model import (
    IN_FORCE,
    PROPOSED,
    SUPERSEDED,
    UPCOMING,
    Commit,
    Document,
    Finding,
    History,
    Problem,
    Revision,
    Skipped,
    Version,
)
from .words import english

#: Reads one tree's files into a Document, or the problems that make it invalid.
Reader = Callable[[Mapping[str, bytes]], tuple[Document | None, list[Problem]]]


@dataclass
class Result:
    history: History
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


def at(commit: Commit) -> str:
    return f"commit {commit.short}"


#: A git trailer that names a person: `Signed-off-by:`, `Co-authored-by:`, `Reviewed-by:` … and `Cc:`.
_NAMING_TRAILER = re.compile(r"[A-Za-z0-9-]*-by:|Cc:", re.IGNORECASE)


def public_message(message: str | bytes) -> str:
    """A commit message as the public pages show it: its first line that is not a trailer naming
    someone (trailers carry names and e-mail addresses: personal data, not the change)."""
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    for line in text.splitlines():
        line = line.strip()
        if line and not _NAMING_TRAILER.match(line):
            return line
    return ""


@dataclass
class _Group:
    """The commits of one version, valid or not, in order."""

    effective: date
    valid: list[Revision] = field(default_factory=list)
    invalid: list[tuple[Revision, tuple[Problem, ...]]] = field(default_factory=list)


def build(
    snapshots: Iterable[tuple[Commit, Mapping[str, bytes] | None]],
    read: Reader,
    today: date,
    *,
    shown_as: str,
    notice_days: int | None = 30,
    recipients_days: int = 0,
    is_new: Callable[[Version], bool] | None = None,
    acknowledged: Mapping[str, str] | None = None,
    folders: Iterable[str] = (),
    recorded: Mapping[str, date | None] | None = None,
) -> Result:
    """The published versions from first-parent commits, oldest first.

    Nothing that was published is dropped for a rule added later: a version none of whose
    commits passes today's rules is published from its last readable commit, its problems
    shown as facts. Findings become warnings (or errors) only for versions ``is_new`` accepts
    (default: upcoming and in force) and commits that ``acknowledged`` (full commit id → reason)
    does not name; the rest are facts for the versions page. ``folders`` are the paths the
    document's folder had (gitsource follows a rename), kept in the history. ``recorded`` is the
    deployed ledger's evidence of when each version was published (``ledger.announced_dates``).
    """
    groups: list[_Group] = []
    skipped: list[Skipped] = []
    findings: list[Finding] = []
    previous: Mapping[str, bytes] | None = None
    place: dict[str, int] = {}  # each commit's place in the history: what came after what
    belongs: dict[str, date | None] = {}  # an invalid commit's version: what would correct it
    valid: dict[date, list[Commit]] = {}  # each version's valid commits, in order
    for commit, files in snapshots:
        if files is None or files == previous:
            continue  # folder absent, or only files that are not sources changed
        previous = files
        place[commit.sha] = len(place)
        document, problems = read(files)
        if commit.backdated:
            readable = document is not None and document.effective != date.min
            findings.append(_backdated(commit, document.effective if document and readable else None))
        if document is None or document.effective == date.min:
            hint = effective_hint(files)
            undated = document is not None
            skipped.append(Skipped(commit, tuple(problems), readable=False, effective=hint, undated=undated))
            findings.append(_skipped_finding(commit, problems, groups, shown_as))
            belongs[commit.sha] = hint or (groups[-1].effective if groups else None)
            continue
        revision = Revision(commit, document, dict(files))
        if not (groups and document.effective == groups[-1].effective):
            if problem := _out_of_order(groups, revision):
                skipped.append(Skipped(commit, (problem,), effective=document.effective, out_of_order=True))
                findings.append(Finding(problem, commit, groups[-1].effective, error=True))
                continue
            groups.append(_Group(document.effective))
        group = groups[-1]
        if problems:
            group.invalid.append((revision, tuple(problems)))
            belongs[commit.sha] = group.effective
            continue
        valid.setdefault(group.effective, []).append(commit)  # a revision or not: a correction may restore the text
        if group.valid and reads_the_same(revision, group.valid[-1]):
            # Files moved or renamed, the text unchanged: not a revision, and "last updated"
            # stays; the newer files (and so their anchors) are what the pages show.
            group.valid[-1] = Revision(group.valid[-1].commit, document, dict(files))
        else:
            group.valid.append(revision)
    versions = []
    for group in groups:
        if group.valid:
            for revision, problems in group.invalid:
                skipped.append(Skipped(revision.commit, problems))
                findings.append(_skipped_finding(revision.commit, problems, [group], shown_as))
            versions.append((tuple(group.valid), ()))
        else:  # published as it was: the last readable commit, rendered leniently
            *earlier, (last, problems) = group.invalid
            skipped.extend(Skipped(r.commit, p) for r, p in earlier)
            versions.append(((last,), problems))
    # A mistake a later commit of the same version corrected asks nothing of anyone: a fact, not a warning.
    fixed: dict[str, Commit] = {}
    for sha, effective in belongs.items():
        later = (c for c in valid.get(effective, []) if place[c.sha] > place[sha]) if effective else iter(())
        if (fix := next(later, None)) is not None:
            fixed[sha] = fix
    valid_at = {place[c.sha]: c for commits in valid.values() for c in commits}
    skipped = [
        replace(s, next_valid=valid_at.get(place[s.commit.sha] + 1)) if s.undated and s.commit.sha in place else s
        for s in skipped
    ]
    skipped = [replace(s, fixed_by=fixed.get(s.commit.sha)) for s in skipped]
    # An undated commit the very next commit left valid was corrected by it, whatever its date says
    # (the versions page says so, "The next commit … corrected it"; check must not say otherwise).
    corrected = set(fixed) | {s.commit.sha for s in skipped if s.undated and s.next_valid is not None}
    findings = [replace(f, fixed=not f.error and f.commit.sha in corrected) for f in findings]
    dated = _with_status(versions, today)
    if recorded is not None:
        dated = [replace(v, recorded=_recorded(v, recorded, today)) for v in dated]
    if notice_days is not None:  # None: a translation, whose notice is its source's
        findings.extend(_short_notice(dated, notice_days, shown_as))
    findings.extend(_short_recipients_notice(dated, recipients_days, shown_as))
    skipped.sort(key=lambda s: s.commit.date)
    found = History(tuple(dated), tuple(skipped), findings=tuple(findings), folders=tuple(folders))
    return judge(found, is_new, acknowledged)


_EFFECTIVE = re.compile(rb"^effective:[ \t]*[\"']?(\d{4}-\d{2}-\d{2})[\"']?[ \t]*(?:#.*)?$", re.M)


def effective_hint(files: Mapping[str, bytes]) -> date | None:
    """The `effective` date of a document.yml that cannot be read as YAML, if one line plainly says it."""
    match = _EFFECTIVE.search(files.get(source.DOCUMENT_FILE, b"")[: 1 << 20])
    try:
        return date.fromisoformat(match[1].decode()) if match else None
    except ValueError:
        return None


def judge(
    history: History,
    is_new: Callable[[Version], bool] | None = None,
    acknowledged: Mapping[str, str] | None = None,
) -> Result:
    """Which findings are said now: errors until acknowledged, warnings only about new versions."""
    new = is_new or (lambda v: v.status in (IN_FORCE, UPCOMING))
    by_date = {v.effective: v for v in history.versions}
    result = Result(history)
    findings = []
    for finding in history.findings:
        reason = (acknowledged or {}).get(finding.commit.sha, "")  # by full id: a prefix can be forged
        finding = replace(finding, acknowledged=reason)
        findings.append(finding)
        version = by_date.get(finding.version) if finding.version else None
        # A history error (a date out of order) stands until acknowledged; a warning about an old
        # version, or a mistake a later commit corrected, is a fact for the versions page, not
        # something an editor can still act on.
        if reason or finding.fixed or (not finding.error and version is not None and not new(version)):
            continue
        (result.errors if finding.error else result.warnings).append(finding.problem)
    result.history = replace(history, findings=tuple(findings))
    return result


def _skipped_finding(
    commit: Commit, problems: list[Problem] | tuple[Problem, ...], groups: list[_Group], shown_as: str
) -> Finding:
    # The problem without its own fix: that one is for the working copy ("write the date …"), and a
    # commit cannot be rewritten.
    first = f"{problems[0].where}: {problems[0].message}" if problems else "it could not be read"
    problem = Problem(
        at(commit),
        None,
        f"{shown_as} was invalid at this commit ({english('{count} problems', count=len(problems))}; "
        f"the first: {first}), so the version history skips it, and no later commit of the same version "
        "corrected it.",
        "a commit cannot be undone: acknowledge the commit in mkdocs.yml (plugins.legaldocs.acknowledge: "
        f"`- commit: {commit.sha}` with a `reason:`, shown publicly on the versions page), or leave it "
        "and it stays skipped, listed on the versions page as left out of the history.",
    )
    return Finding(problem, commit, groups[-1].effective if groups else None)


def reads_the_same(a: Revision, b: Revision) -> bool:
    """What a reader sees is the same: the text (``fingerprint``, blank lines and spaces around each
    section's text aside) and the images, by content."""
    return _seen(a.document) == _seen(b.document) and images.sha256(a.files) == images.sha256(b.files)


_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def _seen(document: Document) -> tuple[object, ...]:
    """``fingerprint`` of the text as a reader sees it: blank lines before a section's text and
    whitespace after it (a trailing blank line at the end of the file) show nothing. Only here:
    the ledger's fingerprints stay those of the text as written."""
    sections = tuple(replace(s, body=_BLANK_LINES.sub("", s.body).rstrip()) for s in document.sections)
    return fingerprint(replace(document, sections=sections))


def _recorded(version: Version, recorded: Mapping[str, date | None], today: date) -> date | None:
    """When a deployed build first recorded ``version``: the ledger's date; a version the ledger
    lacks is recorded by this build, today."""
    return recorded.get(version.effective.isoformat(), today)


def _backdated(commit: Commit, version: date | None) -> Finding:
    assert commit.parent_date is not None
    problem = Problem(
        at(commit),
        None,
        f"this commit is dated {long_date(commit.date.date())}, before the commit it follows "
        f"({long_date(commit.parent_date.date())}): its date was set by hand or by a wrong clock, so it "
        "says nothing about when the text was published.",
        "nothing to undo; give the build the deployed ledger (plugins.legaldocs.ledger), whose dates are "
        "when each version was first published, so the notice period is measured from them.",
    )
    return Finding(problem, commit, version)


def fingerprint(document: Document) -> tuple[object, ...]:
    """What a reader sees, without file names: moving or renaming a file is not a change.

    Cross-references are resolved to the numbers they show, so renaming a section and the
    references to it together changes nothing a reader could notice.

    A translation's (``Document.language``) is its own words only: title, date, summary and the
    sections it translates, as written. What it takes from the source (numbers, facts' values, the
    table's rows, untranslated sections) is the source's record, so a revision of the source makes
    no revision of the translation, and the ledger's hash of a translation never changes under it.
    """
    if document.language:
        own = tuple((s.title, s.body) for s in document.sections if s.id not in document.untranslated)
        kept = (document.title, document.effective, document.summary, own)
        # Its words in the table and registers too, where it has any: a change of them is a change readers see.
        return (*kept, document.translated_texts) if document.translated_texts else kept

    def readable(body: str) -> str:
        def words(match: re.Match[str]) -> str:
            # Only cross-references: facts stay as written (their values are part of the
            # fingerprint on their own), so the ledger's fingerprints never change with a release.
            target = match["arg"].strip() if match["arg"] else ""
            if match["kind"] not in ("section", "Section"):
                return match[0]
            return placeholders.reading(match["kind"], target, document) or match[0]

        return placeholders.PATTERN.sub(words, body)

    table = document.purposes.recorded if document.purposes else None  # legaldocs' own words in English
    cells = (
        (table.caption, table.columns, tuple(purpose_table.cells(table, p) for p in table.purposes)) if table else None
    )
    kept = (
        document.title,
        document.effective,
        document.summary,
        tuple((s.title, readable(s.body)) for s in document.sections),
        cells,
        tuple(sorted(document.facts.items())),
    )
    # Only a version with registers has them in its fingerprint: every earlier one keeps the
    # fingerprint (and the ledger's hash) it was recorded with.
    return (*kept, registers_fingerprint(document)) if document.cookies or document.recipients else kept


def registers_fingerprint(document: Document) -> tuple[object, ...]:
    """Every value of the cookies and recipients registers, in order, as plain text."""
    cookies = document.cookies
    recipients = document.recipients
    return (
        (
            cookies.caption,
            tuple((c.id, c.consent, c.label) for c in cookies.categories),
            tuple(
                (c.id, c.name, c.provider, c.party, c.category, c.duration.written, c.purpose, c.purposes, c.domain)
                for c in cookies.cookies
            ),
        )
        if cookies
        else None,
        (
            recipients.caption,
            tuple(
                (
                    r.id,
                    r.name,
                    r.role,
                    r.service,
                    r.location,
                    r.transfer,
                    r.purposes,
                    r.since.isoformat() if r.since else "",
                )
                for r in recipients.recipients
            ),
        )
        if recipients
        else None,
    )


def _out_of_order(groups: list[_Group], revision: Revision) -> Problem | None:
    effective = revision.document.effective
    fix = (
        "give the new version its own `effective` date, later than every earlier version's. A commit "
        "cannot be undone: commit a correction, and this commit stays listed as left out of the history."
    )
    for group in groups:
        if group.effective == effective:
            first = (group.valid or [r for r, _ in group.invalid])[0]
            return Problem(
                at(revision.commit),
                None,
                f"this commit makes a second version effective {effective.isoformat()}, the same date "
                f"as the version begun at commit {first.commit.short}.",
                fix,
            )
    if groups and effective < groups[-1].effective:
        before = groups[-1].effective
        return Problem(
            at(revision.commit),
            None,
            f"this commit moves `effective` back from {before.isoformat()} to {effective.isoformat()}.",
            fix,
        )
    return None


def _with_status(versions: list[tuple[tuple[Revision, ...], tuple[Problem, ...]]], today: date) -> list[Version]:
    effective = [revisions[0].document.effective for revisions, _ in versions]
    in_force = max((i for i, e in enumerate(effective) if e <= today), default=None)

    def status(index: int) -> str:
        if in_force is None or index > in_force:
            return UPCOMING
        return IN_FORCE if index == in_force else SUPERSEDED

    return [Version(effective[i], revisions, status(i), problems) for i, (revisions, problems) in enumerate(versions)]


def _notice_fix(version: Version, days: int, option: str, shown_as: str) -> str:
    """What an editor can do about too short a notice: move the date while the version is upcoming;
    once it is in force the date is history, so acknowledge the commit or lower the option."""
    if version.status == UPCOMING:
        return (
            f"set `effective` at least {days} days after publishing, or change "
            f"plugins.legaldocs.{option} in mkdocs.yml if a shorter notice is right."
        )
    sha = version.revisions[0].commit.sha
    return (
        f"the version is already in force, so its date in {shown_as} stays. Acknowledge commit {sha[:7]} "
        f"in mkdocs.yml (plugins.legaldocs.acknowledge: `- commit: {sha}` with a `reason:`, shown publicly "
        f"on the versions page), or lower plugins.legaldocs.{option} in mkdocs.yml if your policy "
        "promises less notice."
    )


def _short_notice(versions: list[Version], notice_days: int, shown_as: str = "the document") -> list[Finding]:
    """A changed policy needs notice: said when a version was published too close to its date."""
    findings = []
    for version in versions[1:]:  # the first version replaces nothing, so needs no notice
        days = notice_days_of(version)
        if days < notice_days:
            problem = Problem(
                at(version.revisions[0].commit),
                None,
                f"the version effective {long_date(version.effective)} reached the published "
                f"branch on {long_date(version.announced)}, {notice_words(days)}; "
                f"the notice period is {notice_days} days.",
                _notice_fix(version, notice_days, "notice_period", shown_as),
            )
            findings.append(Finding(problem, version.revisions[0].commit, version.effective))
    return findings


def _short_recipients_notice(
    versions: list[Version], notice_days: int, shown_as: str = "the document"
) -> list[Finding]:
    """A new processor or sub-processor needs its own notice (``recipients_notice``; 0: none)."""
    findings = []
    for before, version in itertools.pairwise(versions) if notice_days else ():
        days = notice_days_of(version)
        added = registers.new_processors(before.document, version.document)
        if added and days < notice_days:
            names = ", ".join(f"{r.name!r} ({r.role.replace('_', '-')})" for r in added)
            problem = Problem(
                at(version.revisions[0].commit),
                None,
                f"the version effective {long_date(version.effective)} adds {names} to recipients.yml and "
                f"reached the published branch on {long_date(version.announced)}, {notice_words(days)}; "
                f"a new processor or sub-processor needs {notice_days} days' notice.",
                _notice_fix(version, notice_days, "recipients_notice", shown_as),
            )
            findings.append(Finding(problem, version.revisions[0].commit, version.effective))
    return findings


def notice_days_of(version: Version) -> int:
    """Days between reaching the published branch and taking effect (negative: after)."""
    return (version.effective - version.announced).days


def notice_words(days: int, t: Callable[..., str] = english) -> str:
    """How much notice a version had, in words (``t``: the build log's English, or a notice's language):
    never a negative number of days."""
    if days < 0:
        return t("{count} days after it took effect", count=-days)
    if days == 0:
        return t("on the day it takes effect")
    return t("{count} days before it takes effect", count=days)


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
    return replace(history, proposed=proposed)


def is_uncommitted(revision: Revision) -> bool:
    return not revision.commit.sha


#: How many versions the ``{{ versions }}`` list shows before "N earlier versions: see the history".
LISTED_VERSIONS = 10


class Timeline:
    """One history indexed once, so that each page's questions cost O(1) or O(listed), not O(history).

    A build makes a page per version; anything a page works out by scanning the whole history
    makes the build quadratic. Plain data in and out, like the rest of this module.
    """

    def __init__(self, history: History) -> None:
        self.history = history
        self.versions = history.versions
        self.effective = [v.effective for v in history.versions]  # strictly increasing: see _out_of_order
        self.position = {v.slug: i for i, v in enumerate(history.versions)}
        self.by_slug: dict[str, Version] = {v.slug: v for v in history.versions}
        if history.proposed is not None:
            self.by_slug[history.proposed.slug] = history.proposed
        self.current = history.current
        self.upcoming = history.upcoming
        #: Newest first, the draft first: the versions page's order.
        self.newest_first: tuple[Version, ...] = (
            *((history.proposed,) if history.proposed is not None else ()),
            *reversed(history.versions),
        )

    def version(self, slug: str) -> Version | None:
        return self.by_slug.get(slug)

    def next_after(self, version: Version) -> Version | None:
        """The first published version effective after ``version``: the one that superseded it."""
        i = bisect.bisect_right(self.effective, version.effective)
        return self.versions[i] if i < len(self.versions) else None

    def before(self, version: Version) -> Version | None:
        """The version a version's changes are against: the one before it; for a draft, the published
        branch's latest text (an upcoming version included): what the pull request changes, as
        `legaldocs diff <published branch> HEAD` shows it. The draft against the text in force is
        the compare page's (route "compare-current")."""
        if version.status == PROPOSED:
            return self.versions[-1] if self.versions else None
        i = self.position.get(version.slug, 0)
        return self.versions[i - 1] if i else None

    def as_of(self, version: Version, limit: int = LISTED_VERSIONS) -> tuple[list[Version], int]:
        """The versions a reader of ``version`` could know of, newest first, at most ``limit`` of
        them, and how many earlier ones are left out: those effective on or before it (a draft
        adds itself, in place of a published version of the same date). A permalink is frozen:
        a version published later never appears in an earlier one's text."""
        if version.status == PROPOSED:
            end = bisect.bisect_left(self.effective, version.effective)
            own = [version]
        else:
            end = bisect.bisect_right(self.effective, version.effective)
            own = []
        room = max(limit - len(own), 0)
        start = max(end - room, 0)
        return [*own, *reversed(self.versions[start:end])], start
