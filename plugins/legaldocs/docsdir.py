"""What the docs folder may publish, checked before anything is built.

Everything in a pull request is untrusted, and previews are often built on machines that hold
secrets. So, before MkDocs reads or copies a single file:

- a symbolic link anywhere under docs/ is refused: following one could publish any file of the
  machine that builds the site (``/proc/self/environ``, keys, other projects);
- files that run in the reader's browser (HTML, SVG, scripts, styles) are refused unless
  mkdocs.yml lists them: a legal site must not run or load what a pull request slipped in;
- every Markdown page must be UTF-8 text, so that a bad page is a message and not a failure
  halfway through writing the site;
- no folder directly under docs/ may take the name of a file the build writes at the site's root
  (``ledger.json``, ``404.html``, ``sitemap.xml``…), nor a document folder the name of any output
  of the build (``assets``, ``search``…): either would fail the build halfway, or overwrite it.

Plain Python, no MkDocs: the plugin and the CLI call it alike.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from .model import Problem
from .source import MAX_IMAGE_BYTES, SECTIONS_DIR, find_documents, is_document_folder, is_image

#: The ledger each build writes at the site's root, for the next build to check itself against.
LEDGER = "ledger.json"
#: Files the build writes at the site's root (the ledger; MkDocs' home, error page and sitemaps).
RESERVED_FILES = frozenset({LEDGER, "index.html", "404.html", "sitemap.xml", "sitemap.xml.gz"})
#: Names no document folder may have now: the files above, the theme's and the search's folders, and
#: the names of a document's own files (a folder named so reads as one). In history, only the files
#: above are skipped (a build failed there); an old address under any other name is redirected.
RESERVED = RESERVED_FILES | {"assets", "search", "feed.xml", "versions.json"}


def is_reserved(name: str, names: frozenset[str] = RESERVED) -> bool:
    """Whether ``name`` is one of ``names``, as a case-insensitive file system (macOS, Windows) sees it."""
    return name.strip().lower() in names


#: Files that a browser runs, or that can load content from other hosts, when published.
ACTIVE_SUFFIXES = frozenset(
    {
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".svg",
        ".svgz",
        ".js",
        ".mjs",
        ".cjs",
        ".css",
        ".wasm",
        ".xml",
        ".xsl",
        ".xslt",
        ".swf",
        ".htc",
    }
)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def scan(docs_dir: Path, root: Path, *, allowed: Iterable[str] = (), active_content: bool = False) -> list[Problem]:
    """Every problem with what docs/ would publish, each naming the file (relative to ``root``).

    ``allowed`` are paths or glob patterns relative to docs/ of active files mkdocs.yml lists
    (its ``extra_css`` and ``extra_javascript``, and the plugin's ``allow_files``);
    ``active_content`` lets every active file through, for sites that trust all their authors.
    """
    patterns = list(allowed)
    problems: list[Problem] = []
    # Section files are read, and their problems said, by the document's own reader.
    documents = find_documents(docs_dir) if docs_dir.is_dir() else []
    sections = [folder / SECTIONS_DIR for folder in documents]
    if docs_dir.is_symlink():
        problems.append(_link_problem(docs_dir, root))
        return problems
    problems.extend(_reserved(docs_dir, root))
    for folder, dirnames, filenames in os.walk(docs_dir, followlinks=False):
        here = Path(folder)
        for name in sorted([*dirnames, *filenames]):
            path = here / name
            if path.is_symlink():
                problems.append(_link_problem(path, root))
        dirnames[:] = sorted(d for d in dirnames if not (here / d).is_symlink())
        for name in sorted(filenames):
            path = here / name
            if path.is_symlink():
                continue
            rel = path.relative_to(docs_dir).as_posix()
            suffix = path.suffix.lower()
            if suffix == ".md" and not any(path.is_relative_to(s) for s in sections):
                problems.extend(_unreadable_page(path, root))
            elif suffix in ACTIVE_SUFFIXES and not active_content and not _listed(rel, patterns):
                problems.append(
                    Problem(
                        _shown(path, root),
                        None,
                        f"a {suffix} file can run script or load content from other sites in the reader's "
                        "browser, so it is not published unless mkdocs.yml lists it.",
                        f"if it is meant to be published, list `{rel}` under plugins.legaldocs.allow_files "
                        "(or extra_css / extra_javascript) in mkdocs.yml; otherwise remove it.",
                    )
                )
            if (document := _document_of(path, documents)) is not None:
                problems.extend(_large_image(path, document, root))
    return problems


def _document_of(path: Path, documents: list[Path]) -> Path | None:
    return next((folder for folder in documents if path.is_relative_to(folder)), None)


def _large_image(path: Path, folder: Path, root: Path) -> list[Problem]:
    """An image is part of the document's text, read at every version: bounded like a source."""
    if not is_image(path.relative_to(folder).as_posix()) or (size := path.stat().st_size) <= MAX_IMAGE_BYTES:
        return []
    return [
        Problem(
            _shown(path, root),
            None,
            f"this image is {size:,} bytes; an image of a legal document may have at most "
            f"{MAX_IMAGE_BYTES:,} (every version keeps its images, so the limit keeps a build small).",
            "save it smaller (a logo needs a few kilobytes), or remove it.",
        )
    ]


def _reserved(docs_dir: Path, root: Path) -> list[Problem]:
    """Folders under docs/ named like what the build writes at the site's root."""
    problems = []
    for path in sorted(docs_dir.iterdir()) if docs_dir.is_dir() else []:
        if not path.is_dir() or path.is_symlink():
            continue
        document = is_document_folder(path)
        if is_reserved(path.name, RESERVED_FILES) or (document and is_reserved(path.name)):
            what = "a document's folder" if document else "a folder under docs/"
            problems.append(
                Problem(
                    _shown(path, root),
                    None,
                    f"{what} cannot be named {path.name!r}: the build writes a file or folder of that name at "
                    "the site's root, so the two would collide.",
                    "rename the folder (a document's folder name is its address, e.g. docs/privacy/ is /privacy/).",
                )
            )
    return problems


def _listed(rel: str, patterns: list[str]) -> bool:
    return any(rel == p.lstrip("/") or fnmatch.fnmatchcase(rel, p.lstrip("/")) for p in patterns)


def _link_problem(path: Path, root: Path) -> Problem:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return Problem(
        _shown(path, root),
        None,
        f"is a symbolic link (to {target}). Links are never followed: one could publish any file of the "
        "machine that builds the site.",
        "put the file itself in the repository instead of a link to it, or remove the link.",
    )


def _unreadable_page(path: Path, root: Path) -> list[Problem]:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [Problem(_shown(path, root), line, "this page is not UTF-8 text.", "save it as UTF-8.")]
    return []
