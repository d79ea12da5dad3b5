"""The plugin's options in mkdocs.yml, as MkDocs expects them: a Config subclass."""

from __future__ import annotations

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


class LegalDocsConfig(base.Config):
    #: Document folders under docs/ to publish; empty means every folder with a document.yml.
    documents = c.ListOfItems(c.Type(str), default=[])
    #: Generate a home page listing the documents when docs/ has no index.md of its own.
    home = c.Type(bool, default=True)
    #: The branch whose first-parent history is what has been published; None: main, or else
    #: the branch being built.
    branch = c.Optional(c.Type(str))
    #: Days of notice a new version needs between reaching the branch and taking effect.
    notice_period = _Days(default=30)
    #: Files under docs/ that run in the browser (.html, .svg, .js, .css …) that may be published
    #: besides those in extra_css and extra_javascript: paths or glob patterns relative to docs/.
    allow_files = c.ListOfItems(c.Type(str), default=[])
    #: True for a site whose every author is trusted: pages other than the legal documents are not
    #: sanitised, and active files are published without being listed. Section text is always sanitised.
    trust_all_authors = c.Type(bool, default=False)
