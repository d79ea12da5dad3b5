"""`legaldocs demo`: a real repository that builds cleanly and shows every feature."""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import pytest
from conftest import serve
from git import Repo
from helpers import REPO, build, commit, edit, legaldocs, line_of, page, serious_violations, shown_counts, text
from legaldocs import demo, redline_html
from legaldocs.redline import Counts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 has no tomllib
    tomllib = pytest.importorskip("tomli")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo written by the real console script, and built, as the README's quick start does."""
    target = tmp_path_factory.mktemp("demo") / "policy"
    result = legaldocs("demo", str(target), cwd=target.parent)
    assert result.returncode == 0, result.stderr
    assert "mkdocs serve" in result.stdout
    build(target)
    return target


def today() -> date:
    return datetime.now(tz=timezone.utc).date()


def test_demo_is_a_clean_repository_on_main_with_an_open_draft(made: Path) -> None:
    repo = Repo(made)
    assert repo.active_branch.name == "main"
    assert not repo.is_dirty(untracked_files=True)
    draft = list(repo.iter_commits(f"main..{demo.DRAFT}"))
    assert [c.summary for c in draft] == ["Draft: name our data protection officer"]
    dates = [c.committed_datetime.date() for c in repo.iter_commits("--all")]
    assert max(dates) < today() and min(dates) < today() - timedelta(days=365)
    assert (made / ".github/workflows/policy.yml").read_text() == demo.workflow_text()
    assert (made / ".github/workflows/policy-redline.yml").read_text() == demo.workflow_text("policy-redline.yml")


def test_demo_history_has_versions_revisions_and_an_upcoming_version(made: Path) -> None:
    versions = page(made, "privacy/versions/index.html")
    dated = sorted(p.name for p in (made / "site/privacy/versions").iterdir() if p.name[:2] == "20")
    assert len(dated) == 6
    upcoming = date.fromisoformat(dated[-1])
    assert upcoming > today()
    assert all(date.fromisoformat(d) <= today() for d in dated[:-1])
    words = text(versions)
    assert words.count("Upcoming") >= 1 and "In force" in words and words.count("Superseded") >= 3
    for message in ("Fix typos in sections 1, 3 and 9", "Links: remove a stray comma"):
        assert message in words  # editorial revisions, listed under their version
    current = page(made, "privacy/index.html")
    assert f"This policy changes on {upcoming.day} {upcoming:%B %Y}" in text(current)


def test_demo_versions_make_real_edits(made: Path) -> None:
    dated = sorted(p.name for p in (made / "site/privacy/versions").iterdir() if p.name[:2] == "20")

    def table(version: str) -> dict[str, list[str]]:
        root = page(made, f"privacy/versions/{version}/index.html")
        return {row.get("id"): [text(c) for c in row.xpath("./th|./td")] for row in root.xpath("//tr[@id]")}

    def headings(version: str) -> list[str]:
        return [text(h).rstrip("¶") for h in page(made, f"privacy/versions/{version}/index.html").xpath("//h2")]

    first, newsletter, consent = (table(v) for v in dated[:3])
    assert "purpose-newsletter" not in first and newsletter["purpose-newsletter"][2] == "Your consent."
    assert newsletter["purpose-analytics"][2].startswith("Necessary for our legitimate interests")
    assert consent["purpose-analytics"][2] == "Your consent."
    before, after = headings(dated[2]), headings(dated[3])
    assert "3. Cookies" not in before and "11. Cookies" in before
    assert "3. Cookies" in after and "11. Children’s Data" in after
    assert len(after) == len(before) + 1


def test_no_author_name_in_the_demo_site_by_default(made: Path) -> None:
    """The demo's commits are by two named people; a privacy policy's site publishes neither name."""
    authors = {c.author.name for c in Repo(made).iter_commits("--all")} | {
        c.author.email for c in Repo(made).iter_commits("--all")
    }
    assert len(authors) == 4
    files = [p for p in (made / "site").rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml")]
    assert len(files) > 20
    named = [(p.name, a) for p in files for a in authors if a in p.read_text(encoding="utf-8")]
    assert named == []


def test_demo_draft_branch_builds_as_a_preview(made: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    Repo(made).clone(clone)  # a preview build, as CI checks a branch out
    repo = Repo(clone)
    repo.git.checkout("-q", demo.DRAFT)
    build(clone)
    proposed = page(clone, "privacy/versions/proposed/index.html")
    assert "DRAFT" in text(proposed) and "data protection officer" in text(proposed)
    # One redline for one pull request: the preview's changes page counts what the workflow's comment counts.
    diffed = legaldocs("diff", "origin/main", "HEAD", "--format", "json", cwd=clone)
    assert diffed.returncode == 0, diffed.stderr
    said = json.loads(diffed.stdout)["counts"]
    changes = page(clone, "privacy/changes/proposed/index.html")
    # The page says the counts as redline_html.count_items words them: the first six always, the rest where not 0.
    assert shown_counts(changes) == redline_html.count_items(Counts(**said))
    assert said["words_added"] > 0


def test_an_editor_works_in_the_demo(tmp_path: Path) -> None:
    """The issue's "done when": a sentence changed, a new version committed, a broken reference found."""
    site = tmp_path / "policy"
    assert legaldocs("demo", str(site), cwd=tmp_path).returncode == 0
    links = site / "docs/privacy/sections/links.md"
    edit(links, "Please check these policies", "Please read these policies")
    assert legaldocs("check", cwd=site).returncode == 0
    effective = today() + timedelta(days=60)
    result = legaldocs("new-version", "--effective", effective.isoformat(), "--summary", "Read, not check.", cwd=site)
    assert result.returncode == 0, result.stderr
    commit(Repo(site), "New version: read the policies of linked sites", today().isoformat())
    build(site)
    assert (site / f"site/privacy/versions/{effective.isoformat()}/index.html").is_file()
    assert "Read, not check." in text(page(site, "privacy/versions/index.html"))
    edit(links, "Please read these policies", "Please read these policies (see {{ section: nowhere }})")
    result = legaldocs("check", cwd=site)
    assert result.returncode == 1
    where = f"docs/privacy/sections/links.md:{line_of(links, 'nowhere')}: "
    assert result.stderr.splitlines()[0].startswith(where)


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    for target in (tmp_path, tmp_path / "notes.txt"):
        result = legaldocs("demo", str(target), cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith(f"legaldocs demo: error: {target} is ") and len(result.stderr.splitlines()) == 1
    assert os.listdir(tmp_path) == ["notes.txt"] and (tmp_path / "notes.txt").read_text() == "mine"


def test_demo_dates_follow_the_build_date(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH moves the whole history, so a demo made for any day builds cleanly that day."""
    day = date(2031, 6, 1)
    written = demo.write(tmp_path / "policy", day)
    assert written.upcoming == day + timedelta(days=30)
    epoch = str(int(datetime(2031, 6, 1, 18, tzinfo=timezone.utc).timestamp()))
    build(written.path, env={"SOURCE_DATE_EPOCH": epoch})
    assert (written.path / f"site/privacy/versions/{written.upcoming.isoformat()}/index.html").is_file()


def test_the_demo_sources_are_shipped_in_the_package() -> None:
    """Every file the demo copies is package data, so `legaldocs demo` works from an installed wheel."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["legaldocs"]
    package = REPO / "plugins" / "legaldocs"
    shipped = [p for folder in ("demo_site", "ci") for p in (package / folder).rglob("*") if p.is_file()]
    assert len(shipped) > 15
    for path in shipped:
        rel = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(rel, pattern) and rel.count("/") == pattern.count("/") for pattern in patterns), rel


def test_the_demo_requires_legaldocs_from_its_source_not_the_package_index(made: Path) -> None:
    """`pip install -r requirements.txt` must not look for a legaldocs the package index does not have."""
    from importlib.metadata import version

    import legaldocs
    from packaging.requirements import Requirement

    source = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    assert source == legaldocs.SOURCE
    lines = [line for line in (made / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    (line,) = lines
    required = Requirement(line)
    assert required.name == "legaldocs"
    assert required.url == f"git+{source}@v{version('legaldocs')}"
    assert "legaldocs @ git+" in (made / "README.md").read_text()


@pytest.mark.browser
def test_demo_pages_are_accessible_and_private(made: Path, browser: Any) -> None:
    """What a new user sees first: no serious axe violations, and no request leaves the site."""
    upcoming = max(p.name for p in (made / "site/privacy/versions").iterdir() if p.name[:2] == "20")
    url, server = serve(made / "site")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        for path in ("", "privacy/", "privacy/versions/", f"privacy/versions/{upcoming}/"):
            tab.goto(url + path, wait_until="networkidle")
            assert serious_violations(tab) == [], path
        assert len(requests) > 4
        assert [u for u in requests if urlsplit(u).hostname != "127.0.0.1" and not u.startswith("data:")] == []
    finally:
        context.close()
        server.shutdown()


def page_kinds(site: Path) -> list[str]:
    """One page of each kind the demo's build makes, by its address."""
    built = site / "site"
    dated = sorted(p.name for p in (built / "privacy/versions").iterdir() if p.name[:2] == "20")
    revised = next(d for d in dated if (built / f"privacy/versions/{d}/r2").is_dir())
    section = next((built / "privacy/sections").iterdir()).name
    purpose = next((built / "privacy/purposes").iterdir()).name
    kinds = [
        "",
        "privacy/",
        "privacy/versions/",
        f"privacy/versions/{dated[0]}/",
        f"privacy/versions/{dated[-1]}/",  # upcoming
        f"privacy/versions/{revised}/r1/",
        f"privacy/changes/{dated[-2]}/",
        f"privacy/changes/{revised}/r2/",
        "privacy/compare/",
        f"privacy/compare/{dated[0]}/",
        f"privacy/sections/{section}/",
        f"privacy/purposes/{purpose}/",
    ]
    assert all((built / kind / "index.html").is_file() for kind in kinds), kinds
    return kinds


def test_every_alternate_link_has_the_sitemap_material_fetches_beside_it(made: Path) -> None:
    """Material fetches sitemap.xml beside each <link rel="alternate">, whatever it links (a feed, a language)."""
    pages = list((made / "site").rglob("*.html"))
    alternates = 0
    for path in pages:
        for href in lxml.html.parse(str(path)).getroot().xpath("//head/link[@rel='alternate']/@href"):
            target = (path.parent / href).resolve()
            alternates += 1
            # As the browser resolves "sitemap.xml" against the link: beside a file, inside a folder ("…/de/").
            beside = target if href.endswith("/") else target.parent
            assert (beside / "sitemap.xml").is_file(), (path, href)
    assert alternates > 50
    sitemap = lxml.etree.parse(str(made / "site/privacy/sitemap.xml")).getroot()
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs[:2] == ["/privacy/", "/privacy/versions/"] and len(locs) == 2 + 6


@pytest.mark.browser
def test_no_page_of_the_demo_causes_a_404(made: Path, browser: Any) -> None:
    """Chromium's network log on one page of every kind: every request answered, none missing."""
    url, server = serve(made / "site")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        missing: list[tuple[str, str, int]] = []
        here = [""]
        tab.on("response", lambda r: missing.append((here[0], r.url, r.status)) if r.status >= 400 else None)
        tab.on("requestfailed", lambda r: missing.append((here[0], r.url, 0)))
        kinds = page_kinds(made)
        for kind in kinds:
            here[0] = kind
            tab.goto(url + kind, wait_until="networkidle")
        assert missing == []
    finally:
        context.close()
        server.shutdown()


def test_the_demo_has_a_german_translation_that_lags_one_version(made: Path) -> None:
    root = page(made, "privacy/de/index.html")
    assert root.get("lang") == "de"
    notice = root.xpath("//div[contains(@class, 'ld-translation-lag')]")
    assert notice and "noch nicht übersetzt" in text(notice[0])
    assert root.xpath("//section[contains(@class, 'ld-untranslated')][@lang='en']")  # a partial translation
    assert "verbindlich ist der Text auf Englisch" in text(root)
