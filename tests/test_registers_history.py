"""The registers over five versions, in real builds: each entry's history, row-level change counted in
the registers' own words, the exports of every version, the notice a new sub-processor needs."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
from conftest import serve
from helpers import (
    EPOCH,
    SITE_COOKIES,
    SITE_RECIPIENTS,
    commit_site,
    copy_site,
    edit,
    legaldocs,
    mkdocs,
    page,
    redirect,
    serious_violations,
    text,
)

CRM = """\
  - id: crm
    name: CRM Ltd
    role: sub_processor
    service: Keeps our customer records.
    location: [GB]
    transfer: adequacy
"""

SUPPORT = """\
  - id: support
    name: Helpdesk Oy
    role: sub_processor
    service: Answers your questions.
    location: [FI]
"""

V1, V2, V3, V4, V5 = "2019-03-01", "2019-06-01", "2019-09-01", "2019-12-01", "2025-01-20"


def five_versions(tmp_path: Path) -> Path:
    """The demo policy (effective 2018-05-25), then five versions with both registers: both added
    (V1); a sub-processor added (V2); a cookie's duration changed (V3); a recipient removed (V4); a
    recipient renamed, its id kept, and another sub-processor added with 23 days' notice, upcoming on
    the build date 2025-01-01 (V5)."""
    site = copy_site(tmp_path / "site")
    config = site / "mkdocs.yml"
    edit(config, "  - legaldocs\n", "  - legaldocs:\n      notice_period: 5\n      recipients_notice: 30\n")
    folder = site / "docs/privacy"
    cookies, recipients = folder / "cookies.yml", folder / "recipients.yml"
    cookies.write_text(SITE_COOKIES, encoding="utf-8")
    recipients.write_text(SITE_RECIPIENTS, encoding="utf-8")
    for name, placeholder in (("statistical-information", "cookies"), ("disclosure", "recipients")):
        section = folder / "sections" / f"{name}.md"
        section.write_text(section.read_text(encoding="utf-8") + f"\n{{{{ {placeholder} }}}}\n", encoding="utf-8")

    def version(effective: str, previous: str, day: str, message: str) -> None:
        edit(folder / "document.yml", f"effective: {previous}", f"effective: {effective}")
        commit_site(site, message, day)

    version(V1, "2018-05-25", "2019-01-10", "Registers of cookies and recipients")
    recipients.write_text(SITE_RECIPIENTS + CRM, encoding="utf-8")
    version(V2, V1, "2019-05-25", "A CRM sub-processor")
    edit(cookies, "13 months", "25 months")
    version(V3, V2, "2019-07-01", "Analytics cookies kept longer")
    text_now = recipients.read_text(encoding="utf-8")
    start = text_now.index("  - id: mailer")
    end = text_now.index("  - id: crm")
    recipients.write_text(text_now[:start] + text_now[end:], encoding="utf-8")
    version(V4, V3, "2019-10-01", "No more mailer")
    edit(recipients, "name: Hosting GmbH", "name: Hosting SE")
    recipients.write_text(recipients.read_text(encoding="utf-8") + SUPPORT, encoding="utf-8")
    version(V5, V4, "2024-12-28", "Hosting renamed; a helpdesk")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = five_versions(tmp_path_factory.mktemp("five"))
    result = mkdocs(site, "build", env=EPOCH)  # not --strict: V5's short notice is a warning
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def entries(site: Path, rel: str) -> list[str]:
    """The versions a history page lists, newest first."""
    return [s.get("id").removeprefix("v-") for s in page(site, rel).xpath("//section[@class='ld-history-entry']")]


def entry_row(site: Path, rel: str, version: str) -> lxml.html.HtmlElement:
    rows = page(site, rel).xpath(f"//section[@id='v-{version}']//div[@class='ld-redline']//tbody/tr")
    assert len(rows) == 1, rel
    return rows[0]


def test_a_new_sub_processor_with_too_little_notice_is_a_warning(built: tuple[Path, str]) -> None:
    _, log = built
    found = [line for line in log.splitlines() if "recipients_notice" in line]
    assert len(found) == 1, log
    assert (
        "the version effective 20 January 2025 adds 'Helpdesk Oy' (sub-processor) to recipients.yml and "
        "reached the published branch on 28 December 2024, 23 days before it takes effect; a new processor or "
        "sub-processor needs 30 days' notice. Fix: set `effective` at least 30 days after publishing, or change "
        "plugins.legaldocs.recipients_notice in mkdocs.yml if a shorter notice is right."
    ) in found[0]


def test_without_recipients_notice_there_is_no_such_warning(tmp_path: Path) -> None:
    site = five_versions(tmp_path)
    edit(site / "mkdocs.yml", "      recipients_notice: 30\n", "")
    result = mkdocs(site, "build", "--strict", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "sub-processor" not in result.stderr


def test_each_entry_has_its_history_page(built: tuple[Path, str]) -> None:
    site, _ = built
    # The CRM sub-processor: added in V2, and nothing since.
    assert entries(site, "privacy/recipients/crm/index.html") == [V2]
    row = entry_row(site, "privacy/recipients/crm/index.html", V2)
    assert "ld-inserted" in row.get("class") and row.xpath(".//ins")
    # Mailer: added with the register (V1), removed in V4.
    assert entries(site, "privacy/recipients/mailer/index.html") == [V4, V1]
    assert "ld-deleted" in entry_row(site, "privacy/recipients/mailer/index.html", V4).get("class")
    # Hosting: renamed in V5 (its id kept): changed, not removed and added.
    assert entries(site, "privacy/recipients/hosting/index.html") == [V5, V1]
    renamed = entry_row(site, "privacy/recipients/hosting/index.html", V5)
    assert "ld-changed" in renamed.get("class")
    assert renamed.xpath(".//del/text()") == ["GmbH"] and renamed.xpath(".//ins/text()") == ["SE"]
    root = page(site, "privacy/recipients/hosting/index.html")
    assert text(root.xpath("//article//h1")[0]) == "Privacy & Cookie Policy: history of the recipient “Hosting SE”"
    # Each redline is a table under its header row, each cell labelled for a phone.
    table = root.xpath(f"//section[@id='v-{V5}']//div[@class='ld-redline']/table")[0]
    assert table.xpath("thead/tr/th/text()")[:2] == ["Recipient", "Role"]
    assert [c.get("data-label") for c in renamed][:2] == ["Recipient", "Role"]
    # The cookie whose duration changed in V3.
    assert entries(site, "privacy/cookies/matomo/index.html") == [V3, V1]
    longer = entry_row(site, "privacy/cookies/matomo/index.html", V3)
    assert longer.xpath(".//del/text()") == ["13"] and longer.xpath(".//ins/text()") == ["25"]
    assert entries(site, "privacy/cookies/session/index.html") == [V1]


def test_no_id_twice_on_a_history_page(built: tuple[Path, str]) -> None:
    site, _ = built
    ids = page(site, "privacy/recipients/hosting/index.html").xpath("//@id")
    assert len(ids) == len(set(ids))


def test_the_current_pages_rows_link_to_their_histories(built: tuple[Path, str]) -> None:
    site, _ = built
    root = page(site, "privacy/index.html")
    links = root.xpath("//div[contains(@class,'ld-recipients')]//tbody/tr/th/a[contains(@class,'ld-history-link')]")
    assert [a.get("href") for a in links] == ["recipients/hosting/", "recipients/crm/"]
    assert links[0].get("aria-label") == "History of the recipient “Hosting GmbH”"
    cookie = root.xpath("//tr[@id='cookie-matomo']/th/a/@href")
    assert cookie == ["cookies/matomo/"]
    for href in [*(a.get("href") for a in links), *cookie]:
        assert (site / "site/privacy" / href / "index.html").is_file()
    # The history page links back to the row in the current version.
    back = page(site, "privacy/recipients/crm/index.html").xpath("//p[contains(@class,'ld-stamp')]/a/@href")[0]
    assert back.endswith("#recipient-crm")


def test_the_changes_pages_count_in_the_registers_words(built: tuple[Path, str]) -> None:
    site, _ = built

    def counts(version: str) -> str:
        return text(page(site, f"privacy/changes/{version}/index.html").xpath("//ul[@class='ld-counts']")[0])

    assert "1 recipient added" in counts(V2) and "table row" not in counts(V2)
    assert "1 cookie changed" in counts(V3)
    assert "1 recipient removed" in counts(V4)
    assert "1 recipient changed" in counts(V5) and "1 recipient added" in counts(V5)
    assert "recipient removed" not in counts(V5), "a renamed recipient is changed, not removed and added"


def test_an_upcoming_new_sub_processor_is_named_on_the_notice_and_banner(built: tuple[Path, str]) -> None:
    site, _ = built
    notice = page(site, "privacy/index.html").xpath("//p[@class='ld-new-processor']")
    assert [text(p) for p in notice] == ["New sub-processor: Helpdesk Oy (see its entry)"]
    assert notice[0].xpath("a/@href") == [f"versions/{V5}/#recipient-support"]
    banner = page(site, f"privacy/versions/{V5}/index.html").xpath("//p[@class='ld-new-processor']")
    assert [text(p) for p in banner] == ["New sub-processor: Helpdesk Oy (see its entry)"]
    assert not page(site, f"privacy/versions/{V4}/index.html").xpath("//p[@class='ld-new-processor']")


def test_the_notice_to_send_says_each_register_row_in_its_own_words(built: tuple[Path, str]) -> None:
    site, _ = built
    result = legaldocs("notice", "--format", "json", V3, cwd=site, env=EPOCH)
    assert result.returncode == 0, result.stderr
    rows = [r for s in json.loads(result.stdout)["sections"] for r in s["rows"]]
    assert rows == ["Cookie changed: _pk_id | ClusterSeven | First party | Analytics | 25 months | Counts visits."]
    result = legaldocs("notice", "--format", "json", V5, cwd=site, env=EPOCH)
    data = json.loads(result.stdout)
    schema = Path(__file__).parent.parent / "plugins/legaldocs/schemas/notice.schema.json"
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))
    rows = [r for s in data["sections"] for r in s["rows"]]
    assert [r.split(" | ")[0] for r in rows] == ["Recipient changed: Hosting SE", "Recipient added: Helpdesk Oy"]
    assert data["counts"]["recipients_changed"] == data["counts"]["recipients_added"] == 1
    assert "1 recipient added" in data["counts_said"]


def test_every_versions_registers_are_exported_and_read_back(built: tuple[Path, str]) -> None:
    site, _ = built
    out = site / "site/privacy"
    names = {}
    for version in (V1, V2, V3, V4, V5):
        data = json.loads((out / f"versions/{version}/recipients.json").read_text(encoding="utf-8"))
        assert data["effective"] == version
        names[version] = [r["name"] for r in data["recipients"]]
        rows = list(csv.DictReader(io.StringIO((out / f"versions/{version}/recipients.csv").read_text("utf-8"))))
        assert [r["name"] for r in rows] == names[version]
    assert names == {
        V1: ["Hosting GmbH", "Mailer Inc."],
        V2: ["Hosting GmbH", "Mailer Inc.", "CRM Ltd"],
        V3: ["Hosting GmbH", "Mailer Inc.", "CRM Ltd"],
        V4: ["Hosting GmbH", "CRM Ltd"],
        V5: ["Hosting SE", "CRM Ltd", "Helpdesk Oy"],
    }
    durations = [
        json.loads((out / f"versions/{v}/cookies.json").read_text(encoding="utf-8"))["cookies"][1]["duration"]
        for v in (V2, V3)
    ]
    assert durations == ["13 months", "25 months"]
    # The version in force (V4 on 2025-01-01), at the document's own address.
    current = json.loads((out / "recipients.json").read_text(encoding="utf-8"))
    assert current["effective"] == V4


def test_versions_json_lists_each_versions_register_exports(built: tuple[Path, str]) -> None:
    site, _ = built
    listed = json.loads((site / "site/privacy/versions.json").read_text(encoding="utf-8"))
    by_date = {v["effective"]: v for v in listed["versions"]}
    assert by_date[V2]["registers"] == {
        "cookies": {"json": f"versions/{V2}/cookies.json", "csv": f"versions/{V2}/cookies.csv"},
        "recipients": {"json": f"versions/{V2}/recipients.json", "csv": f"versions/{V2}/recipients.csv"},
    }
    assert by_date["2018-05-25"]["registers"] == {}, "the first version has none"
    for entry in by_date.values():
        for formats in entry["registers"].values():
            for address in formats.values():
                assert (site / "site/privacy" / address).is_file()


def test_an_entry_history_at_390_px_is_labelled_cards_and_axe_clean(built: tuple[Path, str], tab: Any) -> None:
    site, _ = built
    url, server = serve(site / "site")
    tab.set_viewport_size({"width": 390, "height": 844})
    try:
        tab.goto(url + "privacy/recipients/hosting/")
        check_history_page(tab)
    finally:
        server.shutdown()


def check_history_page(tab: Any) -> None:
    """At 390 px labelled cards, at 1280 px a ruled table; axe clean at both."""
    seen = tab.evaluate(
        """() => {
          const row = document.querySelector('.ld-history-entry .ld-redline tbody tr');
          const cells = [...row.children];
          return {
            labels: cells.map(c => getComputedStyle(c, '::before').content),
            stacked: cells[1].getBoundingClientRect().top > cells[0].getBoundingClientRect().top,
            wide: document.documentElement.scrollWidth,
          };
        }"""
    )
    assert seen["labels"][:2] == ['"Recipient"', '"Role"'] and seen["stacked"]
    assert seen["wide"] <= 390, "nothing runs off the screen"
    assert serious_violations(tab) == []
    # At 1280 px, a table ruled as the register's: each cell has its border.
    tab.set_viewport_size({"width": 1280, "height": 900})
    border = tab.evaluate(
        "() => getComputedStyle(document.querySelector('.ld-history-entry .ld-redline td')).borderTopStyle"
    )
    assert border == "solid"
    assert serious_violations(tab) == []


def test_the_demo_has_both_registers_with_a_history(tmp_path: Path) -> None:
    """`legaldocs demo`: the registers arrive with a version of their own; the upcoming version lengthens
    a cookie and adds a sub-processor, which its notice names."""
    from legaldocs import demo

    site = demo.write(tmp_path / "policy").path
    result = mkdocs(site, "build", "--strict")
    assert result.returncode == 0, result.stderr
    dated = sorted(p.name for p in (site / "site/privacy/versions").iterdir() if p.name[:2] == "20")
    current = page(site, "privacy/index.html")
    assert current.xpath("//div[contains(@class,'ld-cookies')]//tr[@id='cookie-analytics']")
    assert current.xpath("//div[contains(@class,'ld-recipients')]//tr[@id='recipient-mail']")
    assert [text(p) for p in current.xpath("//p[@class='ld-new-processor']")] == [
        "New sub-processor: Backup AB (see its entry)"
    ]
    assert entries(site, "privacy/recipients/backup/index.html") == [dated[-1]]
    assert entries(site, "privacy/recipients/mail/index.html") == [dated[-2]]
    assert entries(site, "privacy/cookies/analytics/index.html") == [dated[-1], dated[-2]]
    longer = entry_row(site, "privacy/cookies/analytics/index.html", dated[-1])
    assert longer.xpath(".//del/text()") == ["13"] and longer.xpath(".//ins/text()") == ["25"]
    assert not (site / f"site/privacy/versions/{dated[-3]}/recipients.json").exists()
    listed = json.loads((site / f"site/privacy/versions/{dated[-1]}/recipients.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in listed["recipients"]] == ["hosting", "mail", "backup"]


def test_legaldocs_diff_points_out_a_new_sub_processor_with_too_little_notice(tmp_path: Path) -> None:
    """Before it is published: the pull request's redline says so, as it does for `notice_period`."""
    site = five_versions(tmp_path)
    today = {"SOURCE_DATE_EPOCH": str(int(datetime(2025, 2, 1, tzinfo=timezone.utc).timestamp()))}
    folder = site / "docs/privacy"
    edit(folder / "document.yml", f"effective: {V5}", "effective: 2025-02-21")
    recipients = folder / "recipients.yml"
    recipients.write_text(recipients.read_text(encoding="utf-8") + CRM.replace("crm", "crm2"), encoding="utf-8")
    result = legaldocs("diff", "--format", "json", cwd=site, env=today)
    assert result.returncode == 0, result.stderr
    (warning,) = [w for w in json.loads(result.stdout)["warnings"] if "recipients_notice" in w]
    assert warning == (
        "docs/privacy: the new version adds 'CRM Ltd' (sub-processor) to recipients.yml and takes effect on "
        "21 February 2025 (2025-02-21), in 20 days counted from today (2025-02-01); a new processor or "
        "sub-processor needs 30 days' notice. Set `effective` at least 30 days from the day it is published, or "
        "change plugins.legaldocs.recipients_notice in mkdocs.yml if a shorter notice is right."
    )
    # Enough notice, or no new processor: nothing said.
    edit(folder / "document.yml", "effective: 2025-02-21", "effective: 2025-03-21")
    result = legaldocs("diff", "--format", "json", cwd=site, env=today)
    assert not [w for w in json.loads(result.stdout)["warnings"] if "recipients_notice" in w]


def test_a_renamed_folder_s_entry_historiesredirect(tmp_path: Path) -> None:
    from git import Repo

    site = five_versions(tmp_path)
    Repo(site).git.mv("docs/privacy", "docs/privacy-policy")
    commit_site(site, "Rename the folder", "2024-12-30")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert redirect(site, "privacy/recipients/mailer/index.html") == "privacy-policy/recipients/mailer/"
    assert redirect(site, "privacy/cookies/matomo/index.html") == "privacy-policy/cookies/matomo/"


TEXT_TABLE = """
| Recipient | Role | Service | Where the data is processed | Transfer safeguard |
| --- | --- | --- | --- | --- |
| Hosting GmbH | Processor | Hosts our servers. | Germany | Not needed (within the EEA) |
| Mailer Inc. | Sub-processor | E-mail. | United States | Standard contractual clauses |
"""


def test_a_list_moved_from_the_text_into_the_register_is_not_every_recipient_added(tmp_path: Path) -> None:
    """The trial: the sub-processors' Markdown table moved into recipients.yml read as each one removed
    and added again, and a recipient's history said it was first added on the day of the move though
    its ``since`` said 2024. Now a row that reads the same is no change, one whose service was
    reworded is a changed recipient, and the history page shows ``since``."""
    site = copy_site(tmp_path / "site")
    folder = site / "docs/privacy"
    section = folder / "sections/disclosure.md"
    written = section.read_text(encoding="utf-8")
    section.write_text(written + TEXT_TABLE, encoding="utf-8")
    edit(folder / "document.yml", "effective: 2018-05-25", f"effective: {V1}")
    commit_site(site, "Sub-processors listed in the text", "2019-01-10")
    (folder / "recipients.yml").write_text(
        SITE_RECIPIENTS.replace("    location: [DE]\n", "    location: [DE]\n    since: 2018-05-25\n"), encoding="utf-8"
    )
    section.write_text(written + "\n{{ recipients }}\n", encoding="utf-8")
    edit(folder / "document.yml", f"effective: {V1}", f"effective: {V2}")
    commit_site(site, "Sub-processors moved into recipients.yml", "2019-04-01")
    said = legaldocs("diff", "--document", "privacy", V1, V2, cwd=site)
    assert said.returncode == 0, said.stderr
    assert "1 recipient changed" in said.stdout and "recipients added" not in said.stdout, said.stdout
    assert "table row" not in said.stdout, said.stdout
    assert "Markup" not in said.stdout and "Hosting GmbH" not in said.stdout, said.stdout
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert entries(site, "privacy/recipients/hosting/index.html") == []
    assert entries(site, "privacy/recipients/mailer/index.html") == [V2]
    row = entry_row(site, "privacy/recipients/mailer/index.html", V2)
    assert "ld-changed" in row.get("class") and row.xpath(".//del/text()") == ["E"]
    since = page(site, "privacy/recipients/hosting/index.html").xpath("//p[contains(@class,'ld-since')]")
    assert [text(p) for p in since] == ["Listed since 25 May 2018, as the register says."]
