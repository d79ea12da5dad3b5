"""What a new user of one-file documents found (issue 19): each defect, fixed, with a real repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from git import Repo
from helpers import REPO, build, commit, edit, init_repo, mkdocs, page, text
from helpers import legaldocs as run_legaldocs
from jsengine import Engine, comparable, expected, first_difference
from legaldocs import compare_data
from legaldocs.redline import DocumentText, SectionText

POLICY = "---\neffective: 2024-01-01\n---\n# P\n\n## 1. A\n\ntext\n\n## 2. B\n\nx\n\n## 3. C\n\ny\n"


def file_site(tmp_path: Path, file: str, markdown: str = "github", extra: str = "") -> tuple[Path, Repo]:
    """A site whose only document is the one file ``file`` (not yet written), as mkdocs.yml lists it."""
    site = tmp_path / "r"
    site.mkdir()
    repo = init_repo(site)
    (site / "docs").mkdir()
    (site / "docs" / ".gitkeep").write_text("")
    (site / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material}\nplugins:\n  - legaldocs:\n      documents:\n"
        f"        - {{name: p, file: {file}, markdown: {markdown}}}\n{extra}"
    )
    return site, repo


def legaldocs(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_legaldocs(*args, cwd=site)  # in this process (helpers.run): what an editor sees


# 1. diff follows the file across renames ----------------------------------------------------------


def test_diff_between_commits_follows_a_renamed_file(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "new.md")
    (site / "old.md").write_text(POLICY)
    commit(repo, "v1", "2024-01-01")
    repo.git.mv("old.md", "new.md")
    commit(repo, "mv", "2024-01-02")
    moved = legaldocs(site, "diff", "HEAD~1", "HEAD")
    assert moved.returncode == 0, moved.stderr
    assert "No changes to the text." in moved.stdout and "added" not in moved.stdout
    (site / "new.md").write_text(POLICY.replace("text", "more text"))
    repo.git.mv("new.md", "newest.md")
    tip = commit(repo, "mv again", "2024-01-03")
    # neither commit has the path mkdocs.yml names (new.md is gone at HEAD, old.md at HEAD~1)
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text().replace("new.md", "newest.md"))
    both_old = legaldocs(site, "diff", "HEAD~2", "HEAD~1")
    assert both_old.returncode == 0, both_old.stderr
    assert "No changes to the text." in both_old.stdout
    # on the base branch, whose mkdocs.yml names old.md: the later side is found where it moved to
    repo.git.checkout("-f", "HEAD~2")
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text().replace("new.md", "old.md"))
    forward = legaldocs(site, "diff", "HEAD", tip)
    assert forward.returncode == 0, forward.stderr
    assert "{+more +}text" in forward.stdout and "0 sections added, 0 sections removed" in forward.stdout


def test_diff_says_plainly_when_the_file_is_on_neither_side(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "policy.md")
    (site / "README.md").write_text("hello\n")
    commit(repo, "readme", "2024-01-01")
    (site / "README.md").write_text("hello again\n")
    commit(repo, "readme 2", "2024-01-02")
    (site / "policy.md").write_text(POLICY)  # written, never committed
    result = legaldocs(site, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 2
    assert "the file policy.md" in result.stderr and "any earlier name" in result.stderr
    assert "check --document" not in result.stderr and "Traceback" not in result.stderr


# 4. A commit that changes nothing a reader sees is not a revision --------------------------------


def test_trailing_blank_lines_are_no_revision_of_a_file_or_a_folder_document(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "policy.md", extra="        - privacy\n")
    shutil.copytree(REPO / "docs" / "privacy", site / "docs" / "privacy")
    (site / "policy.md").write_text(POLICY)
    commit(repo, "v1", "2024-01-01")
    (site / "policy.md").write_text(POLICY.replace("## 2. B\n\n", "## 2. B\n\n\n  \n") + "\n\n   \n")
    section = next((site / "docs" / "privacy" / "sections").glob("*.md"))
    section.write_text(section.read_text() + "\n\n")
    commit(repo, "Whitespace", "2024-01-02")
    build(site)
    assert (site / "site" / "p" / "index.html").is_file()
    assert not list((site / "site").glob("*/changes/*/r2")), "a whitespace commit became a revision"
    assert not list((site / "site").glob("*/versions/*/r2"))


# 5. adopt --write takes the starter mkdocs.yml as the guide writes it ------------------------------

STARTERS = {
    "commented": (
        "  - legaldocs       # options: see the reference\n",
        "  - legaldocs:       # options: see the reference\n",
    ),
    "empty-options": ("  - legaldocs:\n", "  - legaldocs:\n"),
    "no-documents": (
        "  - legaldocs:  # ours\n      documents: []  # none yet\n      branch: main\n",
        "  - legaldocs:  # ours\n      documents: # none yet\n",
    ),
}


@pytest.mark.parametrize("starter", list(STARTERS), ids=list(STARTERS))
def test_adopt_write_takes_the_starter_plugin_entries(tmp_path: Path, starter: str) -> None:
    written, kept = STARTERS[starter]
    site = tmp_path / "r"
    site.mkdir()
    repo = init_repo(site)
    (site / "docs").mkdir()
    (site / "docs" / ".gitkeep").write_text("")
    (site / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - search\n{written}markdown_extensions:\n  - toc\n")
    (site / "policy.md").write_text(POLICY)
    commit(repo, "v1", "2024-01-01")
    result = legaldocs(site, "adopt", "policy.md", "--write")
    assert result.returncode == 0, result.stderr
    config = (site / "mkdocs.yml").read_text()
    assert kept in config, config
    from legaldocs import siteconfig

    (spec,) = siteconfig.load(site / "mkdocs.yml").documents
    assert (spec.name, spec.file) == ("policy", "policy.md")
    if starter == "no-documents":
        assert siteconfig.load(site / "mkdocs.yml").branch == "main"


# 6. adopt names an old commit's problem at the file's path at that commit --------------------------


# 9. Small words -------------------------------------------------------------------------------------


def test_help_and_check_speak_of_file_documents_and_say_a_missing_docs_dir_once(tmp_path: Path) -> None:
    helped = legaldocs(tmp_path, "diff", "--help")
    assert "or a file document's name" in " ".join(helped.stdout.split())
    site, repo = file_site(tmp_path, "policy.md")
    (site / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - legaldocs\n")
    empty = legaldocs(site, "check")
    assert empty.returncode == 2 and "file documents" in empty.stderr and "legaldocs adopt" in empty.stderr
    (site / "docs" / ".gitkeep").unlink()
    (site / "docs").rmdir()
    (site / "policy.md").write_text(POLICY)
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: docs\nplugins:\n  - legaldocs:\n      documents:\n"
        "        - {name: p, file: policy.md}\n"
    )
    commit(repo, "v1", "2024-01-01")
    missing = legaldocs(site, "check")
    assert missing.stderr.count("isn't an existing directory") == 1, missing.stderr
    assert "1 problem found." in missing.stdout


# 8. The versions page says what failed, and no maintainer's instruction ----------------------------


def test_the_versions_page_says_the_date_failed_and_which_commit_is_published(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "legal/policy.md")
    old = site / "policy.md"
    words = "We keep your data safe and tell you what we do with it.\n"
    old.write_text(f"# P\n\nEffective date: January 1, 2024\n\n## A\n\n{words * 3}\n## B\n\n{words * 3}y\n")
    commit(repo, "First", "2024-01-01")
    old.write_text(old.read_text().replace("January 1, 2024", "31 Febuary 2024").replace("y\n", "y and z\n"))
    broken = commit(repo, "Add z", "2024-02-10")
    (site / "legal").mkdir()
    repo.git.mv("policy.md", "legal/policy.md")
    moved = site / "legal" / "policy.md"
    moved.write_text(moved.read_text().replace("31 Febuary 2024", "1 March 2024"))
    fixed = commit(repo, "Fix the date, move to legal/", "2024-02-11")
    built = mkdocs(site, "build")  # (not --strict: the short notice is a warning)
    assert built.returncode == 0, built.stderr
    said = page(site, "p/versions/index.html").xpath("//section[contains(@class,'ld-skipped')]")
    shown = text(said[0])
    assert f"Its effective date could not be read (policy.md:3), so it is not published. Commit {broken[:7]}" in shown
    assert f"The next commit, {fixed[:7]} of 11 February 2024, corrected it: its text is the one published." in shown
    assert "at all" not in shown and "mkdocs.yml" not in shown and "acknowledge" not in shown


# 7. check --links lists the links published as written --------------------------------------------


def test_check_links_lists_relative_and_host_links_of_a_file_document(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "legal/policy.md")
    policy = site / "legal" / "policy.md"
    policy.parent.mkdir()
    policy.write_text(
        POLICY.replace(
            "text\n",
            "See [German](../de/datenschutz.md), [cookies](/articles/cookies),\n"
            "[other](other.md), [us](https://example.com/) and [A](#1-a).\n",
        )
    )
    commit(repo, "v1", "2024-01-01")
    result = legaldocs(site, "check", "--links")
    assert result.returncode == 0, result.stderr
    links = [line for line in result.stderr.splitlines() if line.startswith("link: ")]
    assert links == [
        "link: legal/policy.md:8: ../de/datenschutz.md (published as written, not checked)",
        "link: legal/policy.md:8: /articles/cookies (published as written, not checked)",
        "link: legal/policy.md:9: other.md (published as written, not checked)",
    ]
    assert "link: " not in legaldocs(site, "check").stderr


# 3. An image from another site is said at its line, not silently dropped ----------------------------


def test_a_remote_image_is_a_warning_at_its_line_in_check_and_the_build(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "policy.md")
    (site / "policy.md").write_text(
        POLICY.replace("x\n", "x\n\n![Cookie settings dialog](https://acme.example/img/cookie-dialog.png)\n")
    )
    commit(repo, "v1", "2024-01-01")
    checked = legaldocs(site, "check", "--strict")
    assert checked.returncode == 1
    (warned,) = [line for line in checked.stderr.splitlines() if "Cookie settings dialog" in line]
    assert warned.startswith("warning: policy.md:14: the image 'Cookie settings dialog' is from another site")
    assert "Fix: copy the image into the repository" in warned
    built = mkdocs(site, "build", "--strict")
    assert built.returncode != 0 and "policy.md:14: the image 'Cookie settings dialog'" in built.stderr


# 10. A note about text moved between sections names each as its page does ---------------------------

MOVED = "We set analytics cookies only with your consent, and you can withdraw it at any time."
AS_WRITTEN = (
    "# Privacy\n\nEffective date: {date}\n\nWe are Example Ltd.\n\n## Who we are\n\nExample Ltd.\n\n"
    "## Cookies we use\n\nStrictly necessary cookies only.\n\n{cookies}"
    "## Your rights\n\nAsk us.\n\n{rights}"
)


def moved_site(tmp_path: Path, numbering: str) -> Path:
    """v1 says MOVED under "Cookies we use"; v2 moves it to "Your rights"."""
    site, repo = file_site(tmp_path, "policy.md")
    edit(site / "mkdocs.yml", "markdown: github}", f"markdown: github, numbering: {numbering}}}")
    (site / "policy.md").write_text(AS_WRITTEN.format(date="January 1, 2024", cookies=f"{MOVED}\n\n", rights=""))
    commit(repo, "v1", "2024-01-01")
    (site / "policy.md").write_text(AS_WRITTEN.format(date="March 1, 2024", cookies="", rights=f"{MOVED}\n"))
    commit(repo, "v2", "2024-01-20")
    return site


def test_a_moved_block_s_notes_name_sections_shown_as_written_by_their_headings(tmp_path: Path) -> None:
    site = moved_site(tmp_path, "as-written")
    build(site)
    said = " ".join(text(e) for e in page(site, "p/changes/2024-03-01/index.html").xpath("//article"))
    for note in (
        "Moved here from “Cookies we use”.",
        "Moved to “Your rights”:",
        "Text moved here from “Cookies we use”.",
        "Text moved to “Your rights”.",
    ):
        assert note in said, (note, said)
    assert "section 3" not in said and "section 4" not in said, said
    # the same words in every format of `legaldocs diff`
    for style in ("text", "markdown"):
        result = legaldocs(site, "diff", "HEAD~1", "HEAD", "--format", style)
        assert result.returncode == 0, result.stderr
        out = result.stdout.replace("\\", "")
        assert "Moved here from “Cookies we use”" in out and "Text moved to “Your rights”" in out, out
        assert "section 3" not in out and "section 4" not in out, out
    change = json.loads(legaldocs(site, "diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    moves = [b for s in change["sections"] for b in s["blocks"] if b["status"] in ("moved_in", "moved_out")]
    assert {(b["status"], b["other_title"], b["other_label"]) for b in moves} == {
        ("moved_in", "Cookies we use", ""),
        ("moved_out", "Your rights", ""),
    }


def test_with_generated_numbers_a_move_names_the_number_shown_not_the_position(tmp_path: Path) -> None:
    """A preamble takes position 1 but no number: "Cookies we use" is shown as 2., not 3."""
    site = moved_site(tmp_path, "generated")
    build(site)
    said = " ".join(text(e) for e in page(site, "p/changes/2024-03-01/index.html").xpath("//article"))
    assert "Moved here from section 2." in said and "Text moved to section 3." in said, said
    assert "section 4" not in said, said


def test_both_engines_name_the_sections_of_moves_as_their_pages_do(js_dom: Engine) -> None:
    """Text moved from a preamble and from two sections shown as written into one, and back: the same
    notes, in the same markup, from Python and from redline.js (under Node), in English and German."""
    one, two, three = (f"Paragraph {w} has enough words to be followed when it moves." for w in ("one", "two", "three"))

    def doc(*sections: tuple[str, str, str]) -> DocumentText:
        return DocumentText(
            tuple(SectionText(sid, n, title, html, "") for n, (sid, title, html) in enumerate(sections, 1))
        )

    old = doc(
        ("preamble", "", f"<p>{one}</p>"),
        ("cookies", "Cookies we use", f"<p>{two}</p><p>Kept.</p>"),
        ("rights", "Your rights", f"<p>{three}</p><p>Ask us.</p>"),
        ("contact", "Contact", "<p>Write to us.</p>"),
    )
    new = doc(
        ("preamble", "", "<p>Hello.</p>"),
        ("cookies", "Cookies we use", "<p>Kept.</p>"),
        ("rights", "Your rights", "<p>Ask us.</p>"),
        ("contact", "Contact", f"<p>Write to us.</p><p>{one}</p><p>{two}</p><p>{three}</p>"),
    )
    for language, said in (
        ("en", "Text moved here from “Preamble”, “Cookies we use” and “Your rights”."),
        ("de", "Text aus „Präambel“, „Cookies we use“ und „Your rights“ hierher verschoben."),
    ):
        for a, b in ((old, new), (new, old)):
            python = expected(a, b, language=language)
            (node,) = js_dom.compare(
                [compare_data.version_data(a), compare_data.version_data(b)], [(0, 1)], language=language
            )
            assert first_difference(comparable(python), comparable(node)) is None, language
        html = expected(old, new, language=language)["html"][0]
        assert said in text(lxml.html.fragment_fromstring(html, create_parent="div")), html
    back = " ".join(expected(new, old)["html"][0].split())
    assert (
        "Moved here from “Contact”." in back and "Text moved to “Preamble”, “Cookies we use” and “Your rights”." in back
    )


# 11. GitHub's Markdown: footnotes of each section link to their own notes; sub-headings get a ¶ ------

FOOTNOTES = (
    "# T\n\nEffective date: January 1, 2024\n\n## A\n\nOne[^1].\n\n### Sub heading\n\nx\n\n[^1]: Note A.\n\n"
    "## B\n\nTwo[^1].\n\n[^1]: Note B.\n\n## Fn 1\n\nz\n"
)


def test_each_section_s_footnotes_link_to_its_own_notes_and_back(tmp_path: Path) -> None:
    """Each section is rendered on its own, so `[^1]` in two sections makes two notes 1 (and GitHub's
    `fn-1` is also the id of the heading "Fn 1"): ids are made unique, and the links follow them."""
    site, repo = file_site(tmp_path, "p.md")
    edit(site / "mkdocs.yml", "        - {name: p,", "        - {name: q, file: p.md}\n        - {name: p,")
    edit(site / "mkdocs.yml", "site_name: x\n", "site_name: x\nmarkdown_extensions:\n  - footnotes\n  - toc\n")
    (site / "p.md").write_text(FOOTNOTES)
    commit(repo, "v1", "2024-01-01")
    build(site)
    for name in ("p", "q"):  # GitHub's Markdown, the site's
        document = page(site, f"{name}/index.html").xpath("//div[contains(@class, 'ld-document')]")[0]
        ids = [e.get("id") for e in document.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), ids
        by_id = {e.get("id"): e for e in document.iter() if e.get("id")}
        sections = document.xpath("./section")
        for section, note in ((sections[0], "Note A."), (sections[1], "Note B.")):
            (ref,) = section.xpath(".//sup/a")  # the reference: its number
            target = by_id[ref.get("href")[1:]]
            assert target.tag == "li" and note in text(target), (name, ref.get("href"), text(target))
            assert section in target.iterancestors(), name
            (back,) = target.xpath(".//a[contains(@class, 'footnote-backref')]")
            returned = by_id[back.get("href")[1:]]
            assert section in returned.iterancestors() and ref in (returned, *returned.iter("a")), name
        assert by_id["fn-1"].tag == "h2", "the heading keeps GitHub's id"


def test_a_sub_heading_in_github_s_markdown_gets_the_site_s_permalink(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path, "p.md")
    edit(site / "mkdocs.yml", "site_name: x\n", 'site_name: x\nmarkdown_extensions:\n  - toc:\n      permalink: "#"\n')
    (site / "p.md").write_text(FOOTNOTES)
    commit(repo, "v1", "2024-01-01")
    build(site)
    root = page(site, "p/index.html")
    (heading,) = root.xpath("//div[contains(@class, 'ld-document')]//h3")
    (link,) = heading.xpath("./a[@class='headerlink']")
    assert (heading.get("id"), link.get("href"), link.text, link.get("title")) == (
        "sub-heading",
        "#sub-heading",
        "#",
        "Permanent link",
    )
    toc = [text(a) for a in root.xpath("//nav[contains(@class, 'md-nav--secondary')]//a")]
    assert "Sub heading" in toc and not any("#" in t for t in toc), toc
    # without a permalink in the site's toc, no heading of GitHub's Markdown gets one either
    edit(site / "mkdocs.yml", '      permalink: "#"\n', "      permalink: false\n")
    build(site)
    assert not page(site, "p/index.html").xpath("//div[contains(@class, 'ld-document')]//h3/a")
