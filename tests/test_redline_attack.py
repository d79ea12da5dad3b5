"""Attacks on the redline after tables in the text (table_redline), GitHub's Markdown (gfm) and German
redlines (redline_rules) arrived: each a change a reader sees that must be marked and counted, or a
change nobody sees that must not be, in both engines.

Every version is read through the real pipeline (``docgen.load``: source.py, render with the
sanitiser, ``redline.document_text``); the browser engine runs under Node (``jsengine``)."""

from __future__ import annotations

import copy
import dataclasses
import random
import re
import subprocess
from pathlib import Path

import docgen
import jsengine
import lxml.html
import pytest
from docgen import agree, versions
from git import Repo
from helpers import commit_site, copy_site, edit
from legaldocs import redline, redline_html, redline_text, words
from legaldocs.redline import UNCHANGED, BlockChange, Change

TABLE = "| Name | Kept |\n| --- | --- |\n| Alpha | 2 days |\n| Beta | 3 days |\n| Gamma | 4 days |"


def edited(change: Change) -> list[BlockChange]:
    return [b for s in change.sections for b in s.blocks if b.status != UNCHANGED]


def page(change: Change, language: str = "en") -> lxml.html.HtmlElement:
    html = redline_html.change_html(change, t=words.translator(language))
    return lxml.html.fragment_fromstring(html, create_parent="div")


# --- Tables ------------------------------------------------------------------------------------

CAPTIONED = "<table><caption>We keep these</caption><tr><th>Name</th></tr><tr><td>Alpha</td></tr></table>"


def test_a_tables_caption_changed_is_marked_and_counted(js_dom: jsengine.Engine) -> None:
    """A caption's words were in no block: "We keep these" → "We sell these" was no change at all."""
    old, new = versions(["Intro.", CAPTIONED], ["Intro.", CAPTIONED.replace("keep", "sell")])
    change = redline.compare(old.text, new.text)
    assert not change.unchanged
    assert (change.counts.words_added, change.counts.words_removed) == (1, 1)
    root = page(change)
    assert root.xpath("//*[@id='ld-change-data']//del/text()") == ["keep"]
    assert root.xpath("//*[@id='ld-change-data']//ins/text()") == ["sell"]
    agree(js_dom, old, new)


def test_an_unchanged_caption_is_still_shown_above_its_table() -> None:
    old, new = versions(["Intro.", CAPTIONED], ["Intro. More.", CAPTIONED])
    section = page(redline.compare(old.text, new.text)).xpath("//*[@id='ld-change-data']")[0]
    assert "We keep these" in section.text_content()


@pytest.mark.parametrize("moved", [False, True], ids=["in-place", "moved"])
def test_words_moved_from_one_cell_to_the_next_are_not_called_formatting(js_dom: jsengine.Engine, moved: bool) -> None:
    """``A \\| B | C`` and ``A | B \\| C`` read the same as text ("A | B | C"): the cells changed, and the
    redline said "The formatting changed, not the words." (a row moved too: no word marked at all)."""
    head = "| Name | Kept |\n| --- | --- |\n"
    before, after = "| A \\| B | C |", "| A | B \\| C |"
    other = "| D | E |\n| F | G |"  # two rows that keep their order: the other one moves
    old, new = versions(
        ["Intro.", f"{head}{before}\n{other}"],
        ["Intro.", f"{head}{other}\n{after}" if moved else f"{head}{after}\n{other}"],
    )
    change = redline.compare(old.text, new.text)
    row = next(b for b in edited(change) if b.new is not None and b.new.text == "A | B | C")
    assert row.status == ("moved_in" if moved else "changed") and not row.formatting
    assert {d.kind for d in row.diffs} - {"unchanged"}
    assert change.counts.formatting_changed == 0 and change.counts.words_added > 0
    shown = page(change).xpath("//tr[contains(@class, 'ld-changed')]")
    assert shown and "formatting" not in shown[0].text_content() and shown[0].xpath(".//ins")
    agree(js_dom, old, new)


PROCESSORS = "| Who | Where |\n| --- | --- |\n| Mailgun | US |\n| Stripe | IE |"


@pytest.mark.parametrize(
    ("old", "new", "tables"),
    [
        ([TABLE, PROCESSORS], [TABLE, PROCESSORS.replace("IE", "NL")], 2),
        ([TABLE, PROCESSORS], [TABLE.replace("| Beta | 3 days |\n", ""), PROCESSORS + "\n| Beta | 3 days |"], 2),
        ([TABLE, PROCESSORS], [TABLE], 2),
        ([TABLE], [TABLE, PROCESSORS], 2),
    ],
    ids=["row-changed", "row-moved-between", "table-removed", "table-added"],
)
def test_two_tables_one_after_the_other_stay_two(
    js_dom: jsengine.Engine, old: list[str], new: list[str], tables: int
) -> None:
    """Two tables with only a blank line between them were shown as one: the second's header a body row,
    its rows labelled with the first table's column names on a phone ("Name: Mailgun")."""
    a, b = versions(["Intro.", *old], ["Intro.", *new])
    root = page(redline.compare(a.text, b.text))
    shown = root.xpath("//*[@id='ld-change-data']//table")
    assert len(shown) == tables
    for table in shown:
        head = [th.text_content().strip() for th in table.xpath("./thead/tr/th") or table.xpath(".//tr[1]/th")]
        assert head in (["Name", "Kept"], ["Who", "Where"]), head
        labels = {cell.get("data-label") for cell in table.xpath(".//td[@data-label]")}
        assert labels <= set(head), (head, labels)
    agree(js_dom, a, b)


def test_a_column_renamed_beside_one_added_keeps_its_cells(js_dom: jsengine.Engine) -> None:
    """Table_redline rule 2 made a gap of unequal widths columns removed then added, so a column renamed
    beside one added showed every row's cell in it deleted and typed again; a gap pairs by position. (Where
    the column added stands first, [Name] against [Country, Person], position pairs Name with Country: as
    noisy as removed and added, never hiding a cell.)"""
    new = "| Person | Country | Kept |\n| --- | --- | --- |\n| Alpha | DE | 2 days |\n| Beta | FR | 3 days |"
    new += "\n| Gamma | US | 4 days |"
    old, new_ = versions(["Intro.", TABLE], ["Intro.", new])
    change = redline.compare(old.text, new_.text)
    assert (change.counts.columns_added, change.counts.columns_removed) == (1, 0)
    assert change.counts.words_removed == 1  # "Name"
    agree(js_dom, old, new_)


# --- GitHub's Markdown ---------------------------------------------------------------------------


def test_the_same_text_in_the_other_markdown_is_no_change_where_readers_see_none(js_dom: jsengine.Engine) -> None:
    """cmark-gfm writes an image's ``src`` before its ``alt``, Python-Markdown after: the same picture,
    which was "1 formatting change" ("The formatting changed, not the words.") on switching ``markdown:``."""
    old, new = versions(["Intro.", "Plain words."], ["Intro.", "Plain words."], new_markdown="github")
    assert docgen.perceived(old) == docgen.perceived(new)
    change = redline.compare(old.text, new.text)
    assert change.unchanged, edited(change)
    agree(js_dom, old, new)


@pytest.mark.parametrize(
    ("old", "new", "counted"),
    [
        ("- [ ] We delete it.", "- [x] We delete it.", "words_added"),
        ("We keep it.[^1]\n\n[^1]: For two years.", "We keep it.[^1]\n\n[^1]: For ten years.", "words_added"),
        ("Write to https://a.example.com now.", "Write to https://b.example.com now.", "words_added"),
        ("We keep it.", "We ~~keep~~ it.", "formatting_changed"),
        ("We keep it <span>here</span>.", "We keep it <script>x</script>.", "words_removed"),
    ],
    ids=["task-ticked", "footnote", "autolink", "strikethrough", "sanitised"],
)
def test_githubs_markdown_changes_are_marked_in_both_engines(
    js_dom: jsengine.Engine, old: str, new: str, counted: str
) -> None:
    a, b = versions(["Intro.", *old.split("\n\n")], ["Intro.", *new.split("\n\n")], "github", "github")
    assert docgen.perceived(a) != docgen.perceived(b)
    change = redline.compare(a.text, b.text)
    assert getattr(change.counts, counted) > 0 and edited(change)
    agree(js_dom, a, b)


def test_a_numbered_list_that_counts_from_another_number_is_marked(js_dom: jsengine.Engine) -> None:
    """GitHub's Markdown keeps a list's first number (``<ol start="7">``): items 3 and 4 became 7 and 8,
    which was no change at all (the list's own attribute is in no block); the redline counted from 1."""
    old, new = versions(["Intro.", "3. We keep it.\n4. We delete it."], ["Intro.", "7. We keep it.\n8. We delete it."])
    assert redline.compare(old.text, new.text).unchanged  # the site's Markdown numbers from 1 either way
    old, new = versions(
        ["Intro.", "3. We keep it.\n4. We delete it."],
        ["Intro.", "7. We keep it.\n8. We delete it."],
        "github",
        "github",
    )
    change = redline.compare(old.text, new.text)
    (item,) = edited(change)
    assert [(f.old, f.new) for f in item.formatting] == [('<li value="3">', '<li value="7">')]
    assert change.counts.formatting_changed == 1
    assert page(change).xpath("//*[@id='ld-change-data']//ol/li[1]/@value") == ["7"]
    agree(js_dom, old, new)


@pytest.mark.parametrize("image", [False, True], ids=["link", "image"])
def test_a_title_shown_on_pointing_is_written_out_old_and_new(js_dom: jsengine.Engine, image: bool) -> None:
    """``[terms](address "Old terms")`` → ``"Sold terms"`` was "The formatting changed, not the words.",
    neither title said."""
    text = '![logo](logo.png "{}")' if image else 'See [terms](https://example.com "{}").'
    old, new = versions(["Intro.", text.format("Old terms")], ["Intro.", text.format("Sold terms")])
    change = redline.compare(old.text, new.text)
    (block,) = edited(change)
    assert [(f.kind, f.old, f.new) for f in block.formatting] == [
        ("other", f'<{"img" if image else "a"} title="Old terms">', f'<{"img" if image else "a"} title="Sold terms">')
    ]
    note = page(change).xpath("string(//*[@id='ld-change-data']//span[@class='ld-note'])")
    assert "Old terms" in note and "Sold terms" in note
    agree(js_dom, old, new)


@pytest.mark.parametrize("opened", [True, False], ids=["opened", "folded"])
def test_a_details_block_opened_is_marked(js_dom: jsengine.Engine, opened: bool) -> None:
    """``<details open>`` (shown unfolded) against ``<details>`` (folded) was in no block: no change."""
    text = "<details{}><summary>More</summary>\n\nWe keep your logs.\n\n</details>"
    before, after = ("", " open") if opened else (" open", "")
    old, new = versions(["Intro.", text.format(before)], ["Intro.", text.format(after)], "github", "github")
    change = redline.compare(old.text, new.text)
    (block,) = edited(change)
    said = ("", '<summary open="">') if opened else ('<summary open="">', "")
    assert [(f.kind, f.old, f.new) for f in block.formatting] == [("other", *said)]
    assert change.counts.formatting_changed == 1
    assert page(change).xpath("//*[@id='ld-change-data']//*[contains(@class, 'ld-formatting')]//span[@class='ld-note']")
    agree(js_dom, old, new)


def test_switching_markdown_shows_the_list_github_makes(js_dom: jsengine.Engine) -> None:
    """A list right after its paragraph is part of the paragraph on the site and a list on GitHub: the
    switch shows the words leaving the paragraph and the list's items arriving."""
    text = ["Intro.", "We keep:\n- logs\n- mail"]
    old, new = versions(text, text, "mkdocs", "github")
    change = redline.compare(old.text, new.text)
    found = [(b.kind, b.status) for b in edited(change)]
    assert found == [("paragraph", "changed"), ("item", "inserted"), ("item", "inserted")]
    agree(js_dom, old, new)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("- We keep it.\n- We delete it.", "1. We keep it.\n2. We delete it.", ("<ul>", "<ol>")),
        ("- We keep it.\n    - We delete it.", "- We keep it.\n- We delete it.", ('<li data-depth="1">', "<li>")),
    ],
    ids=["bullets-numbered", "sub-point-made-a-point"],
)
def test_a_list_item_in_another_list_or_depth_is_marked(
    js_dom: jsengine.Engine, old: str, new: str, said: tuple[str, str]
) -> None:
    """Bullets made numbers, or a sub-point made a point of its own: the same words, read otherwise;
    the redline said "No changes"."""
    a, b = versions(["Intro.", old], ["Intro.", new])
    change = redline.compare(a.text, b.text)
    assert ("other", *said) in [(f.kind, f.old, f.new) for c in edited(change) for f in c.formatting]
    assert change.counts.formatting_changed > 0
    agree(js_dom, a, b)


@pytest.mark.parametrize("drawn", [True, False], ids=["drawn", "taken-away"])
def test_a_rule_drawn_between_paragraphs_is_marked(js_dom: jsengine.Engine, drawn: bool) -> None:
    """redline.blocks skipped ``<hr>``: a rule drawn between two paragraphs (or taken away) was no change."""
    plain, ruled = ["Intro.", "We keep it.", "We share it."], ["Intro.", "We keep it.", "---", "We share it."]
    old, new = versions(plain, ruled) if drawn else versions(ruled, plain)
    change = redline.compare(old.text, new.text)
    (block,) = edited(change)
    assert (block.status, block.kind) == ("inserted" if drawn else "deleted", "other")
    assert [(f.old, f.new) for f in block.formatting] == [("", "<hr>") if drawn else ("<hr>", "")]
    assert change.counts.formatting_changed == 1 and not change.counts.words_added + change.counts.words_removed
    (shown,) = page(change).xpath("//*[@id='ld-change-data']//div[contains(@class, 'ld-formatting')]")
    assert shown.xpath("./hr") and "<hr>" in shown.xpath("string(./span[@class='ld-note'])")
    assert "ld-inserted" in shown.get("class") if drawn else "ld-deleted" in shown.get("class")
    said = f"Markup {'added' if drawn else 'removed'}: “<hr>”."
    text = redline_text.terminal(docgen.as_diff(old, new, change), color=False)
    assert f"Formatting or links changed:\n    {said}" in text and "{++}" not in text
    agree(js_dom, old, new)


def test_a_rule_moved_to_another_section_says_where_beside_it(js_dom: jsengine.Engine) -> None:
    """An ``<hr>`` can hold nothing: the note "Moved to section 3:" put inside it was lost (moved in) or
    left after a stray ``</hr>`` (moved out)."""
    doc = docgen.base(random.Random(0))
    a, b = copy.deepcopy(doc), copy.deepcopy(doc)
    a.section("data").blocks = ["Intro.", "We keep it.", "---", "We share it."]
    b.section("data").blocks = ["Intro.", "We keep it.", "We share it."]
    b.section("fees").blocks = [*b.section("fees").blocks, "---", "More."]
    old, new = docgen.load(a), docgen.load(b)
    change = redline.compare(old.text, new.text)
    rules = [c for c in edited(change) if c.kind == "other"]
    assert [c.status for c in rules] == ["moved_out", "moved_in"]
    root = page(change)
    for status, said in (("moved-out", "Moved to section 3:"), ("moved-in", "Moved here from section 2.")):
        (shown,) = root.xpath(f"//div[contains(@class, 'ld-{status}')]")
        assert shown.xpath("./hr") and shown.xpath("string(./span[@class='ld-note'])") == said
    agree(js_dom, old, new)


def test_a_rule_kept_is_shown_and_no_change() -> None:
    ruled = ["Intro.", "We keep it.", "---", "We share it."]
    old, new = versions(ruled, [*ruled[:-1], "We share it now."])
    change = redline.compare(old.text, new.text)
    assert [b.kind for b in edited(change)] == ["paragraph"]
    assert page(change).xpath("//*[@id='ld-change-data']//hr")


# --- German ------------------------------------------------------------------------------------


def test_a_german_table_redline_says_nothing_in_english(js_dom: jsengine.Engine) -> None:
    """Rows moved, a header cell turned into a body cell, a column added: every note in German."""
    new = "| | | |\n| --- | --- | --- |\n| Name | Land | Kept |\n| Gamma | DE | 5 days |\n| Beta | FR | 3 days |"
    old, new_ = versions(["Intro.", TABLE], ["Intro.", new])
    change = redline.compare(old.text, new_.text)
    notes = page(change, "de").xpath("//span[@class='ld-note']/text()")
    assert notes
    english = {phrase for phrase in words.ENGLISH if "{" not in phrase and len(phrase) > 12}
    assert not [n for n in notes if n.strip() in english], notes
    agree(js_dom, old, new_, language="de")


def english_left(text: str) -> list[str]:
    """The phrases of words.py's English table (their fixed parts of 8 characters or more) found in ``text``."""
    parts = {
        part.strip(" .:,;()“”")
        for phrase in (*words.ENGLISH, *(f for forms in words.COUNTED.values() for f in forms["en"].values()))
        for part in re.split(r"\{[^}]*\}", phrase)
    }
    return sorted(p for p in parts if len(p) >= 8 and " " in p and p in text)


def test_legaldocs_diff_of_a_german_site_is_german_in_every_format() -> None:
    """The comment, the terminal's text and the HTML page wrote English whatever theme.language said, though
    words.py has their phrases in German ("Zählung:"): every kind of edit at once, in German."""
    kinds = [k for k in docgen.MUTATIONS if k != "bidi"]
    for seed in range(3):
        old_doc, new_doc, _ = docgen.mutated(seed, kinds)
        old, new = docgen.load(old_doc, "de"), docgen.load(new_doc, "de")
        d = docgen.as_diff(old, new, redline.compare(old.text, new.text))
        d = dataclasses.replace(d, language="de", warnings=())  # warnings are problems: English, as the CLI's
        page = lxml.html.document_fromstring(redline_text.html(d))
        assert page.get("lang") == "de"
        for style in page.iter("style"):  # the stylesheet's comments are no words a reader sees
            style.drop_tree()
        shown = {
            "text": redline_text.terminal(d, color=False),
            "markdown": redline_text.markdown(d, "https://preview.example/", limit=4_000, link="https://ci.example/"),
            "html": page.text_content(),
        }
        for name, text in shown.items():
            assert not english_left(text), (seed, name, english_left(text))
        assert "Zählung:" in shown["markdown"]


def test_legaldocs_diff_follows_theme_language(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    edit(site / "mkdocs.yml", "language: en", "language: de")
    commit_site(site, "German", "2019-01-11")
    Repo(site).git.checkout("-b", "proposal")
    retention = next(site.glob("docs/privacy/sections/*retention*.md"))
    edit(retention, "We will retain", "We will keep")
    commit_site(site, "Keep", "2019-01-12")
    result = subprocess.run(
        ["legaldocs", "diff", "main", "proposal", "--format", "markdown"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Zählung:" in result.stdout and "Counts:" not in result.stdout


def test_a_link_dressed_as_a_headings_permalink_is_still_a_link(js_dom: jsengine.Engine) -> None:
    """``<a class="headerlink" href="https://…">`` survived the sanitiser and was left out of the redline as
    the site's own ¶ link is: its target changed without a mark."""
    text = 'Write to <a class="headerlink" href="{}">our office</a>.'
    for before, after in (("https://good.example/", "https://evil.example/"), ("#rights", "#contact")):
        old, new = versions(["Intro.", text.format(before)], ["Intro.", text.format(after)])
        change = redline.compare(old.text, new.text)
        (block,) = edited(change)
        assert [(f.kind, f.old, f.new) for f in block.formatting] == [("link", before, after)]
        assert change.counts.formatting_changed == 1
        agree(js_dom, old, new)
