"""The Atom feed and versions.json from a real history: parsed back and validated."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import feedparser
import jsonschema
from helpers import build, commit_site, copy_site, example_url, four_versions
from legaldocs import feed, ledger
from lxml import etree

SCHEMA = Path(feed.__file__).parent / "schemas" / "versions.schema.json"


def test_versions_json_follows_its_schema_and_agrees_with_the_ledger() -> None:
    h = four_versions()
    data = json.loads(feed.versions_json(h, "X", example_url))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert [v["effective"] for v in data["versions"]] == ["2018-01-01", "2019-01-01", "2030-01-01"]
    assert [v["status"] for v in data["versions"]] == ["superseded", "in force", "upcoming"]
    assert [len(v["revisions"]) for v in data["versions"]] == [1, 2, 1]
    assert data["versions"][1]["changes_url"] == "https://example.com/x/changes/2019-01-01/"
    recorded = ledger.entries(h)["versions"]
    assert [r["revisions"] for r in recorded] == [v["revisions"] for v in data["versions"]]


def test_the_feed_parses_with_one_entry_per_version_and_stable_ids() -> None:
    h = four_versions()
    xml = feed.atom(h, "X", example_url, site_name="Example", feed_url="https://example.com/x/feed.xml")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.id for e in parsed.entries] == [
        "https://example.com/x/feed.xml#2030-01-01",
        "https://example.com/x/feed.xml#2019-01-01",
        "https://example.com/x/feed.xml#2018-01-01",
    ]
    assert parsed.entries[0].link == "https://example.com/x/changes/2030-01-01/"
    assert xml == feed.atom(h, "X", example_url, site_name="Example", feed_url="https://example.com/x/feed.xml")


ATOM = "{http://www.w3.org/2005/Atom}"
#: An absolute IRI has a scheme (RFC 3987, 3986 section 3.1).
ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def atom_problems(xml: bytes) -> list[str]:
    """What RFC 4287 requires and readers rely on: a feed and each entry with one id (an absolute
    IRI, unique), title and updated; an author for the feed."""
    root = etree.fromstring(xml)
    found = []
    if root.tag != f"{ATOM}feed":
        return [f"the root is {root.tag}, not an Atom feed"]
    ids = []
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for child in ("id", "title", "updated"):
            if len(element.findall(f"{ATOM}{child}")) != 1:
                found.append(f"{element.tag} has not exactly one {child}")
        for id_ in element.findall(f"{ATOM}id"):
            ids.append(id_.text or "")
            if not ABSOLUTE.fullmatch(id_.text or ""):
                found.append(f"the id {id_.text!r} is not an absolute IRI (RFC 4287 4.2.6)")
    if len(set(ids)) != len(ids):
        found.append(f"ids repeat: {ids}")
    if root.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in root.iter(f"{ATOM}entry")):
        found.append("no author")
    return found


def relative(target: str) -> str:
    kind, _, slug = target.partition(":")
    return f"../{kind}/{slug}/" if slug else "./"


def test_without_a_site_url_the_ids_are_urn_uuids_of_the_document_and_version() -> None:
    h = four_versions()
    xml = feed.atom(h, "X", relative, site_name="Example", feed_url="feed.xml", document="privacy")
    assert atom_problems(xml) == []
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    ids = [e.id for e in parsed.entries]
    assert all(i.startswith("urn:uuid:") and uuid.UUID(i[9:]).version == 5 for i in [parsed.feed.id, *ids])
    assert ids == [
        f"urn:uuid:{uuid.uuid5(feed.ID_NAMESPACE, f'privacy/{d}')}" for d in ("2030-01-01", "2019-01-01", "2018-01-01")
    ]
    assert xml == feed.atom(h, "X", relative, site_name="Example", feed_url="feed.xml", document="privacy")
    other = feedparser.parse(feed.atom(h, "X", relative, site_name="Example", feed_url="feed.xml", document="terms"))
    assert not {e.id for e in other.entries} & set(ids), "another document's feed: other ids"


def test_an_entry_title_names_the_version_not_a_status_time_makes_wrong() -> None:
    parsed = feedparser.parse(
        feed.atom(four_versions(), "X", example_url, site_name="E", feed_url="https://example.com/x/feed.xml")
    )
    titles = [e.title for e in parsed.entries]
    assert titles == ["X, effective 2030-01-01", "X, effective 2019-01-01", "X, effective 2018-01-01"]


def test_a_built_feed_without_site_url_is_valid_atom_and_the_build_says_what_site_url_is_for(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    assert "site_url" not in (site / "mkdocs.yml").read_text()
    commit_site(site, "Nothing new")
    result = build(site)  # --strict: what site_url is for is said, not a warning
    assert result.stderr.count("mkdocs.yml sets no site_url, so the links in each document's feed") == 1
    xml = (site / "site/privacy/feed.xml").read_bytes()
    assert atom_problems(xml) == []
    assert not feedparser.parse(xml).bozo


def test_each_entry_carries_the_notice_of_its_version(tmp_path: Path) -> None:
    """The entry's content is what `legaldocs notice --format html` says (its body), escaped into the XML:
    the same summary, dates, sections and lawful bases, with links to the changes page from the route table."""
    import subprocess

    import lxml.html
    from helpers import NOTICE_SITE_URL as SITE_URL
    from helpers import NOTICE_SUMMARY as SUMMARY
    from helpers import notice_site as make_site

    site = make_site(tmp_path / "s")
    build(site)
    xml = (site / "site/privacy/feed.xml").read_bytes()
    assert atom_problems(xml) == []
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    newest = parsed.entries[0]
    (content,) = newest.content
    assert content.type == "text/html"
    # The XML holds it escaped: no element of the notice is an element of the feed.
    assert etree.fromstring(xml).findall(f".//{ATOM}content/*") == []
    shown = lxml.html.fragment_fromstring(content.value, create_parent="div")
    assert shown.xpath("//script") == [] and shown.xpath("//img") == []
    assert SUMMARY in shown.text_content()
    assert f"{SITE_URL}privacy/changes/2019-03-01/#ld-change-purpose-register" in shown.xpath("//a/@href")
    said = subprocess.run(
        ["legaldocs", "notice", "--format", "html"], cwd=site, capture_output=True, text=True, timeout=300, check=True
    ).stdout
    body = lxml.html.document_fromstring(said).xpath("//body/div")[0]
    assert " ".join(shown.text_content().split()) == " ".join(body.text_content().split())
    # The first version replaces nothing: its notice lists the text as new, and says no notice period.
    assert "Announced" not in parsed.entries[-1].content[0].value
