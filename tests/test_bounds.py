"""Bounded work and no crashes: what a hostile repository must not achieve (issue 16, items 8 and 9).

Every case is a real repository, checked by the real `legaldocs check` and built by the real
`mkdocs build`: refused with its file, line and fix, or handled, never a traceback, never minutes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    EPOCH,
    build,
    commit,
    commit_site,
    copy_site,
    edit,
    init_repo,
    legaldocs,
    line_of,
    mkdocs,
    new_version,
    page,
    text,
)
from legaldocs import documents, redline_rules
from legaldocs.render import Converter, MarkdownOptions


def check(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return legaldocs("check", *args, cwd=site)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(tmp_path / "site")


# Every name printed in a message is one line -------------------------------------------------

FORGED = "x\n::error file=document.yml,line=1::forged\n1 document(s) checked: no problems.\n.md"


def test_a_file_name_cannot_forge_lines_of_the_log(site: Path) -> None:
    (site / "docs/privacy/sections" / FORGED).write_text("# X\n\nText.\n", encoding="utf-8")
    commit_site(site, "A section whose name holds\n::error::a forged line")
    for result in (check(site, "--strict"), mkdocs(site, "build", "--strict", env=EPOCH)):
        assert result.returncode == 1, result.stderr
        lines = (result.stdout + result.stderr).splitlines()
        assert not [line for line in lines if line.startswith(("::", "1 document(s)", ".md"))], lines
        named = [line for line in lines if "docs/privacy/sections/x" in line]
        assert len(named) == 1, lines  # one problem, one line
        assert "sections/x\\n::error file=document.yml,line=1::forged\\n1 document(s)" in named[0]
        assert "Traceback" not in result.stderr


# Names that collide with what the build writes ------------------------------------------------

OLD_NAMES = ("ledger.json", "404.html", "sitemap.xml", "sitemap.xml.gz", "index.html", "assets")


def test_a_folder_once_named_like_a_generated_file_is_no_failure(tmp_path: Path) -> None:
    """History cannot be undone: the document was once in docs/ledger.json/, then in each of the other
    names; every later build passes, the site's own files stay files, and only /assets/ (published
    once, harmless as a folder) redirects."""
    site = copy_site(tmp_path / "site", git=False)
    (site / "docs/privacy").rename(site / "docs" / OLD_NAMES[0])
    repo = init_repo(site)
    commit(repo, "Publish the policy", "2019-01-10")
    for day, (old, new) in enumerate(zip(OLD_NAMES, [*OLD_NAMES[1:], "privacy-policy"], strict=True), 1):
        repo.git.mv(f"docs/{old}", f"docs/{new}")
        commit(repo, f"Rename {old} to {new}", f"2019-02-{day:02}")
    result = build(site, env=EPOCH)
    assert "Traceback" not in result.stderr
    for name in ("ledger.json", "404.html", "sitemap.xml", "sitemap.xml.gz", "index.html"):
        assert (site / "site" / name).is_file(), name
    assert json.loads((site / "site/ledger.json").read_text())["documents"]["privacy-policy"]
    refresh = page(site, "assets/index.html").xpath("//head/meta[@http-equiv='refresh']/@content")
    assert refresh and refresh[0].endswith("privacy-policy/")


@pytest.mark.parametrize("name", ["ledger.json", "assets"])
def test_a_document_folder_named_like_a_generated_file_is_refused(site: Path, name: str) -> None:
    (site / "docs/privacy").rename(site / "docs" / name)
    commit_site(site, "An unlucky name")
    needle = f"docs/{name}: a document's folder cannot be named {name!r}"
    # The build refuses it before anything else (docsdir.scan, as `check` does): once is enough.
    for result in (check(site), *([mkdocs(site, "build", env=EPOCH)] if name == "ledger.json" else [])):
        assert result.returncode == 1, result.stderr
        assert needle in result.stderr and "Fix: rename the folder" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (site / "site").exists()


def test_any_folder_named_like_a_generated_file_is_refused(site: Path) -> None:
    (site / "docs/sitemap.xml").mkdir()
    (site / "docs/sitemap.xml/index.md").write_text("# A page\n\nText.\n")
    commit_site(site, "A folder named like the sitemap")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/sitemap.xml: a folder under docs/ cannot be named 'sitemap.xml'" in result.stderr


# Control characters: refused by `check` exactly as by the build ----------------------------------


def test_control_characters_in_any_text_are_refused_by_check_and_build_alike(site: Path) -> None:
    doc = site / "docs/privacy"
    summary = line_of(doc / "document.yml", "summary: >-")
    text = (doc / "document.yml").read_text()
    (doc / "document.yml").write_text(re.sub(r"summary: >-\n(  .*\n)+", r'summary: "A new version.\\x01"\n', text))
    edit(doc / "document.yml", "facts:\n", 'facts:\n  escape: "\\e[2J"\n')
    edit(doc / "purposes.yml", "caption: How we use your personal data,", 'caption: "\\N How we use your data"\n#')
    edit(doc / "sections/links.md", "partner networks", "partner\x07networks")
    edit(doc / "sections/cookies.md", "\n\n", "\n\nA bell &#7; rings.\n\n")
    commit_site(site, "Control characters, raw and escaped")
    expected = [
        f"docs/privacy/document.yml:{summary}: this value holds an invisible control character (U+0001)",
        f"docs/privacy/document.yml:{line_of(doc / 'document.yml', 'escape:')}: this value holds an invisible "
        "control character (U+001B)",
        f"docs/privacy/purposes.yml:{line_of(doc / 'purposes.yml', 'caption:')}: this value holds an invisible "
        "control character (U+0085)",
        f"docs/privacy/sections/links.md:{line_of(doc / 'sections/links.md', 'partner')}: this line holds an "
        "invisible control character (U+0007, column",
        f"docs/privacy/sections/cookies.md:{line_of(doc / 'sections/cookies.md', '&#7;')}: &#7; writes an invisible "
        "control character (U+0007)",
    ]
    for result in (check(site, "--strict"), mkdocs(site, "build", "--strict", env=EPOCH)):
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        for needle in expected:
            assert needle in result.stderr, (needle, result.stderr)


# A fresh clone is never "uncommitted", whatever .gitattributes does to the checkout ------------


def test_a_fresh_clone_with_git_attributes_has_no_uncommitted_changes(site: Path, tmp_path: Path) -> None:
    (site / ".gitattributes").write_text(
        "*.md text eol=crlf\n"
        "docs/privacy/sections/cookies.md ident\n"
        "docs/privacy/sections/links.md working-tree-encoding=UTF-16\n"
    )
    edit(site / "docs/privacy/sections/cookies.md", "\n\n", "\n\n<!-- $Id$ -->\n\n")
    commit_site(site, "Attributes that change the checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(site), str(clone)], check=True)
    sections = clone / "docs/privacy/sections"
    assert b"$Id: " in (sections / "cookies.md").read_bytes()  # git expanded it: the bytes differ
    assert (sections / "links.md").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    result = check(clone, "--strict")
    assert result.returncode == 0 and "uncommitted" not in result.stderr, result.stderr
    built = build(clone, env=EPOCH)
    assert "uncommitted" not in built.stderr
    # A real edit in the clone is still one.
    edit(sections / "who-we-are.md", "\n\n", "\n\nA new paragraph.\n\n")
    assert "and your uncommitted edits" in check(clone, "--strict").stderr


# Blob sizes come from git's object header: a huge blob in an old commit is never read ---------

READ_HISTORY = """
import resource, sys
from pathlib import Path
from legaldocs.publish import Publisher
from legaldocs.gitsource import Repository
repo = Repository(Path(sys.argv[1]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
checkout = repo.checkout(Path(sys.argv[1]) / "docs/privacy", None)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sizes = [getattr(s.files.get("sections/links.md"), "size", None) for s in checkout.published]
print((after - before) // 1024, sizes)
"""


def test_a_huge_blob_in_an_old_commit_is_never_read(site: Path) -> None:
    huge = 30 * 2**20
    links = site / "docs/privacy/sections/links.md"
    kept = links.read_bytes()
    links.write_bytes(b"# Links\n\n" + b"word " * (huge // 5))
    commit_site(site, "A 30 MB section", "2019-02-01")
    links.write_bytes(kept)
    commit_site(site, "The section as it was", "2019-03-01")
    done = subprocess.run(
        [sys.executable, "-c", READ_HISTORY, str(site)], capture_output=True, text=True, timeout=120, check=True
    )
    grown, sizes = done.stdout.split(" ", 1)
    assert f"{huge + 9}" in sizes  # known from the header …
    assert int(grown) < 10, f"reading the history grew the process by {grown} MB"  # … and never read
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    # The next commit of the same version restored the section: a fact on the versions page, not a warning.
    (skipped,) = page(site, "privacy/versions/index.html").xpath("//section[contains(@class, 'ld-skipped')]")
    assert "(A 30 MB section). The document was invalid at this commit." in text(skipped)
    assert "corrected it." in text(skipped)
    check = legaldocs("check", cwd=site)
    assert "Traceback" not in check.stderr, check.stderr


# Rendering is linear in practice: Python-Markdown's quadratic shapes are refused before it parses them

DOCUMENT = b"title: T\neffective: 2020-01-01\nsummary: S\nsections: [a, b]\n"


def _load(body: str, other: str = "Text.\n") -> tuple[float, list[str]]:
    files = {
        "document.yml": DOCUMENT,
        "sections/a.md": ("# A\n\nFirst line.\n\n" + body + "\n").encode(),
        "sections/b.md": ("# B\n\n" + other).encode(),
    }
    start = time.perf_counter()
    loaded = documents.load("doc", files, "docs/doc", Converter(SITE_MARKDOWN))
    return time.perf_counter() - start, [str(p) for p in loaded.problems]


#: The extensions this repository's mkdocs.yml names (the shapes are measured with them).
SITE_MARKDOWN = MarkdownOptions(("toc", "tables", "attr_list", "def_list", "abbr"), {"toc": {"permalink": "¶"}})
N = 3_000  # enough for seconds of work on the unbounded parser; refused at once now


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("[" * N, "sections/a.md:5: this paragraph has 3,000 marks of formatting"),
        ("Text " + "[x " * 300, "sections/a.md:5: this paragraph has 300 square brackets ([) that are not closed"),
        ("Text " + "[^" * 300, "sections/a.md:5: this paragraph has 300 square brackets"),
        ("Text " + "[" * 150 + "x" + "](y)" * 150, "sections/a.md:5: this paragraph has 150 square brackets"),
        ("Text " + "[a](" * 300, "sections/a.md:5: this paragraph has 300 square brackets"),
        ("Text " + " ".join("`" * i for i in range(1, 60)), "sections/a.md:5: this paragraph has runs of backticks"),
        ("*a* " * N, "sections/a.md:5: this paragraph has 6,000 marks of formatting"),
        ("x <a " * 200 + "\n", "sections/a.md:5: 200 HTML tags, the first here ('<a'), are not closed by '>'"),
        ("ok <b>bold</b>\n\n" + '<a title="x' * 30, "sections/a.md:7: 30 HTML tags, the first here ('<a'), are not"),
        ("<" * 2_200, "sections/a.md:5: this section has more than 2,000 lines of text, HTML tags and entities"),
        ("- item\n" * 2_200, "sections/a.md:2004: this section has more than 2,000 lines of text"),
        ("## Heading\n" * 60, "sections/a.md:5: more than 50 headings, rules (---) or definitions"),
        ("Term\n" + ": definition\n" * 60, "sections/a.md:6: more than 50 headings, rules (---) or definitions"),
        ("## Heading\n\n" * 101, "sections/a.md:205: this section has more than 100 headings"),
        ("\n".join(f"*[A{i}]: a" for i in range(101)), "sections/a.md:105: this section defines more than 100"),
        ("![Logo](logo.png)\n\n" * 201, "sections/a.md:405: this is image number 201 of the document"),
    ],
    ids=[
        "brackets",
        "unclosed-links",
        "footnotes",
        "nested-links",
        "link-parentheses",
        "backtick-runs",
        "emphasis",
        "unclosed-tags",
        "unclosed-quote",
        "less-than-signs",
        "blocks",
        "headings-in-a-row",
        "definitions",
        "headings",
        "abbreviations",
        "images",
    ],
)
def test_quadratic_shapes_are_refused_with_their_line(body: str, needle: str) -> None:
    took, problems = _load(body)
    assert any(needle in p for p in problems), problems
    assert took < 3, f"{took:.1f} s"  # well under a second on a quiet machine


def test_a_document_s_limits_count_every_section() -> None:
    """2,000 lines in a section is not too much for it, but 6 such sections are for the document."""
    files = {"document.yml": b"title: T\neffective: 2020-01-01\nsummary: S\nsections: [a, b, c, d, e, f]\n"}
    for name in "abcdef":
        files[f"sections/{name}.md"] = ("# A\n\n" + "- item\n" * 1_999).encode()
    problems = [str(p) for p in documents.load("doc", files, "docs/doc", Converter(SITE_MARKDOWN)).problems]
    assert problems == [
        "docs/doc/sections/f.md:8: the document has more than 10,000 lines of text, HTML tags and entities by this "
        "line; a document may have at most that many. Fix: split it into several documents, or "
        "check that this is the text you meant to commit."
    ]


def test_ordinary_markup_is_not_refused() -> None:
    """Links, nested brackets, code, emphasis, tags and entities as legal text uses them, plenty of each."""
    links = " ".join(f'[source {i} [{i}]](https://example.com/{i} "title") and `code {i}`' for i in range(100))
    body = (
        f"{links}\n\n"
        + "A *stressed* word, a **strong** one, <abbr title='x'>GDPR</abbr> &amp; more. " * 60
        + "\n\n| a | b |\n|---|---|\n"
        + "| [x](y) | `z` |\n" * 300
        + "\n<!-- a comment with <a in it -->\n\n## Heading\n: not a definition\n\nOne <span class=x left open.\n"
    )
    _took, problems = _load(body, other="![Logo](logo.png)\n\n" * 200)
    assert problems == [], problems


def test_20_kb_of_brackets_are_refused_at_once_by_check_and_build(site: Path) -> None:
    """The issue's case: 20 KB of `[` took 80 s to build; now both say where, in seconds."""
    links = site / "docs/privacy/sections/links.md"
    links.write_text(links.read_text() + "\n" + "[" * 20_000 + "\n", encoding="utf-8")
    commit_site(site, "Brackets")
    needle = f"docs/privacy/sections/links.md:{line_of(links, '[[[')}: this paragraph has 20,000 marks of formatting"
    for result in (check(site), mkdocs(site, "build", env=EPOCH)):
        assert result.returncode == 1 and needle in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


# The compare page: iterative, whatever the size of the two versions ----------------------------

HUGE_COMPARE = """(n) => {
    const version = (count, word) => ({
        format: 2,
        meta: {title: "", summary: "", effective: "", facts: []},
        purposes: null,
        sections: [{id: "s", n: 1, title: "S", b: Array.from({length: count}, (_, i) => {
            const text = `${word} ${i}.`;
            return {k: "paragraph", t: "p", x: text, h: `<p>${text}</p>`};
        })}],
    });
    const counts = [];
    for (const [old, neu] of [[version(1, "Old"), version(n, "New")], [version(n, "Old"), version(1, "New")]]) {
        try { counts.push(LegalDocsRedline.compare(old, neu).counts); }
        catch (e) { counts.push(`${e.name}: ${e.message}`); }
    }
    return counts;
}"""


@pytest.mark.browser
def test_the_compare_engine_takes_140000_paragraphs_without_overflowing_the_stack(browser: Any) -> None:
    """A version of 140,000 paragraphs against one of one, both ways: counted, not a RangeError."""
    page = browser.new_page()
    page.set_content("<!doctype html><html lang='en'><head><title>engine</title></head><body></body></html>")
    page.add_script_tag(content=redline_rules.script())
    added, removed = page.evaluate(HUGE_COMPARE, 140_000)
    page.close()
    assert isinstance(added, dict) and added["words_added"] == 2 * 140_000, added
    assert isinstance(removed, dict) and removed["words_removed"] == 2 * 140_000, removed


def test_the_site_s_other_pages_are_bounded_too(site: Path) -> None:
    """A page that is not a legal document is as hostile: its quadratic shapes are not parsed either."""
    (site / "docs/notes.md").write_text("# Notes\n\n" + "## h\n" * 60, encoding="utf-8")
    (site / "docs/more.md").write_text("# More\n\nText " + "[" * 20_000 + "\n", encoding="utf-8")
    commit_site(site, "Two hostile pages")
    start = time.perf_counter()
    result = mkdocs(site, "build", env=EPOCH)
    assert time.perf_counter() - start < 60 and "Traceback" not in result.stderr
    assert "notes.md:3: the page is left empty: more than 50 headings, rules (---) or definitions" in result.stderr
    assert "more.md: shown as plain text: this paragraph has 20,000 marks of formatting" in result.stderr
    assert "[[[[" in text(page(site, "more/index.html"))


def test_an_old_version_past_a_limit_keeps_every_word(site: Path) -> None:
    """Published before the limits existed: a section of 2,100 lines is shown as plain text, not lost."""
    links = site / "docs/privacy/sections/links.md"
    kept = links.read_text(encoding="utf-8")
    links.write_text(kept + "\n" + "".join(f"Line {i} of a long section.\n" for i in range(2_100)), encoding="utf-8")
    commit_site(site, "A long section", "2019-01-20")
    links.write_text(kept, encoding="utf-8")
    new_version(site, "2020-01-01", "Shorter.")
    commit_site(site, "A new version", "2019-12-01")
    build(site, env=EPOCH)
    old = text(page(site, "privacy/versions/2018-05-25/index.html"))
    assert "Line 0 of a long section." in old and "Line 2099 of a long section." in old
