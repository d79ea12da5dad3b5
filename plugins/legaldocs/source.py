"""Read and validate one document folder: document.yml, sections/<id>.md, purposes.yml and the
registers (cookies.yml, recipients.yml).

Input is a mapping of relative path to bytes, so the same code reads the working copy and any
commit of git history. Output is a Document, or every Problem found in one pass.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale

from . import characters, placeholders, yamlfile
from .model import (
    COOKIE_CATEGORIES,
    COOKIE_PARTIES,
    DEFAULT_COLUMNS,
    EEA,
    LAWFUL_BASES,
    RECIPIENT_ROLES,
    TRANSFER_SAFEGUARDS,
    Basis,
    Cookie,
    CookieCategory,
    CookieRegister,
    DataType,
    Document,
    Duration,
    Problem,
    Purpose,
    PurposeTable,
    Recipient,
    RecipientRegister,
    Section,
)
from .words import translator

DOCUMENT_FILE = "document.yml"
PURPOSES_FILE = "purposes.yml"
COOKIES_FILE = "cookies.yml"
RECIPIENTS_FILE = "recipients.yml"
#: The YAML files of a document folder, beside its sections/.
YAML_FILES = (DOCUMENT_FILE, PURPOSES_FILE, COOKIES_FILE, RECIPIENTS_FILE)
SECTIONS_DIR = "sections"
#: A document's translations, one folder per language (``translation``): never part of the source's text.
TRANSLATIONS_DIR = "translations"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_RULE = "lower-case letters, digits and single hyphens, e.g. further-information"
DOCUMENT_KEYS = ("title", "effective", "summary", "sections", "facts", "markdown")
#: Whose Markdown a document is written in (``markdown:`` in document.yml); the first is the default.
MARKDOWN_MODES = ("mkdocs", "github")
PURPOSES_KEYS = ("caption", "columns", "labels", "bases", "data_types", "purposes")
COOKIES_KEYS = ("caption", "categories", "cookies")
COOKIE_FIELDS = ("id", "name", "provider", "party", "category", "duration", "purpose", "purposes", "domain")
RECIPIENTS_KEYS = ("caption", "recipients")
RECIPIENT_FIELDS = ("id", "name", "role", "service", "location", "transfer", "purposes", "since")
#: ``session``, or a whole number of days, months or years (``1 day`` as well as ``2 days``).
DURATION = re.compile(r"^([1-9][0-9]{0,4}) (day|month|year)s?$")
#: ISO 3166-1 alpha-2 codes: CLDR's two-letter territories, without the ones ISO does not assign to
#: a country (EU, EZ, UN, ZZ, and the private-use QO, XA, XB, XK).
COUNTRY_CODES = frozenset(
    code
    for code in Locale("en").territories
    if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK")
)
COUNTRY_NAMES = Locale("en").territories
#: The names of a document's own cookie categories, as the built-in ones are written.
CATEGORY_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
CATEGORY_RULE = "lower-case letters, digits and single underscores, e.g. preferences"
LABEL_MODES = ("always", "several")
#: Larger source files are refused before any work is done on them (see "Bounded work" in
#: documentation/docs/security/index.md).
MAX_FILE_BYTES = 2_000_000
#: Control characters (C0 and C1, and DEL) other than tab, line feed and carriage return: invisible
#: to a reader and an editor alike, and impossible in the published XML (the feed) and HTML.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: What stands in for one in the best-effort document, so that nothing downstream has to cope.
REPLACEMENT = "\ufffd"
#: Problems said per file: a file full of control characters needs one fix, not thousands of lines.
MAX_CONTROL_PROBLEMS = 5


class Oversized(bytes):
    """A file larger than a source may be, known by its size alone (git's object header): never read.

    Its bytes name the object, so that two such files still differ (caches key on content)."""

    size: int

    def __new__(cls, size: int, name: str) -> Oversized:
        made = super().__new__(cls, f"{size} bytes, object {name}, not read".encode())
        made.size = size
        return made


def heading_title(line: str) -> str | None:
    """The title of a `# Title` line (closing #s dropped), or None: string operations, not a
    regular expression, so a line padded with thousands of spaces costs nothing."""
    if not line.startswith("#") or line[1:2] not in (" ", "\t"):
        return None
    title = line[1:].strip()
    title = title.rstrip("#").rstrip() or title
    return title or None


def is_document_folder(folder: Path) -> bool:
    return (folder / DOCUMENT_FILE).is_file()


def find_documents(docs_dir: Path) -> list[Path]:
    """Every folder directly under docs/ that holds a document.yml, in name order."""
    return sorted(p for p in docs_dir.iterdir() if p.is_dir() and not p.is_symlink() and is_document_folder(p))


def is_source(rel: str) -> bool:
    """The one rule for what is a source of the document: document.yml, purposes.yml, and the
    Markdown files directly in sections/. A file in a subfolder of sections/ (a draft kept
    aside, say) is not a section: not read, not checked, not in the history."""
    if rel in YAML_FILES:
        return True
    name = rel[len(SECTIONS_DIR) + 1 :] if rel.startswith(SECTIONS_DIR + "/") else ""
    return name.endswith(".md") and "/" not in name


#: Image files published with a document, as part of its text (``images``). SVG is not among them:
#: it can run script, so it is published only where mkdocs.yml lists it (``docsdir``).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
#: An image larger than this is refused (``docsdir``) and never read (the limit of a source file).
MAX_IMAGE_BYTES = MAX_FILE_BYTES
#: Images are looked for at most this many folders deep in the document's folder.
IMAGE_DEPTH = 4


def is_image(rel: str) -> bool:
    """An image of the document: a file in its folder, or at most ``IMAGE_DEPTH`` folders down (not
    in sections/, which is never published), whose name ends in one of ``IMAGE_SUFFIXES``."""
    return (
        rel.lower().endswith(IMAGE_SUFFIXES)
        and not rel.startswith((SECTIONS_DIR + "/", TRANSLATIONS_DIR + "/"))
        and rel.count("/") <= IMAGE_DEPTH
    )


def is_private(rel: str) -> bool:
    """Never published as a page or a file of its own: the sources, anything kept in sections/, and
    the translations (published as the translated document's pages)."""
    return (
        is_source(rel)
        or rel.startswith((SECTIONS_DIR + "/", TRANSLATIONS_DIR + "/"))
        or rel.endswith((".yml", ".yaml"))
    )


def source_paths(files: Mapping[str, bytes]) -> list[str]:
    """The files of a folder that are sources of the document (not assets like images)."""
    return [p for p in files if is_source(p)]


def same_text(a: Mapping[str, bytes], b: Mapping[str, bytes]) -> bool:
    """The same sources, whatever the line endings: git may check text out with CRLF
    (`.gitattributes` eol=crlf, core.autocrlf), and that is no uncommitted change."""

    def normal(files: Mapping[str, bytes]) -> dict[str, bytes]:
        return {path: data.replace(b"\r\n", b"\n") for path, data in files.items()}

    return a == b or normal(a) == normal(b)


def read_folder(folder: Path) -> dict[str, bytes]:
    """The source files and images of a document folder on disk, by path relative to the folder."""
    files = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        # A link is never followed: it could publish any file of the machine that builds the site.
        # (docsdir.scan refuses it with a message; here it is simply not a source.)
        if not (is_source(rel) or is_image(rel)) or _linked(path, folder) or not path.is_file():
            continue
        # An image over the size limit is not read (docsdir.scan refuses it before any build).
        if is_source(rel) or path.stat().st_size <= MAX_IMAGE_BYTES:
            files[rel] = path.read_bytes()
    return files


def _linked(path: Path, folder: Path) -> bool:
    """Whether ``path`` or any folder between it and ``folder`` is a symbolic link."""
    while path != folder:
        if path.is_symlink():
            return True
        path = path.parent
    return False


@dataclass(frozen=True)
class Reading:
    """A document as read: problems make it invalid; warnings do not (they fail only `--strict`)."""

    document: Document | None
    problems: list[Problem]
    warnings: list[Problem]


def read(slug: str, files: Mapping[str, bytes], shown_as: str, language: str = "en") -> Reading:
    """Validate everything, collecting all problems, so that one run reports them all.

    With problems, the Document is a best effort (None only when document.yml is unreadable),
    so that rendering can still report its own problems in the same run. It is never valid
    to publish a document that came with problems. ``language`` is the document's (its
    direction decides which characters it may hold: ``characters``).
    """
    reader = _Reader(slug, files, shown_as.rstrip("/"), language)
    document = reader.read()
    return Reading(document, reader.problems, reader.warnings)


def read_document(
    slug: str, files: Mapping[str, bytes], shown_as: str, language: str = "en"
) -> tuple[Document | None, list[Problem]]:
    """``read`` without the warnings: what validating a commit of the history needs."""
    reading = read(slug, files, shown_as, language)
    return reading.document, reading.problems


def _worded(given: object, key: str) -> bool:
    """Whether purposes.yml's ``bases:`` gives its own words for ``key`` (else legaldocs' are shown)."""
    return isinstance(given, Mapping) and isinstance(given.get(key), str) and bool(given[key].strip())


class _Reader:
    def __init__(self, slug: str, files: Mapping[str, bytes], shown_as: str, language: str = "en") -> None:
        self.slug = slug
        self.files = files
        self.shown_as = shown_as
        self.language = language
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def path(self, rel: str) -> str:
        return f"{self.shown_as}/{rel}"

    def problem(self, rel: str, line: int | None, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.path(rel), line, message, fix))

    def text(self, rel: str) -> str | None:
        data = self.files[rel]
        size = data.size if isinstance(data, Oversized) else len(data)
        if size > MAX_FILE_BYTES:
            self.problem(
                rel,
                None,
                f"this file is {size:,} bytes; a source file of a legal document may have at most "
                f"{MAX_FILE_BYTES:,} (the limit keeps a build from running for minutes).",
                "split the text into sections, or check that this is the file you meant to commit.",
            )
            return None
        try:
            text = self.files[rel].decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = self.files[rel][: error.start].count(b"\n") + 1
            self.problem(rel, line, "this file is not UTF-8 text.", "save it as UTF-8.")
            return None
        return self.control_characters(rel, text.replace("\r\n", "\n").replace("\r", "\n"))

    def control_characters(self, rel: str, text: str) -> str:
        """Control characters in a file's text, each line said once (a few lines at most); the text
        goes on with U+FFFD in their place, so a best-effort document never holds one."""
        if not CONTROL.search(text):
            return text
        said = 0
        for number, line in enumerate(text.split("\n"), 1):
            if (found := CONTROL.search(line)) and said < MAX_CONTROL_PROBLEMS:
                said += 1
                self.problem(
                    rel,
                    number,
                    f"this line holds an invisible control character (U+{ord(found[0]):04X}, column "
                    f"{found.start() + 1}), which no reader can see and no published page can hold.",
                    "delete it: retype the line if your editor does not show it (it may show a box, "
                    "or ^A and the like).",
                )
        return CONTROL.sub(REPLACEMENT, text)

    def yaml(self, rel: str) -> Any:
        text = self.text(rel)
        if text is None:
            return None
        data, problems = yamlfile.load(text, self.path(rel))
        self.problems.extend(problems)
        if problems:
            return None
        if "\\" in text:  # only an escape in quotes can write a control character that text() did not see
            data = self.escaped_controls(rel, data, data.line if isinstance(data, yamlfile.Mapping) else 1)
        self.report_characters(rel, *characters.in_yaml(text, data, self.language))
        if not isinstance(data, yamlfile.Mapping):
            self.problem(
                rel,
                1,
                "this file must be a set of `key: value` lines.",
                "start each setting at the beginning of a line, e.g. `title: Privacy Policy` "
                '(see "Use it on your own policy" in legaldocs\' documentation).',
            )
            return None
        return data

    def report_characters(
        self, rel: str, problems: list[characters.Finding], warnings: list[characters.Finding]
    ) -> None:
        """What ``characters`` found in a file's texts: characters refused, words warned about."""
        self.problems.extend(Problem(self.path(rel), f.line, f.message, f.fix) for f in problems)
        self.warnings.extend(Problem(self.path(rel), f.line, f.message, f.fix) for f in warnings)

    def escaped_controls(self, rel: str, value: Any, line: int) -> Any:
        """Control characters written as YAML escapes (`"\\x01"`), said at the line of their value;
        a copy comes back with U+FFFD in their place (parsed YAML is shared: never changed in place)."""
        if isinstance(value, str):
            if found := CONTROL.search(value):
                code = ord(found[0])
                self.problem(
                    rel,
                    line,
                    f"this value holds an invisible control character (U+{code:04X}), which no reader "
                    "can see and no published page can hold.",
                    f"delete the escape that writes it (`\\x{code:02x}`, `\\u{code:04x}` or the like).",
                )
                return CONTROL.sub(REPLACEMENT, value)
            return value
        if isinstance(value, yamlfile.Mapping):
            copy = yamlfile.Mapping()
            copy.line, copy.key_lines = value.line, {}
            for key, item in value.items():
                own = self.escaped_controls(rel, key, value.line_of(key))
                copy[own] = self.escaped_controls(rel, item, value.line_of(key))
                copy.key_lines[own] = value.line_of(key)
            return copy
        if isinstance(value, yamlfile.Sequence):
            copy = yamlfile.Sequence(self.escaped_controls(rel, v, value.line_of(i)) for i, v in enumerate(value))
            copy.line, copy.item_lines = value.line, value.item_lines
            return copy
        return value

    # document.yml -----------------------------------------------------------------------

    def read(self) -> Document | None:
        if DOCUMENT_FILE not in self.files:
            self.problem(
                DOCUMENT_FILE,
                None,
                "the document folder has no document.yml.",
                "create it with title, effective, summary and sections "
                '(see "Use it on your own policy" in legaldocs\' documentation).',
            )
            return None
        meta = self.yaml(DOCUMENT_FILE)
        if meta is None:
            return None
        self.unknown_keys(DOCUMENT_FILE, meta, DOCUMENT_KEYS)
        title = self.required_text(DOCUMENT_FILE, meta, "title")
        summary = self.required_text(DOCUMENT_FILE, meta, "summary")
        effective = self.effective(meta)
        facts = self.facts(meta)
        markdown = self.markdown(meta)
        order = self.section_order(meta)
        purposes = self.purposes() if PURPOSES_FILE in self.files else None
        cookies = self.cookies(purposes) if COOKIES_FILE in self.files else None
        recipients = self.recipients(purposes) if RECIPIENTS_FILE in self.files else None
        # A purposes.yml with mistakes of its own is still there: {{ purposes }} is not said to lack one.
        sections = self.sections(order, facts, {f for f in YAML_FILES if f in self.files})
        return Document(
            slug=self.slug,
            title=title,
            effective=effective or date.min,
            summary=summary,
            sections=tuple(sections),
            purposes=purposes,
            cookies=cookies,
            recipients=recipients,
            facts=facts,
            markdown=markdown,
        )

    def unknown_keys(self, rel: str, data: yamlfile.Mapping, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.problem(
                    rel,
                    data.line_of(key),
                    f"unknown key {key!r}.",
                    f"use only {', '.join(allowed)} (check the spelling).",
                )

    def required_text(self, rel: str, data: yamlfile.Mapping, key: str) -> str:
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.problem(
                rel,
                data.line_of(key),
                f"{key!r} is missing or empty." if value in (None, "") else f"{key!r} must be text.",
                f"write `{key}: ...` with the text on that line.",
            )
            return ""
        return value.strip()

    def effective(self, meta: yamlfile.Mapping) -> date | None:
        value = meta.get("effective")
        fix = "write the date this version takes effect as YYYY-MM-DD, e.g. `effective: 2018-05-25`."
        if value is None:
            self.problem(DOCUMENT_FILE, meta.line, "'effective' is missing.", fix)
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                raise ValueError
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem(
                DOCUMENT_FILE,
                meta.line_of("effective"),
                f"'effective' is {value!r}, which is not a date.",
                fix,
            )
            return None

    def markdown(self, meta: yamlfile.Mapping) -> str:
        """``mkdocs`` unless document.yml says ``markdown: github``."""
        value = meta.get("markdown", MARKDOWN_MODES[0])
        if value in MARKDOWN_MODES:
            return str(value)
        self.problem(
            DOCUMENT_FILE,
            meta.line_of("markdown"),
            f"'markdown' is {value!r}, which is neither 'mkdocs' nor 'github'.",
            "write `markdown: github` to publish the text as GitHub shows it, or `markdown: mkdocs` "
            "(the default: the site's Markdown, as in mkdocs.yml).",
        )
        return MARKDOWN_MODES[0]

    def facts(self, meta: yamlfile.Mapping) -> dict[str, str]:
        facts = meta.get("facts")
        if facts is None:
            return {}
        if not isinstance(facts, yamlfile.Mapping):
            self.problem(
                DOCUMENT_FILE,
                meta.line_of("facts"),
                "'facts' must be a list of `name: value` lines.",
                "indent each fact under `facts:`, e.g. `  contact_email: privacy@example.com`.",
            )
            return {}
        result = {}
        for key, value in facts.items():
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                self.problem(
                    DOCUMENT_FILE,
                    facts.line_of(key),
                    f"the fact {key!r} must be a single piece of text.",
                    "put the value on the same line, in quotes if it contains ': '.",
                )
                continue
            result[str(key)] = str(value)
        return result

    def section_order(self, meta: yamlfile.Mapping) -> list[tuple[str, int]]:
        order = meta.get("sections")
        if not isinstance(order, yamlfile.Sequence) or not order:
            self.problem(
                DOCUMENT_FILE,
                meta.line_of("sections"),
                "'sections' must list the section ids in order.",
                "write `sections:` then one `  - <id>` line per file in sections/ (its name without .md).",
            )
            return []
        result: list[tuple[str, int]] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(order):
            line = order.line_of(index)
            if not isinstance(item, str) or not ID_PATTERN.match(item):
                self.problem(
                    DOCUMENT_FILE,
                    line,
                    f"{item!r} is not a valid section id.",
                    f"section ids are {ID_RULE}, and name sections/<id>.md.",
                )
                continue
            if item in seen:
                self.problem(
                    DOCUMENT_FILE,
                    line,
                    f"the section id {item!r} is listed twice (first on line {seen[item]}).",
                    "list each section once.",
                )
                continue
            seen[item] = line
            result.append((item, line))
        return result

    # sections/<id>.md --------------------------------------------------------------------

    def sections(self, order: list[tuple[str, int]], facts: dict[str, str], present: set[str]) -> list[Section]:
        listed = {section_id for section_id, _ in order}
        on_disk = {
            p[len(SECTIONS_DIR) + 1 : -3]: p for p in self.files if p.startswith(SECTIONS_DIR + "/") and is_source(p)
        }
        for section_id, rel in sorted(on_disk.items()):
            if not ID_PATTERN.match(section_id):
                self.problem(
                    rel,
                    1,
                    f"the file name {section_id!r} cannot be a section id.",
                    f"rename the file: section ids are {ID_RULE}, and are listed in 'sections' "
                    f"in {self.path(DOCUMENT_FILE)}.",
                )
            elif section_id not in listed:
                self.problem(
                    rel,
                    1,
                    f"this section is not listed in {DOCUMENT_FILE}, so it would never be published.",
                    f"add `  - {section_id}` to 'sections' in {self.path(DOCUMENT_FILE)} "
                    "where it belongs in the order, or delete the file.",
                )
        sections = []
        for section_id, line in order:
            rel = f"{SECTIONS_DIR}/{section_id}.md"
            if rel not in self.files:
                self.problem(
                    DOCUMENT_FILE,
                    line,
                    f"the section {section_id!r} is listed but {self.path(rel)} does not exist.",
                    "create the file, or remove the id from 'sections' (check the spelling).",
                )
                continue
            section = self.section(section_id, rel)
            if section:
                sections.append(section)
        self.check_placeholders(sections, listed, facts, present)
        return sections

    def section(self, section_id: str, rel: str) -> Section | None:
        text = self.text(rel)
        if text is None:
            return None
        self.report_characters(rel, *characters.in_section(text, self.language))
        lines = text.split("\n")
        first = lines[0].strip() if lines else ""
        title = heading_title(first)
        if title is None:
            self.problem(
                rel,
                1,
                "the first line must be the section title as a level-1 heading."
                if first
                else "the section file is empty or starts with a blank line.",
                "start the file with `# <Section title>` (no number: numbers are generated).",
            )
            return None
        if re.match(r"^\d+[.)]\s", title):
            self.problem(
                rel,
                1,
                f"the title {title!r} starts with a typed number.",
                "remove the number: sections are numbered from their order in document.yml.",
            )
        body = "\n".join(lines[1:])
        if not body.strip():
            self.problem(
                rel,
                1,
                "the section has a title but no text.",
                "write the section's text below the title, or remove the section.",
            )  # still part of the best-effort document: an old version is published as it was
        return Section(section_id, title, body, self.path(rel), body_line=2)

    def ids_in(self) -> str:
        """Where the section ids a cross-reference may name are listed, as a message says it."""
        return self.path(DOCUMENT_FILE)

    def check_placeholders(
        self,
        sections: list[Section],
        listed: set[str],
        facts: dict[str, str],
        present: set[str],
    ) -> None:
        used_blocks: dict[str, str] = {}
        for section in sections:
            rel = section.path[len(self.shown_as) + 1 :]
            for ph in placeholders.find(section.body, section.body_line):
                token = section.body[ph.start : ph.end]
                if ph.kind not in placeholders.KINDS:
                    self.problem(
                        rel,
                        ph.line,
                        f"unknown placeholder {token}.",
                        "use {{ section: <id> }}, {{ fact: <name> }}, {{ purposes }}, {{ cookies }}, {{ recipients }} "
                        "or {{ versions }}.",
                    )
                elif ph.kind in ("section", "Section") and ph.arg not in listed:
                    self.problem(
                        rel,
                        ph.line,
                        f"{token} refers to a section that does not exist.",
                        did_you_mean(ph.arg, listed)
                        + f"use one of the ids in {self.ids_in()}: {', '.join(sorted(listed))}.",
                    )
                elif ph.kind == "fact" and ph.arg not in facts:
                    known = ", ".join(sorted(facts)) or "none are defined yet"
                    self.problem(
                        rel,
                        ph.line,
                        f"{token} names a fact that is not defined.",
                        did_you_mean(ph.arg, facts)
                        + f"add it under 'facts' in {self.path(DOCUMENT_FILE)} (defined: {known}).",
                    )
                elif ph.kind in placeholders.BLOCK_KINDS:
                    self.check_block(rel, ph, token, used_blocks, present)

    def check_block(
        self,
        rel: str,
        ph: placeholders.Placeholder,
        token: str,
        used: dict[str, str],
        present: set[str],
    ) -> None:
        where = f"{rel}:{ph.line}"
        if ph.arg:
            self.problem(rel, ph.line, f"{token} takes no argument.", f"write {{{{ {ph.kind} }}}}.")
        elif not ph.alone_on_line:
            self.problem(
                rel,
                ph.line,
                f"{token} must stand on a line of its own.",
                "put it on its own line, with blank lines around it.",
            )
        elif ph.kind in used:
            self.problem(
                rel,
                ph.line,
                f"{token} is used twice (first at {used[ph.kind]}).",
                "keep only one.",
            )
        elif (needed := f"{ph.kind}.yml") in YAML_FILES and needed not in present:
            self.problem(rel, ph.line, *self.missing_file(token, needed))
        used.setdefault(ph.kind, where)

    def missing_file(self, token: str, needed: str) -> tuple[str, str]:
        """The problem and fix of a placeholder whose YAML file is not there (a file document's differ)."""
        return (
            f"{token} needs a {needed} beside document.yml.",
            f"create {self.path(needed)} "
            '(see "Use it on your own policy" in legaldocs\' documentation), or remove the placeholder.',
        )

    # purposes.yml -----------------------------------------------------------------------

    def purposes(self) -> PurposeTable | None:
        data = self.yaml(PURPOSES_FILE)
        if data is None:
            return None
        self.unknown_keys(PURPOSES_FILE, data, PURPOSES_KEYS)
        rel = PURPOSES_FILE
        caption = self.required_text(rel, data, "caption")
        columns = data.get("columns", DEFAULT_COLUMNS)
        if not (
            isinstance(columns, (list, tuple))
            and len(columns) == 3
            and all(isinstance(c, str) and c.strip() for c in columns)
        ):
            self.problem(
                rel,
                data.line_of("columns"),
                "'columns' must list exactly three headings.",
                "write the headings for purpose, data and lawful basis, e.g. "
                "`columns: [Purpose, Type of data, Lawful basis]`.",
            )
            columns = DEFAULT_COLUMNS
        labels = self.labels(data)
        wording = self.basis_wording(data)
        types = self.data_types(data)
        purposes = self.purpose_rows(data, {t.id for t in types})
        table = PurposeTable(
            caption=caption,
            columns=(columns[0], columns[1], columns[2]),
            basis_wording=wording,
            data_types=tuple(types),
            purposes=tuple(purposes),
            path=self.path(rel),
            labels=labels,
            default_columns=columns is DEFAULT_COLUMNS,
            default_bases=frozenset(k for k in wording if not _worded(data.get("bases"), k)),
        )
        return table.worded(translator(self.language))

    def labels(self, data: yamlfile.Mapping) -> dict[str, str]:
        labels = {"activities": "several", "data": "several", "bases": "several"}
        given = data.get("labels")
        if given is None:
            return labels
        if not isinstance(given, yamlfile.Mapping):
            given = yamlfile.Mapping()
            self.problem(
                PURPOSES_FILE,
                data.line_of("labels"),
                "'labels' must say, per column, when items are labelled (a), (b).",
                "write e.g. `labels: {data: always, bases: several}`.",
            )
        for key, value in given.items():
            if key not in labels or value not in LABEL_MODES:
                self.problem(
                    PURPOSES_FILE,
                    given.line_of(key),
                    f"`{key}: {value}` is not a labelling rule.",
                    "use activities, data or bases, each `always` (label even a single item (a)) "
                    "or `several` (label only when there are two or more).",
                )
                continue
            labels[key] = value
        return labels

    def basis_wording(self, data: yamlfile.Mapping) -> dict[str, str]:
        wording = dict(LAWFUL_BASES)
        given = data.get("bases")
        if given is None:
            return wording
        if not isinstance(given, yamlfile.Mapping):
            self.problem(
                PURPOSES_FILE,
                data.line_of("bases"),
                "'bases' must map lawful bases to the words this document uses for them.",
                "e.g. `  contract: Perform our contract with you`.",
            )
            return wording
        for key, value in given.items():
            if key not in LAWFUL_BASES:
                self.unknown_basis(key, given.line_of(key))
            elif not isinstance(value, str) or not value.strip():
                self.problem(
                    PURPOSES_FILE,
                    given.line_of(key),
                    f"the wording for {key!r} is empty.",
                    "write the words the table should show for this basis.",
                )
            else:
                wording[key] = value.strip()
        return wording

    def unknown_basis(self, key: Any, line: int) -> None:
        self.problem(
            PURPOSES_FILE,
            line,
            f"{key!r} is not a lawful basis of GDPR Article 6(1).",
            f"use one of {', '.join(LAWFUL_BASES)}.",
        )

    def rows(
        self,
        data: yamlfile.Mapping,
        key: str,
        allowed: tuple[str, ...],
        *,
        what: str,
        example: str,
        rel: str = PURPOSES_FILE,
    ) -> Iterator[yamlfile.Mapping]:
        """The items of a list of rows (data types, purposes, cookies…), each a mapping with known keys."""
        items = data.get(key)
        if not isinstance(items, yamlfile.Sequence) or not items:
            self.problem(
                rel,
                data.line_of(key),
                f"'{key}' must list the {what}, each with {', '.join(allowed[:3])}.",
                f"add `{key}:` with items like {example}.",
            )
            return
        for index, item in enumerate(items):
            if not isinstance(item, yamlfile.Mapping):
                self.problem(
                    rel,
                    items.line_of(index),
                    f"each item of '{key}' must have {', '.join(allowed[:3])}.",
                    f"write each item as {example}, with its keys indented under the dash.",
                )
                continue
            self.unknown_keys(rel, item, allowed)
            yield item

    def data_types(self, data: yamlfile.Mapping) -> list[DataType]:
        types: list[DataType] = []
        seen: dict[str, int] = {}
        example = "`- id: contact` / `  label: Contact`"
        for item in self.rows(data, "data_types", ("id", "label", "covers"), what="types of data", example=example):
            type_id = self.row_id(item, seen, "data type")
            label = self.required_text(PURPOSES_FILE, item, "label")
            covers = item.get("covers", "")
            if type_id and label:
                types.append(DataType(type_id, label, str(covers or "").strip()))
        return types

    def row_id(self, item: yamlfile.Mapping, seen: dict[str, int], what: str, rel: str = PURPOSES_FILE) -> str:
        value = item.get("id")
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(
                rel,
                item.line_of("id"),
                f"this {what} needs an id" + (f"; {value!r} is not valid." if value else "."),
                f"ids are {ID_RULE}.",
            )
            return ""
        if value in seen:
            self.problem(
                rel,
                item.line_of("id"),
                f"the {what} id {value!r} is used twice (first on line {seen[value]}).",
                "give each one its own id.",
            )
            return ""
        seen[value] = item.line_of("id")
        return value

    def purpose_rows(self, data: yamlfile.Mapping, type_ids: set[str]) -> list[Purpose]:
        rows: list[Purpose] = []
        seen: dict[str, int] = {}
        allowed = ("id", "purpose", "data", "bases", "activities", "data_full_stop")
        example = "`- id: register` / `  purpose: ...` / `  data: [contact]` / `  bases: [contract]`"
        for item in self.rows(data, "purposes", allowed, what="purposes (rows of the table)", example=example):
            row_id = self.row_id(item, seen, "purpose")
            text = self.required_text(PURPOSES_FILE, item, "purpose")
            activities = self.text_list(item, "activities", required=False)
            data_ids = self.text_list(item, "data", required=True)
            for position, type_id in enumerate(data_ids):
                if type_id not in type_ids:
                    self.problem(
                        PURPOSES_FILE,
                        self.item_line(item, "data", position),
                        f"the purpose {row_id or text!r} uses the data type {type_id!r}, which is not defined.",
                        f"use one of the ids under 'data_types': {', '.join(sorted(type_ids))}.",
                    )
                elif data_ids.index(type_id) != position:
                    self.problem(
                        PURPOSES_FILE,
                        self.item_line(item, "data", position),
                        f"the data type {type_id!r} is listed twice for this purpose.",
                        "list it once.",
                    )
            bases = self.bases(item)
            full_stop = item.get("data_full_stop", True)
            if not isinstance(full_stop, bool):
                self.problem(
                    PURPOSES_FILE,
                    item.line_of("data_full_stop"),
                    "'data_full_stop' must be true or false.",
                    "write `data_full_stop: false` to end the data cell without a full stop, or leave it out.",
                )
                full_stop = True
            if row_id and text:
                # Only valid pieces go into the (best-effort) row: the problems are recorded above.
                valid = tuple(dict.fromkeys(t for t in data_ids if t in type_ids))
                rows.append(Purpose(row_id, text, tuple(activities), valid, bases, full_stop))
        return rows

    @staticmethod
    def item_line(item: yamlfile.Mapping, key: str, index: int) -> int:
        value = item.get(key)
        if isinstance(value, yamlfile.Sequence):
            return value.line_of(index)
        return item.line_of(key)

    def text_list(self, item: yamlfile.Mapping, key: str, *, required: bool, rel: str = PURPOSES_FILE) -> list[str]:
        value = item.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(
                rel,
                item.line_of(key),
                f"{key!r} must be a list of one or more items.",
                f"write `{key}: [first, second]` or one `  - item` line each.",
            )
            return []
        return [v.strip() for v in value]

    def bases(self, item: yamlfile.Mapping) -> tuple[Basis, ...]:
        value = item.get("bases")
        fix_li = (
            "write `- legitimate_interests: <the interest>`, e.g. `- legitimate_interests: to recover debts due to us`."
        )
        if not isinstance(value, yamlfile.Sequence) or not value:
            self.problem(
                PURPOSES_FILE,
                item.line_of("bases"),
                "'bases' must list the lawful bases this purpose relies on.",
                f"one `  - <basis>` line each, from {', '.join(LAWFUL_BASES)}.",
            )
            return ()
        bases: list[Basis] = []
        for index, entry in enumerate(value):
            line = value.line_of(index)
            if isinstance(entry, str):
                key, interest = entry, ""
            elif isinstance(entry, yamlfile.Mapping) and len(entry) == 1:
                key, interest = next(iter(entry.items()))
                interest = str(interest or "").strip()
            else:
                self.problem(PURPOSES_FILE, line, "a basis is a name, or `name: interest`.", fix_li)
                continue
            if key not in LAWFUL_BASES:
                self.unknown_basis(key, line)
                continue
            if key == "legitimate_interests" and not interest:
                self.problem(
                    PURPOSES_FILE,
                    line,
                    "legitimate interests must state the interest relied on.",
                    fix_li,
                )
                continue
            if key != "legitimate_interests" and interest:
                self.problem(
                    PURPOSES_FILE,
                    line,
                    f"only legitimate interests take a stated interest, not {key!r}.",
                    f"write `- {key}` alone.",
                )
                continue
            if any(b.key == key for b in bases):
                self.problem(PURPOSES_FILE, line, f"{key!r} is listed twice.", "list it once.")
                continue
            bases.append(Basis(key, interest))
        return tuple(bases)

    # cookies.yml and recipients.yml ------------------------------------------------------

    def optional_text(self, rel: str, data: yamlfile.Mapping, key: str) -> str:
        return "" if data.get(key) is None else self.required_text(rel, data, key)

    def choice(self, rel: str, item: yamlfile.Mapping, key: str, allowed: Iterable[str], what: str) -> str:
        """A value that must be one of a few words (a party, a category, a role, a safeguard)."""
        allowed = list(allowed)
        value = item.get(key)
        if value is None:
            self.problem(
                rel, item.line_of(key), f"{key!r} is missing.", f"write `{key}:` with one of {', '.join(allowed)}."
            )
            return ""
        if not isinstance(value, str) or value not in allowed:
            self.problem(
                rel,
                item.line_of(key),
                f"{value!r} is not {what}.",
                did_you_mean(str(value), allowed) + f"use one of {', '.join(allowed)}.",
            )
            return ""
        return value

    def purpose_ids(self, rel: str, item: yamlfile.Mapping, purposes: PurposeTable | None) -> tuple[str, ...]:
        """The ids of purposes.yml an entry of a register serves; each one must be there."""
        ids = self.text_list(item, "purposes", required=False, rel=rel)
        if purposes is None and PURPOSES_FILE in self.files:
            return tuple(ids)  # purposes.yml is unreadable: that is its own problem, said once
        known = {p.id for p in purposes.purposes} if purposes else set()
        valid: list[str] = []
        for position, purpose_id in enumerate(ids):
            line = self.item_line(item, "purposes", position)
            if purpose_id not in known:
                self.problem(
                    rel,
                    line,
                    f"the purpose {purpose_id!r} is not defined in {PURPOSES_FILE}.",
                    did_you_mean(purpose_id, known)
                    + (
                        f"use one of the ids under 'purposes' in {self.path(PURPOSES_FILE)}: "
                        f"{', '.join(sorted(known))}."
                        if known
                        else f"define it in {self.path(PURPOSES_FILE)}, or remove it from 'purposes'."
                    ),
                )
            elif purpose_id in valid:
                self.problem(rel, line, f"the purpose {purpose_id!r} is listed twice.", "list it once.")
            else:
                valid.append(purpose_id)
        return tuple(valid)

    def cookie_categories(self, data: yamlfile.Mapping) -> tuple[CookieCategory, ...]:
        """The document's own categories of cookies, each saying whether it needs consent."""
        given = data.get("categories")
        if given is None:
            return ()
        rel = COOKIES_FILE
        example = "`categories:` / `  preferences: {consent: required, label: Preferences}`"
        if not isinstance(given, yamlfile.Mapping):
            self.problem(
                rel,
                data.line_of("categories"),
                "'categories' must name each category of your own and say whether it needs consent.",
                f"write e.g. {example}.",
            )
            return ()
        categories = []
        for key, value in given.items():
            line = given.line_of(key)
            if not isinstance(key, str) or not CATEGORY_PATTERN.match(key):
                self.problem(
                    rel, line, f"{key!r} is not a valid category name.", f"category names are {CATEGORY_RULE}."
                )
            elif key in COOKIE_CATEGORIES:
                self.problem(
                    rel,
                    line,
                    f"{key!r} is a built-in category; its consent rule cannot be changed.",
                    "remove it from 'categories' (it can be used as it is), or give your category another name.",
                )
            elif not isinstance(value, yamlfile.Mapping):
                self.problem(
                    rel,
                    line,
                    f"the category {key!r} must say whether it needs consent.",
                    f"write `  {key}: {{consent: required}}`, or `{{consent: exempt}}`.",
                )
            else:
                self.unknown_keys(rel, value, ("consent", "label"))
                consent = value.get("consent")
                label = self.optional_text(rel, value, "label")
                if consent not in ("required", "exempt"):
                    categories.append(CookieCategory(key, "required", label))  # known, so said once
                    self.problem(
                        rel,
                        value.line_of("consent"),
                        f"the category {key!r} needs `consent: required` or `consent: exempt`.",
                        "write `consent: required`, unless the cookies of this category are strictly necessary "
                        "for a service the visitor asked for (then `consent: exempt`).",
                    )
                else:
                    categories.append(CookieCategory(key, consent, label))
        return tuple(categories)

    def duration(self, item: yamlfile.Mapping) -> Duration | None:
        value = item.get("duration")
        if value == "session":
            return Duration("session")
        match = DURATION.match(value) if isinstance(value, str) else None
        if match is None:
            self.problem(
                COOKIES_FILE,
                item.line_of("duration"),
                "'duration' is missing." if value is None else f"the duration {value!r} cannot be read.",
                "write `duration: session`, or a whole number and days, months or years, e.g. `duration: 13 months`.",
            )
            return None
        return Duration(match[2] + "s", int(match[1]))

    def cookies(self, purposes: PurposeTable | None) -> CookieRegister | None:
        rel = COOKIES_FILE
        data = self.yaml(rel)
        if data is None:
            return None
        self.unknown_keys(rel, data, COOKIES_KEYS)
        caption = self.optional_text(rel, data, "caption")
        categories = self.cookie_categories(data)
        known = [*COOKIE_CATEGORIES, *(c.id for c in categories)]
        register = CookieRegister((), caption, categories, self.path(rel))
        rows: list[Cookie] = []
        seen: dict[str, int] = {}
        example = (
            "`- id: session` / `  name: sessionid` / `  provider: Example Ltd` / `  party: first` / "
            "`  category: strictly_necessary` / `  duration: session` / `  purpose: ...`"
        )
        for item in self.rows(data, "cookies", COOKIE_FIELDS, what="cookies the site sets", example=example, rel=rel):
            row_id = self.row_id(item, seen, "cookie", rel)
            name = self.required_text(rel, item, "name")
            provider = self.required_text(rel, item, "provider")
            party = self.choice(
                rel, item, "party", COOKIE_PARTIES, "a party (first: this site's own; third: another's)"
            )
            category = self.choice(rel, item, "category", known, "a category of cookies")
            duration = self.duration(item)
            purpose = self.optional_text(rel, item, "purpose")
            ids = self.purpose_ids(rel, item, purposes)
            domain = self.optional_text(rel, item, "domain")
            if item.get("purpose") is None and item.get("purposes") is None:
                self.problem(
                    rel,
                    item.line,
                    f"the cookie {row_id or name!r} does not say what it is for.",
                    "write `purpose: <what it does>`, or `purposes: [<ids from purposes.yml>]`, or both.",
                )
            if category and ids and purposes is not None and register.consent(category) == "required":
                self.consent_warning(item, name or row_id, category, ids, purposes)
            if row_id and name and provider and party and category and duration:
                rows.append(Cookie(row_id, name, provider, party, category, duration, purpose, ids, domain))
        return CookieRegister(tuple(rows), caption, categories, self.path(rel))

    def consent_warning(
        self, item: yamlfile.Mapping, name: str, category: str, ids: tuple[str, ...], purposes: PurposeTable
    ) -> None:
        """A cookie that needs consent, serving only purposes that rest on another lawful basis: the
        register and the purpose table tell the reader two different things."""
        rows = {p.id: p for p in purposes.purposes}
        if all(rows[i].bases and all(b.key != "consent" for b in rows[i].bases) for i in ids if i in rows):
            self.warnings.append(
                Problem(
                    self.path(COOKIES_FILE),
                    item.line_of("purposes"),
                    f"the cookie {name!r} is in the category {category!r}, which needs the visitor's consent, "
                    f"but its purposes ({', '.join(ids)}) rest on other lawful bases in {PURPOSES_FILE}.",
                    "add `- consent` to the bases of its purpose in purposes.yml, or, if the cookie is strictly "
                    "necessary, put it in the category strictly_necessary.",
                )
            )

    def location(self, item: yamlfile.Mapping) -> tuple[str, ...]:
        """Where a recipient processes the data: ISO 3166-1 alpha-2 codes (one, or a list)."""
        rel = RECIPIENTS_FILE
        value = item.get("location")
        if isinstance(value, str):
            value = yamlfile.Sequence([value])
            value.line, value.item_lines = item.line_of("location"), [item.line_of("location")]
        if not isinstance(value, yamlfile.Sequence) or not value:
            self.problem(
                rel,
                item.line_of("location"),
                "'location' must list the countries where the data is processed.",
                "write their ISO 3166-1 two-letter codes, e.g. `location: [DE, US]`.",
            )
            return ()
        codes: list[str] = []
        for position, code in enumerate(value):
            line = value.line_of(position)
            if code is False:  # YAML 1.1 reads a bare NO as false
                self.problem(
                    rel,
                    line,
                    "NO (Norway) must be written in quotes: without them, YAML reads it as the word false.",
                    'write `"NO"`, e.g. `location: ["NO", DE]`.',
                )
            elif not isinstance(code, str) or code not in COUNTRY_CODES:
                upper = str(code).upper()
                self.problem(
                    rel,
                    line,
                    f"{code!r} is not a country code.",
                    f"write it in capitals: {upper}."
                    if upper in COUNTRY_CODES
                    else "use ISO 3166-1 two-letter codes, e.g. DE for Germany, US for the United States"
                    + (" (the United Kingdom is GB)." if upper == "UK" else "."),
                )
            elif code in codes:
                self.problem(rel, line, f"the country {code} is listed twice.", "list it once.")
            else:
                codes.append(code)
        return tuple(codes)

    def since(self, item: yamlfile.Mapping) -> date | None:
        value = item.get("since")
        if value is None:
            return None
        try:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.problem(
            RECIPIENTS_FILE,
            item.line_of("since"),
            f"{value!r} is not a date.",
            "write the date data first went to this recipient as YYYY-MM-DD, e.g. `since: 2024-03-01`, "
            "or leave it out.",
        )
        return None

    def recipients(self, purposes: PurposeTable | None) -> RecipientRegister | None:
        rel = RECIPIENTS_FILE
        data = self.yaml(rel)
        if data is None:
            return None
        self.unknown_keys(rel, data, RECIPIENTS_KEYS)
        caption = self.optional_text(rel, data, "caption")
        rows: list[Recipient] = []
        seen: dict[str, int] = {}
        example = (
            "`- id: mailer` / `  name: Mailer Inc.` / `  role: sub_processor` / `  service: Sends our e-mail` / "
            "`  location: [US]` / `  transfer: scc`"
        )
        for item in self.rows(
            data, "recipients", RECIPIENT_FIELDS, what="recipients of personal data", example=example, rel=rel
        ):
            row_id = self.row_id(item, seen, "recipient", rel)
            name = self.required_text(rel, item, "name")
            role = self.choice(rel, item, "role", RECIPIENT_ROLES, "a role of a recipient")
            service = self.required_text(rel, item, "service")
            location = self.location(item)
            transfer = ""
            if item.get("transfer") is not None:
                transfer = self.choice(rel, item, "transfer", TRANSFER_SAFEGUARDS, "a safeguard for a transfer")
            elif outside := [c for c in location if c not in EEA]:
                names = ", ".join(f"{COUNTRY_NAMES[c]} ({c})" for c in outside)
                self.problem(
                    rel,
                    item.line_of("location"),
                    f"the recipient {name or row_id!r} processes data in {names}, outside the EEA, "
                    "but names no safeguard for the transfer.",
                    "add `transfer:` with the safeguard the transfer rests on: adequacy (an adequacy decision), "
                    "scc (standard contractual clauses), bcr (binding corporate rules) or derogation (Art. 49).",
                )
            ids = self.purpose_ids(rel, item, purposes)
            since = self.since(item)
            if row_id and name and role and service and location and (transfer or item.get("transfer") is None):
                rows.append(Recipient(row_id, name, role, service, location, transfer, ids, since))
        return RecipientRegister(tuple(rows), caption, self.path(rel))


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """The start of a fix for a mistyped id: the nearest known one, or nothing (a long name is no typo)."""
    near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6) if len(name) <= 100 else []
    return f"did you mean `{near[0]}`? Otherwise " if near else ""
