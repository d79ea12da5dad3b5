"""The documentation site's MkDocs hooks: the reference pages' generated parts, made from the code.

A page asks for one with a line of its own, ``<!-- generated: NAME -->`` (invisible where the
Markdown is read as it is, on GitHub); ``gen_reference.GENERATORS`` says which names there are.
The JSON Schemas of the package are published beside the reference pages, and the demo policy
(`legaldocs demo`, built by `mkdocs build --strict` as a policy site is) under ``demo/``, as an
example built from today's legaldocs: its dates are relative to the day it is built.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).parent))

import gen_reference  # found beside this file

MARKER = re.compile(r"^<!-- generated: ([\w-]+) -->$", re.M)
SCHEMAS = ("diff.schema.json", "notice.schema.json", "options.schema.json", "versions.schema.json")
#: Where the demo policy is published in this site.
DEMO = "demo"
#: The folder the demo is written and built in, for one build (removed after it).
_built: list[Path] = []


def on_files(files: Files, config: Any) -> Files:
    for name in SCHEMAS:
        files.append(File.generated(config, f"reference/{name}", abs_src_path=str(gen_reference.SCHEMAS / name)))
    site = _demo()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            rel = path.relative_to(site).as_posix()
            files.append(File.generated(config, f"{DEMO}/{rel}", abs_src_path=str(path)))
    return files


def _demo() -> Path:
    """The demo written and built as a user would (`legaldocs demo`, then `mkdocs build --strict`)."""
    from legaldocs import demo

    folder = Path(tempfile.mkdtemp(prefix="legaldocs-demo-"))
    _built.append(folder)
    demo.write(folder / "policy")
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(folder / "site")]
    result = subprocess.run(command, cwd=folder / "policy", capture_output=True, text=True, env=environ, timeout=300)
    if result.returncode != 0:
        raise PluginError(f"the demo policy did not build (legaldocs demo; mkdocs build --strict):\n{result.stderr}")
    return folder / "site"


def _clean() -> None:
    while _built:
        shutil.rmtree(_built.pop(), ignore_errors=True)


def on_post_build(config: Any) -> None:
    _clean()


def on_build_error(error: Exception) -> None:
    _clean()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in gen_reference.GENERATORS:
            known = ", ".join(gen_reference.GENERATORS)
            raise PluginError(f"{page.file.src_uri}: no generated part called {name!r} (there are: {known})")
        return gen_reference.GENERATORS[name]()

    return MARKER.sub(fill, markdown)
