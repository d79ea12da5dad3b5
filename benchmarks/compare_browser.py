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
4. The compare page itself, built for real (`mkdocs build`) and served on localhost:
   - its own weight at 100 versions (benchmarks/synthetic.py): the HTML and every script and
     stylesheet Chromium loads for it, raw and gzipped; the version data it fetches (two files)
     is counted apart. Target: under 300 KB.
   - the fixture's largest pair redlined through the page (tests/compare_versions.py's six-version
     site): from the data in hand to the redline in the page with its view choices (compare.js's
     ``ld-compare`` measure), first (cold) and best of ``--runs``. Target: under 200 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from compare_versions import DATES, seed_files, six_version_site, versions
from legaldocs import compare_data, redline, redline_html, redline_rules, render, source
from playwright.sync_api import sync_playwright
from redline import as_document, rewritten_sentences  # benchmarks/redline.py
from synthetic import generate

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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def built_and_served(site: Path) -> Iterator[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=env, capture_output=True)
    if result.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{result.stderr.decode()}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def page_weight(browser: object, url: str) -> dict[str, list[tuple[str, int, int]]]:
    """Every response the compare page loads, by kind: (address, bytes, gzipped bytes)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    found: dict[str, list[tuple[str, int, int]]] = {}
    responses: list[object] = []
    page.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".ld-compare-result[data-pair]")
    for response in responses:
        body = response.body()  # type: ignore[attr-defined]
        kind = response.request.resource_type  # type: ignore[attr-defined]
        if "/compare/data/" in response.url:  # type: ignore[attr-defined]
            kind = "version data (not the page's own)"
        found.setdefault(kind, []).append((response.url, len(body), len(gzip.compress(body))))  # type: ignore[attr-defined]
    page.close()
    return found


def through_the_page(
    browser: object, url: str, pair: tuple[str, str], other: tuple[str, str], runs: int
) -> list[float]:
    """The pair shown ``runs`` times by the pickers (another pair in between): its ld-compare measures."""
    page = browser.new_page()  # type: ignore[attr-defined]
    last = "performance.getEntriesByName('ld-compare').at(-1).duration"
    page.goto(f"{url}?from={pair[0]}&to={pair[1]}", wait_until="networkidle")
    page.wait_for_selector(f".ld-compare-result[data-pair='{pair[0]} {pair[1]}']")
    times = [page.evaluate(last)]
    for _ in range(runs - 1):
        for shown in (other, pair):
            page.select_option("#ld-compare-from", shown[0])
            page.select_option("#ld-compare-to", shown[1])
            page.wait_for_selector(f".ld-compare-result[data-pair='{shown[0]} {shown[1]}']")
        times.append(page.evaluate(last))
    page.close()
    return times


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
            page.add_script_tag(content=redline_rules.script())
            found = page.evaluate(TIME_PAIRS, [json.dumps(versions), json.dumps(which), args.runs])
            page.close()
            return found

        largest_times = timed(data, [largest])[0]
        times = timed(data, pairs)
        stress_times = timed(stress, [(0, 1)])[0]

        with tempfile.TemporaryDirectory(prefix="legaldocs-compare-") as tmp:
            with built_and_served(generate(Path(tmp) / "hundred", 100)) as url:
                weight = page_weight(browser, url + "policy/compare/")
            with built_and_served(six_version_site(Path(tmp) / "six")) as url:
                pair = (DATES[largest[0]], DATES[largest[1]])
                other = (DATES[0], DATES[1]) if pair != (DATES[0], DATES[1]) else (DATES[1], DATES[2])
                page_times = through_the_page(browser, url + "privacy/compare/", pair, other, args.runs)
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

    print("\n4. The compare page, built and served")
    own = own_gz = ours = 0
    for kind, found in sorted(weight.items()):
        size, zipped = sum(f[1] for f in found), sum(f[2] for f in found)
        names = ", ".join(f[0].rsplit("/", 1)[-1] or "index.html" for f in found)
        print(f"   {kind:>10}: {len(found)} file(s), {kb(size)}, gzipped {kb(zipped)}  ({names})")
        if kind in ("document", "script", "stylesheet"):
            own, own_gz = own + size, own_gz + zipped
            ours += sum(
                f[1]
                for f in found
                if kind == "document" or ("/assets/" in f[0] and "/" not in f[0].split("/assets/")[-1])
            )
    print(f"   its own weight at 100 versions (HTML, JS, CSS): {kb(own)}, gzipped {kb(own_gz)} (target < 300 KB)")
    print(f"   of which legaldocs' (the HTML and its assets/, the rest is the theme's): {kb(ours)}")
    print(
        f"   largest pair through the page, version {i + 1} to {j + 1} (compare, render, views):"
        f" cold {page_times[0]:.1f} ms, best {min(page_times):.1f} ms (target < 200 ms)"
    )


if __name__ == "__main__":
    main()
