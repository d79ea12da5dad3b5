"""The MkDocs adapter: it only translates between MkDocs and the core.

Sources are read, validated and rendered before MkDocs cleans the site folder, so a document
with mistakes stops the build with every mistake listed and leaves the last good site alone.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import documents, pages, source
from .config import LegalDocsConfig
from .model import Document, Problem
from .render import MarkdownOptions, RenderedDocument, effective_line, toc_tokens

log = get_plugin_logger(__name__)
CSS = "assets/legaldocs.css"


@dataclass
class _Generated:
    """A page we make: its title (plain text) and its finished, trusted HTML."""

    title: str
    html: str
    rendered: RenderedDocument | None = None
    search: bool = True


class LegalDocsPlugin(BasePlugin[LegalDocsConfig]):
    def __init__(self) -> None:
        self.documents: list[tuple[Path, Document]] = []
        self.generated: dict[str, _Generated] = {}
        self.command = "build"
        #: Set once MkDocs has cleaned the site folder and begun writing to it.
        self.writing_to: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance (and its caches) across serve rebuilds.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if CSS not in [str(x) for x in config.extra_css]:
            config.extra_css.append(CSS)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.writing_to = None
        docs_dir = Path(config.docs_dir)
        root = Path(config.config_file_path or ".").resolve().parent
        options = MarkdownOptions(tuple(config.markdown_extensions), dict(config.mdx_configs))
        problems: list[Problem] = []
        self.documents = []
        self.generated = {}
        for folder in self.document_folders(docs_dir):
            shown_as = os.path.relpath(folder, root) if folder.is_relative_to(root) else str(folder)
            loaded = documents.load_folder(folder, Path(shown_as).as_posix(), options)
            problems.extend(loaded.problems)
            if loaded.ok:
                assert loaded.document is not None and loaded.rendered is not None
                self.documents.append((folder, loaded.document))
                self.generated[f"{folder.name}/index.md"] = _Generated(
                    loaded.document.title,
                    loaded.rendered.page(effective_line(loaded.document)),
                    loaded.rendered,
                )
        if problems:
            for problem in problems:
                log.error(str(problem))
            raise PluginError(
                f"{len(problems)} problem(s) in the legal documents, listed above; "
                "nothing was built. Fix them and build again (`legaldocs check` lists them too)."
            )

    def document_folders(self, docs_dir: Path) -> list[Path]:
        if not self.config.documents:
            return source.find_documents(docs_dir)
        folders = []
        for name in self.config.documents:
            folder = docs_dir / name
            if not source.is_document_folder(folder):
                raise PluginError(
                    f"mkdocs.yml: plugins.legaldocs.documents names {name!r}, but "
                    f"{folder / source.DOCUMENT_FILE} does not exist. Fix: list only folders "
                    "under docs/ that hold a document.yml, or leave 'documents' out to use them all."
                )
            folders.append(folder)
        return folders

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.writing_to = config.site_dir
        docs_dir = Path(config.docs_dir)
        for folder, _ in self.documents:
            prefix = folder.relative_to(docs_dir).as_posix() + "/"
            for file in list(files):
                rel = file.src_uri[len(prefix) :] if file.src_uri.startswith(prefix) else None
                if rel is not None and rel in source.source_paths({rel: b""}):
                    files.remove(file)  # sources, never pages or downloads of their own
        if self.config.home and files.get_file_from_path("index.md") is None:
            self.generated["index.md"] = _Generated(
                config.site_name, pages.home(config.site_name, [d for _, d in self.documents])
            )
        for uri in self.generated:
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.INCLUDED))
        files.append(File.generated(config, CSS, content=(Path(__file__).parent / CSS).read_bytes()))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs: Any) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated:
            # Material writes the meta title unfiltered into <title>, the header and the nav.
            page.meta["title"] = escape(generated.title)
            if not generated.search:
                page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(self, html: str, *, page: Page, **kwargs: Any) -> str:
        generated = self.generated.get(page.file.src_uri)
        if not generated:
            return html
        if generated.rendered is not None:
            page.toc = get_toc(toc_tokens(generated.rendered.toc))  # type: ignore[arg-type]
        return generated.html

    def on_build_error(self, *, error: Exception) -> None:
        """A build that failed after MkDocs began writing must not leave a site that looks complete.

        (A failure in on_pre_build comes before MkDocs cleans the folder: the last site stays.)
        """
        site_dir, self.writing_to = self.writing_to, None
        if self.command == "build" and site_dir and Path(site_dir).is_dir():
            shutil.rmtree(site_dir, ignore_errors=True)
            log.error(f"The build failed, so {site_dir} was removed rather than left half-written.")
