"""A pull request as an attacker would write it: every case a real commit built by the real mkdocs.

Each case is refused with a message naming the file (and line), or published inertly: no event
handlers, no `javascript:` addresses, no third-party addresses, nothing from outside the
repository in site/. What needs a browser is checked in Chromium at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from git import Repo
from helpers import EPOCH, build, commit_site, copy_site, edit, init_repo, legaldocs, mkdocs, page, text, unsafe_html

SECRET = "LEGALDOCS_TEST_SECRET_4f1c"


def refused(site: Path, *needles: str, strict: bool = False) -> str:
    """The build fails with every needle in its log, no traceback, and writes no site."""
    result = mkdocs(site, "build", *(["--strict"] if strict else []), env={**EPOCH, SECRET: SECRET})
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    for needle in needles:
        assert needle in log, log
    assert "Traceback" not in log
    assert not (site / "site").exists() or SECRET not in _all_text(site / "site")
    return log


def _all_text(folder: Path) -> str:
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(tmp_path / "site")


# 1. Nothing outside the repository is read or published -----------------------------------


def test_a_link_to_the_build_machines_environment_is_refused(site: Path) -> None:
    (site / "docs" / "environment.txt").symlink_to("/proc/self/environ")
    (site / "docs" / "passwd").symlink_to("/etc/passwd")
    commit_site(site, "Add some files")
    refused(
        site,
        "docs/environment.txt: is a symbolic link (to /proc/self/environ)",
        "docs/passwd: is a symbolic link (to /etc/passwd)",
        "nothing was built",
    )
    for args in ((), ("--working-copy",)):  # `legaldocs check` gives the build's verdict, hook included
        checked = legaldocs("check", *args, cwd=site)
        assert checked.returncode == 1, checked.stderr
        assert "docs/passwd: is a symbolic link (to /etc/passwd)" in checked.stderr
        assert "Traceback" not in checked.stderr


def test_a_linked_section_file_or_sections_folder_is_refused_not_called_uncommitted(site: Path, tmp_path: Path) -> None:
    links = site / "docs/privacy/sections/links.md"
    links.unlink()
    links.symlink_to("/etc/passwd")
    commit_site(site, "Link a section")
    log = refused(site, "docs/privacy/sections/links.md: is a symbolic link (to /etc/passwd)")
    assert "uncommitted" not in log

    other = copy_site(tmp_path / "other")
    outside = tmp_path / "outside-sections"
    (other / "docs/privacy/sections").rename(outside)
    (other / "docs/privacy/sections").symlink_to(outside, target_is_directory=True)
    commit_site(other, "Link the sections folder")
    log = refused(other, f"docs/privacy/sections: is a symbolic link (to {outside})")
    assert "uncommitted" not in log


def test_linked_sections_in_history_are_never_read(site: Path) -> None:
    """In an old commit, a link's blob is the path it points to: never a section's text."""
    links = site / "docs/privacy/sections/links.md"
    original = links.read_bytes()
    links.unlink()
    links.symlink_to("/etc/passwd")
    linked = commit_site(site, "Link a section", "2019-03-01")[:7]
    links.unlink()
    links.write_bytes(original)
    commit_site(site, "Put the section back", "2019-04-01")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    # Never read as the section's text: that commit is left out as invalid, and the next one corrected it.
    versions = text(page(site, "privacy/versions/index.html"))
    assert f"Commit {linked} of 1 March 2019 (Link a section). The document was invalid at this commit." in versions
    published = _all_text(site / "site")
    assert "/etc/passwd" not in published and "root:x:0:0" not in published


# 2. Facts are sanitised where they land ------------------------------------------------------


def test_facts_are_escaped_and_cleaned_as_links_images_and_classes(site: Path) -> None:
    add_hostile_facts(site)
    edit(
        site / "docs/privacy/sections/links.md",
        "# Links\n",
        "# Links\n\n"
        "[Click]({{ fact: evil_link }}) ![pixel]({{ fact: evil_image }}) "
        "Some text{: .{{ fact: evil_class }} } and {{ fact: evil_text }}.\n",
    )
    commit_site(site, "Facts as an attacker would use them")
    built = mkdocs(site, "build", env=EPOCH)  # (not --strict: the image from another site is a warning)
    assert built.returncode == 0, built.stderr
    assert "links.md:3: the image 'pixel' is from another site, so it is not published" in built.stderr
    assert unsafe_html(site / "site") == []
    root = page(site, "privacy/index.html")
    (section,) = root.xpath("//section[h2[@id='links']]")
    (click,) = section.xpath(".//a[normalize-space()='Click']")
    assert click.get("href") is None
    assert section.xpath(".//img[@alt='pixel']") and not section.xpath(".//img[@alt='pixel']/@src")
    assert not section.xpath(".//*[contains(@class, 'ld-notice')]")
    assert "<img src=x onerror=alert(1)> & 'quotes'" in text(section)


def add_hostile_facts(site: Path) -> None:
    edit(
        site / "docs/privacy/document.yml",
        "facts:\n",
        "facts:\n"
        '  evil_link: "javascript:alert(document.domain)"\n'
        '  evil_image: "https://tracker.example/pixel.png"\n'
        '  evil_class: "ld-notice ld-notice--draft"\n'
        "  evil_text: \"<img src=x onerror=alert(1)> & 'quotes'\"\n",
    )


# 3 and 4. Every page is sanitised; the theme's configuration cannot be clobbered ------------

HOSTILE_PAGE = """\
---
title: "<img src=x onerror=window.__pwned=1>Notes"
---
# About <img src=x onerror=window.__pwned=2

<script>window.__pwned = 3</script>
<img src="x" onerror="window.__pwned = 4" alt="x">
<a href="javascript:window.__pwned=5">click</a>
<div id="__config">{"base": "https://evil.example", "features": ["content.tooltips"]}</div>
<abbr title="<img src=x onerror=window.__pwned=6>">GDPR</abbr>
<img src="https://tracker.example/pixel.gif" alt="pixel">
<p class="md-banner ld-notice">Looks official.</p>

Plain words stay.
"""


def hostile_pages(site: Path) -> None:
    (site / "docs/index.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    (site / "docs/<b onmouseover=alert(1)>notes").mkdir()
    (site / "docs/<b onmouseover=alert(1)>notes/more.md").write_text("# More\n\nText.\n", encoding="utf-8")
    edit(
        site / "docs/privacy/sections/links.md",
        "# Links\n",
        '# Links\n\n<div id="__config">{"base": "https://evil.example"}</div>\n\n'
        '<span title="<img src=x onerror=window.__pwned=7>">hover</span>\n',
    )


def test_other_pages_are_sanitised_and_cannot_clobber_the_theme(site: Path) -> None:
    hostile_pages(site)
    commit_site(site, "Pages as an attacker would write them")
    build(site, env=EPOCH)
    assert unsafe_html(site / "site") == []
    root = page(site, "index.html")
    article = root.xpath("//article")[0]
    assert not article.xpath(".//script") and not article.xpath(".//*[@id='__config']")
    assert len(root.xpath("//*[@id='__config']")) == 1, "only the theme's own settings remain"
    assert not article.xpath(".//*[contains(@class, 'md-banner') or contains(@class, 'ld-notice')]")
    assert "Plain words stay." in text(article) and "Looks official." in text(article)
    assert not root.xpath("//*[@title and contains(@title, '<')]")
    assert "<img src=x onerror=window.__pwned=1>Notes" in text(root.xpath("//title")[0])
    policy = page(site, "privacy/index.html")
    assert len(policy.xpath("//*[@id='__config']")) == 1


def test_active_files_are_refused_unless_mkdocs_yml_lists_them(site: Path) -> None:
    (site / "docs/evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (site / "docs/page.html").write_text("<script>alert(1)</script>")
    (site / "docs/extra.js").write_text("window.__pwned = 1;")
    commit_site(site, "Active files")
    refused(site, "docs/evil.svg: a .svg file can run script", "docs/page.html: a .html file", "docs/extra.js")

    config = site / "mkdocs.yml"
    edit(config, "  - legaldocs\n", "  - legaldocs:\n      allow_files: [evil.svg, '*.html']\n")
    config.write_text(config.read_text() + "extra_javascript:\n  - extra.js\n")
    commit_site(site, "List them")
    build(site, env=EPOCH)
    assert (site / "site/evil.svg").is_file() and (site / "site/page.html").is_file()


def test_a_site_that_trusts_its_authors_can_say_so(site: Path) -> None:
    (site / "docs/index.md").write_text('# Home\n\n<div class="md-banner">Ours.</div>\n', encoding="utf-8")
    (site / "docs/widget.js").write_text("console.log('ours');")
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      trust_all_authors: true\n")
    commit_site(site, "Trusted")
    build(site, env=EPOCH)
    assert page(site, "index.html").xpath("//article//div[@class='md-banner']")
    assert (site / "site/widget.js").is_file()


# 5. Bounded work: refused with a message, fast --------------------------------------------

BILLION_LAUGHS = "lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_a_yaml_alias_bomb_is_refused_at_its_line(site: Path) -> None:
    path = site / "docs/privacy/document.yml"
    path.write_text(path.read_text() + BILLION_LAUGHS)
    commit_site(site, "Bomb")
    refused(site, "docs/privacy/document.yml:", "YAML anchors (&name) and aliases (*name) are not allowed")


def test_a_complex_yaml_key_is_a_message(site: Path) -> None:
    path = site / "docs/privacy/purposes.yml"
    path.write_text(path.read_text() + "? [a, b]\n: c\n")
    commit_site(site, "Complex key")
    refused(site, "docs/privacy/purposes.yml:", "a key must be a plain name")


def test_padded_placeholders_and_headings_build_in_a_moment(site: Path) -> None:
    edit(
        site / "docs/privacy/sections/links.md",
        "# Links\n",
        "# Links" + " " * 5000 + "x\n\n{{ fact:" + " " * 5000 + "\n\n",
    )
    commit_site(site, "Padding")
    build(site, env=EPOCH)  # the pathological cases are timed in benchmarks/hostile.py


# 6. No text vanishes silently -------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        ">" * 300 + " Deeply quoted legal text.\n",
        "<div>" * 300 + "Deeply nested legal text." + "</div>" * 300 + "\n",
        "- " * 10000 + "item\n",
    ],
    ids=["blockquotes", "divs", "list-markers"],
)
def test_nesting_past_the_limit_is_an_error_not_lost_text(site: Path, body: str) -> None:
    path = site / "docs/privacy/sections/links.md"
    path.write_text(path.read_text() + "\n" + body)
    commit_site(site, "Deep")
    refused(site, "docs/privacy/sections/links.md:2: the text is nested more than 50 levels deep")


def test_text_that_cleaning_would_drop_is_an_error_with_its_line(site: Path) -> None:
    path = site / "docs/privacy/sections/links.md"
    lines = path.read_text().count("\n")
    path.write_text(path.read_text() + "\n<svg><text>We may sell your data.</text></svg>\n")
    commit_site(site, "Hidden text")
    refused(site, f"docs/privacy/sections/links.md:{lines + 2}: some of the text would be lost", "sell")


# 7. Messages, never tracebacks ------------------------------------------------------------


def _forged_commit(repo: Repo, date_line: str, message: str) -> None:
    """A commit with a date `git commit` would never write: as a forged push could deliver."""
    tree = repo.git.write_tree()
    body = f"tree {tree}\nparent {repo.head.commit.hexsha}\nauthor X <x@example.com> {date_line}\n"
    body += f"committer X <x@example.com> {date_line}\n\n{message}\n"
    made = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin", "--literally"],
        cwd=repo.working_tree_dir,
        input=body,
        capture_output=True,
        text=True,
        check=True,
    )
    repo.git.update_ref("HEAD", made.stdout.strip())


@pytest.mark.parametrize("date_line", ["999999999999999 +0000", "1500000000 +99zz", "-99999999999999 -2400"])
def test_impossible_commit_dates_are_said_not_crashed_on(site: Path, date_line: str) -> None:
    repo = Repo(site)
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and others")
    repo.git.add("-A")
    _forged_commit(repo, date_line, "A forged date")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "and others" in text(page(site, "privacy/index.html"))


def test_a_document_folder_that_is_a_submodule_is_said_plainly(site: Path, tmp_path: Path) -> None:
    document = tmp_path / "document"
    (site / "docs/privacy").rename(document)
    init_repo(document).git.add("-A")
    Repo(document).git.commit("-qm", "The policy on its own")
    repo = Repo(site)
    repo.git.add("-A")
    repo.git.commit("-qm", "Remove")
    allow = ["-c", "protocol.file.allow=always"]
    repo.git.execute(["git", *allow, "submodule", "add", "-q", str(document), "docs/privacy"])
    repo.git.commit("-qm", "The policy as a submodule")
    result = mkdocs(site, "build", env=EPOCH)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert "docs/privacy is a git submodule" in result.stderr
    assert len(page(site, "privacy/index.html").xpath("//section[@class='ld-section']")) == 13


def test_a_page_that_is_not_utf8_is_a_message_and_the_last_site_stays(site: Path) -> None:
    build(site, env=EPOCH)
    (site / "docs/notes.md").write_bytes(b"# Notes\n\nCaf\xe9\n")
    commit_site(site, "A Latin-1 page")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/notes.md:3: this page is not UTF-8 text. Fix: save it as UTF-8." in result.stderr
    assert (site / "site/privacy/index.html").is_file(), "the last good site is left as it was"


# 8. No permanent false failures -----------------------------------------------------------


def test_a_crlf_checkout_is_not_an_uncommitted_change(site: Path, tmp_path: Path) -> None:
    (site / ".gitattributes").write_text("*.md text eol=crlf\n*.yml text eol=crlf\n")
    commit_site(site, "Windows line endings")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(site), str(clone)], check=True)
    assert b"\r\n" in (clone / "docs/privacy/sections/links.md").read_bytes()
    result = build(clone, env=EPOCH)
    assert "uncommitted" not in result.stderr


def test_notice_long_after_the_date_is_said_in_words(site: Path) -> None:
    edit(site / "docs/privacy/document.yml", "effective: 2018-05-25", "effective: 2018-06-01")
    commit_site(site, "Backdated", "2025-06-01")
    edit(site / "docs/privacy/document.yml", "effective: 2018-06-01", "effective: 2018-07-01")
    commit_site(site, "Backdated again", "2025-07-01")
    result = mkdocs(site, "build", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert "2557 days after it took effect" in result.stderr
    assert "day(s)" not in result.stderr and "-2557" not in result.stderr


@pytest.mark.parametrize(
    ("option", "needle"),
    [
        ("documents: ['../']", "a document is a folder directly under docs/"),
        ("documents: ['..']", "a document is a folder directly under docs/"),
        ("notice_period: -5", "must be a number of days, 0 or more"),
    ],
)
def test_options_that_escape_or_make_no_sense_are_refused(site: Path, option: str, needle: str) -> None:
    edit(site / "mkdocs.yml", "  - legaldocs\n", f"  - legaldocs:\n      {option}\n")
    refused(site, needle)


# The worst cases, under a time and memory limit so that a regression fails instead of hanging CI

WORST = textwrap.dedent(
    """
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (800 * 2**20, 800 * 2**20))
    from legaldocs import documents
    sys.path.insert(0, {bench!r})
    from hostile import CASES
    for name, files in CASES.items():
        start = time.monotonic()
        loaded = documents.load("privacy", files, "docs/privacy")
        print(name, round(time.monotonic() - start, 3), len(loaded.problems))
    """
)


def test_worst_cases_stay_within_seconds_and_memory() -> None:
    bench = str(Path(__file__).resolve().parent.parent / "benchmarks")
    result = subprocess.run(
        [sys.executable, "-c", WORST.format(bench=bench)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert len([line for line in lines if line.strip()]) >= 8, result.stdout


# In a real browser: nothing runs, nothing leaves localhost --------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import serve

    site = copy_site(tmp_path_factory.mktemp("hostile"))
    hostile_pages(site)
    add_hostile_facts(site)
    edit(
        site / "docs/privacy/sections/cookies.md",
        "# Cookies\n",
        "# Cookies\n\n[Read more]({{ fact: evil_link }}) ![t]({{ fact: evil_image }}) {{ fact: evil_text }}\n",
    )
    commit_site(site, "Everything at once <img src=x onerror=window.__pwned=8>")
    built = mkdocs(site, "build", env=EPOCH)  # (not --strict: the images from another site are warnings)
    assert built.returncode == 0 and "is from another site" in built.stderr, built.stderr
    url, server = serve(site / "site")
    yield url
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "%3Cb%20onmouseover=alert(1)%3Enotes/more/", "privacy/", "privacy/versions/"])
def test_nothing_runs_and_nothing_leaves_localhost(browser: Any, hostile_site: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = tab.goto(hostile_site + path, wait_until="networkidle")
    assert response is not None and response.ok
    for element in tab.locator("article abbr, article [title], article span").all()[:10]:
        element.hover(force=True, timeout=2000)
    tab.mouse.move(10, 10)
    tab.wait_for_timeout(200)
    assert tab.evaluate("window.__pwned") is None
    assert dialogs == []
    off_host = [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", "localhost")]
    assert off_host == []
    context.close()
