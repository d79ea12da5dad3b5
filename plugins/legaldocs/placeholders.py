"""The few `{{ … }}` placeholders an editor may write in a section, found with their lines.

They exist so that numbers and repeated facts are generated, never typed:

- ``{{ section: further-information }}`` becomes "section 13" linked to that section
  (``{{ Section: … }}`` gives "Section 13" at the start of a sentence);
- ``{{ fact: contact_email }}`` becomes a value from ``facts`` in document.yml;
- ``{{ purposes }}`` on a line of its own becomes the purpose table from purposes.yml;
- ``{{ cookies }}`` and ``{{ recipients }}`` on a line of their own become the registers' tables
  from cookies.yml and recipients.yml;
- ``{{ versions }}`` on a line of its own becomes the generated list of versions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .words import translator

if TYPE_CHECKING:
    from .model import Document

#: Linear in the length of the text: no two quantifiers can match the same characters, so an
#: unclosed placeholder followed by pages of spaces costs one scan, not minutes.
PATTERN = re.compile(r"\{\{\s*(?P<kind>[A-Za-z_]+)\s*(?::(?P<arg>[^{}]*))?\}\}")
KINDS = ("section", "Section", "fact", "purposes", "cookies", "recipients", "versions")
#: Placeholders replaced by a whole block, which must stand on a line of their own.
BLOCK_KINDS = ("purposes", "cookies", "recipients", "versions")


@dataclass(frozen=True)
class Placeholder:
    kind: str
    arg: str
    line: int
    start: int
    end: int
    alone_on_line: bool


def find(text: str, first_line: int = 1) -> list[Placeholder]:
    found = []
    # Lines are counted as the scan goes, never from the start again: linear, however many placeholders.
    line, counted = first_line, 0
    for match in PATTERN.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.append(
            Placeholder(
                kind=match["kind"],
                arg=(match["arg"] or "").strip(),
                line=line,
                start=match.start(),
                end=match.end(),
                alone_on_line=_blank_until_newline(text, match.start() - 1, -1)
                and _blank_until_newline(text, match.end(), 1),
            )
        )
    return found


def reading(kind: str, arg: str, document: Document, language: str = "en") -> str | None:
    """What a reader sees for an inline placeholder, as plain text: the one place that says so.

    ``{{ section: x }}`` reads "section 13" (``Section`` capitalised) in ``language`` (words.py:
    "Abschnitt 13" on a German page), ``{{ fact: x }}`` the fact's value. None for a block placeholder,
    or one that names nothing (validation reports it). The renderer makes its HTML from this; the
    history compares versions by it (in English, so that a fingerprint never depends on the site's language).
    """
    if kind in ("section", "Section") and any(s.id == arg for s in document.sections):
        number = document.label(arg).rstrip(".") or document.number(arg)  # (a preamble is not counted)
        phrase = "Section {number}" if kind == "Section" else "section {number}"
        return translator(document.language or language)(phrase, number=number)  # a translation: its own
    if kind == "fact" and arg in document.facts:
        return document.facts[arg]
    return None


def _blank_until_newline(text: str, index: int, step: int) -> bool:
    """Whether only spaces stand between ``index`` and the line's end (step 1) or start (step -1)."""
    while 0 <= index < len(text) and text[index] != "\n":
        if not text[index].isspace():
            return False
        index += step
    return True
