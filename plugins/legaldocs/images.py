"""Images are part of a version's text: read with it, hashed with it, and published as they were.

A document's images are the image files in its folder (``source.is_image``: by name, outside
``sections/``), read with its sources at each commit (``gitsource``) or from the working copy
(``source.read_folder``), so a version's ``files`` hold them beside its sources; a one-file
document's are the images its text names relative to the file (``filedoc.images_of``). Each is
published once per distinct content at a content address, ``_images/<SHA-256 of the
content>.<suffix>`` in the document's folder, and a section's relative ``src`` naming one is
rewritten to that address when the text is rendered. So a version's permalink shows the image
as it was published, a replaced image is a changed ``src`` that the redline marks, and 300
versions with one logo publish one file.

The ledger records ``images_sha256`` (``sha256``) beside the text's SHA-256. Plain data, no
MkDocs, no git.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Mapping
from urllib.parse import unquote

from . import source

#: The folder of the content-addressed copies, inside the document's folder.
FOLDER = "_images"


def files_sha256(files: Mapping[str, bytes]) -> str:
    """SHA-256 over named files: for each file in order of its name (a path relative to the document
    folder, "/"-separated), its name in UTF-8, a zero byte, and the 32-byte SHA-256 of its content."""
    hasher = hashlib.sha256()
    for path in sorted(files):
        hasher.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return hasher.hexdigest()


def of(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The images among a version's files, by path relative to the document folder (a file
    document's: to its file's folder, where ``../`` leads to an image elsewhere in the repository).
    A version's files are its sources and its images only (read so by ``source``, ``gitsource`` and
    ``filedoc``): an image is a file with an image's suffix."""
    return {path: data for path, data in files.items() if path.lower().endswith(source.IMAGE_SUFFIXES)}


def sha256(files: Mapping[str, bytes]) -> str | None:
    """``images_sha256``: ``files_sha256`` of a version's images; None for a version without any."""
    found = of(files)
    return files_sha256(found) if found else None


def name(path: str, data: bytes) -> str:
    """The content address's file name: the content's SHA-256 and the image's suffix (lower case)."""
    return f"{hashlib.sha256(data).hexdigest()}{posixpath.splitext(path)[1].lower()}"


def addresses(files: Mapping[str, bytes]) -> dict[str, str]:
    """Each image's content address relative to the document folder, by its path there."""
    return {path: f"{FOLDER}/{name(path, data)}" for path, data in of(files).items()}


def copies(revisions: Iterable[Mapping[str, bytes]]) -> dict[str, bytes]:
    """Every distinct image of these versions' files, by its content address's file name."""
    found: dict[str, bytes] = {}
    for files in revisions:
        for path, data in of(files).items():
            found.setdefault(name(path, data), data)
    return found


def relative_path(src: str) -> str | None:
    """The path a relative ``src`` names, from the folder of the page it is written for; None for
    an address that is not relative (a site path, a scheme).

    As a browser reads it: a query or fragment does not change the file, ``%20`` is a space,
    ``./`` and ``dir/../`` are resolved; a path that leaves the folder starts with ``../``.
    """
    path = unquote(src.split("#", 1)[0].split("?", 1)[0].replace("\\", "/"))
    if not path or path.startswith("/") or ":" in path.split("/", 1)[0]:
        return None
    return posixpath.normpath(path)


def resolve(src: str, known: Mapping[str, str]) -> str | None:
    """The content address of the image a relative ``src`` names, or None if it is not one of
    ``known`` (an address elsewhere on the site, or a file that was not read with the text)."""
    path = relative_path(src)
    return None if path is None else known.get(path)
