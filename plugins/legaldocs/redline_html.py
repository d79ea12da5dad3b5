"""A redline as HTML fragments: one small set of functions, so it can move into templates later.

Text from a version is untrusted and escaped here. Blocks that did not change keep the HTML the
renderer made of them (sanitised there); changed blocks show the word redline of their text.
Insertions are ``<ins class="ld-ins">``, deletions ``<del class="ld-del">``; assets/redline.css
gives them a cue that is not colour and words for screen readers (CSS generated content, so the
text content of the page stays the text of the policy). With ``hide_minor``, changes of white
space or punctuation only are shown as the new text, unmarked.

Every word a redline writes is a phrase of ``words.py``, written through ``t`` (English unless a
caller passes another language); assets/redline.js takes the same phrases as its ``words`` option
(the page's ``#ld-words``), and the tables below that name phrases reach it in ``redline_rules.RULES``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import lxml.html

from . import table_redline, tokens
from .redline import (
    ACTIVITY,
    ADDED,
    ALT,
    BASIS,
    CHANGED,
    DATA_TYPE,
    DELETED,
    EFFECTIVE,
    FACT,
    GENERATED,
    IMAGE,
    INSERTED,
    INTEREST,
    LINK,
    MOVED_IN,
    MOVED_OUT,
    OTHER,
    REMOVED,
    SUMMARY,
    TITLE,
    UNCHANGED,
    BlockChange,
    Change,
    Counts,
    FormatChange,
    MetaChange,
    PurposeChange,
    PurposeFact,
    PurposesChange,
    SectionChange,
)
from .tokens import TextDiff
from .words import translator

CONTAINERS = ("ul", "ol", "table", "dl", "blockquote")
#: ``t(phrase, **fields)``: a phrase of words.py in one language, its fields filled (not escaped).
Say = Callable[..., str]
ENGLISH: Say = translator("en")
#: How each kind of FormatChange is named in a note (the link and other markup name their words too).
FORMAT_NAMES = {
    IMAGE: "Image",
    ALT: "Image description",
    "emphasis": "Emphasis",
    "strong": "Bold",
    "strikethrough": "Strike-through",
    "underline": "Underline",
    "code": "Code",
}
META_NAMES = {TITLE: "Title:", EFFECTIVE: "Effective date:", SUMMARY: "Summary:"}
#: How the redline names a section without a title: a file document's text before its first heading.
PREAMBLE = "Preamble"
GENERATED_NAMES = {"purposes": "The purpose table", "versions": "The list of versions"}
#: How a look-alike letter is named by its script (tokens rule 9).
SCRIPT_NAMES = {"Cyrillic": "Cyrillic {letter}", "Greek": "Greek {letter}", tokens.LATIN: "Latin {letter}"}
#: A purpose's fact in words, by ``fact_key``: its subject and change, and whether a lawful basis has an interest.
FACT_PHRASES = {
    f"{BASIS} {ADDED}": "Lawful basis added: {label}.",
    f"{BASIS} {ADDED} {INTEREST}": "Lawful basis added: {label} ({interest}).",
    f"{BASIS} {REMOVED}": "Lawful basis removed: {label}.",
    f"{BASIS} {REMOVED} {INTEREST}": "Lawful basis removed: {label} ({interest}).",
    f"{INTEREST} {CHANGED}": "Interest changed for {label}: “{old}” became “{new}”.",
    f"{DATA_TYPE} {ADDED}": "Data type added: {label}.",
    f"{DATA_TYPE} {REMOVED}": "Data type dropped: {label}.",
    f"{DATA_TYPE} {CHANGED}": "Data type renamed: “{old}” became “{new}”.",
    f"{ACTIVITY} {ADDED}": "Activity added: {label}.",
    f"{ACTIVITY} {REMOVED}": "Activity removed: {label}.",
}


def shown_text(text: str) -> str:
    """Escaped text with a visible mark in place of each invisible character (tokens rule 8)."""
    html = escape(text)
    if not tokens.INVISIBLE.search(html):
        return html
    return tokens.INVISIBLE.sub(
        lambda m: f'<span class="ld-invisible" title="U+{ord(m[0]):04X}">{tokens.mark(m[0])}</span>', html
    )


def lookalike_note(old: str, new: str, t: Say = ENGLISH) -> str:
    """Where only look-alike letters changed (tokens rule 9), which ones: the marks alone look the same."""
    letters = tokens.lookalikes(old, new)
    if not letters:
        return ""
    which = ", ".join(t(SCRIPT_NAMES[script], letter=letter) for letter, script in letters)
    return t("letters that look alike changed: {old} → {new} ({letters})", old=old, new=new, letters=which)


def text_diff_html(diff: TextDiff, hide_minor: bool = False, t: Say = ENGLISH) -> str:
    """``<del>``/``<ins>`` pairs inside escaped text."""
    parts = []
    for segment in diff.segments:
        if segment.op == tokens.EQUAL or (hide_minor and segment.kind != tokens.WORDS):
            parts.append(shown_text(segment.new))
            continue
        minor = f" ld-minor ld-{segment.kind}" if segment.kind != tokens.WORDS else ""
        if segment.old:
            parts.append(f'<del class="ld-del{minor}">{shown_text(segment.old)}</del>')
        if segment.new:
            parts.append(f'<ins class="ld-ins{minor}">{shown_text(segment.new)}</ins>')
        if note := lookalike_note(segment.old, segment.new, t):
            parts.append(f'<span class="ld-note ld-lookalike">[{shown_text(note)}]</span>')
    return "".join(parts)


def count_items(counts: Counts, t: Say = ENGLISH) -> list[tuple[int, str]]:
    """(number, its words with the number in them) for each count a redline opens with: counted phrases
    of words.py in the form the number takes (CLDR's plural rules); those new since issue 16 only where not 0."""
    always = [
        (counts.sections_changed, "{count} sections changed"),
        (counts.sections_added, "{count} sections added"),
        (counts.sections_removed, "{count} sections removed"),
        (counts.words_added, "{count} words added"),
        (counts.words_removed, "{count} words removed"),
        (counts.purposes_changed, "{count} changes to the purpose table"),
    ]
    more = [
        (counts.formatting_changed, "{count} formatting changes"),
        (counts.images_changed, "{count} image changes"),
        (counts.facts_changed, "{count} facts changed"),
        (counts.metadata_changed, "{count} changes to the title, date or summary"),
        *table_redline.count_phrases(counts),
    ]
    return [(n, t(phrase, count=n)) for n, phrase in [*always, *((n, p) for n, p in more if n)]]


def counts_html(counts: Counts, t: Say = ENGLISH) -> str:
    """Each count in a list item, its number (the first one in its words) in ``ld-count``."""
    lis = []
    for n, words in count_items(counts, t):
        before, number, after = words.partition(str(n))
        if not number:  # a translation without the number: said before its words
            before, after = "", f" {words}"
        lis.append(f'<li>{escape(before)}<span class="ld-count">{n}</span>{escape(after)}</li>')
    return f'<ul class="ld-counts">{"".join(lis)}</ul>'


def quoted(text: str, t: Say = ENGLISH) -> str:
    return t("“{text}”", text=text)


def format_text(change: FormatChange, t: Say = ENGLISH) -> str:
    """One change of markup in words: "Link on “our terms” changed: “https://a” → “https://b”."."""
    if change.kind == OTHER and not change.old and not change.new:
        return t("The formatting changed, not the words.")
    if change.kind == LINK:
        what = t("Link on {text}", text=quoted(change.text, t))
    elif change.kind == OTHER:
        what = t("Markup on {text}", text=quoted(change.text, t)) if change.text else t("Markup")
    else:
        what = t(FORMAT_NAMES[change.kind])
    if not change.old:
        return t("{what} added: {new}.", what=what, new=quoted(change.new, t))
    if not change.new:
        return t("{what} removed: {old}.", what=what, old=quoted(change.old, t))
    return t("{what} changed: {old} → {new}.", what=what, old=quoted(change.old, t), new=quoted(change.new, t))


def formatting_text(change: BlockChange, t: Say = ENGLISH) -> str:
    return " ".join(format_text(f, t) for f in change.formatting)


def images_html(change: BlockChange) -> str:
    """Each image whose address changed in a paired block, the old one in ``<del>`` and the new one in
    ``<ins>``: a reader sees both pictures, not only their addresses ("" where none changed).

    An image's address is a content address (``images``): a replaced picture is a new address. Each
    keeps its own description (the old one's is the ``ALT`` change's old text, where that changed too).
    """
    pairs = []
    for f in change.formatting:
        if f.kind != IMAGE:
            continue
        old_alt = next((a.old for a in change.formatting if a.kind == ALT and f.new and a.text == f.new), f.text)
        pair = ""
        if f.old:
            pair += f'<del class="ld-del ld-image"><img src="{escape(f.old)}" alt="{escape(old_alt)}"></del>'
        if f.new:
            pair += f'<ins class="ld-ins ld-image"><img src="{escape(f.new)}" alt="{escape(f.text)}"></ins>'
        pairs.append(pair)
    return f'<span class="ld-images">{"".join(pairs)}</span>' if pairs else ""


def meta_label(change: MetaChange, t: Say = ENGLISH) -> str:
    if change.field == FACT:
        return t("Fact {name}:", name=quoted(change.key, t))
    return t(META_NAMES[change.field])


def effective_text(change: MetaChange) -> str:
    """The effective dates, before and after (either may be missing, with the document)."""
    return " → ".join(d for d in (change.old, change.new) if d)


def in_full(change: MetaChange, t: Say = ENGLISH) -> str:
    """The old and new value written out whole, where the word redline keeps some of it: "(in full:
    “privacy@example.com” → “help@example.org”)" (not escaped); "" for a date, an added or removed
    value, or one replaced whole (the redline shows each whole already)."""
    if change.field == EFFECTIVE or not change.old or not change.new:
        return ""
    if not any(s.op == tokens.EQUAL for s in change.diff.segments):
        return ""
    return t("(in full: {old} → {new})", old=quoted(change.old, t), new=quoted(change.new, t))


def metadata_html(change: Change, t: Say = ENGLISH, hide_minor: bool = False) -> str:
    """The title, effective date, summary and facts that changed: lines of their own, at the top; where
    the word redline keeps part of a value, the old and new values after it in full."""
    if not change.metadata:
        return ""
    items = []
    for m in change.metadata:
        value = escape(effective_text(m)) if m.field == EFFECTIVE else text_diff_html(m.diff, hide_minor, t)
        if full := in_full(m, t):
            value += f' <span class="ld-meta-full">{shown_text(full)}</span>'
        items.append(
            f'<li class="ld-meta ld-meta-{m.field}"><span class="ld-meta-label">{escape(meta_label(m, t))}</span> '
            f"{value}</li>"
        )
    label = escape(t("Changed outside the sections"), quote=True)
    return f'<ul class="ld-metadata" aria-label="{label}">{"".join(items)}</ul>'


def placement_text(change: BlockChange, section: SectionChange, t: Say = ENGLISH) -> str:
    """Where a generated part (the purpose table, the versions list) went: "" where it stayed."""
    block = change.new or change.old
    what = t(GENERATED_NAMES.get(block.text, "The list of versions"))  # type: ignore[union-attr]
    if change.status in (MOVED_IN, MOVED_OUT):
        here = section.old_id if change.status == MOVED_IN else section.new_id
        if change.other_section == here:
            return t("{what} moved within this section.", what=what)
        if not change.other_shown:  # the other section shows no number: named by its title
            phrase = "{what} moved here from {section}." if change.status == MOVED_IN else "{what} moved to {section}."
            return t(phrase, what=what, section=other_name(change, t))
        if change.status == MOVED_IN:
            return t("{what} moved here from section {number}.", what=what, number=change.other_shown)
        return t("{what} moved to section {number}.", what=what, number=change.other_shown)
    if change.status == INSERTED:
        return t("{what} is shown here now.", what=what)
    if change.status == DELETED:
        return t("{what} is no longer shown here.", what=what)
    return ""


def _note(text: str) -> str:
    return f'<span class="ld-note">{escape(text)}</span> '


def _wrap(html: str, classes: str, mark: str = "", note: str = "", images: str = "") -> str:
    """The block's own HTML with classes added, its content (each cell's, for a row) inside ``mark``;
    ``note`` (text) and after it ``images`` (``images_html``) at the start of it (of its first cell)."""
    element = lxml.html.fragment_fromstring(html)
    element.set("class", f"{element.get('class', '')} {classes}".strip())
    targets = [c for c in element if c.tag in ("th", "td")] if element.tag == "tr" else [element]
    for n, target in enumerate(targets):
        if mark:
            wrapper = lxml.html.Element(mark, {"class": f"ld-{mark}"})
            wrapper.text, target.text = target.text, None
            for child in list(target):
                wrapper.append(child)
            target.append(wrapper)
        if note and n == 0:
            span = lxml.html.Element("span", {"class": "ld-note"})
            span.text, span.tail, target.text = note, " " + (target.text or ""), None
            target.insert(0, span)
            if images:
                pictures = lxml.html.fragment_fromstring(images)
                pictures.tail, span.tail = span.tail, " "
                target.insert(1, pictures)
    return lxml.html.tostring(element, encoding="unicode")


def _element(tag: str, classes: str, inner: str) -> str:
    return f'<{tag} class="{classes}">{inner}</{tag}>'


def _cells(change: BlockChange, contents: Sequence[str], note: str = "") -> str:
    """A row's cells; with one content for several cells, one cell spanning them."""
    block = change.new or change.old
    tags = block.cell_tags or ("td",)  # type: ignore[union-attr]
    if len(contents) > 1 and len(contents) != len(tags):  # a table's columns changed: one per column of both
        tags = ("th" if table_redline.is_header(block) else "td",) * len(contents)
    if len(contents) != len(tags):
        return f'<td colspan="{len(tags)}">{note}{contents[0]}</td>'
    return "".join(
        f"<{t}>{note if n == 0 else ''}{c}</{t}>" for n, (t, c) in enumerate(zip(tags, contents, strict=True))
    )


def minor_label(diffs: Sequence[TextDiff], t: Say = ENGLISH, *, changed: bool = False) -> str:
    """ "Spacing only:" where only white space changed, "Punctuation only:" where punctuation did (or
    both); for a purpose row (``changed``), "Spacing changed." or "Punctuation changed."."""
    spacing = {d.kind for d in diffs if d.kind != tokens.UNCHANGED} == {tokens.WHITESPACE}
    if changed:
        return t("Spacing changed.") if spacing else t("Punctuation changed.")
    return t("Spacing only:") if spacing else t("Punctuation only:")


def _moved_note(change: BlockChange, section: SectionChange, t: Say = ENGLISH) -> str:
    here = section.old_id if change.status == MOVED_IN else section.new_id
    if change.other_section == here:
        return (
            t("Moved here from elsewhere in this section.")
            if change.status == MOVED_IN
            else t("Moved elsewhere in this section:")
        )
    if not change.other_shown:  # the other section shows no number: named by its title
        phrase = "Moved here from {section}." if change.status == MOVED_IN else "Moved to {section}:"
        return t(phrase, section=other_name(change, t))
    if change.status == MOVED_IN:
        return t("Moved here from section {number}.", number=change.other_shown)
    return t("Moved to section {number}:", number=change.other_shown)


def other_name(change: BlockChange, t: Say = ENGLISH) -> str:
    """A moved block's other section as its page names it: "section 3" where it shows a number, else
    its title as written in quotes (“Cookies we use”), “Preamble” for a file's text before its first heading."""
    if change.other_shown:
        return t("section {number}", number=change.other_shown)
    return t("“{text}”", text=change.other_title or t(PREAMBLE))


#: Blocks that are an element with nothing inside it: a rule across the page, a lone line break.
VOID = ("hr", "br")


def _beside(change: BlockChange, section: SectionChange, t: Say = ENGLISH) -> str:
    """A block with no words to mark (a rule drawn, taken away or moved): the block as it is, its note
    beside it, in a ``div`` with the block's classes (nothing can be put inside an ``<hr>``)."""
    block = change.new or change.old
    assert block is not None
    moved = _moved_note(change, section, t) if change.status in (MOVED_IN, MOVED_OUT) else ""
    note = f"{moved} {formatting_text(change, t)}".strip()
    classes = "ld-block ld-" + change.status.replace("_", "-") + (" ld-formatting" if change.formatting else "")
    return f'<div class="{classes}">{_note(note) if note else ""}{block.html}</div>'


def block_html(change: BlockChange, section: SectionChange, hide_minor: bool = False, t: Say = ENGLISH) -> str:
    """One block as one element (p, li, tr, h3…) of the redline; what changed in its markup in a note."""
    block = change.new or change.old
    assert block is not None
    if block.kind == GENERATED:
        note = placement_text(change, section, t)
        return (
            f'<p class="ld-block ld-placement ld-{change.status.replace("_", "-")}">{_note(note)}</p>' if note else ""
        )
    if change.status == UNCHANGED or (hide_minor and change.minor):
        return block.html
    if block.tag in VOID or (change.status in (INSERTED, DELETED) and change.formatting):
        return _beside(change, section, t)
    texts = block.cells or (block.text,)
    if change.status == INSERTED and not any(tokens.INVISIBLE.search(t) for t in texts):
        return _wrap(block.html, "ld-block ld-inserted", "ins")
    formatting, images = formatting_text(change, t), images_html(change)
    if change.status == CHANGED and change.markup_only:
        return _wrap(block.html, "ld-block ld-changed ld-formatting", note=formatting, images=images)
    note = _moved_note(change, section, t) if change.status in (MOVED_IN, MOVED_OUT) else ""
    if change.minor:  # a faint mark alone could be missed: say what kind of change it is
        note = minor_label(change.diffs, t)
    note = f"{note} {formatting}".strip()
    marked = " ld-formatting" if formatting else ""
    if change.status == MOVED_IN and not change.diffs:
        return _wrap(block.html, "ld-block ld-moved-in" + marked, note=note, images=images)
    classes = {
        CHANGED: "ld-block ld-changed" + (" ld-minor" if change.minor else "") + marked,
        INSERTED: "ld-block ld-inserted",
        MOVED_IN: "ld-block ld-moved-in ld-changed" + marked,
        DELETED: "ld-block ld-deleted",
        MOVED_OUT: "ld-block ld-moved-out",
    }[change.status]
    if change.status in (DELETED, MOVED_OUT):
        moved = " ld-moved" if change.status == MOVED_OUT else ""
        contents = [f'<del class="ld-del{moved}">{shown_text(block.shown(t))}</del>' if t else "" for t in texts]
    elif change.status == INSERTED:  # with invisible characters: as text, each shown by its mark
        contents = [f'<ins class="ld-ins">{shown_text(block.shown(t))}</ins>' if t else "" for t in texts]
    else:
        contents = [text_diff_html(d, hide_minor, t) for d in change.diffs]
    lead = (_note(note) if note else "") + (f"{images} " if images else "")
    if block.tag == "tr":
        return f'<tr class="{classes}">{_cells(change, contents, lead)}</tr>'
    return _element(block.tag or "p", classes, lead + "".join(contents))


def blocks_html(section: SectionChange, hide_minor: bool = False, purposes_html: str = "", t: Say = ENGLISH) -> str:
    """The section's blocks in reading order; list items and rows regrouped into their containers; the
    purpose table where it is placed, or where it stood when it is no longer shown."""
    out: list[str] = []
    open_container = ""
    rows: list[tuple[BlockChange, str]] = []  # the open table's rows, shown by table_redline.table_html
    table: dict[str, int] = {}  # the open table's, by side (table_redline.another_table)
    for change in section.blocks:
        block = change.new or change.old
        assert block is not None
        container = block.container if block.container in CONTAINERS else ""
        if block.kind == "item" and block.depth:
            container = container or "ul"
        if container == "table":
            if open_container != "table":
                table = {}
            if table_redline.another_table(change, table):  # never at the first row: nothing is open
                out.append(_table(rows))
                rows = []
        if container != open_container:
            if open_container:
                out.append(_table(rows) if open_container == "table" else f"</{open_container}>")
            if container and container != "table":
                out.append(f"<{container}>")
            open_container, rows = container, []
        if block.kind == GENERATED:
            out.append(block_html(change, section, hide_minor, t))
            if block.text == "purposes" and change.status != MOVED_OUT:
                out.append(purposes_html)
            continue
        html = block_html(change, section, hide_minor, t)
        if block.depth and block.kind == "item":
            html = html.replace("<li", f'<li data-depth="{block.depth}"', 1)
        if open_container == "table":
            rows.append((change, html))
        else:
            out.append(html)
    if open_container:
        out.append(_table(rows) if open_container == "table" else f"</{open_container}>")
    return "".join(out)


def _table(rows: Sequence[tuple[BlockChange, str]]) -> str:
    """A table of the text, its rows shown (``table_redline``, rule 3)."""
    return table_redline.table_html([c for c, _ in rows], [h for _, h in rows], lambda b, text: b.shown(text))


def number_html(section: SectionChange) -> str:
    """§4, or §3 → §4 where the section was renumbered, as the pages show the numbers; nothing
    where the page shows none (headings as written, a preamble)."""
    old, new = section.old_shown, section.new_shown
    if section.renumbered and old and new:
        return (
            f'<span class="ld-number"><span class="ld-old-number">§{escape(old)}</span> → '
            f'<span class="ld-new-number">§{escape(new)}</span></span> '
        )
    number = new or old
    return f'<span class="ld-number">§{escape(number)}</span> ' if number else ""


def section_notes(section: SectionChange, t: Say = ENGLISH) -> list[str]:
    notes = []
    if section.status == ADDED:
        notes.append(t("New section."))
    if section.status == REMOVED:
        notes.append(t("Section removed."))
    if section.moved and section.old_shown and section.new_shown:
        notes.append(t("Moved: was section {old}, now section {new}.", old=section.old_shown, new=section.new_shown))
    elif section.moved:
        notes.append(t("Moved to another place among the sections."))
    elif section.renumbered and section.old_shown:
        notes.append(t("Renumbered: was section {number}.", number=section.old_shown))
    if section.renamed:
        notes.append(t("Renamed: was “{title}”.", title=section.old_title))
    if section.moved_in_from:
        notes.append(t("Text moved here from {sections}.", sections=_sections(_moved(section, MOVED_IN), t)))
    if section.moved_out_to:
        notes.append(t("Text moved to {sections}.", sections=_sections(_moved(section, MOVED_OUT), t)))
    return notes


def _moved(section: SectionChange, status: str) -> list[BlockChange]:
    """A block moved in from (or out to) each other section, in the order of the other sections: the
    blocks ``moved_in_from`` (``moved_out_to``) counts, one for each section it lists."""
    here = section.old_id if status == MOVED_IN else section.new_id
    found: dict[int, BlockChange] = {}
    for change in section.blocks:
        if change.status == status and change.kind != GENERATED and change.other_section != here:
            found.setdefault(change.other_number, change)  # type: ignore[arg-type]
    return [found[n] for n in sorted(found)]


def _sections(moves: Sequence[BlockChange], t: Say = ENGLISH) -> str:
    """The other sections of these moves as their pages name them: "sections 2, 3 and 5" where each
    shows a number, else each by its name ("“Cookies we use” and “Your rights”")."""
    if len(moves) == 1:
        return other_name(moves[0], t)
    if all(m.other_shown for m in moves):
        shown = [m.other_shown for m in moves]
        return t("sections {numbers} and {last}", numbers=", ".join(shown[:-1]), last=shown[-1])
    names = [other_name(m, t) for m in moves]
    return t("{items} and {last}", items=", ".join(names[:-1]), last=names[-1])


def section_anchor(section_id: str) -> str:
    """The id of a section's redline on a changes page: what a link to that section's change points at."""
    return f"ld-change-{section_id}"


def purpose_anchor(purpose_id: str) -> str:
    """The id of a purpose's row in the purpose table's redline."""
    return f"ld-change-purpose-{purpose_id}"


def section_number(section: SectionChange) -> str:
    """ "§3", "§3 → §4" where renumbered, "" where the page shows no number of legaldocs' own (headings
    as written, a preamble): one rule for the redline's text and the notice."""
    old, new = section.old_shown, section.new_shown
    return f"§{old} → §{new}" if section.renumbered and old and new else f"§{new or old}" if new or old else ""


def section_html(
    section: SectionChange,
    hide_minor: bool = False,
    purposes_html: str = "",
    purposes_changed: bool = False,
    t: Say = ENGLISH,
) -> str:
    """One section of the redline; one without changes (or, hidden, only minor ones) is collapsed.

    ``purposes_html`` goes where the section holds the purpose table; the section stays open when
    ``purposes_changed``.
    """
    title = text_diff_html(section.title, hide_minor, t) if section.old_title or section.new_title else ""
    title = title or escape(t(PREAMBLE))  # a file document's text before its first heading
    anchor = escape(section_anchor(section.id))
    body = blocks_html(section, hide_minor, purposes_html, t)
    holds_purposes = purposes_changed and any(holds_table(b) for b in section.blocks)
    quiet = not section.changed or (hide_minor and section.minor)
    if quiet and not holds_purposes:
        return (
            f'<details class="ld-change ld-section-unchanged" id="{anchor}"><summary>'
            f'<span class="ld-change-title">{number_html(section)}{title}</span> '
            f'<span class="ld-unchanged-note">{escape(t("(no changes)"))}</span></summary>{body}</details>'
        )
    notes = "".join(f"<li>{escape(n)}</li>" for n in section_notes(section, t))
    classes = f"ld-change ld-section-{section.status}" + (" ld-moved" if section.moved else "")
    return (
        f'<section class="{classes}" id="{anchor}">'
        f'<h2 class="ld-change-title">{number_html(section)}{title}</h2>'
        + (f'<ul class="ld-change-notes">{notes}</ul>' if notes else "")
        + f"{body}</section>"
    )


def fact_key(fact: PurposeFact) -> str:
    """Which of ``FACT_PHRASES`` says ``fact``: its subject and change, and " interest" for a lawful
    basis that has one."""
    interest = f" {INTEREST}" if fact.subject == BASIS and (fact.new or fact.old) else ""
    return f"{fact.subject} {fact.change}{interest}"


def fact_text(fact: PurposeFact, t: Say = ENGLISH) -> str:
    return t(FACT_PHRASES[fact_key(fact)], label=fact.label, old=fact.old, new=fact.new, interest=fact.new or fact.old)


#: The redline's own column after the table's: what changed in each purpose.
WHAT_CHANGED = "What changed"


def column_labels(columns: Sequence[str], t: Say = ENGLISH) -> tuple[str, ...]:
    """Each cell's column name, shown as its label where a phone stacks a row's cells into a card."""
    return (*columns, t(WHAT_CHANGED))


def purpose_row_html(row: PurposeChange, hide_minor: bool = False, t: Say = ENGLISH, labels: Sequence[str] = ()) -> str:
    """One purpose's row; ``labels`` (``column_labels``) name each cell's column in its ``data-label``."""
    if row.status == UNCHANGED and not row.moved:
        what = escape(t("No change."))
        cells = [escape(d.segments[0].new) if d.segments else "" for d in row.cells]
    else:
        cells = [text_diff_html(d, hide_minor, t) for d in row.cells]
        facts = [fact_text(f, t) for f in row.facts]
        if row.status == ADDED:
            facts.insert(0, t("Purpose added."))
        if row.status == REMOVED:
            facts.insert(0, t("Purpose removed."))
        if row.moved:
            facts.append(t("Moved in the table."))
        minor = any(d.minor for d in row.cells) and all(d.minor or d.kind == tokens.UNCHANGED for d in row.cells)
        wording = minor_label(row.cells, t, changed=True) if minor else t("Wording changed.")
        what = "".join(f"<li>{escape(f)}</li>" for f in facts) or f"<li>{escape(wording)}</li>"
        what = f'<ul class="ld-facts">{what}</ul>'
    moved = " ld-moved" if row.moved else ""
    label = [f' data-label="{escape(x)}"' for x in labels] if len(labels) == 4 else [""] * 4
    return (
        f'<tr class="ld-purpose-{row.status}{moved}" id="{escape(purpose_anchor(row.id))}">'
        f'<th scope="row"{label[0]}>{cells[0]}</th><td{label[1]}>{cells[1]}</td><td{label[2]}>{cells[2]}</td>'
        f"<td{label[3]}>{what}</td></tr>"
    )


def purposes_html(change: PurposesChange | None, hide_minor: bool = False, t: Say = ENGLISH) -> str:
    """The purpose table, row by row: each cell's redline and, in a fourth column, what changed; its
    caption and column headers redlined."""
    if change is None:
        return ""
    rows = "".join(purpose_row_html(r, hide_minor, t, column_labels(change.columns, t)) for r in change.purposes)
    caption = f"<caption>{text_diff_html(change.caption, hide_minor, t)}</caption>"
    headers = [text_diff_html(d, hide_minor, t) for d in change.headers] if change.headers else None
    classes = f" ld-purposes-{change.status}" + (" ld-moved" if change.moved else "")
    return purpose_table_html(change.columns, rows, caption, classes, headers, t)


def purpose_table_html(
    columns: Sequence[str],
    rows: str,
    caption: str = "",
    classes: str = "",
    headers: Sequence[str] | None = None,
    t: Say = ENGLISH,
) -> str:
    """The table around purpose rows (``purpose_row_html``): the whole table's change, or one row's history;
    ``headers`` the column headers' redlines (HTML), else the ``columns`` as they are."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers or [escape(c) for c in columns])
    what = escape(t(WHAT_CHANGED))
    return (
        f'<div class="ld-purposes-change{classes}"><table class="ld-purpose-table">{caption}'
        f'<thead><tr>{head}<th scope="col">{what}</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def holds_table(change: BlockChange) -> bool:
    """The block where the redline shows the purpose table: its place in the new text, else the place
    it had in the old one (moved away: shown where it went)."""
    block = change.new or change.old
    return block is not None and block.kind == GENERATED and block.text == "purposes" and change.status != MOVED_OUT


def change_html(change: Change, hide_minor: bool = False, t: Say = ENGLISH) -> str:
    """Counts, the title, date, summary and facts that changed, then every section; the purpose table
    where its section holds it, or held it (else at the end)."""
    table = purposes_html(change.purposes, hide_minor, t)
    placed = any(holds_table(b) for s in change.sections for b in s.blocks)
    changed = change.purposes is not None and change.purposes.status != UNCHANGED
    sections = "".join(section_html(s, hide_minor, table, changed, t) for s in change.sections)
    rest = "" if placed or not table else table
    top = counts_html(change.counts, t) + metadata_html(change, t, hide_minor)
    return f'<div class="ld-redline">{top}{sections}{rest}</div>'
