"""The compare page's engine in Chromium: how big a version's data is, how fast a pair redlines.

    PYTHONPATH=plugins python benchmarks/compare_browser.py [--runs 5]

1. Per-version data (compare_data.version_data, compact JSON): the seed policy's size, raw and
   gzipped (what a static host sends), and each version of the six-version fixture
   (tests/compare_versions.py).
2. Every ordered pair of the fixture redlined in Chromium (assets/redline.js: compare, then render
   to HTML), the data already parsed: the largest pair (most data) and the slowest, first run (cold:
   the engine not yet compiled) and best of ``--runs``. Target: under 200 ms for the largest pair.
3. A stress case: the wholesale rewrite of benchmarks/redline.py (about 12,000 words to 8,000, 15
   sections), in Chromium and, for scale, in Python.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from compare_versions import seed_files, versions
from legaldocs import compare_data, redline, redline_html, render, source
from playwright.sync_api import sync_playwright
from redline import as_document, rewritten_sentences  # benchmarks/redline.py

SCRIPT = Path(redline.__file__).parent / "assets" / "redline.js"
CHROMIUM = "/usr/bin/chromium"

TIME_PAIRS = """([data, pairs, runs]) => {
    const versions = JSON.parse(data);
    return JSON.parse(pairs).map(([i, j]) => {
        const times = [];
        for (let n = 0; n < runs; n++) {
            const start = performance.now();
            const html = LegalDocsRedline.render(LegalDocsRedline.compare(versions[i], versions[j]), {});
            times.push(performance.now() - start);
            if (!html) throw new Error("no HTML");
        }
        return times;
    });
}"""


def compact(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def kb(size: int) -> str:
    return f"{size / 1024:6.1f} KB"


def seed_data() -> bytes:
    files = {k: v.encode() for k, v in seed_files().items()}
    document, _ = source.read_document("privacy", files, "docs/privacy")
    assert document is not None
    return compact(compare_data.version_data(redline.document_text(document, render.render(document))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    seed = seed_data()
    print("1. Per-version data (compact JSON)")
    print(f"   seed policy: {kb(len(seed))}, gzipped {kb(len(gzip.compress(seed)))}")
    texts = versions()
    data = [compare_data.version_data(t) for t in texts]
    sizes = [len(compact(d)) for d in data]
    for n, size in enumerate(sizes, 1):
        print(f"   fixture version {n}: {kb(size)}")

    pairs = [(i, j) for i in range(6) for j in range(6) if i != j]
    counts = {p: redline.compare(texts[p[0]], texts[p[1]]).counts for p in pairs}
    largest = max(pairs, key=lambda p: (counts[p].words_added + counts[p].words_removed, sizes[p[0]] + sizes[p[1]]))
    old_sentences, new_sentences = rewritten_sentences(7, 12_000, 8_000)
    stress = [compare_data.version_data(as_document(s)) for s in (old_sentences, new_sentences)]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

        def timed(versions: list[dict[str, object]], which: list[tuple[int, int]]) -> list[list[float]]:
            """On a fresh page, so that the first run of the first pair is cold."""
            page = browser.new_page()
            page.set_content("<!doctype html><title>benchmark</title>")
            page.add_script_tag(path=str(SCRIPT))
            found = page.evaluate(TIME_PAIRS, [json.dumps(versions), json.dumps(which), args.runs])
            page.close()
            return found

        largest_times = timed(data, [largest])[0]
        times = timed(data, pairs)
        stress_times = timed(stress, [(0, 1)])[0]
        browser.close()

    by_pair = dict(zip(pairs, times, strict=True))
    i, j = largest
    words = counts[largest].words_added + counts[largest].words_removed
    print(f"\n2. The fixture's pairs in Chromium (compare + render), best of {args.runs}")
    print(
        f"   largest pair (most words changed: {words}), version {i + 1} to {j + 1}:"
        f" cold {largest_times[0]:.1f} ms, best {min(largest_times):.1f} ms (target < 200 ms)"
    )
    slowest = max(pairs, key=lambda p: min(by_pair[p]))
    print(f"   slowest pair warm, version {slowest[0] + 1} to {slowest[1] + 1}: best {min(by_pair[slowest]):.1f} ms")
    print(f"   all 30 pairs, best runs added up: {sum(min(t) for t in times):.1f} ms")

    old, new = as_document(old_sentences), as_document(new_sentences)
    start = time.perf_counter()
    redline_html.change_html(redline.compare(old, new))
    python_ms = (time.perf_counter() - start) * 1000
    print("\n3. Stress: a wholesale rewrite, 12,000 words to 8,000 in 15 sections")
    print(f"   data: {kb(len(compact(stress[0]))).strip()} and {kb(len(compact(stress[1]))).strip()}")
    print(f"   Chromium: cold {stress_times[0]:.1f} ms, best {min(stress_times):.1f} ms; Python: {python_ms:.1f} ms")


if __name__ == "__main__":
    main()
