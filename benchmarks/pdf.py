"""PDFs (option ``pdf: true``): what a first build costs per PDF made, and that a rebuild with one new
version makes only that version's PDFs.

    python benchmarks/pdf.py [--versions 100]

Builds the synthetic history (``synthetic.generate``: every second version has an editorial revision)
without PDFs, then with them (an empty cache: every PDF is made), then again after one new version is
committed (the cache kept). Each build is a real `mkdocs build` in a process of its own; the PDFs it
made and took from the cache are what the build itself says. Per PDF: the PDF build's time less the
build without PDFs, over the PDFs made. Target: at most 2 s per PDF made on a 2-core machine; the
rebuild makes 2 PDFs (the new version's text and its changes).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from git import Actor, Repo
from synthetic import generate

BUILD_DATE = "4102444800"  # 2100-01-01: every synthetic version is in the past


def timed_build(site: Path) -> tuple[float, int, int]:
    """Seconds, PDFs made, PDFs from the cache."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DATE}
    start = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build"]
    result = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{result.stderr}")
    said = re.search(r"PDFs: (\d+) made, (\d+) from the cache", result.stderr)
    return elapsed, int(said[1]) if said else 0, int(said[2]) if said else 0


def new_version(site: Path) -> None:
    """One more version, 60 days after the last, one sentence of its first section changed."""
    folder = site / "docs" / "policy"
    yml = (folder / "document.yml").read_text()
    last = date.fromisoformat(re.search(r"^effective: (\S+)$", yml, re.M)[1])
    effective = last + timedelta(days=60)
    (folder / "document.yml").write_text(re.sub(r"^effective: \S+$", f"effective: {effective}", yml, flags=re.M))
    first = sorted((folder / "sections").glob("*.md"))[0]
    first.write_text(first.read_text() + "\nA sentence added by the new version.\n")
    repo = Repo(site)
    repo.git.add("-A")
    who = Actor("Benchmark", "benchmark@example.com")
    announced = datetime.combine(effective - timedelta(days=45), datetime.min.time(), timezone.utc)
    when = f"{int(announced.timestamp())} +0000"
    repo.index.commit("One new version", author=who, committer=who, author_date=when, commit_date=when)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--sections", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="legaldocs-bench-pdf-") as tmp:
        site = generate(Path(tmp) / "site", args.versions, args.sections)
        without, _, _ = timed_build(site)
        config = site / "mkdocs.yml"
        config.write_text(config.read_text().replace("  - legaldocs\n", "  - legaldocs:\n      pdf: true\n", 1))
        (site / ".gitignore").write_text("site/\n.cache/\n")
        first, made, reused = timed_build(site)
        print(f"{args.versions} versions, {args.sections} sections at first")
        print(f"build without PDFs: {without:.1f} s")
        print(
            f"first build with PDFs: {first:.1f} s, {made} made, {reused} from the cache: "
            f"{(first - without) / max(made, 1):.2f} s per PDF made"
        )
        new_version(site)
        again, made, reused = timed_build(site)
        print(f"rebuild after one new version: {again:.1f} s, {made} made, {reused} from the cache")


if __name__ == "__main__":
    main()
