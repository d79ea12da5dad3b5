"""A ``diffcmd.Diff`` as text: for a terminal, a GitHub pull-request comment, a standalone HTML page, JSON.

Every word of the policy is untrusted: the Markdown escapes it (as numeric character references,
which GitHub and Python-Markdown both read as plain characters, never as syntax) and the HTML
escapes it (``redline_html``). Changes are never shown by colour alone: the terminal without
colour marks them ``[-deleted-]{+inserted+}``, the Markdown with ``<del>`` and ``<ins>``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from importlib import resources
from urllib.parse import quote

from . import tokens
from .diffcmd import Diff
from .redline import (
    ADDED,
    CHANGED,
    DELETED,
    GENERATED,
    INSERTED,
    MOVED_IN,
    MOVED_OUT,
    REMOVED,
    UNCHANGED,
    BlockChange,
    Counts,
    PurposeChange,
    SectionChange,
)
from .redline_html import _moved_note, change_html, fact_text, lookalike_note, section_notes
from .tokens import TextDiff
from .words import english

#: GitHub refuses a comment longer than 65,536 characters; the workflow adds a line of its own.
GITHUB_LIMIT = 65_536
MARKDOWN_LIMIT = GITHUB_LIMIT - 1_536
#: A single block longer than this is summarised in the Markdown, not shown word by word.
LONGEST_BLOCK = 16_000


@dataclass(frozen=True)
class Style:
    """How one format writes plain text, a deletion and an insertion."""

    text: Callable[[str], str]
    deleted: Callable[[str], str]
    inserted: Callable[[str], str]


def _plain(text: str) -> str:
    return text


def terminal_style(color: bool) -> Style:
    if color:  # red struck through, green underlined: the strike and underline say it without colour
        return Style(_plain, lambda t: f"\x1b[31;9m{t}\x1b[0m", lambda t: f"\x1b[32;4m{t}\x1b[0m")
    return Style(_plain, lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}")


#: Characters that could be Markdown or HTML syntax, on GitHub or elsewhere.
_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()<>#+-.!|~&:@$^=\"'"}


def md_escape(text: str) -> str:
    """Policy text as GitHub-flavoured Markdown that shows exactly that text, on one line."""
    return text.translate(_SPECIAL).replace("\r", "").replace("\n", "<br>")


MARKDOWN_STYLE = Style(
    md_escape, lambda t: f"<del>{md_escape(t)}</del>" if t else "", lambda t: f"<ins>{md_escape(t)}</ins>" if t else ""
)


def text_diff(diff: TextDiff, style: Style) -> str:
    """Each invisible character shown by its mark, and look-alike letters said (tokens rules 8 and 9)."""
    out = []
    for segment in diff.segments:
        if segment.op == tokens.EQUAL:
            out.append(style.text(tokens.visible(segment.new)))
            continue
        if segment.old:
            out.append(style.deleted(tokens.visible(segment.old)))
        if segment.new:
            out.append(style.inserted(tokens.visible(segment.new)))
        if note := lookalike_note(segment.old, segment.new):
            out.append(style.text(f" [{tokens.visible(note)}]"))
    return "".join(out)


def block_label(change: BlockChange, section: SectionChange) -> str:
    if change.status in (MOVED_IN, MOVED_OUT):
        return _moved_note(change, section).rstrip(":.")
    if change.status == CHANGED and change.formatting:
        return "Formatting or links changed"
    return {CHANGED: "Changed", INSERTED: "Added", DELETED: "Deleted"}.get(change.status, change.status)


def block_text(change: BlockChange, style: Style) -> str:
    block = change.new or change.old
    assert block is not None
    texts = block.cells or (block.text,)
    if change.status in (DELETED, MOVED_OUT):
        return " | ".join(style.deleted(tokens.visible(block.shown(t))) for t in texts)
    if change.status == INSERTED:
        return " | ".join(style.inserted(tokens.visible(block.shown(t))) for t in texts)
    if change.diffs and not change.formatting:
        return " | ".join(text_diff(d, style) for d in change.diffs)
    return " | ".join(style.text(tokens.visible(block.shown(t))) for t in texts)


def edited_blocks(section: SectionChange) -> list[BlockChange]:
    return [b for b in section.blocks if b.status != UNCHANGED and b.kind != GENERATED]


def section_heading(section: SectionChange, style: Style) -> str:
    if section.renumbered:
        number = f"§{section.old_number} → §{section.new_number}"
    else:
        number = f"§{section.new_number if section.new_number is not None else section.old_number}"
    title = text_diff(section.title, style)
    if section.status == ADDED:
        title = style.inserted(tokens.visible(section.new_title or ""))
    elif section.status == REMOVED:
        title = style.deleted(tokens.visible(section.old_title or ""))
    return f"{number} {title}"


def changed_purposes(d: Diff) -> list[PurposeChange]:
    return list(d.change.purposes.changed) if d.change.purposes else []


def purpose_name(row: PurposeChange) -> str:
    segments = row.cells[0].segments
    return "".join(s.new for s in segments).strip() or "".join(s.old for s in segments).strip() or row.id


def purpose_lines(row: PurposeChange, columns: tuple[str, ...], style: Style) -> list[tuple[str, str]]:
    """(label, content) for each thing that changed in one purpose: its facts, then each changed cell."""
    facts = [fact_text(f) for f in row.facts]
    if row.status == ADDED:
        facts.insert(0, "Purpose added.")
    if row.status == REMOVED:
        facts.insert(0, "Purpose removed.")
    if row.moved:
        facts.append("Moved in the table.")
    lines = [("", style.text(f)) for f in facts]
    for column, cell in zip(columns, row.cells, strict=False):
        if cell.kind != tokens.UNCHANGED:
            lines.append((column, text_diff(cell, style)))
    return lines


def counts_sentence(counts: Counts) -> str:
    def n(value: int, one: str, many: str) -> str:
        return f"{value} {one if value == 1 else many}"

    return (
        f"{n(counts.sections_changed, 'section changed', 'sections changed')}, "
        f"{n(counts.sections_added, 'added', 'added')}, {n(counts.sections_removed, 'removed', 'removed')}; "
        f"{n(counts.words_added, 'word added', 'words added')}, {n(counts.words_removed, 'removed', 'removed')}; "
        f"{n(counts.purposes_changed, 'purpose changed', 'purposes changed')}."
    )


def _effective(value: date | None) -> str:
    """A side's effective date; "absent" where the document does not exist on that side."""
    return value.isoformat() if value else "absent"


# --- Terminal ----------------------------------------------------------------------------------


def terminal(d: Diff, color: bool) -> str:
    style = terminal_style(color)
    out = [
        f"{d.title} ({d.shown_as}): {d.base.label} → {d.head.label}",
        f"effective {_effective(d.base.effective)} → {_effective(d.head.effective)}",
    ]
    if d.change.unchanged:
        out.append("No changes to the text.")
        return "\n".join(out) + "\n"
    out.append(counts_sentence(d.change.counts))
    for section in d.change.sections:
        if not section.changed:
            continue
        out += ["", section_heading(section, style)]
        out += [f"  {note}" for note in section_notes(section)]
        for change in edited_blocks(section):
            content = block_text(change, style).replace("\n", "\n    ")
            out.append(f"  {block_label(change, section)}: {content}")
    purposes = changed_purposes(d)
    if purposes:
        out += ["", "The purpose table"]
        for row in purposes:
            out.append(f"  Purpose: {purpose_name(row)}")
            out += [
                f"    {label + ': ' if label else ''}{text}" for label, text in purpose_lines(row, _columns(d), style)
            ]
    return "\n".join(out) + "\n"


def _columns(d: Diff) -> tuple[str, ...]:
    return d.change.purposes.columns if d.change.purposes else ("Purpose", "Data", "Lawful basis")


# --- Markdown (a GitHub pull-request comment) ----------------------------------------------------


def _url(url: str) -> str:
    return quote(url, safe=":/?#&=%~+@!$,;-._")


def pages(d: Diff, site_url: str | None) -> dict[str, str]:
    """The preview's pages for this diff: the changes page of HEAD's version, and the draft."""
    if not site_url or d.head.effective is None:
        return {}
    base = f"{site_url.rstrip('/')}/{quote(d.slug)}"
    return {"changes": f"{base}/changes/{d.head.effective.isoformat()}/", "draft": f"{base}/versions/proposed/"}


def markdown(d: Diff, site_url: str | None = None, limit: int = MARKDOWN_LIMIT) -> str:
    """GitHub-flavoured Markdown: counts, warnings, each changed section, the purpose table; at most ``limit``."""
    s = MARKDOWN_STYLE
    links = pages(d, site_url)
    head = [
        f"## Redline: {md_escape(d.title)}\n",
        f"**{md_escape(d.base.label)}** (effective {_effective(d.base.effective)}) → "
        f"**{md_escape(d.head.label)}** (effective {_effective(d.head.effective)}), "
        f"in <code>{md_escape(d.shown_as)}</code>\n",
    ]
    if links:
        head.append(f"Preview: [the changes page]({_url(links['changes'])}) · [the draft]({_url(links['draft'])})\n")
    head.append(f"**Counts:** {md_escape(counts_sentence(d.change.counts))}\n")
    for warning in d.warnings:
        head.append(f"> [!WARNING]\n> {md_escape(warning)}\n")
    if d.change.unchanged:
        head.append("No changes to the text.\n")
        return "\n".join(head)
    pieces: list[tuple[str, str]] = []  # (the section it belongs to, Markdown)
    for section in d.change.sections:
        if not section.changed:
            continue
        title = f"### {section_heading(section, s)}"
        if "changes" in links:
            title += f" ([on the changes page]({_url(links['changes'] + '#ld-change-' + section.id)}))"
        notes = "".join(f"\n_{md_escape(n)}_" for n in section_notes(section))
        pieces.append((section.id, f"{title}\n{notes}\n"))
        for change in edited_blocks(section):
            content = block_text(change, s)
            if len(content) > LONGEST_BLOCK:
                words = (change.new or change.old).words  # type: ignore[union-attr]
                content = f"_(a block of {words} words: too long to show here)_"
            pieces.append((section.id, f"- **{md_escape(block_label(change, section))}:** {content}\n"))
    purposes = changed_purposes(d)
    if purposes:
        pieces.append(("purposes", "### The purpose table\n"))
        for row in purposes:
            lines = [
                f"- **{md_escape(label)}:** {text}" if label else f"- {text}"
                for label, text in purpose_lines(row, _columns(d), s)
            ]
            pieces.append(("purposes", f"#### Purpose: {md_escape(purpose_name(row))}\n\n" + "\n".join(lines) + "\n"))
    return _fit(head, pieces, d, links, limit)


def _fit(head: list[str], pieces: list[tuple[str, str]], d: Diff, links: dict[str, str], limit: int) -> str:
    out = list(head)
    size = sum(len(p) + 1 for p in out)
    reserve = 1_000  # for the note below
    for n, (_, piece) in enumerate(pieces):
        if size + len(piece) + 1 + reserve > limit:
            left = {owner for owner, _ in pieces[n:]}
            full = (
                f"[the full redline on the changes page]({_url(links['changes'])})"
                if links
                else f"the full redline: <code>legaldocs diff {md_escape(d.base.spec)} {md_escape(d.head.spec)}</code>"
            )
            out.append(
                "> [!NOTE]\n> The redline is cut short to fit a GitHub comment: "
                f"{english('{count} more changes', count=len(pieces) - n)}, "
                f"{english('in {count} parts of the document', count=len(left))}, are not shown here. See {full}.\n"
            )
            break
        out.append(piece)
        size += len(piece) + 1
    return "\n".join(out)


# --- HTML --------------------------------------------------------------------------------------

PAGE_CSS = """
:root { --md-default-fg-color--light: #555; }
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
.ld-warnings { border-left: .25rem solid #8a6d00; padding: .5rem 1rem; background: #fff8e1; list-style: none; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; vertical-align: top; }
"""


def html(d: Diff) -> str:
    """A standalone page: the redline of ``redline_html`` with its stylesheet inline, every text escaped."""
    css = resources.files("legaldocs").joinpath("assets/redline.css").read_text(encoding="utf-8")
    warnings = "".join(f"<li>{escape(w)}</li>" for w in d.warnings)
    title = f"Redline: {d.title}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{PAGE_CSS}{css}</style>\n</head>\n<body>\n"
        f'<main class="md-typeset">\n<h1>{escape(title)}</h1>\n'
        f'<p class="ld-sides"><strong>{escape(d.base.label)}</strong> (effective {_effective(d.base.effective)}) → '
        f"<strong>{escape(d.head.label)}</strong> (effective {_effective(d.head.effective)}), "
        f"in <code>{escape(d.shown_as)}</code></p>\n"
        + (f'<ul class="ld-warnings" aria-label="Warnings">{warnings}</ul>\n' if warnings else "")
        + change_html(d.change)
        + "\n</main>\n</body>\n</html>\n"
    )


# --- JSON --------------------------------------------------------------------------------------


def as_json(d: Diff) -> str:
    """The diff as JSON, valid against schemas/diff.schema.json."""
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"
