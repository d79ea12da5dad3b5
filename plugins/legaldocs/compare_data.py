"""One version as the browser's redline engine (assets/redline.js) needs it: plain JSON-ready data.

The compare page must not hold a page per pair of versions, so the browser computes a pair from
two of these, fetched on demand. Everything the engine would otherwise get by parsing HTML is
done here, once, by the same code as the Python engine (``redline.blocks``), so the two cannot
read a version differently: the browser only tokenises texts and diffs them.

Format (``FORMAT`` 2; keys short because one file per version is published):

- ``meta``: ``{"title", "summary", "effective", "facts": [[name, value], …]}``, as
  ``redline.DocumentText`` has them;
- ``sections``: in reading order, each ``{"id", "n": number, "title", "b": blocks}``, and ``"l"``:
  the number the page shows (``redline.SectionText.label``: "" for headings as written) where it
  is not the position;
- a block: ``{"k": kind, "t": tag, "x": text, "h": html}``, then only when not empty or zero:
  ``"c"`` container, ``"g"`` group, ``"d"`` depth, ``"cl"`` cells and ``"ct"`` cell tags (rows:
  their text is the cells joined by " | ", so ``"x"`` is left out), ``"r"`` cross-references as
  ``[[target, words], …]`` and ``"m"``: the block's markup without the words of its cross-references
  (``redline._markup``, which says whether only a renumbering changed it), given only where it is
  not ``"h"`` normalised (``tokens.normalise``): in practice, blocks with cross-references;
  ``"f"``: the block's inline markup, ``redline.marks``, as ``[[kind, text, value], …]`` (where there is any);
  ``"e"``: a register's row's entry (``redline.Block.entry``), where it is one;
- ``purposes``: ``None`` or ``{"caption", "columns", "types": {data type id: label},
  "rows": [{"id", "cells": [3 texts], "bases": [[key, label, interest], …], "data": [ids],
  "activities": [texts]}]}``: the cells as ``purpose_table.cells`` writes them, the rest the
  facts ``redline.compare_purposes`` compares.
"""

from __future__ import annotations

import json
from typing import Any

from . import purpose_table, redline, tokens
from .model import PurposeTable
from .redline import Block, DocumentText

FORMAT = 2


def version_data(text: DocumentText) -> dict[str, Any]:
    """The data the browser engine compares for one version (see the module docstring)."""
    return {
        "format": FORMAT,
        "meta": {
            "title": text.title,
            "summary": text.summary,
            "effective": text.effective,
            "facts": [list(f) for f in text.facts],
        },
        "sections": [
            {"id": s.id, "n": s.number, "title": s.title, "b": [_block(b) for b in redline.blocks(s.html)]}
            | ({} if s.label is None else {"l": s.label})
            for s in text.sections
        ],
        "purposes": _purposes(text.purposes),
    }


def version_json(text: DocumentText) -> str:
    """``version_data`` as the file to publish: compact, UTF-8 as is, the same bytes for the same text."""
    return json.dumps(version_data(text), ensure_ascii=False, separators=(",", ":"))


def _block(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"k": block.kind, "t": block.tag}
    if not block.cells:
        out["x"] = block.text
    out["h"] = block.html
    for key, value in (("c", block.container), ("g", block.group), ("d", block.depth)):
        if value:
            out[key] = value
    if block.cells:
        out["cl"] = list(block.cells)
        out["ct"] = list(block.cell_tags)
    if block.refs:
        out["r"] = [list(r) for r in block.refs]
    if block.entry:
        out["e"] = block.entry
    markup = redline._markup(block.html) if block.html else ""
    if markup != tokens.normalise(block.html):
        out["m"] = markup
    found = redline.marks(block.html)
    if found:
        out["f"] = [list(m) for m in found]
    return out


def _purposes(table: PurposeTable | None) -> dict[str, Any] | None:
    if table is None:
        return None
    return {
        "caption": table.caption,
        "columns": list(table.columns),
        "types": {t.id: t.label for t in table.data_types},
        "rows": [
            {
                "id": p.id,
                "cells": list(purpose_table.cells(table, p)),
                "bases": [[b.key, redline._basis_label(table, b.key), b.interest] for b in p.bases],
                "data": list(p.data),
                "activities": list(p.activities),
            }
            for p in table.purposes
        ],
    }
