"""The plugin's options in mkdocs.yml, as MkDocs expects them: a Config subclass."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class LegalDocsConfig(base.Config):
    #: Document folders under docs/ to publish; empty means every folder with a document.yml.
    documents = c.ListOfItems(c.Type(str), default=[])
    #: Generate a home page listing the documents when docs/ has no index.md of its own.
    home = c.Type(bool, default=True)
    #: The branch whose first-parent history is what has been published; None: main, or else
    #: the branch being built.
    branch = c.Optional(c.Type(str))
    #: Days of notice a new version needs between reaching the branch and taking effect.
    notice_period = c.Type(int, default=30)
