"""The archive at scale: build time, peak memory and site size of long histories, to show them linear.

    python benchmarks/archive_scale.py [--versions 125 250 500 1000] [--plugins PATH]

Each history is synthetic (benchmarks/synthetic.py): a policy of steady length (sentences
rewritten, nothing added, so that only the history grows), with a "changes to this policy" section
holding ``{{ versions }}``, as real policies have: the list that used to name every version on
every page, which made pages, time and memory grow with the square of the history. For each
size, one ``mkdocs build`` in a child process; its peak memory is the child's own (``wait4``),
not the sum of all builds, and so is its CPU time (steadier than wall time on a shared machine).
The last columns are each cost per version, and the cost of each version added since the size
before: flat when the build is linear.
``--plugins`` runs another checkout of legaldocs (e.g. /work/main/plugins) to compare.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate


def measured_build(site: Path, versions: int, plugins: str | None) -> tuple[float, float, int]:
    """Wall time (s), CPU time (s: user and system, steadier on a shared machine) and peak resident
    memory (bytes) of one build, in a child process of its own."""
    # Build after the last effective date (synthetic versions are 60 days apart from 2000-01-01), but
    # not after 2100: MkDocs writes the date into sitemap.xml.gz, whose field ends in February 2106.
    after = min(date(2000, 1, 1) + timedelta(days=60 * versions + 1), date(2100, 1, 1))
    epoch = int(datetime(after.year, after.month, after.day, tzinfo=timezone.utc).timestamp())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    if plugins:
        env["PYTHONPATH"] = plugins
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{errors.decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024  # Linux: kilobytes


def size_of(folder: Path) -> tuple[int, int]:
    """Total bytes of the files, and how many HTML pages."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(1 for p in files if p.name == "index.html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", type=int, nargs="+", default=[125, 250, 500, 1000])
    parser.add_argument("--sections", type=int, default=15)
    parser.add_argument("--plugins", help="PYTHONPATH of the legaldocs to measure (default: as installed)")
    args = parser.parse_args()
    print(
        f"{'versions':>8} {'pages':>6} {'wall s':>7} {'CPU s':>6} {'peak MB':>8} {'site MB':>8}"
        f" {'CPU ms/ver':>10} {'KB site/ver':>11} {'CPU ms/added':>12} {'MB mem/added':>12}"
    )
    before: tuple[int, float, int] | None = None
    for n in sorted(args.versions):
        with tempfile.TemporaryDirectory(prefix="legaldocs-archive-") as tmp:
            site = generate(Path(tmp) / "site", n, args.sections, versions_list=True, steady=True)
            elapsed, cpu, peak = measured_build(site, n, args.plugins)
            size, pages = size_of(site / "site")
        added = ""
        if before is not None:
            count = n - before[0]
            added = f"{1000 * (cpu - before[1]) / count:>12.1f} {(peak - before[2]) / count / 2**20:>12.2f}"
        print(
            f"{n:>8} {pages:>6} {elapsed:>7.1f} {cpu:>6.1f} {peak / 2**20:>8.0f} {size / 2**20:>8.1f}"
            f" {1000 * cpu / n:>10.1f} {size / n / 1024:>11.1f} {added}",
            flush=True,
        )
        before = (n, cpu, peak)


if __name__ == "__main__":
    main()
