"""The words legaldocs writes on its pages, read from gettext catalogues: English, German and French ship.

Templates call ``t("In force")``; the English phrase is the key, so a missing translation reads
as English rather than as a key. ``{name}`` fields are filled after translation, with values
that the template has already escaped.

The phrases live in ``locales/legaldocs.pot`` (the template: every phrase, in English, as msgid) and
each language's words in ``locales/<lang>/LC_MESSAGES/legaldocs.po``, read with Babel once per process:
a language is available when its catalogue is there, so a contributor adds one without touching code
(documentation: Adding a language). English has no catalogue: it is the msgids. The catalogues are the
package's own files, never a site's, so a repository cannot change what legaldocs says.

- A phrase with a number in it (``COUNTED``) is a gettext plural: msgid is the English singular,
  msgid_plural the English plural (the key ``t`` is called with), ``msgstr[i]`` the language's forms
  in the order of its ``Plural-Forms`` header (Babel's, as ``pybabel init`` writes it). The code and the
  browser (``Intl.PluralRules``) choose forms by CLDR plural category ("one", "few", "many", "other"),
  so each ``msgstr[i]`` is filed under the category of the numbers the header sends to ``i``; a header
  that sends two numbers of one category to different forms is an error (it disagrees with CLDR).
- ``#. browser`` in the template marks the phrases the page scripts write too (``SCRIPT_WORDS``,
  ``SCRIPT_COUNTED``): head.html gives them, in the page's language, to assets/views.js, compare.js,
  at.js and redline.js.
- An entry that is empty or ``#, fuzzy`` is not translated: the phrase is written in English (a counted
  one with English's forms and rules). tests/test_words.py requires every shipped catalogue complete.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

#: Where the catalogues are: inside the package, never in a site's repository.
LOCALES = Path(__file__).parent / "locales"
DOMAIN = "legaldocs"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
#: The auto comment (``#. browser``) that gives a phrase to the page scripts.
BROWSER = "browser"
FIELD = re.compile(r"\{(\w*)\}")
#: Numbers enough to meet every CLDR integer category of a language (millions: French's "many").
SAMPLES = (*range(0, 1001), 10**6, 2 * 10**6, 10**7)


class CatalogueError(ValueError):
    """A catalogue legaldocs cannot use: the message names the file, the line and the fix."""


@dataclass
class Catalogue:
    """One language's words: the translated phrases (English key to text) and counted phrases' forms."""

    language: str
    path: Path
    words: dict[str, str] = field(default_factory=dict)
    counted: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Where each key is (its line, 1-based), for messages.
    lines: dict[str, int] = field(default_factory=dict)
    #: Entries not translated yet (empty or fuzzy), by key.
    untranslated: list[str] = field(default_factory=list)
    #: Phrases legaldocs writes to the page scripts (the template's ``#. browser``).
    browser: list[str] = field(default_factory=list)


def _fields(text: str) -> list[str]:
    return sorted(FIELD.findall(text))


def _categories(path: Path, language: str, catalogue: Catalog) -> list[str]:
    """The CLDR category of each ``msgstr[i]``: that of the numbers the Plural-Forms header sends to ``i``."""
    try:
        pick = gettext.c2py(catalogue.plural_expr)
    except ValueError as error:
        raise CatalogueError(f"{path}: its Plural-Forms header cannot be read ({error}); copy Babel's") from error
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError) as error:
        raise CatalogueError(
            f"{path}: {language!r} is not a language Babel knows; name the folder by its code"
        ) from error
    categories: dict[int, str] = {}
    for n in SAMPLES:
        index, category = pick(n), locale.plural_form(n)
        if categories.setdefault(index, category) != category or index >= catalogue.num_plurals:
            raise CatalogueError(
                f"{path}: its Plural-Forms header ({catalogue.plural_forms}) does not match CLDR's plural rules "
                f"for {language!r} (at {n}); write the header `pybabel init` writes for {language!r}"
            )
    return [categories.get(i, "other") for i in range(catalogue.num_plurals)]


def read_catalogue(path: Path, language: str | None = None) -> Catalogue:
    """Read one catalogue (``language`` None: the template), checking what would break a page: the syntax,
    and that every translation keeps its phrase's ``{fields}`` (a lost one would fail the build)."""
    try:
        with path.open("rb") as file:
            catalogue = read_po(file, locale=language, domain=DOMAIN, abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", 0) + 1  # Babel counts lines from 0
        raise CatalogueError(
            f"{path}:{line}: this line is not valid in a gettext catalogue ({error}); each entry is "
            f'msgid "…" and msgstr "…" (or msgid_plural and msgstr[0], msgstr[1] …), each text in double quotes'
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"{path}: cannot be read ({error}); save it as UTF-8") from error
    found = Catalogue(language=language or "en", path=path)
    categories = _categories(path, language, catalogue) if language else []
    for message in catalogue:
        if not message.id:
            continue  # the header
        line = message.lineno  # the msgid's line (Babel counts these from 1)
        plural = isinstance(message.id, tuple)
        key = message.id[1] if plural else message.id
        found.lines[key] = line
        if BROWSER in message.auto_comments:
            found.browser.append(key)
        if language is None:
            if plural:
                found.counted[key] = {"one": message.id[0], "other": message.id[1]}
            else:
                found.words[key] = key
            continue
        strings = list(message.string) if plural else [message.string]
        if message.fuzzy or not all(strings):
            found.untranslated.append(key)
            continue
        if plural and len(strings) != len(categories):
            raise CatalogueError(
                f"{path}:{line}: “{key}” has {len(strings)} forms (msgstr[0] …), but its Plural-Forms header "
                f"says {len(categories)}; give one msgstr[i] per form"
            )
        for text in strings:
            if _fields(text) != _fields(key):
                raise CatalogueError(
                    f"{path}:{line}: the translation of “{key}” must keep its fields "
                    f"{', '.join('{' + f + '}' for f in _fields(key)) or '(none)'} exactly, untranslated; "
                    f"it has {', '.join('{' + f + '}' for f in _fields(text)) or 'none'}"
                )
        if plural:
            forms = {category: text for category, text in zip(categories, strings, strict=True)}
            found.counted[key] = forms if "other" in forms else {**forms, "other": strings[-1]}
        else:
            found.words[key] = message.string
    return found


@cache
def available() -> tuple[str, ...]:
    """The languages legaldocs has words for: English and each catalogue shipped."""
    return ("en", *sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


@cache
def _template() -> Catalogue:
    return read_catalogue(TEMPLATE)


@cache
def catalogue(language: str) -> Catalogue:
    """A language's catalogue, read once per process; English (the template's msgids) for a language
    without one."""
    if language == "en" or language not in available():  # a site's theme.language never names a path
        return _template()
    return read_catalogue(LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po", language)


_TEMPLATE = _template()
#: Every phrase legaldocs writes (not counted), in the template's order: the keys of ``t``.
ENGLISH: tuple[str, ...] = tuple(_TEMPLATE.words)
#: The phrases the browser scripts write (assets/views.js, compare.js, at.js, and redline.js's notes): head.html
#: gives them, in the site's language, to every page of a document; a script falls back on its English
#: where none is given (redline.js on ``redline_rules.RULES["words"]``, these phrases in English).
SCRIPT_WORDS: tuple[str, ...] = tuple(key for key in _TEMPLATE.browser if key not in _TEMPLATE.counted)
#: The counted phrases the browser's redline writes (assets/redline.js): given with their forms and the
#: language whose plural rules pick one (the browser's ``Intl.PluralRules``, CLDR's rules as Babel's are).
SCRIPT_COUNTED: tuple[str, ...] = tuple(key for key in _TEMPLATE.browser if key in _TEMPLATE.counted)


def __getattr__(name: str) -> object:
    """The tables as they were before the catalogues, for callers and tests that read them whole:
    ``TABLES`` (language to {English: text}), ``GERMAN``, and ``COUNTED`` (phrase to language to forms)."""
    if name == "TABLES":
        return {lang: {**_TEMPLATE.words, **catalogue(lang).words} for lang in available()}
    if name == "GERMAN":
        return {**_TEMPLATE.words, **catalogue("de").words}
    if name == "COUNTED":
        return {
            key: {lang: catalogue(lang).counted[key] for lang in available() if key in catalogue(lang).counted}
            for key in _TEMPLATE.counted
        }
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _language(language: str) -> str:
    return (language or "en").replace("-", "_").split("_")[0].lower()


def _plural_category(language: str, count: int) -> str:
    """CLDR's plural category of ``count`` in ``language`` (Babel's rules); English's for a language Babel lacks."""
    try:
        return Locale.parse(language).plural_form(count)
    except (UnknownLocaleError, ValueError):
        return Locale("en").plural_form(count)


def _forms(phrase: str, lang: str) -> tuple[str, dict[str, str]]:
    """A counted phrase's forms in ``lang`` and the language whose plural rules pick among them: the
    language's own, else English's (forms and rules together)."""
    forms = catalogue(lang).counted.get(phrase)
    if forms is not None:
        return lang, forms
    return "en", _TEMPLATE.counted[phrase]


def wording(language: str) -> Callable[..., str]:
    """``w(phrase, count=None)``: the phrase in ``language``, its ``{fields}`` not filled yet (templates
    escape the values first); a counted phrase in the form ``count`` takes there."""
    lang = _language(language)
    table = catalogue(lang).words

    def w(phrase: str, count: object = None) -> str:
        if phrase in _TEMPLATE.counted:
            if count is None:
                raise KeyError(f"{phrase!r} is a counted phrase: give it count=")
            rules, forms = _forms(phrase, lang)
            category = _plural_category(rules, count) if isinstance(count, int) else "other"
            return forms.get(category, forms["other"])
        if phrase not in _TEMPLATE.words:
            raise KeyError(f"{phrase!r} is not in legaldocs' words (locales/{DOMAIN}.pot); add it there")
        return table.get(phrase, phrase)

    return w


def translator(language: str) -> Callable[..., str]:
    """``t(phrase, **fields)`` in ``language`` (e.g. "de", "de_AT"); English where there is no catalogue.

    A counted phrase takes its form from ``count``: ``t("{count} problems to fix", count=1)``.
    """
    w = wording(language)

    def t(phrase: str, **fields: object) -> str:
        text = w(phrase, fields.get("count"))
        return text.format(**fields) if fields else text

    return t


#: The command line's words: English, as its problems are.
english = translator("en")


def script_words(language: str) -> dict[str, object]:
    """``SCRIPT_WORDS`` in ``language``, as plain text: the scripts fill the ``{name}`` fields themselves;
    and ``SCRIPT_COUNTED``, each as {"rules": a language, "forms": {CLDR plural category: text}}."""
    lang = _language(language)
    table = catalogue(lang).words
    found: dict[str, object] = {phrase: table.get(phrase, phrase) for phrase in SCRIPT_WORDS}
    for phrase in SCRIPT_COUNTED:
        rules, forms = _forms(phrase, lang)
        found[phrase] = {"rules": rules, "forms": dict(forms)}
    return found
