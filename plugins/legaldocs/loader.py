"""One loader for the build and for `legaldocs check`: which documents, read how, with what verdict.

Plain data in (``SiteOptions``, made from mkdocs.yml by ``siteconfig``), plain data out
(``LoadedSite``). The plugin and the CLI both call ``load_site`` with the same options, so they
cannot disagree about what is wrong with the same text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import docsdir, documents, filedoc, history, ledger, renames, source, translation
from .model import IN_FORCE, Commit, Document, Problem, Revision, Version
from .publish import Published, Publisher, Settings
from .render import Converter, MarkdownOptions


class OptionsError(ValueError):
    """mkdocs.yml asks for something that cannot be: the message says what and how to fix it."""


@dataclass(frozen=True)
class SiteOptions:
    """What the build reads from mkdocs.yml, and nothing of MkDocs itself."""

    docs_dir: Path
    #: The folder of mkdocs.yml: problems name files relative to it, as an editor sees them.
    root: Path
    #: Its name, for messages: mkdocs.yml, or properdocs.yml where the site has that instead.
    config_file: str = "mkdocs.yml"
    #: Folder names under docs/, and file documents (``filedoc.FileSpec``), as mkdocs.yml lists them.
    documents: tuple[str | filedoc.FileSpec, ...] = ()
    branch: str | None = None
    notice_period: int = 30
    #: Days of notice a version that adds a processor or sub-processor needs (0: no such rule).
    recipients_notice: int = 0
    #: Days after taking effect that a version is announced on the current page's banner.
    recent_days: int = 30
    home: bool = True
    markdown: MarkdownOptions = field(default_factory=MarkdownOptions)
    language: str = "en"
    site_name: str = ""
    repo_url: str = ""
    site_url: str = ""
    copyright: str = ""
    directory_urls: bool = True
    #: The theme's custom_dir, where a site's own templates live (in its ``legaldocs/`` folder).
    custom_dir: Path | None = None
    #: Commits whose flaws in history are known (full commit id: the public reason).
    acknowledged: Mapping[str, str] = field(default_factory=dict)
    #: Translations known to lag: (language, the untranslated source version's date) → the public reason.
    acknowledged_translations: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: The deployed site's ledger.json, relative to ``root``: the build checks itself against it.
    ledger: str | None = None
    #: Active files under docs/ that may be published (extra_css, extra_javascript, allow_files).
    allow_files: tuple[str, ...] = ()
    trust_all_authors: bool = False
    #: Commit authors' names on the public pages (``show_authors``): personal data, so off by default.
    show_authors: bool = False
    #: A PDF of each published version, revision and changes page (``pdf``), kept in ``pdf_cache`` (relative to
    #: ``root``) between builds.
    pdf: bool = False
    pdf_cache: str = ".cache/legaldocs/pdf"
    #: Days before an upcoming version from which `check` warns that a translation lacks it.
    translation_days: int = 14

    def entry(self, slug: str) -> str | filedoc.FileSpec | None:
        """The ``documents`` entry of a document (its folder's name, or its FileSpec); None where none names it."""
        return next((e for e in self.documents if (e.name if isinstance(e, filedoc.FileSpec) else e) == slug), None)

    def source_language(self, slug: str) -> str:
        """The language a document is written in: its entry's ``language``, else theme.language."""
        given = getattr(self.entry(slug), "language", "")
        return translation.locale_name(given) if given else self.language

    def binding_language(self, slug: str) -> str:
        """The language whose text of the document binds (its entry's ``binding_language``); "": not said."""
        return getattr(self.entry(slug), "binding_language", "")

    #: Mistakes in mkdocs.yml itself (a wrong value, code where data belongs): `check` fails on them.
    problems: tuple[Problem, ...] = ()
    #: What `mkdocs build --strict` stops on in mkdocs.yml (an option that does not exist).
    warnings: tuple[Problem, ...] = ()
    #: What legaldocs did not do with mkdocs.yml, and why (a hook not run, an extension not used).
    notes: tuple[str, ...] = ()


@dataclass
class LoadedDocument:
    slug: str
    shown_as: str
    published: Published
    #: A translation's: the source document's slug, its language tag as written (``de``, ``pt-BR``)
    #: and its reader; "" and None for a source document, whose language is the site's.
    translation_of: str = ""
    tag: str = ""
    reader: translation.Reader | None = None

    def language(self, options: SiteOptions) -> str:
        """The language its text and pages are in (a locale name: ``de``, ``pt_BR``)."""
        return translation.locale_name(self.tag) if self.tag else options.source_language(self.slug)

    @property
    def ok(self) -> bool:
        """No problem in the text this build stands on (it may still have a history to show)."""
        return not self.published.errors


@dataclass
class LoadedSite:
    options: SiteOptions
    documents: list[LoadedDocument]
    home: bool = True
    #: What the deployed ledger records and this build no longer publishes as it was.
    ledger_errors: list[Problem] = field(default_factory=list)
    #: Files under docs/ that must never be published (links, unlisted active files): nothing is read.
    refused: list[Problem] = field(default_factory=list)
    #: The build date (``dates.build_date``): what is in force, upcoming or recent is measured from it.
    today: date | None = None
    #: Renamed document folders whose old addresses redirect: (document, old folder name) (``renames``).
    former_names: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [*self.refused, *(p for d in self.documents for p in d.published.errors), *self.ledger_errors]

    def histories(self) -> dict[str, Any]:
        """Each published document's history, for the ledger."""
        return {d.slug: d.published.history for d in self.documents if d.ok and d.published.shown is not None}

    @property
    def history_errors(self) -> list[Problem]:
        return [p for d in self.documents for p in d.published.history_errors]

    @property
    def warnings(self) -> list[Problem]:
        """Each said once: one repository under several documents says a thing once."""
        return list(dict.fromkeys(w for d in self.documents for w in d.published.warnings))

    def document(self, slug: str) -> LoadedDocument:
        return next(d for d in self.documents if d.slug == slug)

    def language(self, slug: str | None) -> str:
        """The language of a document's pages (a translation's own), else the site's (theme.language)."""
        if slug is None:
            return self.options.language
        return self.document(slug).language(self.options)

    def sources(self) -> list[LoadedDocument]:
        """The documents in their source language (a translation is listed with its source)."""
        return [d for d in self.documents if not d.translation_of]

    def languages(self, slug: str) -> list[LoadedDocument]:
        """A document and its translations, the source first, whichever of them ``slug`` names."""
        doc = self.document(slug)
        root = doc.translation_of or doc.slug
        return [d for d in self.documents if d.slug == root or d.translation_of == root]


def document_folders(options: SiteOptions) -> list[Path]:
    """The folders to publish: those named in ``documents``, else every one with a document.yml."""
    docs_dir = options.docs_dir
    if not any(isinstance(name, str) for name in options.documents):  # none named: every one there is
        return source.find_documents(docs_dir) if docs_dir.is_dir() else []
    folders = []
    for name in options.documents:
        if isinstance(name, filedoc.FileSpec):
            continue
        folder = docs_dir / name
        bare = name.strip("/\\")
        if not bare or bare in (".", "..") or "/" in bare or "\\" in bare:
            raise OptionsError(
                f"{options.config_file}: plugins.legaldocs.documents names {name!r}, but a document is a folder "
                "directly under docs/ (its name is its address, e.g. docs/privacy/ at /privacy/). "
                "Fix: move the folder up to docs/, or name it as it is there."
            )
        if not source.is_document_folder(folder):
            raise OptionsError(
                f"{options.config_file}: plugins.legaldocs.documents names {name!r}, but "
                f"{folder / source.DOCUMENT_FILE} does not exist. Fix: list only folders under "
                "docs/ that hold a document.yml, or leave 'documents' out to use them all."
            )
        folders.append(folder)
    return folders


#: A document's name is its address: as a folder's name under docs/ would be.
_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def file_documents(options: SiteOptions) -> list[tuple[filedoc.FileSpec, Path]]:
    """The file documents mkdocs.yml names, each with its file: inside the repository, never a link."""
    found = []
    folders = {f.name for f in document_folders(options)}
    names: set[str] = set()
    for spec in options.documents:
        if not isinstance(spec, filedoc.FileSpec):
            continue
        where = f"mkdocs.yml: plugins.legaldocs.documents, the document {spec.name!r}"
        if not _NAME.match(spec.name):
            raise OptionsError(
                f"{where}: the name is the document's address, so it may hold only lower-case letters, digits "
                "and hyphens. Fix: e.g. `name: privacy`."
            )
        if spec.name in folders or spec.name in names:
            other = f"the folder docs/{spec.name}/" if spec.name in folders else "another file document"
            raise OptionsError(
                f"{where}: {other} has the same name, and so the same address. Fix: give each document its own name."
            )
        names.add(spec.name)
        path = checked_file(options, where, spec.file)
        for tag, file in spec.translations:
            if translation.taken(tag):
                raise OptionsError(
                    f"{where}: the translation {tag!r} would be published at the address of one of the document's own "
                    "pages. Fix: name the language by its BCP 47 code, e.g. `de`, `fr` or `pt-BR`."
                )
            checked_file(options, f"{where}, its translation {tag!r}", file)
        for key, written in spec.registers().items():
            checked_file(options, f"{where}: {key.removesuffix('.yml')}", written, REGISTER)
        found.append((spec, path))
    return found


#: What a file named in a document's entry must be: its endings, and the fix where it is not.
MARKDOWN = ((".md", ".markdown"), "is not a Markdown file. Fix: name the policy's .md file.")
REGISTER = ((".yml", ".yaml"), "is not a YAML file. Fix: name the register's .yml file.")


def checked_file(options: SiteOptions, where: str, file: str, kind: tuple[tuple[str, ...], str] = MARKDOWN) -> Path:
    """A file a document's entry names (its Markdown file, a translation's, a register): inside the
    repository, never a link, of its ``kind``, there."""
    root = options.root.resolve()
    top = _repository_top(root)
    path = Path(os.path.normpath(root / file))
    if Path(file).is_absolute() or not path.is_relative_to(top):
        raise OptionsError(
            f"{where}: the file {file!r} is outside the repository; legaldocs reads no file outside it. "
            "Fix: name a file of the repository, relative to the folder of mkdocs.yml."
        )
    linked = next((p for p in (path, *path.parents) if p.is_relative_to(top) and p != top and p.is_symlink()), None)
    if linked is not None:
        raise OptionsError(
            f"{where}: {linked.relative_to(top).as_posix()} is a symbolic link, which legaldocs never follows "
            "(it could publish any file of the machine that builds the site). Fix: name the file itself."
        )
    suffixes, wrong = kind
    if not path.name.lower().endswith(suffixes):
        raise OptionsError(f"{where}: {file!r} {wrong}")
    if not path.is_file():
        raise OptionsError(
            f"{where}: the file {file!r} does not exist. Fix: write its path relative to the folder of "
            "mkdocs.yml, as it is (the case of each letter counts)."
        )
    return path


def _repository_top(root: Path) -> Path:
    """The work tree holding ``root`` (the first folder up with a .git), else ``root`` itself."""
    return next((p for p in (root, *root.parents) if (p / ".git").exists()), root)


def sources(options: SiteOptions) -> list[tuple[Path, filedoc.FileSpec | None]]:
    """Every document to publish, in the order mkdocs.yml lists them: a folder, or a file with its spec."""
    folders = iter(document_folders(options))
    files = dict((spec.name, (path, spec)) for spec, path in file_documents(options))
    if not any(isinstance(n, str) for n in options.documents):
        return [*((f, None) for f in folders), *files.values()]
    return [files[n.name] if isinstance(n, filedoc.FileSpec) else (next(folders), None) for n in options.documents]


def shown_as(options: SiteOptions, folder: Path) -> str:
    return Path(os.path.relpath(folder.resolve(), options.root.resolve())).as_posix()


def previous_ledger(options: SiteOptions) -> dict[str, Any] | None:
    """The deployed ledger named in mkdocs.yml; one that cannot be read is an OptionsError."""
    if not options.ledger:
        return None
    recorded, problems = ledger.read(options.root / options.ledger)
    if problems:
        raise OptionsError(str(problems[0]))
    return recorded


def settings(options: SiteOptions, today: date, *, include_uncommitted: bool, pages: bool = True) -> Settings:
    return Settings(
        today=today,
        branch=options.branch,
        notice_days=options.notice_period,
        recipients_days=options.recipients_notice,
        include_uncommitted=include_uncommitted,
        options=options.markdown,
        acknowledged=dict(options.acknowledged),
        ledger=previous_ledger(options),
        render_versions=pages,
        language=options.language,
    )


def load_site(
    options: SiteOptions,
    today: date,
    *,
    include_uncommitted: bool,
    publisher: Publisher | None = None,
    home: bool | None = None,
    pages: bool = True,
) -> LoadedSite:
    """Every document as this build publishes it: `mkdocs build` (committed text) or serve (working copy)."""
    home = options.home if home is None else home
    if refused := unsafe_files(options):  # a link could lead anywhere on the machine: nothing else is read
        return LoadedSite(options, [], home, refused=refused, today=today)
    publisher = publisher or Publisher()
    wanted = settings(options, today, include_uncommitted=include_uncommitted, pages=pages)
    loaded = []
    for folder, spec in sources(options):
        name = spec.name if spec else folder.name
        own = replace(wanted, language=options.source_language(name))
        doc = LoadedDocument(name, shown := shown_as(options, folder), publisher.publish(folder, shown, own, spec))
        loaded.append(doc)
        loaded.extend(translations(options, publisher, wanted, folder, doc, spec))
    site = LoadedSite(options, loaded, home, today=today)
    site.former_names, taken = renames.former_names(site)
    for slug, problem in taken:  # a renamed folder's old name, taken since
        site.document(slug).published.warnings.append(problem)
    if wanted.ledger is not None:
        site.ledger_errors = ledger.check(wanted.ledger, site.histories(), wanted.acknowledged, options.ledger or "")
    return site


def translations(
    options: SiteOptions,
    publisher: Publisher,
    wanted: Settings,
    folder: Path,
    doc: LoadedDocument,
    spec: filedoc.FileSpec | None = None,
) -> list[LoadedDocument]:
    """A document's translations, each published as a document of its own at ``<doc>/<lang>``, read
    against the source's versions: a folder's in ``docs/<doc>/translations/<lang>/``, a file document's
    as its entry's ``translations`` name them."""
    if spec is None:
        found, bad = translation.find(folder, doc.shown_as)
        doc.published.warnings.extend(bad)
        where = [(f.tag, f.folder) for f in found]
    else:
        where = [(tag, Path(os.path.normpath(options.root.resolve() / file))) for tag, file in spec.translations]
    out = []
    for tag, path in where:
        slug = f"{doc.slug}/{translation.address(tag)}"
        shown = shown_as(options, path)
        language = translation.locale_name(tag)
        versions = doc.published.versions
        reader: translation.Reader
        if spec is None:
            reader = translation.Reader(slug, versions, shown, doc.shown_as, language)
        else:
            reader = translation.FileReader(slug, versions, shown, doc.shown_as, language, spec)
        published = publisher.publish(path, shown, wanted, spec, translated=(slug, reader))
        published.history = translation.in_source_terms(published.history, doc.published.history)
        out.append(LoadedDocument(slug, shown, published, doc.slug, tag, reader))
    return out


@dataclass(frozen=True)
class Verdict:
    """What `legaldocs check` says of one document: the committed text, and the working copy if it differs."""

    shown_as: str
    committed: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    #: Problems of uncommitted edits; None when the working copy is what gets published.
    working: tuple[Problem, ...] | None = None
    #: Facts of old history a maintainer can still act on (a left-out commit to acknowledge): said,
    #: not counted (the versions page tells visitors what happened, not what to do about it).
    notes: tuple[Problem, ...] = ()
    #: A translation behind its source (a version in force or due soon untranslated, sections left in the
    #: source's language): warnings of `check`, which `check --strict` fails on, but not the build's: the
    #: build publishes the translation with its lag notice, so the binding text is never held back by it.
    lag: tuple[Problem, ...] = ()


def unsafe_files(options: SiteOptions) -> list[Problem]:
    return docsdir.scan(
        options.docs_dir, options.root, allowed=options.allow_files, active_content=options.trust_all_authors
    )


def check_site(options: SiteOptions, today: date, publisher: Publisher | None = None) -> list[Verdict]:
    """The build's verdict on the text `mkdocs build` would publish, and on the working copy where it differs."""
    publisher = publisher or Publisher()
    site = load_site(options, today, include_uncommitted=False, publisher=publisher, pages=False)
    verdicts = [Verdict(shown_as(options, options.docs_dir), tuple(site.refused), ())] if site.refused else []
    for doc in site.documents:
        published = doc.published
        working = None
        if published.left_out is not None:
            converter = publisher.converter
            if converter.options != options.markdown:
                converter = Converter(options.markdown)
            spec = next((s for s in options.documents if isinstance(s, filedoc.FileSpec) and s.name == doc.slug), None)
            language = doc.language(options)
            edits = documents.load(doc.slug, published.left_out, doc.shown_as, converter, language, spec, doc.reader)
            working = edits.problems
            published.warnings.extend(w for w in edits.warnings if w not in published.warnings)
        warnings = tuple(w for w in published.warnings if w is not published.uncommitted_warning)
        lag: tuple[Problem, ...] = ()
        if doc.translation_of:  # a translation behind its source: said by check, not by the build (``Verdict.lag``)
            source_history = site.document(doc.translation_of).published.history
            known = options.acknowledged_translations
            where = translation.warned_at(doc.shown_as, doc.reader)
            lag = (
                *translation.lag_warnings(
                    source_history, published.history, doc.tag, where, today, options.translation_days, known
                ),
                *translation.missing_sections(published.history, doc.tag, where, known),
            )
        lost = {s.commit.sha for s in published.history.skipped if not s.readable and not s.fixed_by}
        notes = tuple(
            f.problem
            for f in published.history.findings
            if f.commit.sha in lost and not f.acknowledged and not f.fixed and f.problem not in warnings
        )
        errors = (*published.errors, *published.history_errors)
        verdicts.append(Verdict(doc.shown_as, errors, warnings, working, notes, lag))
    return verdicts


def check_working_copy(options: SiteOptions) -> list[Verdict]:
    """Only the text as it stands on disk, without git: every rule of the text, none of history.

    Fast whatever the length of the history, for a pre-commit hook, which checks what is about
    to be committed; `check_site` gives the build's whole verdict.
    """
    converter = Converter(options.markdown)
    refused = unsafe_files(options)
    if refused:
        return [Verdict(shown_as(options, options.docs_dir), tuple(refused), ())]
    verdicts = []
    for folder, spec in sources(options):
        shown = shown_as(options, folder)
        files = filedoc.read_file(folder, spec) if spec else source.read_folder(folder)
        name = spec.name if spec else folder.name
        loaded = documents.load(name, files, shown, converter, options.source_language(name), spec)
        verdicts.append(Verdict(shown, loaded.problems, loaded.warnings))
        if loaded.document is not None:
            verdicts.extend(working_translations(options, folder, name, files, loaded.document, converter, spec))
    return verdicts


def working_translations(
    options: SiteOptions,
    folder: Path,
    name: str,
    files: Mapping[str, bytes],
    document: Document,
    converter: Converter,
    spec: filedoc.FileSpec | None = None,
) -> list[Verdict]:
    """A document's translations as they stand on disk, read against the source on disk: those that
    translate its version (which older version another one translates, only git knows: `check`). A
    folder's in its `translations/`, a file document's as its entry names them."""
    shown = shown_as(options, folder)
    if spec is None:
        found, bad = translation.find(folder, shown)
        where = [(f.tag, f.folder) for f in found]
    else:
        bad = []
        where = [(tag, Path(os.path.normpath(options.root.resolve() / file))) for tag, file in spec.translations]
    verdicts = [Verdict(shown, (), tuple(bad))] if bad else []
    stand_in = Commit("", datetime.now(timezone.utc), "", "")
    version = Version(document.effective, (Revision(stand_in, document, dict(files)),), IN_FORCE)
    for tag, path in where:
        slug, at, language = f"{name}/{translation.address(tag)}", shown_as(options, path), translation.locale_name(tag)
        reader: translation.Reader
        if spec is None:
            own = source.read_folder(path)
            if history.effective_hint(own) != document.effective:
                continue
            reader = translation.Reader(slug, [version], at, shown, language)
        else:
            own = filedoc.read_file(path, spec)
            dated = filedoc.read(slug, own, at, spec, language).document
            if dated is not None and dated.effective not in (document.effective, date.min):
                continue  # (a translation of an older version: `check` reads it against that one)
            reader = translation.FileReader(slug, [version], at, shown, language, spec)
        loaded = documents.load(slug, own, at, converter, language, spec, reader)
        verdicts.append(Verdict(at, loaded.problems, loaded.warnings))
    return verdicts


def unchecked_links(options: SiteOptions) -> list[tuple[str, int, str]]:
    """Links of the file documents' working copies that legaldocs publishes as written without
    checking them: relative paths (`other.md`, `../de/datenschutz.md`) and paths on the site's host
    (`/articles/cookies`), which point into the site that hosts the file (a forge), not into this one.
    Each as (file, line, address), for `legaldocs check --links`."""
    import lxml.html

    from .render import RELATIVE

    converter = Converter(options.markdown)
    found: list[tuple[str, int, str]] = []
    for path, spec in sources(options):
        if spec is None:
            continue
        shown = shown_as(options, path)
        loaded = documents.load(spec.name, filedoc.read_file(path, spec), shown, converter, options.language, spec)
        if loaded.document is None or loaded.rendered is None:
            continue
        for section, rendered in zip(loaded.document.sections, loaded.rendered.sections, strict=True):
            if not rendered.html.strip():
                continue
            root = lxml.html.fragment_fromstring(rendered.html, create_parent="div")
            lines = section.body.split("\n")
            for link in root.iter("a"):
                href = link.get("href") or ""
                if not (RELATIVE.match(href) or (href.startswith("/") and not href.startswith("//"))):
                    continue
                at = next((n for n, text in enumerate(lines) if href in text), 0)
                found.append((section.path, section.body_line + at, href))
    return found
