"""Markdown as GitHub renders it: `markdown: github` documents, and the warning for the others.

GitHub's rendering is cmark-gfm's own (the `cmarkgfm` package), called here directly as the
reference: what a reviewer saw on GitHub is what these tests compare the site with.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import cmarkgfm
import lxml.html
from helpers import DOCUMENT, build, commit_site, copy_site, files, line_of, mkdocs, page
from legaldocs import documents, gfm, source
from legaldocs.render import Converter, MarkdownOptions

#: What a real policy on GitHub holds: a list right after its paragraph, and one nested by two spaces.
GITHUB_LISTS = """\
# Introduction

We use your data for these purposes. In particular:
- to provide the service, which includes:
  - keeping your account
  - answering your questions
- to keep the service secure

We never sell it.
"""


def lists(html: str) -> list[tuple[str, int, str]]:
    """Every list and item in ``html``, with how deep it is nested in lists and its own words."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found = []
    for element in root.iter("ul", "ol", "li"):
        depth = sum(1 for a in element.iterancestors() if a.tag in ("ul", "ol"))
        own = (element.text or "").strip() if element.tag == "li" else ""
        found.append((element.tag, depth, own))
    return found


def load(markdown: str | None = None, intro: str = GITHUB_LISTS, options: MarkdownOptions | None = None):
    yml = DOCUMENT + (f"markdown: {markdown}\n" if markdown else "")
    return documents.load(
        "example", files(document_yml=yml, sections__intro_md=intro), "docs/example", Converter(options)
    )


def body(loaded: documents.Loaded, section: str = "intro") -> str:
    assert loaded.rendered is not None
    return loaded.rendered.section(section).html


def test_github_mode_shows_the_lists_github_shows() -> None:
    loaded = load("github")
    assert loaded.ok, loaded.problems
    assert loaded.document is not None and loaded.document.markdown == "github"
    expected = lists(cmarkgfm.github_flavored_markdown_to_html(GITHUB_LISTS))
    assert [e for e in expected if e[0] == "li"][:2] == [
        ("li", 1, "to provide the service, which includes:"),
        ("li", 2, "keeping your account"),
    ]
    assert lists(body(loaded)) == expected
    assert loaded.warnings == (), "a document written for GitHub is not warned about GitHub"


def test_the_site_markdown_runs_them_together_and_says_where() -> None:
    loaded = load()
    assert loaded.document is not None and loaded.document.markdown == "mkdocs"
    assert lists(body(loaded)) == [], "Python-Markdown prints these lines as one paragraph"
    assert len(loaded.warnings) == 1, loaded.warnings
    warning = loaded.warnings[0]
    lines = GITHUB_LISTS.split("\n")
    assert (
        warning.where
        == f"docs/example/sections/intro.md:{lines.index('- to provide the service, which includes:') + 1}"
    )
    assert "GitHub shows a list here" in warning.message
    assert warning.fix.startswith("add a blank line before the list, and indent its nested items by four spaces")
    assert "markdown: github" in warning.fix


def test_each_list_github_shows_otherwise_is_said() -> None:
    text = GITHUB_LISTS.replace("  - ", "    - ") + "\nWe keep it:\n1. for a year\n2. no longer\n"
    lines = text.split("\n")
    warnings = load(intro=text).warnings
    assert [w.line for w in warnings] == [
        lines.index("- to provide the service, which includes:") + 1,
        lines.index("1. for a year") + 1,
    ]
    assert [w.fix.split(",")[0] for w in warnings] == ["add a blank line before the list"] * 2


def test_two_space_nesting_is_said_with_its_fix() -> None:
    text = GITHUB_LISTS.replace("In particular:\n", "In particular:\n\n")
    loaded = load(intro=text)
    assert len(loaded.warnings) == 1, loaded.warnings
    warning = loaded.warnings[0]
    assert warning.line == text.split("\n").index("  - keeping your account") + 1
    assert warning.fix.startswith("indent nested items by four spaces (this line is indented by 2)")
    fixed = text.replace("  - ", "    - ")
    assert load(intro=fixed).warnings == ()
    assert lists(body(load(intro=fixed))) == lists(cmarkgfm.github_flavored_markdown_to_html(fixed))


def test_headings_tables_and_code_that_github_reads_otherwise() -> None:
    options = MarkdownOptions(extensions=("toc", "tables", "fenced_code"))
    cases = {
        "# Introduction\n\n#Opting out\n": ("#Opting out", "write the heading as `## Title`"),
        "# Introduction\n\nThe processors:\n| Name | Country |\n| --- | --- |\n| Acme | UK |\n": (
            "The processors:",
            "put a blank line before the table",
        ),
    }
    for text, (line, fix) in cases.items():
        warnings = load(intro=text, options=options).warnings
        assert len(warnings) == 1, (text, warnings)
        assert warnings[0].line == text.split("\n").index(line) + 1
        assert warnings[0].fix.startswith(fix)


def test_extensions_github_lacks_are_not_differences() -> None:
    options = MarkdownOptions(
        extensions=("toc", "tables", "attr_list", "def_list", "abbr", "admonition", "footnotes", "md_in_html")
    )
    text = (
        "# Introduction\n\n"
        '!!! note "Summary"\n    We keep little.\n\n    - and this list is in the note\n\n'
        "Controller\n:   The company that decides why and how data is used.\n\n"
        "The GDPR applies.[^1] {: .lead }\n\n*[GDPR]: General Data Protection Regulation\n\n"
        "## Your rights {#rights}\n\n- access\n- erasure\n\n[^1]: Regulation (EU) 2016/679.\n"
    )
    loaded = load(intro=text, options=options)
    assert loaded.ok, loaded.problems
    root = lxml.html.fragment_fromstring(body(loaded), create_parent="div")
    assert root.xpath("//div[contains(@class, 'admonition')]") and root.xpath("//dl") and root.xpath("//abbr")
    assert loaded.warnings == ()


def test_heading_ids_are_githubs_and_the_documents_own_links_work() -> None:
    text = (
        "# Introduction\n\n## What We Collect (and Why)!\n\nText.\n\n## Données & cookies\n\nText.\n\n"
        "## Example\n\n## Example\n\n## Kept {#kept-id}\n\n## __config\n\n## MD tabs\n\n"
        "See [what](#what-we-collect-and-why), [cookies](#données--cookies), [again](#example-1), [kept](#kept-id).\n"
    )
    loaded = load("github", intro=text)
    assert loaded.ok, loaded.problems
    root = lxml.html.fragment_fromstring(body(loaded), create_parent="div")
    ids = [h.get("id") for h in root.iter("h3")]
    assert ids == ["what-we-collect-and-why", "données--cookies", "example", "example-1", "kept-id", None, None]
    # (ids the theme looks elements up by are never given, as the sanitiser drops them from HTML)
    assert [gfm.slug(t) for t in ("What We Collect (and Why)!", "Données & cookies")] == ids[:2]
    assert [h.text_content() for h in root.iter("h3")][4] == "Kept"
    assert not [p for p in loaded.problems if "leads nowhere" in p.message]


def test_github_mode_is_sanitised_as_every_section_is() -> None:
    text = (
        "# Introduction\n\n<script>alert(1)</script>\n\n"
        '<div onclick="steal()">Visible words.</div>\n\n'
        '[Click](javascript:alert(2)) <img src="https://tracker.example/p.gif" alt="pixel" onerror="x()">\n\n'
        "- [x] done\n- [ ] to do\n\n~~old~~ new, www.example.com\n"
    )
    loaded = load("github", intro=text)
    html = body(loaded)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not root.xpath("//script | //input | //*[@onclick] | //*[@onerror]")
    assert not [a for a in root.iter("a") if "javascript" in (a.get("href") or "")]
    assert not [i for i in root.iter("img") if i.get("src")], "remote images are never loaded"
    assert "Visible words." in root.text_content(), "raw HTML's words are kept, as GitHub keeps them"
    assert "\u2611 done" in root.text_content() and "\u2610 to do" in root.text_content()
    assert root.xpath("//del/text()") == ["old"]
    assert root.xpath("//a[@href='http://www.example.com']")


def test_the_converter_keeps_each_markdown_apart() -> None:
    converter = Converter()
    text = "Intro:\n- a\n- b\n"
    assert "<li>" in converter(text, "github").html
    assert "<li>" not in converter(text).html
    assert "<li>" in converter(text, "github").html


def test_an_unknown_markdown_is_an_error_at_its_line() -> None:
    yml = DOCUMENT + "markdown: gitlab\n"
    _, found = source.read_document("example", files(document_yml=yml), "docs/example")
    assert [p.where for p in found] == [f"docs/example/document.yml:{yml.count(chr(10))}"]
    assert "'gitlab'" in found[0].message and "markdown: github" in found[0].fix


def test_the_comparison_is_linear() -> None:
    """2,500 and 10,000 lines of lists that differ: four times the text, about four times the time."""

    def timed(n: int) -> float:
        text = "".join(f"Para {i}:\n- item\n  - nested\n\n" for i in range(n // 4))
        start = time.perf_counter()
        assert len(gfm.differences(gfm.without_extensions(text), Converter().site_html)) == gfm.MAX_DIFFERENCES
        return time.perf_counter() - start

    small, large = timed(2_500), timed(10_000)
    assert large < 8 * small + 0.5, (small, large)


def test_a_build_publishes_a_github_document_as_github_shows_it(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    policy = site / "docs" / "privacy"
    links = policy / "sections" / "links.md"
    links.write_text(links.read_text(encoding="utf-8") + "\nIn particular:\n- partners\n  - advertising partners\n")
    commit_site(site, "Partners, as written on GitHub")
    # The site's Markdown: `check --strict` and the strict build stop on the warning, at its line.
    where = f"docs/privacy/sections/links.md:{line_of(links, '- partners')}"
    checked = subprocess.run(
        [sys.executable, "-m", "legaldocs.cli", "check", "--strict"], cwd=site, capture_output=True, text=True
    )
    assert checked.returncode != 0 and where in checked.stdout + checked.stderr, checked.stdout + checked.stderr
    built = mkdocs(site, "build", "--strict")
    assert built.returncode != 0 and where in built.stderr, built.stderr
    # With `markdown: github` it is published as GitHub shows it.
    yml = policy / "document.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "markdown: github\n")
    commit_site(site, "Written for GitHub", "2019-02-02")
    build(site)
    section = page(site, "privacy/index.html").xpath("//section[.//h2[@id='links']]")[0]
    nested = section.xpath(".//ul/li/ul/li")
    assert [li.text_content().strip() for li in nested] == ["advertising partners"]
