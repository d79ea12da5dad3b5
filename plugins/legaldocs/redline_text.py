"""A ``diffcmd.Diff`` as text: for a terminal, a GitHub pull-request comment, a standalone HTML page, JSON.

Every word of the policy is untrusted: the Markdown escapes it (as numeric character references,
which GitHub and Python-Markdown both read as plain characters, never as syntax) and the HTML
escapes it (``redline_html``). Changes are never shown by colour alone: the terminal without
colour marks them ``[-deleted-]{+inserted+}``, the Markdown with ``<del>`` and ``<ins>``.

Every format says everything the change model holds: the title, effective date, summary and facts
first, then each section's blocks with what changed in their markup, where the purpose table moved,
and the table's caption, headers and purposes. The Markdown must fit a GitHub comment: unchanged
text around the changes is shortened first (``…``, linked to the full redline where its address is
known), never a change; only if the changes alone are too long is the comment cut, saying so.
"""

from __future__ import annotations

import json
import re
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
    EFFECTIVE,
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
from .redline_html import (
    ENGLISH,
    PREAMBLE,
    _moved_note,
    change_html,
    count_items,
    effective_text,
    fact_text,
    format_text,
    in_full,
    lookalike_note,
    meta_label,
    placement_text,
    section_notes,
    section_number,
)
from .routes import route
from .tokens import TextDiff
from .words import translator

#: GitHub refuses a comment longer than 65,536 characters; the workflow adds a line of its own.
GITHUB_LIMIT = 65_536
MARKDOWN_LIMIT = GITHUB_LIMIT - 1_536
#: A block longer than this (in Markdown) has its unchanged text shortened even when the comment has room.
LONGEST_BLOCK = 16_000
#: How much unchanged text the Markdown keeps on each side of a change, tried in turn until the
#: comment fits: all of it, then a little more or less than the sentence around the change, then none.
CONTEXTS: tuple[int | None, ...] = (None, 400, 160, 60, 0)
ELLIPSIS = "…"
#: The op of a segment that stands for unchanged text left out (``shorten``): written ``more``.
SKIPPED = tokens.Segment("skipped", "", "")


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


def text_diff(diff: TextDiff, style: Style, more: str = ELLIPSIS, t: Callable[..., str] = ENGLISH) -> str:
    """The word redline in ``style``; ``more`` written where ``shorten`` left unchanged text out. Each
    invisible character is shown by its mark, and look-alike letters are said (tokens rules 8 and 9)."""
    out = []
    for segment in diff.segments:
        if segment.op == tokens.EQUAL:
            out.append(style.text(tokens.visible(segment.new)))
            continue
        if segment is SKIPPED:
            out.append(more)
            continue
        if segment.old:
            out.append(style.deleted(tokens.visible(segment.old)))
        if segment.new:
            out.append(style.inserted(tokens.visible(segment.new)))
        if note := lookalike_note(segment.old, segment.new, t):
            out.append(style.text(f" [{tokens.visible(note)}]"))
    return "".join(out)


def block_label(change: BlockChange, section: SectionChange, t: Callable[..., str] = ENGLISH) -> str:
    if change.status in (MOVED_IN, MOVED_OUT):
        return _moved_note(change, section, t).rstrip(":.")
    if (change.status == CHANGED and change.markup_only) or _wordless(change):
        return t("Formatting or links changed")
    return t({CHANGED: "Changed", INSERTED: "Added", DELETED: "Deleted"}[change.status])


def _wordless(change: BlockChange) -> bool:
    """A block with no words added or deleted whole (a rule): its markup, said below it, is the change."""
    return change.status in (INSERTED, DELETED) and bool(change.formatting)


def block_text(
    change: BlockChange, style: Style, context: int | None = None, more: str = ELLIPSIS, t: Callable[..., str] = ENGLISH
) -> str:
    """The block's redline; with ``context``, unchanged text kept only that far around each change
    (``more`` where it was left out)."""
    block = change.new or change.old
    assert block is not None
    texts = block.cells or (block.text,)
    if _wordless(change):
        return ""
    if change.status in (DELETED, MOVED_OUT):
        return " | ".join(style.deleted(tokens.visible(block.shown(t))) for t in texts)
    if change.status == INSERTED:
        return " | ".join(style.inserted(tokens.visible(block.shown(t))) for t in texts)
    if change.diffs and not change.markup_only:
        return " | ".join(text_diff(shorten(d, context), style, more, t) for d in change.diffs)
    return " | ".join(style.text(tokens.visible(block.shown(t))) for t in texts)


def edited_blocks(section: SectionChange) -> list[BlockChange]:
    """The blocks to show: every one that changed, and the purpose table or versions list where it moved."""
    return [b for b in section.blocks if b.status != UNCHANGED]


# --- Shortening unchanged text ------------------------------------------------------------------

#: Where a sentence (or a clause) ends: what the context around a change is cut after, or from.
SENTENCE_END = re.compile(r"[.!?;:](?=\s)")


def _keep_start(text: str, limit: int) -> str:
    """The beginning of the unchanged text after a change: up to the end of its sentence if that is
    near, else ``limit`` characters ending at a space; "" for 0."""
    if len(text) <= limit:
        return text
    end = next((m.end() for m in SENTENCE_END.finditer(text, 0, limit + 1)), None)
    if end is not None:
        return text[:end]
    space = text.rfind(" ", 0, limit + 1)
    return text[: space if space > 0 else limit]


def _keep_end(text: str, limit: int) -> str:
    """The end of the unchanged text before a change: from the start of its sentence if that is near."""
    if len(text) <= limit:
        return text
    start = len(text) - limit
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(start - 1, 0))]
    if ends:
        return text[ends[0] :].lstrip()
    space = text.find(" ", start)
    return text[space + 1 :] if 0 <= space < len(text) - 1 else text[start:]


def shorten(diff: TextDiff, context: int | None) -> TextDiff:
    """``diff`` with its unchanged text kept ``context`` characters around each change (None: all of it);
    where unchanged text is left out stands ``SKIPPED``. Changes are never shortened."""
    if context is None or diff.kind == tokens.UNCHANGED:
        return diff
    segments = list(diff.segments)
    out: list[tokens.Segment] = []
    for n, segment in enumerate(segments):
        if segment.op != tokens.EQUAL:
            out.append(segment)
            continue
        text = segment.new
        first, last = n == 0, n == len(segments) - 1
        if first:
            kept = _keep_end(text, context)
            parts = [None, " " + kept.lstrip()] if kept != text else [kept]
        elif last:
            kept = _keep_start(text, context)
            parts = [kept.rstrip() + " ", None] if kept != text else [kept]
        elif len(text) > 2 * context + 3:
            parts = [_keep_start(text, context).rstrip() + " ", None, " " + _keep_end(text, context).lstrip()]
        else:
            parts = [text]
        out.extend(SKIPPED if p is None else tokens.Segment(tokens.EQUAL, p, p) for p in parts if p not in ("", " "))
    return TextDiff(tuple(out), diff.kind, diff.words_added, diff.words_removed)


def section_heading(section: SectionChange, style: Style, t: Callable[..., str] = ENGLISH) -> str:
    """The section as its page names it: "§3 Title", "§3 → §4 Title" where renumbered, "1. Who we are"
    where the page shows the heading as written, "Preamble" for a file document's text before its
    first heading."""
    number = section_number(section)
    number = f"{number} " if number else ""
    title = text_diff(section.title, style, t=t)
    if section.status == ADDED:
        title = style.inserted(tokens.visible(section.new_title or ""))
    elif section.status == REMOVED:
        title = style.deleted(tokens.visible(section.old_title or ""))
    if not (section.old_title or section.new_title):
        title = t(PREAMBLE)
    return f"{number}{title}"


def changed_purposes(d: Diff) -> list[PurposeChange]:
    return list(d.change.purposes.changed) if d.change.purposes else []


def purpose_name(row: PurposeChange) -> str:
    segments = row.cells[0].segments
    return "".join(s.new for s in segments).strip() or "".join(s.old for s in segments).strip() or row.id


def table_lines(d: Diff, style: Style, t: Callable[..., str] = ENGLISH) -> list[tuple[str, str]]:
    """(label, content) for what changed in the purpose table itself: its caption, its column headers."""
    table = d.change.purposes
    if table is None or table.status in (UNCHANGED,):
        return []
    lines = []
    if table.caption.kind != tokens.UNCHANGED:
        lines.append((t("Caption:"), text_diff(table.caption, style, t=t)))
    if table.headers_changed:
        lines.append((t("Column headers:"), " | ".join(text_diff(h, style, t=t) for h in table.headers)))
    return lines


def meta_lines(d: Diff, style: Style, t: Callable[..., str] = ENGLISH) -> list[tuple[str, str]]:
    """(label, content) for the title, effective date, summary and facts that changed: the word redline,
    and the old and new values in full where it keeps part of them (``in_full``)."""
    lines = []
    for m in d.change.metadata:
        content = style.text(effective_text(m)) if m.field == EFFECTIVE else text_diff(m.diff, style, t=t)
        if full := in_full(m, t):
            content += " " + style.text(tokens.visible(full))
        lines.append((meta_label(m, t), content))
    return lines


def purpose_lines(
    row: PurposeChange, columns: tuple[str, ...], style: Style, t: Callable[..., str] = ENGLISH
) -> list[tuple[str, str]]:
    """(label, content) for each thing that changed in one purpose: its facts, then each changed cell."""
    facts = [fact_text(f, t) for f in row.facts]
    if row.status == ADDED:
        facts.insert(0, t("Purpose added."))
    if row.status == REMOVED:
        facts.insert(0, t("Purpose removed."))
    if row.moved:
        facts.append(t("Moved in the table."))
    lines = [("", style.text(f)) for f in facts]
    for column, cell in zip(columns, row.cells, strict=False):
        if cell.kind != tokens.UNCHANGED:
            lines.append((column, text_diff(cell, style, t=t)))
    return lines


def counts_sentence(counts: Counts, t: Callable[..., str] = ENGLISH) -> str:
    """The counts in one sentence, as ``count_items`` words them: sections, words, then the rest."""
    said = [words for _, words in count_items(counts, t)]
    return f"{', '.join(said[:3])}; {', '.join(said[3:5])}; {'; '.join(said[5:])}."


def _effective(value: date | None, t: Callable[..., str] = ENGLISH) -> str:
    """A side's effective date; "absent" where the document does not exist on that side."""
    return value.isoformat() if value else t("absent")


# --- Terminal ----------------------------------------------------------------------------------


def terminal(d: Diff, color: bool) -> str:
    style, t = terminal_style(color), translator(d.language)
    out = [
        f"{d.title} ({d.shown_as}): {d.base.label} → {d.head.label}",
        t("effective {old} → {new}", old=_effective(d.base.effective, t), new=_effective(d.head.effective, t)),
    ]
    if d.change.unchanged:
        out.append(t("No changes to the text."))
        return "\n".join(out) + "\n"
    out.append(counts_sentence(d.change.counts, t))
    meta = meta_lines(d, style, t)
    if meta:
        out.append("")
        out += [f"{label} {text}" for label, text in meta]
    for section in d.change.sections:
        if not section.changed:
            continue
        out += ["", section_heading(section, style, t)]
        out += [f"  {note}" for note in section_notes(section, t)]
        for change in edited_blocks(section):
            if change.kind == GENERATED:
                out.append(f"  {placement_text(change, section, t)}")
                continue
            content = block_text(change, style, t=t).replace("\n", "\n    ")
            out.append(f"  {block_label(change, section, t)}: {content}".rstrip(" "))
            out += [f"    {format_text(f, t)}" for f in change.formatting]
    purposes = changed_purposes(d)
    table = table_lines(d, style, t)
    if purposes or table:
        out += ["", t("The purpose table")]
        out += [f"  {label} {text}" for label, text in table]
        for row in purposes:
            out.append(f"  {t('Purpose: {name}', name=purpose_name(row))}")
            out += [
                f"    {label + ': ' if label else ''}{text}"
                for label, text in purpose_lines(row, _columns(d), style, t)
            ]
    return "\n".join(out) + "\n"


def _columns(d: Diff) -> tuple[str, ...]:
    """The purpose table's column names (asked for only where the table changed, so where there is one)."""
    return d.change.purposes.columns if d.change.purposes else ()


# --- Markdown (a GitHub pull-request comment) ----------------------------------------------------


def _url(url: str) -> str:
    return quote(url, safe=":/?#&=%~+@!$,;-._")


def pages(d: Diff, site_url: str | None) -> dict[str, str]:
    """The preview's pages for this diff: the changes page of HEAD's version, and the draft."""
    if not site_url or d.head.effective is None:
        return {}
    base = site_url.rstrip("/") + "/"
    changes = route("changes").address({"doc": d.slug, "version": d.head.effective.isoformat()})
    draft = route("version").address({"doc": d.slug, "version": "proposed"})  # the draft's slug
    return {"changes": base + quote(changes), "draft": base + quote(draft)}


def markdown(d: Diff, site_url: str | None = None, limit: int = MARKDOWN_LIMIT, link: str | None = None) -> str:
    """GitHub-flavoured Markdown: counts, warnings, the title, date, summary and facts, each changed
    section, the purpose table; at most ``limit`` characters. ``site_url``: the preview site, whose
    changes page and draft are linked; ``link``: where the full redline is (say, the CI run holding
    the preview), linked where unchanged text is shortened (else the changes page, if known)."""
    links, t = pages(d, site_url), translator(d.language)
    full = link or links.get("changes")
    head = [
        f"## {t('Redline: {title}', title=md_escape(d.title))}\n",
        t(
            "{old} (effective {old_date}) → {new} (effective {new_date}), in {path}",
            old=f"**{md_escape(d.base.label)}**",
            old_date=_effective(d.base.effective, t),
            new=f"**{md_escape(d.head.label)}**",
            new_date=_effective(d.head.effective, t),
            path=f"<code>{md_escape(d.shown_as)}</code>",
        )
        + "\n",
    ]
    preview = []
    if links:
        preview += [
            f"[{t('the changes page')}]({_url(links['changes'])})",
            f"[{t('the draft')}]({_url(links['draft'])})",
        ]
    if link:
        preview.append(f"[{md_escape(t('the full redline'))}]({_url(link)})")
    if preview:
        head.append(f"{t('Preview:')} {' · '.join(preview)}\n")
    head.append(f"**{t('Counts:')}** {md_escape(counts_sentence(d.change.counts, t))}\n")
    for warning in d.warnings:
        head.append(f"> [!WARNING]\n> {md_escape(warning)}\n")
    if d.change.unchanged:
        head.append(t("No changes to the text.") + "\n")
        return "\n".join(head)
    more = f"[{ELLIPSIS}]({_url(full)})" if full else ELLIPSIS
    size = sum(len(p) + 1 for p in head)
    for context in CONTEXTS:
        pieces, shortened = _pieces(d, links, context, more, t)
        top = [_shortened_note(d, full, t)] if shortened else []
        if size + sum(len(p) + 1 for p in top) + sum(len(p) + 1 for _, p in pieces) <= limit:
            return "\n".join([*head, *top, *(p for _, p in pieces)])
    return _fit([*head, *top], pieces, d, full, limit, t)


def _full_redline(d: Diff, full: str | None, t: Callable[..., str] = ENGLISH) -> str:
    """A link to the full redline, else the command that writes it."""
    if full:
        return f"[{md_escape(t('the full redline'))}]({_url(full)})"
    command = f"<code>legaldocs diff {md_escape(d.base.spec)} {md_escape(d.head.spec)}</code>"
    return t("run {command}", command=command)


def _shortened_note(d: Diff, full: str | None, t: Callable[..., str] = ENGLISH) -> str:
    if full:
        said = t("Unchanged text is shortened here ({link}).", link="\x00")
    else:
        said = t("Unchanged text is shortened here; for the full redline, run {command}.", command="\x00")
    what = (
        _full_redline(d, full, t)
        if full
        else f"<code>legaldocs diff {md_escape(d.base.spec)} {md_escape(d.head.spec)}</code>"
    )
    return "> [!NOTE]\n> " + md_escape(said).replace("\x00", what) + "\n"


def _pieces(
    d: Diff, links: dict[str, str], context: int | None, more: str, t: Callable[..., str] = ENGLISH
) -> tuple[list[tuple[str, str]], bool]:
    """The comment's parts after its head, each with the part of the document it belongs to, with
    unchanged text kept ``context`` characters around each change; and whether any was left out."""
    s = MARKDOWN_STYLE
    pieces: list[tuple[str, str]] = []  # (the part it belongs to, Markdown)
    shortened = False
    meta = meta_lines(d, s, t)
    if meta:
        pieces.append(("metadata", "".join(f"- **{md_escape(label)}** {text}\n" for label, text in meta)))
    for section in d.change.sections:
        if not section.changed:
            continue
        title = f"### {section_heading(section, s, t)}"
        if "changes" in links:
            title += f" ([{t('on the changes page')}]({_url(links['changes'] + '#ld-change-' + section.id)}))"
        notes = "".join(f"\n_{md_escape(n)}_" for n in section_notes(section, t))
        pieces.append((section.id, f"{title}\n{notes}\n"))
        for change in edited_blocks(section):
            if change.kind == GENERATED:
                pieces.append((section.id, f"- _{md_escape(placement_text(change, section, t))}_\n"))
                continue
            kept = context
            if kept is None and len(block_text(change, s, t=t)) > LONGEST_BLOCK:
                kept = CONTEXTS[1]
            cut = kept is not None and any(SKIPPED in shorten(x, kept).segments for x in change.diffs)
            shortened = shortened or (cut and not change.markup_only)
            content = block_text(change, s, kept, more, t)
            formats = "".join(f"\n  - {md_escape(format_text(f, t))}" for f in change.formatting)
            pieces.append((section.id, f"- **{md_escape(block_label(change, section, t))}:** {content}{formats}\n"))
    purposes = changed_purposes(d)
    table = table_lines(d, s, t)
    if purposes or table:
        pieces.append(("purposes", f"### {t('The purpose table')}\n"))
        if table:
            pieces.append(("purposes", "".join(f"- **{md_escape(label)}** {text}\n" for label, text in table)))
        for row in purposes:
            lines = [
                f"- **{md_escape(label)}:** {text}" if label else f"- {text}"
                for label, text in purpose_lines(row, _columns(d), s, t)
            ]
            name = t("Purpose: {name}", name=md_escape(purpose_name(row)))
            pieces.append(("purposes", f"#### {name}\n\n" + "\n".join(lines) + "\n"))
    return pieces, shortened


def _fit(
    head: list[str],
    pieces: list[tuple[str, str]],
    d: Diff,
    full: str | None,
    limit: int,
    t: Callable[..., str] = ENGLISH,
) -> str:
    """Even with no unchanged text, the changes are longer than ``limit``: as many as fit, then a note
    saying how many are left out and where the full redline is."""
    out = list(head)
    size = sum(len(p) + 1 for p in out)
    reserve = 1_000  # for the note below
    for n, (_, piece) in enumerate(pieces):
        if size + len(piece) + 1 + reserve > limit:
            left = {owner for owner, _ in pieces[n:]}
            said = t(
                "The redline is cut short to fit a GitHub comment: {changes}, {parts}, are not shown here, though "
                "unchanged text was shortened first. See {full}.",
                changes=t("{count} more changes", count=len(pieces) - n),
                parts=t("in {count} parts of the document", count=len(left)),
                full="\x00",
            )
            out.append("> [!NOTE]\n> " + md_escape(said).replace("\x00", _full_redline(d, full, t)) + "\n")
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
    t = translator(d.language)
    title = t("Redline: {title}", title=d.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(d.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{PAGE_CSS}{css}</style>\n</head>\n<body>\n"
        f'<main class="md-typeset">\n<h1>{escape(title)}</h1>\n'
        '<p class="ld-sides">'
        + t(
            "{old} (effective {old_date}) → {new} (effective {new_date}), in {path}",
            old=f"<strong>{escape(d.base.label)}</strong>",
            old_date=_effective(d.base.effective, t),
            new=f"<strong>{escape(d.head.label)}</strong>",
            new_date=_effective(d.head.effective, t),
            path=f"<code>{escape(d.shown_as)}</code>",
        )
        + "</p>\n"
        + (f'<ul class="ld-warnings" aria-label="{escape(t("Warnings"))}">{warnings}</ul>\n' if warnings else "")
        + change_html(d.change, t=t)
        + "\n</main>\n</body>\n</html>\n"
    )


# --- JSON --------------------------------------------------------------------------------------


def as_json(d: Diff) -> str:
    """The diff as JSON, valid against schemas/diff.schema.json."""
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"
