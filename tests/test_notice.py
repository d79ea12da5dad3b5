"""`legaldocs notice`, through the real console script, on a real git repository: every format, in
English and German, and its errors."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from git import Repo
from helpers import NOTICE_SITE_URL as SITE_URL
from helpers import NOTICE_SUMMARY as SUMMARY
from helpers import REPO, commit_site, copy_site, edit, new_version
from helpers import notice_site as make_site

LINKS = "docs/privacy/sections/links.md"
SCHEMA = json.loads((REPO / "plugins/legaldocs/schemas/notice.schema.json").read_text(encoding="utf-8"))


def legaldocs(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(["legaldocs", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("notice"))


def test_json_follows_its_schema_and_says_what_changed(site: Path) -> None:
    data = json.loads(ok(legaldocs(site, "notice", "--format", "json")))
    jsonschema.validate(data, SCHEMA)
    assert data["version"] == "2019-03-01" and data["previous"] == "2018-05-25"  # the latest: none upcoming
    assert data["summary"] == SUMMARY
    # Announced: the date versions.json and the versions page give (its first commit's, here), 40 days ahead.
    assert (data["announced"], data["notice_days"], data["announced_from_git"]) == ("2019-01-20", 40, True)
    sections = {s["id"]: s for s in data["sections"]}
    assert sections["links"]["number"] == "§10 → §11" and sections["links"]["title"] == "Links"
    assert sections["links"]["notes"] == ["Renumbered: was section 10."]
    assert sections["cookies"]["notes"] == ["Moved: was section 11, now section 10."]  # the redline's reading
    assert sections["links"]["rows"] == ["Table row changed: Beta | DE"]
    assert sections["links"]["url"] == f"{SITE_URL}privacy/changes/2019-03-01/#ld-change-links"
    (register,) = data["purposes"]
    assert register["id"] == "register" and register["lawful_basis"] == [
        "Lawful basis added: Necessary to comply with a legal obligation."
    ]
    assert register["url"] == f"{SITE_URL}privacy/changes/2019-03-01/#ld-change-purpose-register"
    assert data["lawful_basis_changed"] == ["register"]
    assert data["url"] == f"{SITE_URL}privacy/versions/2019-03-01/"
    assert data["counts"]["sections_changed"] >= 2 and data["counts"]["rows_changed"] == 1


def test_the_links_lead_to_the_anchors_the_changes_page_has(site: Path, tmp_path: Path) -> None:
    """The addresses come from the route table and the redline's own anchors: built, each is there."""
    from helpers import build, page, shown_counts

    data = json.loads(ok(legaldocs(site, "notice", "--format", "json")))
    build(site)
    root = page(site, "privacy/changes/2019-03-01/index.html")
    # The same redline: the counts the changes page opens with, those that are not 0, in its words.
    assert [words for n, words in shown_counts(root) if n] == data["counts_said"]
    for url in [*(s["url"] for s in data["sections"]), *(p["url"] for p in data["purposes"])]:
        path, _, anchor = url.removeprefix(SITE_URL).partition("#")
        assert path == "privacy/changes/2019-03-01/"
        assert root.get_element_by_id(anchor) is not None, anchor


def test_text_wraps_at_72_columns_and_says_every_change(site: Path) -> None:
    out = ok(legaldocs(site, "notice"))
    assert all(len(line) <= 72 for line in out.splitlines()), [line for line in out.splitlines() if len(line) > 72]
    flat = " ".join(out.split())
    assert "Privacy & Cookie Policy: what changes on 1 March 2019" in flat
    assert "The new version takes effect on 1 March 2019. Announced 20 January 2019, 40 days before it" in flat
    assert "<script>alert(1)</script>" in flat  # plain text: the policy's words as they are
    assert "§10 → §11 Links" in flat and "Table row changed: Beta | DE" in flat
    assert "Purposes whose lawful basis changes" in flat
    assert f"{SITE_URL}privacy/changes/2019-03-01/#ld-change-purpose-register" in out


def test_html_is_safe_for_email(site: Path) -> None:
    out = ok(legaldocs(site, "notice", "--format", "html"))
    root = lxml.html.document_fromstring(out)
    assert root.xpath("//script") == [] and root.xpath("//style") == [] and root.xpath("//link") == []
    assert root.xpath("//img | //iframe | //object | //embed") == []
    assert not [e for e in root.iter() if any(a.startswith("on") for a in e.attrib)]
    assert not [e for e in root.iter() if e.get("class")]  # no stylesheet to apply them: inline styles only
    assert root.xpath("//body/div[@style]")
    assert all(a.get("href", "").startswith(SITE_URL) for a in root.xpath("//a"))
    assert "<script>alert(1)</script>" in root.text_content()  # the policy's words shown, escaped
    assert root.get("lang") == "en"
    headings = [" ".join(h.text_content().split()) for h in root.xpath("//h2")]
    assert headings == ["What changes", "Sections", "The purpose table", "Purposes whose lawful basis changes"]
    linked = [a.text_content() for a in root.xpath("//li/strong/a")]
    assert "§10 → §11 Links" in linked


def test_markdown_links_each_change_and_escapes_the_policy(site: Path) -> None:
    import markdown

    out = ok(legaldocs(site, "notice", "--format", "markdown"))
    root = lxml.html.fromstring(f"<div>{markdown.markdown(out)}</div>")
    assert root.xpath("//script") == []
    assert "<script>alert(1)</script>" in root.text_content()
    hrefs = root.xpath("//a/@href")
    assert f"{SITE_URL}privacy/changes/2019-03-01/#ld-change-links" in hrefs


def test_german(site: Path) -> None:
    out = ok(legaldocs(site, "notice", "--language", "de"))
    flat = " ".join(out.split())
    assert "Privacy & Cookie Policy: was sich am 1. März 2019 ändert" in flat
    assert (
        "Die neue Fassung gilt ab dem 1. März 2019. Veröffentlicht am 20. Januar 2019, 40 Tage vor Inkrafttreten."
        in flat
    )
    assert "Zwecke, deren Rechtsgrundlage sich ändert" in flat
    assert "Tabellenzeile geändert: Beta | DE" in flat
    data = json.loads(ok(legaldocs(site, "notice", "--language", "de", "--format", "json")))
    jsonschema.validate(data, SCHEMA)
    assert data["language"] == "de"


def test_a_named_version(site: Path) -> None:
    data = json.loads(ok(legaldocs(site, "notice", "2018-05-25", "--format", "json")))
    assert data["version"] == "2018-05-25" and data["previous"] is None


def test_the_upcoming_version_is_the_default(tmp_path: Path) -> None:
    path = make_site(tmp_path / "s", site_url="")
    new_version(path, "2999-01-01", "Far ahead.")
    edit(path / LINKS, "| Acme | UK |", "| Acme | IE |")
    commit_site(path, "Third version", "2019-02-01")
    data = json.loads(ok(legaldocs(path, "notice", "--format", "json")))
    jsonschema.validate(data, SCHEMA)
    assert (data["version"], data["status"], data["previous"]) == ("2999-01-01", "upcoming", "2019-03-01")
    assert data["url"] is None and all(s["url"] is None for s in data["sections"])  # no site_url: no link
    html = ok(legaldocs(path, "notice", "--format", "html"))
    assert lxml.html.document_fromstring(html).xpath("//a") == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("2020-01-01",), "no version of docs/privacy is effective 2020-01-01 on the published branch"),
        (("--document", "nope"), "there is no document 'nope' in this site"),
    ],
)
def test_errors_are_one_clear_line(site: Path, args: tuple[str, ...], said: str) -> None:
    result = legaldocs(site, "notice", *args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("legaldocs notice: error: ") and said in line


def test_a_site_without_history_says_so(tmp_path: Path) -> None:
    path = copy_site(tmp_path / "s", git=False)
    result = legaldocs(path, "notice")
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("legaldocs notice: error: ") and "is not in a git repository" in line


def test_a_repository_is_never_run(site: Path, tmp_path: Path) -> None:
    """mkdocs.yml's hooks are Python the build would run: `notice` reads the site as data, as `diff` does."""
    target = tmp_path / "clone"
    Repo(site).clone(target)
    (target / "hook.py").write_text("open('RAN', 'w').write('x')\n", encoding="utf-8")
    edit(target / "mkdocs.yml", "site_name:", "hooks:\n  - hook.py\nsite_name:")
    ok(legaldocs(target, "notice"))
    assert not (target / "RAN").exists()


def test_the_sites_language_is_the_default(site: Path, tmp_path: Path) -> None:
    target = tmp_path / "clone"
    Repo(site).clone(target)
    edit(target / "mkdocs.yml", "  language: en", "  language: de")
    out = ok(legaldocs(target, "notice", "--format", "html"))
    root = lxml.html.document_fromstring(out)
    assert root.get("lang") == "de"
    assert " ".join(root.xpath("//h2")[0].text_content().split()) == "Was sich ändert"


def test_with_several_documents_say_which(site: Path, tmp_path: Path) -> None:
    import shutil

    target = tmp_path / "clone"
    repo = Repo(site).clone(target)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Legal Editor")
        config.set_value("user", "email", "editor@example.com")
    shutil.copytree(target / "docs/privacy", target / "docs/terms")
    commit_site(target, "Terms", "2019-02-01")
    result = legaldocs(target, "notice")
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert "there are several documents (privacy, terms): say which with --document DOC" in result.stderr
    data = json.loads(ok(legaldocs(target, "notice", "--document", "terms", "--format", "json")))
    assert data["document"] == "terms" and data["previous"] is None  # its first version: all new
    assert data["counts"]["sections_added"] == 13 and all(s["notes"] == ["New section."] for s in data["sections"])


def test_the_announced_date_is_the_ledgers_where_one_is_given(site: Path, tmp_path: Path) -> None:
    """As the build dates a version by the deployed ledger, so does the notice given that ledger (in CI, the
    site/ledger.json the build just wrote): the notice and the versions page say the same."""
    from helpers import build

    build(site)
    recorded = json.loads((site / "site/ledger.json").read_text(encoding="utf-8"))
    versions = recorded["documents"]["privacy"]["versions"]
    for version, day in zip(versions, ("2018-06-01", "2019-01-25"), strict=True):
        version["announced"] = day
    given = tmp_path / "ledger.json"
    given.write_text(json.dumps(recorded), encoding="utf-8")
    data = json.loads(ok(legaldocs(site, "notice", "--ledger", str(given), "--format", "json")))
    assert (data["announced"], data["notice_days"], data["announced_from_git"]) == ("2019-01-25", 35, False)
    result = legaldocs(site, "notice", "--ledger", str(tmp_path / "missing.json"))
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("legaldocs notice: error: ") and "missing.json" in line
