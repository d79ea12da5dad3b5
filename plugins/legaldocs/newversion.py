"""Start a new version of a document: a new `effective` date and summary in document.yml.

The file is edited in place, not rewritten: only the text of the two values changes, so the
editor's comments, key order, quoting and layout stay exactly as they were (a reformatted file
would bury the real change in a diff a lawyer has to read). The result is parsed again and
checked before anything is written.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from . import filedoc, source, yamlfile
from .filedoc import FileSpec

#: Where a folded summary is wrapped, as an editor would have written it.
WRAP = 96


class NewVersionError(Exception):
    """A new version cannot be started; the message says why and how to fix it."""


@dataclass(frozen=True)
class Started:
    path: Path
    previous: date  # the effective date of the version the new one follows
    effective: date
    replaced_draft: date | None  # an uncommitted effective date that this one replaced


def parse_date(text: str) -> date:
    """An effective date as editors write it in document.yml: YYYY-MM-DD, and a real day."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-01-31")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar: write it as YYYY-MM-DD") from None


def pick_document(docs_dir: Path, name: str | None, files: Sequence[FileSpec] = ()) -> Path:
    """The folder of document ``name`` under docs/, or the only document when no name is given.
    ``files``: the file documents mkdocs.yml declares, named (with their translations) where ``name``
    is none of the folders."""
    folders = source.find_documents(docs_dir) if docs_dir.is_dir() else []
    names = ", ".join(f.name for f in folders)
    if name is None:
        if len(folders) == 1:
            return folders[0]
        if not folders:
            raise NewVersionError(f"{docs_dir}: no document folders (folders with a document.yml) found.")
        raise NewVersionError(f"{docs_dir} holds several documents ({names}): name the one to change.")
    folder = docs_dir / name
    if name not in [f.name for f in folders]:
        raise NewVersionError(unknown(docs_dir, name, folders, files))
    return folder


def unknown(docs_dir: Path, name: str, folders: Sequence[Path], files: Sequence[FileSpec]) -> str:
    """Why ``name`` is no document, with every document there is (folders, file documents, translations),
    and, for a translation, how its version is set: by its date, not by this command."""
    from . import translation  # the translation module imports the route table: only for this message

    listed = [f.name for f in folders] + [d.name for d in files]
    said = f"{docs_dir} has no document {name!r}; " + (
        f"the documents are (folders in it and files mkdocs.yml names): {', '.join(listed)}."
        if listed
        else "neither it nor mkdocs.yml holds any document."
    )
    head, _, tag = name.strip("/").rpartition("/")
    for spec in files:
        for each, file in spec.translations:
            if head == spec.name and translation.address(each) == translation.address(tag):
                return (
                    f"{said} {name!r} is the {each} translation of {spec.name!r}: a translation has no versions of "
                    f"its own to start. When it translates a new version, edit its date line in {file} to that "
                    "version's effective date (the translation follows its source's versions)."
                )
    for folder in folders:
        where = folder / translation.FOLDER / tag
        if head == folder.name and tag and (where / source.DOCUMENT_FILE).is_file():
            return (
                f"{said} {name!r} is a translation of {folder.name!r}: a translation has no versions of its own "
                f"to start. When it translates a new version, set `effective:` in {where / source.DOCUMENT_FILE} "
                "to that version's effective date (the translation follows its source's versions)."
            )
    return said


def _effective_of(text: str) -> date | None:
    """The `effective` date in a document.yml's text, or None where it has none that reads."""
    data, problems = yamlfile.load(text, source.DOCUMENT_FILE)
    if problems or not isinstance(data, dict):
        return None
    try:
        return parse_date(str(data.get("effective", "")))
    except ValueError:
        return None


def start(folder: Path, effective: date, summary: str, committed: bytes | None = None) -> Started:
    """Write the new ``effective`` and ``summary`` into ``folder``/document.yml.

    ``committed`` is document.yml as last committed, where there is git. The new date must be
    after the current version's: the committed one, so that a new version already started but
    not committed can be re-dated; without git, the working copy's.
    """
    path = folder / source.DOCUMENT_FILE
    shown = path.as_posix()
    summary = " ".join(summary.split())
    if not summary:
        raise NewVersionError("the summary is empty: say in a sentence or two what the new version changes.")
    if any(unicodedata.category(c) == "Cc" for c in summary):
        raise NewVersionError("the summary contains a control character: type it as plain text.")
    text, bom, newline = _read(path, shown)
    working = _effective_of(text)
    data, problems = yamlfile.load(text, shown)
    if problems:
        raise NewVersionError(str(problems[0]))
    if not isinstance(data, dict) or working is None:
        line = data.line_of("effective") if isinstance(data, yamlfile.Mapping) else 1
        raise NewVersionError(
            f"{shown}:{line}: 'effective' is missing or not a date, so there is no current version to follow. "
            "Fix: run `legaldocs check` and correct document.yml first."
        )
    before = _effective_of(committed.decode("utf-8-sig", "replace")) if committed is not None else None
    current = before or working
    if effective <= current:
        raise NewVersionError(
            f"{shown}: the new effective date {effective.isoformat()} is not after the current version's, "
            f"{current.isoformat()}. Fix: choose a later date (a version takes effect after the one it replaces)."
        )
    edited = _replace(text, shown, {"effective": effective.isoformat(), "summary": summary})
    try:
        check = yaml.safe_load(edited)
    except yaml.YAMLError:
        check = None
    if (
        not isinstance(check, dict)
        or str(check.get("effective")) != effective.isoformat()
        or check.get("summary") != summary
        or {k: v for k, v in check.items() if k not in ("effective", "summary")}
        != {k: v for k, v in yaml.safe_load(text).items() if k not in ("effective", "summary")}
    ):  # never write a file that would not read back as intended
        raise NewVersionError(
            f"{shown}: the summary cannot be written here without changing the file's meaning. "
            "Fix: edit `effective` and `summary` in document.yml by hand."
        )
    _write(path, edited, bom, newline)
    return Started(path, current, effective, working if before and working != before else None)


def _replace(text: str, shown: str, values: dict[str, str]) -> str:
    """Replace the text of top-level values in place, leaving every other character as it was."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    nodes = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    spans = []
    for key, value in values.items():
        node = nodes.get(key)
        if not isinstance(node, yaml.ScalarNode):
            raise NewVersionError(
                f"{shown}: there is no `{key}: ...` line to change. Fix: add `{key}:` to document.yml, then run "
                "this again."
            )
        start, end = node.start_mark.index, node.end_mark.index
        plain_date = key == "effective" and node.style is None  # as written: `effective: 2018-05-25`
        spans.append((start, end, value if plain_date else _scalar(text[start:end], value, node)))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _scalar(old: str, value: str, node: yaml.ScalarNode) -> str:
    """``value`` written in the style of the text it replaces: block, quoted, or plain and wrapped alike."""
    if node.style == "'":
        return "'" + value.replace("'", "''") + "'"
    if node.style == '"':
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if node.style in (">", "|"):
        header, _, body = old.partition("\n")
        indent = re.match(r"[ ]*", body).group(0) or "  "
        # Folded, without a final line break; anything after the indicator (a comment) stays.
        header = re.sub(r"^[>|][-+0-9]*", ">-", header)
        lines = textwrap.wrap(value, WRAP - len(indent), break_long_words=False, break_on_hyphens=False)
        # A block scalar runs to the start of the next key: keep the line breaks and blank lines before it.
        tail = old[len(old.rstrip()) :] or "\n"
        return header + "\n" + "\n".join(indent + line for line in lines) + tail
    if _needs_quotes(value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if "\n" in old:  # a plain value over several lines: wrap the new one the same way
        indent = re.search(r"\n([ ]*)", old).group(1)
        lines = textwrap.wrap(value, WRAP - len(indent), break_long_words=False, break_on_hyphens=False)
        return ("\n" + indent).join(lines)
    return value


def _needs_quotes(value: str) -> bool:
    """Whether a plain scalar would read back as something else (a mapping, a comment, a number...)."""
    try:
        return yaml.safe_load(value) != value or "\n" in value
    except yaml.YAMLError:
        return True


def start_file(
    path: Path, spec: FileSpec, effective: date, language: str = "en", committed: bytes | None = None
) -> Started:
    """A new version of a file document: its date line (or front matter `effective:`) rewritten in
    place to ``effective``, in the form it is written; nothing else in the file changes. The summary
    of a file document is the commit's message (or its front matter `summary:`, edited by hand)."""
    shown = path.as_posix()
    text, bom, newline = _read(path, shown)
    try:
        edited, working = filedoc.redate(text, spec, shown, effective, language)
    except ValueError as error:
        raise NewVersionError(f"{error} Fix: run `legaldocs check` and correct the file first.") from None
    before = None
    if committed is not None:
        reading = filedoc.read("", {filedoc.FILE_KEY: committed}, shown, spec, language)
        if reading.document is not None and reading.document.effective != date.min:
            before = reading.document.effective
    current = before or working
    if effective <= current:
        raise NewVersionError(
            f"{shown}: the new effective date {effective.isoformat()} is not after the current version's, "
            f"{current.isoformat()}. Fix: choose a later date (a version takes effect after the one it replaces)."
        )
    check = filedoc.read("", {filedoc.FILE_KEY: edited.encode("utf-8")}, shown, spec, language).document
    if check is None or check.effective != effective:  # never write a file that would not read back as intended
        raise NewVersionError(f"{shown}: the date cannot be rewritten here. Fix: edit the date line by hand.")
    _write(path, edited, bom, newline)
    return Started(path, current, effective, working if before and working != before else None)


def committed_file(path: Path) -> bytes | None:
    """A file document as last committed (at HEAD), or None where there is no git history to ask."""
    from . import gitsource

    try:
        repo = gitsource.Repository(path.parent)
    except gitsource.NoHistory:
        return None
    try:
        files = repo.file_at(repo.repo.head.commit, repo.relative(path))
    except (ValueError, gitsource.NoHistory):
        return None
    finally:
        repo.close()
    return (files or {}).get(filedoc.FILE_KEY)


def committed(folder: Path) -> bytes | None:
    """document.yml as last committed (at HEAD), or None where there is no git history to ask."""
    from . import gitsource  # GitPython takes a tenth of a second to import: only when asked

    try:
        repo = gitsource.Repository(folder)
    except gitsource.NoHistory:
        return None
    try:
        files = repo.files_at(repo.repo.head.commit, repo.relative(folder))
    except (ValueError, gitsource.NoHistory):  # no commits yet, or the folder is outside the repository
        return None
    finally:
        repo.close()
    return (files or {}).get(source.DOCUMENT_FILE)


def _read(path: Path, shown: str) -> tuple[str, str, str]:
    """The file's text with "\n" line ends, and its byte-order mark and line end, to write it back
    as it was written: an edit changes the date and nothing else."""
    raw = path.read_bytes()
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NewVersionError(f"{shown}: this file is not UTF-8 text. Fix: save it as UTF-8.") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), bom, newline


def _write(path: Path, text: str, bom: str, newline: str) -> None:
    path.write_bytes((bom + text.replace("\n", newline)).encode("utf-8"))
