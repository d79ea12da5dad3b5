"""Tables written in a section's text (a sub-processor list), compared row by row as the purpose table is.

Each row (``tr``) of such a table is a block of kind ``row`` (``redline.blocks``) and goes through
the block engine; this module adds what a table needs on top of it, so that a row added, removed,
changed or moved and a column added, removed or renamed read as such.

Rules (assets/redline.js follows them to the letter):

1. **Rows pair first by exact text** (the engine's alignment and exact moves). Of the rows left over
   in a section pair, **header rows** (every cell a ``th``) pair by position, where as many are left
   on each side; **body rows** pair by their **first cell**, where that text is on exactly one
   left-over old row and one left-over new row. A **register's row** (``Block.entry``: a row of
   ``{{ cookies }}`` or ``{{ recipients }}``, by its id) pairs with its own entry's row: by
   that id, whatever its cells became (a renamed cookie is changed, not removed and added), never
   by similarity, and by its first cell only with a row of a table in the text, where its entry is
   not among the other side's rows (a list moved from the text into the register, or back: a row
   whose cells read the same is unchanged, ``redline._moved_to_register``). A pair in one range
   that does not cross a pair already made there is a changed row; else the row moved (shown
   where it went and where it was, "moved elsewhere in this section"). The rows still left pair by
   similarity, as every block does.
2. **Columns** are those of the table's header row, its first row when all of its cells are ``th``.
   Where the old and new header rows have as many cells, columns pair by position (a renamed
   column is a changed header cell). Where they have not, columns pair by the longest common
   subsequence of the header cells' texts, and in each gap between two equal ones by position, as
   many as the gap's shorter side has (a renamed column: "Name" → "Recipient" where the text's list
   moved into the register); the rest of the gap are columns removed (old only) then added (new
   only). A paired row whose cell counts differ is redlined column by column, one word
   diff per column of this union: a removed column's cell deleted, an added one's inserted.
3. **Shown**: each table as a table of its own (two tables one after the other stay two,
   ``another_table``); a table with any row not unchanged is shown as a table of the union's columns:
   header rows in ``<thead>`` with ``scope="col"``, each body cell labelled (``data-label``) with its
   column's header (the new one; the old one for a removed column) so a phone stacks each row into
   a labelled card, as the purpose table's redline does; a row added or removed gets an empty cell
   in a column only the other side has. A table where nothing changed is shown as before.
4. **Counted**: rows added, removed and changed (moved counts as changed; header rows are rows),
   and columns added and removed (by the header rows' union), in ``redline.Counts``; a register's
   rows in its own words instead ("2 recipients added", "1 cookie changed").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import lxml.html

from . import tokens
from .tokens import TextDiff

#: The registers whose rows pair by entry: (the name of the class around the table, ``ld-<name>``,
#: and of its counts; the prefix of its rows' ids).
REGISTERS = (("cookies", "cookie-"), ("recipients", "recipient-"))

#: A column of the union: (its index among the old cells, among the new cells), -1 where it has none.
Column = tuple[int, int]


def is_header(block: Any) -> bool:
    """A table's header row: every cell a ``th``."""
    return (
        block is not None and block.kind == "row" and bool(block.cell_tags) and all(t == "th" for t in block.cell_tags)
    )


def headers(blocks: Sequence[Any]) -> dict[int, Any]:
    """The header row of each table in ``blocks`` (a section's), by its group: its first row, if it is
    one, else None. One pass, so that a long table is not searched row by row."""
    found: dict[int, Any] = {}
    for b in blocks:
        if b.kind == "row" and b.group not in found:
            found[b.group] = b if is_header(b) else None
    return found


def columns(old: Sequence[str], new: Sequence[str]) -> tuple[Column, ...]:
    """The union of two header rows' columns (module docstring, rule 2)."""
    if len(old) == len(new):
        return tuple((n, n) for n in range(len(old)))
    out: list[Column] = []
    i = j = 0
    for start_a, start_b, length in [*tokens.matches(list(old), list(new)), (len(old), len(new), 0)]:
        both = min(start_a - i, start_b - j)
        out.extend((i + n, j + n) for n in range(both))
        out.extend((n, -1) for n in range(i + both, start_a))
        out.extend((-1, n) for n in range(j + both, start_b))
        out.extend((start_a + n, start_b + n) for n in range(length))
        i, j = start_a + length, start_b + length
    return tuple(out)


def row_columns(old_heads: dict[int, Any], old: Any, new_heads: dict[int, Any], new: Any) -> tuple[Column, ...]:
    """For two paired rows whose cell counts differ: their tables' union of columns (``old_heads`` and
    ``new_heads`` their sections' ``headers``), where each row has as many cells as its header (else
    ``()``: the row is redlined as one text, as before)."""
    if old.kind != "row" or new.kind != "row" or len(old.cells) == len(new.cells):
        return ()
    old_head, new_head = old_heads.get(old.group), new_heads.get(new.group)
    if old_head is None or new_head is None:
        return ()
    union = columns(old_head.cells, new_head.cells)
    if len(old.cells) != len(old_head.cells) or len(new.cells) != len(new_head.cells):
        return ()
    return union


def row_diffs(old: Any, new: Any, union: Sequence[Column]) -> list[TextDiff]:
    """One word diff per column of the union."""
    return [
        tokens.diff(old.cells[o], new.cells[n])
        if o >= 0 and n >= 0
        else tokens.deleted(old.cells[o])
        if o >= 0
        else tokens.inserted(new.cells[n])
        for o, n in union
    ]


def pair_rows(ranges: Sequence[tuple[Sequence[Any], Sequence[Any]]], link: Callable[[Any, Any, bool], None]) -> None:
    """Rule 1 for one section pair: ``ranges`` its ranges' (old refs, new refs) in order; ``link(old,
    new, moved)`` pairs two refs."""
    olds = [r for o, _ in ranges for r in o if r.partner is None and r.block.kind == "row"]
    news = [r for _, n in ranges for r in n if r.partner is None and r.block.kind == "row"]
    if not olds or not news:
        return
    candidates: list[tuple[Any, Any]] = []
    heads_old = [r for r in olds if is_header(r.block)]
    heads_new = [r for r in news if is_header(r.block)]
    if len(heads_old) == len(heads_new):
        candidates.extend(zip(heads_old, heads_new, strict=True))
    entries_old = Counter(r.block.entry for r in olds if r.block.entry)
    entries_new = Counter(r.block.entry for r in news if r.block.entry)
    by_entry = {r.block.entry: r for r in olds if r.block.entry and entries_old[r.block.entry] == 1}
    candidates.extend(
        (by_entry[r.block.entry], r)
        for r in news
        if r.block.entry and entries_new[r.block.entry] == 1 and r.block.entry in by_entry
    )
    body_old = [r for r in olds if _by_first(r.block, entries_new)]
    body_new = [r for r in news if _by_first(r.block, entries_old)]
    times_old = Counter(r.block.cells[0] for r in body_old)
    times_new = Counter(r.block.cells[0] for r in body_new)
    by_first = {r.block.cells[0]: r for r in body_old if times_old[r.block.cells[0]] == 1}
    candidates.extend(
        (by_first[r.block.cells[0]], r)
        for r in body_new
        if times_new[r.block.cells[0]] == 1
        and r.block.cells[0] in by_first
        and not (r.block.entry and by_first[r.block.cells[0]].block.entry)
    )
    order = {id(r): n for n, r in enumerate(news)}
    # In new order, a pair crosses one made before it in its range where an old row after its own was taken.
    last: dict[int, int] = {}
    for old, new in sorted(candidates, key=lambda c: order[id(c[1])]):
        moved = old.range != new.range or old.index < last.get(new.range, -1)
        link(old, new, moved)
        if not moved:
            last[new.range] = old.index


def _by_first(block: Any, other_entries: Counter[str]) -> bool:
    """A body row that may pair by its first cell: a row of a table in the text, or a register's row
    whose entry the other side's left-over rows do not have (the list moved between the text and the
    register: the row pairs with the text's row of the same name, never with another entry's)."""
    return (
        not is_header(block)
        and bool(block.cells and block.cells[0])
        and (not block.entry or block.entry not in other_entries)
    )


def crosses(made: Sequence[tuple[int, int]], old: Any, new: Any) -> bool:
    """Whether pairing two free blocks would cross a pair ``made`` in their range (pairs of block
    indexes, sorted: they do not cross each other, so they are in order on both sides)."""
    at = bisect_left(made, (old.index, -1))
    return (at > 0 and made[at - 1][1] > new.index) or (at < len(made) and made[at][1] < new.index)


def counts(changes: Sequence[Any]) -> dict[str, int]:
    """Rule 4 over a document's block changes: ``redline.Counts``' table fields."""
    rows = [c for c in changes if c.kind == "row"]
    found = {
        "rows_added": 0,
        "rows_removed": 0,
        "rows_changed": 0,
        "columns_added": 0,
        "columns_removed": 0,
        **{f"{name}_{what}": 0 for name, _ in REGISTERS for what in ("added", "removed", "changed")},
    }
    for c in rows:
        what = {"inserted": "added", "deleted": "removed", "changed": "changed", "moved_in": "changed"}.get(c.status)
        if what is not None:
            found[f"{register_of(c.new or c.old)}_{what}"] += 1
    for c in rows:
        if c.status in ("changed", "moved_in") and is_header(c.old) and is_header(c.new):
            union = columns(c.old.cells, c.new.cells)
            found["columns_added"] += sum(1 for o, _ in union if o < 0)
            found["columns_removed"] += sum(1 for _, n in union if n < 0)
    return found


def register_of(block: Any) -> str:
    """The counts a row goes to: its register's name (``REGISTERS``), else "rows" (a table in the text)."""
    for name, prefix in REGISTERS:
        if block.entry.startswith(prefix):
            return name
    return "rows"


#: The counts' phrases (words.py, COUNTED), in the order a redline says them.
PHRASES = (
    ("rows_added", "{count} table rows added"),
    ("rows_removed", "{count} table rows removed"),
    ("rows_changed", "{count} table rows changed"),
    ("columns_added", "{count} table columns added"),
    ("columns_removed", "{count} table columns removed"),
    ("cookies_added", "{count} cookies added"),
    ("cookies_removed", "{count} cookies removed"),
    ("cookies_changed", "{count} cookies changed"),
    ("recipients_added", "{count} recipients added"),
    ("recipients_removed", "{count} recipients removed"),
    ("recipients_changed", "{count} recipients changed"),
)


def count_phrases(counts: Any) -> list[tuple[int, str]]:
    """(number, phrase) for each table count, as ``redline_html.count_items`` says them."""
    return [(getattr(counts, field), phrase) for field, phrase in PHRASES]


# --- Shown -------------------------------------------------------------------------------------


def _side(changes: Sequence[Any], old: bool) -> Any:
    """The header row of the table in a run of row changes, on one side (None where there is none):
    the side's first row (a row moved in or out stood elsewhere on that side)."""
    skip = ("inserted", "moved_in") if old else ("deleted", "moved_out")
    for c in changes:
        if c.status not in skip:
            block = c.old if old else c.new
            return block if is_header(block) else None
    return None


def another_table(change: Any, last: dict[str, int]) -> bool:
    """Whether a row starts another table than the one open in the redline (rule 3: two tables one
    after the other stay two): by its table on its new side where it has one, else on its old side
    (a row moved in stood elsewhere; a row moved out stands nowhere new). ``last``: the open table's
    so far, by side; updated."""
    old = change.old.group if change.old is not None and change.status != "moved_in" else None
    new = change.new.group if change.new is not None and change.status != "moved_out" else None
    if new is not None:
        split = "new" in last and last["new"] != new
    else:
        split = old is not None and "old" in last and last["old"] != old
    if split:
        last.clear()
    if old is not None:
        last["old"] = old
    if new is not None:
        last["new"] = new
    return split


def table_changed(changes: Sequence[Any]) -> bool:
    return any(c.status != "unchanged" for c in changes)


def table_html(changes: Sequence[Any], rows: Sequence[str], shown: Callable[[Any, str], str]) -> str:
    """The rows of one table in the redline (``rows`` each change's ``<tr>``); rule 3 where any changed.
    ``shown(block, text)`` is a cell's text as its version shows it."""
    if not table_changed(changes):
        return f'<table class="ld-table"><tbody>{"".join(rows)}</tbody></table>'
    old_head, new_head = _side(changes, old=True), _side(changes, old=False)
    if old_head is not None and new_head is not None:
        union = columns(old_head.cells, new_head.cells)
    else:
        head = new_head or old_head
        union = tuple((n, n) for n in range(len(head.cells))) if head is not None else ()
    labels = [
        shown(new_head, new_head.cells[n]) if new_head is not None and n >= 0 else shown(old_head, old_head.cells[o])
        for o, n in union
    ]
    head_rows: list[str] = []
    body_rows: list[str] = []
    for change, html in zip(changes, rows, strict=True):
        block = change.new or change.old
        in_head = is_header(block) and not body_rows
        (head_rows if in_head else body_rows).append(_row(change, html, union, labels, in_head))
    thead = f"<thead>{''.join(head_rows)}</thead>" if head_rows else ""
    return f'<table class="ld-table ld-table-changed">{thead}<tbody>{"".join(body_rows)}</tbody></table>'


def _row(change: Any, html: str, union: Sequence[Column], labels: Sequence[str], in_head: bool) -> str:
    """One row on the union's columns: an empty cell where its side has no such column; labelled."""
    if not html:
        return html
    element = lxml.html.fragment_fromstring(html, create_parent="table").find(".//tr")
    if element is None:
        return html
    cells = [c for c in element if isinstance(c.tag, str) and c.tag in ("th", "td")]
    old_side = change.status in ("deleted", "moved_out")
    side = [o if old_side else n for o, n in union]
    width = sum(1 for x in side if x >= 0)
    if len(cells) == width and width < len(union):
        for position, x in enumerate(side):
            if x < 0:
                element.insert(_index(element, position), lxml.html.Element("td", {"class": "ld-empty"}))
        cells = [c for c in element if isinstance(c.tag, str) and c.tag in ("th", "td")]
    if len(cells) == len(union):
        for cell, label in zip(cells, labels, strict=True):
            if in_head:
                cell.set("scope", "col")
            else:
                cell.set("data-label", label)
    return lxml.html.tostring(element, encoding="unicode")


def _index(element: Any, position: int) -> int:
    """The child index of the ``position``-th cell of a row (cells only are counted)."""
    n = 0
    for index, child in enumerate(element):
        if isinstance(child.tag, str) and child.tag in ("th", "td"):
            if n == position:
                return index
            n += 1
    return len(element)
