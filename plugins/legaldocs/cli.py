"""`legaldocs check`: the build's own validation, without building, for editors and CI.

It reads mkdocs.yml as `mkdocs build` does (``siteconfig``) and asks the same loader
(``loader``), so the verdict is the build's: first on the committed text, which is what
`mkdocs build` publishes, then, when there are uncommitted edits, on the working copy, which is
what `mkdocs serve` previews. Exit codes: 0 clean, 1 problems, 2 bad usage.

Each subcommand is one ``add_parser`` in ``main`` and one function taking the parsed arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import loader, siteconfig
from .dates import build_date

CONFIG_FILE = "mkdocs.yml"


def site_options(path: Path) -> loader.SiteOptions:
    """PATH is a site folder (with mkdocs.yml), mkdocs.yml itself, or a bare docs folder."""
    config = path if path.is_file() else path / CONFIG_FILE
    if config.is_file():
        return siteconfig.load(config)
    if not path.is_dir():
        raise siteconfig.ConfigProblem(f"{path}: no such file or folder.")
    # No mkdocs.yml: a docs folder on its own, read with the plugin's default options.
    return loader.SiteOptions(docs_dir=path, root=Path.cwd())


def check(args: argparse.Namespace) -> int:
    try:
        options = site_options(args.path)
        verdicts = loader.check_site(options, build_date())
    except (siteconfig.ConfigProblem, loader.OptionsError) as error:
        print(error, file=sys.stderr)
        return 2
    if not verdicts:
        print(f"{options.docs_dir}: no document folders (folders with a document.yml) found.", file=sys.stderr)
        return 2
    count = 0
    for verdict in verdicts:
        for warning in verdict.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if verdict.working is None:
            for problem in verdict.committed:
                print(problem, file=sys.stderr)
            count += len(verdict.committed)
            continue
        # Uncommitted edits: say which text each problem is in.
        print(f"{verdict.shown_as}: the committed text (what `mkdocs build` publishes):", file=sys.stderr)
        for problem in verdict.committed or ["no problems."]:
            print(f"  {problem}", file=sys.stderr)
        print(
            f"{verdict.shown_as}: the working copy (uncommitted; `mkdocs serve` shows it, "
            "`mkdocs build` leaves it out):",
            file=sys.stderr,
        )
        for problem in verdict.working or ["no problems."]:
            print(f"  {problem}", file=sys.stderr)
        count += len(verdict.committed) + len(verdict.working)
    warned = sum(len(v.warnings) for v in verdicts)
    if count:
        print(f"{count} problem(s) found.", file=sys.stderr)
        return 1
    if warned and args.strict:
        print(f"{warned} warning(s), which fail `mkdocs build --strict`.", file=sys.stderr)
        return 1
    print(f"{len(verdicts)} document(s) checked: no problems.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="legaldocs", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="validate the documents as `mkdocs build` would, and any uncommitted edits"
    )
    check_parser.add_argument(
        "path", nargs="?", default=Path("."), type=Path, help="the site folder or its mkdocs.yml (default: .)"
    )
    check_parser.add_argument(
        "--strict", action="store_true", help="warnings fail the check too, as in `mkdocs build --strict`"
    )
    check_parser.set_defaults(run=check)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
