"""Every link on every kind of page leads somewhere, whatever the site's URL style."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from git import Repo
from helpers import add_logo, build, commit, copy_site, edit

PAGES = ("privacy/versions/2018-05-25/", "privacy/versions/2020-01-01/", "privacy/versions/proposed/")


def preview_site(root: Path, directory_urls: bool) -> Path:
    """A pull-request preview with a superseded version: every kind of generated page."""
    site = copy_site(root)
    if not directory_urls:
        (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text() + "use_directory_urls: false\n")
    repo = Repo(site)
    add_logo(site)  # a relative image in a section: it must load at every depth
    edit(site / "docs/privacy/document.yml", "effective: 2018-05-25", "effective: 2020-01-01")
    commit(repo, "Second version", "2019-11-01")
    repo.git.checkout("-b", "proposal")
    edit(site / "docs/privacy/document.yml", "effective: 2020-01-01", "effective: 2030-01-01")
    commit(repo, "Propose", "2024-11-01")
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    return site / "site"


def target_file(out: Path, url: str) -> Path:
    path = out / unquote(url).lstrip("/")
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def broken_links(out: Path) -> list[str]:
    broken = []
    for html in out.rglob("*.html"):
        here = "/" + html.relative_to(out).as_posix()
        root = lxml.html.parse(str(html)).getroot()
        for href in root.xpath("//a/@href | //img/@src"):
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("javascript"):
                continue
            url = urljoin(here, parts.path) if parts.path else here
            target = target_file(out, url)
            if not target.is_file():
                broken.append(f"{here}: {href} (no {target.relative_to(out)})")
            elif parts.fragment and not lxml.html.parse(str(target)).getroot().xpath(
                "//*[@id=$id]", id=unquote(parts.fragment)
            ):
                broken.append(f"{here}: {href} (no #{parts.fragment})")
    return broken


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_every_link_resolves(tmp_path: Path, directory_urls: bool) -> None:
    out = preview_site(tmp_path, directory_urls)
    suffix = "" if directory_urls else "index.html"
    assert all(target_file(out, "/" + p + suffix).is_file() for p in PAGES)
    assert broken_links(out) == []
    version = lxml.html.parse(str(target_file(out, "/privacy/versions/2020-01-01/" + suffix))).getroot()
    (src,) = version.xpath("//article//img/@src")
    assert src.startswith("../../_images/"), "an image at depth (its version's copy) is among those checked"
