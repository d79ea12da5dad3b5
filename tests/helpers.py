"""Building real sites in temporary folders, the way an editor would."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import locale
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import traceback
import urllib.request
import warnings
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
import jinja2.bccache
import lxml.html
from git import Repo

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "privacy-and-cookie-policy.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_site(target: Path, *, git: bool = True) -> Path:
    """The project's own site (mkdocs.yml, docs/, overrides/) in a temporary folder.

    With ``git`` (the default), it is a real repository with the site as its first commit,
    as every real site is: without one, the build warns that there is no history.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "overrides", target / "overrides")
    if git:
        commit(init_repo(target), "Publish the policy", "2019-01-10")
    return target


def init_repo(path: Path, branch: str = "main") -> Repo:
    repo = Repo.init(path, initial_branch=branch)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Legal Editor")
        config.set_value("user", "email", "editor@example.com")
        config.set_value("commit", "gpgsign", "false")
    (path / ".gitignore").write_text("site/\n")
    return repo


def commit(repo: Repo, message: str, day: str) -> str:
    """Commit everything, dated ``day`` (YYYY-MM-DD, noon UTC), as a real `git commit` does."""
    stamp = f"{day}T12:00:00+00:00"
    repo.git.add("-A")
    repo.git.commit("-m", message, "--allow-empty", env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    return repo.head.commit.hexsha


#: Each real `mkdocs` or `legaldocs` process costs 1–2 s of Python, MkDocs and Material imports before it
#: does anything: the tests run both commands in this process (``run``), and start a real process only
#: where the process itself is what is tested (the console scripts, `mkdocs serve`, a memory limit).
Environ = Mapping[str, str | None]


def _environ(env: Environ | None) -> dict[str, str]:
    """This process's environment with ``env`` over it (``None`` unsets a variable), and MkDocs 2's
    notice, which Material prints on every build, silenced."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name, value in (env or {}).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    return environ


@contextlib.contextmanager
def _environment(cwd: Path | str, env: Environ | None) -> Iterator[None]:
    """The folder and environment a process started there would have (``None`` unsets a variable),
    and this process's own back afterwards, whatever happened."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    try:
        environ = _environ(env)
        os.environ.clear()
        os.environ.update(environ)
        os.chdir(cwd)
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def _options(schema: Any) -> list[Any]:
    """MkDocs' config options, nested ones included: objects of the config class, shared by every
    config of the process, which keep the last config they validated (``siteconfig.load`` copies
    them, and a copy of one that holds a built site's theme fails)."""
    from mkdocs.config.base import BaseConfigOption

    found: list[Any] = []
    todo: list[Any] = [schema]
    while todo:
        value = todo.pop()
        if isinstance(value, (list, tuple)):  # a schema: (name, option) pairs
            todo += value
        elif isinstance(value, BaseConfigOption) and all(value is not o for o in found):
            found.append(value)
            todo += vars(value).values()
    return found


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled once for the test session. Every build makes new Jinja environments
    (MkDocs' for Material, legaldocs' own), and compiling Material's templates anew was more than
    half of a build's time; this is Jinja's own bytecode cache, in memory. Jinja checks each
    template's source against the cached code's, so a template a test changes is compiled again."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


@contextlib.contextmanager
def _compiled_once() -> Iterator[None]:
    """Every Jinja environment made during a run uses ``_COMPILED`` (unless it has a cache of its own)."""
    made = jinja2.Environment.__init__

    def init(self: jinja2.Environment, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        if self.bytecode_cache is None:
            self.bytecode_cache = _COMPILED

    jinja2.Environment.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        jinja2.Environment.__init__ = made  # type: ignore[method-assign]


@contextlib.contextmanager
def _fresh_mkdocs() -> Iterator[None]:
    """What MkDocs keeps from one run to the next in a process, undone, so each run starts as a new
    process would. MkDocs keeps every plugin with an ``on_startup`` (legaldocs, with its caches and
    what it has already said) for the process's life, as `mkdocs serve` wants: each run gets new
    ones. Its command line sets up logging on every run and never takes it down: a handler on the
    ``mkdocs`` logger (a second run would print everything twice) and a filter that drops any
    message it has seen before (a second build would hide the first one's warnings): the loggers are
    put back as they were. It prints unwrapped, whatever the terminal pytest runs in."""
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.config.defaults import MkDocsConfig

    options = _options(MkDocsConfig._schema)
    states = [(option, dict(vars(option))) for option in options]
    plugins = MkDocsConfig.plugins.plugin_cache  # one for the process: the option is the class's

    loggers = [logging.getLogger(name) for name in ("mkdocs", "mkdocs.commands.build")]
    saved = [(lg, lg.level, lg.propagate, list(lg.handlers), list(lg.filters)) for lg in loggers]
    width = ColorFormatter.text_wrapper.width
    ColorFormatter.text_wrapper.width = 0  # as in a process whose output is not a terminal
    plugins.clear()
    try:
        with warnings.catch_warnings(), _compiled_once():  # MkDocs replaces warnings.showwarning and filters
            yield
    finally:
        plugins.clear()
        for option, state in states:
            vars(option).clear()
            vars(option).update(state)
        ColorFormatter.text_wrapper.width = width
        for lg, level, propagate, handlers, filters in saved:
            lg.setLevel(level)
            lg.propagate = propagate
            lg.handlers[:] = handlers
            lg.filters[:] = filters


def _text(data: bytes) -> str:
    """What ``subprocess.run(..., text=True)`` makes of a process's output: decoded as the locale
    says, with universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=locale.getpreferredencoding(False)).read()


def run(
    program: str, main: Callable[[], object], args: tuple[str, ...], cwd: Path | str, env: Environ | None
) -> subprocess.CompletedProcess[str]:
    """Run a console script's ``main`` in this process as the script would run in its own: in
    ``cwd`` with ``env``, output to pipes (not a terminal), the exit code from ``SystemExit`` or the
    return value, and an uncaught exception's traceback on stderr with exit code 1, as Python
    prints it: a test that no traceback reaches an editor still sees one."""
    encoding = locale.getpreferredencoding(False)
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding=encoding, write_through=True)
    stderr = io.TextIOWrapper(err, encoding=encoding, errors="backslashreplace", write_through=True)
    saved = sys.stdout, sys.stderr, sys.stdin
    code: object = 0
    with _environment(cwd, env):
        sys.stdout, sys.stderr, sys.stdin = stdout, stderr, io.TextIOWrapper(io.BytesIO())
        try:
            code = main()
        except SystemExit as exit:
            code = exit.code
        except BaseException:
            traceback.print_exc(file=stderr)
            code = 1
        finally:
            for stream in (stdout, stderr):
                with contextlib.suppress(ValueError):
                    stream.flush()
            sys.stdout, sys.stderr, sys.stdin = saved
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): printed, exit code 1
        err.write(f"{code}\n".encode(encoding, "backslashreplace"))
        code = 1
    return subprocess.CompletedProcess([program, *args], code, _text(out.getvalue()), _text(err.getvalue()))


#: Variables read when a process starts (Python's module path and encoding, the locale, where
#: programs such as git are found): a command run with one of these set runs in a process of its own,
#: or setting them would test nothing.
_AT_START = re.compile(r"PYTHON|LC_|LANG$|PATH$")


def in_a_process(env: Environ | None) -> bool:
    """Whether ``env`` sets anything only a new process would see."""
    return any(_AT_START.match(name) for name in env or {})


def legaldocs(*args: str, cwd: Path | str = ".", env: Environ | None = None) -> subprocess.CompletedProcess[str]:
    """The `legaldocs` command line, run in this process (``run``): what an editor would see, without
    starting Python again. ``legaldocs_process`` runs the real console script, as this does for an
    ``env`` only a new process would see (``in_a_process``)."""
    from legaldocs import cli

    if in_a_process(env):
        return legaldocs_process(*args, cwd=cwd, env=env)
    return run("legaldocs", lambda: sys.exit(cli.main(list(args))), args, cwd, env)


def legaldocs_process(
    *args: str, cwd: Path | str = ".", env: Environ | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The real `legaldocs` console script in a process of its own, for what only a process shows."""
    environ = _environ(env)
    return subprocess.run(["legaldocs", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environ)


def mkdocs(site: Path, *args: str, env: Environ | None = None) -> subprocess.CompletedProcess[str]:
    """The mkdocs command line (its click command, with its logging, `--strict` and exit codes), run
    in ``site`` in this process (``run``). ``mkdocs_process`` runs the real one, as this does for
    `mkdocs serve` and for an ``env`` only a new process would see (``in_a_process``)."""
    from mkdocs.__main__ import cli

    if in_a_process(env) or args[:1] == ("serve",) or _runs_the_sites_code(site):
        return mkdocs_process(site, *args, env=env)
    with _fresh_mkdocs():
        return run("mkdocs", lambda: cli.main(list(args), prog_name="mkdocs"), args, site, env)


def _runs_the_sites_code(site: Path) -> bool:
    """Whether mkdocs.yml names hooks, Python the build runs: in this process they could change legaldocs
    itself for every test after (a test's hook that replaced ``redline.compare`` blinded later redlines)."""
    config = site / "mkdocs.yml"
    return config.is_file() and re.search(r"^hooks:", config.read_text(encoding="utf-8"), re.M) is not None


def mkdocs_process(site: Path, *args: str, env: Environ | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real mkdocs command line in a process of its own, as an editor would."""
    environ = _environ(env)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=site,
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
    )


def build(site: Path, *extra: str, env: Environ | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict``, which must succeed."""
    result = mkdocs(site, "build", "--strict", *extra, env=env)
    assert result.returncode == 0, result.stderr
    return result


def page(site: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / "site" / rel)).getroot()


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def shown_counts(root: lxml.html.HtmlElement) -> list[tuple[int, str]]:
    """The counts a changes page opens with, as ``redline_html.count_items`` gives them: (the number in
    ``ld-count``, the item's words as read), in the page's order."""
    return [
        (int(li.xpath("string(span[@class='ld-count'])")), text(li))
        for li in root.xpath("//article//ul[@class='ld-counts']/li")
    ]


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The line an editor would be sent to, found independently of the code under test."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def commit_site(site: Path, message: str, day: str = "2019-02-01") -> str:
    """Commit what a test changed in a site made by copy_site."""
    return commit(Repo(site), message, day)


def png(width: int = 4, height: int = 3) -> bytes:
    """A real, tiny PNG image (solid grey), made without an imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def add_logo(site: Path) -> None:
    """A logo next to the document, shown from inside a section by a relative address."""
    (site / "docs/privacy/logo.png").write_bytes(png())
    edit(site / "docs/privacy/sections/who-we-are.md", "\n", "\n![ClusterSeven logo](logo.png)\n\n")


def serious_violations(tab: Any) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical violations on the page: (rule, impact, how many nodes)."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in Axe().run(tab).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# Builders shared by test modules (which import them from here, never from each other) -----------

#: The build date most tests pin (``SOURCE_DATE_EPOCH``): 2025-01-01, so "in force" and "upcoming"
#: do not change with the day the tests run.
EPOCH = {"SOURCE_DATE_EPOCH": str(int(datetime(2025, 1, 1, tzinfo=timezone.utc).timestamp()))}

#: A small valid document for the core's tests (``files``): its document.yml and purposes.yml.
DOCUMENT = """\
title: Example Policy
effective: 2024-03-01
summary: First version.
sections:
  - intro
  - contact
facts:
  email: privacy@example.com
"""

PURPOSES = """\
caption: How we use your data
data_types:
  - id: contact
    label: Contact
  - id: usage
    label: Usage
purposes:
  - id: service
    purpose: To provide the service.
    data: [contact, usage]
    bases:
      - contract
      - legitimate_interests: to keep the service secure
"""


def files(**changes: str | None) -> dict[str, bytes]:
    """A small valid document; keyword arguments replace (or with None, delete) a file."""
    base = {
        "document.yml": DOCUMENT,
        "purposes.yml": PURPOSES,
        "sections/intro.md": ("# Introduction\n\nWe explain this in {{ section: contact }}.\n\n{{ purposes }}\n"),
        "sections/contact.md": "# Contact\n\nWrite to {{ fact: email }}.\n",
    }
    for key, value in changes.items():
        path = key.replace("__", "/").replace("_md", ".md").replace("_yml", ".yml")
        if value is None:
            base.pop(path)
        else:
            base[path] = value
    return {k: v.encode() for k, v in base.items()}


def new_version(site: Path, effective: str, summary: str) -> None:
    """Start a new version of a site made by copy_site: a new effective date and a summary of what
    it changes."""
    path = site / "docs/privacy/document.yml"
    content = path.read_text(encoding="utf-8")
    content = re.sub(r"^effective: .*$", f"effective: {effective}", content, flags=re.M)
    quoted = json.dumps(summary)  # a JSON string is a valid YAML string, colons and all
    content = re.sub(r"^summary: >-\n(  .*\n)+", f"summary: {quoted}\n", content, flags=re.M)
    content = re.sub(r"^summary: (?!>-).*$", f"summary: {quoted}", content, flags=re.M)
    path.write_text(content, encoding="utf-8")


def versions(site: Path) -> list[str]:
    """The versions a built site's versions page lists (their ids), in its order."""
    root = page(site, "privacy/versions/index.html")
    return [s.get("id") for s in root.xpath("//section[@class='ld-version']")]


def one_section_document(effective: str, body: str = "Text.") -> Any:
    """A document of one section, made directly (no files): for the core's history tests."""
    from legaldocs.model import Document, Section

    section = Section("a", "A", body, "docs/x/sections/a.md", 2)
    return Document("x", "X", date.fromisoformat(effective), "S", (section,))


def dated_commit(n: int, day: str) -> Any:
    """Commit number ``n`` (its sha is ``n`` in hex), made at noon UTC on ``day``."""
    from legaldocs.model import Commit

    return Commit(f"{n:040x}", datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=timezone.utc), "A", f"c{n}")


def four_versions() -> Any:
    """A history of four commits: a first version, a second one corrected by a revision (with HTML
    in its text), and one upcoming after the build date (2025-01-01)."""
    from legaldocs import history

    docs = {
        "1": one_section_document("2018-01-01"),
        "2": one_section_document("2019-01-01", "Second <script>alert(1)</script> & more."),
        "3": one_section_document("2019-01-01", "Second, corrected."),
        "4": one_section_document("2030-01-01", "Upcoming."),
    }

    def read(files: dict[str, bytes]) -> tuple[Any, list[Any]]:
        return docs[files["k"].decode()], []

    days = {1: "2017-06-01", 2: "2018-10-01", 3: "2018-11-01", 4: "2029-10-01"}
    snapshots = [(dated_commit(n, days[n]), {"k": str(n).encode()}) for n in (1, 2, 3, 4)]
    return history.build(snapshots, read, date(2025, 1, 1), shown_as="docs/x").history


def example_url(target: str) -> str:
    """Addresses on https://example.com/x/ for a route target such as ``changes:2019-01-01``."""
    kind, _, slug = target.partition(":")
    return "https://example.com/x/" + (f"{kind}/{slug}/" if slug else "")


def unsafe_html(site_dir: Path) -> list[str]:
    """Every event handler, script address or third-party address in the published HTML."""
    found = []
    for path in site_dir.rglob("*.html"):
        root = lxml.html.parse(str(path)).getroot()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if name.startswith("on"):
                    found.append(f"{path.name}: {element.tag} {name}")
                if name in ("href", "src", "action", "formaction", "data", "poster", "srcset"):
                    address = value.strip().lower()
                    if address.startswith(("javascript:", "data:text", "vbscript:")):
                        found.append(f"{path.name}: {element.tag} {name}={value}")
                    host = urlsplit(address).hostname
                    if name != "href" and host and host not in ("127.0.0.1", "localhost"):
                        found.append(f"{path.name}: {element.tag} {name}={value}")
            if element.tag == "script" and element.get("type") in ("application/json", "application/ld+json"):
                # Data the browser never runs (the scripts' words, a version's JSON-LD): hostile words
                # may be in it as text, escaped so that nothing in it can close the element.
                if "<" in (element.text or ""):
                    found.append(f"{path.name}: a data script with '<' in it")
            elif element.tag == "script" and (element.text or "").find("__pwned") >= 0:
                found.append(f"{path.name}: an injected script")
    return found


def subcommands() -> list[str]:
    """The `legaldocs` command line's commands, as its parser declares them."""
    from legaldocs import cli

    parser = cli.parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


# `mkdocs serve` in a real process (test_serve, test_file_documents).
WAIT = 90  # seconds: bounded, never a timing assertion, only a limit on waiting


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        body = fetch(url)
        if needle in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {WAIT} s")


@contextlib.contextmanager
def serving(site: Path, log_path: Path) -> Iterator[str]:
    """`mkdocs serve` of ``site``, its output kept in ``log_path``; yields the address."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=site,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=30)


# The site of `legaldocs notice`'s tests (test_notice, test_feed, test_workflow).
NOTICE_SITE_URL = "https://ex.am/"
_NOTICE_LINKS = "docs/privacy/sections/links.md"
_NOTICE_PURPOSES = "docs/privacy/purposes.yml"
_NOTICE_DOCUMENT = "docs/privacy/document.yml"
_NOTICE_TABLE = "\n\n| Partner | Country |\n|---|---|\n| Acme | UK |\n| Beta | FR |\n"
#: The summary of the new version: policy text, so hostile markup in it must reach no format as markup.
NOTICE_SUMMARY = "Adds a lawful basis for registering; <script>alert(1)</script> & the links section moves."


def notice_site(path: Path, site_url: str = NOTICE_SITE_URL) -> Path:
    """Two versions: the second adds a lawful basis to a purpose, moves a section after another, and
    changes a row of a table in its text; announced 40 days before it takes effect."""
    copy_site(path)  # the version of 2018-05-25, committed 2019-01-10
    if site_url:
        edit(path / "mkdocs.yml", "site_name:", f"site_url: {site_url}\nsite_name:")
    links = path / _NOTICE_LINKS
    links.write_text(links.read_text(encoding="utf-8").rstrip("\n") + _NOTICE_TABLE, encoding="utf-8")
    commit_site(path, "Editorial: the partners as a table", "2019-01-12")
    new_version(path, "2019-03-01", NOTICE_SUMMARY)
    edit(
        path / _NOTICE_PURPOSES,
        "    data_full_stop: false\n    bases: [contract]",
        "    data_full_stop: false\n    bases: [contract, legal_obligation]",
    )
    edit(path / _NOTICE_DOCUMENT, "  - links\n  - cookies\n", "  - cookies\n  - links\n")
    edit(links, "| Beta | FR |", "| Beta | DE |")
    commit_site(path, "Second version", "2019-01-20")
    return path


#: The registers of the project's site (docs/privacy), for tests of cookies.yml and recipients.yml (issue 21).
SITE_COOKIES = """\
caption: Cookies on our website
cookies:
  - id: session
    name: sessionid
    provider: ClusterSeven
    party: first
    category: strictly_necessary
    duration: session
    purpose: Keeps you signed in.
    purposes: [provide-services]
  - id: matomo
    name: _pk_id
    provider: ClusterSeven
    party: first
    category: analytics
    duration: 13 months
    purpose: Counts visits.
"""

SITE_RECIPIENTS = """\
recipients:
  - id: hosting
    name: Hosting GmbH
    role: processor
    service: Hosts our servers.
    location: [DE]
  - id: mailer
    name: Mailer Inc.
    role: sub_processor
    service: Sends our e-mail.
    location: [US]
    transfer: scc
"""


#: Where the archive tests pretend the site is published, to resolve its relative addresses.
SITE_ROOT = "https://site.test/"


def redirect(site: Path, rel: str) -> str:
    """Where the page at ``rel`` sends a reader: its meta refresh, its canonical link and its
    visible link must agree; returned site-relative."""
    root = page(site, rel)
    here = urljoin(SITE_ROOT, rel)
    (refresh,) = root.xpath("//head/meta[@http-equiv='refresh']/@content")
    delay, _, target = refresh.partition(";")
    assert delay.strip() == "0" and target.strip().startswith("url=")
    to = urljoin(here, target.strip().removeprefix("url="))
    (canonical,) = root.xpath("//head/link[@rel='canonical']/@href")
    (visible,) = root.xpath("//body//a/@href")
    assert urljoin(here, canonical) == to and urljoin(here, visible) == to
    return to.removeprefix(SITE_ROOT)
