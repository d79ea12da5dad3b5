"""The version a record points to, and the past by date: current.json, the links and JSON-LD between
versions, the point-in-time page (in Chromium) and `legaldocs at`, from one real repository.

The site: 2018-05-25 (the fixture's), 2020-01-01 with an editorial revision (its title hostile: a
``</script>`` and a ``<!--``), 2025-03-01 upcoming on the build date, 1 January 2025.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from git import Repo
from helpers import build, commit, copy_site, edit
from legaldocs import inforce, ledger
from legaldocs.model import History, Version
from test_feed import _history
from test_history import DOCUMENT, EPOCH, new_version

SECTIONS = "docs/privacy/sections"
SCHEMA = json.loads((Path(inforce.__file__).parent / "schemas/current.schema.json").read_text(encoding="utf-8"))
HOSTILE = "Privacy </script><!-- <script>alert(1)</script> Policy"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("inforce"))
    repo = Repo(site)
    new_version(site, "2020-01-01", "Second version: links to partners.")
    edit(site / DOCUMENT, "title: Privacy & Cookie Policy", f"title: {json.dumps(HOSTILE)}")
    edit(site / f"{SECTIONS}/links.md", "partner networks", "partner networks and others")
    commit(repo, "Second version", "2019-11-01")
    edit(site / f"{SECTIONS}/cookies.md", "small file of letters", "small text file of letters")
    commit(repo, "Editorial: say what a cookie is", "2019-12-01")
    new_version(site, "2025-03-01", "Third version: shorter retention.")
    edit(site / f"{SECTIONS}/data-retention.md", "We will retain", "We will only retain")
    commit(repo, "Third version", "2024-12-01")
    build(site, env=EPOCH)
    return site


def test_current_json_points_at_the_latest_revision_in_force_with_the_ledgers_hash(site: Path) -> None:
    data = json.loads((site / "site/privacy/current.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert list(data) == [
        "document",
        "language",
        "version",
        "revision",
        "effective",
        "url",
        "sha256",
        "upcoming",
        "built",
    ]
    assert (data["document"], data["language"], data["built"]) == ("privacy", "en", "2025-01-01")
    assert (data["version"], data["revision"], data["effective"]) == ("2020-01-01", 2, "2020-01-01")
    # Relative to current.json (no site_url), as in versions.json: the revision's own page.
    assert data["url"] == "versions/2020-01-01/r2/"
    assert (site / "site/privacy" / data["url"] / "index.html").is_file()
    recorded = json.loads((site / "site/ledger.json").read_text(encoding="utf-8"))
    (second,) = [v for v in recorded["documents"]["privacy"]["versions"] if v["effective"] == "2020-01-01"]
    assert data["sha256"] == second["revisions"][1]["sha256"]
    upcoming = data["upcoming"]
    assert (upcoming["version"], upcoming["revision"], upcoming["url"]) == ("2025-03-01", 1, "versions/2025-03-01/r1/")
    (third,) = [v for v in recorded["documents"]["privacy"]["versions"] if v["effective"] == "2025-03-01"]
    assert upcoming["sha256"] == third["revisions"][0]["sha256"]
    # Not listed in versions.json (its format is unchanged); found beside it.
    assert "current" not in (site / "site/privacy/versions.json").read_text(encoding="utf-8")


def test_current_json_is_absolute_with_a_site_url_and_null_before_anything_is_in_force() -> None:
    h = _history()

    def url(version: Version, number: int) -> str:
        return f"https://example.com/x/versions/{version.slug}/r{number}/"

    data = json.loads(inforce.current_json(h, document="x", language="de_DE", url=url, built=date(2025, 1, 1)))
    jsonschema.validate(data, SCHEMA)
    assert data["language"] == "de-DE"
    assert data["url"] == "https://example.com/x/versions/2019-01-01/r2/"
    assert data["sha256"] == ledger.entries(h)["versions"][1]["revisions"][1]["sha256"]
    assert data["upcoming"]["version"] == "2030-01-01"
    # Nothing in force yet (only an upcoming version): the version's fields are null.
    nothing = History(versions=(h.versions[-1],))
    none = json.loads(inforce.current_json(nothing, document="x", language="en", url=url, built=date(2025, 1, 1)))
    jsonschema.validate(none, SCHEMA)
    assert none["version"] is None and none["sha256"] is None and none["upcoming"]["version"] == "2030-01-01"
