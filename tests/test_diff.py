"""`legaldocs diff`, through the real console script, against real git repositories."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import markdown
import pytest
from git import Repo
from helpers import REPO, commit_site, copy_site, edit, legaldocs, line_of, new_version, serious_violations, text
from markdown_it import MarkdownIt

SCHEMA = json.loads((REPO / "plugins/legaldocs/schemas/diff.schema.json").read_text(encoding="utf-8"))
LINKS = "docs/privacy/sections/links.md"
COOKIES = "docs/privacy/sections/cookies.md"
RETENTION = "docs/privacy/sections/data-retention.md"
PURPOSES = "docs/privacy/purposes.yml"
EDITORIAL = "an editorial revision: readers will not be notified; is that intended?"
#: Policy text that reads as Markdown and HTML syntax: the redline must show it as the policy does.
HOSTILE = r"`<script>alert(1)</script>` &amp; &lt;b&gt;not bold&lt;/b&gt; \*not em\* \[not\](a-link) \_x\_ @someone"
SHOWN = "<script>alert(1)</script> & <b>not bold</b> *not em* [not](a-link) _x_ @someone"


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    return lines[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | Path]:
    """Two published versions (the first with an editorial revision) and a branch proposing a third."""
    path = copy_site(tmp_path_factory.mktemp("diff"))  # 2018-05-25
    repo = Repo(path)
    first = repo.head.commit.hexsha
    repo.create_tag("first")
    edit(path / LINKS, "partner networks", "partner networks and friends")
    revision = commit_site(path, "Editorial: partners", "2019-03-01")
    new_version(path, "2020-01-15", "Second version: cookies.")
    edit(path / COOKIES, "small file", "small text file")
    edit(path / PURPOSES, "To register you as user of our Services.", "To register you as a user of our Services.")
    second = commit_site(path, "Second version", "2019-12-01")
    repo.git.checkout("-b", "proposal")
    new_version(path, "2099-01-01", "A third version.")
    edit(path / RETENTION, "We will retain", "We will keep")
    edit(path / LINKS, "Please check these policies", f"Please check these policies {HOSTILE}")
    proposal = commit_site(path, "Third version", "2020-03-01")
    repo.git.checkout("main")
    return {"path": path, "first": first, "revision": revision, "second": second, "proposal": proposal}


def workdir(site: dict[str, str | Path], tmp_path: Path) -> Path:
    """A clone of the fixture's repository, with main and the proposal branch, to edit freely."""
    target = tmp_path / "clone"
    Repo(site["path"]).clone(target)
    clone = Repo(target)
    clone.git.branch("proposal", "origin/proposal")
    with clone.config_writer() as config:
        config.set_value("user", "name", "Legal Editor")
        config.set_value("user", "email", "editor@example.com")
    return target


def parsed_markdown(text: str, commonmark: bool = False) -> lxml.html.HtmlElement:
    """Python-Markdown's reading, or (``commonmark``) that of a CommonMark parser with GitHub's tables
    and strikethrough, as GitHub reads a comment."""
    if commonmark:
        html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    else:
        html = markdown.markdown(text)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def words(elements: list[lxml.html.HtmlElement]) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in elements)


# Sides: dates, refs, the working tree ---------------------------------------------------------


def test_two_versions_by_date_as_text(site: dict[str, str | Path]) -> None:
    result = legaldocs("diff", "2018-05-25", "2020-01-15", cwd=site["path"])
    out = ok(result)
    assert "\x1b[" not in out  # not a terminal: no colour
    assert re.search(r"\{\+[^+]*text[^+]*\+\}", out), out
    assert "2018-05-25 → 2020-01-15" in out
    assert "§" in out and "Cookies" in out
    assert "partners" not in out and "friends" not in out  # both versions have the editorial revision
    assert result.stderr == ""  # a version already published: its notice is history's business
    backwards = legaldocs("diff", "2020-01-15", "2018-05-25", cwd=site["path"])
    assert re.search(r"\[-[^-]*text[^-]*-\]", ok(backwards)) and backwards.stderr == ""


def test_an_earlier_effective_date_is_pointed_out(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    new_version(path, "2019-06-01", "Back in time.")
    result = legaldocs("diff", cwd=path)
    assert "`effective` goes back from 2020-01-15 to 2019-06-01" in ok(result) + result.stderr


@pytest.mark.parametrize("base", ["first", "sha", "short sha", "HEAD~2"])
def test_any_ref_names_a_commit(site: dict[str, str | Path], base: str) -> None:
    spec = {"sha": str(site["first"]), "short sha": str(site["first"])[:8]}.get(base, base)
    result = legaldocs("diff", spec, str(site["revision"]), "--format", "json", cwd=site["path"])
    data = json.loads(ok(result))
    assert data["base"]["commit"] == site["first"] and data["base"]["kind"] == "commit"
    assert data["head"]["commit"] == site["revision"]
    inserted = [seg["new"] for s in data["sections"] for b in s["blocks"] for d in b["diffs"] for seg in d["segments"]]
    assert any("friends" in text for text in inserted)


def test_default_is_the_published_branch_against_the_working_tree(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    assert ok(legaldocs("diff", "--no-color", cwd=path)).count("No changes") == 1
    edit(path / RETENTION, "We will retain", "We shall retain")
    for args in ((), ("main",), ("main", "WORKTREE")):
        result = legaldocs("diff", *args, "--format", "json", cwd=path)
        data = json.loads(ok(result))
        assert data["base"]["spec"] == "main" and data["head"]["kind"] == "worktree", args
        assert data["head"]["commit"] is None
        assert data["counts"]["words_added"] == 1 and data["counts"]["words_removed"] == 1
        assert EDITORIAL in result.stderr and data["warnings"] and EDITORIAL in data["warnings"][0]


def test_the_published_branch_is_the_one_mkdocs_yml_names(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    config = path / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - legaldocs\n", "  - legaldocs:\n      branch: proposal\n"))
    data = json.loads(ok(legaldocs("diff", "--format", "json", cwd=path)))
    assert data["base"]["spec"] == "proposal" and data["base"]["effective"] == "2099-01-01"
    data = json.loads(ok(legaldocs("diff", "2099-01-01", "2020-01-15", "--format", "json", cwd=path)))
    assert data["base"]["kind"] == "version" and data["base"]["commit"] == site["proposal"]


# Formats ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("commonmark", [False, True], ids=["Python-Markdown", "CommonMark"])
def test_markdown_for_a_pull_request(site: dict[str, str | Path], commonmark: bool) -> None:
    url = "https://preview.example/pr-7/"
    result = legaldocs("diff", "main", "proposal", "--format", "markdown", "--site-url", url, cwd=site["path"])
    text = ok(result)
    root = parsed_markdown(text, commonmark)
    assert "retain" in words(root.xpath("//del")) and "keep" in words(root.xpath("//ins"))
    # Counts come first, before any section.
    body = " ".join(root.text_content().split())
    assert body.index("Counts:") < body.index("Data Retention")
    assert "1 word added" not in body and "2 sections changed" in body
    headings = [" ".join(h.text_content().split()) for h in root.xpath("//h3")]
    assert any(re.match(r"§\d+ Data Retention", h) for h in headings), headings
    links = root.xpath("//a/@href")
    assert "https://preview.example/pr-7/privacy/changes/2099-01-01/" in links
    assert "https://preview.example/pr-7/privacy/versions/proposed/" in links
    assert any(h.startswith("https://preview.example/pr-7/privacy/changes/2099-01-01/#ld-change-") for h in links)
    # The policy's words are text, never Markdown or HTML.
    assert root.xpath("//script | //b | //em | //a[contains(., 'not')] | //s") == []
    assert SHOWN in body
    assert "&#" not in body and "in docs/privacy" in body  # no escape shows as such (as in a code span)
    assert result.stderr == ""  # effective 2099: notice enough, and a new version


def test_markdown_shows_purpose_changes_cell_by_cell(site: dict[str, str | Path]) -> None:
    root = parsed_markdown(ok(legaldocs("diff", "2018-05-25", "2020-01-15", "--format", "markdown", cwd=site["path"])))
    (purpose,) = root.xpath("//h4")
    assert "purpose table" in purpose.xpath("preceding-sibling::h3")[-1].text_content()
    assert "To register you as a user of our Services" in purpose.text_content()
    cells = purpose.getnext()
    assert words(cells.xpath(".//ins")) == "a"
    assert "Purpose/Activity:" in cells.text_content()
    assert "1 change to the purpose table" in root.text_content()


def test_a_huge_redline_is_cut_to_fit_a_github_comment(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    paragraphs = [f"Paragraph {n} says that we keep the records of type {n} for {n} days." for n in range(1200)]
    (path / LINKS).write_text("# Links\n\n" + "\n\n".join(paragraphs) + "\n")
    commit_site(path, "A long section", "2019-12-02")
    (path / LINKS).write_text("# Links\n\n" + "\n\n".join(p.replace("keep", "hold") for p in paragraphs) + "\n")
    result = legaldocs("diff", "--format", "markdown", "--site-url", "https://preview.example/", cwd=path)
    text = ok(result)
    assert len(text) < 65_536 - 1_000  # room for the line the workflow adds
    root = parsed_markdown(text)
    assert 100 < len(root.xpath("//del")) < 1200
    (note,) = [q for q in root.xpath("//blockquote") if "cut short" in q.text_content()]
    assert note.xpath(".//a/@href") == ["https://preview.example/privacy/changes/2020-01-15/"]
    assert EDITORIAL in root.text_content()  # the warnings come first, and stay
    without_site = parsed_markdown(ok(legaldocs("diff", "--format", "markdown", cwd=path)), commonmark=True)
    (note,) = [q for q in without_site.xpath("//blockquote") if "cut short" in q.text_content()]
    assert note.xpath(".//code/text()") == ["legaldocs diff main WORKTREE"]
    # Where the full redline is (say, the CI run with the preview) is linked when it is given.
    run = "https://github.example/o/r/actions/runs/7"
    linked = parsed_markdown(ok(legaldocs("diff", "--format", "markdown", "--link", run, cwd=path)), commonmark=True)
    (note,) = [q for q in linked.xpath("//blockquote") if "cut short" in q.text_content()]
    assert note.xpath(".//a/@href") == [run] and "unchanged text was shortened first" in note.text_content()


def test_html_is_a_standalone_escaped_page(site: dict[str, str | Path]) -> None:
    out = ok(legaldocs("diff", "main", "proposal", "--format", "html", cwd=site["path"]))
    page = lxml.html.document_fromstring(out)
    assert page.xpath("//script | //b | //img") == []
    assert page.xpath("//style") and not page.xpath("//link")  # everything inline
    assert page.findtext(".//title") == "Redline: Privacy & Cookie Policy"
    assert "retain" in words(page.xpath("//del")) and "keep" in words(page.xpath("//ins"))
    assert SHOWN in " ".join(page.text_content().split())


def test_json_follows_its_schema(site: dict[str, str | Path], tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    cases = [("2018-05-25", "2020-01-15"), ("main", "proposal"), ("first", "HEAD"), ("HEAD", "HEAD")]
    for base, head in cases:
        data = json.loads(ok(legaldocs("diff", base, head, "--format", "json", cwd=site["path"])))
        validator.validate(data)
    assert data["counts"] == dict.fromkeys(data["counts"], 0) and data["warnings"] == []
    # A document that does not exist on one side: everything is added.
    path = workdir(site, tmp_path)
    shutil.copytree(path / "docs/privacy", path / "docs/terms")
    data = json.loads(ok(legaldocs("diff", "--document", "terms", "--format", "json", cwd=path)))
    validator.validate(data)
    assert data["base"]["exists"] is False and data["head"]["exists"] is True
    assert data["counts"]["sections_added"] == len(data["sections"]) > 0
    # The schema is strict: a field it does not describe is an error, so it cannot fall behind.
    data["extra"] = 1
    assert not validator.is_valid(data)


def tty_run(cwd: Path, *args: str, env: dict[str, str]) -> str:
    """Run with stdout on a pseudo-terminal, as in an editor's shell."""
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    process = subprocess.Popen(
        ["legaldocs", *args], cwd=cwd, stdout=follower, stderr=subprocess.PIPE, env=environ, text=False
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8")


def test_colour_only_on_a_terminal_and_never_when_asked_not_to(site: dict[str, str | Path]) -> None:
    args = ("diff", "2018-05-25", "2020-01-15")
    coloured = tty_run(site["path"], *args, env={})
    assert "\x1b[32;4m" in coloured  # inserted: green, underlined
    assert "{+" not in coloured
    no_color = tty_run(site["path"], *args, env={"NO_COLOR": "1"})
    for plain in (tty_run(site["path"], *args, "--no-color", env={}), no_color):
        assert "\x1b[" not in plain and "{+" in plain


# Warnings ---------------------------------------------------------------------------------------


def test_an_editorial_revision_is_pointed_out(site: dict[str, str | Path]) -> None:
    result = legaldocs("diff", str(site["first"]), str(site["revision"]), "--format", "markdown", cwd=site["path"])
    text = ok(result)
    assert EDITORIAL in result.stderr and len(result.stderr.splitlines()) == 1
    (warning,) = [q for q in parsed_markdown(text).xpath("//blockquote") if EDITORIAL in q.text_content()]
    assert "2018-05-25" in warning.text_content()
    # A new version is no editorial revision.
    assert EDITORIAL not in legaldocs("diff", "first", "2020-01-15", cwd=site["path"]).stderr


def test_too_short_a_notice_is_pointed_out(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    today = {"SOURCE_DATE_EPOCH": str(int(datetime(2030, 1, 1, tzinfo=timezone.utc).timestamp()))}
    new_version(path, "2030-01-11", "A fourth version.")
    edit(path / RETENTION, "We will retain", "We shall retain")
    result = legaldocs("diff", "--format", "json", cwd=path, env=today)
    data = json.loads(ok(result))
    assert data["today"] == "2030-01-01" and data["notice_period"] == 30
    (warning,) = data["warnings"]
    assert "in 10 days" in warning and "notice period of 30 days" in warning
    assert warning in result.stderr
    # 30 days' notice is enough, and a later today makes the same date too late.
    new_version(path, "2030-01-31", "A fourth version.")
    assert legaldocs("diff", cwd=path, env=today).stderr == ""
    later = {"SOURCE_DATE_EPOCH": str(int(datetime(2030, 1, 2, tzinfo=timezone.utc).timestamp()))}
    assert "in 29 days" in legaldocs("diff", cwd=path, env=later).stderr


# Exit codes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("no-such-branch",), "'no-such-branch' is not a git ref"),
        (("2019-13-45",), "is not a date"),
        (("2019-01-01",), "versions: 2018-05-25, 2020-01-15"),
        (("main", "HEAD", "--format", "pdf"), "invalid choice: 'pdf'"),
        (("--document", "../etc"), "name a folder directly under docs/"),
        (("--config-file", "nope.yml"), "nope.yml: no such file"),
        (("--document", "terms"), "there is no document docs/terms in main (commit"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(site: dict[str, str | Path], args: tuple[str, ...], says: str) -> None:
    assert says in one_line_error(legaldocs("diff", *args, cwd=site["path"]))


def test_several_documents_need_a_name(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    shutil.copytree(path / "docs/privacy", path / "docs/terms")
    assert "--document DOC" in one_line_error(legaldocs("diff", cwd=path))
    assert ok(legaldocs("diff", "--document", "privacy", cwd=path))


def test_a_broken_mkdocs_yml_is_one_line_and_exit_2(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    config = path / "mkdocs.yml"
    good = config.read_text()
    config.write_text(good.replace("  - legaldocs\n", "  - legaldocs:\n      notice_period: -1\n"))
    line = good.split("\n").index("  - legaldocs") + 2
    said = one_line_error(legaldocs("diff", cwd=path))
    assert f"mkdocs.yml:{line}: plugins.legaldocs.notice_period: must be a number of days" in said
    config.write_text(good + "nav: [\n")
    assert "mkdocs.yml:" in (said := one_line_error(legaldocs("diff", cwd=path))) and "is not valid YAML" in said


def test_the_documents_mkdocs_yml_lists_are_the_ones_to_choose_from(
    site: dict[str, str | Path], tmp_path: Path
) -> None:
    path = workdir(site, tmp_path)
    shutil.copytree(path / "docs/privacy", path / "docs/draft-terms")
    config = path / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - legaldocs\n", "  - legaldocs:\n      documents: [privacy]\n"))
    data = json.loads(ok(legaldocs("diff", "--format", "json", cwd=path)))
    assert data["document"] == "privacy"


def test_no_published_branch_says_what_to_do(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    repo = Repo(path)
    repo.git.checkout("proposal")
    repo.git.branch("-D", "main")
    repo.git.update_ref("-d", "refs/remotes/origin/main")
    # The build's rule: the branch being built stands in for main, said as a warning to the reviewer.
    result = legaldocs("diff", "--format", "json", cwd=path)
    assert (
        "the published branch 'main' does not exist; using proposal, the branch being built, instead."
        in (json.loads(ok(result))["warnings"][0])
    )
    assert json.loads(ok(result))["base"]["spec"] == "proposal"
    # With no branch at all (a detached HEAD), there is nothing to stand in: an error that says what to do.
    repo.git.checkout("--detach")
    assert "published branch 'main' does not exist here" in one_line_error(legaldocs("diff", cwd=path))
    assert ok(legaldocs("diff", "HEAD", cwd=path))


def test_an_invalid_side_lists_its_problems_and_exits_1(site: dict[str, str | Path], tmp_path: Path) -> None:
    path = workdir(site, tmp_path)
    edit(path / LINKS, "Please check", "See {{ section: nowhere }}. Please check")
    result = legaldocs("diff", cwd=path)
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    line = line_of(path / LINKS, "{{ section: nowhere }}")
    assert re.search(rf"^docs/privacy/sections/links\.md:{line}: .*nowhere", result.stderr, re.M), result.stderr
    assert result.stderr.splitlines()[-1].startswith("legaldocs diff: error: docs/privacy in the working tree")


# Done when (issue 11) --------------------------------------------------------------------------


def test_in_the_demo_a_changed_sentence_is_checked_and_redlined(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    ok(legaldocs("demo", str(demo), cwd=tmp_path))
    changes = demo / "docs/privacy/sections/changes.md"
    edit(changes, "at any time by amending this page.", "at any time by updating this page.")
    assert ok(legaldocs("check", cwd=demo))
    result = legaldocs("diff", "--format", "markdown", cwd=demo)
    root = parsed_markdown(ok(result))
    assert words(root.xpath("//del")) == "amending" and words(root.xpath("//ins")) == "updating"
    assert EDITORIAL in root.text_content() and EDITORIAL in result.stderr


@pytest.mark.browser
def test_the_html_page_is_accessible_and_loads_nothing(
    site: dict[str, str | Path], browser: Any, tmp_path: Path
) -> None:
    page_file = tmp_path / "redline.html"
    page_file.write_text(ok(legaldocs("diff", "2018-05-25", "proposal", "--format", "html", cwd=site["path"])))
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(page_file.as_uri())
    serious = serious_violations(tab)
    context.close()
    assert serious == []
    assert requests == [page_file.as_uri()]  # standalone: no stylesheet, script or font from anywhere


# Issue 16: the redline is a complete account of what a reader sees change ------------------------

SECURITY = "docs/privacy/sections/data-security.md"
USES = "docs/privacy/sections/how-we-use-your-data.md"
DOCUMENT_YML = "docs/privacy/document.yml"
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
FORMATS = ("text", "markdown", "html", "json")


def every_format(path: Path, *args: str) -> dict[str, Any]:
    """`legaldocs diff ARGS` in each format: the text as printed, the Markdown and HTML parsed, the
    JSON loaded and checked against its schema."""
    out: dict[str, Any] = {}
    for name in FORMATS:
        printed = ok(legaldocs("diff", *args, "--format", name, "--no-color", cwd=path))
        if name == "markdown":
            out[name] = parsed_markdown(printed, commonmark=True)
        elif name == "html":
            out[name] = lxml.html.document_fromstring(printed)
        elif name == "json":
            out[name] = json.loads(printed)
            VALIDATOR.validate(out[name])
        else:
            out[name] = printed
    return out


def said(found: dict[str, Any], name: str) -> str:
    """What a reader of one format reads, spaces collapsed."""
    value = found[name]
    return " ".join((value if isinstance(value, str) else value.text_content()).split())


def test_markup_changed_beside_words_is_shown_in_every_format(site: dict[str, str | Path], tmp_path: Path) -> None:
    """Attack 1: "not" struck through while words are added in the same paragraph, and a link's
    target swapped while a word is inserted: both the words and the markup are shown."""
    path = workdir(site, tmp_path)
    edit(path / LINKS, "Please check these policies", "Please check [these policies](https://old.example/p)")
    commit_site(path, "A link", "2020-02-01")
    edit(path / SECURITY, "We ask you not to share", "We ask you <del>not</del> to share")
    edit(path / SECURITY, "password with anyone.", "password with anyone at all times.")
    edit(
        path / LINKS,
        "Please check [these policies](https://old.example/p)",
        "Please do check [these policies](https://new.example/p)",
    )
    found = every_format(path)
    struck = "Strike-through added: “not”."
    link = "Link on “these policies” changed: “https://old.example/p” → “https://new.example/p”."
    for name in ("text", "markdown", "html"):
        assert struck in said(found, name) and link in said(found, name), name
        assert "No changes" not in said(found, name)
    assert "anyone{+ at all times+}." in found["text"] and "Please {+do +}check" in found["text"]
    assert "at all times" in words(found["markdown"].xpath("//ins"))
    (note,) = found["html"].xpath("//p[contains(@class, 'ld-formatting')][contains(., 'at all times')]/span")
    assert text(note) == struck
    data = found["json"]
    formatting = [f for s in data["sections"] for b in s["blocks"] for f in b["formatting"]]
    assert {"kind": "strikethrough", "old": "", "new": "not", "text": ""} in formatting
    assert {
        "kind": "link",
        "old": "https://old.example/p",
        "new": "https://new.example/p",
        "text": "these policies",
    } in formatting
    assert data["counts"]["formatting_changed"] == 2 and data["counts"]["words_added"] == 4


def test_the_purpose_table_is_compared_where_it_is_placed(site: dict[str, str | Path], tmp_path: Path) -> None:
    """Attack 4: the table's placeholder removed (the table is gone from the text), moved, and its
    column headers swapped: each is a change, counted, in every format."""
    path = workdir(site, tmp_path)
    rows = len(json.loads(ok(legaldocs("diff", "main", "main", "--format", "json", cwd=path)))["purposes"]["purposes"])
    edit(path / USES, "{{ purposes }}\n", "")
    found = every_format(path)
    gone = "The purpose table is no longer shown here."
    for name in ("text", "markdown", "html"):
        assert gone in said(found, name), name
    assert found["json"]["purposes"]["status"] == "removed"
    assert found["json"]["counts"]["purposes_changed"] == rows > 0
    assert f"{rows} changes to the purpose table" in said(found, "text")
    (table,) = found["html"].xpath("//div[contains(@class, 'ld-purposes-removed')]")
    assert table.getprevious().xpath("span")[0].text == gone
    # The placeholder moved to another section: the table is shown where it went.
    edit(path / COOKIES, "# Cookies\n", "# Cookies\n\n{{ purposes }}\n")
    found = every_format(path)
    assert found["json"]["purposes"]["moved"] and found["json"]["counts"]["purposes_changed"] == 1
    for name in ("text", "markdown", "html"):
        assert "The purpose table moved to section 11." in said(found, name), name
        assert "The purpose table moved here from section 3." in said(found, name), name
    # Back in place, the column headers swapped: the same data under other headers.
    edit(path / COOKIES, "# Cookies\n\n{{ purposes }}\n", "# Cookies\n")
    subprocess.run(["git", "checkout", "--", USES], cwd=path, check=True)
    edit(path / PURPOSES, "columns: [Purpose/Activity, Type Of Data,", "columns: [Type Of Data, Purpose/Activity,")
    found = every_format(path)
    assert found["json"]["counts"]["purposes_changed"] == 1 and found["json"]["purposes"]["status"] == "changed"
    for name in ("text", "markdown", "html"):
        assert "No changes" not in said(found, name), name
    assert (
        "Column headers: [-Purpose/Activity-]{+Type Of Data+} | [-Type Of Data-]{+Purpose/Activity+}" in found["text"]
    )
    assert "Column headers:" in said(found, "markdown")
    head = found["html"].xpath("//table[@class='ld-purpose-table']/thead//th")
    assert [words(h.xpath("del")) for h in head[:2]] == ["Purpose/Activity", "Type Of Data"]
    assert [words(h.xpath("ins")) for h in head[:2]] == ["Type Of Data", "Purpose/Activity"]


def test_title_summary_date_and_facts_have_lines_of_their_own(site: dict[str, str | Path], tmp_path: Path) -> None:
    """Attack 4: a fact used only in the footer, the title, the summary and the date, each a line at
    the top of every format, counted; a footer fact alone is never "No changes"."""
    path = workdir(site, tmp_path)
    edit(path / DOCUMENT_YML, "facts:\n", "facts:\n  address: Argyll House, London\n")
    commit_site(path, "The address, for the footer", "2020-02-01")
    edit(path / DOCUMENT_YML, "address: Argyll House", "address: Old Jewry House")
    found = every_format(path)
    fact = "Fact “address”: [-Argyll-]{+Old Jewry+} House, London"
    assert fact in found["text"] and "No changes" not in found["text"]
    assert found["json"]["counts"]["facts_changed"] == 1 and found["json"]["metadata"] == [
        {
            "field": "fact",
            "status": "changed",
            "old": "Argyll House, London",
            "new": "Old Jewry House, London",
            "diff": found["json"]["metadata"][0]["diff"],
            "key": "address",
        }
    ]
    for name in ("markdown", "html"):
        assert "Fact “address”:" in said(found, name) and "No changes" not in said(found, name), name
        assert "Old Jewry" in words(found[name].xpath("//ins")), name
    edit(path / DOCUMENT_YML, "title: Privacy & Cookie Policy", "title: Privacy Policy")
    new_version(path, "2099-01-01", "A new address.")
    found = every_format(path)
    lines = found["text"].split("\n")
    top = lines[
        lines.index(next(line for line in lines if line.startswith("1 section") or line.startswith("0 sections"))) + 2 :
    ][:4]
    assert [line.split(":")[0] for line in top] == ["Title", "Effective date", "Summary", "Fact “address”"]
    assert top[1] == "Effective date: 2020-01-15 → 2099-01-01"
    assert found["json"]["counts"]["metadata_changed"] == 3 and found["json"]["counts"]["facts_changed"] == 1
    assert [m["field"] for m in found["json"]["metadata"]] == ["title", "effective", "summary", "fact"]
    for name in ("markdown", "html"):
        shown = said(found, name)
        assert shown.index("Title:") < shown.index("Effective date:") < shown.index("Summary:") < shown.index("Fact")
        assert "A new address" in words(found[name].xpath("//ins")), name
    (items,) = found["html"].xpath("//ul[@class='ld-metadata']")
    assert items.getprevious().get("class") == "ld-counts", "right after the counts, before any section"


def long_paragraph(changed: bool) -> str:
    """About 3,000 words in one paragraph (longer than GitHub would want as one block); ``changed``:
    one word in its middle replaced."""
    sentences = [
        f"Record {n} of this kind of personal information is kept by our registered office for {n} days."
        for n in range(180)
    ]
    if changed:
        sentences[80] = sentences[80].replace("kept", "stored")
    return " ".join(sentences)


def test_a_long_block_shows_its_changed_sentence_and_links_the_rest(
    site: dict[str, str | Path], tmp_path: Path
) -> None:
    """Attack 5: a changed paragraph of about 2,400 words is no longer "too long to show": the changed
    sentence is shown with some context, and what is left out links the full redline."""
    path = workdir(site, tmp_path)
    (path / LINKS).write_text("# Links\n\n" + long_paragraph(False) + "\n", encoding="utf-8")
    commit_site(path, "A long paragraph", "2020-02-01")
    (path / LINKS).write_text("# Links\n\n" + long_paragraph(True) + "\n", encoding="utf-8")
    url = "https://github.example/o/r/actions/runs/7"
    out = ok(legaldocs("diff", "--format", "markdown", "--link", url, cwd=path))
    assert "too long" not in out and len(out) < 6_000
    root = parsed_markdown(out, commonmark=True)
    assert words(root.xpath("//del")) == "kept" and words(root.xpath("//ins")) == "stored"
    (item,) = [li for li in root.xpath("//li") if li.xpath(".//del")]
    shown = " ".join(text(item).split())
    assert "Record 80 of this kind of personal information is stored by our registered office for 80 days." in (
        shown.replace("kept", "")
    )
    assert "Record 70 " not in shown, "unchanged text far from the change is left out"
    assert item.xpath(".//a/@href") == [url, url] and [text(a) for a in item.xpath(".//a")] == ["…", "…"]
    (note,) = [q for q in root.xpath("//blockquote") if "shortened" in q.text_content()]
    assert note.xpath(".//a/@href") == [url]
    # Without an address, the note gives the command that writes the full redline.
    root = parsed_markdown(ok(legaldocs("diff", "--format", "markdown", cwd=path)), commonmark=True)
    (note,) = [q for q in root.xpath("//blockquote") if "shortened" in q.text_content()]
    assert note.xpath(".//code/text()") == ["legaldocs diff main WORKTREE"]
    assert not root.xpath("//li//a")


def test_unchanged_text_is_shortened_before_any_change_is_left_out(site: dict[str, str | Path], tmp_path: Path) -> None:
    """Thirty long paragraphs, each with one change: too long for a comment whole, every change fits
    once the unchanged text around them is shortened; nothing is cut."""
    path = workdir(site, tmp_path)
    paragraphs = [f"Paragraph {p}. " + long_paragraph(False)[:3_000] for p in range(30)]
    (path / LINKS).write_text("# Links\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    commit_site(path, "Long paragraphs", "2020-02-01")
    changed = [
        p.replace(
            "Record 20 of this kind of personal information is kept",
            "Record 20 of this kind of personal information is held",
        )
        for p in paragraphs
    ]
    (path / LINKS).write_text("# Links\n\n" + "\n\n".join(changed) + "\n", encoding="utf-8")
    out = ok(legaldocs("diff", "--format", "markdown", cwd=path))
    assert len(out) <= 65_536 - 1_536 and "cut short" not in out
    root = parsed_markdown(out, commonmark=True)
    assert len(root.xpath("//del")) == 30 and words(root.xpath("//ins")) == " ".join(["held"] * 30)
