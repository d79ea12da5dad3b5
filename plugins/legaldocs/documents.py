"""Load a document for publishing: read, validate and render, with every problem in one list.

The one entry point the plugin, the CLI and the history all use, so that `legaldocs check`
and `mkdocs build` can never disagree about what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import images, source
from .model import Document, Problem
from .render import Converter, RenderedDocument, render


@dataclass(frozen=True)
class Loaded:
    document: Document | None
    rendered: RenderedDocument | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and self.document is not None and self.rendered is not None


def load(slug: str, files: Mapping[str, bytes], shown_as: str, converter: Converter | None = None) -> Loaded:
    document, problems = source.read_document(slug, files, shown_as)
    rendered = render(document, converter, images.addresses(files)) if document is not None else None
    if rendered is not None:
        problems = [*problems, *rendered.problems]
    return Loaded(document, rendered, tuple(problems))


def load_folder(folder: Path, shown_as: str, converter: Converter | None = None) -> Loaded:
    return load(folder.name, source.read_folder(folder), shown_as, converter)
