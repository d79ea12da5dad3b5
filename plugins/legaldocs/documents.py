"""Load a document for publishing: read, validate and render, with every problem in one list.

The one entry point the plugin, the CLI and the history all use, so that `legaldocs check`
and `mkdocs build` can never disagree about what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import characters, filedoc, images, source
from .model import Document, Problem
from .render import Converter, RenderedDocument, render


@dataclass(frozen=True)
class Loaded:
    document: Document | None
    rendered: RenderedDocument | None
    problems: tuple[Problem, ...]
    #: What is worth a look but publishable (a word that mixes scripts): fails only `--strict`.
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and self.document is not None and self.rendered is not None


def load(
    slug: str,
    files: Mapping[str, bytes],
    shown_as: str,
    converter: Converter | None = None,
    language: str = "en",
    spec: filedoc.FileSpec | None = None,
    reader: Callable[[Mapping[str, bytes]], source.Reading] | None = None,
) -> Loaded:
    """``language`` is the document's: its direction decides which characters and HTML it may hold.
    ``spec``: a file document's (its one file is ``files[filedoc.FILE_KEY]``); None: a folder's.
    ``reader``: a translation's (``translation.Reader``), which reads its files against the source's."""
    if reader is not None:
        reading = reader(files)
    elif spec is not None:
        reading = filedoc.read(slug, files, shown_as, spec, language)
    else:
        reading = source.read(slug, files, shown_as, language)
    document, problems = reading.document, reading.problems
    refused = filedoc.refused_images(files) if spec is not None else None
    rendered = render(document, converter, images.addresses(files), language, refused) if document is not None else None
    if rendered is not None:
        problems = [*problems, *rendered.problems, *directions(document, rendered, language)]  # type: ignore[arg-type]
    warnings = [*reading.warnings, *(rendered.warnings if rendered is not None else ())]
    return Loaded(document, rendered, tuple(problems), tuple(warnings))


def directions(document: Document, rendered: RenderedDocument, language: str) -> list[Problem]:
    """HTML in the sections that sets the direction of text where the document may not (``characters``)."""
    problems = []
    for section, shown in zip(document.sections, rendered.sections, strict=True):
        for found in characters.html_directions(shown.html, language):
            lines = section.body.split("\n")
            line = next((n for n, text in enumerate(lines, section.body_line) if found.needle in text.lower()), 1)
            problems.append(Problem(section.path, line, *characters.direction_problem(found, language)))
    return problems


def load_folder(folder: Path, shown_as: str, converter: Converter | None = None, language: str = "en") -> Loaded:
    return load(folder.name, source.read_folder(folder), shown_as, converter, language)
