"""The words legaldocs writes: every phrase in English and German, numbers in the right plural."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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
