"""Characters that make what a reader sees differ from what the source says: refused, or warned about.

Bidirectional controls reorder text on screen: with two of them, "after 30 days, not 10 years"
is displayed as "after 10 years, not 30 days" while the source (and a word diff) still reads the
first. A document written left to right needs none of them, nor HTML that sets a direction
(``dir``, ``<bdo>``, ``<bdi>``). A document written right to left needs some: isolates, closed
on the line that opens them, the marks LRM, RLM and ALM, and ``dir``; an override (LRO, RLO,
``<bdo>``) forces an order whatever the letters say, so it is refused there too.

A word that mixes Latin letters with Cyrillic or Greek ones looks like a word it is not (a web
address that leads elsewhere): a warning, since a name may be written so on purpose.

The direction is the document's language's (today the site's ``theme.language``): ``RTL_LANGUAGES``
and ``RTL_SCRIPTS`` are the one list. `legaldocs check` and the build both get these problems
through ``source`` and ``documents``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html

#: Languages written right to left (ISO 639 codes, as in theme.language).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "ks", "lrc", "mzn", "nqo", "pnb", "ps", "sd"}
    | {"syr", "ug", "ur", "yi"}
)
#: Scripts written right to left (ISO 15924 subtags, as in "az-Arab" or "pa_Arab").
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa"})

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
NAMES = {
    LRE: "a left-to-right embedding",
    RLE: "a right-to-left embedding",
    PDF: "a pop directional formatting",
    LRO: "a left-to-right override",
    RLO: "a right-to-left override",
    LRI: "a left-to-right isolate",
    RLI: "a right-to-left isolate",
    FSI: "a first strong isolate",
    PDI: "a pop directional isolate",
    LRM: "a left-to-right mark",
    RLM: "a right-to-left mark",
    ALM: "an Arabic letter mark",
}
#: Refused in a text written left to right: every control but LRM, which cannot reorder such text
#: (RLM and ALM can: "30, 10" between two RLMs is shown "10 ,30").
LTR_REFUSED = frozenset(NAMES) - {LRM}
OVERRIDES = frozenset({LRO, RLO})
OPENERS = {LRE: PDF, RLE: PDF, LRI: PDI, RLI: PDI, FSI: PDI}
CLOSERS = frozenset({PDF, PDI})
_BIDI = re.compile("[" + "".join(NAMES) + "]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+")


def is_rtl(language: str) -> bool:
    """Whether a language tag ("ar", "fa-IR", "az_Arab") is written right to left."""
    parts = (language or "").replace("_", "-").lower().split("-")
    return parts[0] in RTL_LANGUAGES or any(part in RTL_SCRIPTS for part in parts[1:])


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _named(char: str) -> str:
    return f"{NAMES[char]} ({_code(char)})"


@dataclass(frozen=True)
class Finding:
    """One thing found in a text, at a line counted from the text's first (1)."""

    line: int
    message: str
    fix: str


def _direction(language: str) -> str:
    return (
        f"right to left (theme.language: {language})"
        if is_rtl(language)
        else f"left to right (theme.language: {language})"
    )


def bidi(text: str, language: str) -> list[Finding]:
    """The bidirectional controls ``text`` may not hold, one finding per line at most."""
    if not _BIDI.search(text):
        return []
    rtl = is_rtl(language)
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if not _BIDI.search(line):
            continue
        if rtl:
            finding = _rtl_line(line, number, language)
        else:
            chars = list(dict.fromkeys(c for c in line if c in LTR_REFUSED))
            several = len(chars) > 1
            finding = (
                Finding(
                    number,
                    f"this line holds {', '.join(_named(c) for c in chars)}: "
                    + ("invisible characters that make" if several else "an invisible character that makes")
                    + " readers see the text in another order than it is written (and than the redline shows).",
                    f"delete {'them' if several else 'it'}: most editors do not show such characters, so "
                    f"retype the text of this line. A document written {_direction(language)} needs none.",
                )
                if chars
                else None
            )
        if finding:
            found.append(finding)
    return found


def _rtl_line(line: str, number: int, language: str) -> Finding | None:
    """Right to left: no override, and every embedding or isolate closed, in order, on its line."""
    open_: list[str] = []
    for char in line:
        if char in OVERRIDES:
            return Finding(
                number,
                f"this line holds {_named(char)}, an invisible character that forces the text after it to be "
                "shown in one direction whatever its letters, so readers see another order than it is written.",
                "delete it; to set the direction of a few words, put them between a right-to-left or left-to-right "
                f"isolate and a pop directional isolate ({_code(RLI)} or {_code(LRI)} … {_code(PDI)}).",
            )
        if char in OPENERS:
            open_.append(char)
        elif char in CLOSERS:
            if not open_ or OPENERS[open_[-1]] != char:
                return Finding(
                    number,
                    f"this line holds {_named(char)} that closes nothing opened before it on the line.",
                    "delete it, or open what it closes on the same line, before it.",
                )
            open_.pop()
    if open_:
        return Finding(
            number,
            f"{_named(open_[-1])} on this line is left open at its end: it changes the direction of all the "
            "text that follows it in the paragraph.",
            f"close it on the same line with {_named(OPENERS[open_[-1]])}, or delete it.",
        )
    return None


def _script_of(char: str) -> str:
    """LATIN, CYRILLIC, GREEK (or another script's name) for a letter; "" for anything else."""
    if not char.isalpha():
        return ""
    return "LATIN" if char.isascii() else unicodedata.name(char, "").split(" ", 1)[0]


def mixed_scripts(text: str) -> list[Finding]:
    """Words that mix Latin, Cyrillic and Greek letters: each once per line."""
    if text.isascii():
        return []
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.isascii():
            continue
        for word in dict.fromkeys(w for w in _WORD.findall(line) if not w.isascii()):
            scripts: dict[str, dict[str, None]] = {}
            for char in word:
                if (script := _script_of(char)) in _SCRIPTS:
                    scripts.setdefault(script, {})[char] = None
            if len(scripts) < 2:
                continue
            base = "LATIN" if "LATIN" in scripts else "CYRILLIC"
            others = [s for s in _SCRIPTS if s in scripts and s != base]
            letters = ", ".join(f"{c} {_code(c)}" for s in others for c in scripts[s])
            found.append(
                Finding(
                    number,
                    f"the word “{word}” mixes {base.title()} letters with {' and '.join(s.title() for s in others)} "
                    f"ones ({letters}): it looks like a word it is not, so a search, a link or a web address "
                    "written with it leads elsewhere.",
                    "retype the word with one keyboard layout; if it is meant to be written so, leave it "
                    "(this is a warning, which fails only `--strict`).",
                )
            )
    return found


def texts(data: Any, line: int = 1) -> Iterator[tuple[str, int]]:
    """Every text value of a YAML file (``yamlfile`` data), with the line it starts on."""
    if isinstance(data, str):
        yield data, line
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from texts(value, data.line_of(key) if hasattr(data, "line_of") else line)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, data.line_of(index) if hasattr(data, "line_of") else line)


def in_yaml(source: str, data: Any, language: str) -> tuple[list[Finding], list[Finding]]:
    """Refused characters and mixed-script words in a YAML file's texts: (problems, warnings).

    Lines are the file's: a value's own line, or the first line from there that holds what was
    found (a YAML escape such as "\\u202e" is found on the value's line).
    """
    lines = source.split("\n")
    problems: list[Finding] = []
    warnings: list[Finding] = []
    for value, start in texts(data):
        for found, out in ((bidi(value, language), problems), (mixed_scripts(value), warnings)):
            for finding in found:
                needle = value.split("\n")[finding.line - 1]
                at = next((n for n in range(start, len(lines) + 1) if needle and needle in lines[n - 1]), start)
                out.append(Finding(at, finding.message, finding.fix))
    return problems, warnings


@dataclass(frozen=True)
class Direction:
    """An element of rendered HTML that sets the direction of text, and what to search its source for."""

    what: str
    needle: str


def html_directions(html: str, language: str) -> list[Direction]:
    """What rendered HTML may not hold: in a text written left to right, ``<bdo>``, ``<bdi>`` and any
    ``dir``; right to left, ``<bdo>`` (an override)."""
    rtl = is_rtl(language)
    lowered = html.lower()
    if "<bdo" not in lowered and (rtl or ("<bdi" not in lowered and "dir=" not in lowered)):
        return []
    found = []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str) or element is root:
            continue
        if element.tag == "bdo":
            found.append(Direction("<bdo>", "bdo"))
        elif not rtl and element.tag == "bdi":
            found.append(Direction("<bdi>", "bdi"))
        elif not rtl and element.get("dir") is not None:
            found.append(Direction(f'dir="{element.get("dir")}" on <{element.tag}>', "dir"))
    return found


def direction_problem(direction: Direction, language: str) -> tuple[str, str]:
    """(message, fix) for an element that sets the direction of text."""
    if direction.what == "<bdo>":
        return (
            "the <bdo> element overrides the direction of its text, so readers see its characters in another "
            "order than they are written (and than the redline shows).",
            "remove the <bdo> element and write the text in the order it is to be read.",
        )
    return (
        f"{direction.what} sets the direction of the text, which can make readers see it in another order "
        f"than it is written; this document is written {_direction(language)}.",
        "remove it (in HTML, or in a `{: dir=… }` attribute list); if the document is written right to left, "
        "set theme.language in mkdocs.yml to its language.",
    )
