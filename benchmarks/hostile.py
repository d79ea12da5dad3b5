"""The worst inputs a pull request could send, each read, validated and rendered once.

    python benchmarks/hostile.py

Every case must be refused or handled in well under a second and a few hundred MB; the test
suite runs the same cases under a memory limit (tests/test_hostile.py), so a regression fails
there instead of hanging CI. This script prints the time of each.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from legaldocs import documents  # noqa: E402

DOCUMENT = b"title: T\neffective: 2020-01-01\nsummary: S\nsections: [a]\n"


def _case(section: str = "# A\n\nText.\n", document: bytes = DOCUMENT) -> dict[str, bytes]:
    return {"document.yml": document, "sections/a.md": section.encode()}


BOMB = "lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

CASES: dict[str, dict[str, bytes]] = {
    "yaml alias bomb": _case(document=DOCUMENT + BOMB.encode()),
    "complex yaml key": _case(document=DOCUMENT + b"? [a, b]\n: c\n"),
    "unclosed placeholder and 200,000 spaces": _case("# A\n\n{{ fact:" + " " * 200_000 + "x\n"),
    "heading padded with 200,000 spaces": _case("# A" + " " * 200_000 + "x\n\nText.\n"),
    "300 nested blockquotes": _case("# A\n\n" + ">" * 300 + " text\n"),
    "300 nested divs": _case("# A\n\n" + "<div>" * 300 + "text" + "</div>" * 300 + "\n"),
    "10,000 list markers on one line": _case("# A\n\n" + "- " * 10_000 + "x\n"),
    "a 3 MB section": _case("# A\n\n" + "word " * 600_000 + "\n"),
    "a 1.5 MB document.yml": _case(document=DOCUMENT + b"# " + b"x" * 1_500_000 + b"\n"),
    "10,000 placeholders": _case("# A\n\n" + "{{ fact: x }} " * 10_000 + "\n"),
}


def main() -> None:
    for name, files in CASES.items():
        start = time.perf_counter()
        loaded = documents.load("doc", files, "docs/doc")
        took = time.perf_counter() - start
        verdict = "refused" if loaded.problems else "handled"
        first = str(loaded.problems[0])[:90] if loaded.problems else ""
        print(f"{name:42} {took * 1000:8.1f} ms  {verdict:8} {first}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
