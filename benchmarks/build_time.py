"""Build time of a site with the plugin against a plain build of the same number of pages.

    python benchmarks/build_time.py [--versions 10 100 300]

For each history size, one run builds both sites back to back and prints the times and
their ratio. The plugin's site has every page a build makes (each version, its changes page,
the versions page …): the plain site gets as many pages, counted in the built site. Beside the
build time: the redline of each version against the one before, in milliseconds per pair
(median and worst, in the order and with the caches the build uses), measured in-process.
Target: no slower than the plain build; cost linear in versions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from synthetic import generate, plain_site

BUILD_DATE = "4102444800"  # 2100-01-01: every synthetic version is in the past


def timed_build(site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DATE}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{result.stderr}")
    return elapsed


def redline_per_pair(site: Path) -> tuple[float, float, int]:
    """Median and worst milliseconds of one changes page's redline (compare, HTML, links), and pairs."""
    from legaldocs import loader, pages, pairs, siteconfig
    from legaldocs.dates import build_date

    options = siteconfig.load(site / "mkdocs.yml")
    loaded = loader.load_site(options, build_date({"SOURCE_DATE_EPOCH": BUILD_DATE}), include_uncommitted=False)
    published = loaded.documents[0].published
    compared = pairs.Pairs(published)
    times = []
    for version in published.history.versions:
        start = time.perf_counter()
        old, new = pages.version_pair(compared, version)
        pages.changes(old, new, "../../", lambda route, **p: f"../../versions/{p['version']}/")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), len(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", type=int, nargs="+", default=[10, 100, 300])
    parser.add_argument("--sections", type=int, default=15)
    args = parser.parse_args()
    print(
        f"{'versions':>8} {'pages':>6} {'legaldocs s':>12} {'plain s':>8} {'ratio':>6} {'ms/version':>11}"
        f" {'redline ms/pair (median, worst)':>32}"
    )
    for n in args.versions:
        with tempfile.TemporaryDirectory(prefix="legaldocs-bench-") as tmp:
            site = generate(Path(tmp) / "site", n, args.sections)
            ours = timed_build(site)
            # Every page the build made: versions, revisions, their changes, the current text, lists.
            pages = len(list((site / "site").rglob("index.html")))
            plain = plain_site(Path(tmp) / "plain", pages, site / "docs" / "policy")
            theirs = timed_build(plain)
            median, worst, pairs = redline_per_pair(site)
            print(
                f"{n:>8} {pages:>6} {ours:>12.2f} {theirs:>8.2f} {ours / theirs:>6.2f} {1000 * ours / n:>11.1f}"
                f" {median:>15.2f} {worst:>8.2f} ({pairs} pairs)"
            )


if __name__ == "__main__":
    main()
