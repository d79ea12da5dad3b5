"""`legaldocs check`: the build's validation, without building, for editors and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import documents, source


def check(docs_dir: Path) -> int:
    folders = source.find_documents(docs_dir) if docs_dir.is_dir() else []
    if not folders:
        print(f"{docs_dir}: no document folders (folders with a document.yml) found.", file=sys.stderr)
        return 2
    problems = [p for folder in folders for p in documents.load_folder(folder, folder.as_posix()).problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"{len(folders)} document(s) checked: no problems.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="legaldocs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate every document under DOCS_DIR")
    check_parser.add_argument("docs_dir", nargs="?", default="docs", type=Path)
    args = parser.parse_args(argv)
    return check(args.docs_dir)


if __name__ == "__main__":
    raise SystemExit(main())
