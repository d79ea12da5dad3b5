"""The announced date is evidence, not a claim: the ledger's date of the first build that published a
version, where there is a ledger; otherwise the commit's date, said to be from git. A commit dated
before the commit it follows is flagged."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

from git import Repo
from helpers import build, commit_site, copy_site, edit, mkdocs, new_version, page, text

DOCUMENT = "docs/privacy/document.yml"


def epoch(day: str) -> dict[str, str]:
    moment = datetime.fromisoformat(f"{day}T12:00:00+00:00").astimezone(timezone.utc)
    return {"SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def dates_line(site: Path, version: str) -> str:
    return text(
        page(site, "privacy/versions/index.html").xpath(f"//section[@id='v-{version}']/p[@class='ld-version-dates']")[0]
    )


def test_a_commit_dated_before_the_one_it_follows_is_flagged(tmp_path: Path) -> None:
    site = copy_site(tmp_path)  # committed 10 January 2019
    new_version(site, "2019-03-01", "A new version, backdated to look long announced.")
    backdated = commit_site(site, "Second version", "2018-12-01")
    result = mkdocs(site, "build", "--strict", env=epoch("2019-02-15"))
    assert result.returncode == 1
    said = (
        f"commit {backdated[:7]}: this commit is dated 1 December 2018, before the commit it follows "
        "(10 January 2019): its date was set by hand or by a wrong clock"
    )
    assert said in result.stderr
    assert mkdocs(site, "build", env=epoch("2019-02-15")).returncode == 0
    notes = page(site, "privacy/versions/index.html").xpath("//section[@id='v-2019-03-01']//div[@class='ld-notes']//li")
    assert any("is dated 1 December 2018, before the commit it follows" in text(n) for n in notes)


def test_with_a_ledger_the_announced_date_is_the_first_build_that_recorded_it(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")  # the first version, committed 10 January 2019
    build(site, env=epoch("2019-01-20"))  # the first deployment: no ledger to go by
    first = json.loads((site / "site/ledger.json").read_text())
    assert "announced" not in first["documents"]["privacy"]["versions"][0]  # no evidence yet: git's date
    deployed = tmp_path / "deployed-ledger.json"
    shutil.copy(site / "site/ledger.json", deployed)
    edit(site / "mkdocs.yml", "  - legaldocs\n", f"  - legaldocs:\n      ledger: {deployed}\n")

    # Committed with a date 45 days before it takes effect; first built (published) 9 days before.
    new_version(site, "2019-03-01", "Adds analytics.")
    commit_site(site, "Second version", "2019-01-15")
    strict = mkdocs(site, "build", "--strict", env=epoch("2019-02-20"))
    assert strict.returncode == 1
    assert "reached the published branch on 20 February 2019, 9 days before it takes effect" in strict.stderr
    # Without the ledger, git's date is all there is (and the page says so).
    edit(site / "mkdocs.yml", f"  - legaldocs:\n      ledger: {deployed}\n", "  - legaldocs\n")
    build(site, env=epoch("2019-02-20"))
    assert dates_line(site, "2019-03-01").startswith(
        "Effective 1 March 2019 · Announced 15 January 2019 (date from git)"
    )
    edit(site / "mkdocs.yml", "  - legaldocs\n", f"  - legaldocs:\n      ledger: {deployed}\n")

    assert mkdocs(site, "build", env=epoch("2019-02-20")).returncode == 0
    second = json.loads((site / "site/ledger.json").read_text())
    versions = second["documents"]["privacy"]["versions"]
    assert [v.get("announced") for v in versions] == [None, "2019-02-20"]
    assert "Announced 20 February 2019 ·" in dates_line(site, "2019-03-01")
    assert "Announced 10 January 2019 (date from git)" in dates_line(site, "2018-05-25")
    intro = text(page(site, "privacy/versions/index.html").xpath("//p[@class='ld-intro']")[0])
    assert "A date from git is the one its commit gives, which the commit's author sets." in intro

    # The next build keeps the date the ledger recorded; the version is no longer new, so its short
    # notice is a fact on the versions page, not a warning.
    shutil.copy(site / "site/ledger.json", deployed)
    later = mkdocs(site, "build", "--strict", env=epoch("2019-04-01"))
    assert later.returncode == 0, later.stderr
    assert json.loads((site / "site/ledger.json").read_text()) == second
    assert "Announced 20 February 2019 ·" in dates_line(site, "2019-03-01")
    assert Repo(site).head.commit.committed_datetime.date().isoformat() == "2019-01-15"
