"""Revisions get pages, and every notice shows its change: real repositories, real builds, lxml, Chromium.

The site: three versions (2018-05-25, 2020-01-01 with an editorial revision, 2025-03-01 upcoming on the
build date, 1 January 2025), then a pull-request branch whose commit is the draft.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from git import Repo
from helpers import (
    EPOCH,
    build,
    commit,
    copy_site,
    edit,
    legaldocs,
    new_version,
    page,
    serious_violations,
    shown_counts,
    text,
    unsafe_html,
)
from legaldocs import redline_html, tokens
from legaldocs.redline import Counts

SECTIONS = "docs/privacy/sections"


def counts(root: lxml.html.HtmlElement) -> dict[str, int]:
    """The counts a changes page opens with, as a reader sees them: {"sections changed": 1, …}."""
    (ul,) = root.xpath("//article//ul[@class='ld-counts']")
    plural = {"section": "sections", "word": "words", "change": "changes"}
    found = {}
    for li in ul.xpath("li"):
        number, noun, what = text(li).split(" ", 2)
        found[f"{plural.get(noun, noun)} {what}"] = int(number)
    return found


def marks(root: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    """The inserted and the deleted words of the redline's sections, in order (the title, date and
    summary have their own lines: ``metadata``)."""
    article = root.xpath("//article")[0]
    sections = ".//{}[not(ancestor::ul[@class='ld-metadata'])]"
    return [text(i) for i in article.xpath(sections.format("ins"))], [
        text(d) for d in article.xpath(sections.format("del"))
    ]


def metadata(root: lxml.html.HtmlElement) -> list[str]:
    """The lines of the title, date, summary and facts that changed, as a reader reads them."""
    return [text(li) for li in root.xpath("//article//ul[@class='ld-metadata']/li")]


def shas(site: Path) -> list[str]:
    return [c.hexsha for c in reversed(list(Repo(site).iter_commits("main", first_parent=True)))]


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built twice: the published branch into site/, and a pull request's preview into preview/."""
    site = copy_site(tmp_path_factory.mktemp("revised"))
    repo = Repo(site)
    new_version(site, "2020-01-01", "Second version: links to partners.")
    edit(site / f"{SECTIONS}/links.md", "partner networks", "partner networks and others")
    commit(repo, "Second version", "2019-11-01")
    edit(site / f"{SECTIONS}/cookies.md", "small file of letters", "small text file of letters")
    commit(repo, "Editorial: say what a cookie is", "2019-12-01")
    new_version(site, "2025-03-01", "Third version: shorter retention.")
    edit(site / f"{SECTIONS}/data-retention.md", "We will retain", "We will only retain")
    commit(repo, "Third version", "2024-12-01")
    build(site, env=EPOCH)
    repo.git.checkout("-b", "proposal")
    edit(site / f"{SECTIONS}/cookies.md", "small text file", "tiny text file")
    commit(repo, "Propose: tiny", "2024-12-15")
    build(site, "--site-dir", "preview", env=EPOCH)
    repo.git.checkout("main")
    return site


def test_each_changes_page_shows_exactly_its_edits_with_counts(revised: Path) -> None:
    """Done when: three versions and a revision, each changes page exactly its edits; the revision its own page."""
    second = page(revised, "privacy/changes/2020-01-01/index.html")
    third = page(revised, "privacy/changes/2025-03-01/index.html")
    assert marks(second) == (["and others", "text"], []), "the version's change: against the version before"
    assert counts(second) == {
        "sections changed": 2,
        "sections added": 0,
        "sections removed": 0,
        "words added": 3,
        "words removed": 0,
        "changes to the purpose table": 0,
        "changes to the title, date or summary": 2,
    }
    # The new date and summary, each a line of its own before the sections.
    assert [line.split(":")[0] for line in metadata(second)] == ["Effective date", "Summary"]
    assert metadata(second)[0] == "Effective date: 2018-05-25 → 2020-01-01"
    # The version's redline holds its correction too, and says so, linking the correction's own page.
    (included,) = second.xpath("//p[contains(@class,'ld-includes-corrections')]")
    assert text(included) == (
        "This compares the version's latest text with the version before, so it includes its later corrections: "
        "revision 2 of 1 December 2019. The changes as first published, without them."
    )
    assert included.xpath("a/@href") == ["r2/", "r1/"]
    assert not third.xpath("//p[contains(@class,'ld-includes-corrections')]"), "a version never corrected"
    revision = page(revised, "privacy/changes/2020-01-01/r2/index.html")
    assert marks(revision) == (["text"], []), "the revision's edit alone"
    assert counts(revision)["sections changed"] == 1 and counts(revision)["words added"] == 1
    assert marks(third) == (["only"], [])
    assert counts(third)["sections changed"] == 1 and counts(third)["words added"] == 1
    assert text(revision.xpath("//article//h1")[0]) == (
        "Privacy & Cookie Policy: changes in revision 2 of the version effective 1 January 2020"
    )
    (note,) = revision.xpath("//p[contains(@class,'ld-revision-note')]")
    assert text(note) == (
        f"An editorial revision: the text was changed on 1 December 2019 by commit {shas(revised)[2][:7]}, "
        "without a new effective date. Editorial: say what a cookie is"
    )
    (stamp,) = revision.xpath("//article//p[contains(@class,'ld-stamp')]")
    assert stamp.xpath("a/@href") == [
        "../../../versions/2020-01-01/r2/",
        "../../../versions/2020-01-01/r1/",
        "../../../versions/",
        "../../../compare/?from=2020-01-01/r1&to=2020-01-01/r2",  # the same pair on the compare page
    ]
    # r1 of a corrected version has its own redline: what was first published, against the version before.
    first = page(revised, "privacy/changes/2020-01-01/r1/index.html")
    assert marks(first) == (["and others"], []), "without the later correction"
    assert text(first.xpath("//article//h1")[0]) == (
        "Privacy & Cookie Policy: changes in the version effective 1 January 2020, as first published"
    )
    (first_stamp,) = first.xpath("//article//p[contains(@class,'ld-stamp')]")
    assert first_stamp.xpath("a/@href")[:2] == ["../../../versions/2020-01-01/r1/", "../../../versions/2018-05-25/"]
    assert "The version before: effective 25 May 2018" in text(first_stamp)
    (first_note,) = first.xpath("//p[contains(@class,'ld-revision-note')]")
    assert text(first_note).startswith("The text as first published on 1 November 2019")
    assert not (revised / "site/privacy/changes/2018-05-25/r2").exists(), "a version without revisions"


def site_files(site: Path) -> dict[str, str]:
    """Every page and data file a build wrote, as text."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in (site / "site").rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt")
    }


def test_no_author_is_named_on_the_public_pages_by_default(revised: Path) -> None:
    """Commit authors are employees: their names are personal data, not part of the policy."""
    assert Repo(revised).head.commit.author.name == "Legal Editor"
    assert [path for path, words in site_files(revised).items() if "Legal Editor" in words] == []
    versions = page(revised, "privacy/versions/index.html")
    assert versions.xpath("//table[contains(@class,'ld-revisions')]")
    assert "Author" not in [text(th) for th in versions.xpath("//table[contains(@class,'ld-revisions')]//th")]


def test_show_authors_names_them_and_trailers_are_never_shown(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      show_authors: true\n")
    edit(site / f"{SECTIONS}/cookies.md", "small file of letters", "small text file of letters")
    repo = Repo(site)
    repo.git.add("-A")
    stamp = "2019-12-01T12:00:00+00:00"
    message = (
        "Co-authored-by: Jane Roe <jane@example.com>\n\nSay what a cookie is\n\n"
        "Signed-off-by: Ann Lee <ann@example.com>"
    )
    repo.git.commit("-m", message, env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    build(site, env=EPOCH)
    versions = page(site, "privacy/versions/index.html")
    (table,) = versions.xpath("//table[contains(@class,'ld-revisions')]")
    rows = [[text(c) for c in row.xpath("th|td")][:5] for row in table.xpath(".//tr")]
    assert rows[0][4] == "Author" and rows[-1][3:] == ["Say what a cookie is", "Legal Editor"]
    words = " ".join(site_files(site).values())
    for personal in ("Jane Roe", "jane@example.com", "Ann Lee", "ann@example.com", "Co-authored-by", "Signed-off-by"):
        assert personal not in words


def test_a_revision_page_is_the_frozen_text_with_a_banner(revised: Path) -> None:
    c = shas(revised)
    first = page(revised, "privacy/versions/2020-01-01/r1/index.html")
    body = text(first.xpath("//div[@class='ld-document']")[0])
    assert "partner networks and others" in body and "small file of letters" in body, "before the revision"
    assert "small text file" not in body
    (banner,) = first.xpath("//div[contains(@class,'ld-notice--revision')]")
    assert text(banner) == (
        "Revision 1 of the version effective 1 January 2020. Corrected since "
        f"The text as first published on 1 November 2019 (commit {c[1][:7]}): Second version. "
        "A later revision changed this text. "
        "Read the latest text of this version · Next: revision 2 · What this revision changed"
    )
    assert banner.xpath(".//a/@href") == ["../", "../r2/", "../../../changes/2020-01-01/r1/"]
    assert text(first.xpath("//article//h1")[0]) == "Privacy & Cookie Policy, effective 1 January 2020, revision 1"
    assert first.xpath("//title/text()")[0].startswith("Privacy & Cookie Policy, effective 1 January 2020, revision 1")
    assert "Last updated 1 November 2019" in text(first.xpath("//article//p[contains(@class,'ld-stamp')]")[0])

    second = page(revised, "privacy/versions/2020-01-01/r2/index.html")
    assert "small text file of letters" in text(second.xpath("//div[@class='ld-document']")[0])
    (banner,) = second.xpath("//div[contains(@class,'ld-notice--revision')]")
    assert "This is the latest text of this version." in text(banner)
    assert text(banner.xpath(".//span[contains(@class,'ld-status')]")[0]) == "In force", "the latest text only"
    assert not first.xpath(
        "//div[contains(@class,'ld-notice--revision')]//span[contains(@class,'ld-status--in-force')]"
    )
    assert banner.xpath(".//a/@href") == ["../", "../r1/", "../../../changes/2020-01-01/r2/"]
    assert [a.get("rel") for a in banner.xpath(".//a[@rel]")] == ["prev"]
    # The table of contents of a revision is its own (the theme's sidebar).
    assert second.xpath("//nav[contains(@class,'md-nav--secondary')]//a[@href='#cookies']")
    # Not in the search index: search leads to the text in force.
    index = json.loads((revised / "site/search/search_index.json").read_text())
    assert not [d for d in index["docs"] if "/r1/" in d["location"] or "/r2/" in d["location"]]


def test_the_versions_page_and_versions_json_link_every_revision(revised: Path) -> None:
    import jsonschema
    from legaldocs import feed

    rows = page(revised, "privacy/versions/index.html").xpath("//section[@id='v-2020-01-01']//tbody/tr")
    assert [r.get("id") for r in rows] == ["r-2020-01-01-1", "r-2020-01-01-2"]
    assert [text(r.xpath("td[@class='ld-revision-read']")[0]) for r in rows] == [
        "Text of revision 1 · Changes of revision 1",
        "Text of revision 2 · Changes of revision 2",
    ]
    assert [r.xpath("td[@class='ld-revision-read']/a/@href") for r in rows] == [
        ["2020-01-01/r1/", "../changes/2020-01-01/r1/"],
        ["2020-01-01/r2/", "../changes/2020-01-01/r2/"],
    ]
    data = json.loads((revised / "site/privacy/versions.json").read_text())
    jsonschema.validate(data, json.loads((Path(feed.__file__).parent / "schemas/versions.schema.json").read_text()))
    (second,) = [v for v in data["versions"] if v["effective"] == "2020-01-01"]
    assert [(r["url"], r["changes_url"]) for r in second["revisions"]] == [
        ("versions/2020-01-01/r1/", "changes/2020-01-01/r1/"),
        ("versions/2020-01-01/r2/", "changes/2020-01-01/r2/"),
    ]
    for version in data["versions"]:  # every address is a page of this build
        for r in version["revisions"]:
            for address in (r["url"], r["changes_url"]):
                assert (revised / "site/privacy" / address / "index.html").is_file(), address


def test_the_upcoming_notice_links_its_redline_against_the_text_in_force(revised: Path) -> None:
    (notice,) = page(revised, "privacy/index.html").xpath("//div[contains(@class,'ld-notice--upcoming')]")
    assert notice.xpath(".//a/@href") == ["versions/2025-03-01/", "changes/2025-03-01/"]
    changes = page(revised, "privacy/changes/2025-03-01/index.html")
    (stamp,) = changes.xpath("//article//p[contains(@class,'ld-stamp')]")
    # It compares with the version before it, which is the version in force on the build date.
    assert stamp.xpath("a/@href")[1] == "../../versions/2020-01-01/"
    assert text(stamp).startswith("Upcoming · Read this version · The version before: effective 1 January 2020")
    banner = page(revised, "privacy/versions/2025-03-01/index.html").xpath("//div[contains(@class,'ld-notice')]")
    assert "../../changes/2025-03-01/" in banner[0].xpath(".//a/@href")


def test_a_pull_request_preview_shows_its_redline_marked_as_a_draft(revised: Path) -> None:
    preview = revised / "preview"
    current = lxml.html.parse(str(preview / "privacy/index.html")).getroot()
    (notice,) = current.xpath("//div[contains(@class,'ld-notice--draft')]")
    assert notice.xpath(".//a/@href") == ["versions/proposed/", "changes/proposed/"]
    draft = lxml.html.parse(str(preview / "privacy/versions/proposed/index.html")).getroot()
    (banner,) = draft.xpath("//div[contains(@class,'ld-draft-banner')]")
    assert "../../changes/proposed/" in banner.xpath(".//a/@href")
    assert "See the proposed changes against the published text" in text(banner)

    redline = lxml.html.parse(str(preview / "privacy/changes/proposed/index.html")).getroot()
    assert redline.xpath("//title/text()")[0].startswith("DRAFT: proposed changes: Privacy & Cookie Policy")
    assert text(redline.xpath("//article//h1")[0]) == "Privacy & Cookie Policy: DRAFT: proposed changes"
    (banner,) = redline.xpath("//article//div[contains(@class,'ld-draft-banner')]")
    assert text(banner) == (
        "DRAFT: proposed changes, not in force. This text has 1 commit not yet on the published branch. "
        "It is a preview for review, not the policy. "
        "This redline shows what the draft changes: the draft against the latest published text, effective "
        "1 March 2025, as in the pull request's redline. Compare the draft with the text in force, effective "
        "1 January 2020."
    )
    # Against the published branch's latest text, the upcoming version: the draft's own edit only, as the
    # pull request's comment (`legaldocs diff main HEAD`) shows it; against the text in force, one link away.
    assert marks(redline) == (["tiny"], ["small"])
    assert banner.xpath(".//a/@href") == ["../../compare/proposed/"]
    against_current = lxml.html.parse(str(preview / "privacy/compare/proposed/index.html")).getroot()
    assert marks(against_current) == (["only", "tiny"], ["small"])
    diffed = legaldocs("diff", "main", "proposal", "--format", "json", cwd=revised)
    assert diffed.returncode == 0, diffed.stderr
    said = json.loads(diffed.stdout)["counts"]
    # The same counts, in the same words: the page says those since issue 16 only where not 0.
    assert shown_counts(redline) == redline_html.count_items(Counts(**said))
    (stamp,) = redline.xpath("//article//p[contains(@class,'ld-stamp')]")
    assert stamp.xpath("a/@href")[:2] == ["../../versions/proposed/", "../../versions/2025-03-01/"]
    # A draft's commits are not published: no revision pages for them.
    assert not (preview / "privacy/versions/proposed/r1").exists()


def test_two_upcoming_versions_each_say_what_they_are_compared_with(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    repo = Repo(site)
    new_version(site, "2025-03-01", "Third.")
    commit(repo, "Upcoming", "2024-11-01")
    new_version(site, "2025-06-01", "Fourth.")
    commit(repo, "Upcoming too", "2024-11-02")
    build(site, env=EPOCH)
    notices = page(site, "privacy/index.html").xpath("//div[contains(@class,'ld-notice--upcoming')]")
    # Each against the text in force: the first's changes page is that; the second's is the compare page's.
    assert [n.xpath(".//a/@href")[1] for n in notices] == ["changes/2025-03-01/", "compare/2025-06-01/"]
    assert [text(n.xpath(".//a")[1]) for n in notices] == ["See what changes", "See what changes"]
    older = page(site, "privacy/compare/2025-06-01/index.html").xpath("//article//p[contains(@class,'ld-stamp')]")
    assert "Read the version in force" in text(older[0])


def test_with_none_in_force_a_second_upcoming_version_says_what_it_is_compared_with(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    repo = Repo(site)
    new_version(site, "2025-06-01", "Later.")
    commit(repo, "Upcoming too", "2024-11-02")
    build(site, env={"SOURCE_DATE_EPOCH": "1500000000"})  # July 2017: nothing in force yet
    notices = page(site, "privacy/index.html").xpath("//div[contains(@class,'ld-notice--upcoming')]//a[2]")
    assert [(n.get("href"), text(n)) for n in notices] == [
        ("changes/2018-05-25/", "See what changes"),
        ("changes/2025-06-01/", "See what changes against the version effective 25 May 2018"),
    ]


def test_without_git_there_are_no_revision_pages(tmp_path: Path) -> None:
    site = copy_site(tmp_path, git=False)
    from helpers import mkdocs

    result = mkdocs(site, "build")
    assert result.returncode == 0, result.stderr
    assert not list((site / "site/privacy").glob("versions/*/r1"))
    data = json.loads((site / "site/privacy/versions.json").read_text())
    assert all("url" not in r for v in data["versions"] for r in v["revisions"])


# Hostile content: nothing runs, everything reads as text -------------------------------------

ODD = "\u202eevil\u202c zero\u200bwidth e\u0301\u0301\u0301"
#: A document's text may not hold a bidirectional control (test_characters): its other odd
#: characters are published as they are, and a redline shows the invisible ones by a mark.
ODD_TEXT = "zero\u200bwidth e\u0301\u0301\u0301"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=2>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("hostile-revisions"))
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      show_authors: true\n")  # a hostile name, shown
    repo = Repo(site)
    new_version(site, "2020-01-01", "Summary HOSTILE")
    edit(site / "docs/privacy/document.yml", "HOSTILE", f"{SCRIPT} {IMG} {ODD_TEXT}")
    edit(
        site / f"{SECTIONS}/links.md",
        "# Links\n",
        f"# Links\n\n[click](javascript:window.__pwned=3) {IMG} {ODD_TEXT}\n\n"
        '<a href="javascript:window.__pwned=4">here</a> &lt;script&gt;window.__pwned=5&lt;/script&gt;\n',
    )
    edit(
        site / "docs/privacy/purposes.yml",
        "    purpose: To register you as user of our Services.\n",
        f'    purpose: "To register you {IMG} {ODD_TEXT}"\n',
    )
    commit(repo, "Second version", "2019-11-01")
    edit(site / f"{SECTIONS}/cookies.md", "small file", f"small {IMG} file")
    edit(site / "docs/privacy/purposes.yml", "To register you", f"To register you {SCRIPT}")
    repo.git.add("-A")
    stamp = "2019-12-01T12:00:00+00:00"
    repo.git.commit(
        "-m",
        f"Revise {SCRIPT} {IMG} [x](javascript:window.__pwned=6) {ODD}",
        env={
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_AUTHOR_NAME": f"Mallory {IMG}\u202e",
            "GIT_AUTHOR_EMAIL": "mallory@example.com",
        },
    )
    build(site, env=EPOCH)
    return site


HOSTILE_PAGES = [
    "privacy/changes/2020-01-01/index.html",
    "privacy/changes/2020-01-01/r2/index.html",
    "privacy/versions/2020-01-01/r1/index.html",
    "privacy/versions/2020-01-01/r2/index.html",
    "privacy/versions/index.html",
]


def test_hostile_commits_and_yaml_are_shown_as_text(hostile: Path) -> None:
    assert unsafe_html(hostile / "site") == []
    revision = page(hostile, "privacy/changes/2020-01-01/r2/index.html")
    (note,) = revision.xpath("//p[contains(@class,'ld-revision-note')]")
    assert f"Revise {SCRIPT} {IMG} [x](javascript:window.__pwned=6) {ODD}" in note.text_content()
    assert note.xpath(".//bdi"), "the message is isolated: an RTL override cannot reorder the page"
    inserted, _ = marks(revision)
    assert IMG in inserted, "the redline shows the markup as words"
    assert any("window.__pwned=1</script>" in words for words in inserted), inserted
    (row,) = revision.xpath("//article//*[contains(@class,'ld-redline')]//tr[contains(., 'To register you')]")
    shown = f"To register you {SCRIPT} {IMG} {tokens.visible(ODD_TEXT)}"
    assert shown in row.text_content() and "⟨ZWSP⟩" in shown, "the purpose cell, as text"
    banner = page(hostile, "privacy/versions/2020-01-01/r2/index.html").xpath(
        "//div[contains(@class,'ld-notice--revision')]"
    )[0]
    author = Repo(hostile).head.commit.author.name  # git itself drops "<" and ">" from a name
    assert "onerror=window.__pwned=2\u202e" in author and f"by {author})" in banner.text_content()
    changes = page(hostile, "privacy/changes/2020-01-01/index.html")
    assert f"Summary {SCRIPT} {IMG} {ODD_TEXT}" in text(changes.xpath("//p[@class='ld-summary']")[0])
    for path in HOSTILE_PAGES:
        root = page(hostile, path)
        assert not root.xpath(
            "//article//img[@onerror] | //article//script | //article//a[starts-with(@href,'javascript')]"
        )


@pytest.mark.browser
@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_nothing_hostile_runs_in_the_browser(browser: Any, hostile: Path, path: str) -> None:
    from conftest import serve

    url, server = serve(hostile / "site")
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        response = tab.goto(url + path.removesuffix("index.html"), wait_until="networkidle")
        assert response is not None and response.ok
        for element in tab.locator("article a, article ins, article del, article bdi").all()[:60]:
            element.dispatch_event("mouseover")
            element.dispatch_event("focus")
        tab.wait_for_timeout(200)
        assert tab.evaluate("window.__pwned") is None
        assert dialogs == []
        assert tab.locator("article script").count() == 0
        context.close()
    finally:
        server.shutdown()


# Accessibility -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served_revised(revised: Path) -> Iterator[str]:
    from conftest import serve

    url, server = serve(revised / "site")
    yield url
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "privacy/changes/2020-01-01/",
        "privacy/changes/2020-01-01/r2/",
        "privacy/changes/2020-01-01/r1/",
        "privacy/versions/2020-01-01/r1/",
        "privacy/versions/",
    ],
)
def test_no_serious_accessibility_violations(browser: Any, served_revised: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(served_revised + path, wait_until="networkidle")
    serious = serious_violations(tab)
    context.close()
    assert serious == []
