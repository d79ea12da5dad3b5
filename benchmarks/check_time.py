"""Time of `legaldocs check`, run as a pre-commit hook runs it: a new process each time.

    python benchmarks/check_time.py [--runs 5] [--versions 300]

Measures the whole command (Python start-up and imports included) on this repository's policy
and on a synthetic document with a long git history, and prints the median and the slowest run.
The hook checks only the working copy (`--working-copy`), so the history should not change the
time; a plain `legaldocs check` gives the build's whole verdict, history included, and takes longer.
Target: well under a second, so that nobody turns the hook off.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate, timed_cli

ROOT = Path(__file__).resolve().parent.parent
#: As .pre-commit-hooks.yaml runs it: the text about to be committed, without the history.
ARGS = ["--working-copy"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--versions", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="legaldocs-check-") as tmp:
        policy = Path(tmp) / "policy"
        shutil.copytree(ROOT / "docs", policy / "docs")
        shutil.copytree(ROOT / "overrides", policy / "overrides")
        shutil.copy(ROOT / "mkdocs.yml", policy / "mkdocs.yml")  # check reads a site through its mkdocs.yml
        history = generate(Path(tmp) / "history", args.versions, 15)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        python = time.perf_counter() - start
        print(f"python start-up alone: {python:.3f} s")
        print(f"{'what':<40} {'median s':>9} {'slowest s':>10}")
        for name, site in (("this repository's policy", policy), (f"synthetic, {args.versions} versions", history)):
            times = timed_cli(site, ["check", *ARGS], args.runs)
            print(f"{name:<40} {statistics.median(times):>9.3f} {max(times):>10.3f}")


if __name__ == "__main__":
    main()
