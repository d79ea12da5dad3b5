"""The redline engine: every kind of change, in a reader's terms, and its HTML escaped and accessible."""

from __future__ import annotations

import dataclasses
import json
import random
from html import escape

import lxml.html
import pytest
from helpers import DOCUMENT, PURPOSES, files, text
from legaldocs import redline, redline_html, render, source, tokens
from legaldocs.redline import DocumentText, SectionText

LOREM = [
    "We collect personal data when you register for our services and when you contact our support team.",
    "We keep your personal data only for as long as we need it for the purposes described in this policy.",
    "You may ask us at any time for a copy of the personal data that we hold about you, free of charge.",
    "We use trusted service providers who process personal data on our behalf under written contracts.",
]


def para(*texts: str) -> str:
    return "\n".join(f"<p>{escape(t)}</p>" for t in texts)


def doc(*sections: tuple[str, str, str], purposes=None) -> DocumentText:
    """Sections as (id, title, body HTML), numbered by position."""
    return DocumentText(
        tuple(SectionText(sid, n, title, body) for n, (sid, title, body) in enumerate(sections, 1)), purposes
    )


def section(change: redline.Change, sid: str) -> redline.SectionChange:
    return next(s for s in change.sections if s.id == sid)


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def marks(html: str) -> list[tuple[str, str]]:
    return [(e.tag, e.text_content()) for e in tree(html).iter("ins", "del")]


BASE = (
    ("intro", "Introduction", para(LOREM[0])),
    ("retention", "Retention", para(LOREM[1])),
    ("rights", "Your rights", para(LOREM[2])),
)


def test_identical_documents_have_no_change() -> None:
    change = redline.compare(doc(*BASE), doc(*BASE))
    assert change.unchanged
    assert change.counts == redline.Counts(0, 0, 0, 0, 0, 0)
    html = tree(redline_html.change_html(change))
    assert len(html.xpath("//details[contains(@class, 'ld-section-unchanged')]")) == 3
    assert html.xpath("//ins | //del") == []


def test_a_moved_section_is_moved_not_deleted_and_added() -> None:
    change = redline.compare(doc(*BASE), doc(BASE[1], BASE[2], BASE[0]))
    intro = section(change, "intro")
    assert intro.moved and intro.renumbered and intro.status == redline.UNCHANGED
    assert (intro.old_number, intro.new_number) == (1, 3)
    assert not section(change, "retention").moved and section(change, "retention").renumbered
    assert change.counts == redline.Counts(1, 0, 0, 0, 0, 0)
    html = tree(redline_html.section_html(intro))
    assert html[0].tag == "section"  # open, not collapsed
    assert text(html.xpath("//*[contains(@class, 'ld-number')]")[0]) == "§1 → §3"
    assert "Moved: was section 1, now section 3." in text(html)


def test_a_renamed_section_shows_its_title_redlined() -> None:
    renamed = doc(BASE[0], ("retention", "How long we keep data", BASE[1][2]), BASE[2])
    change = redline.compare(doc(*BASE), renamed)
    retention = section(change, "retention")
    assert retention.renamed and retention.status == redline.CHANGED and not retention.renumbered
    title = tree(redline_html.section_html(retention)).xpath("//h2")[0]
    assert [(e.tag, e.text_content()) for e in title.iter("ins", "del")] == [
        ("del", "Retention"),
        ("ins", "How long we keep data"),
    ]
    assert change.counts.sections_changed == 1
    assert (change.counts.words_added, change.counts.words_removed) == (5, 1)


def test_renumbered_sections_show_both_numbers_and_stay_collapsed() -> None:
    new = doc(("cookies", "Cookies", para(LOREM[3])), *BASE)
    change = redline.compare(doc(*BASE), new)
    assert [s.id for s in change.sections] == ["cookies", "intro", "retention", "rights"]
    assert section(change, "cookies").status == redline.ADDED
    intro = section(change, "intro")
    assert intro.renumbered and not intro.moved and intro.status == redline.UNCHANGED
    assert change.counts == redline.Counts(0, 1, 0, word_count("Cookies", LOREM[3]), 0, 0)
    html = tree(redline_html.section_html(intro))
    assert html[0].tag == "details"
    assert text(html.xpath("//summary//*[@class='ld-number']")[0]) == "§1 → §2"


def word_count(*texts: str) -> int:
    return sum(tokens.word_count(t) for t in texts)


def test_a_split_section_shows_its_text_moved_to_the_new_one() -> None:
    old = doc(("intro", "Introduction", para(*LOREM)), BASE[2])
    new = doc(("intro", "Introduction", para(*LOREM[:2])), ("providers", "Providers", para(*LOREM[2:])), BASE[2])
    change = redline.compare(old, new)
    intro, providers = section(change, "intro"), section(change, "providers")
    assert [b.status for b in intro.blocks] == ["unchanged", "unchanged", "moved_out", "moved_out"]
    assert intro.moved_out_to == (2,)
    assert providers.status == redline.ADDED
    assert [b.status for b in providers.blocks] == ["moved_in", "moved_in"]
    assert providers.moved_in_from == (1,)
    # Moved text is neither added nor removed; only the new title is.
    assert (change.counts.words_added, change.counts.words_removed) == (1, 0)
    html = tree(redline_html.section_html(providers))
    notes = [text(n) for n in html.xpath("//*[@class='ld-note']")]
    assert notes == ["Moved here from section 1.", "Moved here from section 1."]
    assert html.xpath("//p/del") == [] and html.xpath("//p/ins") == []
    gone = tree(redline_html.section_html(intro)).xpath("//p[contains(@class, 'ld-moved-out')]")
    assert [text(p) for p in gone] == [f"Moved to section 2: {t}" for t in LOREM[2:]]


def test_a_merged_section_shows_its_text_moved_in() -> None:
    old = doc(("intro", "Introduction", para(LOREM[0])), ("more", "More", para(LOREM[1], LOREM[2])))
    new = doc(("intro", "Introduction", para(LOREM[0], LOREM[1], LOREM[2])))
    change = redline.compare(old, new)
    assert [s.id for s in change.sections] == ["intro", "more"]
    more = section(change, "more")
    assert more.status == redline.REMOVED and more.moved_out_to == (1,)
    intro = section(change, "intro")
    assert [b.status for b in intro.blocks] == ["unchanged", "moved_in", "moved_in"]
    assert intro.moved_in_from == (2,)
    assert change.counts == redline.Counts(1, 0, 1, 0, 1, 0)  # the word "More" of the removed title


def test_text_moved_to_another_section_and_edited_shows_both() -> None:
    edited = LOREM[3].replace("trusted service providers", "carefully chosen service providers")
    old = doc(("intro", "Introduction", para(LOREM[0], LOREM[3])), BASE[2])
    new = doc(("intro", "Introduction", para(LOREM[0])), ("rights", "Your rights", para(LOREM[2], edited)))
    change = redline.compare(old, new)
    rights = section(change, "rights")
    (moved,) = [b for b in rights.blocks if b.status == redline.MOVED_IN]
    assert (moved.other_section, moved.other_number) == ("intro", 1)
    assert (change.counts.words_added, change.counts.words_removed) == (2, 1)
    html = tree(redline_html.section_html(rights))
    (p,) = html.xpath("//p[contains(@class, 'ld-moved-in')]")
    assert text(p.xpath("span[@class='ld-note']")[0]) == "Moved here from section 1."
    assert marks(lxml.html.tostring(p, encoding="unicode")) == [("del", "trusted"), ("ins", "carefully chosen")]
    assert section(change, "intro").moved_out_to == (2,)


def test_a_renamed_file_with_edited_text_still_pairs() -> None:
    new = doc(BASE[0], ("keeping-data", "Retention", para(LOREM[1].replace("only ", ""))), BASE[2])
    change = redline.compare(doc(*BASE), new)
    kept = section(change, "keeping-data")
    assert kept.id_changed and kept.old_id == "retention" and kept.status == redline.CHANGED
    assert [b.status for b in kept.blocks] == ["changed"]
    assert change.counts == redline.Counts(1, 0, 0, 0, 1, 0)


def test_a_section_whose_file_was_renamed_pairs_by_its_text() -> None:
    new = doc(BASE[0], ("keeping-data", "Retention", BASE[1][2]), BASE[2])
    change = redline.compare(doc(*BASE), new)
    assert [s.id for s in change.sections] == ["intro", "keeping-data", "rights"]
    moved = section(change, "keeping-data")
    assert moved.id_changed and moved.old_id == "retention" and moved.status == redline.UNCHANGED
    assert change.unchanged


def test_a_reordered_list_shows_a_move_not_a_rewrite() -> None:
    items = ["contact details", "usage of the services", "payment records"]

    def listing(order: list[int]) -> str:
        return "<p>We keep:</p><ul>" + "".join(f"<li>{items[i]}</li>" for i in order) + "</ul>"

    change = redline.compare(doc(("keep", "Keep", listing([0, 1, 2]))), doc(("keep", "Keep", listing([2, 0, 1]))))
    keep = section(change, "keep")
    assert [(b.status, (b.new or b.old).text) for b in keep.blocks] == [  # type: ignore[union-attr]
        ("unchanged", "We keep:"),
        ("moved_in", "payment records"),
        ("unchanged", "contact details"),
        ("unchanged", "usage of the services"),
        ("moved_out", "payment records"),
    ]
    assert (change.counts.words_added, change.counts.words_removed) == (0, 0)
    html = tree(redline_html.section_html(keep))
    assert len(html.xpath("//ul")) == 1
    moved_in = html.xpath("//li[contains(@class, 'ld-moved-in')]")
    assert [text(li) for li in moved_in] == ["Moved here from elsewhere in this section. payment records"]
    moved_out = html.xpath("//li[contains(@class, 'ld-moved-out')]")
    assert [text(li) for li in moved_out] == ["Moved elsewhere in this section: payment records"]
    assert html.xpath("//li//ins") == []


def test_a_changed_paragraph_is_paired_and_redlined_by_whole_phrases() -> None:
    old = para(LOREM[0], "We collect your name and address when you register.", LOREM[1])
    new = para(LOREM[0], "We collect your email and phone number when you register.", LOREM[1])
    change = redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))
    block = [b for b in section(change, "a").blocks if b.status != redline.UNCHANGED]
    assert [b.status for b in block] == ["changed"]
    html = redline_html.section_html(section(change, "a"))
    assert marks(html) == [("del", "name and address"), ("ins", "email and phone number")]
    assert (change.counts.words_added, change.counts.words_removed) == (3, 2)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "We may share your data with our partners.",
            "We shall disclose your information to our affiliates.",
            [
                ("del", "may share your data with our partners"),
                ("ins", "shall disclose your information to our affiliates"),
            ],
        ),
        (
            "Data is kept for six years after the contract ends.",
            "Data is retained for 7 years once the contract ends.",
            [("del", "kept for six"), ("ins", "retained for 7"), ("del", "after"), ("ins", "once")],
        ),
        (
            "We use cookies to analyse traffic.",
            "We use analytics cookies to analyze traffic.",
            [("ins", "analytics "), ("del", "analyse"), ("ins", "analyze")],
        ),
    ],
)
def test_no_confetti_of_letters_or_stray_spaces(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    diff = tokens.diff(old, new)
    assert marks(text_html(diff)) == expected
    # Reading the deletions (or insertions) with the shared text gives back each version whole.
    assert "".join(s.old for s in diff.segments) == old
    assert "".join(s.new for s in diff.segments) == new


def text_html(diff: tokens.TextDiff) -> str:
    return f"<p>{redline_html.text_diff_html(diff)}</p>"


def test_a_phrase_change_is_one_deletion_and_one_insertion() -> None:
    diff = tokens.diff("We collect your name and address.", "We gather your email and phone.")
    assert marks(text_html(diff)) == [("del", "collect your name and address"), ("ins", "gather your email and phone")]
    assert (diff.words_added, diff.words_removed) == (3, 3)


def test_deleting_a_word_takes_its_space_not_a_stray_one() -> None:
    diff = tokens.diff("We may also share data.", "We may share data.")
    assert marks(text_html(diff)) == [("del", "also ")]


def test_matching_follows_the_documented_reference_the_browser_ports() -> None:
    """Among equally long common subsequences, the one chosen must be the documented one."""
    from rapidfuzz.distance import LCSseq_py

    rng = random.Random(5)
    vocabulary = ["data", "the", " ", ",", "we", "may", "keep", "."]
    for _ in range(300):
        a = rng.choices(vocabulary, k=rng.randint(0, 150))
        b = rng.choices(vocabulary, k=rng.randint(0, 150))
        reference = LCSseq_py.opcodes(a, b)
        assert tokens.matches(a, b) == [
            (o.src_start, o.dest_start, o.src_end - o.src_start) for o in reference if o.tag == "equal"
        ]


def test_whitespace_only_changes_are_flagged_and_can_be_hidden() -> None:
    old, new = (
        para("Write to us at privacy@example.com,or by post."),
        para("Write to us at  privacy@example.com, or by post."),
    )
    change = redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))
    block = section(change, "a").blocks[0]
    assert block.status == redline.CHANGED and block.diffs[0].kind == tokens.WHITESPACE and block.minor
    assert section(change, "a").minor
    assert (change.counts.words_added, change.counts.words_removed) == (0, 0)
    shown = tree(redline_html.section_html(section(change, "a")))
    # " " became "  " before the address; a space was added after the comma.
    assert [(e.tag, e.text, e.get("class")) for e in shown.iter("ins", "del")] == [
        ("del", " ", "ld-del ld-minor ld-whitespace"),
        ("ins", "  ", "ld-ins ld-minor ld-whitespace"),
        ("ins", " ", "ld-ins ld-minor ld-whitespace"),
    ]
    hidden = tree(redline_html.section_html(section(change, "a"), hide_minor=True))
    assert hidden.xpath("//ins | //del") == []
    assert hidden[0].tag == "details"


def test_a_source_line_wrap_is_no_change() -> None:
    change = redline.compare(doc(("a", "A", "<p>one two\nthree</p>")), doc(("a", "A", "<p>one two three</p>")))
    assert change.unchanged


def test_punctuation_only_changes_are_flagged_and_can_be_hidden() -> None:
    old, new = para("We keep data, and we delete it."), para("We keep data and we delete it!")
    change = redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))
    block = section(change, "a").blocks[0]
    assert block.diffs[0].kind == tokens.PUNCTUATION and block.minor
    shown = redline_html.section_html(section(change, "a"))
    assert marks(shown) == [("del", ","), ("del", "."), ("ins", "!")]
    assert tree(redline_html.section_html(section(change, "a"), hide_minor=True)).xpath("//ins | //del") == []
    assert tokens.diff("a", "a b").kind == tokens.WORDS
    # A faint mark could be missed: the block says in words what kind of change it is.
    assert [text(n) for n in tree(shown).xpath("//p[contains(@class, 'ld-minor')]/span[@class='ld-note']")] == [
        "Punctuation only:"
    ]


def test_a_spacing_only_block_and_a_punctuation_only_purpose_say_so() -> None:
    change = redline.compare(
        doc(("a", "A", para("We keep data,and more."))), doc(("a", "A", para("We keep data, and more.")))
    )
    assert [
        text(n) for n in tree(redline_html.section_html(section(change, "a"))).xpath("//span[@class='ld-note']")
    ] == ["Spacing only:"]
    change = redline.compare(
        document(TWO_PURPOSES), document(TWO_PURPOSES.replace("To provide the service.", "To provide the service!"))
    )
    row = tree(redline_html.change_html(change)).xpath("//tr[@id='ld-change-purpose-service']")[0]
    assert text(row.xpath("td")[-1]) == "Punctuation changed."


def test_a_wholesale_rewrite_falls_back_to_replaced_blocks() -> None:
    old = para("Alpha bravo charlie delta echo foxtrot.", "Golf hotel india juliet kilo lima.")
    new = para("Mike november oscar papa quebec.", "Romeo sierra tango uniform victor whiskey xray.")
    change = redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))
    statuses = [b.status for b in section(change, "a").blocks]
    assert statuses == ["deleted", "deleted", "inserted", "inserted"]
    assert (change.counts.words_added, change.counts.words_removed) == (12, 12)
    html = tree(redline_html.section_html(section(change, "a")))
    assert [text(p) for p in html.xpath("//p[contains(@class, 'ld-deleted')]/del")] == [
        "Alpha bravo charlie delta echo foxtrot.",
        "Golf hotel india juliet kilo lima.",
    ]
    assert len(html.xpath("//p[contains(@class, 'ld-inserted')]/ins")) == 2


def test_past_the_token_bound_a_pair_is_replaced_not_diffed() -> None:
    diff = tokens.diff("one two three four", "one two five four", max_tokens=4)
    assert diff.kind == tokens.REPLACED
    assert marks(text_html(diff)) == [("del", "one two three four"), ("ins", "one two five four")]
    assert (diff.words_added, diff.words_removed) == (4, 4)


def test_table_rows_are_diffed_cell_by_cell() -> None:
    def table(cell: str) -> str:
        return f"<table><tr><th>Data</th><th>Kept for</th></tr><tr><td>Invoices</td><td>{cell}</td></tr></table>"

    change = redline.compare(doc(("a", "A", table("six years"))), doc(("a", "A", table("seven years"))))
    row = next(b for b in section(change, "a").blocks if b.status == redline.CHANGED)
    assert row.kind == "row" and [d.kind for d in row.diffs] == ["unchanged", "words"]
    html = tree(redline_html.section_html(section(change, "a")))
    cells = html.xpath("//tr[contains(@class, 'ld-changed')]/td")
    assert [text(c) for c in cells] == ["Invoices", "sixseven years"]
    assert marks(lxml.html.tostring(cells[1], encoding="unicode")) == [("del", "six"), ("ins", "seven")]


def test_a_changed_link_target_is_shown_as_a_change() -> None:
    old, new = (
        '<p>See <a href="https://a.example">our terms</a>.</p>',
        '<p>See <a href="https://b.example">our terms</a>.</p>',
    )
    change = redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))
    block = section(change, "a").blocks[0]
    assert block.formatting == (redline.FormatChange("link", "https://a.example", "https://b.example", "our terms"),)
    assert not change.unchanged and change.counts.formatting_changed == 1
    html = tree(redline_html.section_html(section(change, "a")))
    assert html.xpath("//a/@href") == ["https://b.example"]
    (note,) = html.xpath("//*[contains(@class, 'ld-formatting')]/span[@class='ld-note']")
    assert text(note) == "Link on “our terms” changed: “https://a.example” → “https://b.example”."


def test_preformatted_text_keeps_its_lines() -> None:
    old = "<pre>Cluster Seven Services Limited\n10 Argyll Street\nLondon W1F 7TQ</pre>"
    new = "<pre>Cluster Seven Services Limited\n27 Old Jewry\nLondon EC2R 8DQ</pre>"
    change = redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))
    (block,) = section(change, "a").blocks
    assert block.status == redline.CHANGED
    pre = tree(redline_html.section_html(section(change, "a"))).xpath("//pre")[0]
    # "London" between the two changes is shorter than both, so they read as one (tokens rule 5c).
    assert marks(lxml.html.tostring(pre, encoding="unicode")) == [
        ("del", "10 Argyll Street\nLondon W1F 7TQ"),
        ("ins", "27 Old Jewry\nLondon EC2R 8DQ"),
    ]
    assert pre.text_content().startswith("Cluster Seven Services Limited\n10 Argyll Street\n")


def test_text_outside_any_element_is_compared_too() -> None:
    change = redline.compare(
        doc(("a", "A", "Loose <b>words</b> here. <p>Para.</p> tail")), doc(("a", "A", "<p>Para.</p>"))
    )
    gone = [(b.kind, b.old.text) for b in section(change, "a").blocks if b.status == "deleted"]  # type: ignore[union-attr]
    assert gone == [("paragraph", "Loose"), ("other", "words"), ("paragraph", "here."), ("paragraph", "tail")]


def test_blocks_of_every_kind() -> None:
    body = (
        '<h3 id="x">Sub <a class="headerlink" href="#x">¶</a></h3>'
        "<ul><li>one<ul><li>one a</li></ul></li><li>two</li></ul>"
        "<blockquote><p>Quoted.</p></blockquote>"
        "<dl><dt>Term</dt><dd>Meaning.</dd></dl>"
        "<pre><code>code  kept</code></pre><hr>"
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    )
    found = [(b.kind, b.tag, b.text, b.container, b.depth) for b in redline.blocks(body)]
    assert found == [
        ("heading", "h3", "Sub", "", 0),
        ("item", "li", "one", "ul", 0),
        ("item", "li", "one a", "ul", 1),
        ("item", "li", "two", "ul", 0),
        ("quote", "p", "Quoted.", "blockquote", 0),
        ("term", "dt", "Term", "dl", 0),
        ("definition", "dd", "Meaning.", "dl", 0),
        ("pre", "pre", "code  kept", "", 0),
        ("other", "hr", "", "", 0),  # a rule across the page: drawn or taken away, it is a change
        ("row", "tr", "A | B", "table", 0),
        ("row", "tr", "1 | 2", "table", 0),
    ]
    assert redline.blocks(body)[-1].cells == ("1", "2")


# --- Purposes, from real documents ---------------------------------------------------------------


def document(purposes: str = PURPOSES) -> DocumentText:
    found, problems = source.read_document("example", files(purposes_yml=purposes), "docs/example")
    assert problems == [] and found is not None
    return redline.document_text(found, render.render(found))


TWO_PURPOSES = (
    PURPOSES
    + """\
  - id: newsletter
    purpose: To send you our newsletter.
    data: [contact]
    bases: [consent]
"""
)


def test_the_adapter_reads_sections_and_leaves_the_purpose_table_out_of_the_text() -> None:
    text_ = document()
    assert [(s.id, s.number, s.title) for s in text_.sections] == [
        ("intro", 1, "Introduction"),
        ("contact", 2, "Contact"),
    ]
    kinds = [b.kind for b in redline.blocks(text_.sections[0].html)]
    assert kinds == ["paragraph", "generated"]
    assert redline.compare(text_, document()).unchanged


def test_the_versions_list_is_generated_not_compared() -> None:
    found, problems = source.read_document(
        "example", files(sections__contact_md="# Contact\n\nWrite to us.\n\n{{ versions }}\n"), "docs/example"
    )
    assert problems == [] and found is not None
    rendered = render.render(found)
    old = redline.document_text(found, rendered)
    assert [(b.kind, b.text) for b in redline.blocks(old.sections[1].html)] == [
        ("paragraph", "Write to us."),
        ("generated", "versions"),
    ]
    # However the page fills the slot, the text has not changed.
    listing = '<div class="ld-version-list"><ul><li>2024-03-01</li></ul></div>'
    filled = tuple(dataclasses.replace(s, html=s.body(versions_html=listing)) for s in rendered.sections)
    assert "2024-03-01" in filled[1].html
    new = redline.document_text(found, dataclasses.replace(rendered, sections=filled))
    change = redline.compare(old, new)
    assert change.unchanged
    assert "2024-03-01" not in tree(redline_html.change_html(change)).text_content()


def versioned(**changes: str) -> DocumentText:
    found, problems = source.read_document("example", files(**changes), "docs/example")
    assert problems == [] and found is not None
    return redline.document_text(found, render.render(found))


FIRST = DOCUMENT.replace("  - intro\n", "  - first\n  - intro\n")


def test_a_renumbered_cross_reference_is_no_edit() -> None:
    """ "see section 2" becoming "see section 3" because a section was added before it is not an edit."""
    change = redline.compare(versioned(), versioned(document_yml=FIRST, sections__first_md="# First\n\nHello.\n"))
    intro = section(change, "intro")
    assert intro.status == redline.UNCHANGED and intro.renumbered
    assert change.counts == redline.Counts(0, 1, 0, 2, 0, 0)
    html = tree(redline_html.section_html(intro))
    assert text(html.xpath("//a[@class='ld-xref']")[0]) == "section 3"


def test_an_edited_paragraph_shows_its_cross_reference_with_the_new_number() -> None:
    old = versioned()
    new = versioned(
        document_yml=FIRST,
        sections__first_md="# First\n\nHello.\n",
        sections__intro_md="# Introduction\n\nWe explain this fully in {{ section: contact }}.\n\n{{ purposes }}\n",
    )
    intro = section(redline.compare(old, new), "intro")
    (edited,) = [b for b in intro.blocks if b.status == redline.CHANGED]
    assert [(s.op, s.old, s.new) for s in edited.diffs[0].segments] == [
        ("equal", "We explain this ", "We explain this "),
        ("change", "", "fully "),
        ("equal", "in section 2.", "in section 3."),
    ]
    assert (edited.words_added, edited.words_removed) == (1, 0)
    html = tree(redline_html.section_html(intro))
    assert text(html.xpath("//p[contains(@class, 'ld-changed')]")[0]) == "We explain this fully in section 3."


def test_a_cross_reference_pointed_elsewhere_is_an_edit() -> None:
    old = versioned(sections__contact_md="# Contact\n\nSee {{ section: intro }} for more.\n")
    new = versioned(sections__contact_md="# Contact\n\nSee {{ section: contact }} for more.\n")
    (edited,) = [b for b in section(redline.compare(old, new), "contact").blocks if b.status != "unchanged"]
    assert marks(text_html(edited.diffs[0])) == [("del", "section 1"), ("ins", "section 2")]
    assert edited.diffs[0].kind == tokens.WORDS


def test_one_cell_of_one_purpose_row() -> None:
    change = redline.compare(
        document(TWO_PURPOSES),
        document(TWO_PURPOSES.replace("To provide the service.", "To provide and improve the service.")),
    )
    assert change.purposes is not None and change.counts.purposes_changed == 1
    service, newsletter = change.purposes.purposes
    assert (service.status, newsletter.status) == ("changed", "unchanged")
    assert [d.kind for d in service.cells] == ["words", "unchanged", "unchanged"]
    assert service.facts == ()
    assert change.counts.sections_changed == 0
    html = tree(redline_html.change_html(change))
    # The table shows inside its section, which opens because the table changed.
    row = html.xpath("//section[@id='ld-change-intro']//tr[@id='ld-change-purpose-service']")[0]
    assert marks(lxml.html.tostring(row, encoding="unicode")) == [("ins", "and improve ")]
    assert text(row.xpath("td")[-1]) == "Wording changed."
    assert text(html.xpath("//tr[@id='ld-change-purpose-newsletter']/td")[-1]) == "No change."


def test_a_lawful_basis_added() -> None:
    change = redline.compare(
        document(), document(PURPOSES.replace("      - contract\n", "      - contract\n      - consent\n"))
    )
    (service,) = change.purposes.purposes  # type: ignore[union-attr]
    assert service.facts == (redline.PurposeFact("lawful basis", "added", "consent", "Consent"),)
    html = tree(redline_html.purposes_html(change.purposes))
    assert "Lawful basis added: Consent." in text(html.xpath("//ul[@class='ld-facts']")[0])
    # The bases cell was "(a) Performance of a contract, (b) Legitimate interests (…)".
    assert marks(lxml.html.tostring(html, encoding="unicode")) == [("ins", "Consent, (c) ")]


def test_a_data_type_dropped_and_an_interest_reworded() -> None:
    new = PURPOSES.replace("data: [contact, usage]", "data: [contact]").replace(
        "to keep the service secure", "to keep the service safe"
    )
    change = redline.compare(document(), document(new))
    (service,) = change.purposes.purposes  # type: ignore[union-attr]
    assert set(service.facts) == {
        redline.PurposeFact("data type", "removed", "usage", "Usage"),
        redline.PurposeFact(
            "interest",
            "changed",
            "legitimate_interests",
            "Legitimate interests",
            "to keep the service secure",
            "to keep the service safe",
        ),
    }
    facts = text(tree(redline_html.purposes_html(change.purposes)).xpath("//ul[@class='ld-facts']")[0])
    assert "Data type dropped: Usage." in facts
    assert "Interest changed for Legitimate interests" in facts


def test_a_data_type_relabelled_and_purposes_reordered() -> None:
    old = document(TWO_PURPOSES)
    relabelled = TWO_PURPOSES.replace("label: Usage", "label: Service usage")
    head, rows = relabelled.split("purposes:\n")
    service, newsletter = rows.split("  - id: newsletter")
    new = document(f"{head}purposes:\n  - id: newsletter{newsletter}{service}")
    change = redline.compare(old, new)
    assert [(p.id, p.status, p.moved) for p in change.purposes.purposes] == [  # type: ignore[union-attr]
        ("newsletter", "unchanged", True),  # of two rows swapped, one is shown moved
        ("service", "changed", False),
    ]
    service_change = change.purposes.purposes[1]  # type: ignore[union-attr]
    assert service_change.facts == (
        redline.PurposeFact("data type", "changed", "usage", "Service usage", "Usage", "Service usage"),
    )
    html = tree(redline_html.purposes_html(change.purposes))
    facts = [text(li) for li in html.xpath("//tr[@id='ld-change-purpose-service']//li")]
    assert facts == ["Data type renamed: “Usage” became “Service usage”."]
    moved = [text(li) for li in html.xpath("//tr[@id='ld-change-purpose-newsletter']//li")]
    assert moved == ["Moved in the table."]
    assert change.counts.purposes_changed == 2


def test_a_purpose_added_and_removed() -> None:
    change = redline.compare(document(TWO_PURPOSES), document())
    assert [(p.id, p.status) for p in change.purposes.purposes] == [("service", "unchanged"), ("newsletter", "removed")]  # type: ignore[union-attr]
    assert change.counts.purposes_changed == 1
    assert change.counts.words_removed == word_count("To send you our newsletter.", "Contact.", "Consent.")
    back = redline.compare(document(), document(TWO_PURPOSES))
    assert [(p.id, p.status) for p in back.purposes.purposes] == [("service", "unchanged"), ("newsletter", "added")]  # type: ignore[union-attr]


# --- Hostile text, counts, JSON ------------------------------------------------------------------


HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> javascript:alert(3)'


def nothing_runs(html: lxml.html.HtmlElement) -> None:
    assert html.xpath("//script") == []
    assert [a for e in html.iter() if isinstance(e.tag, str) for a in e.attrib if a.startswith("on")] == []
    assert [h for h in html.xpath("//@href | //@src") if h.strip().lower().startswith("javascript:")] == []


def test_hostile_text_is_shown_as_text_everywhere() -> None:
    purposes = PURPOSES.replace("To provide the service.", f"'To provide the service. {HOSTILE}'")
    old = document()
    new_doc, problems = source.read_document(
        "example",
        files(
            purposes_yml=purposes,
            sections__contact_md=f"# Contact {HOSTILE}\n\nWrite to {{{{ fact: email }}}}. {HOSTILE}\n\n- {HOSTILE}\n",
        ),
        "docs/example",
    )
    assert problems == [] and new_doc is not None
    new = redline.document_text(new_doc, render.render(new_doc))
    html = tree(redline_html.change_html(redline.compare(old, new)))
    nothing_runs(html)
    # The title and the purpose cell are plain text: every character of the hostile text is shown.
    assert [text(i) for i in html.xpath("//h2//ins")] == [HOSTILE]
    assert [text(i) for i in html.xpath("//tr[@id='ld-change-purpose-service']/th/ins")] == [HOSTILE]
    # And deleted, from the other side.
    back = tree(redline_html.change_html(redline.compare(new, old)))
    nothing_runs(back)
    assert [text(d) for d in back.xpath("//h2//del")] == [HOSTILE]
    assert [text(d) for d in back.xpath("//tr[@id='ld-change-purpose-service']/th/del")] == [HOSTILE]


def test_hostile_text_in_a_section_body_stays_text() -> None:
    escaped = para(f"{LOREM[0]} {HOSTILE}")
    change = redline.compare(doc(("a", "A", para(LOREM[0]))), doc(("a", "A", escaped)))
    assert [b.status for b in section(change, "a").blocks] == ["changed"]
    html = tree(redline_html.section_html(section(change, "a")))
    nothing_runs(html)
    assert [i.text for i in html.xpath("//ins")] == [" " + HOSTILE]


def test_counts_over_a_mixed_change() -> None:
    old = doc(*BASE)
    new = doc(
        ("intro", "Introduction", para(LOREM[0].replace("support team", "help desk"))),
        ("cookies", "Cookies", para("We use two cookies.")),
        BASE[2],
    )
    change = redline.compare(old, new)
    assert change.counts == redline.Counts(
        sections_changed=1,
        sections_added=1,
        sections_removed=1,
        words_added=2 + word_count("Cookies", "We use two cookies."),
        words_removed=2 + word_count("Retention", LOREM[1]),
        purposes_changed=0,
    )
    counts = tree(redline_html.counts_html(change.counts))
    assert [text(li) for li in counts.xpath("//li")][:3] == [
        "1 section changed",
        "1 section added",
        "1 section removed",
    ]


def test_the_change_is_plain_json() -> None:
    change = redline.compare(doc(*BASE), doc(BASE[0], ("retention", "Retention", para(LOREM[1] + " Really.")), BASE[2]))
    data = json.loads(json.dumps(change.to_dict()))
    assert data["counts"]["words_added"] == 1
    retention = data["sections"][1]
    assert retention["status"] == "changed" and retention["new_number"] == 2
    (block,) = retention["blocks"]
    assert block["status"] == "changed"
    assert block["diffs"][0]["segments"] == [
        {"op": "equal", "old": LOREM[1], "new": LOREM[1], "kind": ""},
        {"op": "change", "old": "", "new": " Really.", "kind": "words"},
    ]


def test_the_redline_is_deterministic() -> None:
    old, new = doc(*BASE), doc(BASE[2], ("intro", "Intro", para(LOREM[0][::-1])), BASE[1])
    assert redline_html.change_html(redline.compare(old, new)) == redline_html.change_html(redline.compare(old, new))


# --- Issue 16: a complete account --------------------------------------------------------------


def one_block(old: str, new: str) -> redline.BlockChange:
    change = redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))
    (block,) = section(change, "a").blocks
    return block


def test_markup_is_compared_whether_or_not_words_changed() -> None:
    """ "not" struck through and words added elsewhere: both are there (the words and the formatting)."""
    block = one_block(
        "<p>We will not sell your data.</p>", "<p>We will <del>not</del> sell your personal data to anyone.</p>"
    )
    assert [d.words_added for d in block.diffs] == [3]
    assert block.formatting == (redline.FormatChange("strikethrough", "", "not"),)
    assert not block.minor and not block.markup_only


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # What the words say already is not said twice: a bold paragraph reworded, a link's words changed.
        ("<p><strong>We sell data.</strong></p>", "<p><strong>We share data.</strong></p>", []),
        ('<p>See <a href="/t">our terms</a>.</p>', '<p>See <a href="/t">our new terms</a>.</p>', []),
        # An address written out as its link's words: its words say the change.
        (
            '<p>Write to <a href="mailto:a@x.example">a@x.example</a>.</p>',
            '<p>Write to <a href="mailto:b@x.example">b@x.example</a>.</p>',
            [],
        ),
        # Bold stretched over a word that was there before: the words do not say it.
        ("<p><strong>all</strong> data.</p>", "<p><strong>all data</strong>.</p>", [("strong", "all", "all data", "")]),
        # A word bold before and after another was added: nothing to say beyond the words.
        ("<p><b>all</b> data.</p>", "<p><b>all</b> your data.</p>", []),
        ("<p>x <sup>1</sup></p>", "<p>x <sub>1</sub></p>", [("other", "<sup>", "<sub>", "1")]),
        (
            '<p><img src="a.png" alt="Logo"></p>',
            '<p><img src="b.png" alt="Our logo"></p>',
            [("image", "a.png", "b.png", "Our logo"), ("alt", "Logo", "Our logo", "b.png")],
        ),
        ('<h3 id="a">Sub <a class="headerlink" href="#a">¶</a></h3>', "<h4>Sub</h4>", [("other", "<h3>", "<h4>", "")]),
        # The HTML differs where no mark says how: said, never silent.
        ('<p lang="de">Hallo</p>', "<p>Hallo</p>", [("other", '<p lang="de">', "", "Hallo")]),
        ("<ul><li>x</li></ul>", "<ul><li><p>x</p></li></ul>", [("other", "", "", "")]),
    ],
)
def test_what_counts_as_a_formatting_change(old: str, new: str, expected: list[tuple[str, str, str, str]]) -> None:
    block = one_block(old, new)
    assert [(f.kind, f.old, f.new, f.text) for f in block.formatting] == expected


def test_a_block_moved_with_other_markup_says_so() -> None:
    old = doc(("a", "A", f'<p>{LOREM[0]} See <a href="/x">this</a>.</p>'), ("b", "B", para(LOREM[1])))
    new = doc(("a", "A", ""), ("b", "B", para(LOREM[1]) + f'<p>{LOREM[0]} See <a href="/y">this</a>.</p>'))
    change = redline.compare(old, new)
    (moved,) = [b for b in section(change, "b").blocks if b.status == redline.MOVED_IN]
    assert moved.formatting == (redline.FormatChange("link", "/x", "/y", "this"),)
    html = tree(redline_html.section_html(section(change, "b")))
    assert "Link on “this” changed: “/x” → “/y”." in text(html.xpath("//*[contains(@class, 'ld-moved-in')]")[0])


def test_nothing_a_reader_sees_changes_unnoticed() -> None:
    """Each of these alone makes the change not ``unchanged``, with a count that is not 0."""
    base = versioned()
    table = PURPOSES.replace("caption: How we use your data", "caption: How we use your data;")
    cases = {
        "title": versioned(document_yml=DOCUMENT.replace("Example Policy", "Example Privacy Policy")),
        "summary": versioned(document_yml=DOCUMENT.replace("First version.", "The first version.")),
        "effective": versioned(document_yml=DOCUMENT.replace("2024-03-01", "2024-04-01")),
        "fact": versioned(document_yml=DOCUMENT + "  company: Example Ltd\n"),
        "caption": versioned(purposes_yml=table),
        "headers": versioned(purposes_yml="columns: [Why, What, Basis]\n" + PURPOSES),
        "placement": versioned(
            sections__intro_md="# Introduction\n\nWe explain this in {{ section: contact }}.\n",
            sections__contact_md="# Contact\n\nWrite to {{ fact: email }}.\n\n{{ purposes }}\n",
        ),
    }
    for name, new in cases.items():
        change = redline.compare(base, new)
        counts = dataclasses.asdict(change.counts)
        assert not change.unchanged, name
        assert any(counts.values()), name
        if name in ("caption", "headers", "placement"):
            assert change.counts.purposes_changed == 1, name
    assert redline.compare(base, versioned()).unchanged


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # The same words: the block as it is now, and before it both pictures.
        ('<p><img src="a.png" alt="Logo"> Our logo.</p>', '<p><img src="b.png" alt="New logo"> Our logo.</p>'),
        # Words changed too: the word redline alone would show no picture at all.
        ('<p><img src="a.png" alt="Logo"> Our logo.</p>', '<p><img src="b.png" alt="New logo"> Our new logo.</p>'),
    ],
)
def test_a_replaced_image_is_shown_old_and_new(old: str, new: str) -> None:
    """A changed image address is a changed picture: the old one struck through, the new one inserted,
    each with its own description."""
    html = tree(redline_html.change_html(redline.compare(doc(("a", "A", old)), doc(("a", "A", new)))))
    (pictures,) = html.xpath("//span[@class='ld-images']")
    assert [(i.getparent().tag, i.get("src"), i.get("alt")) for i in pictures.iter("img")] == [
        ("del", "a.png", "Logo"),
        ("ins", "b.png", "New logo"),
    ]
    assert (
        text(pictures.getprevious())
        == "Image changed: “a.png” → “b.png”. Image description changed: “Logo” → “New logo”."
    )
