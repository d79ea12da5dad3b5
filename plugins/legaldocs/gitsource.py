"""A document folder's history read from git with GitPython, in one walk per build.

One `git rev-list --first-parent` per published branch tip; every object after that comes
through GitPython's one long-running `git cat-file --batch`, and a folder tree or file already
read (by its object id) is never read again, across `mkdocs serve` rebuilds too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

# Without the git program GitPython fails at import; here that is "no history", said plainly.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
import git

from . import source
from .history import public_message
from .model import Commit, Problem


class NoHistory(Exception):
    """Git history cannot be read here; the message says why and how to fix it."""


#: A file document's register files: (their key in its files mapping, their path in the repository).
Registers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Snapshot:
    commit: Commit
    #: Source files of the document at this commit; None where the folder does not exist.
    files: dict[str, bytes] | None
    #: The folder's path in the repository at this commit (a renamed folder had another).
    folder: str = ""
    #: A file document's path in the repository at this commit (a renamed file had another).
    path: str = ""


@dataclass(frozen=True)
class Checkout:
    """Where the build stands: what is published, and what is only proposed."""

    published: tuple[Snapshot, ...]  # first-parent history of the published branch, oldest first
    head: Commit
    head_files: dict[str, bytes] | None  # the document as committed at HEAD
    #: Commits on the branch being built that the published branch lacks (a pull-request preview).
    proposed_commits: tuple[Commit, ...]
    branch: str
    warnings: tuple[Problem, ...] = ()

    @property
    def is_preview(self) -> bool:
        return bool(self.proposed_commits)

    @property
    def folders(self) -> tuple[str, ...]:
        """Every path the document's folder had in the published history, oldest first."""
        return tuple(dict.fromkeys(s.folder for s in self.published if s.folder))


#: Git allows any number of seconds and any time-zone text; Python's dates end at year 9999.
_FIRST, _LAST = datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(9999, 12, 31, tzinfo=timezone.utc)
_SYMLINK, _GITLINK = 0o120000, 0o160000


def _commit(c: git.Commit, odd_dates: dict[str, Problem] | None = None) -> Commit:
    """A commit as plain data; an impossible date (forged, or a broken clock) is clamped and said."""
    try:
        when = c.committed_datetime
    except (ValueError, OverflowError, OSError):
        seconds = c.committed_date if isinstance(c.committed_date, int) else 0
        when = _LAST if seconds > 0 else _FIRST
        if odd_dates is not None:
            odd_dates[c.hexsha] = Problem(
                f"commit {c.hexsha[:7]}",
                None,
                f"the commit's date cannot be read (timestamp {seconds}); it is shown as {when.date().isoformat()}.",
                "nothing to do if the commit is old; otherwise commit again with the clock set right.",
            )
    return Commit(c.hexsha, when, str(c.author.name or ""), public_message(c.message), _parent_date(c))


def _parent_date(c: git.Commit) -> datetime | None:
    """The first parent's date, to tell a commit dated before it; None where it cannot be read
    (a first commit, the edge of a shallow clone, an impossible date)."""
    try:
        return c.parents[0].committed_datetime if c.parents else None
    except (ValueError, OverflowError, OSError, git.GitError, git.exc.ODBError):
        return None


class Repository:
    """One git repository, with the caches that make rebuilds cheap. Keep it between builds."""

    def __init__(self, path: Path) -> None:
        try:
            git.Git().version_info  # noqa: B018 - fails here, not halfway through, without git
        except (git.GitCommandNotFound, git.GitCommandError) as error:
            raise NoHistory(
                "the git program is not installed, so the documents have no version history; only the "
                "current text is published. Fix: install git (e.g. `apt-get install git`)."
            ) from error
        try:
            self.repo = git.Repo(path, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
            raise NoHistory(
                f"{path} is not in a git repository, so the documents have no version history; "
                "only the current text is published. Fix: build from a git clone of the repository."
            ) from error
        if self.repo.working_tree_dir is None:
            raise NoHistory(
                f"{path} is in a bare git repository, so the documents have no version history. "
                "Fix: build from a clone with a work tree."
            )
        self.root = Path(self.repo.working_tree_dir).resolve()
        self._trees: dict[str, dict[str, bytes]] = {}
        self._blobs: dict[str, bytes] = {}
        #: The images under a tree (by its id and its path in the folder), read by ``_images``.
        self._image_trees: dict[tuple[str, str], dict[str, bytes]] = {}
        #: A file document with its images, by the commit's tree and the file's path.
        self._file_trees: dict[tuple[str, str, Registers], dict[str, bytes] | None] = {}
        self._walks: dict[tuple[str, str], tuple[Snapshot, ...]] = {}
        #: The paths a walk followed (the current one first, then each earlier name), by the walk's key.
        self._names: dict[tuple[str, str], tuple[str, ...]] = {}
        #: Commits whose date could not be read, by sha: said once, with the rest of the warnings.
        self.odd_dates: dict[str, Problem] = {}

    def close(self) -> None:
        self.repo.close()

    def relative(self, folder: Path) -> str:
        try:
            return folder.resolve().relative_to(self.root).as_posix()
        except ValueError as error:  # e.g. a document folder linked in from elsewhere
            raise NoHistory(
                f"{folder} is outside the git repository at {self.root}, so it has no version history "
                "here; only the current text is published. Fix: keep the document in the repository."
            ) from error

    @property
    def is_shallow(self) -> bool:
        return (Path(self.repo.git_dir) / "shallow").exists()

    def checkout(self, folder: Path, branch: str | None, *, file: bool = False, registers: Registers = ()) -> Checkout:
        """The published history of ``folder`` (or, ``file``, of one Markdown file: a file document,
        with its ``registers``: ``filedoc.register_paths``) and what the branch being built proposes."""
        try:
            head = self.repo.head.commit
        except ValueError as error:
            raise NoHistory(
                "the git repository has no commits yet, so there is no published version. Fix: commit the documents."
            ) from error
        warnings: list[Problem] = []
        if self.is_shallow:
            warnings.append(
                Problem(
                    str(self.root),
                    None,
                    "this is a shallow git clone, so older versions are missing from the history.",
                    shallow_fix(os.environ),
                )
            )
        published, name = self._published(branch, head, warnings)
        rel = self.relative(folder)
        if published == head or self.repo.is_ancestor(head, published):
            point, proposed = head, ()
        else:
            point = published
            paths = [rel, *(self._named(head, rel) if file else ())]
            proposed = tuple(
                self._commit(c)
                for c in self.repo.iter_commits(
                    f"{published.hexsha}..{head.hexsha}", paths=[*paths, *(p for _, p in registers)]
                )
            )
        walked = self.walk(point, rel, file=file, registers=registers)
        seen = {s.commit.sha for s in walked} | {c.sha for c in proposed} | {head.hexsha}
        warnings.extend(problem for sha, problem in self.odd_dates.items() if sha in seen)
        return Checkout(
            published=walked,
            head=self._commit(head),
            head_files=self.file_at(head, rel, registers) if file else self.files_at(head, rel),
            proposed_commits=proposed,
            branch=name,
            warnings=tuple(warnings),
        )

    def uncommitted(self, folder: Path, *, file: bool = False, registers: Registers = ()) -> bool:
        """Whether git sees uncommitted changes to the document's sources (edited, staged, new or deleted).

        Asked only when the files on disk differ from the commit byte for byte: git's attributes
        (`eol=crlf`, `ident`, `working-tree-encoding`) make a fresh clone differ so, and only git
        knows whether that is a change. No optional lock: a build never writes to the repository.
        """
        rel = self.relative(folder)
        try:
            out = self.repo.git.status(
                "--porcelain=v1",
                "-z",
                "--untracked-files=all",
                "--no-renames",
                "--",
                rel,
                *(p for _, p in registers),
                env={"GIT_OPTIONAL_LOCKS": "0"},
            )
        except git.GitCommandError:
            return True  # git cannot say: the bytes differ, so the text is taken as changed
        prefix = f"{rel}/" if rel not in ("", ".") else ""
        for entry in out.split("\0"):
            path = entry[3:]
            if file and (path == rel or any(path == p for _, p in registers)):
                return True
            if path.startswith(prefix) and source.is_source(path[len(prefix) :]):
                return True
        return False

    def _published(self, branch: str | None, head: git.Commit, warnings: list[Problem]) -> tuple[git.Commit, str]:
        found = published_branch(self.repo, branch)
        if found is None:  # a detached HEAD and no published branch: what is built is all there is
            wanted = branch or "main"
            warnings.append(
                Problem(
                    "mkdocs.yml",
                    None,
                    f"the published branch {wanted!r} does not exist here (nor origin/{wanted}); this build "
                    "treats the commit being built as published.",
                    f"fetch {wanted} (in CI: actions/checkout with fetch-depth: 0), or set "
                    "plugins.legaldocs.branch to the branch you publish from.",
                )
            )
            return head, "HEAD"
        if found.warning is not None:
            warnings.append(found.warning)
        return self.repo.commit(found.ref), found.name

    def _commit(self, c: git.Commit) -> Commit:
        return _commit(c, self.odd_dates)

    def walk(self, tip: git.Commit, rel: str, *, file: bool = False, registers: Registers = ()) -> tuple[Snapshot, ...]:
        """First-parent commits that touched the folder (or the file, or one of its ``registers``),
        oldest first; cached by tip. A file's registers stay where they are when the file is renamed."""
        key = (tip.hexsha, rel, registers) if registers else (tip.hexsha, rel)
        if key not in self._walks:
            snapshots: list[Snapshot] = []
            names = [rel]
            paths = [p for _, p in registers]
            while True:
                commits = list(self.repo.iter_commits(tip, paths=[rel, *paths], first_parent=True))
                if file and commits:
                    commits = self._with_images(tip, rel, commits, paths)
                folder = "" if file else rel
                path = rel if file else ""
                read = [self.file_at(c, rel, registers) if file else self.files_at(c, rel) for c in commits]
                snapshots[:0] = [
                    Snapshot(self._commit(c), files, folder, path)
                    for c, files in zip(reversed(commits), reversed(read), strict=True)
                ]
                first = commits[-1] if commits else None
                if registers:  # where the file began here: a commit of a register alone may come before it
                    first = next((c for c, f in zip(reversed(commits), reversed(read), strict=True) if f), None)
                moved = self._moved_from(first, rel, file=file) if first is not None else None
                if moved is None:
                    break
                tip, rel = moved  # the history of the same document, under its earlier name
                names.append(rel)
            self._walks[key] = tuple(snapshots)
            self._names[key] = tuple(dict.fromkeys(names))
        return self._walks[key]

    def _with_images(
        self, tip: git.Commit, rel: str, commits: list[git.Commit], registers: list[str]
    ) -> list[git.Commit]:
        """A file document's commits (newest first, those of its ``registers`` among them) and those that
        changed an image it named at any of them, from its first: a replaced image is a new revision, as
        in a folder document."""
        named = dict.fromkeys(path for c in commits for path in self._named(c, rel))
        if not named:
            return commits
        every = list(self.repo.iter_commits(tip, paths=[rel, *registers, *named], first_parent=True))
        first = next((i for i, c in enumerate(every) if c.hexsha == commits[-1].hexsha), None)
        return commits if first is None else every[: first + 1]

    def _named(self, commit: git.Commit, rel: str) -> list[str]:
        """The paths in the repository of the images a file document names at ``commit``, as git's log
        takes them: literally (a `*` or `[` the text wrote is part of a name, never a pattern)."""
        from .filedoc import FILE_KEY, image_paths

        files = self.file_at(commit, rel)
        return [f":(literal){path}" for path in image_paths(files[FILE_KEY], rel)] if files else []

    def file_path_at(self, commit: git.Commit, rel: str, tips: tuple[git.Commit, ...]) -> str | None:
        """Where a file document is at ``commit``, by the same rename-following as the build's walk:
        ``rel``, else an earlier name of the file in the history of one of ``tips`` (where it is at
        ``rel``), else the name git sees ``rel`` renamed to between a tip and ``commit`` (a later
        commit that moved it); None where the file is at none of them."""
        if self.file_at(commit, rel) is not None:
            return rel
        for tip in tips:
            if self.file_at(tip, rel) is None:
                continue
            self.walk(tip, rel, file=True)
            for name in self._names[(tip.hexsha, rel)]:
                if self.file_at(commit, name) is not None:
                    return name
            try:
                changes = tip.diff(commit, paths="*.md", find_renames=True)
            except (ValueError, git.GitCommandError):
                continue
            for change in changes:
                moved = change.renamed_file and change.rename_from == rel and change.rename_to
                if moved and self.file_at(commit, change.rename_to) is not None:
                    return change.rename_to
        return None

    def _moved_from(self, first: git.Commit, rel: str, *, file: bool = False) -> tuple[git.Commit, str] | None:
        """Where the folder was before ``first`` moved it here (a renamed document folder, or a
        moved docs/), as git's rename detection sees its document.yml; for a file document, where
        the file was (a Markdown file git sees renamed to it); None if it began here."""
        read = self.file_at if file else self.files_at
        if not first.parents or read(first, rel) is None:
            return None
        parent = first.parents[0]
        try:
            if read(parent, rel) is not None:
                return None
            # For a file: only Markdown files are candidates (a bounded diff, whatever else the commit did).
            changes = parent.diff(first, paths="*.md" if file else None, find_renames=True)
        except (ValueError, git.GitCommandError):  # the parent is beyond a shallow clone's edge
            return None
        target = rel if file else f"{rel}/{source.DOCUMENT_FILE}"
        for diff in changes:
            if diff.renamed_file and diff.rename_to == target and diff.rename_from:
                if file:
                    return (parent, diff.rename_from) if diff.rename_from.lower().endswith(".md") else None
                before = diff.rename_from.rpartition("/")[0]
                if before and before != rel:
                    return parent, before
        return None

    def file_at(self, commit: git.Commit, rel: str, registers: Registers = ()) -> dict[str, bytes] | None:
        """A file document at a commit, as its files mapping with the images it names read from the
        same commit (``filedoc.images_of``) and each of its ``registers`` there; None where the path
        holds no plain file (absent, a folder, or a link, which is never followed)."""
        from .filedoc import FILE_KEY, images_of

        key = (commit.tree.hexsha, rel, registers)
        if key not in self._file_trees:
            try:
                item = commit.tree / rel
            except KeyError:
                item = None
            if item is None or not _is_file(item):
                self._file_trees[key] = None
            else:
                data = self._blob(item)
                files = {FILE_KEY: data, **images_of(data, rel, lambda at: self._image(commit, at))}
                for name, path in registers:
                    try:
                        register = commit.tree / path
                    except KeyError:
                        continue
                    if _is_file(register):  # a link is never followed, at any commit
                        files[name] = self._blob(register)
                self._file_trees[key] = files
        return self._file_trees[key]

    def _image(self, commit: git.Commit, path: str) -> bytes | str:
        """A file document's image at a commit (``path`` in the repository), or why it cannot be read
        (``filedoc.LINK``, ``LARGE``, ``MISSING``): a link on the way is never followed."""
        from .filedoc import LARGE, LINK, MISSING

        item: git.Object = commit.tree
        for part in path.split("/"):
            if item.type != "tree":
                return MISSING
            try:
                item = item / part
            except KeyError:
                return MISSING
            if item.mode & 0o170000 == _SYMLINK:
                return LINK
        if not _is_file(item):
            return MISSING
        known = item.hexsha in self._blobs  # the header is asked only once
        return self._blob(item) if known or item.size <= source.MAX_IMAGE_BYTES else LARGE

    def files_at(self, commit: git.Commit, rel: str) -> dict[str, bytes] | None:
        """The document's source files at a commit; only objects not seen before are read."""
        try:
            tree = commit.tree / rel
        except KeyError:
            return None
        if tree.type != "tree":
            raise NoHistory(
                f"{rel} is a git submodule or a file, not a folder of this repository, so its history cannot "
                "be read here; only the current text is published. Fix: keep the document's files in the "
                "site's own repository."
            )
        if tree.hexsha not in self._trees:
            files: dict[str, bytes] = {}
            for item in tree:
                # A link is never followed (its "content" is the path it points to), and a submodule
                # is another repository: neither is a source.
                if _is_file(item) and item.name in source.YAML_FILES:
                    files[item.name] = self._blob(item)
                elif item.type == "tree" and item.name == source.SECTIONS_DIR:
                    files.update(self._sections(item))
            files.update(self._images(tree))
            self._trees[tree.hexsha] = files
        return self._trees[tree.hexsha]

    def _sections(self, tree: git.Tree) -> dict[str, bytes]:
        if tree.hexsha not in self._trees:
            self._trees[tree.hexsha] = {
                f"{source.SECTIONS_DIR}/{item.name}": self._blob(item)
                for item in tree
                if _is_file(item) and source.is_source(f"{source.SECTIONS_DIR}/{item.name}")
            }
        return self._trees[tree.hexsha]

    def _images(self, tree: git.Tree, prefix: str = "", depth: int = 0) -> dict[str, bytes]:
        """The images in a document folder's tree (``source.is_image``), subfolders included, each
        read once by object id: a link is never followed, and an image over the size limit (said
        by the object's header) is not read."""
        key = (tree.hexsha, prefix)  # one tree object can sit at two paths
        if key not in self._image_trees:
            found: dict[str, bytes] = {}
            for item in tree:
                rel = f"{prefix}{item.name}"
                known = _is_file(item) and item.hexsha in self._blobs  # the header is asked only once
                if _is_file(item) and source.is_image(rel) and (known or item.size <= source.MAX_IMAGE_BYTES):
                    found[rel] = self._blob(item)
                elif item.type == "tree" and depth < source.IMAGE_DEPTH and rel != source.SECTIONS_DIR:
                    found.update(self._images(item, f"{rel}/", depth + 1))
            self._image_trees[key] = found
        return self._image_trees[key]

    def _blob(self, blob: git.Blob) -> bytes:
        if blob.hexsha not in self._blobs:
            self._blobs[blob.hexsha] = bounded_read(blob, source.MAX_FILE_BYTES)
        return self._blobs[blob.hexsha]


@dataclass(frozen=True)
class Branch:
    """The published branch, as the one rule (``published_branch``) found it."""

    ref: str  # what git resolves: "main" or "origin/main"
    name: str  # as an editor names it: "main"
    #: Set when it is not the branch asked for (configured, else main): said, so --strict fails.
    warning: Problem | None = None


def published_branch(repo: git.Repo, configured: str | None) -> Branch | None:
    """The one rule, for the build and for `legaldocs diff`: the configured ``branch``, else ``main``
    (each the local branch, else origin's), else the branch being built, with a warning; None where
    there is none of these (a detached HEAD without them)."""
    wanted = configured or "main"
    for name in dict.fromkeys((wanted, "main")):
        for ref in (f"refs/heads/{name}", f"refs/remotes/origin/{name}"):
            try:
                repo.commit(ref)
            except (git.BadName, ValueError):
                continue
            short = ref.removeprefix("refs/heads/").removeprefix("refs/remotes/")
            return Branch(short, name, None if name == wanted else _fallback(wanted, name))
    if repo.head.is_detached:
        return None
    try:
        current = repo.active_branch.name
        repo.commit(f"refs/heads/{current}")
    except (TypeError, ValueError, git.BadName):  # no commits on it yet
        return None
    return Branch(current, current, _fallback(wanted, f"{current}, the branch being built,"))


def _fallback(wanted: str, used: str) -> Problem:
    return Problem(
        "mkdocs.yml",
        None,
        f"the published branch {wanted!r} does not exist; using {used} instead.",
        f"fetch {wanted} (in CI: actions/checkout with fetch-depth: 0), or set plugins.legaldocs.branch "
        "to the branch you publish from.",
    )


def full_ids(prefix: str, folder: Path) -> list[str]:
    """The commits whose id begins with ``prefix`` in the repository holding ``folder`` (none without one)."""
    try:
        repo = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound):
        return []
    try:
        candidates = repo.git.rev_parse(f"--disambiguate={prefix}").split()
        return sorted(sha for sha in candidates if repo.git.cat_file("-t", sha) == "commit")
    except git.GitCommandError:
        return []
    finally:
        repo.close()


def tracked(folder: Path, root: Path) -> list[str]:
    """Files under ``folder`` that the repository holding ``root`` tracks (none without one): the PDF cache
    must hold only what builds made, never what a commit put there."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound):
        return []
    try:
        return repo.git.ls_files("-z", "--", str(folder.absolute())).split("\0")[:8] if folder.exists() else []
    except git.GitCommandError:
        return []
    finally:
        repo.close()


def bounded_read(blob: git.Blob, limit: int) -> bytes:
    """A blob's bytes, unless git's object header says it is larger than ``limit``: then its size
    alone (``source.Oversized``), and the blob is never read. A pull request can commit a file of
    gigabytes (in an old commit, where no check of today's text would see it)."""
    size = blob.repo.odb.info(blob.binsha).size  # `git cat-file --batch-check`: the header only
    if size > limit:
        return source.Oversized(size, blob.hexsha)
    return blob.data_stream.read()


def _is_file(item: git.Object) -> bool:
    """A plain file: not a symbolic link (whose "content" is the path it points to)."""
    return item.type == "blob" and item.mode & 0o170000 not in (_SYMLINK, _GITLINK)


def shallow_fix(environ: Mapping[str, str]) -> str:
    """How to fetch the whole history, in the words of the CI the build runs on."""
    if environ.get("GITHUB_ACTIONS"):
        return "in the workflow, give actions/checkout `with: fetch-depth: 0`."
    if environ.get("GITLAB_CI"):
        return "set the CI/CD variable `GIT_DEPTH: 0` (in .gitlab-ci.yml under `variables:`)."
    if environ.get("BITBUCKET_BUILD_NUMBER"):
        return "set `clone: depth: full` in bitbucket-pipelines.yml."
    if environ.get("CIRCLECI"):
        return "run `git fetch --unshallow` after the checkout step."
    if environ.get("NETLIFY"):
        return "run `git fetch --unshallow` before the build command (Netlify clones shallow)."
    if environ.get("VERCEL") or environ.get("CF_PAGES"):
        return "run `git fetch --unshallow` before the build command (the host clones shallow)."
    return (
        "fetch the whole history (`git fetch --unshallow`; in GitHub Actions, `actions/checkout` with "
        "`fetch-depth: 0`; in GitLab CI, `GIT_DEPTH: 0`)."
    )
