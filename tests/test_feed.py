"""The Atom feed and versions.json from a real history: parsed back and validated."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import feedparser
import jsonschema
from legaldocs import feed, history, ledger
from legaldocs.model import Document, Problem
from test_archive import _commit, _document

SCHEMA = Path(feed.__file__).parent / "schemas" / "versions.schema.json"


def _history() -> history.History:
    docs = {
        "1": _document("2018-01-01"),
        "2": _document("2019-01-01", "Second <script>alert(1)</script> & more."),
        "3": _document("2019-01-01", "Second, corrected."),
        "4": _document("2030-01-01", "Upcoming."),
    }

    def read(files: dict[str, bytes]) -> tuple[Document | None, list[Problem]]:
        return docs[files["k"].decode()], []

    days = {1: "2017-06-01", 2: "2018-10-01", 3: "2018-11-01", 4: "2029-10-01"}
    snapshots = [(_commit(n, days[n]), {"k": str(n).encode()}) for n in (1, 2, 3, 4)]
    return history.build(snapshots, read, date(2025, 1, 1), shown_as="docs/x").history


def url(target: str) -> str:
    kind, _, slug = target.partition(":")
    return "https://example.com/x/" + (f"{kind}/{slug}/" if slug else "")


def test_versions_json_follows_its_schema_and_agrees_with_the_ledger() -> None:
    h = _history()
    data = json.loads(feed.versions_json(h, "X", url))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert [v["effective"] for v in data["versions"]] == ["2018-01-01", "2019-01-01", "2030-01-01"]
    assert [v["status"] for v in data["versions"]] == ["superseded", "in force", "upcoming"]
    assert [len(v["revisions"]) for v in data["versions"]] == [1, 2, 1]
    assert data["versions"][1]["changes_url"] == "https://example.com/x/changes/2019-01-01/"
    recorded = ledger.entries(h)["versions"]
    assert [r["revisions"] for r in recorded] == [v["revisions"] for v in data["versions"]]


def test_the_feed_parses_with_one_entry_per_version_and_stable_ids() -> None:
    h = _history()
    xml = feed.atom(h, "X", url, site_name="Example", feed_url="https://example.com/x/feed.xml")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.id for e in parsed.entries] == [
        "https://example.com/x/feed.xml#2030-01-01",
        "https://example.com/x/feed.xml#2019-01-01",
        "https://example.com/x/feed.xml#2018-01-01",
    ]
    assert parsed.entries[0].link == "https://example.com/x/changes/2030-01-01/"
    assert xml == feed.atom(h, "X", url, site_name="Example", feed_url="https://example.com/x/feed.xml")
