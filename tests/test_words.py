"""The words legaldocs writes: every phrase in English, German and French (the catalogues in locales/),
numbers in the right plural."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po
from legaldocs import words

PACKAGE = Path(words.__file__).parent


def test_every_counted_phrase_has_english_forms_for_one_and_other() -> None:
    for phrase, forms in words.COUNTED.items():
        assert {"one", "other"} <= set(forms["en"]), phrase
        assert forms["en"]["other"] == phrase, "the key is the English phrase, as t() is called with it"


@pytest.mark.parametrize(
    ("language", "count", "said"),
    [
        ("en", 1, "1 problem to fix"),
        ("en", 0, "0 problems to fix"),
        ("en", 40, "40 problems to fix"),
        ("de", 1, "1 Problem zu beheben"),
        ("de_AT", 2, "2 Probleme zu beheben"),
        ("pl", 1, "1 problem to fix"),  # no Polish table: English words, English rules
        ("pl", 5, "5 problems to fix"),
    ],
)
def test_counted_phrases_follow_the_languages_plural_rules(language: str, count: int, said: str) -> None:
    assert words.translator(language)("{count} problems to fix", count=count) == said


def test_no_bracketed_plural_is_written_anywhere() -> None:
    """Never "1 problem(s)": in the words, the templates, the command line or the build log."""
    sources = [*PACKAGE.glob("*.py"), *PACKAGE.glob("templates/*.html"), *PACKAGE.glob("assets/*.js")]
    bracketed = re.compile(r"(\}|\d) \w+\((s|e|en)\)")  # "{count} problem(s)", "1 Problem(e)"
    found = [
        f"{path.name}: {line.strip()}"
        for path in sources
        for line in path.read_text().splitlines()
        if bracketed.search(line)
    ]
    assert found == []


def test_every_phrase_in_the_table_is_written_somewhere() -> None:
    """A phrase no code, template or script writes is dead weight that translators would still translate."""
    import ast
    from pathlib import Path

    from legaldocs import words

    package = Path(words.__file__).parent
    written: set[str] = set()
    text = ""
    for path in package.rglob("*"):
        if path.suffix == ".py" and path.name != "words.py":
            tree = ast.parse(path.read_text(encoding="utf-8"))  # adjacent literals joined, as Python joins them
            written.update(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))
        elif path.suffix in (".html", ".js"):
            text += path.read_text(encoding="utf-8")
    dead = [w for w in words.ENGLISH if w not in written and w not in text and w not in words.SCRIPT_WORDS]
    assert dead == []


# The catalogues (locales/): every shipped language complete, readable, and its errors named by file and line.

SHIPPED = [language for language in words.available() if language != "en"]


def entries(path: Path, language: str | None = None) -> dict[str, Message]:
    """A catalogue's entries by key (msgid; msgid_plural for a counted phrase), as Babel reads them."""
    with path.open("rb") as file:
        found = read_po(file, locale=language, abort_invalid=True)
    return {(m.id[1] if isinstance(m.id, tuple) else m.id): m for m in found if m.id}


def test_english_german_and_french_ship() -> None:
    assert {"de", "fr"} <= set(SHIPPED)
    assert words.available()[0] == "en"  # English is the msgids: no catalogue of its own


@pytest.mark.parametrize("language", SHIPPED)
def test_each_shipped_catalogue_translates_every_phrase_of_the_template(language: str) -> None:
    """Every msgid of legaldocs.pot, translated (not empty, not fuzzy), with exactly its {fields} in
    every form, and no phrase the template does not have: tests/test_words.py is the translator's check."""
    path = words.LOCALES / language / "LC_MESSAGES" / "legaldocs.po"
    template, found = entries(words.TEMPLATE), entries(path, language)
    assert sorted(set(template) - set(found)) == [], f"{path}: phrases of legaldocs.pot missing"
    assert sorted(set(found) - set(template)) == [], f"{path}: phrases legaldocs no longer writes"
    wrong = []
    for key, message in found.items():
        strings = list(message.string) if isinstance(message.id, tuple) else [message.string]
        if message.fuzzy or not all(strings):
            wrong.append(f"{path}:{message.lineno}: not translated yet: {key}")
        wrong += [
            f"{path}:{message.lineno}: fields differ: {key} / {text}"
            for text in strings
            if sorted(re.findall(r"\{\w*\}", text)) != sorted(re.findall(r"\{\w*\}", key))
        ]
        if isinstance(message.id, tuple) != isinstance(template[key].id, tuple):
            wrong.append(f"{path}:{message.lineno}: counted in one file, not in the other: {key}")
    assert wrong == []


def test_the_template_holds_every_phrase_and_form_the_code_reads() -> None:
    """words' tables are the template's: each phrase once, each counted one with English's two forms."""
    template = entries(words.TEMPLATE)
    assert [k for k in template if not isinstance(template[k].id, tuple)] == list(words.ENGLISH)
    assert {k for k in template if isinstance(template[k].id, tuple)} == set(words.COUNTED)
    assert set(words.SCRIPT_WORDS) | set(words.SCRIPT_COUNTED) == {
        k for k, m in template.items() if "browser" in m.auto_comments
    }


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (0, "0 problème à corriger"),  # French: 0 and 1 are singular
        (1, "1 problème à corriger"),
        (2, "2 problèmes à corriger"),
        (1000000, "1000000 problèmes à corriger"),  # CLDR's "many": the plural form
    ],
)
def test_french_counts_follow_french_plural_rules(count: int, said: str) -> None:
    assert words.translator("fr")("{count} problems to fix", count=count) == said
    assert words.translator("fr_CA")("{count} sections changed", count=count).startswith(f"{count} section")


def test_french_words_reach_the_scripts() -> None:
    given = words.script_words("fr")
    assert given["(no changes)"] == "(aucune modification)"
    assert given["{count} sections changed"] == {
        "rules": "fr",
        "forms": {
            "one": "{count} section modifiée",
            "many": "{count} sections modifiées",
            "other": "{count} sections modifiées",
        },
    }


def broken_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The French catalogue copied with one change; the line it is on (1-based)."""
    text = (words.LOCALES / "fr" / "LC_MESSAGES" / "legaldocs.po").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "fr" / "LC_MESSAGES" / "legaldocs.po"
    path.parent.mkdir(parents=True)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


def test_a_malformed_catalogue_is_an_error_naming_its_file_and_line(tmp_path: Path) -> None:
    path, line = broken_copy(tmp_path, 'msgstr "Remplacée"\n', 'msgstr "Remplacée"\nmsgtext "oops"\n')
    with pytest.raises(words.CatalogueError) as error:
        words.read_catalogue(path, "fr")
    assert str(error.value).startswith(f"{path}:{line + 1}: this line is not valid in a gettext catalogue")


def test_a_translation_that_loses_a_field_is_an_error_naming_its_file_and_line(tmp_path: Path) -> None:
    path, line = broken_copy(
        tmp_path, 'msgstr "Dernière mise à jour le {date}"', 'msgstr "Dernière mise à jour le {datum}"'
    )
    with pytest.raises(words.CatalogueError) as error:
        words.read_catalogue(path, "fr")
    assert str(error.value).startswith(f"{path}:{line - 1}: the translation of “Last updated {{date}}” must keep")
    assert "{date}" in str(error.value) and "{datum}" in str(error.value)


def test_a_plural_header_that_disagrees_with_cldr_is_an_error(tmp_path: Path) -> None:
    path, _ = broken_copy(
        tmp_path, '"Plural-Forms: nplurals=3;', '"Plural-Forms: nplurals=3; plural=(n != 1);\\n"\n"X-Old:'
    )
    with pytest.raises(words.CatalogueError, match="does not match CLDR's plural rules for 'fr'"):
        words.read_catalogue(path, "fr")


def test_an_untranslated_or_fuzzy_entry_reads_as_english(tmp_path: Path) -> None:
    path, _ = broken_copy(tmp_path, 'msgstr "Remplacée"\n', 'msgstr ""\n')
    found = words.read_catalogue(path, "fr")
    assert "Superseded" not in found.words and found.untranslated == ["Superseded"]
    assert found.words["In force"] == "En vigueur"


def test_the_catalogues_are_shipped_in_the_package() -> None:
    """Every catalogue is package data, so an installed wheel has the words (tests/test_demo.py does the same
    for the demo's files)."""
    import fnmatch
    import sys

    from helpers import REPO

    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["legaldocs"]
    shipped = [p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "locales").rglob("*") if p.is_file()]
    assert len(shipped) >= 3
    unshipped = [
        rel
        for rel in shipped
        if not any(fnmatch.fnmatch(rel, pattern) and rel.count("/") == pattern.count("/") for pattern in patterns)
    ]
    assert unshipped == []


def test_a_sites_language_only_names_a_shipped_catalogue() -> None:
    """theme.language is the site's (untrusted): it picks among the package's catalogues, never a path;
    each catalogue is read once per process."""
    for language in ("../de", "de/../fr", "/etc", "xx", ""):
        assert words.translator(language)("In force") == "In force", language
        assert words.catalogue(language) is words.catalogue("en")
    assert words.catalogue("fr") is words.catalogue("fr") and words.catalogue("fr").words["In force"] == "En vigueur"
