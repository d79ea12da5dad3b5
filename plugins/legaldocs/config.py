"""The plugin's options in mkdocs.yml, as MkDocs expects them: a Config subclass."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class _Days(c.Type):
    """A number of days: zero or more."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        days = super().run_validation(value)
        if isinstance(days, bool) or days < 0:
            raise ValidationError(f"must be a number of days, 0 or more (got {value!r}).")
        return days


class _Date(c.Type):
    """A date, YYYY-MM-DD: YAML reads one unquoted as a date, kept here as the text it was."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if isinstance(value, date):
            value = value.isoformat()
        text = super().run_validation(value)
        if not _is_date(text):
            raise ValidationError(f"must be a date, YYYY-MM-DD (got {value!r}).")
        return text


class _Acknowledgement(base.Config):
    """A commit whose flaw in history is known and accepted, and why (shown on the versions page).

    Named by its full id: a short one would also name any commit made to share its first digits
    (seconds of work for seven), which would then pass `--strict` unseen.
    """

    #: The commit: its full id, 40 hexadecimal digits (or 64 in a SHA-256 repository).
    commit = c.Optional(c.Type(str))
    #: Instead of a commit, a translation known to lag: its language (e.g. `de`), with `version:`.
    translation = c.Optional(c.Type(str))
    #: With `translation:`, the effective date (YYYY-MM-DD) of the source version it does not translate yet.
    version = c.Optional(_Date())
    #: Why its flaw is accepted: shown publicly on the versions page.
    reason = c.Type(str)

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, Warning]]]:
        failed, warnings = super().validate()
        if self.get("translation") is not None or self.get("version") is not None:
            if not (str(self.get("translation") or "").strip() and _is_date(str(self.get("version") or ""))):
                failed.append(
                    (
                        "translation",
                        ValidationError(
                            "a translation's lag is acknowledged with `translation:` (its language, e.g. de) and "
                            "`version:` (the source version's effective date, YYYY-MM-DD)."
                        ),
                    )
                )
            if not str(self.get("reason") or "").strip():
                failed.append(("reason", ValidationError("say why the lag is acknowledged: it is shown publicly.")))
            return failed, warnings
        sha = str(self.get("commit") or "").strip().lower()
        if not (len(sha) in FULL_ID_LENGTHS and all(ch in HEX for ch in sha)):
            failed.append(("commit", ValidationError(_not_full(sha, self.config_file_path))))
        if not str(self.get("reason") or "").strip():
            failed.append(("reason", ValidationError("say why the commit is acknowledged: it is shown publicly.")))
        return failed, warnings


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return len(text.strip()) == 10


#: A commit's full id: 40 hexadecimal digits (SHA-1), or 64 in a SHA-256 repository.
FULL_ID_LENGTHS = (40, 64)
HEX = frozenset("0123456789abcdef")


def _not_full(sha: str, config_file: str | None) -> str:
    """Why ``sha`` is refused, with the full id it stands for in this repository, ready to paste."""
    if not (4 <= len(sha) < 64 and all(ch in HEX for ch in sha)):
        return f"{sha!r} is not a commit id: write the commit's full id (40 hexadecimal digits, or 64)."
    from .gitsource import full_ids  # GitPython: only when there is a short id to look up

    found = full_ids(sha, Path(config_file).parent if config_file else Path.cwd())
    said = f"{sha!r} is a short commit id, which would also acknowledge any commit made to begin with the same digits"
    if len(found) == 1:
        return f"{said}. Write the full id: commit: {found[0]}"
    if found:
        return f"{said}; here it begins {len(found)} commits ({', '.join(found)}). Write the full id of the one meant."
    return f"{said}, and no commit here begins with it. Write the full id (`git log` shows it)."


class _FileDocument(base.Config):
    """A document kept as one Markdown file anywhere in the repository, with its whole git history."""

    #: The document's address (/name/), as a folder's name is: lower-case letters, digits and hyphens.
    name = c.Type(str)
    #: The Markdown file, relative to the folder of mkdocs.yml: inside the repository, never a link.
    file = c.Type(str)
    #: How the text is read: `mkdocs` (the site's markdown_extensions) or `github` (as GitHub shows it).
    markdown = c.Choice(("mkdocs", "github"), default="mkdocs")
    #: The heading level of the sections (1 to 6); unset: the shallowest level used at least three times.
    section_level = c.Optional(c.Type(int))
    #: `as-written`: headings are shown as typed; `generated`: legaldocs numbers them (typed numbers refused).
    numbering = c.Choice(("as-written", "generated"), default="as-written")
    #: The date line's form where it is none of those understood: strftime's directives (`%Y`, `%m`, `%-m`,
    #: `%d`, `%-d`, `%e`, `%B`, `%b`, `%%`) in the line's own words, e.g. `Effective date: %B %-d, %Y`.
    #: Read first, and written by `new-version`.
    effective_format = c.Optional(c.Type(str))
    #: Its cookies register (cookies.yml's fields, see "The registers"), relative to the folder of mkdocs.yml:
    #: inside the repository, never a link; read from git at each commit as the file is.
    cookies = c.Optional(c.Type(str))
    #: Its recipients register (recipients.yml's fields), relative to the folder of mkdocs.yml, as `cookies`.
    recipients = c.Optional(c.Type(str))
    #: The language the document is written in (BCP 47, e.g. `en`); unset: theme.language.
    language = c.Optional(c.Type(str))
    #: The language whose text is binding (e.g. `en`): every translated page says, in its own language, that
    #: the translation is provided for convenience and the text in that language is binding. Unset: not said.
    binding_language = c.Optional(c.Type(str))
    #: The file's translations, by language: `{de: de/privacy.md}` (files relative to the folder of mkdocs.yml).
    #: A folder document keeps its translations in `docs/<doc>/translations/<lang>/` instead.
    translations = c.Optional(c.Type(dict))


#: The keys a file document's entry may have, exactly.
FILE_DOCUMENT_KEYS = tuple(name for name, _ in _FileDocument._schema)


class _Document(c.BaseConfigOption):
    """One entry of ``documents``: a folder's name, or a mapping for a file document (``_FileDocument``)."""

    config_class = _FileDocument

    def run_validation(self, value: object) -> object:
        if isinstance(value, str):
            return value
        if not isinstance(value, dict):
            raise ValidationError(f"each document is a folder's name or a mapping with name and file (got {value!r}).")
        unknown = [key for key in value if key not in FILE_DOCUMENT_KEYS]
        if unknown:
            raise ValidationError(
                f"unknown key {unknown[0]!r} in the document {value.get('name')!r}: use only "
                f"{', '.join(FILE_DOCUMENT_KEYS)} (check the spelling)."
            )
        if "file" not in value:
            if "name" in value and set(value) <= {"name", *FOLDER_KEYS}:  # `- name: privacy` is the folder privacy
                return self._folder(value)
            raise ValidationError(
                f"the document {value.get('name')!r} needs `file:` (or only `name:` and {', '.join(FOLDER_KEYS)}, "
                "for a folder)."
            )
        if not isinstance(value.get("name"), str) or not value["name"].strip():
            raise ValidationError("a file document needs `name:`, its address (e.g. `name: privacy`).")
        level = value.get("section_level")
        if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 6):
            raise ValidationError(f"section_level must be a heading level, 1 to 6 (got {level!r}).")
        form = value.get("effective_format")
        if isinstance(form, str):
            from .filedoc import format_pieces

            try:
                format_pieces(form)
            except ValueError as error:
                raise ValidationError(f"the document {value['name']!r}: {error}") from None
        checked = _FileDocument()
        checked.load_dict(dict(value))
        failed, _ = checked.validate()
        if failed:
            key, error = failed[0]
            raise ValidationError(f"the document {value['name']!r}: {key}: {error}")
        from .filedoc import FileSpec

        translations = checked["translations"] or {}
        for tag, file in translations.items():
            if not (isinstance(tag, str) and TAG.match(tag)) or not isinstance(file, str) or not file.strip():
                raise ValidationError(
                    f"the document {value['name']!r}: translations: write each as `<language>: <file>`, the language "
                    f"a BCP 47 code such as de or pt-BR (got {tag!r}: {file!r})."
                )
        return FileSpec(
            name=checked["name"].strip(),
            file=checked["file"],
            markdown=checked["markdown"],
            section_level=checked["section_level"],
            numbering=checked["numbering"],
            effective_format=checked["effective_format"],
            cookies=checked["cookies"],
            recipients=checked["recipients"],
            language=_tag(checked["language"], value["name"], "language"),
            binding_language=_tag(checked["binding_language"], value["name"], "binding_language"),
            translations=tuple((str(tag), str(file)) for tag, file in translations.items()),
        )

    @staticmethod
    def _folder(value: dict[str, Any]) -> str:
        """A folder document named with its language options: its name, carrying them (``translation.Folder``)."""
        from .translation import Folder

        name = value["name"]
        if not isinstance(name, str):
            raise ValidationError(f"a document's name is text (got {name!r}).")
        return Folder(
            name,
            language=_tag(value.get("language"), name, "language"),
            binding_language=_tag(value.get("binding_language"), name, "binding_language"),
        )


#: The keys a folder document's entry may have besides `name` (its translations are in its folder).
FOLDER_KEYS = ("language", "binding_language")
#: A language code as BCP 47 writes it (``translation.TAG``).
TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _tag(value: object, name: str, key: str) -> str:
    """A language option of a document entry: a BCP 47 code, or "" where unset."""
    if value is None:
        return ""
    if not isinstance(value, str) or not TAG.match(value):
        raise ValidationError(
            f"the document {name!r}: {key} is a language code such as en, de or pt-BR (got {value!r})."
        )
    return value


class LegalDocsConfig(base.Config):
    #: The documents to publish: names of folders directly under docs/, and file documents
    #: (`- name: privacy` with `file: policies/privacy.md`, see "Use legaldocs on the repository you already
    #: have"); no folder named means every folder with a document.yml. A folder may be named with its
    #: language options: `- name: privacy` with `language: en` (what it is written in; default
    #: theme.language) and `binding_language: en` (translated pages say the English text binds; see
    #: "Translations").
    documents = c.ListOfItems(_Document(), default=[])
    #: Generate a home page listing the documents when docs/ has no index.md of its own.
    home = c.Type(bool, default=True)
    #: The branch whose first-parent history is what has been published; None: main, or else
    #: the branch being built (with a warning).
    branch = c.Optional(c.Type(str))
    #: Days of notice a new version needs between reaching the branch and taking effect (less: a warning).
    notice_period = _Days(default=30)
    #: Days of notice a version that adds a processor or sub-processor to recipients.yml needs between
    #: reaching the branch and taking effect (less: a warning); 0: no such rule. A new sub-processor
    #: is also named on the upcoming version's notice and banner.
    recipients_notice = _Days(default=0)
    #: Days after a version takes effect during which the current page's banner announces it
    #: (not while a version is upcoming: the page's notice says that); 0: no banner.
    recent_days = _Days(default=30)
    #: Files under docs/ that run in the browser (.html, .svg, .js, .css …) that may be published
    #: besides those in extra_css and extra_javascript: paths or glob patterns relative to docs/.
    allow_files = c.ListOfItems(c.Type(str), default=[])
    #: True for a site whose every author is trusted: pages other than the legal documents are not
    #: sanitised, and active files are published without being listed. Section text is always sanitised.
    trust_all_authors = c.Type(bool, default=False)
    #: The ledger.json of the deployed site: a build fails if anything it records has vanished or changed.
    ledger = c.Optional(c.Type(str))
    #: Commits whose flaws in history are known: `- commit: <full id>` and `reason: …` (shown publicly).
    acknowledge = c.ListOfItems(c.SubConfig(_Acknowledgement), default=[])
    #: Show commit authors' names on the public pages. Off by default: they are personal data.
    show_authors = c.Type(bool, default=False)
    #: A PDF beside each published version's page, each revision's of a corrected version and each changes page
    #: (`<doc>-<date>.pdf`), listed in versions.json and the ledger with its SHA-256. Needs WeasyPrint:
    #: `pip install 'legaldocs[pdf]'`. Off by default: each PDF takes about a second to make, once.
    pdf = c.Type(bool, default=False)
    #: Where PDFs are kept between builds, relative to the folder of mkdocs.yml: a build makes only the PDFs whose
    #: text, templates or legaldocs changed. Keep it between CI runs (the shipped workflows cache it).
    pdf_cache = c.Type(str, default=".cache/legaldocs/pdf")
    #: Days before an upcoming version takes effect from which `legaldocs check` warns that a translation
    #: lacks it (a translation lagging the version in force is warned about whatever this says).
    translation_days = _Days(default=14)
