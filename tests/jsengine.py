"""The browser's redline engine (assets/redline.js) run under Node: parity with the Python engine
checked in every pytest run, without a browser.

One Node process per test module (the ``js_engine`` fixture in conftest.py), fed many pairs per
call as JSON lines (tests/jsengine.js). ``render`` needs a DOM for the blocks it wraps: Node has
none, so the process uses jsdom from Debian's ``node-jsdom`` package (``apt-get install nodejs
node-jsdom``; .ci/run installs both). Without ``node`` the tests skip (fail under CI=true); without
jsdom only the HTML comparisons do.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

import lxml.html
from legaldocs import redline, redline_html, redline_rules, words
from legaldocs.redline import DocumentText

SCRIPT = redline_rules.SOURCE
DRIVER = Path(__file__).with_name("jsengine.js")
#: Where Debian installs Node packages (node-jsdom): not on the module path of every Node build.
NODE_MODULES = ("/usr/share/nodejs", "/usr/lib/nodejs")
INSTALL = "apt-get install nodejs node-jsdom"
TIMEOUT = 600  # seconds for one call: a batch of hundreds of pairs takes a few


def node() -> str | None:
    return shutil.which("node") or shutil.which("nodejs")


class EngineError(Exception):
    """The Node process died or did not answer: its error output says why."""


class Engine:
    """A running ``node jsengine.js redline.js``: ``compare`` many pairs in one round trip. The script is
    redline.js as the site publishes it, its rules written in (``redline_rules.script``)."""

    def __init__(self, executable: str) -> None:
        paths = [p for p in (os.environ.get("NODE_PATH", ""), *NODE_MODULES) if p]
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed by close())
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix="-redline.js", delete=False) as built:
            built.write(redline_rules.script())
        self._script = Path(built.name)
        self._process = subprocess.Popen(
            [executable, str(DRIVER), str(self._script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            env={**os.environ, "NODE_PATH": os.pathsep.join(paths)},
        )
        hello = self._call({"op": "hello"})
        if hello["engine"] != "object":
            raise EngineError(f"{SCRIPT} did not set LegalDocsRedline under Node")
        #: Why there is no DOM (so no ``render``), or "" when there is one.
        self.no_dom: str = hello["dom"]

    def _call(self, request: dict[str, Any]) -> Any:
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        watchdog = threading.Timer(TIMEOUT, process.kill)
        watchdog.start()
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        finally:
            watchdog.cancel()
        if not line:
            self._stderr.seek(0)
            raise EngineError(f"node stopped (exit {process.poll()}): {self._stderr.read()[-4000:]}")
        return json.loads(line)

    def compare(
        self, versions: list[dict[str, Any]], pairs: list[tuple[int, int]], html: bool = True, language: str = "en"
    ) -> list[Any]:
        """``LegalDocsRedline.compare(versions[i], versions[j])`` for each pair, as ``expected`` shapes it,
        rendered with the words of ``language`` (``words.script_words``, as a page gives them); a pair the
        engine threw on is ``{"error": its stack}``."""
        request = {"op": "compare", "versions": versions, "pairs": pairs, "html": html}
        found = self._call({**request, "words": words.script_words(language)} if language != "en" else request)
        return [r["ok"] if "ok" in r else {"error": r["error"]} for r in found]

    def diff(self, texts: list[tuple[str, str]]) -> list[Any]:
        return [r.get("ok", r) for r in self._call({"op": "diff", "texts": texts})]

    def matches(self, lists: list[tuple[list[str], list[str]]]) -> list[Any]:
        return [r.get("ok", r) for r in self._call({"op": "matches", "lists": lists})]

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._stderr.close()
        self._script.unlink(missing_ok=True)


def elements(html: str) -> list[tuple[Any, ...]]:
    """Every element as (tag, attributes, text, tail): the structure two serialisers share."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(e.tag, dict(e.attrib), e.text or "", e.tail or "") for e in root.iter() if isinstance(e.tag, str)]


def expected(old: DocumentText, new: DocumentText, html: bool = True, language: str = "en") -> dict[str, Any]:
    """What the Python engine gives for one pair, in the shape ``Engine.compare`` answers."""
    change = redline.compare(old, new)
    out: dict[str, Any] = {"change": change.to_dict()}
    if html:
        t = words.translator(language)
        out["html"] = [redline_html.change_html(change, t=t), redline_html.change_html(change, hide_minor=True, t=t)]
    return out


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    """A result with its HTML as parsed structure, so that two serialisations of one tree are equal."""
    if "html" not in result:
        return result
    return {**result, "html": [elements(h) for h in result["html"]]}


def first_difference(a: Any, b: Any, at: str = "") -> tuple[str, Any, Any] | None:
    """Where two JSON-like values first differ: (path, a's value there, b's value there)."""
    if type(a) is not type(b):
        return at or "/", a, b
    if isinstance(a, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                return f"{at}/{key}", a.get(key, "(missing)"), b.get(key, "(missing)")
            found = first_difference(a[key], b[key], f"{at}/{key}")
            if found:
                return found
        return None
    if isinstance(a, (list, tuple)):
        for n, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{at}/{n}")
            if found:
                return found
        if len(a) != len(b):
            return f"{at} (length)", len(a), len(b)
        return None
    return None if a == b else (at or "/", a, b)
