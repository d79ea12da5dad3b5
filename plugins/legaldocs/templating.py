"""The Jinja2 templates that make every page legaldocs adds, overridable by a site's theme.

Templates live in ``legaldocs/templates/``. A site replaces any of them with a file of the
same name in ``<theme custom_dir>/legaldocs/`` (e.g. ``overrides/legaldocs/stamp.html``): the
site's folder is searched first, then the packaged one, as Material's partials work.
Autoescape is on: everything from the repository is text until a template says otherwise, and
only the core's own HTML (rendered sections, the purpose table) is passed as ``Markup``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .dates import long_date
from .words import script_words, wording

PACKAGED = Path(__file__).parent / "templates"
#: The folder of a theme's ``custom_dir`` that holds a site's own legaldocs templates.
OVERRIDES = "legaldocs"


class Templates:
    """One Jinja environment per build: the site's overrides first, then the packaged templates."""

    def __init__(self, override_dirs: Sequence[Path] = (), language: str = "en") -> None:
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(d)) for d in override_dirs if d.is_dir()]
        loaders.append(jinja2.FileSystemLoader(str(PACKAGED)))
        self.override_dirs = tuple(override_dirs)
        self.language = language
        self._languages: dict[str, Templates] = {language: self}
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,  # a misspelt variable is an error, not an empty string
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,  # one environment per build: no file checks on every include
        )
        self.env.globals["t"] = self._t(wording(language))
        self.env.globals["language"] = language
        self.env.globals["script_words"] = script_words(language)  # head.html gives them to the scripts
        self.env.filters["date"] = lambda value: long_date(_as_date(value), language)
        self.env.filters["time"] = self._time

    @staticmethod
    def _t(words: Callable[..., str]) -> Callable[..., Markup]:
        def t(phrase: str, **fields: Any) -> Markup:
            """The phrase in the site's language; fields are escaped unless already Markup."""
            text = Markup(escape(words(phrase, fields.get("count"))))
            return text.format(**fields) if fields else text

        return t

    def _time(self, value: date | datetime) -> Markup:
        day = _as_date(value)
        return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), long_date(day, self.language))

    def in_language(self, language: str) -> Templates:
        """The same templates, their words and dates in ``language`` (a translation's pages), made once."""
        if language not in self._languages:
            self._languages[language] = Templates(self.override_dirs, language)
        return self._languages[language]

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def origin(self, name: str) -> str:
        """Which file a template comes from (for messages and tests)."""
        return str(self.env.get_template(name).filename)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def trusted(html: str) -> Markup:
    """HTML the core made (sanitised sections, the purpose table), not text from the repository."""
    return Markup(html)
