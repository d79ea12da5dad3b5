"""The MkDocs adapter: it only translates between MkDocs and the core.

Everything is read, validated and rendered in on_pre_build, before MkDocs cleans the site
folder, so a document with mistakes stops the build with every mistake listed and leaves the
last good site alone. Pages are generated from the core's results; links between them come
from MkDocs' own URLs, so `use_directory_urls` and subfolder sites work.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import docsdir, ledger, pages, source
from .config import LegalDocsConfig
from .dates import build_date, long_date
from .model import PROPOSED, Problem
from .publish import Published, Publisher, Settings
from .render import MarkdownOptions, toc_tokens
from .sanitise import MAX_DEPTH, clean_checked

log = get_plugin_logger(__name__)
CSS = "assets/legaldocs.css"
LEDGER = "ledger.json"


@dataclass(frozen=True)
class _Spec:
    """One generated page: which document, which view of it, and which version."""

    kind: str  # "current", "versions", "version", "home" or "problems"
    published: Published | None = None
    version: str = ""
    broken: str = ""  # for "problems": the document folder whose sources have problems


class LegalDocsPlugin(BasePlugin[LegalDocsConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.publisher = Publisher()  # git objects and renders, kept across serve rebuilds
        self.published: list[Published] = []
        self.specs: dict[str, _Spec] = {}
        self.files: Files | None = None
        self.site_name = ""
        #: In serve: documents whose sources have problems, shown instead of a stuck page.
        self.broken: dict[str, tuple[str, list[Problem]]] = {}
        #: Set once MkDocs has cleaned the site folder and begun writing to it.
        self.writing_to: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance (and its caches) across serve rebuilds.
        self.command = command

    def on_shutdown(self) -> None:
        self.publisher.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site_name = config.site_name
        if CSS not in [str(x) for x in config.extra_css]:
            config.extra_css.append(CSS)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.writing_to = None
        root = Path(config.config_file_path or ".").resolve().parent
        settings = Settings(
            today=build_date(),
            branch=self.config.branch,
            notice_days=self.config.notice_period,
            include_uncommitted=self.command == "serve",
            options=MarkdownOptions(tuple(config.markdown_extensions), dict(config.mdx_configs)),
            acknowledged={str(a["commit"]).lower(): str(a["reason"]) for a in self.config.acknowledge},
            ledger=self.previous_ledger(root),
        )
        self.refuse_unsafe_files(config, root)
        errors: list[Problem] = []
        warned: set[str] = set()  # one repository, several documents: say a thing once
        self.published = []
        self.broken = {}
        for folder in self.document_folders(Path(config.docs_dir)):
            shown_as = Path(os.path.relpath(folder.resolve(), root)).as_posix()
            published = self.publisher.publish(folder, shown_as, settings)
            for warning in map(str, published.warnings):
                if warning not in warned:
                    warned.add(warning)
                    log.warning(warning)
            for problem in published.history_errors:
                log.error(str(problem))
            errors.extend(published.errors)
            if published.errors:
                self.broken[folder.name] = (shown_as, published.errors)
            elif published.shown is not None:
                self.published.append(published)
        if settings.ledger is not None:
            histories = {p.slug: p.history for p in self.published}
            errors.extend(ledger.check(settings.ledger, histories, settings.acknowledged, self.config.ledger or ""))
        for problem in errors:
            log.error(str(problem))
        # In serve the problems are shown on the pages being previewed instead of a stuck server.
        if errors and self.command != "serve":
            raise PluginError(
                f"{len(errors)} problem(s) in the legal documents, listed above; nothing was built. "
                "Fix them and build again (`legaldocs check` lists them too)."
            )

    def previous_ledger(self, root: Path) -> dict[str, Any] | None:
        if not self.config.ledger:
            return None
        recorded, problems = ledger.read(root / self.config.ledger)
        if problems:
            raise PluginError(str(problems[0]))
        return recorded

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The ledger of what this build published, for the next build to check itself against."""
        histories = {p.slug: p.history for p in self.published}
        (Path(config.site_dir) / LEDGER).write_text(ledger.write(histories), encoding="utf-8")

    def refuse_unsafe_files(self, config: MkDocsConfig, root: Path) -> None:
        """Links out of the repository, active files nobody listed, unreadable pages: stop here,
        before MkDocs cleans the site folder or copies a single file."""
        listed = [str(getattr(x, "path", x)) for x in (*config.extra_css, *config.extra_javascript)]
        problems = docsdir.scan(
            Path(config.docs_dir),
            root,
            allowed=[*listed, *self.config.allow_files],
            active_content=self.config.trust_all_authors,
        )
        for problem in problems:
            log.error(str(problem))
        if problems:
            raise PluginError(
                f"{len(problems)} file(s) under docs/ cannot be published, listed above; nothing was built."
            )

    def document_folders(self, docs_dir: Path) -> list[Path]:
        if not self.config.documents:
            return source.find_documents(docs_dir)
        folders = []
        for name in self.config.documents:
            folder = docs_dir / name
            bare = name.strip("/\\")
            if not bare or bare in (".", "..") or "/" in bare or "\\" in bare:
                raise PluginError(
                    f"mkdocs.yml: plugins.legaldocs.documents names {name!r}, but a document is a folder "
                    "directly under docs/ (its name is its address, e.g. docs/privacy/ at /privacy/). "
                    "Fix: move the folder up to docs/, or name it as it is there."
                )
            if not source.is_document_folder(folder):
                raise PluginError(
                    f"mkdocs.yml: plugins.legaldocs.documents names {name!r}, but "
                    f"{folder / source.DOCUMENT_FILE} does not exist. Fix: list only folders under "
                    "docs/ that hold a document.yml, or leave 'documents' out to use them all."
                )
            folders.append(folder)
        return folders

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.writing_to = config.site_dir
        self.specs = {}
        # Every document folder's sources, published or not: never pages or downloads of their own.
        for folder in source.find_documents(Path(config.docs_dir)):
            prefix = f"{folder.name}/"
            for file in list(files):
                rel = file.src_uri[len(prefix) :] if file.src_uri.startswith(prefix) else None
                if rel is not None and source.source_paths({rel: b""}):
                    files.remove(file)
        for published in self.published:
            slug = published.slug
            self.specs[f"{slug}/index.md"] = _Spec("current", published)
            self.specs[f"{slug}/versions/index.md"] = _Spec("versions", published)
            for version in published.versions:
                self.specs[f"{slug}/versions/{version.slug}/index.md"] = _Spec("version", published, version.slug)
        for slug in self.broken:
            for uri in (f"{slug}/index.md", f"{slug}/versions/proposed/index.md"):
                self.specs[uri] = _Spec("problems", broken=slug)
        if self.config.home and files.get_file_from_path("index.md") is None:
            self.specs["index.md"] = _Spec("home")
        for uri, spec in self.specs.items():
            if (existing := files.get_file_from_path(uri)) is not None:
                files.remove(existing)
            in_nav = InclusionLevel.INCLUDED if spec.kind in ("current", "home") else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content="", inclusion=in_nav))
        files.append(File.generated(config, CSS, content=(Path(__file__).parent / CSS).read_bytes()))
        self.files = files
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Name each document's section of the navigation after its title, not its folder."""
        titles = {f"{p.slug}/index.md": p.shown.document.title for p in self.published if p.shown}
        for item in nav.items:
            if isinstance(item, Section):
                for child in item.children:
                    if isinstance(child, Page) and child.file.src_uri in titles:
                        item.title = titles[child.file.src_uri]
                # Material writes it unescaped; a folder's name comes from the repository too.
                item.title = escape(unescape(item.title or ""))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs: Any) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown  # its title is made safe once rendered, in on_page_content
        # Material writes the meta title unfiltered into <title>, the header and the nav.
        page.meta["title"] = escape(self.title(spec))
        if spec.kind in ("versions", "version"):
            page.meta["search"] = {"exclude": True}  # search leads to the text in force
        return markdown

    def title(self, spec: _Spec) -> str:
        if spec.kind == "problems":
            return f"Problems to fix: {self.broken[spec.broken][0]}"
        if spec.published is None:
            return self.site_name
        shown = spec.published.shown
        assert shown is not None
        if spec.kind == "versions":
            return f"{shown.document.title}: version history"
        version = spec.published.version(spec.version) if spec.kind == "version" else shown
        assert version is not None
        if version.status == PROPOSED:
            return f"DRAFT: {version.document.title}"
        if spec.kind == "version":
            return f"{version.document.title} (effective {long_date(version.effective)})"
        return version.document.title

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return self.other_page(html, page)
        if spec.kind == "problems":
            return pages.problems_page(*self.broken[spec.broken])
        href = self.linker(page, spec)
        if spec.kind == "home":
            return pages.home(config.site_name, [p.shown.document for p in self.published if p.shown])
        published = spec.published
        assert published is not None
        history = published.history
        if spec.kind == "versions":
            assert published.shown is not None
            return pages.versions_page(published.shown.document, history, href)
        version = published.shown if spec.kind == "current" else published.version(spec.version)
        assert version is not None
        rendered = published.rendered[version.slug]
        page.toc = get_toc(toc_tokens(rendered.toc))  # type: ignore[arg-type]
        stamp = pages.stamp(version, href, from_git=history.from_git)
        if spec.kind == "current" and version.status != PROPOSED:
            header = stamp + pages.current_notices(history, href)
        else:
            header = pages.version_banner(version, history, href) + stamp
        with_proposed = version.status == PROPOSED
        return rendered.page(header, pages.versions_list(history, href, with_proposed=with_proposed))

    def other_page(self, html: str, page: Page) -> str:
        """A page that is not a legal document is untrusted too: the same allow-list, by default.

        Material writes a page's title unescaped into <title>, the header and the navigation, so
        it is made plain text here, whether it came from front matter or from the first heading.
        """
        if page.title:
            page.meta["title"] = escape(unescape(str(page.title)))
        if self.config.trust_all_authors:
            return html
        cleaned = clean_checked(html)
        where = page.file.src_uri
        if cleaned.too_deep:
            log.error(
                f"{where}: the page is nested more than {MAX_DEPTH} levels deep, so it is left empty. "
                "Fix: flatten the lists, quotes or HTML elements inside one another."
            )
        elif cleaned.lost:
            log.error(
                f"{where}: some text would be lost when the HTML is cleaned ({', '.join(cleaned.lost[:8])}). "
                "Fix: write that text as ordinary Markdown, outside elements such as <svg> or <template>."
            )
        return cleaned.html

    def linker(self, page: Page, spec: _Spec) -> Callable[[str], str]:
        slug = spec.published.slug if spec.published else ""

        def href(target: str) -> str:
            if target == "current":
                uri = f"{slug}/index.md"
            elif target == "versions":
                uri = f"{slug}/versions/index.md"
            else:
                uri = f"{slug}/versions/{target.removeprefix('version:')}/index.md"
            assert self.files is not None
            file = self.files.get_file_from_path(uri)
            assert file is not None, uri
            return get_relative_url(file.url, page.file.url)

        return href

    def on_build_error(self, *, error: Exception) -> None:
        """A build that failed after MkDocs began writing must not leave a site that looks complete.

        (A failure in on_pre_build comes before MkDocs cleans the folder: the last site stays.)
        """
        site_dir, self.writing_to = self.writing_to, None
        if self.command == "build" and site_dir and Path(site_dir).is_dir():
            shutil.rmtree(site_dir, ignore_errors=True)
            log.error(f"The build failed, so {site_dir} was removed rather than left half-written.")
