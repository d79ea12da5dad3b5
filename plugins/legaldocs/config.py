"""The plugin's options in mkdocs.yml, as MkDocs expects them: a Config subclass."""

from __future__ import annotations

from pathlib import Path

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


class _Acknowledgement(base.Config):
    """A commit whose flaw in history is known and accepted, and why (shown on the versions page).

    Named by its full id: a short one would also name any commit made to share its first digits
    (seconds of work for seven), which would then pass `--strict` unseen.
    """

    #: The commit: its full id, 40 hexadecimal digits (or 64 in a SHA-256 repository).
    commit = c.Type(str)
    #: Why its flaw is accepted: shown publicly on the versions page.
    reason = c.Type(str)

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, Warning]]]:
        failed, warnings = super().validate()
        sha = str(self.get("commit") or "").strip().lower()
        if not (len(sha) in FULL_ID_LENGTHS and all(ch in HEX for ch in sha)):
            failed.append(("commit", ValidationError(_not_full(sha, self.config_file_path))))
        if not str(self.get("reason") or "").strip():
            failed.append(("reason", ValidationError("say why the commit is acknowledged: it is shown publicly.")))
        return failed, warnings


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


class LegalDocsConfig(base.Config):
    #: Names of document folders directly under docs/ to publish; empty means every folder with a document.yml.
    documents = c.ListOfItems(c.Type(str), default=[])
    #: Generate a home page listing the documents when docs/ has no index.md of its own.
    home = c.Type(bool, default=True)
    #: The branch whose first-parent history is what has been published; None: main, or else
    #: the branch being built (with a warning).
    branch = c.Optional(c.Type(str))
    #: Days of notice a new version needs between reaching the branch and taking effect (less: a warning).
    notice_period = _Days(default=30)
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
