"""How fast the redline is, and which diff library it should stand on.

    PYTHONPATH=plugins python benchmarks/redline.py [--runs 5]

1. Libraries: a wholesale rewrite of a policy (about 12,000 words to 8,000) diffed word by word as
   one text, by difflib, cydifflib, rapidfuzz (Indel, what the redline uses) and Levenshtein.
   For each: milliseconds, the tokens it matched (more is a closer reading), and how many grouped
   changes the redline shows with its matches (fewer, for as many tokens matched, reads better).
2. The redline of two 15-section versions that differ in every section: compare plus HTML,
   milliseconds per pair, cold (blocks parsed) and warm (blocks remembered). Target: under 20 ms.
3. The whole engine (sections, blocks, words, HTML) on the rewrite of 1., cut into sections.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from legaldocs import redline, redline_html, tokens
from legaldocs.redline import DocumentText, SectionText
from synthetic import WORDS

EXTRA = (
    "we you your our the a of to and or for with by in on at as may will not any this that "
    "information services website account request provide use share keep delete law period"
)
MORE_WORDS = [*WORDS, *EXTRA.split()]

Matcher = Callable[[list[str], list[str]], list[tuple[int, int, int]]]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(MORE_WORDS, k=rng.randint(10, 30))).capitalize() + "."


def rewrite(seed: int = 7, old_words: int = 12_000, new_words: int = 8_000) -> tuple[str, str]:
    old, new = rewritten_sentences(seed, old_words, new_words)
    return " ".join(old), " ".join(new)


def rewritten_sentences(seed: int, old_words: int, new_words: int) -> tuple[list[str], list[str]]:
    """An old policy, and a rewrite that keeps some sentences, edits some, drops and adds others."""
    rng = random.Random(seed)
    old: list[str] = []
    while sum(len(s.split()) for s in old) < old_words:
        old.append(sentence(rng))
    new: list[str] = []
    for s in old:
        roll = rng.random()
        if roll < 0.35:
            new.append(s)
        elif roll < 0.55:
            words = s.split()
            k = rng.randrange(len(words))
            words[k : k + rng.randint(1, 4)] = rng.choices(MORE_WORDS, k=rng.randint(1, 4))
            new.append(" ".join(words))
        elif roll < 0.65:
            new.append(sentence(rng))
        if sum(len(x.split()) for x in new) >= new_words:
            break
    return old, new


def equal_blocks(opcodes: object) -> list[tuple[int, int, int]]:
    found = []
    for op in opcodes:  # type: ignore[attr-defined]
        tag, i1, i2, j1 = (
            (op[0], op[1], op[2], op[3]) if isinstance(op, tuple) else (op.tag, op.src_start, op.src_end, op.dest_start)
        )
        if tag == "equal":
            found.append((i1, j1, i2 - i1))
    return found


def matchers() -> dict[str, Matcher]:
    found: dict[str, Matcher] = {
        "difflib (autojunk)": lambda a, b: equal_blocks(difflib.SequenceMatcher(None, a, b).get_opcodes()),
        "difflib": lambda a, b: equal_blocks(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()),
    }
    try:
        import cydifflib

        found["cydifflib"] = lambda a, b: equal_blocks(
            cydifflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        )
    except ImportError:
        print("cydifflib is not installed: pip install cydifflib")
    found["rapidfuzz Indel"] = tokens.matches
    try:
        import Levenshtein

        found["Levenshtein"] = lambda a, b: equal_blocks(Levenshtein.opcodes(a, b))
    except ImportError:
        print("Levenshtein is not installed: pip install Levenshtein")
    return found


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def libraries(runs: int) -> None:
    old, new = rewrite()
    a, b = tokens.tokenise(old), tokens.tokenise(new)
    print(f"1. Whole-text word diff of a rewrite: {tokens.word_count(old)} -> {tokens.word_count(new)} words")
    print(f"   ({len(a)} -> {len(b)} tokens)\n")
    print(f"   {'library':<20} {'ms':>9} {'tokens matched':>15} {'changes shown':>14}")
    for name, matcher in matchers().items():
        ms = best_of(runs if "difflib" not in name or name == "cydifflib" else 1, lambda m=matcher: m(a, b))
        found = matcher(a, b)
        matched = sum(n for _, _, n in found)
        runs_ = tokens._runs(a, b, found)
        tokens._slide(runs_)
        shown = sum(1 for r in tokens._group(runs_) if r[0] == tokens.CHANGE)
        print(f"   {name:<20} {ms:>9.1f} {matched:>15} {shown:>14}")
    print()


def fifteen_sections(seed: int = 3) -> tuple[DocumentText, DocumentText]:
    """Two versions of 15 sections; every section of the second is edited as editors do."""
    rng = random.Random(seed)
    old_sections, new_sections = [], []
    for n in range(1, 16):
        paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 6))]
        edited = list(paragraphs)
        k = rng.randrange(len(edited))
        sentences = edited[k].split(". ")
        sentences[rng.randrange(len(sentences))] = sentence(rng).rstrip(".")
        edited[k] = ". ".join(sentences)
        if rng.random() < 0.5:
            edited.insert(rng.randrange(len(edited) + 1), sentence(rng))
        if rng.random() < 0.3:
            del edited[rng.randrange(len(edited))]
        if rng.random() < 0.3:
            words = edited[0].split()
            words[3] = words[3] + ","
            edited[0] = " ".join(words)

        def body(ps: list[str]) -> str:
            return "\n".join(f"<p>{escape(p)}</p>" for p in ps)

        old_sections.append(SectionText(f"s{n}", n, f"Section {n}", body(paragraphs)))
        new_sections.append(SectionText(f"s{n}", n, f"Section {n}", body(edited)))
    return DocumentText(tuple(old_sections)), DocumentText(tuple(new_sections))


def sections(runs: int) -> None:
    old, new = fifteen_sections()
    words = sum(tokens.word_count(b.text) for s in old.sections for b in redline.blocks(s.html))

    def cold() -> str:
        redline.blocks.cache_clear()
        return redline_html.change_html(redline.compare(old, new))

    def warm() -> str:
        return redline_html.change_html(redline.compare(old, new))

    def engine() -> object:
        return redline.compare(old, new)

    change = redline.compare(old, new)
    print(f"2. Redline of two 15-section versions differing in every section ({words} words)")
    print(f"   {change.counts}")
    times = {name: best_of(runs, work) for name, work in (("cold", cold), ("warm", warm), ("compare only", engine))}
    for name, ms in times.items():
        print(f"   {name:<14} {ms:7.2f} ms per pair")
    per_pair = []
    for seed in range(20):
        o, n = fifteen_sections(seed)

        def other(o: DocumentText = o, n: DocumentText = n) -> str:
            redline.blocks.cache_clear()
            return redline_html.change_html(redline.compare(o, n))

        per_pair.append(best_of(runs, other))
    print(
        f"   20 other pairs, cold, best of {runs}: median {statistics.median(per_pair):.2f} ms,"
        f" worst {max(per_pair):.2f} ms (target < 20 ms)"
    )


def as_document(sentences: list[str], sections: int = 15) -> DocumentText:
    """Sentences into paragraphs of four, paragraphs shared out over ``sections`` sections."""
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    size = -(-len(paragraphs) // sections)
    return DocumentText(
        tuple(
            SectionText(f"s{n}", n, f"Section {n}", "\n".join(f"<p>{escape(p)}</p>" for p in chunk))
            for n, chunk in enumerate((paragraphs[i : i + size] for i in range(0, len(paragraphs), size)), 1)
        )
    )


def wholesale(runs: int) -> None:
    old_sentences, new_sentences = rewritten_sentences(7, 12_000, 8_000)
    old, new = as_document(old_sentences), as_document(new_sentences)

    def cold() -> str:
        redline.blocks.cache_clear()
        return redline_html.change_html(redline.compare(old, new))

    change = redline.compare(old, new)
    print("\n3. The whole engine on the same rewrite, as 15 sections of paragraphs (compare plus HTML, cold)")
    print(f"   {change.counts}")
    print(f"   {best_of(runs, cold):7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    libraries(args.runs)
    sections(args.runs)
    wholesale(args.runs)


if __name__ == "__main__":
    main()
