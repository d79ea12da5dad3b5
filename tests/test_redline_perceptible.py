"""Seeded property test: one perceptible edit at a time, of the kinds readers see in Material's styles
(an attribute, a wrapping element, a block's kind or level), made to a real document and read through
the real pipeline; each must be marked, counted and shown in every format, the same in both engines.
And the reverse: an edit nobody sees (white space in a tag, attribute order) marks nothing.

Each case is ``(old blocks, new blocks, markdown)`` for section 'data' of ``docgen.base(seed)``, its
words drawn from the seed (``test_redline_attack.versions``)."""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Callable

import docgen
import jsengine
import lxml.html
import pytest
from docgen import DIFF_VALIDATOR as VALIDATOR
from docgen import agree, versions
from legaldocs import redline, redline_html, redline_text, words

SEEDS = range(3)
Case = tuple[list[str], list[str], str]


def _w(rng: random.Random, n: int = 3) -> str:
    return docgen.words(rng, n)


def _wrapped(tag: str, attributes: str = "") -> Callable[[random.Random], Case]:
    """Words of a paragraph wrapped in ``<tag attributes>``: struck through, marked, raised…"""

    def case(rng: random.Random) -> Case:
        a, b, c = _w(rng), _w(rng, 2), _w(rng)
        return [f"We {a} {b} {c}."], [f"We {a} <{tag}{attributes}>{b}</{tag}> {c}."], "mkdocs"

    return case


def _attribute(template: str, before: str, after: str, markdown: str = "mkdocs") -> Callable[[random.Random], Case]:
    """``template`` (``{a}``: an attribute, ``{w}``: words) with ``before`` and with ``after``."""

    def case(rng: random.Random) -> Case:
        text = _w(rng)
        return [template.format(a=before, w=text)], [template.format(a=after, w=text)], markdown

    return case


def _blocks(before: str, after: str, markdown: str = "mkdocs") -> Callable[[random.Random], Case]:
    """Blocks (``\\n\\n`` between them; ``{w}``, ``{v}``: words) written otherwise, the same words."""

    def case(rng: random.Random) -> Case:
        w, v = _w(rng).capitalize(), _w(rng, 4)
        return before.format(w=w, v=v).split("\n\n"), after.format(w=w, v=v).split("\n\n"), markdown

    return case


TABLE = "<table><tr><th>{w}</th><th>Kept</th></tr><tr><td{a}>{w}</td><td>two days</td></tr></table>"
SPANNED = "<table><tr><th>{w}</th><th>Kept</th></tr><tr><td{a}>{w} for two days</td></tr></table>"
ITEMS = "<li>{w}</li><li>we share it</li><li>we delete it</li>"

PERCEPTIBLE: dict[str, Callable[[random.Random], Case]] = {
    "link-target": _attribute("See [{w}](https://{a}.example/terms).", "a", "b"),
    "link-added": _blocks("We keep {v}.", "We keep [{v}](https://example.com/).\n\n"),
    "link-title": _attribute('See [{w}](https://example.com/ "{a}").', "Old terms", "New terms"),
    "image-alt": _attribute("![{a}](logo.png)", "Company logo", "Company seal"),
    "image-title": _attribute('![logo {w}](logo.png "{a}")', "Our logo", "Their logo"),
    "image-width": _attribute('<img src="logo.png" alt="{w}"{a}>', "", ' width="40"'),
    "list-numbered-from": _blocks("3. {w}\n4. {v}", "7. {w}\n8. {v}", "github"),
    "list-letters": _attribute(f"<ol{{a}}>{ITEMS}</ol>", "", ' type="a"'),
    "list-reversed": _attribute(f"<ol{{a}}>{ITEMS}</ol>", "", " reversed"),
    "list-nested": _blocks("- {w}\n    - {v}", "- {w}\n- {v}"),
    "list-bullets-numbered": _blocks("- {w}\n- {v}", "1. {w}\n2. {v}"),
    "cell-spans": _attribute(SPANNED, "", ' colspan="2"'),
    "cell-header": _blocks(
        "<table><tr><th>{w}</th><td>{v}</td></tr></table>", "<table><tr><td>{w}</td><td>{v}</td></tr></table>"
    ),
    "table-caption": _attribute(
        TABLE.replace("<tr>", "<caption>{a}</caption><tr>", 1).replace("{a}>", ">", 1), "Kept", "Sold"
    ),
    "abbreviation-title": _attribute(
        'We follow the <abbr title="{a}">GDPR</abbr> and {w}.', "General rule", "Other rule"
    ),
    "span-language": _attribute('We keep <span lang="{a}">{w}</span>.', "de", "fr"),
    "paragraph-title": _attribute("<p{a}>We keep {w}.</p>", "", ' title="Read this"'),
    "paragraph-language": _attribute("<p{a}>We keep {w}.</p>", ' lang="en"', ' lang="de"'),
    "list-language": _attribute(f"<ul{{a}}>{ITEMS}</ul>", "", ' lang="de"'),
    "table-title": _attribute(TABLE.replace("<table>", "<table{a}>").replace("<td{a}>", "<td>"), "", ' title="Ours"'),
    "table-body-language": _attribute(
        "<table><thead><tr><th>Who</th></tr></thead><tbody{a}><tr><td>{w}</td></tr></tbody></table>", "", ' lang="de"'
    ),
    "cell-rows-spanned": _attribute(SPANNED.replace("colspan", "rowspan"), "", ' rowspan="2"'),
    "image-in-a-link": _attribute("[![{w}](logo.png)](https://{a}.example/)", "a", "b"),
    "abbreviation-added": _blocks(
        "We follow the GDPR and {w}.", 'We follow the <abbr title="A rule">GDPR</abbr> and {w}.'
    ),
    "figure-caption": _attribute(
        '<figure><img src="logo.png" alt="{w}"><figcaption>{a}</figcaption></figure>', "Ours", "Theirs"
    ),
    "summary-words": _attribute(
        "<details><summary>{a}</summary>\n\nWe keep {w}.\n\n</details>", "More", "Less", "github"
    ),
    "quote-nested": _blocks("> {w} {v}.", "> > {w} {v}."),
    "cell-link-target": _attribute("| Who | Where |\n| --- | --- |\n| [{w}](https://{a}.example/) | DE |", "a", "b"),
    "cell-emphasis": _blocks(
        "| Who | Where |\n| --- | --- |\n| {w} | DE |", "| Who | Where |\n| --- | --- |\n| *{w}* | DE |"
    ),
    "item-link-target": _attribute("- See [{w}](https://{a}.example/).\n- {w}", "a", "b"),
    "heading-link-target": _attribute("### See [{w}](https://{a}.example/)", "a", "b"),
    "term-emphasis": _blocks("<dl><dt>{w}</dt><dd>{v}</dd></dl>", "<dl><dt><strong>{w}</strong></dt><dd>{v}</dd></dl>"),
    "struck-through": _wrapped("del"),
    "struck-s": _wrapped("s"),
    "underlined-ins": _wrapped("ins"),
    "highlighted": _wrapped("mark"),
    "raised": _wrapped("sup"),
    "lowered": _wrapped("sub"),
    "small": _wrapped("small"),
    "quoted-inline": _wrapped("q"),
    "keyboard": _wrapped("kbd"),
    "emphasised": _wrapped("em"),
    "strong": _wrapped("strong"),
    "definition": _wrapped("dfn"),
    "code-span": _blocks("We keep {v} here.", "We keep `{v}` here."),
    "code-block": _blocks("{w} {v}.", "    {w} {v}."),
    "line-break": _blocks("{w}\nand {v}.", "{w}  \nand {v}."),
    "heading-level": _blocks("### {w}\n\n{v}.", "#### {w}\n\n{v}."),
    "heading-made-paragraph": _blocks("### {w}\n\n{v}.", "{w}\n\n{v}."),
    "blockquote": _blocks("> {w} {v}.", "{w} {v}."),
    "blockquote-title": _attribute("<blockquote{a}><p>We keep {w}.</p></blockquote>", "", ' title="Quoted"'),
    "rule": _blocks("{w}.\n\n{v}.", "{w}.\n\n---\n\n{v}."),
    "details-opened": _attribute(
        "<details{a}><summary>More</summary>\n\nWe keep {w}.\n\n</details>", "", " open", "github"
    ),
    "details-opened-without-summary": _attribute("<details{a}><p>We keep {w}.</p></details>", "", " open"),
    "details-title": _attribute(
        "<details{a}><summary>More</summary>\n\nWe keep {w}.\n\n</details>", "", ' title="Open me"', "github"
    ),
    "task-ticked": _blocks("- [ ] {w}", "- [x] {w}", "github"),
    "class-admonition": _attribute('<div class="admonition {a}"><p>We keep {w}.</p></div>', "note", "danger"),
}

IMPERCEPTIBLE: dict[str, Callable[[random.Random], Case]] = {
    "white-space-in-a-tag": _attribute('We follow the <abbr{a}title="General rule">GDPR</abbr>, {w}.', " ", "   "),
    "attribute-order": _blocks(
        'We keep <span lang="de" title="German">{w}</span>.', 'We keep <span title="German" lang="de">{w}</span>.'
    ),
    "classes-in-another-order": _blocks(
        '<div class="admonition note"><p>{w}.</p></div>', '<div class="note  admonition"><p>{w}.</p></div>'
    ),
    "emphasis-written-otherwise": _blocks("We keep *{w}*.", "We keep _{w}_."),
    "bullets-written-otherwise": _blocks("- {w}\n- {v}", "* {w}\n* {v}"),
    # Material styles <b> as <strong> and <i> as <em> (it styles neither): the same bold, the same italics.
    "bold-written-otherwise": _blocks("We keep **{w}**.", "We keep <b>{w}</b>."),
    "italics-written-otherwise": _blocks("We keep *{w}*.", "We keep <i>{w}</i>."),
    # The sanitiser keeps no value on an item (nor a style): the site numbers it as before.
    "item-value-dropped": _attribute(f"<ol>{ITEMS.replace('<li>', '<li{a}>', 1)}</ol>", "", ' value="5"'),
    # The sanitiser keeps no style attribute: a column aligned right reads as one aligned left, on the site too.
    "cell-aligned": _blocks("| {w} | Kept |\n| :--- | --- |\n| a | b |", "| {w} | Kept |\n| ---: | --- |\n| a | b |"),
}


def marked(change: redline.Change) -> list[str]:
    """What the redline page shows as changed in section 'data': marks, notes, changed blocks."""
    html = redline_html.change_html(change, t=words.translator("en"))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found = root.xpath(
        "//*[@id='ld-change-data']//*[self::ins or self::del or contains(@class, 'ld-note')"
        " or contains(@class, 'ld-changed') or contains(@class, 'ld-inserted') or contains(@class, 'ld-deleted')]"
    )
    return [lxml.html.tostring(e, encoding="unicode")[:120] for e in found]


def counted(change: redline.Change) -> int:
    c = change.counts
    return sum(v for k, v in vars(c).items() if k not in ("sections_changed", "sections_added", "sections_removed"))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", list(PERCEPTIBLE))
def test_a_perceptible_edit_is_marked_counted_and_shown(js_dom: jsengine.Engine, kind: str, seed: int) -> None:
    before, after, markdown = PERCEPTIBLE[kind](random.Random(seed))
    old, new = versions(["Intro.", *before], ["Intro.", *after], markdown, markdown, seed=seed)
    change = redline.compare(old.text, new.text)
    assert not change.unchanged and counted(change) > 0, change.counts
    assert marked(change)
    d = docgen.as_diff(old, new, change)
    text = redline_text.terminal(d, color=False)
    assert "What We Keep" in text and "No changes" not in text
    assert "What We Keep" in redline_text.markdown(d)
    data = json.loads(redline_text.as_json(d))
    VALIDATOR.validate(data)
    assert data["counts"] == dataclasses.asdict(change.counts)
    standalone = lxml.html.document_fromstring(redline_text.html(d))
    assert standalone.xpath("//*[@id='ld-change-data']//*[self::ins or self::del or contains(@class, 'ld-note')]")
    agree(js_dom, old, new)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", list(IMPERCEPTIBLE))
def test_an_imperceptible_edit_marks_nothing(js_dom: jsengine.Engine, kind: str, seed: int) -> None:
    before, after, markdown = IMPERCEPTIBLE[kind](random.Random(seed))
    old, new = versions(["Intro.", *before], ["Intro.", *after], markdown, markdown, seed=seed)
    change = redline.compare(old.text, new.text)
    assert change.unchanged, [b for s in change.sections for b in s.blocks if b.status != "unchanged"]
    assert not marked(change)
    agree(js_dom, old, new)
