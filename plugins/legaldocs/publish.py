"""What one build publishes of one document: its history, its drafts, every version rendered.

Plain data in and out, no MkDocs: the plugin (or any other adapter) decides only URLs and pages.

- Published text comes from git: the first-parent history of the published branch.
- The text at the build's own commit must be valid: its problems are errors. Older commits that
  were invalid are skipped with a warning (they were published like that, and cannot be fixed).
- Edits not on the published branch are one draft ("proposed") version: a branch's own commits
  in a pull-request preview, and, in `mkdocs serve` only, uncommitted edits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import documents, filedoc, history, images, ledger, source, translation
from .gitsource import NoHistory, Repository
from .history import Reader
from .model import IN_FORCE, PROPOSED, UPCOMING, Commit, Document, History, Problem, Version
from .render import Converter, MarkdownOptions, RenderedDocument


@dataclass(frozen=True)
class Settings:
    today: date
    branch: str | None = None
    notice_days: int = 30
    #: Days of notice a version that adds a processor or sub-processor needs (0: no such rule).
    recipients_days: int = 0
    #: True in `mkdocs serve`: uncommitted edits are shown (as a draft) instead of left out.
    include_uncommitted: bool = False
    options: MarkdownOptions = field(default_factory=MarkdownOptions)
    #: Commits (full ids) whose flaws mkdocs.yml acknowledges, with the public reason.
    acknowledged: Mapping[str, str] = field(default_factory=dict)
    #: The last deployed ledger: what is in it is old news, what is not is new.
    ledger: Mapping[str, Any] | None = None
    #: False for `legaldocs check`: the verdict needs the history, not every version's page.
    render_versions: bool = True
    #: The documents' language (theme.language): its direction decides which characters they may hold.
    language: str = "en"


@dataclass
class Published:
    slug: str
    history: History
    #: The rendered text of each version, by version slug (an effective date, or "proposed").
    rendered: dict[str, RenderedDocument]
    #: The rendered text of each revision of a published version, by (version slug, n), n from 1:
    #: r1 is the commit that published the version, the last is the version's text (one render).
    revisions: dict[tuple[str, int], RenderedDocument] = field(default_factory=dict)
    #: Problems in the text this build stands on: nothing may be published.
    errors: list[Problem] = field(default_factory=list)
    #: The errors are in uncommitted edits (`mkdocs serve`): `mkdocs build` would publish the committed
    #: text without them, and warn; False: they are committed, and `mkdocs build` stops on them.
    errors_uncommitted: bool = False
    #: Problems in history that commits cannot undo: logged as errors (so --strict fails), but
    #: the commit is skipped and the rest is published, or no later build could ever pass.
    history_errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: Uncommitted edits this build left out (`mkdocs build`), for `legaldocs check` to check too.
    left_out: dict[str, bytes] | None = None
    #: The warning that said so (`legaldocs check` says it its own way).
    uncommitted_warning: Problem | None = None
    #: Every image the pages of this build show, by its content address's file name (published
    #: once each, under the document's ``_images/``, whatever number of versions show it).
    images: dict[str, bytes] = field(default_factory=dict)

    @property
    def shown(self) -> Version | None:
        """What the current page shows: the version in force, else the latest once in force (a
        translation behind its source), else the first upcoming, else a draft."""
        return translation.shown(self.history) or self.history.proposed

    def version(self, slug: str) -> Version | None:
        return next((v for v in self.versions if v.slug == slug), None)

    @property
    def versions(self) -> list[Version]:
        return [*self.history.versions, *([self.history.proposed] if self.history.proposed else [])]


def _is_new(settings: Settings, slug: str) -> Callable[[Version], bool]:
    """Warnings concern what is new: upcoming versions, and those not yet in the ledger (without
    a ledger, the version in force). The past is shown as facts on the versions page."""
    recorded = ledger.published_dates(settings.ledger, slug)

    def is_new(version: Version) -> bool:
        if version.status == UPCOMING:
            return True
        return version.status == IN_FORCE if recorded is None else version.effective.isoformat() not in recorded

    return is_new


def digest(files: Mapping[str, bytes]) -> str:
    """SHA-256 of a version's files (sources and images): the key for caching its render."""
    return images.files_sha256(files)


class Publisher:
    """Holds the caches (git objects, rendered versions) that `mkdocs serve` reuses."""

    def __init__(self) -> None:
        self.repositories: dict[Path, Repository | NoHistory] = {}
        self.renders: dict[str, documents.Loaded] = {}
        self.histories: dict[tuple[Any, ...], history.Result] = {}
        self.converter = Converter()

    def close(self) -> None:
        for repo in self.repositories.values():
            if isinstance(repo, Repository):
                repo.close()

    def repository(self, folder: Path) -> Repository | NoHistory:
        root = folder.absolute().parent  # the site's own repository, even for a linked folder
        if root not in self.repositories:
            try:
                self.repositories[root] = Repository(root)
            except NoHistory as error:
                self.repositories[root] = error
        return self.repositories[root]

    def load(
        self,
        slug: str,
        files: Mapping[str, bytes],
        shown_as: str,
        options: MarkdownOptions,
        language: str = "en",
        spec: filedoc.FileSpec | None = None,
        reader: translation.Reader | None = None,
    ) -> documents.Loaded:
        if options != self.converter.options:  # mkdocs.yml changed: every render is stale
            self.renders, self.converter = {}, Converter(options)
        # Identical folders are still two documents; one file read two ways is two texts; a
        # translation is read against the source's versions.
        paired = reader.key if reader else ""
        key = f"{slug}\0{shown_as}\0{language}\0{spec!r}\0{paired}\0{digest(files)}"
        if key not in self.renders:
            self.renders[key] = documents.load(slug, files, shown_as, self.converter, language, spec, reader)
        return self.renders[key]

    def publish(
        self,
        folder: Path,
        shown_as: str,
        settings: Settings,
        spec: filedoc.FileSpec | None = None,
        translated: tuple[str, translation.Reader] | None = None,
    ) -> Published:
        """``folder`` is a document folder, or with ``spec`` a file document's one Markdown file; with
        ``translated`` (its slug, ``<doc>/<lang>``, and its reader) a translation's folder."""
        slug = spec.name if spec else folder.name
        reader = None
        if translated is not None:
            slug, reader = translated
            settings = replace(settings, language=reader.language)
        working = filedoc.read_file(folder, spec) if spec else source.read_folder(folder)
        repo = self.repository(folder)
        published = Published(slug, History(()), {})

        def read(files: Mapping[str, bytes]) -> tuple[Document | None, list[Problem]]:
            """Validation for every commit of the history: the sources only, which is cheap."""
            if reader is not None:
                reading = reader(files)
                return reading.document, reading.problems
            if spec:
                reading = filedoc.read(slug, files, shown_as, spec, settings.language)
                return reading.document, reading.problems
            return source.read_document(slug, files, shown_as, settings.language)

        def check(files: Mapping[str, bytes]) -> tuple[Document | None, list[Problem]]:
            """For the text this build stands on: sources and rendering, every problem; its warnings
            are the build's (said once: ``check`` is asked once per build)."""
            loaded = self.load(slug, files, shown_as, settings.options, settings.language, spec, reader)
            published.warnings.extend(w for w in loaded.warnings if w not in published.warnings)
            return loaded.document, list(loaded.problems)

        if isinstance(repo, NoHistory):
            published.warnings.append(Problem(shown_as, None, str(repo)))
            self._without_git(published, working, check, shown_as, settings)
        else:
            try:
                self._from_git(published, repo, folder, working, (read, check), shown_as, settings, spec, reader)
            except NoHistory as error:
                published.warnings.append(Problem(shown_as, None, str(error)))
                self._without_git(published, working, check, shown_as, settings)
        if spec:
            published.history = filedoc.commit_summaries(published.history)
        if settings.render_versions:
            self._render(published, slug, shown_as, settings, spec, reader)
        return published

    def _render(
        self,
        published: Published,
        slug: str,
        shown_as: str,
        settings: Settings,
        spec: filedoc.FileSpec | None = None,
        reader: translation.Reader | None = None,
    ) -> None:
        """Every version's text and, for published versions from git, every revision's: one render
        per revision (the last is the version's), cached by content across serve rebuilds.

        Old texts are rendered leniently: their problems under today's rules were said (or not)
        by history; a revision that cannot be rendered at all gets no page rather than a failed build.
        """
        for version in published.versions:
            files = version.revisions[-1].files
            loaded = self.load(slug, files, shown_as, settings.options, settings.language, spec, reader)
            assert loaded.rendered is not None
            published.rendered[version.slug] = loaded.rendered
            published.images.update(images.copies([version.revisions[-1].files]))
            if version.status == PROPOSED or not published.history.from_git:
                continue  # a draft's commits are not published, and without git there are no commits
            published.images.update(images.copies(r.files for r in version.revisions))
            last = len(version.revisions)
            for n, revision in enumerate(version.revisions, 1):
                if n == last:
                    published.revisions[(version.slug, n)] = loaded.rendered
                    continue
                earlier = self.load(slug, revision.files, shown_as, settings.options, settings.language, spec, reader)
                if earlier.rendered is not None:
                    published.revisions[(version.slug, n)] = earlier.rendered

    def _without_git(
        self,
        published: Published,
        working: dict[str, bytes],
        check: Reader,
        shown_as: str,
        settings: Settings,
    ) -> None:
        document, problems = check(working)
        if problems or document is None:
            published.errors.extend(problems)
            return
        stand_in = Commit("", datetime.combine(settings.today, datetime.min.time(), timezone.utc), "", "")
        result = history.build([(stand_in, working)], check, settings.today, shown_as=shown_as)
        published.history = History(result.history.versions, from_git=False)

    def _from_git(
        self,
        published: Published,
        repo: Repository,
        folder: Path,
        working: dict[str, bytes],
        readers: tuple[Reader, Reader],
        shown_as: str,
        settings: Settings,
        spec: filedoc.FileSpec | None = None,
        reader: translation.Reader | None = None,
    ) -> None:
        read, check = readers
        slug = published.slug
        registers = filedoc.register_paths(spec, repo.relative(folder))
        checkout = repo.checkout(folder, settings.branch, file=spec is not None, registers=registers)
        published.warnings.extend(checkout.warnings)
        tip = checkout.published[-1].commit.sha if checkout.published else ""
        # With the deployed ledger, when each version was published is its evidence, not a git date.
        recorded = ledger.announced_dates(settings.ledger, slug)
        dates = tuple(sorted(recorded.items())) if recorded is not None else None
        key = (
            tip,
            shown_as,
            settings.today,
            settings.notice_days,
            settings.recipients_days,
            dates,
            reader.key if reader else "",
        )
        if key not in self.histories:
            self.histories[key] = history.build(
                ((s.commit, s.files) for s in checkout.published),
                read,
                settings.today,
                shown_as=shown_as,
                notice_days=None if reader else settings.notice_days,
                recipients_days=0 if reader else settings.recipients_days,
                folders=checkout.folders,
                recorded=recorded,
            )
        result = history.judge(self.histories[key].history, _is_new(settings, slug), settings.acknowledged)
        if spec is not None:  # a left-out commit's problems at the path the file had then
            paths = {s.commit.sha: s.path for s in checkout.published}
            at_paths = filedoc.at_their_paths(result.history, paths, repo.relative(folder), shown_as)
            result = replace(result, history=at_paths)
        published.history_errors.extend(result.errors)
        published.warnings.extend(result.warnings)
        built = checkout.head_files
        # Bytes first (most builds stop there), then git's own verdict: its attributes can make a
        # fresh clone differ from the commit without any change (CRLF, `ident`, another encoding).
        uncommitted = not source.same_text(working, built or {}) and repo.uncommitted(
            folder, file=spec is not None, registers=registers
        )
        if uncommitted and not settings.include_uncommitted:
            published.uncommitted_warning = Problem(
                shown_as,
                None,
                "has uncommitted changes; this build leaves them out and publishes the committed text.",
                "commit them to publish them, or preview them with `mkdocs serve`.",
            )
            published.warnings.append(published.uncommitted_warning)
            published.left_out = working
            uncommitted = False
        else:
            built = working if uncommitted else built
        h = result.history
        if built is None:
            published.warnings.append(
                Problem(shown_as, None, "has no commits yet, so there is nothing to publish.", "commit it.")
            )
            published.history = h
            return
        # The text this build stands on must be valid: its problems are errors, not skipped history.
        document, problems = check(built)
        if problems or document is None:
            published.errors.extend(problems)
            published.errors_uncommitted = uncommitted
            # Reported as errors now; a warning that history skips this same commit is noise.
            head = history.at(checkout.head)
            published.warnings = [w for w in published.warnings if w.path != head]
            published.history = h
            return
        if checkout.is_preview or uncommitted:
            h = history.propose(
                h, built, document, checkout.proposed_commits, uncommitted=uncommitted, today=settings.today
            )
        published.history = h
