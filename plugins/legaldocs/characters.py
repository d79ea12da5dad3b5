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
#: The letters of the scripts whose mix is warned about, by their Unicode blocks.
_SCRIPTS = (
    ("Latin", re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")),
    ("Cyrillic", re.compile("[\u0400-\u0481\u048a-\u052f\u1c80-\u1c8f\ua640-\ua66e\ua680-\ua69d]")),
    ("Greek", re.compile("[\u0370-\u0373\u0376-\u03ff\u1f00-\u1fff]")),
)
_LATIN, _CYRILLIC, _GREEK = (letters.pattern for _, letters in _SCRIPTS)
#: A word (a run of \w) with letters of two of the scripts: lookaheads that stop at the word's end.
_MIXED = re.compile(
    rf"\b(?:(?=\w*?{_LATIN})(?=\w*?{_CYRILLIC})|(?=\w*?{_LATIN})(?=\w*?{_GREEK})|(?=\w*?{_CYRILLIC})(?=\w*?{_GREEK}))\w+"
)
#: Findings of one kind listed per file: past these, one more says that there are more.
MAX_FINDINGS = 20


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
    #: What was found (a character, a word), to find the line of a YAML value that spans several.
    needle: str = ""


def _direction(language: str) -> str:
    return (
        f"right to left (theme.language: {language})"
        if is_rtl(language)
        else f"left to right (theme.language: {language})"
    )


def bidi(text: str, language: str, limit: int = MAX_FINDINGS) -> list[Finding]:
    """The bidirectional controls ``text`` may not hold, one finding per line at most, and at most
    ``limit`` + 1 (the one past the limit says that there are more: ``capped``)."""
    if not _BIDI.search(text):
        return []
    rtl = is_rtl(language)
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if not _BIDI.search(line):
            continue
        if rtl:
            finding = _rtl_line(line, number)
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
                    chars[0],
                )
                if chars
                else None
            )
        if finding:
            found.append(finding)
            if len(found) > limit:
                break
    return found


def _rtl_line(line: str, number: int) -> Finding | None:
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
                char,
            )
        if char in OPENERS:
            open_.append(char)
        elif char in CLOSERS:
            if not open_ or OPENERS[open_[-1]] != char:
                return Finding(
                    number,
                    f"this line holds {_named(char)} that closes nothing opened before it on the line.",
                    "delete it, or open what it closes on the same line, before it.",
                    char,
                )
            open_.pop()
    if open_:
        return Finding(
            number,
            f"{_named(open_[-1])} on this line is left open at its end: it changes the direction of all the "
            "text that follows it in the paragraph.",
            f"close it on the same line with {_named(OPENERS[open_[-1]])}, or delete it.",
            open_[-1],
        )
    return None


def _two_scripts(text: str) -> bool:
    return not text.isascii() and sum(1 for _, letters in _SCRIPTS if letters.search(text)) >= 2


def mixed_scripts(text: str, limit: int = MAX_FINDINGS) -> list[Finding]:
    """Words that mix Latin, Cyrillic and Greek letters: each once per line, at most ``limit`` + 1.

    Only a text, then a line, with letters of two of the scripts is searched word by word
    (``_MIXED``), so that most texts cost three searches.
    """
    if not _two_scripts(text):
        return []
    found: list[Finding] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not _two_scripts(line):
            continue
        for word in dict.fromkeys(match[0] for match in _MIXED.finditer(line)):
            scripts = {name: list(dict.fromkeys(letters.findall(word))) for name, letters in _SCRIPTS}
            base = "Latin" if scripts["Latin"] else "Cyrillic"
            others = [name for name, letters in scripts.items() if letters and name != base]
            listed = ", ".join(f"{c} {_code(c)}" for name in others for c in scripts[name])
            found.append(
                Finding(
                    number,
                    f"the word “{word}” mixes {base} letters with {' and '.join(others)} ones ({listed}): it "
                    "looks like a word it is not, so a search, a link or a web address written with it leads "
                    "elsewhere.",
                    "retype the word with one keyboard layout; if it is meant to be written so, leave it "
                    "(this is a warning, which fails only `--strict`).",
                    word,
                )
            )
            if len(found) > limit:
                return found
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


def capped(findings: list[Finding]) -> list[Finding]:
    """At most ``MAX_FINDINGS`` findings of a file; past them, one that says there are more (only so
    many are looked for, so that a hostile file costs no more than an ordinary one)."""
    if len(findings) <= MAX_FINDINGS:
        return findings
    rest = findings[MAX_FINDINGS]
    return [
        *findings[:MAX_FINDINGS],
        Finding(rest.line, f"more like the {MAX_FINDINGS} above, from this line on.", rest.fix, rest.needle),
    ]


def in_section(text: str, language: str) -> tuple[list[Finding], list[Finding]]:
    """Refused characters and mixed-script words in a section's file: (problems, warnings)."""
    return capped(bidi(text, language)), capped(mixed_scripts(text))


def in_yaml(source: str, data: Any, language: str) -> tuple[list[Finding], list[Finding]]:
    """Refused characters and mixed-script words in a YAML file's texts: (problems, warnings).

    Lines are the file's: the line of the value's text that holds what was found, else the value's
    own line (a YAML escape such as "\\u202e" holds nothing to find). Only the value's own lines
    are searched, for at most ``MAX_FINDINGS`` findings, so that a hostile file costs no more.
    """
    lines = source.split("\n")
    found: tuple[list[tuple[Finding, int, int]], list[tuple[Finding, int, int]]] = ([], [])
    for value, start in texts(data):
        for findings, out in ((bidi(value, language), found[0]), (mixed_scripts(value), found[1])):
            # The value's own lines: a block scalar starts below its key, and a folded one joins lines.
            end = min(len(lines), start + value.count("\n") + value.count(" ") + 1)
            out.extend((finding, start, end) for finding in findings[: MAX_FINDINGS + 1 - len(out)])
        if len(found[0]) > MAX_FINDINGS and len(found[1]) > MAX_FINDINGS:
            break
    located = tuple(
        capped(
            [
                Finding(next((n for n in range(start, end + 1) if f.needle in lines[n - 1]), start), f.message, f.fix)
                for f, start, end in kind
            ]
        )
        for kind in found
    )
    return located[0], located[1]


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
            value = element.get("dir").strip().lower()  # the editor's: said only if it is one of the three
            shown = f'dir="{value}"' if value in ("ltr", "rtl", "auto") else "dir"
            found.append(Direction(f"{shown} on <{element.tag}>", "dir"))
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
