"""legaldocs: the command line for legal editors and CI, over the same core as the MkDocs plugin.

Commands: check (the build's validation, without building), diff (the redline for a review),
notice (what to tell users of a new version), new-version, adopt (publish a policy kept as one Markdown file), demo.

`check` reads mkdocs.yml as `mkdocs build` does (``siteconfig``) and asks the same loader
(``loader``), so the verdict is the build's: first on the committed text, which is what
`mkdocs build` publishes, then, when there are uncommitted edits, on the working copy, which is
what `mkdocs serve` previews. Exit codes: 0 clean, 1 problems, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import NoReturn

from . import loader, newversion, siteconfig
from .dates import build_date
from .filedoc import FileSpec
from .model import printable
from .words import english

UNCOMMITTED = "[in your uncommitted edits only]"
COMMITTED_ONLY = "[in the committed text only: your uncommitted edits fix it]"


def config_file(path: Path) -> Path:
    """PATH is a site folder (with mkdocs.yml, or properdocs.yml) or that file; nothing else is searched.

    A folder without either is not read as a docs folder: run one folder off, that would scan
    whatever the folder holds (in /tmp, other projects' files).
    """
    found = path if path.is_file() else siteconfig.find(path)
    if found is None:
        names = " or ".join(siteconfig.CONFIG_FILES)
        looked = " or ".join(str(path / name) for name in siteconfig.CONFIG_FILES)
        raise siteconfig.ConfigProblem(f"{path}: no {names} here (looked for {looked})")
    return found


def check(args: argparse.Namespace) -> int:
    try:
        config = config_file(args.path)
        options = siteconfig.load(config)
        checker = loader.check_working_copy if args.working_copy else partial(loader.check_site, today=build_date())
        verdicts = checker(options)
    except (siteconfig.ConfigProblem, loader.OptionsError) as error:
        print(printable(str(error)), file=sys.stderr)
        return 2
    if not verdicts:
        shown = printable(str(options.docs_dir))
        print(
            f"{shown}: no documents found: no document folders (folders with a document.yml) there, and no "
            "file documents listed in mkdocs.yml (plugins.legaldocs.documents: `- {name: privacy, file: "
            "privacy.md}`; `legaldocs adopt FILE` writes the entry).",
            file=sys.stderr,
        )
        return 2
    for note in options.notes:
        print(f"note: {note}", file=sys.stderr)
    count = 0
    configuration = loader.Verdict(config.name, options.problems, options.warnings)
    for verdict in [configuration, *verdicts]:
        for note in verdict.notes:
            print(f"note: {note}", file=sys.stderr)
        for warning in (*verdict.warnings, *verdict.lag):
            print(f"warning: {warning}", file=sys.stderr)
        lines = [(str(p), "") for p in verdict.committed]
        if verdict.working is not None:
            # Uncommitted edits: each line says which text it is in, unless it is in both.
            working = [str(p) for p in verdict.working]
            lines = [(line, "" if line in working else COMMITTED_ONLY) for line, _ in lines]
            lines += [(line, UNCOMMITTED) for line in working if line not in dict(lines)]
        for line, tag in lines:
            print(f"{line} {tag}" if tag else line, file=sys.stderr)
        count += len(lines)
        if verdict.working is not None:
            print(
                f"{printable(verdict.shown_as)}: checked the committed text (what `mkdocs build` publishes) and your "
                "uncommitted edits (what `mkdocs serve` shows; `mkdocs build` leaves them out)"
                + (": no problems in either." if not lines else "; a line without a mark is in both."),
                file=sys.stderr,
            )
    if args.links:
        for path, line, href in loader.unchecked_links(options):
            said = f"link: {printable(path)}:{line}: {printable(href)} (published as written, not checked)"
            print(said, file=sys.stderr)
    warned = sum(len(v.warnings) for v in [configuration, *verdicts])
    lagging = sum(len(v.lag) for v in verdicts)  # check's own: the build publishes a lag with its notice
    lag_said = english(
        "{count} translation warnings, which fail only `legaldocs check --strict`: the build publishes "
        "the translation with its lag notice.",
        count=lagging,
    )
    # The problems went to stderr; the one-line summary goes to stdout.
    if count:
        print(english("{count} problems found.", count=count))
        return 1
    if (warned or lagging) and args.strict:
        said = [english("{count} warnings, which fail `mkdocs build --strict`.", count=warned)] if warned else []
        print(" ".join([*said, *([lag_said] if lagging else [])]))
        return 1
    checked = english("{count} documents checked: no problems.", count=len(verdicts))
    if warned:  # said in the summary too: the build with --strict fails on them
        key = "{count} warnings, which fail `mkdocs build --strict` (`legaldocs check --strict` fails on them too)."
        checked += " " + english(key, count=warned)
    if lagging:
        checked += " " + lag_said
    print(checked)
    return 0


def new_version(args: argparse.Namespace) -> int:
    try:
        file_document = _file_document(args.document)
    except newversion.NewVersionError as error:
        return _fail("new-version", str(error), 2)
    if file_document is not None:
        return _new_file_version(args, *file_document)
    try:
        folder = newversion.pick_document(args.docs_dir or _docs_dir(), args.document, _file_documents())
    except newversion.NewVersionError as error:
        return _fail("new-version", str(error), 2)
    try:
        started = newversion.start(folder, args.effective, args.summary, newversion.committed(folder))
    except newversion.NewVersionError as error:
        return _fail("new-version", str(error), 1)
    except OSError as error:
        return _fail("new-version", f"{folder}: {error.strerror or error}.", 1)
    days = (started.effective - build_date()).days
    when = english("in {count} days", count=days) if days >= 0 else english("{count} days ago", count=-days)
    draft = f"; it replaces {started.replaced_draft.isoformat()}, not committed yet" if started.replaced_draft else ""
    print(
        f"{started.path.as_posix()}: a new version, effective {started.effective.isoformat()} ({when}{draft}), "
        f"follows the version of {started.previous.isoformat()}. "
        "Next: edit the sections, run `legaldocs check`, and commit."
    )
    return 0


def _file_documents() -> list[FileSpec]:
    """The file documents mkdocs.yml here declares (none where it cannot be read: said elsewhere)."""
    config = siteconfig.find(Path())
    if config is None:
        return []
    try:
        return [d for d in siteconfig.load(config).documents if isinstance(d, FileSpec)]
    except siteconfig.ConfigProblem:
        return []


def _file_document(name: str | None) -> tuple[Path, FileSpec, str] | None:
    """The file document ``name`` as mkdocs.yml here declares it (the only one, where mkdocs.yml
    names no folder and no name is given): its file, its entry, the site's language; else None."""
    config = siteconfig.find(Path())
    if config is None:
        return None
    try:
        options = siteconfig.load(config)
    except siteconfig.ConfigProblem as error:
        raise newversion.NewVersionError(str(error)) from None
    files = [d for d in options.documents if isinstance(d, FileSpec)]
    if name is None and len(files) == 1 and len(files) == len(options.documents):
        name = files[0].name
    spec = next((d for d in files if d.name == name), None)
    if spec is None:
        return None
    return options.root / spec.file, spec, options.language


def _new_file_version(args: argparse.Namespace, path: Path, spec: FileSpec, language: str) -> int:
    shown = Path(os.path.relpath(path)) if path.is_relative_to(Path.cwd()) else path
    try:
        started = newversion.start_file(shown, spec, args.effective, language, newversion.committed_file(path))
    except newversion.NewVersionError as error:
        return _fail("new-version", str(error), 1)
    except OSError as error:
        return _fail("new-version", f"{shown}: {error.strerror or error}.", 1)
    print(
        f"{started.path.as_posix()}: a new version, effective {started.effective.isoformat()}, follows the "
        f"version of {started.previous.isoformat()}; only its date line changed. Next: edit the text, run "
        "`legaldocs check`, and commit with the summary as the commit message's first line: "
        f"{printable(' '.join(args.summary.split()))}"
    )
    return 0


def adopt_file(args: argparse.Namespace) -> int:
    from . import adopt  # GitPython: only for this command

    config = args.config_file
    path = args.file
    if not path.is_file() or path.is_symlink():
        return _fail("adopt", f"{path}: no such Markdown file (a link is never followed).", 2)
    if not config.is_file():
        fix = "run it in the site's folder, or give --config-file"
        return _fail("adopt", f"{config}: no mkdocs.yml here. Fix: {fix}.", 2)
    try:
        options = siteconfig.load(config)
    except siteconfig.ConfigProblem as error:
        return _fail("adopt", str(error), 2)
    try:
        rel = path.resolve().relative_to(options.root.resolve()).as_posix()
    except ValueError:
        return _fail("adopt", f"{path} is not in the folder of {config}. Fix: name a file of the site's repository.", 2)
    spec = FileSpec(args.name or adopt.default_name(path), rel, args.markdown)
    found = adopt.find(path.resolve(), spec, rel, build_date(), options.language)
    print(adopt.entry(spec), end="")
    for line in adopt.report(found):
        print(printable(line), file=sys.stderr)
    if args.write:
        try:
            adopt.write(config, spec)
        except (adopt.AdoptError, OSError) as error:
            return _fail("adopt", str(error), 1)
        print(f"{config}: added {spec.name!r} to plugins.legaldocs.documents.", file=sys.stderr)
    return 0


def _docs_dir() -> Path:
    """The docs folder that mkdocs.yml (or properdocs.yml) here names (read as data, like check), else ``docs``."""
    config = siteconfig.find(Path())
    if config is None:
        return Path("docs")
    try:
        docs_dir = siteconfig.load(config).docs_dir
    except siteconfig.ConfigProblem as error:
        raise newversion.NewVersionError(str(error)) from None
    return Path(os.path.relpath(docs_dir)) if docs_dir.is_relative_to(Path.cwd()) else docs_dir


def write_demo(args: argparse.Namespace) -> int:
    from . import demo  # imports GitPython: slow enough to matter to `check` in a pre-commit hook

    try:
        written = demo.write(args.dir)
    except demo.DemoError as error:
        return _fail("demo", str(error), 2 if error.usage else 1)
    print(
        f"{written.path}: a policy repository with {written.versions} versions (the last effective "
        f"{written.upcoming.isoformat()}, upcoming), {written.revisions} editorial revisions and the draft branch "
        f"{written.draft}.\nNext: cd {written.path} && mkdocs serve   (then open http://127.0.0.1:8000/privacy/)"
    )
    return 0


def _site(config_path: Path | None, command: str = "diff") -> loader.SiteOptions:
    """What `diff` and `notice` read of mkdocs.yml: the options the build uses, as data (``siteconfig.load``)."""
    from . import diffcmd

    if config_path is None:  # not given: this folder's mkdocs.yml, else its properdocs.yml
        config_path = siteconfig.find(Path()) or Path(siteconfig.CONFIG_FILE)
    if not config_path.is_file():
        raise diffcmd.DiffError(f"{config_path}: no such file; run in the site's folder, or give --config-file.")
    try:
        site = siteconfig.load(config_path)
    except siteconfig.ConfigProblem as error:
        raise diffcmd.DiffError(str(error)) from None
    for note in site.notes:
        print(f"legaldocs {command}: note: {note}", file=sys.stderr)
    for warning in site.warnings:
        print(f"legaldocs {command}: warning: {warning}", file=sys.stderr)
    if len(site.problems) == 1:
        raise diffcmd.DiffError(str(site.problems[0]))
    if site.problems:
        raise diffcmd.DiffError(
            f"{config_path} has {english('{count} problems', count=len(site.problems))}, listed above; fix them first.",
            2,
            site.problems,
        )
    return site


def diff(args: argparse.Namespace) -> int:
    from . import diffcmd, redline_text  # GitPython and the redline: slow imports that `check` does without

    try:
        result = diffcmd.diff(_site(args.config_file), args.base, args.head, args.document, build_date())
    except diffcmd.DiffError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return _fail("diff", str(error), error.code)
    # Every language whose text the change alters: the source always, each translation that changed.
    shown = [result, *(d for d in result.translations if not d.change.unchanged)]
    for each in shown:
        for warning in each.warnings:
            print(f"legaldocs diff: warning: {warning}", file=sys.stderr)
    if args.format == "markdown":  # one comment: GitHub's limit shared by the languages
        limit = redline_text.MARKDOWN_LIMIT // len(shown)
        out = "\n".join(redline_text.markdown(d, args.site_url, limit, link=args.link) for d in shown)
    elif args.format == "html":
        out = redline_text.html(result)
    elif args.format == "json":
        out = redline_text.as_json(result)
    else:
        color = not args.no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
        out = "\n".join(redline_text.terminal(d, color) for d in shown)
    try:
        if args.format == "text":
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]  # a terminal without "§" or "→"
            sys.stdout.write(out)
        else:  # a file for GitHub or a browser: UTF-8, whatever the locale
            sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:  # `legaldocs diff | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def write_notice(args: argparse.Namespace) -> int:
    from . import diffcmd, notice  # GitPython and the redline: slow imports that `check` does without

    try:
        site = _site(args.config_file, "notice")
        written = notice.for_site(site, args.version, args.document, build_date(), args.language, args.ledger)
    except diffcmd.DiffError as error:  # mkdocs.yml unreadable, as for `diff`
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return _fail("notice", str(error), error.code)
    except notice.NoticeError as error:
        return _fail("notice", str(error), error.code)
    out = notice.WRITERS[args.format](written)
    try:
        sys.stdout.buffer.write(out.encode("utf-8"))  # UTF-8 for an e-mail or a file, whatever the locale
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def at(args: argparse.Namespace) -> int:
    from . import atcmd  # the history: slow imports that `check --working-copy` does without

    try:
        options = siteconfig.load(config_file(args.config_file or Path(".")))
        if options.problems:
            raise atcmd.AtError(str(options.problems[0]))
        out = atcmd.at(options, args.date, args.document, build_date(), args.format)
    except (siteconfig.ConfigProblem, loader.OptionsError, atcmd.AtError) as error:
        return _fail("at", str(error), 2)
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return 0


def _fail(command: str, message: str, code: int) -> int:
    print(printable(f"legaldocs {command}: error: {message}"), file=sys.stderr)
    return code


def _date(text: str) -> date:
    try:
        return newversion.parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _version() -> str:
    """The installed package's version (pyproject.toml's), as `pip show legaldocs` says it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("legaldocs")
    except PackageNotFoundError:
        return "(not installed: run from a source tree)"


class _Parser(argparse.ArgumentParser):
    """Usage mistakes in one line that says where to look, not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _command(commands: argparse._SubParsersAction, name: str, help: str, examples: str) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=help,
        description=help[0].upper() + help[1:] + ".",
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="legaldocs",
        description=__doc__,
        epilog="Run `legaldocs COMMAND --help` for a command's options and examples.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"legaldocs {_version()}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_parser = _command(
        commands,
        "check",
        "validate the documents as `mkdocs build` would, and any uncommitted edits, without building",
        "  legaldocs check              # the site in this folder, read through its mkdocs.yml\n"
        "  legaldocs check site         # another site (a folder with mkdocs.yml, or the file)\n"
        "  legaldocs check --strict     # warnings fail too, as in `mkdocs build --strict`\n"
        "  legaldocs check --working-copy   # only the text on disk, no history: a pre-commit hook\n\n"
        "It checks the committed text (what `mkdocs build` publishes) and, when there are uncommitted\n"
        "edits, the working copy too, saying which is which.\n"
        "Exit code 0: no problems; 1: problems, one `file:line: message` per line; 2: bad usage\n"
        "(no mkdocs.yml in PATH, no documents found, mkdocs.yml unreadable).",
    )
    check_parser.add_argument(
        "path", nargs="?", default=Path("."), type=Path, help="the site folder or its mkdocs.yml (default: .)"
    )
    check_parser.add_argument(
        "--strict", action="store_true", help="warnings fail the check too, as in `mkdocs build --strict`"
    )
    check_parser.add_argument(
        "--links",
        action="store_true",
        help="also list the file documents' links that are published as written, unchecked: relative paths "
        "(other.md) and paths on the host (/articles/x), which point into the forge's site, not this one",
    )
    check_parser.add_argument(
        "--working-copy",
        action="store_true",
        help="check only the text on disk, without git history: fast, for a pre-commit hook",
    )

    compare = _command(
        commands,
        "diff",
        "show the redline between two versions, commits or the working tree of a document",
        "  legaldocs diff                          # the published branch against the working tree\n"
        "  legaldocs diff HEAD                     # the last commit against the working tree\n"
        "  legaldocs diff 2025-01-01 2026-03-01    # two published versions, by effective date\n"
        "  legaldocs diff origin/main HEAD --format markdown > redline.md   # a pull-request comment\n"
        '  legaldocs diff origin/main HEAD --format markdown --link "$RUN_URL"   # linked where it is shortened\n'
        "  legaldocs diff main my-branch --format html > redline.html\n"
        "  legaldocs diff HEAD~3 HEAD --format json --document privacy\n\n"
        "BASE and HEAD are each an effective date (YYYY-MM-DD, a version on the published branch), a commit\n"
        "or any git ref (sha, branch, tag, origin/main, HEAD~2), or WORKTREE (the files as they are).\n"
        "Warnings (an editorial revision, too short a notice) go to stderr, and into the Markdown and JSON.\n"
        "Exit code 0: done, warnings or not; 1: a side is not a valid document (its problems are listed,\n"
        "`file:line: message`); 2: bad usage, an unknown ref or date.",
    )
    compare.add_argument("base", nargs="?", metavar="BASE", help="default: the published branch (main)")
    compare.add_argument("head", nargs="?", metavar="HEAD", help="default: WORKTREE, the working tree")
    compare.add_argument(
        "--document",
        metavar="DOC",
        help="the document's folder under docs/, or a file document's name (default: the only one); "
        "DOC/LANG (e.g. privacy/de) for one translation only (default: the document and each translation)",
    )
    compare.add_argument(
        "--format", choices=("text", "markdown", "html", "json"), default="text", help="default: text, for a terminal"
    )
    compare.add_argument("--site-url", metavar="URL", help="the preview's address, for links in the Markdown")
    compare.add_argument(
        "--link",
        metavar="URL",
        help="where the full redline can be read (e.g. the CI run with the preview): the Markdown links it "
        "wherever it shortens unchanged text to fit a GitHub comment (default: the preview's changes page)",
    )
    compare.add_argument("--no-color", action="store_true", help="no colour, even on a terminal (NO_COLOR too)")
    compare.add_argument(
        "--config-file",
        "-f",
        type=Path,
        metavar="PATH",
        help="the site's mkdocs.yml (default: mkdocs.yml, else properdocs.yml, in this folder)",
    )

    telling = _command(
        commands,
        "notice",
        "write the notice to send your users for a new version: what changes, from when, with how much notice",
        "  legaldocs notice                              # the upcoming version, else the latest, as text\n"
        "  legaldocs notice 2026-03-01 --format html > notice.html   # for an e-mail\n"
        "  legaldocs notice --document privacy --format markdown --language de\n\n"
        "It says the version's summary, its effective date, when it was announced and how many days of\n"
        "notice that gives, each changed section and purpose (linked to its redline where mkdocs.yml has\n"
        "a site_url) and the purposes whose lawful basis changes. The HTML is safe for e-mail: inline\n"
        "styles only, no script, no remote image. The JSON follows schemas/notice.schema.json.\n"
        "Exit code 0: written; 1: the document has problems (run `legaldocs check`); 2: bad usage, an\n"
        "unknown version or document.",
    )
    telling.add_argument(
        "version", nargs="?", metavar="VERSION", help="its effective date (default: the upcoming one, else the latest)"
    )
    telling.add_argument(
        "--document",
        metavar="DOC",
        help="the document's folder under docs/, or a file document's name; DOC/LANG (e.g. privacy/de) for the "
        "notice of its translation, in that language",
    )
    telling.add_argument(
        "--language",
        metavar="LANG",
        help="the notice's language (default: theme.language); where the document has a translation in LANG, "
        "that translation's notice",
    )
    telling.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text", help="default: text")
    telling.add_argument(
        "--ledger",
        type=Path,
        metavar="PATH",
        help="a ledger.json to take the announced dates from, as the build does (in CI: site/ledger.json, "
        "just built); default: the ledger mkdocs.yml names, else each version's first commit",
    )
    telling.add_argument(
        "--config-file",
        "-f",
        type=Path,
        metavar="PATH",
        help="the site's mkdocs.yml (default: mkdocs.yml, else properdocs.yml, in this folder)",
    )

    start = _command(
        commands,
        "new-version",
        "start a new version of a document: a new effective date and summary in its document.yml",
        "  legaldocs new-version --effective 2026-03-01 --summary 'Adds analytics cookies.'\n"
        "  legaldocs new-version privacy --effective 2026-03-01 --summary 'Names our DPO.'\n\n"
        "Only the values of `effective` and `summary` change; comments and layout stay as they are.\n"
        "The date must be after the current version's (the one committed). Then edit the sections,\n"
        "run `legaldocs check`, and commit: the site shows the new version from that commit on.",
    )
    start.add_argument(
        "document",
        nargs="?",
        help="the document's folder under docs/, or a file document's name (default: the only one)",
    )
    start.add_argument("--effective", required=True, type=_date, metavar="YYYY-MM-DD", help="when it takes effect")
    start.add_argument("--summary", required=True, help="what the new version changes, in a sentence or two")
    start.add_argument(
        "--docs-dir", type=Path, help="the docs folder (default: the docs_dir of mkdocs.yml here, else docs)"
    )

    adopting = _command(
        commands,
        "adopt",
        "publish a policy kept as one Markdown file: print its mkdocs.yml entry and what its history holds",
        "  legaldocs adopt Policies/privacy-statement.md\n"
        "  legaldocs adopt PRIVACY.md --name privacy --markdown github --write\n\n"
        "The entry for mkdocs.yml goes to stdout; the findings to stderr: the versions in the file's\n"
        "history and their dates, the commits whose date cannot be read, the section level. With --write\n"
        "the entry is added to mkdocs.yml, its comments and layout kept.\n"
        "Exit code 0: done; 1: mkdocs.yml could not be edited; 2: bad usage (no such file, no mkdocs.yml).",
    )
    adopting.add_argument("file", type=Path, metavar="FILE", help="the policy's Markdown file")
    adopting.add_argument("--name", help="the document's address (default: made from the file's name)")
    adopting.add_argument(
        "--markdown", choices=("mkdocs", "github"), default="mkdocs", help="how the text is read (default: mkdocs)"
    )
    adopting.add_argument("--write", action="store_true", help="add the entry to mkdocs.yml")
    adopting.add_argument(
        "--config-file",
        "-f",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="PATH",
        help="the site's mkdocs.yml (default: mkdocs.yml)",
    )

    when = _command(
        commands,
        "at",
        "say which version, and which revision of it, was in force on a day, with its address and its text's SHA-256",
        "  legaldocs at 2021-06-30\n"
        "  legaldocs at 2021-06-30 --document privacy --format json\n\n"
        "The same answer as the site's page /<doc>/at/?date=DATE, from the published branch's history\n"
        "(no build): the version whose effective date is the last on or before DATE, and its latest revision\n"
        "committed by then. A day before the first version, or after today (what will be in force, as\n"
        "published now), is said as such. Addresses are absolute where mkdocs.yml sets site_url.\n"
        "Exit code 0: done; 2: bad usage (no mkdocs.yml, no such document, several and none named).",
    )
    when.add_argument("date", type=_date, metavar="DATE", help="the day, YYYY-MM-DD")
    when.add_argument(
        "--document",
        metavar="DOC",
        help="the document's folder under docs/ (default: the only one); DOC/LANG (e.g. privacy/de) for its "
        "translation: the source's version in force, and the translation of it or the lag",
    )
    when.add_argument("--format", choices=("text", "json"), default="text", help="default: text")
    when.add_argument(
        "--config-file",
        "-f",
        type=Path,
        metavar="PATH",
        help="the site's mkdocs.yml (default: mkdocs.yml, else properdocs.yml, in this folder)",
    )

    sample = _command(
        commands,
        "demo",
        "write a ready-to-build policy repository with a history, to try legaldocs on",
        "  legaldocs demo /tmp/policy && cd /tmp/policy && mkdocs serve\n\n"
        "The repository has several versions with real edits, editorial revisions, an upcoming version,\n"
        "a draft branch, and the GitHub Actions workflows (.github/workflows/policy.yml, and\n"
        "policy-redline.yml, which comments a pull request's redline). Dates are\n"
        "relative to today. DIR must be new or empty.",
    )
    sample.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "new-version":
        return new_version(args)
    if args.command == "demo":
        return write_demo(args)
    if args.command == "adopt":
        return adopt_file(args)
    if args.command == "diff":
        return diff(args)
    if args.command == "notice":
        return write_notice(args)
    if args.command == "at":
        return at(args)
    return check(args)


if __name__ == "__main__":
    raise SystemExit(main())
