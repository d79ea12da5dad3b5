"""`legaldocs diff`: the redline between any two sides of a document, and what a reviewer should know.

A side is a published version (by its effective date, from the published branch's history), a
commit (any git ref: a sha, a branch, a tag, ``origin/main``, ``HEAD~2``), or the working tree.
Plain data in and out, no MkDocs: the CLI reads mkdocs.yml into the one ``loader.SiteOptions``
(``siteconfig.load``: as data, running nothing it names) and formats the ``Diff`` (see ``redline_text``).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import documents, filedoc, history, redline, registers, source, tokens, translation
from .dates import long_date
from .filedoc import FileSpec
from .gitsource import NoHistory, Repository, published_branch
from .loader import OptionsError, SiteOptions, file_documents
from .model import IN_FORCE, Commit, Document, Problem, Revision, Version
from .redline import Change, DocumentText
from .render import Converter
from .words import english

WORKTREE = "WORKTREE"
VERSION, COMMIT, WORKING = "version", "commit", "worktree"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EDITORIAL = "an editorial revision: readers will not be notified; is that intended?"


class DiffError(Exception):
    """Why the diff cannot be made, said in one line; ``code`` 2: bad usage, 1: an invalid document."""

    def __init__(self, message: str, code: int = 2, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.problems = problems


@dataclass(frozen=True)
class Side:
    """One end of the diff: where it comes from, and the document there (None: it does not exist there)."""

    spec: str  # as asked: "2026-01-01", "origin/main", "WORKTREE"
    kind: str  # VERSION, COMMIT or WORKING
    commit: str | None
    document: Document | None
    text: DocumentText
    #: The files read (None: the document does not exist there): a translation's side reads its
    #: source's side at the same commit.
    files: Mapping[str, bytes] | None = field(default=None, repr=False, compare=False)

    @property
    def effective(self) -> date | None:
        return self.document.effective if self.document else None

    @property
    def label(self) -> str:
        """How a reviewer reads it: "origin/main (commit 1a2b3c4)", "the working tree"."""
        if self.kind == WORKING:
            return "the working tree"
        if self.kind == VERSION:
            return f"the version effective {self.spec} (commit {(self.commit or '')[:7]})"
        short = (self.commit or "")[:7]
        if (self.commit or "").startswith(self.spec.lower()):  # asked for by its sha
            return f"commit {short}"
        return f"{self.spec} (commit {short})"

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "spec": self.spec,
            "kind": self.kind,
            "label": self.label,
            "commit": self.commit,
            "exists": d is not None,
            "title": d.title if d else None,
            "effective": d.effective.isoformat() if d else None,
            "summary": d.summary if d else None,
        }


@dataclass(frozen=True)
class Diff:
    slug: str
    shown_as: str  # the document folder, relative to mkdocs.yml: docs/privacy
    base: Side
    head: Side
    change: Change
    warnings: tuple[str, ...]
    today: date
    notice_period: int
    #: The site's ``theme.language``: the words of every format but JSON are in it (words.py).
    language: str = "en"
    #: The language of the text compared (BCP 47): the source's, or a translation's tag ("": the site's).
    text_language: str = ""

    @property
    def written_in(self) -> str:
        """The language of the text compared, as BCP 47 writes it ("pt-BR")."""
        return (self.text_language or self.language).replace("_", "-")

    #: The source's diff only: each translation's own diff (a PR that changes only a translation changes
    #: what its readers see: the redline must show it).
    translations: tuple[Diff, ...] = ()
    #: Whether this is a translation's diff (its JSON has no ``translations``).
    translated: bool = False

    @property
    def title(self) -> str:
        document = self.head.document or self.base.document
        return document.title if document else self.slug

    @property
    def languages(self) -> tuple[Diff, ...]:
        """This diff and its translations' (the source first): every language a reader may read."""
        return (self, *self.translations)

    def to_dict(self) -> dict[str, Any]:
        """The JSON output (schemas/diff.schema.json): ``Change.to_dict()`` with what was compared."""
        extra: dict[str, Any] = {}
        if not self.translated:  # a source: its translations, each an object like this one
            extra["translations"] = [d.to_dict() for d in self.translations]
        return {
            "document": self.slug,
            "language": self.written_in,
            "path": self.shown_as,
            "title": self.title,
            "base": self.base.to_dict(),
            "head": self.head.to_dict(),
            "today": self.today.isoformat(),
            "notice_period": self.notice_period,
            "warnings": list(self.warnings),
            **self.change.to_dict(),
            **extra,
        }


def pick_file(site: SiteOptions, name: str | None) -> tuple[Path, FileSpec] | None:
    """A file document: the one named, else the only document where mkdocs.yml lists only it."""
    files = [d for d in site.documents if isinstance(d, FileSpec)]
    if name is None and len(files) == 1 and len(files) == len(site.documents):
        name = files[0].name
    spec = next((d for d in files if d.name == name), None)
    if spec is None:
        return None
    try:
        path = next(p for s, p in file_documents(site) if s == spec)
    except OptionsError as error:
        raise DiffError(str(error)) from None
    return path, spec


def pick_document(site: SiteOptions, name: str | None) -> Path:
    """The document folder: the one named, else the only one under docs/."""
    if name:
        bare = name.strip("/\\")
        if not bare or bare in (".", "..") or "/" in bare or "\\" in bare:
            raise DiffError(f"--document {name!r}: name a folder directly under {site.docs_dir.name}/, e.g. privacy.")
        if (site.docs_dir / bare).is_symlink():  # as the build: a link could publish any file of the machine
            raise DiffError(f"{site.docs_dir.name}/{bare} is a symbolic link; a document must be a folder in docs/.")
        return site.docs_dir / bare
    found = source.find_documents(site.docs_dir) if site.docs_dir.is_dir() else []
    if any(isinstance(d, str) for d in site.documents):
        found = [f for f in found if f.name in site.documents]
    if not found:
        raise DiffError(f"{site.docs_dir}: no document folders (folders with a document.yml) found.")
    if len(found) > 1:
        names = ", ".join(f.name for f in found)
        raise DiffError(f"there are several documents ({names}): say which with --document DOC.")
    return found[0]


class _Sides:
    """Resolves what the user asked for into sides, reading git at most once per kind of question."""

    def __init__(
        self,
        site: SiteOptions,
        folder: Path,
        today: date,
        spec: FileSpec | None = None,
        source_sides: _Sides | None = None,
        tag: str = "",
    ) -> None:
        self.site, self.folder, self.today, self.spec = site, folder, today, spec
        self.slug = spec.name if spec else folder.name
        #: A translation's: its source's sides (read at the same commits) and its language tag.
        self.source, self.tag = source_sides, tag
        self.language = site.language
        if source_sides is not None:
            self.slug = f"{source_sides.slug}/{translation.address(tag)}"
            self.language = translation.locale_name(tag)
        self._sides: dict[str | None, Side] = {}
        self._published: list[Version] | None = None
        root = site.root.resolve()
        self.shown_as = (
            folder.resolve().relative_to(root).as_posix()
            if folder.resolve().is_relative_to(root)
            else folder.as_posix()
        )
        self.converter = Converter(site.markdown)
        self._repo: Repository | None = None
        self._versions: dict[str, tuple[str, Mapping[str, bytes]]] | None = None
        #: A file document's summary by commit, for each commit of a published version: its first
        #: commit's message, as the build and `legaldocs notice` give it (``filedoc.commit_summaries``).
        self._summaries: dict[str, str] = {}
        self._branch: str | None = None
        #: What the reviewer is told about how the sides were found (a published branch fallen back on).
        self.said: list[str] = []
        #: The commits asked for (shas), where a file document's renames are followed from.
        self.asked: list[str] = []

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            try:
                self._repo = Repository(self.site.root)
            except NoHistory as error:
                raise DiffError(str(error)) from None
        return self._repo

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()

    def rel(self) -> str:
        try:
            return self.repo.relative(self.folder)
        except NoHistory as error:
            raise DiffError(str(error)) from None

    def published_branch(self) -> str:
        """The published branch as a ref, by the build's one rule (``gitsource.published_branch``)."""
        if self._branch is None:
            found = published_branch(self.repo.repo, self.site.branch)
            if found is None:
                wanted = self.site.branch or "main"
                raise DiffError(
                    f"the published branch {wanted!r} does not exist here (nor origin/{wanted}), and no branch "
                    "is checked out; name what to compare, e.g. `legaldocs diff HEAD`, or set "
                    "plugins.legaldocs.branch in mkdocs.yml."
                )
            self._branch = found.ref
            if found.warning is not None:
                self.said.append(f"{found.warning.message} Fix: {found.warning.fix}")
        return self._branch

    def already_published(self, side: Side) -> bool:
        """A version, or a commit on the published branch: its notice was judged when it was published."""
        if side.kind == VERSION:
            return True
        if side.kind != COMMIT or side.commit is None:
            return False
        try:
            tip = self._sha(self.published_branch())
        except DiffError:
            return False
        return tip is not None and bool(self.repo.repo.is_ancestor(side.commit, tip))

    def _sha(self, spec: str) -> str | None:
        import git

        try:
            return str(self.repo.repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}"))
        except git.GitCommandError:
            return None

    def side(self, spec: str | None) -> Side:
        """The side ``spec`` names (read once: a translation's sides read their source's again)."""
        if spec not in self._sides:
            self._sides[spec] = self._side(spec)
        return self._sides[spec]

    def published_versions(self) -> list[Version]:
        """The published branch's versions (a translation names the source version it translates by
        its date); none where there is no published branch."""
        if self._published is None:
            try:
                self.versions()
            except DiffError:
                self._published = []
        return self._published or []

    def reader(self, spec: str | None, *, side: bool = True) -> translation.Reader:
        """A translation's reader at ``spec``: against its source's text at the same side, and the
        source's published versions (which older version it translates, the published branch says)."""
        assert self.source is not None
        versions = {v.effective: v for v in self.source.published_versions()}
        try:
            there = self.source.side(spec) if side else None
        except DiffError:
            there = None
        if there is not None and there.document is not None and there.files is not None:
            stand_in = Commit(there.commit or "", datetime.now(timezone.utc), "", "")
            revision = Revision(stand_in, there.document, dict(there.files))
            versions[there.document.effective] = Version(there.document.effective, (revision,), IN_FORCE)
        ordered = [versions[d] for d in sorted(versions)]
        if self.spec is not None:
            return translation.FileReader(
                self.slug, ordered, self.shown_as, self.source.shown_as, self.language, self.spec
            )
        return translation.Reader(self.slug, ordered, self.shown_as, self.source.shown_as, self.language)

    def _side(self, spec: str | None) -> Side:
        if spec is None or spec == WORKTREE:
            if self.spec is not None:
                return self._load(WORKTREE, WORKING, None, filedoc.read_file(self.folder, self.spec) or None)
            files = source.read_folder(self.folder) if self.folder.is_dir() else None
            return self._load(WORKTREE, WORKING, None, files)
        if spec.startswith("-") or not spec.strip():
            raise DiffError(f"{spec!r} is neither a date, a git ref, nor WORKTREE.")
        if DATE.match(spec):
            return self._version(spec)
        sha = self._sha(spec)
        if sha is None:
            raise DiffError(
                f"{spec!r} is not a git ref or commit here, nor a date (YYYY-MM-DD) nor WORKTREE; "
                "for a remote branch, fetch it first (`git fetch origin`)."
            )
        try:
            at = self.repo.repo.commit(sha)
            files = self._file_at(at) if self.spec else self.repo.files_at(at, self.rel())
        except NoHistory as error:
            raise DiffError(str(error)) from None
        return self._load(spec, COMMIT, sha, files)

    def _file_at(self, at: Any) -> dict[str, bytes] | None:
        """A file document at a commit, found by following the file across renames (the build's rule,
        ``Repository.file_path_at``) from HEAD and from the commits asked for."""
        tips = []
        with contextlib.suppress(ValueError):  # no commit yet
            tips.append(self.repo.repo.head.commit)
        tips += [self.repo.repo.commit(sha) for sha in self.asked]
        path = self.repo.file_path_at(at, self.rel(), tuple(tips))
        return None if path is None else self.repo.file_at(at, path, filedoc.register_paths(self.spec, self.rel()))

    def ask(self, *specs: str | None) -> None:
        """Note the commits asked for, so that each side can follow the file's renames from the other."""
        for spec in specs:
            if spec and spec != WORKTREE and not spec.startswith("-") and not DATE.match(spec):
                sha = self._sha(spec)
                if sha is not None:
                    self.asked.append(sha)

    def _version(self, spec: str) -> Side:
        try:
            wanted = date.fromisoformat(spec)
        except ValueError:
            raise DiffError(f"{spec!r} is not a date (YYYY-MM-DD).") from None
        versions = self.versions()
        if wanted.isoformat() not in versions:
            known = ", ".join(versions) or "none"
            raise DiffError(
                f"no version of {self.shown_as} is effective {spec} on the published branch (its versions: {known})."
            )
        sha, files = versions[wanted.isoformat()]
        return self._load(wanted.isoformat(), VERSION, sha, files, lenient=True)

    def versions(self) -> dict[str, tuple[str, Mapping[str, bytes]]]:
        """The published branch's versions by effective date: each one's last commit and files."""
        if self._versions is None:
            branch = self.published_branch()
            tip = self.repo.repo.commit(self._sha(branch))
            try:
                registers = filedoc.register_paths(self.spec, self.rel())
                walked = self.repo.walk(tip, self.rel(), file=self.spec is not None, registers=registers)
            except NoHistory as error:
                raise DiffError(str(error)) from None
            built = history.build(
                ((s.commit, s.files) for s in walked),
                self._read,
                self.today,
                shown_as=self.shown_as,
                notice_days=self.site.notice_period,
            )
            found = filedoc.commit_summaries(built.history) if self.spec is not None else built.history
            self._summaries = {r.commit.sha: r.document.summary for v in found.versions for r in v.revisions}
            self._versions = {
                v.effective.isoformat(): (v.revisions[-1].commit.sha, v.revisions[-1].files)
                for v in built.history.versions
            }
            self._published = list(built.history.versions)
        return self._versions

    def _read(self, files: Mapping[str, bytes]) -> tuple[Document | None, list[Problem]]:
        if self.source is not None:  # a translation's published versions: against the source's
            reading = self.reader(None, side=False)(files)
            return reading.document, reading.problems
        if self.spec is not None:
            reading = filedoc.read(self.slug, files, self.shown_as, self.spec, self.site.language)
            return reading.document, reading.problems
        return source.read_document(self.slug, files, self.shown_as, self.site.language)

    def _load(
        self, spec: str, kind: str, sha: str | None, files: Mapping[str, bytes] | None, lenient: bool = False
    ) -> Side:
        if files is None:
            return Side(spec, kind, sha, None, DocumentText(()))
        reader = self.reader(spec) if self.source is not None else None
        loaded = documents.load(self.slug, files, self.shown_as, self.converter, self.language, self.spec, reader)
        # A published version stays as it was published, even if today's rules find fault with it.
        usable = loaded.document is not None and loaded.rendered is not None and (lenient or not loaded.problems)
        if not usable:
            where = "the working tree" if kind == WORKING else f"{spec} (commit {(sha or '')[:7]})"
            raise DiffError(
                f"{self.shown_as} in {where} is not a valid document: "
                + english("{count} problems", count=len(loaded.problems))
                + ".",
                1,
                loaded.problems,
            )
        assert loaded.document is not None
        text = redline.document_text(loaded.document, loaded.rendered)
        return Side(spec, kind, sha, loaded.document, text, files)

    def summarised(self, *sides: Side) -> tuple[Side, ...]:
        """One source for the counts: where both sides are commits of a one-file document's published
        versions, each has its version's summary (the first line of the message of the commit that
        started its text), as the pages and `legaldocs notice` give it; else neither has one."""
        if self.spec is None or any(s.commit is None or s.document is None or s.document.summary for s in sides):
            return sides
        with contextlib.suppress(DiffError):
            self.versions()
        if not all(self._summaries.get(s.commit or "") for s in sides):
            return sides
        out = []
        for side in sides:
            assert side.document is not None and side.commit is not None
            summary = self._summaries[side.commit]
            document = replace(side.document, summary=summary, summary_from_commit=True)
            out.append(replace(side, document=document, text=replace(side.text, summary=tokens.normalise(summary))))
        return tuple(out)


class Absent(DiffError):
    """The document is on neither side: for a translation asked for with its source, nothing to show."""


def translations_of(
    site: SiteOptions,
    folder: Path,
    spec: FileSpec | None,
    sides: _Sides | None = None,
    specs: tuple[str | None, ...] = (),
) -> list[tuple[str, Path]]:
    """A document's translations as the build finds them: a folder's ``translations/<lang>/`` folders
    (on disk, and in the commits compared: a pull request may add one the checkout lacks), a file
    document's entry's ``translations``; (language tag, where)."""
    if spec is None:
        found, _ = translation.find(folder, folder.name)
        tags = {f.tag: f.folder for f in found}
        for tag in _committed_tags(sides, specs) if sides is not None else ():
            tags.setdefault(tag, folder / translation.FOLDER / tag)
        return sorted(tags.items())
    root = site.root.resolve()
    return [(tag, Path(os.path.normpath(root / file))) for tag, file in spec.translations]


def _committed_tags(sides: _Sides, specs: tuple[str | None, ...]) -> list[str]:
    """The translation folders a folder document has in the commits ``specs`` name (read from git's trees)."""
    found: list[str] = []
    for spec in specs:
        if not spec or spec == WORKTREE or spec.startswith("-") or DATE.match(spec):
            continue
        sha = sides._sha(spec)
        if sha is None:
            continue
        try:
            tree = sides.repo.repo.commit(sha).tree / sides.rel() / translation.FOLDER
        except (KeyError, DiffError):
            continue
        if tree.type != "tree":
            continue
        found += [t.name for t in tree.trees if translation.TAG.match(t.name) and not translation.taken(t.name)]
    return found


def split_name(name: str | None) -> tuple[str | None, str]:
    """``--document privacy/de`` → (``privacy``, ``de``); a name without a language → (name, "")."""
    if not name:
        return name, ""
    bare = name.strip("/\\")
    head, _, tail = bare.rpartition("/")
    if head and translation.TAG.match(tail) and "/" not in head:
        return head, tail
    return name, ""


def diff(site: SiteOptions, base: str | None, head: str | None, document: str | None, today: date) -> Diff:
    """The redline from ``base`` (None: the published branch) to ``head`` (None: the working tree): of the
    document and of each of its translations (``Diff.translations``), or of the one translation
    ``--document <doc>/<lang>`` names."""
    name, tag = split_name(document)
    try:
        found = pick_file(site, name)
        folder, spec = found if found is not None else (pick_document(site, name), None)
    except DiffError as error:
        if document and (tag or "/" in document.strip("/\\")):
            raise DiffError(f"{error} Here, {unknown(site)}") from None
        raise error
    sides = _Sides(site, folder, today, spec)
    translated: list[_Sides] = []
    try:
        try:
            compared = (base if base is not None else sides.published_branch(), head)
        except DiffError:  # said where the source's sides are read
            compared = (base, head)
        for each, where in translations_of(site, folder, spec, sides, compared):
            if tag and translation.address(each) != translation.address(tag):
                continue
            translated.append(_Sides(site, where, today, spec, sides, each))
        if tag:
            if not translated:
                raise DiffError(f"--document {document!r}: {sides.slug} has no {tag!r} translation; {unknown(site)}")
            return _diff(translated[0], base, head, today)
        source_diff = _diff(sides, base, head, today)
        languages, unread = [], []
        for each_sides in translated:
            try:
                languages.append(_diff(each_sides, base, head, today))
            except Absent:
                continue
            except DiffError as error:  # e.g. a version date the translation has no version of: it lags
                unread.append(f"the translation {each_sides.slug} is not compared: {error}")
        return replace(source_diff, translations=tuple(languages), warnings=(*source_diff.warnings, *unread))
    finally:
        for each_sides in translated:
            each_sides.close()
        sides.close()


def unknown(site: SiteOptions) -> str:
    """What ``--document`` may name: every document and each of its languages."""
    named = []
    folders = source.find_documents(site.docs_dir) if site.docs_dir.is_dir() else []
    listed = [d for d in site.documents if not isinstance(d, FileSpec)]
    for folder in folders:
        if listed and folder.name not in listed:
            continue
        tags = [t for t, _ in translations_of(site, folder, None)]
        named.append(folder.name + "".join(f", {folder.name}/{translation.address(t)}" for t in tags))
    for spec in (d for d in site.documents if isinstance(d, FileSpec)):
        named.append(spec.name + "".join(f", {spec.name}/{translation.address(t)}" for t, _ in spec.translations))
    if not named:
        return "there are no documents here."
    return f"the documents and their languages are {', '.join(named)}."


def _diff(sides: _Sides, base: str | None, head: str | None, today: date) -> Diff:
    site = sides.site
    base = base if base is not None else (sides.source or sides).published_branch()
    if sides.spec is not None:
        sides.ask(base, head)
    base_side, head_side = sides.summarised(sides.side(base), sides.side(head))
    if base_side.document is None and head_side.document is None:
        if sides.source is not None:
            raise Absent(f"the translation {sides.shown_as} is neither in {base_side.label} nor in {head_side.label}.")
        if sides.spec is not None:
            raise DiffError(
                f"the file {sides.shown_as} (document {sides.slug!r}) is neither in {base_side.label} nor in "
                f"{head_side.label}, under this name or any earlier name its history gives; compare commits "
                "where the file exists (`git log --follow -- " + sides.shown_as + "` lists them)."
            )
        raise DiffError(
            f"there is no document {sides.shown_as} in {base_side.label} nor in {head_side.label}; "
            f"check --document and the refs: {unknown(site)}"
        )
    change = redline.compare(base_side.text, head_side.text)
    notice = None if sides.already_published(head_side) else site.notice_period
    recipients = site.recipients_notice if notice is not None else 0
    found = list(sides.said)
    if sides.source is None:  # a translation's dates are its source's: notice is judged there
        found += warnings(sides.shown_as, base_side, head_side, change, today, notice, recipients)
    language = sides.tag or site.source_language(sides.slug)
    return Diff(
        sides.slug,
        sides.shown_as,
        base_side,
        head_side,
        change,
        tuple(found),
        today,
        site.notice_period,
        site.language,
        language,
        translated=sides.source is not None,
    )


def warnings(
    shown_as: str,
    base: Side,
    head: Side,
    change: Change,
    today: date,
    notice_period: int | None,
    recipients_notice: int = 0,
) -> list[str]:
    """What a reviewer should be told before approving: a change without a new version, too short a notice
    (``notice_period`` None: not judged, as for a version already published), too short a notice for a
    new processor or sub-processor (``recipients_notice``; 0: no such rule)."""
    found: list[str] = []
    old, new = base.effective, head.effective
    if old is None or new is None:
        return found
    if new == old:
        if not change.unchanged:
            found.append(
                f"{shown_as}: the text changed but `effective` did not (still {old.isoformat()}): {EDITORIAL} "
                "For a new version, run `legaldocs new-version --effective DATE --summary TEXT`."
            )
        return found
    if notice_period is None:  # already published: judged by history when it was
        return found
    if new < old:
        found.append(
            f"{shown_as}: `effective` goes back from {old.isoformat()} to {new.isoformat()}; a version must take "
            "effect after the one before it, so the build will leave it out. Set a later date."
        )
        return found
    days = (new - today).days
    when = (
        "today"
        if days == 0
        else english("in {count} days", count=days)
        if days > 0
        else english("{count} days ago", count=-days)
    )
    if days < notice_period:
        found.append(
            f"{shown_as}: the new version takes effect on {long_date(new)} ({new.isoformat()}), {when} counted from "
            f"today ({today.isoformat()}), which gives less notice than the notice period of {notice_period} days. "
            f"Set `effective` at least {notice_period} days from the day it is published, or change "
            "plugins.legaldocs.notice_period in mkdocs.yml if a shorter notice is right."
        )
    added = registers.new_processors(base.document, head.document) if head.document else []
    if added and days < recipients_notice:
        names = ", ".join(f"{r.name!r} ({r.role.replace('_', '-')})" for r in added)
        found.append(
            f"{shown_as}: the new version adds {names} to recipients.yml and takes effect on {long_date(new)} "
            f"({new.isoformat()}), {when} counted from today ({today.isoformat()}); a new processor or "
            f"sub-processor needs {recipients_notice} days' notice. Set `effective` at least {recipients_notice} "
            "days from the day it is published, or change plugins.legaldocs.recipients_notice in mkdocs.yml if a "
            "shorter notice is right."
        )
    return found
