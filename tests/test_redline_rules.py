"""One definition of the redline's rules and words (issue 18): Python's, which the browser's engine reads.

redline_rules.RULES gathers the constants of tokens, redline, redline_html and compare_data, and the
phrases of words.py; redline_rules.script() writes them into assets/redline.js, which must hold no
copy of its own: no threshold, name or table, and no English but the keys of words.py (each one a
phrase the page gives in its language). test_engine_parity.py checks that both engines agree, in
English and in German; this module checks the source of the browser's engine, and pins the matching
rule (tokens rule 3) to what rapidfuzz chooses today.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from jsengine import node
from legaldocs import redline, redline_rules, tokens, words
from rapidfuzz.distance import Indel

SOURCE = redline_rules.SOURCE.read_text(encoding="utf-8")


ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "f": "\f", "b": "\b", "0": "\0"}


def _unescape(m: re.Match[str]) -> str:
    """One escape of a JavaScript string literal, as the string holds it."""
    e = m[1]
    if e[0] in "ux" and len(e) > 1:
        return chr(int(e[1:].strip("{}"), 16))
    return SIMPLE.get(e, e)


def js_parts(source: str) -> tuple[str, list[str]]:
    """The code without its comments (strings as ``""``), and its string literals, decoded.

    A small scanner, enough for redline.js: a ``/`` after an operator, a bracket or ``return`` opens
    a regular expression literal, skipped whole (its quotes are not strings)."""
    code: list[str] = []
    strings: list[str] = []
    i, n = 0, len(source)
    last = ""  # the last character of code that is not white space
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i) if "\n" in source[i:] else n
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif c in "\"'`":
            j = i + 1
            while source[j] != c:
                j += 2 if source[j] == "\\" else 1
            strings.append(ESCAPE.sub(_unescape, source[i + 1 : j]))
            code.append('""')
            last, i = '"', j + 1
        elif c == "/" and (last in "(,=:[!&|?{};+" or "".join(code).rstrip().endswith("return")):
            j, in_class = i + 1, False
            while in_class or source[j] != "/":
                in_class = (in_class or source[j] == "[") and source[j] != "]"
                j += 2 if source[j] == "\\" else 1
            code.append("/re/")
            last, i = "/", j + 1
        else:
            code.append(c)
            if not c.isspace():
                last = c
            i += 1
    return "".join(code), strings


CODE, STRINGS = js_parts(SOURCE)
#: The string literals that say something to a developer, not to a reader: an error thrown.
ERRORS = {s for s in STRINGS if s.startswith("LegalDocsRedline: ")}


def test_the_scanner_sees_strings_comments_and_regular_expressions() -> None:
    code, strings = js_parts("""var a = "x\\u00e9"; // "no"\nvar b = s.replace(/"/g, '"y'); /* 'no' */ return /'/;""")
    assert strings == ["xé", '"y']
    assert "no" not in code and code.count("/re/") == 2


def test_the_engine_holds_no_copy_of_the_rules() -> None:
    """Every threshold, limit, name and table is read from RULES, none written out in redline.js."""
    numbers = {float(x) for x in re.findall(r"(?<![\w.])\d[\d_]*(?:\.\d+)?(?![\w.])", CODE)}
    numeric = [v for v in redline_rules.RULES.values() if isinstance(v, (int, float))]
    thresholds = {v for v in numeric if v != int(v) or v > 5}  # the ratios and limits (small counts are common)
    assert {0.5, 0.6, 20_000} <= thresholds
    assert thresholds and not numbers & {float(v) for v in thresholds}, "a threshold of RULES written as a number"
    for name in ("SHORT", "MAX_TOKENS", "FORMAT", "MOVE_MIN_WORDS", "SECTION_PAIRING", "MOVE_PAIRING"):
        assert re.search(rf"\b{name} = RULES\.", CODE), f"{name} is read from RULES"
    rules = redline_rules.RULES
    names = {
        *rules["ops"].values(),
        *rules["kinds"].values(),
        *rules["statuses"].values(),
        *rules["marks"].values(),
        *rules["meta"].values(),
        *rules["subjects"].values(),
        *tokens.INVISIBLE_NAMES.values(),
        *{script for _, (_, script) in tokens.LOOKALIKES.items()},
        tokens.LATIN,
        rules["generated"],
    }
    fields = {"words"}  # also the name of a field, Block.words, which the engine sets: not the kind of a change
    copied = sorted(names & set(STRINGS) - fields)
    assert copied == [], f"names of RULES written out in redline.js: {copied}"
    tables = [tokens.REF_OPEN, "".join(sorted(tokens.PUNCTUATION_MARKS)), "аеорсухѕіјһԁԛԝӏ", "\u2212"]
    assert not [t for t in tables for s in STRINGS if t in s], "a table of tokens.py written out in redline.js"
    hexadecimal = {int(x, 16) for x in re.findall(r"\b0x([0-9a-fA-F]+)\b", CODE)}
    bounds = {n for r in tokens.INVISIBLE_RANGES for n in r}
    assert not hexadecimal & bounds, "the invisible characters are RULES', not written out"


def test_no_english_is_written_in_the_engine_but_the_keys_of_words_py() -> None:
    """Every string literal of redline.js with words in it (its HTML tags left out) is a phrase of words.py
    that the page gives the scripts in the site's language (``words.SCRIPT_WORDS``): no English copy."""
    given = set(words.script_words("en"))
    prose = re.compile(r"[A-Za-z]{2,}[^<>]*\s[^<>]*[A-Za-z]{2,}|\b[A-Z][a-z]+\b")
    found = []
    code = {"use strict", *(s for s in STRINGS if "\\p{" in s)}  # a directive, pieces of regular expressions
    for literal in set(STRINGS) - ERRORS - code:
        shown = re.sub(r"<[^>]*>?|^[^<]*>", " ", literal)  # the text of an HTML fragment, not its markup
        shown = re.sub(r"\bld-[\w-]*", " ", shown)  # nor its class names
        if prose.search(shown) and literal not in given:
            found.append(literal)
    assert sorted(found) == []


def test_the_phrases_the_engine_names_are_phrases_the_page_gives() -> None:
    """The phrases RULES points at (formatting names, fact phrases…) are among the script words, so a page
    in another language has each one: none falls back to English."""
    rules, given = redline_rules.RULES, set(words.script_words("en"))
    named = [
        *rules["format_names"].values(),
        *rules["meta_names"].values(),
        *rules["generated_names"].values(),
        *rules["script_names"].values(),
        *rules["fact_phrases"].values(),
        rules["what_changed"],
    ]
    assert [p for p in named if p not in given] == []
    german = words.script_words("de")
    assert [p for p in named if german[p] == p and p != "Code"] == [], "each has its German"


def test_the_source_runs_only_with_its_rules_written_in() -> None:
    """The page is given redline_rules.script(), never the source as it is: that refuses to run."""
    assert SOURCE.count(redline_rules.RULES_SLOT) == 1
    built = redline_rules.script()
    assert redline_rules.RULES_SLOT not in built and json.dumps(redline_rules.RULES["short"]) in built
    as_json = json.dumps(redline_rules.RULES, ensure_ascii=True, separators=(",", ":"))
    assert as_json in built, "ASCII: no invisible character raw in the script"
    executable = node()
    if executable is None:
        pytest.skip("no node here (apt-get install nodejs)")
    ran = subprocess.run([executable, "-e", SOURCE], capture_output=True, text=True, timeout=60)
    assert ran.returncode != 0 and "run as built" in ran.stderr
    ran = subprocess.run(
        [executable, "-e", built + ";console.log(JSON.stringify(LegalDocsRedline.rules.statuses))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(ran.stdout) == redline_rules.RULES["statuses"]
    assert redline_rules.RULES["statuses"]["moved_in"] == redline.MOVED_IN


# --- Tokens rule 3: what rapidfuzz chooses, pinned ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "equal_runs"),
    [
        (["a", "b"], ["b", "a"], [(0, 1, 1)]),  # two equally long choices: the old "a" kept
        (["a", "b", "a"], ["a"], [(0, 0, 1)]),  # the first "a", not the last
        (list("abcabba"), list("cbabac"), [(1, 1, 1), (3, 2, 2), (6, 4, 1)]),
        (list("xyxyx"), list("yxy"), [(1, 0, 3)]),
        (
            tokens.tokenise("We may share your data, and we may keep it."),
            tokens.tokenise("We may keep your data, and we may share it."),
            [(0, 0, 4), (5, 5, 12), (18, 18, 3)],
        ),
        (tokens.tokenise("the data the data"), tokens.tokenise("the data"), [(0, 0, 3)]),
    ],
)
def test_the_matching_is_rapidfuzz_s_as_pinned(old: list[str], new: list[str], equal_runs: list[tuple]) -> None:
    """The equal runs Indel.opcodes chooses among equally long common subsequences, written down: a
    rapidfuzz that chooses otherwise (pyproject bounds it below 4) fails here before it changes a redline."""
    assert tokens.matches(old, new) == equal_runs
    assert [
        (o.src_start, o.dest_start, o.src_end - o.src_start) for o in Indel.opcodes(old, new) if o.tag == "equal"
    ] == equal_runs
