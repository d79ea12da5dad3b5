"""The word level of the redline: one tokeniser and one set of grouping rules.

The browser's "compare any two versions" must produce the same redline as this module, so the
rules are few and written down here; change them only together with the browser's copy.

1. Text. A block's text is its text content, each run of white space that holds a line break
   replaced by one space, both ends stripped (a Markdown line wrap is one space to a reader);
   the text of a ``pre`` block is kept as it is.
   A generated cross-reference ("section 13") is written ``REF_OPEN + target id + REF_CLOSE``,
   so that it compares by what it points at, not by a number that renumbering changes; it is
   shown with each version's own words. Those two characters are replaced by U+FFFD elsewhere.
2. Tokens. ``TOKEN``: a cross-reference is one token and counts as one word; a word is a run of
   letters, digits or underscores (Unicode ``\\w``); white space is a run of white space; any
   other character is a token of its own (punctuation).
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
6. Kinds. A change is "whitespace" when its two sides are equal once white space is removed,
   "punctuation" when they are equal once white space and punctuation are removed, else "words".
   A whole text diff is "unchanged", "whitespace" (every change is), "punctuation" (every change
   is whitespace or punctuation), "words", or "replaced" when the two texts hold more than
   ``MAX_TOKENS`` tokens together and were not compared word by word.
7. Counts. Words added and removed count the word tokens that the matching (rule 3) inserted and
   deleted, before grouping: a word shown on both sides of a grouped change is not counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel, LCSseq

REF_OPEN, REF_CLOSE = "\ue000", "\ue001"  # private-use characters: never a word, never space
TOKEN = re.compile(r"\ue000[^\ue000\ue001]*\ue001|\w+|\s+|[^\w\s]")
WORD = re.compile(r"\ue000[^\ue000\ue001]*\ue001|\w+")
REF = re.compile(r"\ue000([^\ue000\ue001]*)\ue001")
LINE_BREAK_SPACE = re.compile(r"\s*\n\s*")
#: Longest token that an equal run may hold and still be absorbed between two changes (rule 5b).
SHORT = 3
#: Tokens of both texts together past which a pair is shown as replaced, not diffed word by word.
MAX_TOKENS = 20_000

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
    first = token[:1]  # a token holds one class of character (rule 2)
    return first.isalnum() or first == "_" or first == REF_OPEN


def is_space(token: str) -> bool:
    return token.isspace()


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
