"""A history kept as one Markdown file against the same history as a folder document (issue 19).

    python benchmarks/file_document.py [--versions 300] [--check-mb 1] [--check-only]

One run generates the same synthetic history (``synthetic.generate``, the same seed: the same
text, section ids and dates) twice, as docs/policy/ with a file per section and as one file,
policies/policy.md, named in mkdocs.yml; builds both back to back and prints the times and their
ratio (target: the file document no slower, ratio <= 1.0 within noise). Then times
``legaldocs check --working-copy`` (the pre-commit hook) on a file document of ``--check-mb``
megabytes (target: under 2 seconds, start-up included).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from build_time import timed_build
from git import Repo
from synthetic import FILE_DOCUMENT, MKDOCS_YML, paragraph, timed_cli


def large_file_site(root: Path, megabytes: float) -> Path:
    """A file document of about ``megabytes`` MB: 60 sections of paragraphs, one commit."""
    import random

    rng = random.Random(7)
    root.mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin=FILE_DOCUMENT))
    (root / "policies").mkdir()
    sections, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        n += 1
        body = "\n\n".join(paragraph(rng) for _ in range(40))
        sections.append(f"## Section {n}\n\n{body}\n")
        size += len(sections[-1])
    text = "# Large Policy\n\nEffective date: February 1, 2024\n\n" + "\n".join(sections)
    (root / "policies" / "policy.md").write_text(text)
    repo = Repo.init(root, initial_branch="main")
    repo.index.add(["mkdocs.yml", "docs/index.md", "policies/policy.md"])
    repo.index.commit("Large policy")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=300)
    parser.add_argument("--check-mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check-only", action="store_true", help="time only check --working-copy (no builds)")
    args = parser.parse_args()
    from synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        if not args.check_only:
            folder = generate(Path(tmp) / "folder", args.versions, steady=True)
            single = generate(Path(tmp) / "file", args.versions, steady=True, one_file=True)
            folder_time = timed_build(folder)
            file_time = timed_build(single)
            pages = sum(1 for _ in (single / "site" / "policy").rglob("index.html"))
            print(
                f"{args.versions} versions: folder document {folder_time:.1f} s, one file {file_time:.1f} s "
                f"({pages} pages), ratio file/folder {file_time / folder_time:.2f}"
            )
        site = large_file_site(Path(tmp) / "large", args.check_mb)
        size = (site / "policies" / "policy.md").stat().st_size
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        times = timed_cli(site, ["check", "--working-copy"], args.runs)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / args.runs
        print(
            f"check --working-copy on a {size / 1e6:.2f} MB file document: "
            f"wall median {statistics.median(times):.2f} s, "
            f"worst {max(times):.2f} s; processor time {cpu:.2f} s a run, over {args.runs} runs (target: under 2 s; "
            "on a shared machine the wall time includes waiting for a processor)"
        )


if __name__ == "__main__":
    main()
