"""Per-version data for the browser's redline: everything the engine reads, nothing lost, small."""

from __future__ import annotations

import json
from typing import Any

import pytest
from compare_versions import versions
from legaldocs import compare_data, redline, tokens
from legaldocs.redline import Block, DocumentText

PAIRS = [(i, j) for i in range(6) for j in range(6) if i != j]


@pytest.fixture(scope="module")
def texts() -> list[DocumentText]:
    return versions()


def block(data: dict[str, Any]) -> Block:
    """A Block back from its compact form, as redline.js reads it."""
    cells = tuple(data.get("cl", ()))
    return Block(
        data["k"],
        data["t"],
        " | ".join(cells) if cells else data["x"],
        data["h"],
        data.get("c", ""),
        data.get("g", 0),
        data.get("d", 0),
        cells,
        tuple(data.get("ct", ())),
        tuple(tuple(r) for r in data.get("r", ())),
    )


def test_the_data_holds_every_block_as_the_engine_reads_it(texts: list[DocumentText]) -> None:
    for text in texts:
        data = json.loads(compare_data.version_json(text))  # plain JSON, nothing else
        assert data["format"] == compare_data.FORMAT
        assert [(s["id"], s["n"], s["title"]) for s in data["sections"]] == [
            (s.id, s.number, s.title) for s in text.sections
        ]
        for section, found in zip(text.sections, data["sections"], strict=True):
            assert tuple(block(b) for b in found["b"]) == redline.blocks(section.html)
        table = text.purposes
        assert table is not None and data["purposes"]["caption"] == table.caption
        assert [r["id"] for r in data["purposes"]["rows"]] == [p.id for p in table.purposes]


def test_the_markup_without_reference_words_is_there_where_it_is_not_the_html(texts: list[DocumentText]) -> None:
    """What tells a renumbered reference from an edited link: ``redline._markup``, exactly, for every block."""
    found = [b for t in texts for s in compare_data.version_data(t)["sections"] for b in s["b"]]
    assert [b for b in found if "r" in b] and all("m" in b for b in found if "r" in b)
    for b in found:
        expected = redline._markup(b["h"]) if b["h"] else ""
        assert b.get("m", tokens.normalise(b["h"])) == expected


def test_the_fixture_holds_every_kind_of_edit(texts: list[DocumentText]) -> None:
    """So that the engines' agreement (test_engine_parity, test_compare_engine) means something:
    each kind of change occurs."""
    changes = [redline.compare(texts[i], texts[j]) for i, j in PAIRS]
    sections = [s for c in changes for s in c.sections]
    blocks = [b for s in sections for b in s.blocks]
    assert any(s.moved for s in sections)
    assert any(s.renamed for s in sections)
    assert any(s.id_changed for s in sections)
    assert any(s.moved_in_from for s in sections) and any(s.moved_out_to for s in sections)  # the split
    assert {redline.ADDED, redline.REMOVED} <= {s.status for s in sections}
    assert any(b.status == redline.MOVED_IN and b.kind == "item" for b in blocks)  # the reordered list
    assert any(b.minor for b in blocks)  # punctuation only
    assert any(b.status == redline.DELETED for b in blocks) and any(b.status == redline.INSERTED for b in blocks)
    purposes = [p for c in changes if c.purposes for p in c.purposes.purposes]
    facts = {(f.subject, f.change) for p in purposes for f in p.facts}
    assert {("lawful basis", redline.ADDED), ("lawful basis", redline.REMOVED), ("data type", redline.CHANGED)} <= facts
    assert any(p.status == redline.CHANGED and any(d.kind == tokens.WORDS for d in p.cells) for p in purposes)
    assert {redline.ADDED, redline.REMOVED} <= {p.status for p in purposes}
