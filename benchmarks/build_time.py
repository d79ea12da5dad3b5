"""Build time of a site with the plugin against a plain build of the same number of pages.

    python benchmarks/build_time.py [--versions 10 100 300]

For each history size, one run builds both sites back to back and prints the times and
their ratio. Target: at 100 versions, under 2x the plain build; cost linear in versions.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate, plain_site


def timed_build(site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "4102444800"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", type=int, nargs="+", default=[10, 100, 300])
    parser.add_argument("--sections", type=int, default=15)
    args = parser.parse_args()
    print(f"{'versions':>8} {'pages':>6} {'legaldocs s':>12} {'plain s':>8} {'ratio':>6} {'ms/version':>11}")
    for n in args.versions:
        with tempfile.TemporaryDirectory(prefix="legaldocs-bench-") as tmp:
            site = generate(Path(tmp) / "site", n, args.sections)
            ours = timed_build(site)
            # Every page the build made: versions, revisions, their changes, the current text, lists.
            pages = len(list((site / "site").rglob("index.html")))
            plain = plain_site(Path(tmp) / "plain", pages, site / "docs" / "policy")
            theirs = timed_build(plain)
            print(f"{n:>8} {pages:>6} {ours:>12.2f} {theirs:>8.2f} {ours / theirs:>6.2f} {1000 * ours / n:>11.1f}")


if __name__ == "__main__":
    main()
