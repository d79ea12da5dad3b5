"""Real `mkdocs build` runs of the project's site in temporary folders, checked on parsed HTML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import (
    FIXTURES,
    REPO,
    SEED,
    build,
    commit_site,
    copy_site,
    edit,
    line_of,
    mkdocs,
    mkdocs_process,
    page,
    text,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("site"))
    build(site)
    return site


def test_policy_page_has_13_numbered_sections_and_contents(site: Path) -> None:
    root = page(site, "privacy/index.html")
    headings = root.xpath("//article//section[@class='ld-section']/h2")
    assert len(headings) == 13
    assert [text(h).rstrip(" ¶") for h in headings][:3] == [
        "1. Who We Are",
        "2. Information We May Collect From You",
        "3. How We Use Your Personal Data",
    ]
    assert headings[12].get("id") == "further-information"
    contents = root.xpath("//nav[contains(@class, 'ld-contents')]//a/@href")
    assert contents == [f"#{h.get('id')}" for h in headings]
    sidebar_toc = root.xpath("//nav[contains(@class, 'md-nav--secondary')]//a/@href")
    assert "#further-information" in sidebar_toc and "#opting-out" in sidebar_toc


def test_effective_date_is_stated_near_the_top(site: Path) -> None:
    root = page(site, "privacy/index.html")
    article = root.xpath("//article")[0]
    first_block = article.xpath(".//h1/following-sibling::*[1]")[0]
    assert first_block.xpath(".//time/@datetime") == ["2018-05-25", "2019-01-10"]
    assert text(first_block) == "Effective 25 May 2018 · Last updated 10 January 2019 · Version history"


def test_purpose_table_has_six_rows_headers_and_caption(site: Path) -> None:
    root = page(site, "privacy/index.html")
    (table,) = root.xpath("//table[contains(@class, 'ld-purpose-table')]")
    assert table.xpath("caption")
    assert [text(th) for th in table.xpath("thead/tr/th[@scope='col']")] == [
        "Purpose/Activity",
        "Type Of Data",
        "Lawful Basis For Processing",
    ]
    rows = table.xpath("tbody/tr")
    assert len(rows) == 6
    assert all(r.xpath("th[@scope='row']") and len(r.xpath("td")) == 2 for r in rows)
    # The table stands inside section 3, before "Opting out", where the original has it.
    assert table.xpath("ancestor::section/h2/@id") == ["how-we-use-your-data"]
    assert table.xpath("following::h3[1]/@id") == ["opting-out"]


def test_cross_references_are_generated_links(site: Path) -> None:
    root = page(site, "privacy/index.html")
    refs = root.xpath("//a[@class='ld-xref']")
    assert [(text(a), a.get("href")) for a in refs] == [("section 13", "#further-information")] * 2


def test_a_cross_reference_in_a_redline_leads_to_the_version_that_has_it(site: Path) -> None:
    """The changes page has no section anchors of its own: "section 13" goes to the version's page."""
    changes = page(site, "privacy/changes/2018-05-25/index.html")
    own = set(changes.xpath("//@id"))
    links = [h for h in changes.xpath("//div[@class='ld-redline']//a/@href") if "#" in h]
    assert "../../versions/2018-05-25/#further-information" in links
    assert [h for h in links if h.startswith("#") and h[1:] not in own] == [], "no link to an anchor the page lacks"


def test_sources_are_not_published_as_pages_or_files(site: Path) -> None:
    out = site / "site"
    # privacy/sections/ holds only the section histories (routes.py), one page per section id.
    histories = out / "privacy" / "sections"
    ids = sorted(p.stem for p in (REPO / "docs/privacy/sections").glob("*.md"))
    assert sorted(p.relative_to(histories).as_posix() for p in histories.rglob("*") if p.is_file()) == [
        f"{i}/index.html" for i in ids
    ]
    assert not list(out.rglob("*.yml"))
    nav_links = page(site, "index.html").xpath("//nav[contains(@class,'md-nav--primary')]//a/@href")
    assert not [h for h in nav_links if "sections" in h]


def test_navigation_names_documents_by_title(site: Path) -> None:
    nav = page(site, "index.html").xpath("//nav[contains(@class,'md-nav--primary')]")[0]
    assert "Privacy & Cookie Policy" in [text(a) for a in nav.xpath(".//a | .//label")]


def test_home_page_lists_the_documents(site: Path) -> None:
    root = page(site, "index.html")
    links = root.xpath("//ul[@class='ld-documents']/li/a")
    assert [(text(a), a.get("href")) for a in links] == [("Privacy & Cookie Policy", "privacy/")]


def test_search_finds_text_inside_a_section_and_leads_to_it(site: Path) -> None:
    index = json.loads((site / "site" / "search" / "search_index.json").read_text())
    hits = [d for d in index["docs"] if "small file of letters and numbers" in d["text"]]
    assert [d["location"] for d in hits] == ["privacy/#cookies"]


def test_no_third_party_fonts_or_scripts(site: Path) -> None:
    for html in (site / "site").rglob("*.html"):
        root = page(site, str(html.relative_to(site / "site")))
        external = [
            url
            for url in root.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src")
            if re.match(r"^(https?:)?//", url)
        ]
        assert external == [], html


def test_every_sentence_and_table_cell_of_the_seed_is_published_in_order(site: Path) -> None:
    """Faithful to the letter: the page text, less what legaldocs adds, equals the original.

    Whitespace is ignored (the original's table was flattened to text, so its cells run
    together), as are the original's bullet characters, which became list items.
    """
    root = page(site, "privacy/index.html")
    (article,) = root.xpath("//article")
    for added in article.xpath(
        ".//*[contains(@class,'ld-generated') or contains(@class,'headerlink') or self::caption]"
    ):
        added.drop_tree()
    published = re.sub(r"\s+", "", article.text_content())
    original = re.sub(r"\s+|•", "", SEED.read_text(encoding="utf-8"))
    assert published == original


def test_a_second_document_folder_builds_its_own_page(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    shutil.copytree(FIXTURES / "terms", site / "docs" / "terms")
    commit_site(site, "Add the terms")
    build(site)
    terms = page(site, "terms/index.html")
    assert [text(h).rstrip(" ¶") for h in terms.xpath("//article//h2")] == [
        "1. About these terms",
        "2. Using the site",
    ]
    assert text(terms.xpath("//a[@class='ld-xref']")[0]) == "section 2"
    home = page(site, "index.html")
    assert home.xpath("//ul[@class='ld-documents']/li/a/@href") == ["privacy/", "terms/"]
    # Its own history too: a versions page and a permalink, from the same code.
    versions = page(site, "terms/versions/index.html")
    assert versions.xpath("//section[@class='ld-version']/@id") == ["v-2020-01-01"]
    assert (site / "site/terms/versions/2020-01-01/index.html").is_file()


def test_hostile_title_is_escaped_everywhere(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(
        site / "docs/privacy/document.yml",
        "title: Privacy & Cookie Policy",
        "title: '</title><script>alert(1)</script> Policy'",
    )
    commit_site(site, "A hostile title")
    build(site)
    for rel in ("privacy/index.html", "index.html"):
        root = page(site, rel)
        assert root.xpath("//script[contains(., 'alert')]") == [], rel
    assert text(page(site, "privacy/index.html").xpath("//title")[0]).startswith("</title><script>")


def test_broken_cross_reference_fails_strict_build_with_one_line_naming_file_and_line(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    build(site)
    good = (site / "site" / "privacy" / "index.html").read_bytes()
    edit(
        site / "docs/privacy/sections/your-rights.md",
        "{{ section: further-information }}",
        "{{ section: further-info }}",
    )
    commit_site(site, "Break a cross-reference")
    result = mkdocs(site, "build", "--strict")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "further-info }}" in line]
    line = line_of(site / "docs/privacy/sections/your-rights.md", "further-info }}")
    assert lines == [
        f"ERROR   -  legaldocs: docs/privacy/sections/your-rights.md:{line}: {{{{ section: further-info }}}} "
        "refers to a section that does not exist. Fix: did you mean `further-information`? Otherwise use one of "
        "the ids in "
        "docs/privacy/document.yml: changes, cookies, data-retention, data-security, disclosure, "
        "further-information, how-we-use-your-data, information-we-collect, links, "
        "statistical-information, where-we-store-your-data, who-we-are, your-rights."
    ]
    assert "Traceback" not in result.stderr
    # Validation runs before MkDocs touches the site folder: the last good site is left whole.
    assert (site / "site" / "privacy" / "index.html").read_bytes() == good


def test_several_errors_are_all_reported_in_one_run(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "docs/privacy/document.yml", "effective: 2018-05-25", "effective: 25/05/2018")
    edit(site / "docs/privacy/purposes.yml", "data: [technical, usage]", "data: [technical, usage, location]")
    (site / "docs/privacy/sections/stray.md").write_text("# Stray\n\nText.\n")
    commit_site(site, "Three mistakes")
    result = mkdocs(site, "build")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR   -  legaldocs: docs/")]
    assert sorted(e.split(": ")[1] for e in errors) == [
        f"docs/privacy/document.yml:{line_of(site / 'docs/privacy/document.yml', 'effective:')}",
        f"docs/privacy/purposes.yml:{line_of(site / 'docs/privacy/purposes.yml', 'location]')}",
        "docs/privacy/sections/stray.md:1",
    ]
    assert "3 problems in the legal documents" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "site").exists()


@pytest.mark.parametrize(
    ("documents", "message"),
    [
        ("[privacy, terms]", "plugins.legaldocs.documents names 'terms', but docs/terms/document.yml does not exist"),
        ("[legal/privacy]", "a document is a folder directly under docs/"),
    ],
)
def test_a_wrong_documents_option_is_a_clear_error(tmp_path: Path, documents: str, message: str) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - legaldocs\n", f"  - legaldocs:\n      documents: {documents}\n"))
    result = mkdocs(site, "build")
    assert result.returncode != 0
    assert message in result.stderr.replace(str(site) + "/", "")
    assert "Traceback" not in result.stderr


def test_the_documents_option_limits_what_is_published(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    shutil.copytree(FIXTURES / "terms", site / "docs" / "terms")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - legaldocs\n", "  - legaldocs:\n      documents: [terms]\n"))
    commit_site(site, "Publish only the terms")
    build(site)
    assert (site / "site/terms/index.html").is_file()
    assert page(site, "index.html").xpath("//ul[@class='ld-documents']/li/a/@href") == ["terms/"]
    # The document left out is not published at all: not even its sources as plain pages.
    assert not (site / "site/privacy").exists()


def test_the_mkdocs_command_in_its_own_process_says_what_the_tests_see_in_theirs(tmp_path: Path) -> None:
    """The tests run MkDocs' command line in their own process (helpers.mkdocs): the real `mkdocs`
    process, started as an editor starts it, exits and prints the same, on a good and a bad build."""
    site = copy_site(tmp_path)
    built = mkdocs_process(site, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert (site / "site/privacy/index.html").is_file()
    edit(site / "docs/privacy/sections/your-rights.md", "{{ section: further-information }}", "{{ section: x }}")
    commit_site(site, "Break a cross-reference")
    real, here = mkdocs_process(site, "build", "--strict"), mkdocs(site, "build", "--strict")
    assert real.returncode == here.returncode == 1
    assert [line for line in real.stderr.splitlines() if "legaldocs" in line] == [
        line for line in here.stderr.splitlines() if "legaldocs" in line
    ]
    assert "{{ section: x }} refers to a section that does not exist" in real.stderr
    assert real.stdout == here.stdout and "Aborted with" in real.stdout, real.stdout
