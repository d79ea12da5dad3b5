"""The word level of the redline: one tokeniser and one set of grouping rules.

The browser's "compare any two versions" must produce the same redline as this module, so the
rules are few and written down here. The browser's engine (assets/redline.js) ports the algorithm
and reads the constants below from ``redline_rules.RULES``: change a constant here, an algorithm
in both.

1. Text. A block's text is its text content, each run of white space that holds a line break
   replaced by one space, both ends stripped (a Markdown line wrap is one space to a reader);
   the text of a ``pre`` block is kept as it is.
   A generated cross-reference ("section 13") is written ``REF_OPEN + target id + REF_CLOSE``,
   so that it compares by what it points at, not by a number that renumbering changes; it is
   shown with each version's own words. Those two characters are replaced by U+FFFD elsewhere.
2. Tokens. ``TOKEN``, from the left: a cross-reference is one token; a word is a run of letters,
   digits or underscores (Unicode ``\\w``), together with a sign (``-``, ``+`` or ``−``) that touches a
   digit of it: right before a run that starts with a digit ("-50", "+49"), or right after a run
   that ends with one and not before another digit ("18+"); white space is a run of white space;
   any other character is a token of its own (a punctuation mark, a symbol, an invisible character).
3. Matching. The longest common subsequence of the two token lists, as rapidfuzz's
   ``Indel.opcodes`` chooses it among equally long ones. Its pure-Python reference, which a port
   must follow line by line, is ``editops`` in ``rapidfuzz/distance/LCSseq_py.py``: strip the
   common prefix and suffix; build Hyyrö's bit-parallel matrix (one bit per token of the old text,
   one row per token of the new); walk back from the end, taking a deletion when the row above has
   the bit set, else an insertion when the row above that lacks it, else a match. A test checks
   that the compiled library still agrees with that reference. Only the equal runs are used:
   between two equal runs, every deleted token forms one deletion and every inserted token one
   insertion, whatever order the library reports them in.
4. Sliding. A pure deletion or insertion that starts with white space, followed by an equal run
   that starts with the same white space, moves one token right ("a[ foo] b" becomes "a [foo ]b"),
   so deleting a word reads as the word and its space.
5. Grouping. An equal run lying between two changes is absorbed into both sides of one change when
   (a) it is only white space; or (b) it holds one token that is not white space, of at most
   ``SHORT`` characters (a short common word or a punctuation mark); or (c) its length in
   characters is no more than the longer side of the change before it and no more than the longer
   side of the change after it (the semantic cleanup of diff-match-patch). Merging is repeated
   until no equal run between two changes meets (a), (b) or (c); since a merge only lengthens
   changes, the result does not depend on the order of the merges.
6. Kinds. Punctuation is the tokens of ``PUNCTUATION_MARKS`` and nothing else: ``. , ; : ! ? ' " ‘ ’ “ ”
   ( ) [ ] …``, the other languages' quotation marks ``„ ‚ « » ‹ ›``, and the hyphens and dashes
   ``- ‐ ‑ ‒ – — ―`` (a hyphen that touches a digit is a sign, part of a word: rule 2). Every other
   token that is not white space is a word: letters and digits, numbers with their sign, currency,
   percent and per-mille, units, mathematical and every other symbol, invisible characters (rule 8)
   and cross-references. A change is "whitespace" when its two sides are equal once white space is
   removed, "punctuation" when they are equal once white space and punctuation are removed, else
   "words".
   A whole text diff is "unchanged", "whitespace" (every change is), "punctuation" (every change
   is whitespace or punctuation), "words", or "replaced" when the two texts hold more than
   ``MAX_TOKENS`` tokens together and were not compared word by word.
7. Counts. Words added and removed count the word tokens (rule 6) that the matching (rule 3)
   inserted and deleted, before grouping: a word shown on both sides of a grouped change is not
   counted. "€" → "$" is one word removed and one added; so is "50" → "-50".
8. Invisible characters. ``INVISIBLE`` holds the characters that show nothing or change how
   others are shown: the format characters (Unicode category Cf: zero-width space, joiners, word
   joiner, soft hyphen, byte order mark, the bidirectional controls…) and a few others that show
   nothing (combining grapheme joiner, Hangul fillers, variation selectors…). Each is a word
   (rule 6), and a redline shows a mark in its place, ``mark``: ⟨ZWSP⟩ with the short name of
   ``INVISIBLE_NAMES``, else ⟨U+XXXX⟩ (in its place, so that a bidirectional control cannot
   reorder the redline itself).
9. Look-alike letters. ``LOOKALIKES`` maps Cyrillic and Greek letters that look like Latin ones
   to their Latin twin and script. A change whose two sides are different but the same once each
   look-alike is read as its Latin twin changed look-alike letters only (``lookalikes``): a
   redline says which ones, since the marks alone would show two identical words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel, LCSseq

REF_OPEN, REF_CLOSE = "\ue000", "\ue001"  # private-use characters: never a word, never space
#: Rule 6: the tokens that, with white space, make a change "punctuation only".
PUNCTUATION_MARKS = frozenset(".,;:!?'\"‘’“”()[]…„‚«»‹›-‐‑‒–—―")
#: Rule 2: the signs that belong to a number they touch.
SIGNS = "-+\u2212"
_SIGN = f"[{re.escape(SIGNS)}]"
#: Rule 2: a run of \w with a sign that touches a digit of it.
_RUN = rf"(?:{_SIGN}(?=\d))?\w+(?:(?<=\d){_SIGN}(?!\d))?"
_REF = "\ue000[^\ue000\ue001]*\ue001"
TOKEN = re.compile(rf"{_REF}|{_RUN}|\s+|[^\w\s]")
#: The word tokens of rule 6, found without tokenising the white space and punctuation around them.
WORD = re.compile(rf"{_REF}|{_RUN}|[^\w\s{''.join(re.escape(c) for c in sorted(PUNCTUATION_MARKS))}]")
REF = re.compile(r"\ue000([^\ue000\ue001]*)\ue001")
LINE_BREAK_SPACE = re.compile(r"\s*\n\s*")
#: Longest token that an equal run may hold and still be absorbed between two changes (rule 5b).
SHORT = 3
#: Tokens of both texts together past which a pair is shown as replaced, not diffed word by word.
MAX_TOKENS = 20_000

#: Rule 8: the characters shown as a mark, as (first, last) code points: the format characters
#: (category Cf, as of Unicode 15.1, written out so that the browser's copy is the same list
#: whatever its Unicode tables), then the others that show nothing.
INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
    # Not Cf, but invisible all the same:
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180D),  # Mongolian variation selectors
    (0x180F, 0x180F),
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
INVISIBLE = re.compile(
    "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in INVISIBLE_RANGES) + "]"
)
#: Rule 8: the short names of the invisible characters an editor may meet (the Unicode abbreviations).
INVISIBLE_NAMES: dict[str, str] = {
    "\u00ad": "SHY",
    "\u034f": "CGJ",
    "\u061c": "ALM",
    "\u180e": "MVS",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2060": "WJ",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
}
#: Rule 9: letter → (its Latin twin, its script).
LOOKALIKES: dict[str, tuple[str, str]] = {
    **{c: (latin, "Cyrillic") for c, latin in zip("аеорсухѕіјһԁԛԝӏ", "aeopcyxsijhdqwl", strict=True)},
    **{c: (latin, "Cyrillic") for c, latin in zip("АВЕКМНОРСТХУЅІЈԚԜҮ", "ABEKMHOPCTXYSIJQWY", strict=True)},
    **{c: (latin, "Greek") for c, latin in zip("οανρυκ", "oavpuk", strict=True)},
    **{c: (latin, "Greek") for c, latin in zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)},
}
LATIN = "Latin"

EQUAL, CHANGE = "equal", "change"
UNCHANGED, WHITESPACE, PUNCTUATION, WORDS, REPLACED = "unchanged", "whitespace", "punctuation", "words", "replaced"


def normalise(text: str) -> str:
    """Rule 1: the text a reader sees, whatever the source's line wrapping."""
    # Most blocks hold no line break: skip the regular expression, which tries every space (the
    # benchmark's hot spot).
    return LINE_BREAK_SPACE.sub(" ", text).strip() if "\n" in text else text.strip()


def clean(text: str) -> str:
    """Rule 1: the reference marks cannot come from an editor's text."""
    return text.replace(REF_OPEN, "\ufffd").replace(REF_CLOSE, "\ufffd")


def shown(text: str, refs: dict[str, str]) -> str:
    """Cross-references back to the words a reader sees (rule 1)."""
    return REF.sub(lambda m: refs.get(m[1], m[1]), text) if REF_OPEN in text else text


def tokenise(text: str) -> list[str]:
    """Rule 2."""
    return TOKEN.findall(text)


def is_word(token: str) -> bool:
    """Rule 6: anything but white space and punctuation."""
    return token not in PUNCTUATION_MARKS and not token.isspace()


def is_space(token: str) -> bool:
    return token.isspace()


def mark(char: str) -> str:
    """Rule 8: what a redline shows in place of an invisible character."""
    return f"⟨{INVISIBLE_NAMES.get(char) or f'U+{ord(char):04X}'}⟩"


def visible(text: str) -> str:
    """Rule 8: the text with a mark in place of each invisible character (for plain-text formats)."""
    return INVISIBLE.sub(lambda m: mark(m[0]), text) if INVISIBLE.search(text) else text


def lookalikes(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Rule 9: the letters that changed, as (letter, its script), where nothing else did; else ()."""
    if old == new or len(old) != len(new):
        return ()
    changed: dict[tuple[str, str], None] = {}
    for a, b in zip(old, new, strict=True):
        if a == b:
            continue
        twin_a, _ = LOOKALIKES.get(a, (a, LATIN))
        twin_b, script = LOOKALIKES.get(b, (b, LATIN))
        if twin_a != twin_b:
            return ()
        changed[(b, script)] = None
    return tuple(changed)


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def words(text: str) -> list[str]:
    """Word tokens only: what similarity between blocks and sections is measured on."""
    return WORD.findall(text)


def similarity(a: list[str], b: list[str]) -> float:
    """2 x (longest common subsequence) / (total length) of two word lists: 0 to 1.

    Computed from integers in that order, so a port gets the same float and the same ties.
    """
    if not a and not b:
        return 1.0
    return 2 * LCSseq.similarity(a, b) / (len(a) + len(b))


@dataclass(frozen=True)
class Segment:
    """One piece of a word redline: text both versions share, or one deletion with one insertion."""

    op: str  # EQUAL or CHANGE
    old: str  # the shared text for EQUAL; the deleted text ("" for a pure insertion) for CHANGE
    new: str  # the shared text for EQUAL; the inserted text ("" for a pure deletion) for CHANGE
    kind: str = ""  # for CHANGE: WHITESPACE, PUNCTUATION or WORDS


@dataclass(frozen=True)
class TextDiff:
    """The word redline of one text against another."""

    segments: tuple[Segment, ...]
    kind: str  # UNCHANGED, WHITESPACE, PUNCTUATION, WORDS or REPLACED
    words_added: int
    words_removed: int

    @property
    def minor(self) -> bool:
        """Only white space or punctuation changed: a reader may choose to hide it."""
        return self.kind in (WHITESPACE, PUNCTUATION)


def change_kind(old: list[str], new: list[str]) -> str:
    """Rule 6, for one change."""
    if [t for t in old if not is_space(t)] == [t for t in new if not is_space(t)]:
        return WHITESPACE
    if [t for t in old if is_word(t)] == [t for t in new if is_word(t)]:
        return PUNCTUATION
    return WORDS


def inserted(text: str) -> TextDiff:
    """A text that is new as a whole."""
    return _finish([Segment(CHANGE, "", text, WORDS)] if text else [])


def deleted(text: str) -> TextDiff:
    return _finish([Segment(CHANGE, text, "", WORDS)] if text else [])


def diff(old: str, new: str, max_tokens: int = MAX_TOKENS) -> TextDiff:
    """The grouped word redline of ``old`` against ``new`` (rules 2 to 7)."""
    if old == new:
        return _finish([Segment(EQUAL, old, old)] if old else [])
    a, b = tokenise(old), tokenise(new)
    if len(a) + len(b) > max_tokens:
        return TextDiff((Segment(CHANGE, old, new, change_kind(a, b)),), REPLACED, word_count(new), word_count(old))
    runs = _runs(a, b, matches(a, b))
    added = sum(1 for r in runs if r[0] == CHANGE for t in r[2] if is_word(t))
    removed = sum(1 for r in runs if r[0] == CHANGE for t in r[1] if is_word(t))
    _slide(runs)
    runs = _group(runs)
    segments = [
        Segment(EQUAL, "".join(r[1]), "".join(r[1]))
        if r[0] == EQUAL
        else Segment(CHANGE, "".join(r[1]), "".join(r[2]), change_kind(r[1], r[2]))
        for r in runs
    ]
    return _finish(segments, added, removed)


def _finish(segments: list[Segment], added: int | None = None, removed: int | None = None) -> TextDiff:
    kinds = {s.kind for s in segments if s.op == CHANGE}
    if not kinds:
        kind = UNCHANGED
    elif kinds == {WHITESPACE}:
        kind = WHITESPACE
    elif WORDS not in kinds:
        kind = PUNCTUATION
    else:
        kind = WORDS
    if added is None or removed is None:
        added = sum(word_count(s.new) for s in segments if s.op == CHANGE)
        removed = sum(word_count(s.old) for s in segments if s.op == CHANGE)
    return TextDiff(tuple(segments), kind, added, removed)


Run = list  # [EQUAL, tokens] or [CHANGE, deleted tokens, inserted tokens]


def matches(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Rule 3: the equal runs of the longest common subsequence, as (start in a, start in b, length)."""
    return [(op.src_start, op.dest_start, op.src_end - op.src_start) for op in Indel.opcodes(a, b) if op.tag == "equal"]


def _runs(a: list[str], b: list[str], found: list[tuple[int, int, int]]) -> list[Run]:
    """Equal runs as matched; everything between two of them one change."""
    runs: list[Run] = []
    i = j = 0
    for start_a, start_b, length in found:
        if start_a > i or start_b > j:
            runs.append([CHANGE, a[i:start_a], b[j:start_b]])
        runs.append([EQUAL, a[start_a : start_a + length]])
        i, j = start_a + length, start_b + length
    if i < len(a) or j < len(b):
        runs.append([CHANGE, a[i:], b[j:]])
    return runs


def _slide(runs: list[Run]) -> None:
    """Rule 4, in place; may leave an empty equal run, which grouping absorbs (rule 5a)."""
    for k in range(1, len(runs) - 1):
        run, before, after = runs[k], runs[k - 1], runs[k + 1]
        if run[0] != CHANGE or before[0] != EQUAL or after[0] != EQUAL or (run[1] and run[2]):
            continue
        side = 1 if run[1] else 2
        tokens = run[side]
        if is_space(tokens[0]) and after[1] and after[1][0] == tokens[0]:
            before[1] = [*before[1], tokens[0]]
            run[side] = [*tokens[1:], after[1][0]]
            after[1] = after[1][1:]


def _absorbable(equal: list[str], before: Run, after: Run) -> bool:
    """Rule 5 for one equal run between two changes."""
    solid = [t for t in equal if not is_space(t)]
    if not solid:
        return True
    if len(solid) == 1 and len(solid[0]) <= SHORT:
        return True
    length = sum(len(t) for t in equal)

    def longer(run: Run) -> int:
        return max(sum(len(t) for t in run[1]), sum(len(t) for t in run[2]))

    return length <= longer(before) and length <= longer(after)


def _group(runs: list[Run]) -> list[Run]:
    """Rule 5 to its fixed point, on a stack: a merge can make the equal run before it absorbable."""
    out: list[Run] = []
    for run in runs:
        if run[0] == EQUAL:
            if run[1]:
                out.append(run)
            continue
        if out and out[-1][0] == CHANGE:
            out[-1] = [CHANGE, out[-1][1] + run[1], out[-1][2] + run[2]]
        else:
            out.append(run)
        # Runs alternate, so below a change on top lie an equal run and another change.
        while len(out) >= 3 and _absorbable(out[-2][1], out[-3], out[-1]):
            after, equal, before = out.pop(), out.pop(), out.pop()
            out.append([CHANGE, before[1] + equal[1] + after[1], before[2] + equal[1] + after[2]])
    return out
