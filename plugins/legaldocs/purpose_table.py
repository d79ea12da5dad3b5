"""The purpose table as an accessible HTML table, with its (a)/(b) labels generated.

Every value comes from purposes.yml, so every value is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from string import ascii_lowercase

import lxml.html

from .model import Purpose, PurposeTable


def label(index: int) -> str:
    """(a) … (z), then (aa), (ab) …: a table with more than 26 items still gets labels."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = ascii_lowercase[rest] + letters
    return f"({letters})"


def labelled(items: list[str], mode: str) -> str:
    """Join items as the policy writes them: "(a) first, (b) second"."""
    if len(items) == 1 and mode != "always":
        return items[0]
    return ", ".join(f"{label(i)} {item}" for i, item in enumerate(items))


def purpose_cell(table: PurposeTable, purpose: Purpose) -> str:
    if not purpose.activities:
        return purpose.text
    return f"{purpose.text} {labelled(list(purpose.activities), table.labels.get('activities', 'several'))}."


def data_cell(table: PurposeTable, purpose: Purpose) -> str:
    labels = [table.data_type(key).label for key in purpose.data]
    text = labelled(labels, table.labels.get("data", "several"))
    return text + "." if purpose.data_full_stop else text


def bases_cell(table: PurposeTable, purpose: Purpose) -> str:
    words = [
        f"{table.basis_wording[b.key]} ({b.interest})" if b.interest else table.basis_wording[b.key]
        for b in purpose.bases
    ]
    return labelled(words, table.labels.get("bases", "several")) + "."


def cells(table: PurposeTable, purpose: Purpose) -> tuple[str, str, str]:
    """The three cells as plain text: the redline compares these, the page shows them."""
    return purpose_cell(table, purpose), data_cell(table, purpose), bases_cell(table, purpose)


def render(table: PurposeTable) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    # Each cell carries its column's name, shown as a label where a phone stacks the cells.
    first, second, third = (escape(c) for c in table.columns)
    rows = []
    for purpose in table.purposes:
        what, data, bases = (escape(c) for c in cells(table, purpose))
        rows.append(
            f'<tr id="purpose-{escape(purpose.id)}"><th scope="row" data-label="{first}">{what}</th>'
            f'<td data-label="{second}">{data}</td><td data-label="{third}">{bases}</td></tr>'
        )
    return (
        '<div class="ld-purposes"><table class="ld-purpose-table">'
        f"<caption>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def link_rows(
    html: str,
    href: Callable[[str], str | None],
    text: str = "History",
    label: Callable[[str], str] = lambda purpose: f"History of the purpose “{purpose}”",
    prefix: str = "purpose-",
) -> str:
    """The table's rows (``tr id="<prefix><id>"``: a purpose's, or a register entry's, ``cookie-<id>``)
    in ``html``, each with a link to its history at the end of its first cell; ``href`` gives the
    address of an entry's history, or none."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for row in root.iter("tr"):
        row_id = row.get("id") or ""
        target = href(row_id.removeprefix(prefix)) if row_id.startswith(prefix) else None
        cell = row.find("th")
        if target is None or cell is None:
            continue
        words = " ".join(cell.text_content().split())
        link = lxml.html.Element(
            "a", {"class": "ld-generated ld-history-link", "href": target, "aria-label": label(words)}
        )
        link.text = text
        if len(cell):
            cell[-1].tail = (cell[-1].tail or "") + " "
        else:
            cell.text = (cell.text or "") + " "
        cell.append(link)
    # (render.inner_html, which imports this module)
    return escape(root.text or "", quote=False) + "".join(lxml.html.tostring(c, encoding="unicode") for c in root)
