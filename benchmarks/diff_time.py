"""Time of `legaldocs diff`, run as an editor or the pull-request workflow runs it: a new process each time.

    python benchmarks/diff_time.py [--runs 3] [--versions 300]

On a synthetic document with a long git history: the default (the published branch against the
working tree), two commits (as the workflow does), and two versions by effective date (which reads
the whole history to find them). Python start-up, imports and reading mkdocs.yml are included.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate, timed_cli


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--versions", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="legaldocs-diff-") as tmp:
        site = generate(Path(tmp) / "history", args.versions, 15)
        dates = [
            line.split(":", 1)[1].strip()
            for line in subprocess.run(
                ["git", "log", "--first-parent", "-p", "--format=", "--", "docs/policy/document.yml"],
                cwd=site,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
            if line.startswith("+effective:")
        ]
        cases = {
            "default: main against the working tree": [],
            "HEAD~1 HEAD --format markdown": ["HEAD~1", "HEAD", "--format", "markdown"],
            "first and last version, by date": [dates[-1], dates[0]],
        }
        print(f"{'what':<45} {'median s':>9} {'slowest s':>10}")
        for name, case in cases.items():
            times = timed_cli(site, ["diff", *case], args.runs)
            print(f"{name:<45} {statistics.median(times):>9.3f} {max(times):>10.3f}")


if __name__ == "__main__":
    main()
