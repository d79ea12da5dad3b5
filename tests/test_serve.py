"""`mkdocs serve` for editors: sources are watched, and a saved edit shows up without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from helpers import commit_site, copy_site, edit, fetch, serving, wait_for


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    site = copy_site(tmp_path / "site")
    with serving(site, tmp_path / "serve.log") as url:
        yield site, url


def test_serve_shows_each_saved_edit_as_a_draft(served: tuple[Path, str]) -> None:
    """Uncommitted edits appear, rebuilt on every save, marked as a draft and never as in force."""
    site, url = served
    wait_for(url + "privacy/", "Further Information")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks (edited)")
    draft = wait_for(url + "privacy/versions/proposed/", "partner networks (edited)")
    assert "DRAFT: proposed changes, not in force." in draft
    edit(site / "docs/privacy/purposes.yml", "grow our business", "grow our business (edited)")
    wait_for(url + "privacy/versions/proposed/", "grow our business (edited)")
    current = fetch(url + "privacy/")
    assert "partner networks (edited)" not in current
    assert "DRAFT preview:" in current and 'href="versions/proposed/"' in current
    # A section's source is never a page of its own: privacy/sections/links/ is its history (routes.py).
    assert fetch(url + "privacy/sections/links.md") == ""
    history = lxml.html.fromstring(fetch(url + "privacy/sections/links/"))
    assert " ".join(history.xpath("//article//h1")[0].text_content().split()) == (
        "Privacy & Cookie Policy: history of section 10, Links"
    )
    # The draft is the newest entry of the section's history, with its redline.
    entries = history.xpath("//article//section[@class='ld-history-entry']")
    assert [e.get("id") for e in entries] == ["v-proposed", "v-2018-05-25"]
    assert [" ".join(i.text_content().split()) for i in entries[0].xpath(".//ins")] == ["(edited)"]


def test_serve_shows_mistakes_on_the_page_and_recovers_when_fixed(served: tuple[Path, str]) -> None:
    """An editor who saves a mistake sees it in the browser, not a server that seems stuck."""
    site, url = served
    wait_for(url + "privacy/", "Further Information")
    links = site / "docs/privacy/sections/links.md"
    edit(links, "partner networks", "partner networks {{ section: nowhere }}")
    shown = wait_for(url + "privacy/versions/proposed/", "1 problem to fix")
    assert "docs/privacy/sections/links.md:3" in shown
    assert "{{ section: nowhere }} refers to a section that does not exist." in shown
    assert "1 problem to fix" in fetch(url + "privacy/")
    # The published pages stay up, and say what is wrong with the working copy.
    for published in ("privacy/versions/", "privacy/versions/2018-05-25/", ""):
        body = fetch(url + published)
        assert "1 problem to fix" in body, published
        assert "docs/privacy/sections/links.md:3" in body or published == "", published
    assert "Further Information" in fetch(url + "privacy/versions/2018-05-25/")
    # What each command does with it, said as it is: an uncommitted mistake is not what `mkdocs build` stops on.
    said = " ".join(lxml.html.fromstring(shown).xpath("//article")[0].text_content().split())
    assert "`" not in said
    assert (
        "They are in your uncommitted edits. mkdocs build publishes the committed text without them, and warns "
        "that it left your edits out, so mkdocs build --strict fails; legaldocs check lists them."
    ) in said
    commit_site(site, "Commit the mistake")
    links.write_text(links.read_text())  # a save without a change: serve rebuilds on the committed mistake
    said = wait_for(url + "privacy/versions/proposed/", "They are committed.")
    assert "mkdocs build</code> stops on them and publishes nothing until a commit fixes them" in said
    edit(links, " {{ section: nowhere }}", " MENDED")
    wait_for(url + "privacy/versions/proposed/", "partner networks MENDED")


def test_serve_says_a_history_warning_once_per_session(tmp_path: Path) -> None:
    """History does not change when a section is saved: its warnings are not repeated on every rebuild."""
    site = copy_site(tmp_path / "site")
    edit(site / "docs/privacy/document.yml", "effective: 2018-05-25", "effective: 2019-02-10")
    commit_site(site, "A version with short notice", "2019-02-01")
    with serving(site, tmp_path / "serve.log") as url:
        wait_for(url + "privacy/", "Further Information")
        links = site / "docs/privacy/sections/links.md"
        for n in range(3):
            edit(links, "partner networks", f"partner networks {n}")
            wait_for(url + "privacy/versions/proposed/", f"partner networks {n}")
    log = (tmp_path / "serve.log").read_text()
    assert log.count("Building documentation") >= 4, log
    assert log.count("the notice period is 30 days") == 1, log
