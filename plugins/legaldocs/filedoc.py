"""A document kept as one Markdown file, read into the same ``Document`` a folder gives.

Most teams keep a policy as one file with its date in the text ("Effective date: February 1, 2024")
and perhaps YAML front matter. This module splits such a file into the model's pieces: front matter
is metadata, the first level-1 heading is the title, the date line is the effective date, and the
headings of one level are the sections (the text before the first is a preamble). Lines that are
metadata are blanked, never removed, so every section keeps its lines of the real file and every
problem names ``file:line`` as the editor sees it. Input is the file's bytes (``files[FILE_KEY]``),
so the same code reads the working copy and any commit of its history.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath

from . import bounds, characters, images, source, yamlfile
from .model import Document, History, Section, Skipped, Version

#: The one file of a file document, in its files mapping: the same key whatever the file is called,
#: so that a renamed or moved file whose text is unchanged is no change.
FILE_KEY = "document.md"
#: Front matter keys that are the document's metadata; other keys belong to other tools and are ignored.
FRONT_MATTER_KEYS = ("title", "summary", "effective", "facts")
#: The date line is looked for in this many lines from the top (and before the first section).
DATE_LINES = 40
#: The id of the text before the first section.
PREAMBLE_ID = "preamble"
#: The forms of a date line understood, as said in problems and in the documentation.
DATE_FORMS = (
    "front matter `effective: 2024-02-01`, or a line near the top such as `Effective date: February 1, 2024`, "
    "`**Effective date:** 1 February 2024`, `*Effective May 4, 2026*`, `Gültig ab 4. Mai 2026`, "
    '`Effective: 2024-02-01`, a `datetime="2024-02-01"` attribute, or `Last updated: February 1, 2024` '
    "where no line says `Effective`"
)


@dataclass(frozen=True)
class FileSpec:
    """A file document as mkdocs.yml declares it (``config._FileDocument``)."""

    name: str
    file: str
    markdown: str = "mkdocs"
    section_level: int | None = None
    numbering: str = "as-written"
    #: A strftime-style form of the date line (``effective_format``), e.g. `Effective date: %B %-d, %Y`.
    effective_format: str | None = None
    #: Its registers' YAML files (``cookies:``, ``recipients:``), relative to the folder of mkdocs.yml as
    #: ``file`` is; read from git at each commit as the file is.
    cookies: str | None = None
    recipients: str | None = None

    def registers(self) -> dict[str, str]:
        """Each register file the entry names, by its name in a files mapping (``cookies.yml``), as written."""
        named = ((source.COOKIES_FILE, self.cookies), (source.RECIPIENTS_FILE, self.recipients))
        return {key: posixpath.normpath(path) for key, path in named if path}

    def beside(self) -> dict[str, str]:
        """Each register file's path from the Markdown file's folder ('/'-separated; may go up with ..)."""
        folder = posixpath.dirname(posixpath.normpath(self.file)) or "."
        return {key: posixpath.relpath(path, folder) for key, path in self.registers().items()}

    #: The language it is written in (BCP 47; "": theme.language), the language whose text binds, and
    #: its translations as (language, file) pairs (``translation``).
    language: str = ""
    binding_language: str = ""
    translations: tuple[tuple[str, str], ...] = ()


def register_paths(spec: FileSpec | None, rel: str) -> tuple[tuple[str, str], ...]:
    """Each register file of a file document as (its key, its path in the repository), ``rel`` the
    Markdown file's path there: what git is asked for at each commit."""
    if spec is None:
        return ()
    folder = posixpath.dirname(rel)
    return tuple((key, posixpath.normpath(posixpath.join(folder, path))) for key, path in spec.beside().items())


def read_file(path: Path, spec: FileSpec | None = None) -> dict[str, bytes]:
    """The working copy of a file document as its files mapping, with the images its text names
    (``images_of``; "the repository" is the folder holding ``.git`` above the file, else the file's
    own folder) and its registers (``spec``'s, each where it is a plain file: ``loader.file_documents``
    refused links): empty where the file is absent or a link (never followed: it could publish any
    file of the machine that builds the site)."""
    if path.is_symlink() or not path.is_file():
        return {}
    data = path.read_bytes()
    root = next((p for p in path.parents if (p / ".git").exists()), path.parent)
    rel = path.relative_to(root).as_posix()

    def image(at: str) -> bytes | str:
        found = root / at
        if source._linked(found, root):
            return LINK
        if not found.is_file():
            return MISSING
        return found.read_bytes() if found.stat().st_size <= source.MAX_IMAGE_BYTES else LARGE

    files = {FILE_KEY: data, **images_of(data, rel, image)}
    for key, beside in (spec.beside() if spec else {}).items():
        register = Path(posixpath.normpath((path.parent / beside).as_posix()))
        if not register.is_symlink() and register.is_file() and register.stat().st_size <= source.MAX_FILE_BYTES:
            files[key] = register.read_bytes()
    return files


# Images ------------------------------------------------------------------------------------------

#: The images a file document shows are read with it, from the same commit (or the working copy),
#: each by its path relative to the file as Markdown writes it ("img/logo.png", "../img/logo.png"),
#: into the file's files mapping beside ``FILE_KEY``; ``images`` freezes and counts them as it does
#: a folder's. An image that cannot be published is listed under ``REFUSED`` with why, one
#: "why<TAB>path" a line, so that rendering says so at the line that shows it.
REFUSED = "refused images"
#: Why an image cannot be published: not in the repository, a symbolic link, too large, missing.
OUTSIDE, LINK, LARGE, MISSING = "outside", "link", "large", "missing"
#: Where a text names a file: `](path)`, `](<path>)`, `]: path` (a reference), `src="path"` (a link to
#: an image file is read too: harmless, and no image escapes for want of a Markdown parser here).
#: Each starts with a literal, which the regular expression engine looks for fast (a 1 MB text: ms).
_NAMED = re.compile(r"\]\(\s*(?:<([^>\n]+)>|([^\s)]+))|\]:[ \t]*<?([^\s>]+)")
_SRC = re.compile(r"src\s*=\s*(?:\"([^\"\n]*)\"|'([^'\n]*)'|([^\s>]+))", re.IGNORECASE)


@lru_cache(maxsize=64)
def image_sources(data: bytes) -> tuple[str, ...]:
    """The images a file's text names by a relative path (``images.relative_path``: "img/a.png",
    "../a.png"), at most ``bounds.MAX_IMAGES``; cached by content (a few: texts can be long)."""
    text = data.decode("utf-8", "replace")
    found: dict[str, None] = {}
    for groups in _named(text):
        path = images.relative_path(next(g for g in groups if g is not None))
        if path and path.lower().endswith(source.IMAGE_SUFFIXES):
            found[path] = None
            if len(found) >= bounds.MAX_IMAGES:
                break
    return tuple(found)


def _named(text: str) -> Iterator[tuple[str | None, ...]]:
    """The groups of each place ``_NAMED`` or ``_SRC`` finds, one at a time."""
    for match in _NAMED.finditer(text):
        yield match.groups()
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: positions differ, so no shortcut
        yield from (match.groups() for match in _SRC.finditer(text))
        return
    at = lowered.find("src")  # `src` in any case by str.find: no regular expression tried at each place
    while at >= 0:
        if match := _SRC.match(text, at):
            yield match.groups()
        at = lowered.find("src", at + 3)


def images_of(data: bytes, rel: str, image: Callable[[str], bytes | str]) -> dict[str, bytes]:
    """The images the file at ``rel`` (its path in the repository) names, each read by ``image`` (from
    a path in the repository to its bytes, or why it cannot be published), by their path relative to
    the file; those that cannot be published listed under ``REFUSED``."""
    folder = posixpath.dirname(rel)
    found: dict[str, bytes] = {}
    refused: list[str] = []
    for path in image_sources(data):
        at = posixpath.normpath(posixpath.join(folder, path))
        read = OUTSIDE if at == ".." or at.startswith("../") else image(at)
        if isinstance(read, bytes):
            found[path] = read
        elif read != MISSING:
            refused.append(f"{read}\t{path}")
    if refused:
        found[REFUSED] = "\n".join(refused).encode()
    return found


def image_paths(data: bytes, rel: str) -> list[str]:
    """The paths in the repository of the images the file at ``rel`` names (for git's log and status)."""
    folder = posixpath.dirname(rel)
    paths = (posixpath.normpath(posixpath.join(folder, path)) for path in image_sources(data))
    return [p for p in paths if p != ".." and not p.startswith("../")]


def refused_images(files: Mapping[str, bytes]) -> dict[str, str]:
    """Why each image that could not be read with the file cannot be published, by its path."""
    lines = files.get(REFUSED, b"").decode().split("\n")
    return {path: why for why, _, path in (line.partition("\t") for line in lines if line)}


def commit_summaries(history: History) -> History:
    """Each version's summary where the file has none in front matter: the first line of the message
    of the commit that started the version's text. Where a commit's date could not be read and the
    very next commit corrected it (``Skipped.next_valid``), the unreadable commit started the text (its
    message says the change: "Add PayFast as sub-processor", not "Fix date typo")."""
    started = {s.next_valid.sha: s.commit.message for s in history.skipped if s.undated and s.next_valid is not None}

    def summarised(version: Version | None) -> Version | None:
        if version is None or version.document.summary:
            return version
        first = version.revisions[0].commit
        message = started.get(first.sha, first.message)
        revisions = tuple(
            replace(r, document=replace(r.document, summary=message, summary_from_commit=True))
            if not r.document.summary
            else r
            for r in version.revisions
        )
        return replace(version, revisions=revisions)

    return replace(
        history,
        versions=tuple(summarised(v) for v in history.versions),  # type: ignore[misc]
        proposed=summarised(history.proposed),
    )


def at_their_paths(history: History, paths: Mapping[str, str], current: str, shown_as: str) -> History:
    """The commits left out, their problems named at the path the file had at each commit (``paths``:
    sha → path in the repository, ``current`` the path today, which the site names ``shown_as``)."""
    prefix = current[: len(current) - len(shown_as)] if current.endswith(shown_as) else ""

    def shown(sha: str) -> str:
        path = paths.get(sha, current)
        return path[len(prefix) :] if prefix and path.startswith(prefix) else path

    def moved(s: Skipped) -> Skipped:
        at = shown(s.commit.sha)
        return replace(s, problems=tuple(replace(p, path=at) if p.path == shown_as else p for p in s.problems))

    skipped = tuple(moved(s) for s in history.skipped)
    return replace(history, skipped=skipped)


# Dates -------------------------------------------------------------------------------------------

_EFFECTIVE = re.compile(
    r"^(?:effective(?:\s+date)?|date\s+effective|gültig\s+ab|in\s+kraft\s+(?:seit|ab)|wirksam\s+ab)"
    r"\s*:?\s*(?:as\s+of|on|from|since|ab|seit|am)?\s*:?\s*(?P<date>.+)$",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"^(?:last\s+(?:updated|modified|revised|changed)|updated|revised|zuletzt\s+(?:aktualisiert|geändert)|stand)"
    r"\s*:?\s*(?:on|am|vom)?\s*:?\s*(?P<date>.+)$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORD = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
#: Markdown around a date line's words: emphasis, a quote, a list marker, a heading's #s.
_DECORATION = " \t*_>#-`"


@lru_cache(maxsize=16)
def month_names(language: str) -> dict[str, int]:
    """Month names (wide and abbreviated, both contexts) in English and ``language``, from Babel's CLDR."""
    from babel import Locale, UnknownLocaleError  # imported only where a file document is read

    names: dict[str, int] = {}
    for lang in dict.fromkeys(("en", (language or "en").replace("-", "_"))):
        try:
            locale = Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    names[name.lower().rstrip(".")] = number
    names.setdefault("sept", 9)
    return names


#: The words a written date may hold besides its day, month and year ("May 4th", "4th of May").
_FILLERS = ("st", "nd", "rd", "th", "of", "the", "der", "den")


def parse_date(text: str, language: str = "en") -> date | None:
    """A date as a legal text writes it: ISO, "February 1, 2024", "1 February 2024", "4. Mai 2026",
    "May 4th, 2026"; None if it is not one (no guessing between 02/01 and 01/02)."""
    text = text.strip(_DECORATION + ".,;")
    if match := _ISO.match(text):
        return _date(int(match[1]), int(match[2]), int(match[3]))
    words = _WORD.findall(text.lower())
    months = month_names(language)
    numbers, month = [], None
    for word in words:
        if word.isdigit():
            numbers.append(word)
        elif word in _FILLERS:
            continue
        elif word.rstrip(".") in months and month is None:
            month = months[word.rstrip(".")]
        else:
            return None
    if month is None:
        # 04.05.2026: day, month, year, as German and most of Europe write it (never an English line)
        if len(numbers) == 3 and len(numbers[2]) == 4 and not language.startswith("en") and "." in text:
            return _date(int(numbers[2]), int(numbers[1]), int(numbers[0]))
        return None
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) != 1 or len(numbers) != 2:
        return None
    return _date(int(years[0]), month, int(days[0]))


def unread_word(line: str, language: str = "en") -> str:
    """The word of a date line's date that ``parse_date`` cannot place (a month's name misspelt:
    "Marhc"), to name it in the problem; "" where every word is understood."""
    words = _TAG.sub("", _ATTRIBUTE.sub("", line)).strip(_DECORATION).replace("*", "").replace("_", " ").strip()
    for pattern in (_EFFECTIVE, _UPDATED):
        if match := pattern.match(words):
            months = month_names(language)
            for word in _WORD.findall(match["date"]):
                plain = word.lower().rstrip(".")
                if not (
                    word.isdigit() or plain in ("st", "nd", "rd", "th", "of", "the", "der", "den") or plain in months
                ):
                    return word
    return ""


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_line(line: str, language: str = "en") -> tuple[str, date | None] | None:
    """("effective" or "updated", the date or None if unreadable) for a line that states a date. A
    `datetime="2024-02-01"` attribute (`{: datetime="…" }`, `<time datetime="…">`) gives the date
    its words write."""
    stamped = _DATETIME.search(line)
    iso = parse_date(stamped[1], language) if stamped else None
    words = _TAG.sub("", _ATTRIBUTE.sub("", line)).strip(_DECORATION)
    words = words.replace("*", "").replace("_", " ").strip()
    for kind, pattern in (("effective", _EFFECTIVE), ("updated", _UPDATED)):
        if match := pattern.match(words):
            return kind, iso or parse_date(match["date"], language)
    if _ISO.match(words) or (iso and parse_date(words, language) == iso):
        return "effective", iso or parse_date(words, language)
    return None


# An effective_format ------------------------------------------------------------------------------

#: The directives an ``effective_format`` may use: strftime's, as a date line writes them.
FORMAT_DIRECTIVES = {
    "Y": "the year (2024)",
    "m": "the month, two digits (02)",
    "-m": "the month (2)",
    "d": "the day, two digits (01)",
    "-d": "the day (1)",
    "e": "the day (1)",
    "B": "the month's name (February)",
    "b": "the month's short name (Feb)",
    "%": "a % sign",
}
#: A format is a line of text, not a program: kept short.
MAX_FORMAT = 200


@lru_cache(maxsize=16)
def format_pieces(form: str) -> tuple[tuple[bool, str], ...]:
    """``form`` as (is a directive, text) pieces; ValueError says what is wrong in an editor's words.
    A small matcher of its own: nothing of the repository becomes a regular expression."""
    if len(form) > MAX_FORMAT or "\n" in form:
        raise ValueError(f"effective_format must be one line of at most {MAX_FORMAT} characters.")
    pieces: list[tuple[bool, str]] = []
    i = 0
    while i < len(form):
        if form[i] != "%":
            j = form.find("%", i)
            j = len(form) if j < 0 else j
            pieces.append((False, form[i:j]))
            i = j
            continue
        code = form[i + 1 : i + 3] if form[i + 1 : i + 2] == "-" else form[i + 1 : i + 2]
        if code not in FORMAT_DIRECTIVES:
            known = ", ".join(f"%{k} ({v})" for k, v in FORMAT_DIRECTIVES.items())
            raise ValueError(
                f"effective_format has {form[i : i + 1 + max(len(code), 1)]!r}, which is not one of {known}."
            )
        pieces.append((False, "%") if code == "%" else (True, code))
        i += 1 + len(code)
    codes = {code for directive, code in pieces if directive}
    if "Y" not in codes or not codes & {"m", "-m", "B", "b"} or not codes & {"d", "-d", "e"}:
        raise ValueError("effective_format must have a year (%Y), a month (%B, %b, %m or %-m) and a day (%d or %-d).")
    return tuple(pieces)


def match_format(form: str, text: str, language: str = "en") -> date | None:
    """The date ``text`` states in the form ``form`` (the whole text, spaces around it aside), or None."""
    text = text.strip()
    numbers: dict[str, int] = {}
    at = 0
    for directive, piece in format_pieces(form):
        if not directive:
            if not text.startswith(piece, at):
                return None
            at += len(piece)
            continue
        if piece in ("B", "b"):
            end = at
            while end < len(text) and text[end].isalpha():
                end += 1
            end += text[end : end + 1] == "."
            month = month_names(language).get(text[at:end].lower().rstrip("."))
            if month is None:
                return None
            numbers["month"], at = month, end
            continue
        widths = {"Y": (4, 4), "m": (2, 2), "d": (2, 2)}.get(piece, (1, 2))
        end = at
        while end < len(text) and end - at < widths[1] and text[end].isascii() and text[end].isdigit():
            end += 1
        if end - at < widths[0]:
            return None
        numbers["year" if piece == "Y" else "month" if piece.endswith("m") else "day"] = int(text[at:end])
        at = end
    if at != len(text) or len(numbers) != 3:
        return None
    return _date(numbers["year"], numbers["month"], numbers["day"])


def write_format(form: str, day: date, language: str = "en") -> str:
    """``day`` written in the form ``form`` (month names in ``language``, from Babel's CLDR)."""
    from babel import Locale, UnknownLocaleError

    try:
        months = Locale.parse((language or "en").replace("-", "_")).months["format"]
    except (UnknownLocaleError, ValueError):
        months = Locale.parse("en").months["format"]
    values = {
        "Y": f"{day.year:04d}",
        "m": f"{day.month:02d}",
        "-m": str(day.month),
        "d": f"{day.day:02d}",
        "-d": str(day.day),
        "e": str(day.day),
        "B": months["wide"][day.month],
        "b": months["abbreviated"][day.month],
    }
    return "".join(values[piece] if directive else piece for directive, piece in format_pieces(form))


# Headings ----------------------------------------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
#: An explicit id after a heading: `{#id}` or `{: #id }` (attribute lists).
_EXPLICIT_ID = re.compile(r"[ \t]*\{:?[ \t]*#([A-Za-z][\w:.-]*)[^}]*\}[ \t]*$")
_ATTRIBUTE = re.compile(r"\{:?[^}]*\}\s*$")
_DATETIME = re.compile(r"""\bdatetime=["']?(\d{4}-\d{2}-\d{2})""")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


@dataclass(frozen=True)
class Heading:
    index: int  # 0-based line
    level: int
    title: str
    explicit_id: str | None
    #: Lines it takes: 2 for a Setext heading (its text, then a line of = or -).
    lines: int = 1


def headings(lines: list[str]) -> list[Heading]:
    """ATX headings outside fenced code blocks, and Setext ones (a one-line paragraph underlined
    with = or -, after a blank line: not a list item, a quote or a table row)."""
    found: list[Heading] = []
    fence = ""
    for index, line in enumerate(lines):
        if not fence and index and (under := _SETEXT.match(line)) and _setext_text(lines, index - 1):
            title, explicit = _explicit(lines[index - 1].strip())
            found.append(Heading(index - 1, 1 if under[1][0] == "=" else 2, title, explicit, lines=2))
            continue
        if opened := _FENCE.match(line):
            marker = opened[1]
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip().strip(marker[0]):
                fence = ""
            continue
        if fence or not (match := _HEADING.match(line)):
            continue
        title = (match[2] or "").strip()
        title = re.sub(r"[ \t]+#+$", "", title) if not title.startswith("#") else title
        found.append(Heading(index, len(match[1]), *_explicit(title)))
    return found


def _explicit(title: str) -> tuple[str, str | None]:
    """A heading's words and its explicit id (`{#id}`), if it has one."""
    explicit = _EXPLICIT_ID.search(title)
    return (title[: explicit.start()].rstrip(), explicit[1]) if explicit else (title, None)


_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:[-+*>|#]|\d+[.)]|`{3}|~{3})|^ {4}|^\s*$")


def _setext_text(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` is a paragraph of one line that an underline makes a heading."""
    return not _NOT_PARAGRAPH.match(lines[index]) and (index == 0 or not lines[index - 1].strip())


def github_slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    from .gfm import slug  # one rule for GitHub's ids, the one the rendered headings get

    return slug(re.sub(r"<[^>]*>", "", text))


def toc_slug(text: str) -> str:
    """Python-Markdown's toc anchor (the site's own, as MkDocs makes it for its pages)."""
    from markdown.extensions.toc import slugify

    return slugify(re.sub(r"<[^>]*>", "", text), "-")


def section_level(found: list[Heading], given: int | None) -> int | None:
    """The level of the sections: as given, else the shallowest used at least three times, else the
    shallowest used below a lone level-1 title."""
    if given:
        return given
    counts: dict[int, int] = {}
    for heading in found:
        counts[heading.level] = counts.get(heading.level, 0) + 1
    for level in sorted(counts):
        if counts[level] >= 3:
            return level
    deeper = sorted(level for level in counts if level > 1 or counts[level] > 1)
    return deeper[0] if deeper else None


# Reading -----------------------------------------------------------------------------------------


def read(slug: str, files: Mapping[str, bytes], shown_as: str, spec: FileSpec, language: str = "en") -> source.Reading:
    """The file as a Document, with every problem at its line of the real file (``source.read``'s twin)."""
    reader = _FileReader(slug, files, shown_as, spec, language)
    document = reader.read()
    return source.Reading(document, reader.problems, reader.warnings)


class _FileReader(source._Reader):
    """``source``'s reader, its checks and messages, on one file: every path is the file itself."""

    def __init__(self, slug: str, files: Mapping[str, bytes], shown_as: str, spec: FileSpec, language: str) -> None:
        super().__init__(slug, files, shown_as, language)
        self.spec = spec

    def path(self, rel: str) -> str:
        """Every problem is at the file, but a register's, at its own file as mkdocs.yml names it."""
        return self.spec.registers().get(rel, self.shown_as)

    def missing_file(self, token: str, needed: str) -> tuple[str, str]:
        kind = needed.removesuffix(".yml")
        if needed in self.spec.registers():
            return (
                f"{token} needs {self.path(needed)}, which is not there.",
                f"commit {self.path(needed)} with the file, or remove the placeholder.",
            )
        return (
            f"{token} needs a register: the document's entry in mkdocs.yml names no {needed}.",
            f"add `{kind}: <path of its {needed}>` to the entry (beside `file:`), or remove the placeholder.",
        )

    def read(self) -> Document | None:
        if FILE_KEY not in self.files:
            self.problem(FILE_KEY, None, "the file does not exist.", "write the file's path in mkdocs.yml as it is.")
            return None
        text = self.text(FILE_KEY)
        if text is None:
            return None
        self.report_characters(FILE_KEY, *characters.in_section(text, self.language))
        lines = text.split("\n")
        meta = self.front_matter(lines)
        found = headings(lines)
        level = section_level(found, self.spec.section_level)
        title = meta.get("title") if isinstance(meta.get("title"), str) and meta["title"].strip() else None
        if level is None or level > 1:  # (level 1: every level-1 heading is a section)
            first = next((h for h in found if h.level == 1), None)
            if first is not None and all(h.index > first.index for h in found if h.level >= (level or 7)):
                title = title or first.title
                lines[first.index : first.index + first.lines] = [""] * first.lines  # the page's heading: not repeated
                found.remove(first)
        title = (title or PurePosixPath(self.shown_as).stem).strip()
        sections_at = [h for h in found if level is not None and h.level <= level]
        top = sections_at[0].index if sections_at else len(lines)
        effective = self.effective_date(lines, meta, min(top, DATE_LINES + self.body_start))
        summary = meta.get("summary")
        sections = self.sections(lines, sections_at, found, level or 1)
        facts = self.facts(meta) if "facts" in meta else {}
        registers = {key for key in self.spec.registers() if key in self.files}  # those its entry names
        self.check_placeholders(sections, self.referable(effective, sections), facts, registers)
        cookies = self.cookies(None) if source.COOKIES_FILE in registers else None
        recipients = self.recipients(None) if source.RECIPIENTS_FILE in registers else None
        return Document(
            slug=self.slug,
            title=title,
            effective=effective or date.min,
            summary=summary.strip() if isinstance(summary, str) else "",
            sections=tuple(sections),
            facts=facts,
            markdown=self.spec.markdown,
            numbered=self.spec.numbering == "generated",
            file_document=True,
            cookies=cookies,
            recipients=recipients,
        )

    def referable(self, effective: date | None, sections: list[Section]) -> set[str]:
        """The section ids a ``{{ section: … }}`` may name: the file's own (a translation's are its source's)."""
        return {s.id for s in sections}

    #: Where the file first wrote anything but front matter (a 0-based line).
    body_start = 0
    #: The line that gives the effective date (0-based) and whether it is front matter's `effective:`.
    date_at: tuple[int, bool] | None = None
    #: The date line a reader sees (0-based) and the date it states, where the file has one (``translation``
    #: warns where it disagrees with front matter's `effective:`).
    visible: tuple[int, date | None] | None = None
    #: The date line's text as written (before it is blanked), to name a word it cannot read.
    date_line_text = ""

    def front_matter(self, lines: list[str]) -> yamlfile.Mapping:
        """YAML between `---` lines at the very top: metadata, blanked from the text."""
        empty = yamlfile.Mapping()
        empty.line, empty.key_lines = 1, {}
        if not lines or lines[0].strip() != "---":
            return empty
        end = next((i for i in range(1, min(len(lines), 500)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            return empty
        escaped = any("\\" in line for line in lines[1:end])  # an escape in quotes can write a control character
        data, problems = yamlfile.load("\n" * 1 + "\n".join(lines[1:end]), self.shown_as)
        for i in range(end + 1):
            lines[i] = ""
        self.body_start = end + 1
        self.problems.extend(problems)
        if problems or data is None:
            return empty
        if not isinstance(data, yamlfile.Mapping):
            self.problem(FILE_KEY, 2, "the front matter must be a set of `key: value` lines.", "e.g. `title: Privacy`.")
            return empty
        if escaped:
            data = self.escaped_controls(FILE_KEY, data, data.line)
        for key in ("title", "summary"):
            if key in data and not isinstance(data[key], str):
                self.problem(FILE_KEY, data.line_of(key), f"{key!r} must be text.", f"write `{key}: ...` on one line.")
        return data

    def effective_date(self, lines: list[str], meta: yamlfile.Mapping, until: int) -> date | None:
        """Front matter `effective:`, else the first date line near the top ("Last updated" only where
        no line says "Effective"); the line found is blanked (the page's stamp says the date)."""
        found: dict[str, tuple[int, date | None]] = {}
        form = self.spec.effective_format
        for index in range(min(until, len(lines))):
            if not lines[index].strip():
                continue
            if form and (day := match_format(form, lines[index], self.language)) is not None:
                found.setdefault("format", (index, day))
                continue
            stated = date_line(lines[index], self.language)
            if stated is not None and stated[0] not in found:
                found[stated[0]] = (index, stated[1])
        chosen = found.get("format") or found.get("effective") or found.get("updated")
        self.date_line_text = ""
        if chosen is not None:
            self.visible = chosen
            self.date_at = (chosen[0], False)
            self.date_line_text = lines[chosen[0]]
            lines[chosen[0]] = ""
        if "effective" in meta:
            self.date_at = (meta.line_of("effective") - 1, True)
            value = meta["effective"]
            parsed = parse_date(str(value), self.language)
            if parsed is None:
                self.problem(
                    FILE_KEY,
                    meta.line_of("effective"),
                    f"'effective' is {value!r}, which is not a date.",
                    "write the date this version takes effect, e.g. `effective: 2024-02-01`.",
                )
            return parsed
        forms = DATE_FORMS + (
            f", or as effective_format says: `{self.spec.effective_format}`" if self.spec.effective_format else ""
        )
        if chosen is None:
            self.problem(
                FILE_KEY,
                self.body_start + 1,
                "no effective date found near the top of the file.",
                f"state it in one of the forms understood: {forms}.",
            )
            return None
        if chosen[1] is None:
            word = unread_word(self.date_line_text, self.language)
            self.problem(
                FILE_KEY,
                chosen[0] + 1,
                f"this line states a date that cannot be read: “{word}” is not a month's name or a number."
                if word
                else "this line states a date that cannot be read.",
                f"write the date in one of the forms understood: {forms}.",
            )
        return chosen[1]

    def sections(self, lines: list[str], at: list[Heading], found: list[Heading], level: int) -> list[Section]:
        """The headings ``at`` are the sections; deeper headings move up to sit under them."""
        shift = level - 1
        if shift:
            for heading in found:
                if heading.level > level and heading.lines == 1:  # (a Setext heading is never deeper than 2)
                    line = lines[heading.index]
                    lines[heading.index] = line.replace("#" * heading.level, "#" * (heading.level - shift), 1)
        slug = github_slug if self.spec.markdown == "github" else toc_slug
        used: dict[str, int] = {}
        sections = []
        starts = [h.index for h in at] + [len(lines)]
        preamble = "\n".join(lines[: starts[0]])
        if preamble.strip():
            used[PREAMBLE_ID] = 1
            sections.append(Section(PREAMBLE_ID, "", preamble, self.shown_as, body_line=1, preamble=True))
        for heading, end in zip(at, starts[1:], strict=True):
            base = heading.explicit_id or slug(heading.title) or "section"
            section_id = base
            while section_id in used:
                used[base] = used.get(base, 0) + 1
                joiner = "-" if self.spec.markdown == "github" else "_"  # as GitHub, as Python-Markdown's toc
                section_id = f"{base}{joiner}{used[base] - 1}"
            used.setdefault(section_id, 1)
            if self.spec.numbering == "generated" and re.match(r"^\d+(?:\.\d+)*[.)]?\s", heading.title):
                self.problem(
                    FILE_KEY,
                    heading.index + 1,
                    f"the heading {heading.title!r} starts with a typed number.",
                    "remove the number: with `numbering: generated` legaldocs numbers the sections.",
                )
            body = "\n".join(lines[heading.index + heading.lines : end])
            first_line = heading.index + heading.lines + 1
            sections.append(Section(section_id, heading.title, body, self.shown_as, body_line=first_line))
        return sections


# A new version ----------------------------------------------------------------------------------

_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$", re.IGNORECASE)


def redate(text: str, spec: FileSpec, shown_as: str, effective: date, language: str = "en") -> tuple[str, date]:
    """``text`` with its effective date rewritten to ``effective`` in place, in the form it is written
    (front matter `effective:` or the date line), nothing else changed; and the date it had.
    ValueError says why it cannot be done."""
    reader = _FileReader("", {FILE_KEY: text.encode("utf-8")}, shown_as, spec, language)
    document = reader.read()
    if document is None or document.effective == date.min or reader.date_at is None:
        first = reader.problems[0] if reader.problems else None
        raise ValueError(f"{first or shown_as}: there is no readable effective date to follow.")
    index, in_front = reader.date_at
    lines = text.split("\n")
    line = lines[index]
    if in_front:
        key, colon, value = line.partition(":")
        written = re.match(r"(\s*)(['\"]?)([^'\"#]*?)(['\"]?)(\s*(?:#.*)?)$", value)
        if written is None:
            raise ValueError(f"{shown_as}:{index + 1}: `effective:` is not written on one line.")
        lead, quote, _, close, rest = written.groups()
        lines[index] = f"{key}{colon}{lead}{quote}{effective.isoformat()}{close}{rest}"
    elif spec.effective_format and match_format(spec.effective_format, line, language) is not None:
        stripped = line.strip()  # the line in its own form, the spaces around it kept
        start = line.index(stripped)
        english = _month_words("en")  # a line written with English month names keeps them on any site
        words = [w.lower().rstrip(".") for w in stripped.replace(".", ". ").split()]
        in_english = any(english.get(w, (0,))[0] == document.effective.month for w in words)
        written = write_format(spec.effective_format, effective, "en" if in_english else language)
        lines[index] = line[:start] + written + line[start + len(stripped) :]
    else:
        lines[index] = _redated_line(line, document.effective, effective, language)
    return "\n".join(lines), document.effective


def _redated_line(line: str, old: date, new: date, language: str) -> str:
    """The date line with each word of the old date (day, month, year) replaced, punctuation and
    emphasis kept: "**Effective date:** 1 June 2024" → "**Effective date:** 1 September 2024"."""
    iso = old.isoformat()
    if iso in line:
        return line.replace(iso, new.isoformat(), 1)
    names = _month_words(language)
    out, pos, done = [], 0, set()
    for match in re.finditer(r"\d+(?:st|nd|rd|th)?|[^\W\d_]+\.?", line):
        word = match[0]
        replaced = None
        ordinal = _ORDINAL.match(word)
        if word.isdigit() and len(word) == 4 and int(word) == old.year and "year" not in done:
            replaced, kind = str(new.year), "year"
        elif (word.isdigit() or ordinal) and int(ordinal[1] if ordinal else word) == old.day and "day" not in done:
            day = str(new.day).zfill(len(word)) if word.isdigit() else f"{new.day}{_suffix(new.day)}"
            replaced, kind = day, "day"
        elif (found := names.get(word.lower().rstrip("."))) and found[0] == old.month and "month" not in done:
            replaced, kind = (
                found[1][new.month] + ("." if word.endswith(".") and not found[1][new.month].endswith(".") else ""),
                "month",
            )
            if word[:1].islower():
                replaced = replaced.lower()
        if replaced is None:
            continue
        done.add(kind)
        out.append(line[pos : match.start()] + replaced)
        pos = match.end()
    out.append(line[pos:])
    return "".join(out)


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _month_words(language: str) -> dict[str, tuple[int, dict[int, str]]]:
    """Each month word (lower case) → its month and the names of the same width and language."""
    from babel import Locale, UnknownLocaleError

    found: dict[str, tuple[int, dict[int, str]]] = {}
    for lang in dict.fromkeys(((language or "en").replace("-", "_"), "en")):
        try:
            locale = Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                table = dict(locale.months[context][width].items())
                for number, name in table.items():
                    found.setdefault(name.lower().rstrip("."), (number, table))
    return found
