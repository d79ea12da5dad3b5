"""The worst inputs a pull request could send, each read, validated and rendered once.

    python benchmarks/hostile.py            # everything (about a minute)
    python benchmarks/hostile.py --quick    # the first two parts only

1. ``CASES``: every case must be refused or handled in well under a second and a few hundred MB;
   the test suite runs them under a memory limit (tests/test_hostile.py), so a regression fails
   there instead of hanging CI.
2. ``SHAPES``: the shapes of Markdown that Python-Markdown reads in quadratic time, each at 2,000,
   4,000 and 8,000 repetitions in one section, with the site's own Markdown extensions (mkdocs.yml):
   each must be refused (``bounds``) or take time linear in the repetitions.
3. ``AT_LIMITS``: the largest inputs the limits accept, each against ordinary policy text (this
   repository's policy, repeated) as long in bytes or in lines, whichever is more: at most twice.
4. A 250 MB blob in an old commit: the peak memory of reading the history (never read whole).
5. The compare page's engine (assets/redline.js, in Node) on 140,000 paragraphs: no stack overflow.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from legaldocs import bounds, documents, redline_rules, siteconfig  # noqa: E402
from legaldocs.render import Converter  # noqa: E402

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
    "10,000 links to anchors that do not exist": _case(
        "# A\n\n" + "\n\n".join(" ".join(f"[x](#n{i}-{j})" for j in range(100)) for i in range(100)) + "\n"
    ),
    "1,000 elements with one id": _case("# A\n\n" + '<span id="x">a</span>\n' * 300),
    "140,000 short paragraphs": _case("# A\n\n" + "Para word.\n\n" * 140_000),
    "20,000 images without alt": _case("# A\n\n" + "![](logo.png)\n\n" * 20_000),
    "20 KB of [": _case("# A\n\n" + "[" * 20_000 + "\n"),
}


# 2. Quadratic shapes, at 2,000, 4,000 and 8,000 repetitions -----------------------------------

Shape = Callable[[int], str]
SHAPES: dict[str, Shape] = {
    "[": lambda n: "[" * n,
    "![": lambda n: "![" * n,
    "[^": lambda n: "[^" * n,
    "[](": lambda n: "[](" * n,
    "[a](": lambda n: "[a](" * n,
    '[a]("': lambda n: '[a]("' * n,
    "[a][": lambda n: "[a][" * n,
    "nested [[…]](x)": lambda n: "[" * (n // 2) + "a" + "](x)" * (n // 2),
    "](": lambda n: "](" * n,
    "[a](b) links": lambda n: "[a](b) " * n,
    "*": lambda n: "*" * n,
    "*a (emphasis never closed)": lambda n: "*a " * n,
    "_a": lambda n: "_a " * n,
    "**a": lambda n: "**a " * n,
    "*a* (emphasis)": lambda n: "*a* " * n,
    "*_ mixed": lambda n: "*_a _*b " * n,
    "`": lambda n: "`" * n,
    "`a (code never closed)": lambda n: "`a " * n,
    "`a` (code)": lambda n: "`a` " * n,
    "backtick runs 1, 2, 3 …": lambda n: " ".join("`" * i for i in range(1, n // 40)),
    "<": lambda n: "<" * n,
    "<a (tag never closed)": lambda n: "x " + "<a " * n,
    "</a": lambda n: "x " + "</a " * n,
    '<a x="': lambda n: 'x <a x="' * n,
    "<http:// (autolink never closed)": lambda n: "x " + "<http://a " * n,
    "<b>a</b> (closed tags)": lambda n: "<b>a</b> " * n,
    "<!--": lambda n: "x " + "<!-- " * n,
    "<!-- on lines": lambda n: "x\n" + "<!--\n" * n,
    "<?": lambda n: "x " + "<? " * n,
    "<!x": lambda n: "x " + "<!x " * n,
    "&": lambda n: "&" * n,
    "&amp;": lambda n: "&amp; " * n,
    "\\": lambda n: "\\" * n,
    "\\* (escapes)": lambda n: "\\* " * n,
    "{: attributes": lambda n: "{: " * n,
    "*[A]: abbreviations": lambda n: "\n".join(f"*[A{i}]: x" for i in range(n)) + "\n\n" + "A1 " * n,
    ": definitions": lambda n: "a\n" + ": b\n" * n,
    "## headings in a row": lambda n: "## h\n" * n,
    "setext headings": lambda n: "a\n===\n" * n,
    "--- rules in a row": lambda n: "a\n---\n" * n,
    "- list items": lambda n: "- a\n" * n,
    "1. list items": lambda n: "1. a\n" * n,
    "> quoted lines": lambda n: "> a\n" * n,
    "| table rows": lambda n: "| a |\n|---|\n" + "| x |\n" * n,
    "paragraphs": lambda n: "\n\n".join("Para word." for _ in range(n)),
    "words": lambda n: "word " * n,
}


def site_converter() -> Converter:
    """Sections read as this repository's site reads them: the extensions in its mkdocs.yml."""
    return Converter(siteconfig.load(ROOT / "mkdocs.yml").markdown)


def section(body: str) -> dict[str, bytes]:
    return _case("# A\n\n" + body + "\n")


def timed(files: dict[str, bytes], converter: Converter, repeat: int = 1) -> tuple[float, documents.Loaded]:
    """Best of ``repeat`` runs (the machine is shared), each with a fresh cache."""
    best, loaded = float("inf"), None
    for _ in range(repeat):
        converter.cache.clear()
        converter.refused.clear()
        start = time.perf_counter()
        loaded = documents.load("doc", files, "docs/doc", converter)
        best = min(best, time.perf_counter() - start)
    assert loaded is not None
    return best, loaded


def shapes(converter: Converter) -> None:
    print(f"\n{'shape (in one section)':34} {'2,000':>9} {'4,000':>9} {'8,000':>9}  at 8,000")
    for name, make in SHAPES.items():
        row, loaded = [], None
        for n in (2_000, 4_000, 8_000):
            took, loaded = timed(section(make(n)), converter, repeat=2)
            row.append(f"{took * 1000:7.1f}ms")
        assert loaded is not None
        verdict = f"refused: {loaded.problems[0].message[:60]}" if loaded.problems else "handled"
        print(f"{name:34} {' '.join(row)}  {verdict}")


# 3. The largest inputs the limits accept, against ordinary policy text as long ----------------

POLICY = [
    block
    for path in sorted((ROOT / "docs/privacy/sections").glob("*.md"))
    for block in path.read_text(encoding="utf-8").split("\n", 1)[1].split("\n\n")
    if block.strip() and "{{" not in block
]


def ordinary(size: int, lines: int) -> str:
    """This repository's policy text, its paragraphs repeated until as long as ``size`` bytes and ``lines`` lines."""
    out: list[str] = []
    length = count = 0
    while length < size or count < lines:
        block = POLICY[len(out) % len(POLICY)]
        out.append(block)
        length += len(block) + 2
        count += block.count("\n") + 1
    return "\n\n".join(out)


def _spread(marks: str, length: int) -> str:
    """One paragraph of ``length`` characters with ``marks`` spread evenly through ordinary words."""
    words = " ".join(POLICY).split()
    step = max(1, length // max(1, len(marks)) // 6)
    out: list[str] = []
    for i, word in enumerate(words * (length // 5 // len(words) + 2)):
        out.append(word)
        if i % step == 0 and i // step < len(marks):
            out.append(marks[i // step])
        if sum(map(len, out)) + len(out) >= length:
            break
    return " ".join(out)


AT_LIMITS: dict[str, Callable[[], dict[str, bytes]]] = {
    f"{bounds.MAX_BLOCKS:,} one-word list items": lambda: section("- a\n" * bounds.MAX_BLOCKS),
    f"{bounds.MAX_BLOCKS // 3:,} lines of two HTML tags": lambda: section("<b>a</b>\n" * (bounds.MAX_BLOCKS // 3)),
    f"{bounds.MAX_HEADINGS} headings, {bounds.MAX_SPLIT} in a row": lambda: section(
        "## h\n" * bounds.MAX_SPLIT + "\n" + "## h\n" * bounds.MAX_SPLIT
    ),
    f"{bounds.MAX_SPLIT} definitions in a row": lambda: section("a\n" + ": b\n" * bounds.MAX_SPLIT),
    f"{bounds.MAX_ABBREVIATIONS} abbreviations, 100 KB of text": lambda: section(
        "\n".join(f"*[A{i}]: x" for i in range(bounds.MAX_ABBREVIATIONS)) + "\n\n" + ordinary(100_000, 0)
    ),
    f"{bounds.MAX_IMAGES} images": lambda: section(
        "\n\n".join(f"![Logo {i}](logo.png)" for i in range(bounds.MAX_IMAGES))
    ),
    "emphasis at the copying limit (32 KB paragraph)": lambda: section(
        _spread("*" * (bounds.MAX_COPIES // 32_000 - 2), 32_000)
    ),
    "links at the copying limit (32 KB paragraph)": lambda: section(
        _spread("[" * (bounds.MAX_COPIES // 32_000 // 2), 32_000).replace("[ ", "[x](y) ")
    ),
    "unclosed [ within the scan budget (32 KB)": lambda: section("[" * int(bounds.SCAN_FACTOR) + _spread("", 32_000)),
    "unclosed [ within the scan budget (300 × 1 KB)": lambda: section(
        "\n\n".join(
            "[" * ((int(bounds.SCAN_FACTOR * 1_000) + bounds.SCAN_SLACK) // 1_000) + _spread("", 1_000)
            for _ in range(300)
        )
    ),
    "an unclosed <tag at the start of a 32 KB paragraph": lambda: section("<span class=x " + _spread("", 32_000)),
    "an unclosed ` run within the scan budget (32 KB)": lambda: section("` " + _spread("", 32_000)),
    f"a document of {bounds.MAX_DOCUMENT_BLOCKS:,} lines (5 sections)": lambda: {
        "document.yml": b"title: T\neffective: 2020-01-01\nsummary: S\nsections: [a, b, c, d, e]\n",
        **{f"sections/{x}.md": ("# A\n\n" + "- a\n" * (bounds.MAX_DOCUMENT_BLOCKS // 5 - 1)).encode() for x in "abcde"},
    },
}


def _text(files: dict[str, bytes]) -> str:
    return "\n\n".join(data.decode() for path, data in files.items() if path.endswith(".md"))


def baseline(size: int, lines: int) -> dict[str, bytes]:
    """Ordinary policy text as long as ``size`` bytes and ``lines`` lines, in as many sections of a
    few hundred lines as it takes (a real policy's sections are far shorter than the limits)."""
    paragraphs = ordinary(size, lines).split("\n\n")
    sections, current, count = [], [], 0
    for paragraph in paragraphs:
        current.append(paragraph)
        count += paragraph.count("\n") + 1
        if count >= 300:
            sections.append(current)
            current, count = [], 0
    sections += [current] if current else []
    ids = [f"s{i}" for i in range(len(sections))]
    files = {"document.yml": f"title: T\neffective: 2020-01-01\nsummary: S\nsections: [{', '.join(ids)}]\n".encode()}
    for name, body in zip(ids, sections, strict=True):
        files[f"sections/{name}.md"] = ("# A\n\n" + "\n\n".join(body) + "\n").encode()
    return files


def at_limits(converter: Converter) -> None:
    print(f"\n{'the largest accepted input':50} {'time':>9} {'ordinary':>9} {'ratio':>6}")
    for name, make in AT_LIMITS.items():
        files = make()
        took, loaded = timed(files, converter, repeat=7)  # best of 7: the machine is shared
        text = _text(files)
        lines = sum(1 for line in text.split("\n") if line.strip())
        base, ordinary_loaded = timed(baseline(len(text), lines), converter, repeat=7)
        assert not ordinary_loaded.problems, ordinary_loaded.problems[0]
        problems = f"  REFUSED: {loaded.problems[0]}"[:120] if loaded.problems else ""
        print(f"{name:50} {took * 1000:7.1f}ms {base * 1000:7.1f}ms {took / base:6.2f}{problems}")


# 4. A huge blob in an old commit ----------------------------------------------------------------

READ_HISTORY = """
import resource, sys
from pathlib import Path
from legaldocs.gitsource import Repository
repo = Repository(Path(sys.argv[1]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
checkout = repo.checkout(Path(sys.argv[1]) / "doc", None)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before // 1024, after // 1024)
"""


def huge_blob(size: int = 250 * 2**20) -> None:
    """A section of ``size`` bytes in an old commit, then the history read: peak memory before and after."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)

        def git(*args: str) -> None:
            subprocess.run(["git", "-c", "user.name=x", "-c", "user.email=x@x", *args], cwd=repo, check=True)

        git("init", "-q")
        (repo / "doc/sections").mkdir(parents=True)
        for name, data in _case().items():
            (repo / "doc" / name).write_bytes(data)
        git("add", "-A")
        git("commit", "-qm", "first")
        with (repo / "doc/sections/a.md").open("wb") as out:
            out.write(b"# A\n\n")
            for _ in range(size // 2**20):
                out.write(b"word " * (2**20 // 5))
        git("add", "-A")
        git("commit", "-qm", "huge")
        for name, data in _case().items():
            (repo / "doc" / name).write_bytes(data)
        git("commit", "-qam", "as it was")
        env = {"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"}
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", READ_HISTORY, tmp], capture_output=True, text=True, env=env)
        took = time.perf_counter() - start
        before, after = out.stdout.split() if out.returncode == 0 else ("?", out.stderr[-200:])
        print(
            f"\na {size // 2**20} MB section in an old commit: history read in {took:.1f} s, peak memory {before} MB "
            f"before reading it and {after} MB after"
        )


# 5. The compare page's engine on a huge version -------------------------------------------------

COMPARE_IN_NODE = """
require(process.argv[1]);
const n = +process.argv[2];
const block = (text) => ({k: "paragraph", t: "p", x: text, h: `<p>${text}</p>`});
const version = (count, word) => ({format: 1, purposes: null, sections: [{id: "s", n: 1, title: "S",
  b: Array.from({length: count}, (_, i) => block(`${word} ${i}.`))}]});
for (const [name, old, neu] of [["added", version(1, "Old"), version(n, "New")],
                                ["removed", version(n, "Old"), version(1, "New")],
                                ["rewritten", version(n, "Old"), version(n, "New")]]) {
  const start = Date.now();
  try { globalThis.LegalDocsRedline.compare(old, neu); console.log(`${name}: ${Date.now() - start} ms`); }
  catch (e) { console.log(`${name}: ${e.name}: ${e.message}`); }
}
console.log(`peak resident: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
"""


def huge_compare(paragraphs: int = 140_000) -> None:
    """The browser's redline engine (assets/redline.js) in Node, on a version of ``paragraphs``
    paragraphs in one section (a build refuses such a section; the engine must still cope)."""
    node = shutil.which("node")
    if node is None:
        print("\nthe compare engine: no `node` here, not measured")
        return
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "redline.js"  # as the site publishes it, its rules written in
        script.write_text(redline_rules.script(), encoding="utf-8")
        command = [node, "-e", COMPARE_IN_NODE, str(script), str(paragraphs)]
        out = subprocess.run(command, capture_output=True, text=True)
    said = "; ".join(line for line in out.stdout.split("\n") if line)
    print(f"\nthe compare engine (Node), {paragraphs:,} paragraphs against one, and against as many: {said}")


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
    converter = site_converter()
    shapes(converter)
    if "--quick" in sys.argv:
        return
    at_limits(converter)
    huge_blob()
    huge_compare()


if __name__ == "__main__":
    main()
