"""The few `{{ … }}` placeholders an editor may write in a section, found with their lines.

They exist so that numbers and repeated facts are generated, never typed:

- ``{{ section: further-information }}`` becomes "section 13" linked to that section
  (``{{ Section: … }}`` gives "Section 13" at the start of a sentence);
- ``{{ fact: contact_email }}`` becomes a value from ``facts`` in document.yml;
- ``{{ purposes }}`` on a line of its own becomes the purpose table from purposes.yml;
- ``{{ versions }}`` on a line of its own becomes the generated list of versions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Linear in the length of the text: no two quantifiers can match the same characters, so an
#: unclosed placeholder followed by pages of spaces costs one scan, not minutes.
PATTERN = re.compile(r"\{\{\s*(?P<kind>[A-Za-z_]+)\s*(?::(?P<arg>[^{}]*))?\}\}")
KINDS = ("section", "Section", "fact", "purposes", "versions")
#: Placeholders replaced by a whole block, which must stand on a line of their own.
BLOCK_KINDS = ("purposes", "versions")


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
    for match in PATTERN.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_text = text[line_start : len(text) if line_end == -1 else line_end]
        found.append(
            Placeholder(
                kind=match["kind"],
                arg=(match["arg"] or "").strip(),
                line=first_line + text.count("\n", 0, match.start()),
                start=match.start(),
                end=match.end(),
                alone_on_line=line_text.strip() == match.group(0),
            )
        )
    return found
