"""The documentation site's MkDocs hooks: the reference pages' generated parts, made from the code.

A page asks for one with a line of its own, ``<!-- generated: NAME -->`` (invisible where the
Markdown is read as it is, on GitHub); ``gen_reference.GENERATORS`` says which names there are.
The JSON Schemas of the package are published beside the reference pages.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).parent))

import gen_reference  # found beside this file

MARKER = re.compile(r"^<!-- generated: ([\w-]+) -->$", re.M)
SCHEMAS = ("diff.schema.json", "options.schema.json", "versions.schema.json")


def on_files(files: Files, config: Any) -> Files:
    for name in SCHEMAS:
        files.append(File.generated(config, f"reference/{name}", abs_src_path=str(gen_reference.SCHEMAS / name)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in gen_reference.GENERATORS:
            known = ", ".join(gen_reference.GENERATORS)
            raise PluginError(f"{page.file.src_uri}: no generated part called {name!r} (there are: {known})")
        return gen_reference.GENERATORS[name]()

    return MARKER.sub(fill, markdown)
