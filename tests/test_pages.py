"""The pages legaldocs generates: one route table, templates a theme can override, the bugs fixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO, build, commit_site, copy_site, edit, mkdocs, page, text
from legaldocs import routes
from legaldocs.loader import LoadedSite, SiteOptions


def test_a_theme_file_replaces_the_packaged_stamp(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    own = site / "overrides/legaldocs/stamp.html"
    own.parent.mkdir()
    own.write_text(
        '<p class="ld-generated acme-stamp">In force since {{ version.effective|date }} ({{ document.title }})</p>\n'
    )
    commit_site(site, "Our own stamp")
    build(site)
    root = page(site, "privacy/index.html")
    assert root.xpath("//p[contains(@class,'ld-stamp')]") == []
    (stamp,) = root.xpath("//p[contains(@class,'acme-stamp')]")
    assert text(stamp) == "In force since 25 May 2018 (Privacy & Cookie Policy)"
    # Every other template is still the packaged one.
    assert page(site, "privacy/versions/index.html").xpath("//section[@class='ld-version']")


def test_routes_make_every_address_and_refuse_unknown_links() -> None:
    site = LoadedSite(SiteOptions(Path("docs"), Path(".")), [], home=True)
    made = routes.outputs(site)
    assert [(o.route.name, o.address, o.source_uri) for o in made] == [("home", "", "index.md")]
    linker = routes.Linker(made)
    with pytest.raises(routes.RouteError, match="there is no route 'glossary'; the routes are home, current"):
        linker.href(made[0], "glossary", doc="privacy")
    with pytest.raises(routes.RouteError, match="links to 'current' at privacy/, but this build makes no page there"):
        linker.href(made[0], "current", doc="privacy")
    with pytest.raises(routes.RouteError, match="needs version"):
        routes.route("version").address({"doc": "privacy"})


def test_relative_urls_match_the_site_layout() -> None:
    assert routes.relative_url("privacy/", "privacy/versions/2018-05-25/") == "../../"
    assert routes.relative_url("privacy/versions/", "privacy/") == "versions/"
    assert routes.relative_url("privacy/", "") == "privacy/"
    assert routes.relative_url("privacy/index.html", "privacy/versions/index.html") == "../index.html"


def test_a_draft_in_a_subfolder_of_sections_is_not_a_source(tmp_path: Path) -> None:
    """Not read, not checked, not in the history, not published: and no endless "uncommitted" warning."""
    site = copy_site(tmp_path)
    drafts = site / "docs/privacy/sections/drafts"
    drafts.mkdir()
    (drafts / "note.md").write_text("not a section: no title, {{ nothing }}\n")
    commit_site(site, "Keep a note")
    result = build(site)
    assert "uncommitted" not in result.stderr
    # privacy/sections/ holds only the section histories (routes.py): not the note, not its folder.
    histories = site / "site/privacy/sections"
    assert sorted(p.name for p in histories.iterdir()) == sorted(p.stem for p in drafts.parent.glob("*.md"))
    assert not list(histories.rglob("*.md")) and not (histories / "drafts").exists()
    assert len(page(site, "privacy/index.html").xpath("//section[@class='ld-section']")) == 13


def test_two_identical_document_folders_without_git_both_publish(tmp_path: Path) -> None:
    site = copy_site(tmp_path, git=False)
    shutil.copytree(site / "docs/privacy", site / "docs/privacy-copy")
    result = mkdocs(site, "build")
    assert result.returncode == 0, result.stderr
    assert page(site, "index.html").xpath("//ul[@class='ld-documents']/li/a/@href") == ["privacy/", "privacy-copy/"]
    assert page(site, "privacy-copy/index.html").xpath("//h2[@id='further-information']")
    assert (site / "site/privacy-copy/versions/index.html").is_file()


def test_home_page_lists_effective_dates_and_upcoming_changes(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    edit(site / "docs/privacy/document.yml", "effective: 2018-05-25", "effective: 2099-01-01")
    commit_site(site, "A version to come", "2024-01-01")
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    root = page(site, "index.html")
    (item,) = root.xpath("//ul[@class='ld-documents']/li")
    assert text(item) == "Privacy & Cookie Policy effective 25 May 2018 · changes on 1 January 2099"
    assert root.xpath("//title/text()") == ["ClusterSeven legal documents"], "the site name once"


def test_a_version_permalink_names_its_date_in_the_heading(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    build(site)
    root = page(site, "privacy/versions/2018-05-25/index.html")
    assert [text(h) for h in root.xpath("//article//h1")] == ["Privacy & Cookie Policy, effective 25 May 2018"]
    assert root.xpath("//title/text()")[0].startswith("Privacy & Cookie Policy, effective 25 May 2018")


def test_a_german_site_writes_its_dates_and_words_in_german(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: de"))
    edit(site / "docs/privacy/document.yml", "effective: 2018-05-25", "effective: 2024-02-01")
    commit_site(site, "Gültig ab Februar", "2023-12-01")
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    stamp = page(site, "privacy/index.html").xpath("//p[contains(@class,'ld-stamp')]")[0]
    assert text(stamp) == "Gültig ab 1. Februar 2024 · Zuletzt geändert am 1. Dezember 2023 · Versionsverlauf"
    versions = page(site, "privacy/versions/index.html")
    assert [text(s) for s in versions.xpath("//span[contains(@class,'ld-status')]")] == ["In Kraft", "Ersetzt"]


def test_versions_page_labels_the_publishing_commit_and_links_commits_to_the_forge(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text() + "repo_url: https://github.com/acme/policies\n")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and others")
    sha = commit_site(site, "Editorial fix", "2019-03-01")
    build(site)
    rows = page(site, "privacy/versions/index.html").xpath("//table[@class='ld-revisions']/tbody/tr")
    assert [text(r.xpath("th")[0]) for r in rows] == ["Published", "Revision"]
    assert rows[1].xpath("td[@class='ld-commit']//a/@href") == [f"https://github.com/acme/policies/commit/{sha}"]
    assert rows[1].xpath("td//a/code/text()") == [sha[:7]]


def test_a_broken_template_in_the_theme_is_a_clear_build_error(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    own = site / "overrides/legaldocs/stamp.html"
    own.parent.mkdir()
    own.write_text("<p>{{ version.effective|date }} <a href=\"{{ href('glossary') }}\">changes</a></p>\n")
    commit_site(site, "A stamp linking to a page that does not exist yet")
    result = mkdocs(site, "build")
    assert result.returncode != 0
    assert "there is no route 'glossary'; the routes are home, current" in result.stderr
    assert "Traceback" not in result.stderr
    own.write_text("<p>{{ version.effective|date }</p>\n")
    commit_site(site, "A typo in the stamp")
    result = mkdocs(site, "build")
    assert result.returncode != 0
    assert "stamp.html:1: the template cannot be used" in result.stderr.replace(str(site) + "/", "")
    assert "Traceback" not in result.stderr


def test_a_new_kind_of_output_is_one_route_one_view_and_one_template(tmp_path: Path) -> None:
    """Without MkDocs: the core loads the site, the route table names the output and its view, the
    view makes the variables and the template the output; nothing else is told of it."""
    import json
    from datetime import date
    from typing import Any

    from legaldocs import pages
    from legaldocs.loader import load_site
    from legaldocs.templating import Templates

    site = copy_site(tmp_path / "site")
    templates = tmp_path / "theme"
    templates.mkdir()
    (templates / "dates.json").write_text(
        '[{% for d in dates %}{"effective": "{{ d }}", "href": "{{ href(\'version\', version=d) }}"}{% endfor %}]'
    )

    def dates(build: pages.Build, out: routes.Output) -> dict[str, Any]:
        history = build.document(out).published.history
        return {"dates": [v.slug for v in history.versions]}  # and, as every template, ``href`` and the rest

    kind = routes.Route(
        "dates", "{doc}/dates.json", "dates.json", dates, lambda s: [{"doc": d.slug} for d in s.documents]
    )
    loaded = load_site(SiteOptions(site / "docs", site), date(2025, 1, 1), include_uncommitted=False)
    made = routes.outputs(loaded, (*routes.ROUTES, kind))
    (out,) = [o for o in made if o.route is kind]
    assert (out.address, out.source_uri, out.route.is_page) == ("privacy/dates.json", "privacy/dates.json", False)
    _, body = pages.render(pages.Build(loaded, routes.Linker(made), Templates([templates])), out)
    assert json.loads(body) == [{"effective": "2018-05-25", "href": "versions/2018-05-25/"}]


def test_every_route_names_its_view_and_rendering_asks_no_route_name() -> None:
    """Each route's output is made by the view it names (issue 18.3): no dispatcher branches on route
    names, so a new page kind needs no edit outside its route, its view and its template."""
    import ast
    import inspect

    from legaldocs import pages

    for r in routes.ROUTES:
        assert callable(r.view), r.name
        assert r.view.__module__.startswith("legaldocs.pages."), (r.name, r.view.__module__)
    package = Path(inspect.getfile(pages)).parent

    def route_name(node: ast.AST) -> bool:  # ``<output>.route.name``
        return isinstance(node, ast.Attribute) and node.attr == "name" and getattr(node.value, "attr", "") == "route"

    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            operands = (node.left, *node.comparators) if isinstance(node, ast.Compare) else ()
            if any(route_name(o) for o in operands) or (isinstance(node, ast.Subscript) and route_name(node.slice)):
                raise AssertionError(f"{path.name}:{node.lineno} branches on a route's name")


def test_the_footer_names_the_company_from_the_documents_facts(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    lines = config.read_text().split("\n")
    start = lines.index(next(line for line in lines if line.startswith("copyright:")))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    config.write_text("\n".join(lines[:start] + lines[end:]))
    edit(
        site / "docs/privacy/document.yml",
        "  contact_email: compliance@clusterseven.com",
        "  contact_email: compliance@clusterseven.com\n  company: Cluster Seven <Services> Limited",
    )
    commit_site(site, "The company as a fact, no copyright line")
    build(site)
    (footer,) = page(site, "privacy/index.html").xpath("//div[@class='md-copyright']")
    assert text(footer) == "Cluster Seven <Services> Limited · compliance@clusterseven.com"


def test_the_versions_page_shows_the_record_and_acknowledged_reasons(tmp_path: Path) -> None:
    """Past flaws are facts on the versions page, with the reason mkdocs.yml gives, not warnings."""
    from helpers import new_version

    site = copy_site(tmp_path)
    new_version(site, "2019-02-20", "Short notice.")
    commit_site(site, "Second version", "2019-02-13")  # a week's notice, not thirty days
    new_version(site, "2000-01-01", "Backwards, by mistake.")
    backwards = commit_site(site, "A date that goes backwards", "2019-03-01")
    new_version(site, "2019-06-01", "Properly announced.")
    commit_site(site, "Third version", "2019-03-02")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - legaldocs\n",
            f"  - legaldocs:\n      acknowledge:\n        - commit: {backwards}\n"
            "          reason: A typing mistake, corrected the next day.\n",
        )
    )
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    root = page(site, "privacy/versions/index.html")
    (note,) = root.xpath("//section[@id='v-2019-02-20']//div[@class='ld-notes']//li")
    assert "13 February 2019" in text(note) and "notice period" in text(note), "a past short notice, as a fact"
    (left_out,) = root.xpath("//section[@class='ld-skipped']//li")
    assert text(left_out).endswith("Acknowledged: A typing mistake, corrected the next day.")


def test_changes_pages_the_feed_and_versions_json_come_from_the_route_table(tmp_path: Path) -> None:
    import json

    import feedparser
    import jsonschema
    from helpers import new_version
    from legaldocs import feed

    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: https://legal.example.com/policies/\n")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and others")
    new_version(site, "2020-01-01", "Second version.")
    commit_site(site, "Second version", "2019-11-01")
    build(site)
    changes = page(site, "privacy/changes/2020-01-01/index.html")
    assert text(changes.xpath("//article//h1")[0]) == (
        "Privacy & Cookie Policy: changes in the version effective 1 January 2020"
    )
    assert [text(i) for i in changes.xpath("//article//ins[not(ancestor::ul[@class='ld-metadata'])]")] == ["and others"]
    lines = [text(li).split(":")[0] for li in changes.xpath("//article//ul[@class='ld-metadata']/li")]
    assert lines == ["Effective date", "Summary"], "the new date and summary, each a line of its own"
    assert changes.xpath("//link[contains(@href,'redline.css')]"), "the redline's stylesheet"
    assert (site / "site/privacy/changes/2018-05-25/index.html").is_file(), "the first version: all new"
    versions = page(site, "privacy/versions/index.html")
    assert "../changes/2020-01-01/" in versions.xpath("//section[@id='v-2020-01-01']//a/@href")

    parsed = feedparser.parse((site / "site/privacy/feed.xml").read_bytes())
    assert not parsed.bozo
    assert [e.link for e in parsed.entries] == [
        "https://legal.example.com/policies/privacy/changes/2020-01-01/",
        "https://legal.example.com/policies/privacy/changes/2018-05-25/",
    ]
    # With a site_url the ids stay what they always were: new ones would repeat every entry in readers' feeds.
    assert [e.id for e in parsed.entries] == [
        "https://legal.example.com/policies/privacy/feed.xml#2020-01-01",
        "https://legal.example.com/policies/privacy/feed.xml#2018-05-25",
    ]
    data = json.loads((site / "site/privacy/versions.json").read_text())
    jsonschema.validate(data, json.loads((Path(feed.__file__).parent / "schemas/versions.schema.json").read_text()))
    assert data["url"] == "https://legal.example.com/policies/privacy/"
    assert [v["url"] for v in data["versions"]] == [
        "https://legal.example.com/policies/privacy/versions/2018-05-25/",
        "https://legal.example.com/policies/privacy/versions/2020-01-01/",
    ]


def test_page_scripts_share_one_copy_of_their_words(tmp_path: Path) -> None:
    """at.js, compare.js and views.js each get assets/words.js where they say so as the site is built:
    one copy in the source, a whole script in the site."""
    from legaldocs import plugin

    assets = REPO / "plugins/legaldocs/assets"
    for name in ("at.js", "compare.js", "views.js"):
        source = (assets / name).read_text(encoding="utf-8")
        assert plugin.WORDS_SLOT in source and "function t(" not in source, name
        published = plugin.published_asset(f"assets/{name}")
        assert isinstance(published, str) and plugin.WORDS_SLOT not in published
        assert published.count("function t(phrase, fields)") == 1 and "ld-words" in published, name
