"""Characters that make what a reader sees differ from the source: refused, warned about, or marked.

Issue 16's attacks, each through the real code: the word level (tokens rules 2, 6, 8, 9), the
redline in HTML and as text, `legaldocs check` with its exit codes, `--strict` and the build, and
`legaldocs diff`. The browser engine's copy of the same cases is in test_compare_engine.py.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import lxml.html
import pytest
from helpers import DOCUMENT as DOCUMENT_YML
from helpers import commit_site, copy_site, edit, files, legaldocs, line_of, mkdocs, text
from legaldocs import characters, redline, redline_html, redline_text, source, tokens
from legaldocs.redline import DocumentText, SectionText

RETENTION = "docs/privacy/sections/data-retention.md"
LINKS = "docs/privacy/sections/links.md"
DOCUMENT = "docs/privacy/document.yml"
PURPOSES = "docs/privacy/purposes.yml"
#: The source reads "after 30 days, not 10 years"; a reader sees "after 10 years, not 30 days".
SWAPPED = "after \u2067\u206630 days\u2069, not \u206610 years\u2069\u2069"
LOGICAL = "after 30 days, not 10 years"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def marks(html: str) -> list[tuple[str, str]]:
    return [(e.tag, e.text_content()) for e in tree(html).iter("ins", "del")]


def one_paragraph(old: str, new: str) -> redline.Change:
    def doc(paragraph: str) -> DocumentText:
        return DocumentText((SectionText("terms", 1, "Terms", f"<p>{paragraph}</p>"),))

    return redline.compare(doc(old), doc(new))


# --- "Punctuation only" is punctuation only (tokens rules 2 and 6) -------------------------------


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("The fee is 50 € a month.", "The fee is 50 $ a month.", [("del", "€"), ("ins", "$")]),
        ("We refund 50 within 30 days.", "We refund -50 within 30 days.", [("del", "50"), ("ins", "-50")]),
        ("Interest of 5% a year.", "Interest of 5‰ a year.", [("del", "%"), ("ins", "‰")]),
        ("For users aged 16 or more.", "For users aged 16+ or more.", [("del", "16"), ("ins", "16+")]),
        ("Call +44 20 7946 0000.", "Call 44 20 7946 0000.", [("del", "+44"), ("ins", "44")]),
        ("A margin of 2 − 1 points.", "A margin of 2 1 points.", [("del", "− ")]),
        ("Fees in § 5 apply.", "Fees in 5 apply.", [("del", "§ ")]),
        ("Up to 10 kg.", "Up to 10 lb.", [("del", "kg"), ("ins", "lb")]),
        ("At 20 °C.", "At 20 C.", [("del", "°")]),
    ],
)
def test_substantive_symbols_and_signs_are_words(old: str, new: str, shown: list[tuple[str, str]]) -> None:
    diff = tokens.diff(old, new)
    assert diff.kind == tokens.WORDS and not diff.minor
    assert (diff.words_added, diff.words_removed) == (
        sum(1 for t, _ in shown if t == "ins"),
        sum(1 for t, _ in shown if t == "del"),
    )
    assert marks(redline_html.text_diff_html(diff)) == shown
    change = one_paragraph(old, new)
    block = change.sections[0].blocks[0]
    assert block.status == redline.CHANGED and not block.minor
    html = redline_html.change_html(change)
    assert "only:" not in text(tree(html)), "no “Punctuation only” note"
    assert tree(redline_html.change_html(change, hide_minor=True)).xpath("//ins | //del"), "never hidden as minor"


def test_the_attacks_of_issue_16_count_one_word_each_way() -> None:
    for old, new in (("50 €", "50 $"), ("50", "-50"), ("5%", "5‰")):
        counts = one_paragraph(f"It is {old}.", f"It is {new}.").counts
        assert (counts.words_added, counts.words_removed) == (1, 1), (old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We keep data, and we delete it.", "We keep data and we delete it!"),
        ("He said 'yes'; she said (no).", "He said “yes”: she said [no]…"),
        ("An e-mail address.", "An e‑mail address."),
        ("Data – as listed – is kept.", "Data — as listed — is kept."),
        ("Pages 1–2.", "Pages 1—2."),
        ("Sie sagte „ja“.", "Sie sagte «ja»."),
    ],
)
def test_only_the_listed_marks_are_punctuation(old: str, new: str) -> None:
    diff = tokens.diff(old, new)
    assert diff.kind == tokens.PUNCTUATION and (diff.words_added, diff.words_removed) == (0, 0)
    html = redline_html.change_html(one_paragraph(old, new))
    assert [text(n) for n in tree(html).xpath("//span[@class='ld-note']")] == ["Punctuation only:"]


def test_a_word_count_is_the_word_tokens_of_the_tokeniser() -> None:
    """``word_count`` (and ``words``) finds exactly the tokens rule 6 calls words, whatever the text."""
    import random

    rng = random.Random(16)
    pieces = ["a", "50", "-", "+", "\u2212", " ", "€", "%", ".", "\u200b", "(", "\ue000x\ue001", "é", "_", "1", "–"]
    for _ in range(5000):
        sample = "".join(rng.choices(pieces, k=rng.randint(0, 14)))
        assert "".join(tokens.tokenise(sample)) == sample
        assert tokens.words(sample) == [t for t in tokens.tokenise(sample) if tokens.is_word(t)], sample


# --- Invisible characters: a word change, shown by a mark (tokens rule 8) ------------------------


def test_bidi_controls_are_a_word_change_shown_by_marks_in_every_format() -> None:
    old, new = f"We delete your data {LOGICAL}.", f"We delete your data {SWAPPED}."
    diff = tokens.diff(old, new)
    assert diff.kind == tokens.WORDS and (diff.words_added, diff.words_removed) == (6, 0)
    change = one_paragraph(old, new)
    assert (change.counts.words_added, change.counts.words_removed) == (6, 0)
    html = redline_html.change_html(change, hide_minor=True)
    assert not any(c in html for c in BIDI), "no control reaches the redline: it could reorder the redline itself"
    shown = tree(html).xpath("//ins/span[@class='ld-invisible']")
    assert [(s.text, s.get("title")) for s in shown] == [
        ("⟨RLI⟩", "U+2067"),
        ("⟨LRI⟩", "U+2066"),
        ("⟨PDI⟩", "U+2069"),
        ("⟨LRI⟩", "U+2066"),
        ("⟨PDI⟩", "U+2069"),
        ("⟨PDI⟩", "U+2069"),
    ]
    assert "only:" not in text(tree(html))
    for style in (redline_text.terminal_style(False), redline_text.terminal_style(True), redline_text.MARKDOWN_STYLE):
        out = redline_text.text_diff(diff, style)
        assert not any(c in out for c in BIDI) and out.count("⟨PDI⟩") == 3 and "⟨RLI⟩" in out
    assert redline_text.text_diff(diff, redline_text.terminal_style(False)) == (
        "We delete your data after {+⟨RLI⟩⟨LRI⟩+}30 days{+⟨PDI⟩+}, not {+⟨LRI⟩+}10 years{+⟨PDI⟩⟨PDI⟩+}."
    )


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u200b", "ZWSP"),
        ("\u200c", "ZWNJ"),
        ("\u200d", "ZWJ"),
        ("\u2060", "WJ"),
        ("\u00ad", "SHY"),
        ("\ufeff", "BOM"),
        ("\u2063", "U+2063"),
        ("\u3164", "U+3164"),
    ],
)
def test_an_invisible_character_added_is_a_word_change_with_a_mark(char: str, name: str) -> None:
    old, new = "Write to privacy@ico.org today.", f"Write to privacy@ico{char}.org today."
    change = one_paragraph(old, new)
    assert change.sections[0].blocks[0].diffs[0].kind == tokens.WORDS
    assert change.counts.words_added >= 1
    html = redline_html.change_html(change)
    assert char not in html
    assert [e.text for e in tree(html).xpath("//ins//span[@class='ld-invisible']")] == [f"⟨{name}⟩"]


def test_invisible_characters_in_added_and_deleted_blocks_are_marked() -> None:
    keep = "<p>We keep this paragraph as it is, word for word.</p>"
    hidden = "<p>Contact privacy@ico\u200b.org or \u202ethis.</p>"
    one = DocumentText((SectionText("a", 1, "A", keep + hidden),))
    two = DocumentText((SectionText("a", 1, "A", keep),))
    for old, new, tag in ((two, one, "ins"), (one, two, "del")):
        html = redline_html.change_html(redline.compare(old, new))
        assert "\u200b" not in html and "\u202e" not in html
        assert [e.text for e in tree(html).xpath(f"//{tag}/span[@class='ld-invisible']")] == ["⟨ZWSP⟩", "⟨RLO⟩"]


def test_every_format_character_is_marked() -> None:
    """Rule 8's list holds every character of Unicode category Cf this Python knows."""
    for code in range(0x110000):
        if unicodedata.category(chr(code)) == "Cf":
            assert tokens.INVISIBLE.fullmatch(chr(code)), f"U+{code:04X}"
    assert not tokens.INVISIBLE.search("Plain text, with – dashes, “quotes” and é.")


# --- Look-alike letters (tokens rule 9) -----------------------------------------------------------


def test_a_latin_letter_swapped_for_a_cyrillic_one_is_said_in_words() -> None:
    old, new = "Write to privacy@ico.org today.", "Write to privacy@icо.org today."
    assert old != new
    change = one_paragraph(old, new)
    assert (change.counts.words_added, change.counts.words_removed) == (1, 1)
    html = redline_html.change_html(change)
    assert marks(html) == [("del", "ico"), ("ins", "icо")]
    notes = [text(n) for n in tree(html).xpath("//span[@class='ld-note ld-lookalike']")]
    assert notes == ["[letters that look alike changed: ico → icо (Cyrillic о)]"]
    out = redline_text.text_diff(tokens.diff(old, new), redline_text.terminal_style(False))
    assert out == (
        "Write to privacy@[-ico-]{+icо+} [letters that look alike changed: ico → icо (Cyrillic о)].org today."
    )
    back = redline_html.text_diff_html(tokens.diff("Paypal", "Pаypаl"))
    assert "(Cyrillic а)" in back  # each letter once
    assert "look alike" not in redline_html.text_diff_html(tokens.diff("ico", "ici")), "a real change is not"
    assert "(Latin o)" in redline_html.text_diff_html(tokens.diff("icо", "ico")), "and back"


# --- `legaldocs check` and the build ---------------------------------------------------------------


def check(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return legaldocs("check", *args, cwd=site)


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()


def set_language(site: Path, language: str) -> None:
    edit(site / "mkdocs.yml", "  language: en", f"  language: {language}")


def test_bidi_controls_in_a_section_are_refused_at_their_line(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / RETENTION, "for as long as we need it", f"{SWAPPED}, as long as we need it")
    edit(site / LINKS, "partner networks", "partner networks (\u202e.moc.elpmaxe\u202c)")
    commit_site(site, "Hidden reordering")
    result = check(site)
    assert result.returncode == 1
    found = lines(result)
    retention, links = sorted(found, key=lambda line: line.startswith(LINKS))
    assert retention.startswith(
        f"{RETENTION}:{line_of(site / RETENTION, SWAPPED)}: this line holds a right-to-left isolate (U+2067), "
        "a left-to-right isolate (U+2066), a pop directional isolate (U+2069): invisible characters"
    )
    assert "Fix: delete them" in retention and "left to right (theme.language: en)" in retention
    assert links.startswith(f"{LINKS}:3: this line holds a right-to-left override (U+202E), a pop directional")
    assert result.stdout == "2 problems found.\n"


@pytest.mark.parametrize(
    ("markdown", "says"),
    [
        ('within <bdo dir="rtl">12</bdo> months', "the <bdo> element overrides the direction of its text"),
        ('within <span dir="rtl">12 months</span>', 'dir="rtl" on <span> sets the direction of the text'),
        ("within <bdi>12 months</bdi>", "<bdi> sets the direction of the text"),
        ('within 12 months.\n{: dir="rtl" }', 'dir="rtl" on <p> sets the direction of the text'),
    ],
)
def test_html_that_sets_a_direction_is_refused_left_to_right(tmp_path: Path, markdown: str, says: str) -> None:
    site = copy_site(tmp_path)
    (site / RETENTION).write_text(f"# Data Retention\n\nWe keep it\n{markdown}\n", encoding="utf-8")
    commit_site(site, "A direction")
    result = check(site)
    assert result.returncode == 1
    found = lines(result)
    assert len(found) == 1 and result.stdout == "1 problem found.\n"
    line = 4 if "bdi" in markdown or "bdo" in markdown or "span" in markdown else 5
    assert found[0].startswith(f"{RETENTION}:{line}: {says}"), found[0]
    assert "Fix: remove" in found[0]


def test_bidi_controls_in_yaml_texts_are_refused_escaped_or_not(tmp_path: Path) -> None:
    """title, summary, facts and the purpose table's texts: every text a reader sees."""
    site = copy_site(tmp_path)
    edit(site / DOCUMENT, "title: Privacy & Cookie Policy", 'title: "Privacy \\u202e& Cookie Policy"')
    edit(site / DOCUMENT, "  contact_email: compliance@", "  contact_email: \u2067compliance@")
    edit(site / PURPOSES, "caption: ", "caption: \u202d")
    commit_site(site, "Hidden controls in YAML")
    result = check(site, "--strict")
    assert result.returncode == 1
    found = lines(result)
    assert len(found) == 3 and result.stdout == "3 problems found.\n"
    title = f"{DOCUMENT}:{line_of(site / DOCUMENT, 'title: ')}: this line holds a right-to-left override (U+202E)"
    fact = f"{DOCUMENT}:{line_of(site / DOCUMENT, 'contact_email')}: this line holds a right-to-left isolate"
    caption = f"{PURPOSES}:{line_of(site / PURPOSES, 'caption: ')}: this line holds a left-to-right override"
    assert [any(f.startswith(x) for f in found) for x in (title, fact, caption)] == [True, True, True], found


def test_a_word_mixing_scripts_is_a_warning_that_fails_strict_only(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / LINKS, "partner networks", "partner networks (see www.clustersevеn.com)")
    commit_site(site, "A look-alike address")
    result = check(site)
    assert result.returncode == 0, result.stderr
    warning = (
        f"warning: {LINKS}:3: the word “clustersevеn” mixes Latin letters with Cyrillic ones (е U+0435): "
        "it looks like a word it is not"
    )
    assert lines(result)[0].startswith(warning)
    assert result.stdout == (  # counted, so an editor is not told "no problems" alone while warned
        "1 document checked: no problems. 1 warning, which fails `mkdocs build --strict` "
        "(`legaldocs check --strict` fails on it too).\n"
    )
    strict = check(site, "--strict")
    assert strict.returncode == 1 and lines(strict)[0].startswith(warning)
    assert strict.stdout == "1 warning, which fails `mkdocs build --strict`.\n"
    built = mkdocs(site, "build", "--strict")
    assert built.returncode != 0 and warning.removeprefix("warning: ") in built.stderr
    assert mkdocs(site, "build").returncode == 0
    # The working copy alone (a pre-commit hook) says it too; Greek letters as well.
    edit(site / DOCUMENT, "title: Privacy & Cookie Policy", "title: Privacy & Cοokie Policy")
    alone = check(site, "--working-copy", "--strict")
    assert alone.returncode == 1
    assert any(
        x.startswith(f"warning: {DOCUMENT}:") and "“Cοokie” mixes Latin letters with Greek" in x for x in lines(alone)
    )


def test_right_to_left_text_keeps_isolates_and_marks_but_no_override(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    set_language(site, "ar")
    arabic = "نحتفظ بالبيانات \u2066ClusterSeven Ltd\u2069 لمدة \u200f30\u200f يومًا"
    (site / RETENTION).write_text(
        f'# Data Retention\n\n{arabic}.\n\n<p dir="ltr">ClusterSeven Services Limited</p>\n', encoding="utf-8"
    )
    commit_site(site, "Right to left")
    result = check(site, "--strict")
    assert result.returncode == 0, result.stderr
    (site / RETENTION).write_text(
        f"# Data Retention\n\n{arabic} \u202e30\u202c.\n\nمفتوح \u2067بلا إغلاق\n\n"
        'مغلق\u2069 بلا فتح\n\n<bdo dir="ltr">12</bdo>\n',
        encoding="utf-8",
    )
    commit_site(site, "Overrides and open controls")
    result = check(site)
    assert result.returncode == 1
    found = lines(result)
    assert found[0].startswith(f"{RETENTION}:3: this line holds a right-to-left override (U+202E)")
    assert found[1].startswith(f"{RETENTION}:5: a right-to-left isolate (U+2067) on this line is left open at its end")
    assert found[2].startswith(f"{RETENTION}:7: this line holds a pop directional isolate (U+2069) that closes nothing")
    assert found[3].startswith(f"{RETENTION}:9: the <bdo> element overrides the direction of its text")
    assert found[4:] == [] and result.stdout == "4 problems found.\n"


def test_one_list_of_right_to_left_languages() -> None:
    assert [characters.is_rtl(x) for x in ("ar", "he", "fa_IR", "ur", "ps", "yi", "dv", "ckb", "az-Arab")] == [True] * 9
    assert [characters.is_rtl(x) for x in ("en", "de", "ru", "el", "az", "sr-Latn", "")] == [False] * 7


# --- `legaldocs diff`: the pull request's view ----------------------------------------------------


def test_diff_shows_marks_and_look_alikes_in_markdown_and_counts_them_in_json(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / LINKS, "websites of our", "websites of\u200b our")
    edit(site / LINKS, "affiliates", "аffiliates")  # a Cyrillic а
    edit(site / RETENTION, "(1) there", "(1) €50 there")
    result = legaldocs("diff", "--format", "markdown", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "\u200b" not in result.stdout and "⟨ZWSP⟩" in result.stdout
    assert "letters that look alike changed" in result.stdout and "Cyrillic а" in result.stdout
    as_json = legaldocs("diff", "--format", "json", cwd=site)
    counts = json.loads(as_json.stdout)["counts"]
    assert (counts["words_added"], counts["words_removed"]) == (4, 1)  # ZWSP, аffiliates, €, 50; affiliates


def test_a_text_value_spanning_lines_is_reported_where_the_character_is() -> None:
    document = DOCUMENT_YML.replace(
        "summary: First version.", "summary: >-\n  First version,\n  kept \u202efor now.\n  Thanks."
    )
    _, found = source.read_document("example", files(document_yml=document), "docs/example")
    assert [(p.path, p.line) for p in found] == [("docs/example/document.yml", 5)]


def test_a_file_full_of_them_lists_twenty_and_says_there_are_more() -> None:
    body = "# Contact\n\n" + "\n".join(f"Line {n} \u202eholds one, and icо too." for n in range(5000))
    reading = source.read("example", files(sections__contact_md=body), "docs/example")
    assert len(reading.problems) == len(reading.warnings) == characters.MAX_FINDINGS + 1
    assert (
        reading.problems[-1].line == 23 and reading.problems[-1].message == "more like the 20 above, from this line on."
    )
    assert reading.warnings[-1].message == "more like the 20 above, from this line on."
