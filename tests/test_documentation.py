"""The documentation site (documentation/): it builds strictly, and its reference is the code's.

The reference pages are generated from config.py, routes.py, the templates and the CLI's parser
(documentation/gen_reference.py); these tests build the site as CI does and read what it made.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import lxml.html
import pytest
from helpers import REPO, mkdocs
from legaldocs import cli, config, routes

pytestmark = pytest.mark.documentation

DOCUMENTATION = REPO / "documentation"
TEMPLATES = Path(config.__file__).parent / "templates"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_reference", DOCUMENTATION / "gen_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_reference = _generator()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation, built as CI builds it: strictly, so a dead link or anchor fails."""
    site = tmp_path_factory.mktemp("documentation") / "site"
    result = mkdocs(REPO, "build", "--strict", "-f", "documentation/mkdocs.yml", "-d", str(site))
    assert result.returncode == 0, result.stderr
    return site


def _page(site: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / rel / "index.html")).getroot()


def _codes(element: lxml.html.HtmlElement, path: str) -> set[str]:
    return {code.text_content() for code in element.xpath(path)}


def _section(heading: lxml.html.HtmlElement) -> str:
    """The text under a heading, up to the next heading."""
    parts = []
    for element in heading.itersiblings():
        if element.tag in ("h1", "h2", "h3"):
            break
        parts.append(element.text_content())
    return " ".join(" ".join(parts).split())


def test_options_page_describes_every_option_of_config_py(built: Path) -> None:
    page = _page(built, "reference/options")
    comments = gen_reference._comments(config.LegalDocsConfig)
    headings = {h.get("id"): h for h in page.xpath("//article//h3")}
    declared = [name for name, _ in config.LegalDocsConfig._schema]
    for name in declared:
        assert name in headings, f"the options page has no heading for {name}"
        assert comments[name], f"config.py: write a #: comment above {name}"
        assert comments[name].replace("`", "") in _section(headings[name]), name
    example = page.xpath("//article//pre")[0].text_content()
    assert all(f"{name}:" in example for name in declared)
    # The schema is published beside the page, as committed (whether that is up to date is the next test's).
    published = (built / "reference/options.schema.json").read_text(encoding="utf-8")
    assert json.loads(published) == json.loads(gen_reference.OPTIONS_SCHEMA.read_text(encoding="utf-8"))


def test_routes_page_lists_every_route_with_what_it_is(built: Path) -> None:
    page = _page(built, "reference/routes")
    listed = _codes(page, "//article//dl/dt/code")
    assert listed == {r.name for r in routes.ROUTES}
    for term in page.xpath("//article//dl/dt"):
        what = " ".join(term.getnext().text_content().split())
        assert "made by" in what and len(what.split("made by", 1)[1]) > 20, f"{term.text_content()}: {what}"
        for name in _codes(term, "code"):  # each route's view and template, as the route names them
            route = routes.route(name)
            assert f"the view {gen_reference.view_name(route)}" in what, (name, what)
            assert route.template in what, (name, what)


def test_templates_page_lists_every_template(built: Path) -> None:
    page = _page(built, "reference/templates")
    listed = _codes(page, "//article//h3/code")
    assert listed == {path.name for path in TEMPLATES.glob("*.html")}


def test_commands_page_shows_every_commands_help(built: Path) -> None:
    shown = " ".join(pre.text_content() for pre in _page(built, "reference/commands").xpath("//article//pre"))
    commands = next(a for a in cli.parser()._actions if a.choices and "check" in a.choices).choices
    for name, parser in commands.items():
        assert f"usage: legaldocs {name}" in shown
        for action in parser._actions:
            assert all(option in shown for option in action.option_strings), (name, action.option_strings)


def test_every_route_and_template_says_what_it_is() -> None:
    """The comments are the one source of the reference: a route or template without one fails here."""
    for group, comment in gen_reference.route_rows():
        assert len(comment) > 20, f"routes.py: write a comment above the Route of {[r.name for r in group]}"
    for name, header in gen_reference.template_headers().items():
        assert len(header) > 20, f"templates/{name}: open it with {{#- what it makes. Receives: … -#}}"


def test_committed_options_schema_is_what_config_py_makes() -> None:
    committed = gen_reference.OPTIONS_SCHEMA.read_text(encoding="utf-8")
    assert committed == gen_reference.schema_text(), (
        "schemas/options.schema.json is out of date: run `python documentation/gen_reference.py --write-schema`"
    )


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"documents": ["privacy"], "home": False, "branch": "main", "notice_period": 0, "recent_days": 7},
        {"branch": None, "ledger": "deployed-ledger.json", "allow_files": ["embeds/*.html"]},
        {"acknowledge": [{"commit": "5c8ac86e9f3b0a1d2c4e6f8091a2b3c4d5e6f708", "reason": "A typing mistake."}]},
        {"acknowledge": [{"commit": "5c8ac86", "reason": "A short id could name another commit."}]},
        {"trust_all_authors": True},
        {"notice_period": -1},
        {"notice_period": True},
        {"recent_days": "30"},
        {"home": "yes"},
        {"documents": "privacy"},
        {"ledger": 3},
        {"acknowledge": [{"commit": "xyz1234", "reason": "a reason"}]},
        {"acknowledge": [{"commit": "5c8ac86", "reason": "  "}]},
        {"acknowledge": [{"commit": "5c8ac86"}]},
        {"acknowledge": [{"commit": "5c8ac86", "reason": "r", "by": "me"}]},
        {"no_such_option": 1},
        {"acknowledge": [{"translation": "de", "version": "2026-05-04", "reason": "With the translator."}]},
        {"acknowledge": [{"translation": "de", "reason": "No version named."}]},
        {"acknowledge": [{"translation": "de", "version": "soon", "reason": "Not a date."}]},
        {"acknowledge": [{"reason": "Neither a commit nor a translation."}]},
        {"documents": [{"name": "privacy", "binding_language": "en", "language": "en"}]},
        {"documents": [{"name": "privacy", "binding_language": "English"}]},
        {"documents": [{"name": "privacy", "translations": {"de": "x.md"}}]},
        {"documents": [{"name": "s", "file": "s.md", "language": "en", "translations": {"de": "de/s.md"}}]},
        {"documents": [{"name": "s", "file": "s.md", "translations": {"German": "de/s.md"}}]},
        {"translation_days": 7},
        {"translation_days": -1},
    ],
)
def test_mkdocs_and_the_schema_accept_and_refuse_the_same_options(options: dict[str, Any]) -> None:
    """The schema's rules written by hand (gen_reference.CONSTRAINTS) agree with config.py's code."""
    loaded = config.LegalDocsConfig()
    loaded.load_dict(options)
    failed, warnings = loaded.validate()
    mkdocs_accepts = not failed and not warnings  # an unknown key is a warning: `--strict` fails on it
    schema_accepts = jsonschema.Draft202012Validator(gen_reference.options_schema()).is_valid(options)
    assert mkdocs_accepts == schema_accepts, (failed, warnings)


def test_readme_is_short_and_its_links_into_the_documentation_resolve() -> None:
    """The README is what a newcomer needs first; the rest is in the documentation, linked as files."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < 12 * 1024, "the README grew past 12 KB: move the detail into documentation/"
    links = re.findall(r"\]\(([^)#\s]+)", readme)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert any(link.startswith("documentation/docs/") for link in local)
    for link in local:
        assert (REPO / link).exists(), f"README.md links {link}, which does not exist"


def test_the_demo_policy_is_built_into_the_documentation(built: Path) -> None:
    """The demo (`legaldocs demo`), built by legaldocs with the documentation, under demo/, and linked."""
    current = lxml.html.parse(str(built / "demo/privacy/index.html")).getroot()
    assert current.xpath("//a[contains(@href, 'versions/')]"), "the demo's policy links its versions"
    assert (built / "demo/privacy/versions/index.html").is_file()
    assert json.loads((built / "demo/ledger.json").read_text(encoding="utf-8"))  # legaldocs wrote it
    assert "../../demo/privacy/" in _page(built, "guide/getting-started").xpath("//article//a/@href")
    assert "demo/privacy/" in lxml.html.parse(str(built / "index.html")).getroot().xpath("//article//a/@href")


def test_the_platform_page_says_where_the_tools_stand(built: Path) -> None:
    words = " ".join(_page(built, "guide/platform").xpath("string(//article)").split())
    for fact in ("MkDocs 1.6.1 is the last 1.x release", "MkDocs 2.0 has no plugin system", "NO_MKDOCS_2_WARNING=1"):
        assert fact in words
    assert "properdocs build --strict" in words and "zensical.toml" in words
