"""Rendering a document: numbers, references, headings and ids generated; untrusted HTML made safe."""

from __future__ import annotations

import lxml.html
import pytest
from helpers import DOCUMENT, files, text
from legaldocs import purpose_table, source
from legaldocs.render import Converter, RenderedDocument, render


def html(result: RenderedDocument) -> str:
    return result.page("")


def rendered(**changes: str | None):
    document, found = source.read_document("example", files(**changes), "docs/example")
    assert found == [], found
    assert document is not None
    return document, render(document)


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_sections_are_numbered_h2_with_their_id_as_anchor() -> None:
    _, result = rendered()
    headings = tree(html(result)).xpath("//h2")
    assert [h.get("id") for h in headings] == ["intro", "contact"]
    assert [text(h).rstrip("¶ ") for h in headings] == ["1. Introduction", "2. Contact"]


def test_reordering_sections_renumbers_references() -> None:
    reordered = DOCUMENT.replace("  - intro\n  - contact\n", "  - contact\n  - intro\n")
    _, result = rendered(document_yml=reordered)
    link = tree(html(result)).xpath("//a[@class='ld-xref']")[0]
    assert link.get("href") == "#contact"
    assert text(link) == "section 1"


def test_capitalised_reference_and_fact() -> None:
    _, result = rendered(sections__contact_md="# Contact\n\n{{ Section: intro }} says: write to {{ fact: email }}.\n")
    assert "Section 1 says: write to privacy@example.com." in text(tree(html(result)))


def test_sub_headings_sit_under_the_section_and_join_the_toc() -> None:
    _, result = rendered(sections__contact_md="# Contact\n\nText.\n\n## Opting out\n\nMore.\n\n### Detail\n\nX.\n")
    root = tree(html(result))
    assert root.xpath("//h3/@id") == ["opting-out"]
    assert root.xpath("//h4/@id") == ["detail"]
    assert [c.id for c in result.toc[1].children] == ["opting-out"]


def test_a_second_level_one_heading_is_an_error() -> None:
    document, _ = source.read_document(
        "example", files(sections__contact_md="# Contact\n\nText.\n\n# Oops\n\nMore.\n"), "docs/example"
    )
    assert document is not None
    problems = [str(p) for p in render(document).problems]
    assert len(problems) == 1
    assert problems[0].startswith("docs/example/sections/contact.md:5: only the first line of a section")


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("# Contact\n\nText.\n\n## Oops\n\n# Oops\n", [7]),  # not the "## Oops" above it
        ("# Contact\n\n# Contact\n\nx\n\n# Contact ##\n", [3, 7]),  # each repeat at its own line
        ("# Contact\n\nText.\n\nOops\n====\n", [5]),  # a setext heading
    ],
)
def test_a_second_level_one_heading_is_reported_at_its_own_line(body: str, lines: list[int]) -> None:
    document, _ = source.read_document("example", files(sections__contact_md=body), "docs/example")
    assert document is not None
    assert [p.line for p in render(document).problems] == lines


def test_sub_heading_ids_stay_unique_across_sections() -> None:
    _, result = rendered(
        sections__intro_md="# Introduction\n\n## Details\n\nA.\n",
        sections__contact_md="# Contact\n\n## Details\n\nB.\n\nSee [the details](#details).\n",
    )
    root = tree(html(result))
    assert root.xpath("//h3/@id") == ["details", "details-2"]
    assert result.problems == ()


def test_a_heading_may_not_take_a_section_id() -> None:
    _, result = rendered(sections__contact_md="# Contact\n\n## Intro\n\nText.\n")
    assert tree(html(result)).xpath("//h3/@id") == ["intro-2"]


def test_link_to_a_missing_anchor_names_file_and_line() -> None:
    document, _ = source.read_document(
        "example",
        files(sections__contact_md="# Contact\n\nText.\n\nSee [opting out](#opting-out).\n"),
        "docs/example",
    )
    assert document is not None
    problems = [str(p) for p in render(document).problems]
    assert problems == [
        "docs/example/sections/contact.md:5: the link to #opting-out leads nowhere in this document. "
        "Fix: link to a section with {{ section: <id> }}, or to a sub-heading by its anchor "
        "(its title in lower case with hyphens, e.g. #opting-out)."
    ]


def test_raw_html_is_sanitised() -> None:
    hostile = (
        "# Contact\n\n"
        '<script>alert("x")</script>\n\n'
        '<p onclick="steal()" class="ld-banner md-banner note">Click</p>\n\n'
        '<img src="https://tracker.example/pixel.gif" alt="pixel"> <img src="logo.png" alt="logo">\n\n'
        '[bad](javascript:alert(1)) <iframe src="https://evil.example"></iframe>\n'
    )
    _, result = rendered(sections__contact_md=hostile)
    root = tree(html(result))
    assert root.xpath("//script | //iframe | //*[@onclick]") == []
    assert root.xpath("//p[text()='Click']/@class") == ["note"]
    assert root.xpath("//img/@src") == ["logo.png"]
    assert root.xpath("//a[text()='bad']/@href") == []


def test_an_unclosed_tag_cannot_swallow_the_next_section() -> None:
    _, result = rendered(sections__intro_md="# Introduction\n\n<div>\n\nNever closed.\n\n{{ purposes }}\n")
    root = tree(html(result))
    assert [h.get("id") for h in root.xpath("//h2")] == ["intro", "contact"]
    assert root.xpath("//section[h2[@id='contact']]")


def test_yaml_values_are_escaped_in_the_table() -> None:
    document, _ = source.read_document(
        "example",
        files(purposes_yml=(files()["purposes.yml"].decode().replace("To provide the service.", "<b>Bold</b> & co"))),
        "docs/example",
    )
    assert document is not None
    root = tree(html(render(document)))
    assert root.xpath("//table//b") == []
    assert text(root.xpath("//tbody/tr/th")[0]) == "<b>Bold</b> & co"


def test_title_is_escaped() -> None:
    _, result = rendered(document_yml=DOCUMENT.replace("Example Policy", "<script>x</script> Policy"))
    root = tree(html(result))
    assert root.xpath("//script") == []
    assert text(root.xpath("//h1")[0]) == "<script>x</script> Policy"


def test_labels_continue_past_z() -> None:
    assert purpose_table.label(0) == "(a)"
    assert purpose_table.label(25) == "(z)"
    assert purpose_table.label(26) == "(aa)"
    assert purpose_table.labelled(["one"], "several") == "one"
    assert purpose_table.labelled(["one"], "always") == "(a) one"
    assert purpose_table.labelled(["one", "two"], "several") == "(a) one, (b) two"


def test_purpose_table_is_an_accessible_table() -> None:
    _, result = rendered()
    table = tree(html(result)).xpath("//table")[0]
    assert text(table.xpath("caption")[0]) == "How we use your data"
    assert table.xpath("thead/tr/th/@scope") == ["col", "col", "col"]
    row = table.xpath("tbody/tr")[0]
    assert row.get("id") == "purpose-service"
    assert [text(c) for c in row] == [
        "To provide the service.",
        "(a) Contact, (b) Usage.",
        "(a) Performance of a contract, (b) Legitimate interests (to keep the service secure).",
    ]


def test_odd_characters_survive_and_stay_escaped() -> None:
    document = DOCUMENT.replace("Example Policy", "Politique de confidentialité & <cookies>").replace(
        "privacy@example.com", "'\"dpo\" <dpo@exämple.com> & co'"
    )
    _, result = rendered(
        document_yml=document,
        sections__intro_md=(
            "# Données personnelles 🍪\n\n## 数据\n\nالنص العربي, “quotes”, 5 < 6 & 7 > 3, a\u00a0b, tab\there.\n\n"
            "## 数据\n\nAgain.\n\n{{ purposes }}\n"
        ),
        sections__contact_md="# Contact & <more>\n\nWrite to {{ fact: email }}.\n",
    )
    root = tree(html(result))
    assert text(root.xpath("//h1")[0]) == "Politique de confidentialité & <cookies>"
    assert text(root.xpath("//h2")[0]).rstrip(" ¶") == "1. Données personnelles 🍪"
    assert text(root.xpath("//h2")[1]).rstrip(" ¶") == "2. Contact & <more>"
    assert 'Write to "dpo" <dpo@exämple.com> & co.' in text(root)
    assert "النص العربي, “quotes”, 5 < 6 & 7 > 3" in text(root)
    ids = root.xpath("//h3/@id")
    assert len(ids) == 2 and len(set(ids)) == 2, "headings that slugify alike still get distinct anchors"
    assert root.xpath("//*[contains(local-name(), 'more')]") == []


def test_text_that_looks_like_an_internal_token_is_left_alone() -> None:
    _, result = rendered(sections__contact_md="# Contact\n\nldslot5x and ldslot0x stay; {{ section: intro }} links.\n")
    assert "ldslot5x and ldslot0x stay; section 1 links." in text(tree(html(result)))


def test_sections_unchanged_between_versions_are_converted_once() -> None:
    """Long histories stay fast: Markdown runs once per distinct section text, not per version."""
    converter = Converter()
    first, _ = source.read_document("example", files(), "docs/example")
    second, _ = source.read_document(
        "example", files(sections__contact_md="# Contact\n\nWrite to {{ fact: email }} today.\n"), "docs/example"
    )
    assert first is not None and second is not None
    render(first, converter)
    render(second, converter)
    assert len(converter.cache) == 3, "intro once, and each of the two texts of contact"


def test_an_image_without_a_text_alternative_is_an_error_at_its_line() -> None:
    body = '# Contact\n\n![Company logo](logo.png)\n\n![](logo.png)\n\n<img src="seal.png">\n'
    document, found = source.read_document("example", files(sections__contact_md=body), "docs/example")
    assert found == [] and document is not None
    problems = render(document).problems
    assert [(p.where, p.message) for p in problems] == [
        ("docs/example/sections/contact.md:5", "the image logo.png has no text alternative."),
        ("docs/example/sections/contact.md:7", "the image seal.png has no text alternative."),
    ]
    assert all("![Company logo](logo.png)" in p.fix for p in problems)


def test_each_section_is_rendered_on_its_own_by_id() -> None:
    """Plain data for a redline: numbered, placeholders resolved, the body without its heading."""
    _, result = rendered(sections__contact_md="# Contact\n\n{{ Section: intro }} says: write to {{ fact: email }}.\n")
    _intro, contact = result.sections
    assert (contact.id, contact.number, contact.title) == ("contact", 2, "Contact")
    assert result.section("contact") is contact
    body = tree(contact.html)
    assert body.xpath("//h2") == [], "the heading is not part of the body"
    assert text(body.xpath("//a[@class='ld-xref']")[0]) == "Section 1"
    assert body.xpath("//a[starts-with(@href, 'mailto:')]/@href") == ["mailto:privacy@example.com"]
    assert result.purposes is not None and "<table" in result.purposes


def test_relative_links_and_images_are_rebased_for_deeper_pages() -> None:
    _, result = rendered(sections__contact_md="# Contact\n\n![Logo](logo.png) [terms](terms.pdf) [a](#intro)\n")
    contact = result.section("contact")
    root = tree(contact.body(base="../../"))
    assert root.xpath("//img/@src") == ["../../logo.png"]
    assert root.xpath("//a/@href") == ["../../terms.pdf", "#intro"]
    assert tree(contact.body()).xpath("//img/@src") == ["logo.png"]


def test_addresses_in_the_text_become_links_and_the_words_stay() -> None:
    body = "# Contact\n\nSee www.example.com, https://example.org/a/ or mail me@example.com. `x@y.com`\n"
    _, result = rendered(sections__contact_md=body)
    root = tree(result.section("contact").html)
    assert root.xpath("//a/@href") == ["https://www.example.com", "https://example.org/a/", "mailto:me@example.com"]
    assert text(root) == "See www.example.com, https://example.org/a/ or mail me@example.com. x@y.com"
