"""Build time of a policy with translations against the same policy alone (issue 20).

    python benchmarks/translations.py [--versions 100] [--languages de fr]

One synthetic history (benchmarks/synthetic.py), built once without translations and once with a
translation per language, each translated whole at every version. Each translation should add at
most its own pages' cost: target, a 3-language site in no more than 3.3 times the 1-language time.
Times are the child build's CPU time (steadier than wall time on a shared machine).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate


def cpu_build(site: Path, versions: int) -> float:
    """CPU seconds (user and system) of one `mkdocs build` of ``site``, in a child process."""
    after = date(2000, 1, 1) + timedelta(days=60 * versions + 1)
    epoch = int(datetime(after.year, after.month, after.day, tzinfo=timezone.utc).timestamp())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=env, check=True)
    after_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after_usage.ru_utime - before.ru_utime) + (after_usage.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--languages", nargs="+", default=["de", "fr"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        alone = generate(Path(tmp) / "alone", args.versions, versions_list=True)
        translated = generate(
            Path(tmp) / "translated", args.versions, versions_list=True, languages=tuple(args.languages)
        )
        one = cpu_build(alone, args.versions)
        many = cpu_build(translated, args.versions)
    count = 1 + len(args.languages)
    print(f"{args.versions} versions: 1 language {one:.1f} s, {count} languages {many:.1f} s, ratio {many / one:.2f}")
    print(f"target: at most {count * 1.1:.1f} times ({count} languages, each at most its own pages' cost)")


if __name__ == "__main__":
    main()
