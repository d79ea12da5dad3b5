"""A translation's registers (issues 20 and 21): the source's entries, names and codes; the translation's
texts (a cookie's purpose, a recipient's service, captions) by the source's ids; legaldocs' words of
categories, roles, parties, durations and safeguards in the page's language; exports and entry histories
under the language's prefix.

Real git repositories, real builds, assertions on the parsed pages and the parsed exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from git import Repo
from helpers import build, commit, legaldocs, line_of, page, text
from legaldocs.words import translator
from translated_site import english_of_legaldocs, epoch, german, make_site, source, write

COOKIES = """\
caption: Cookies we set
cookies:
  - id: session
    name: sessionid
    provider: Example Ltd
    party: first
    category: strictly_necessary
    duration: session
    purpose: Keeps you signed in.
  - id: stats
    name: _pk_id
    provider: Matomo Cloud
    party: third
    category: analytics
    duration: 13 months
    purpose: Counts visits.
"""
RECIPIENTS = """\
recipients:
  - id: hosting
    name: Example Cloud GmbH
    role: processor
    service: Hosts our site.
    location: [DE]
  - id: mail
    name: Postmark Mail Inc.
    role: sub_processor
    service: Sends our e-mails.
    location: [US]
    transfer: scc
"""
GERMAN_COOKIES = """\
caption: Cookies, die wir setzen
cookies:
  - id: session
    purpose: Hält Sie angemeldet.
  - id: stats
    purpose: Zählt Besuche.
"""
GERMAN_RECIPIENTS = """\
recipients:
  - id: hosting
    service: Betreibt unsere Website.
  - id: mail
    service: Versendet unsere E-Mails.
"""


def with_registers(site: Path, n: int) -> None:
    """Source version ``n`` with both registers, placed in its contact section."""
    source(site, n)
    doc = site / "docs" / "privacy"
    write(doc / "cookies.yml", COOKIES)
    write(doc / "recipients.yml", RECIPIENTS)
    contact = doc / "sections" / "contact.md"
    write(contact, contact.read_text(encoding="utf-8") + "\n{{ cookies }}\n\n{{ recipients }}\n")


def german_with_registers(
    site: Path, n: int, cookies: str = GERMAN_COOKIES, recipients: str = GERMAN_RECIPIENTS
) -> Path:
    german(site, n)
    folder = site / "docs" / "privacy" / "translations" / "de"
    write(folder / "cookies.yml", cookies)
    write(folder / "recipients.yml", recipients)
    contact = folder / "sections" / "contact.md"
    write(contact, contact.read_text(encoding="utf-8") + "\n{{ cookies }}\n\n{{ recipients }}\n")
    return folder


def registers_site(tmp_path: Path) -> tuple[Path, Repo]:
    site, repo = make_site(tmp_path)
    with_registers(site, 1)
    german_with_registers(site, 1)
    commit(repo, "Version 1 with its registers, translated", "2025-12-01")
    return site, repo


def rows(root: object, kind: str) -> list[list[str]]:
    table = root.xpath(f"//div[contains(@class, 'ld-{kind}')]//table")[0]  # type: ignore[attr-defined]
    # The first cell: the entry's name (its history link after it, checked elsewhere).
    return [
        [r.xpath("string(./th/text())").strip(), *(text(c) for c in r.xpath("./td"))]
        for r in table.xpath(".//tbody/tr")
    ]


def test_a_translations_registers_show_its_texts_and_legaldocs_words_in_its_language(tmp_path: Path) -> None:
    site, _ = registers_site(tmp_path)
    build(site, env=epoch("2026-01-10"))
    root = page(site, "privacy/de/index.html")
    t = translator("de")
    cookies = root.xpath("//div[contains(@class, 'ld-cookies')]//caption")[0]
    assert text(cookies) == "Cookies, die wir setzen"
    assert rows(root, "cookies") == [
        ["sessionid", "Example Ltd", t("First party"), t("Strictly necessary"), t("Session"), "Hält Sie angemeldet."],
        ["_pk_id", "Matomo Cloud", t("Third party"), t("Analytics"), t("{count} months", count=13), "Zählt Besuche."],
    ]
    assert rows(root, "recipients") == [
        ["Example Cloud GmbH", t("Processor"), "Betreibt unsere Website.", "Deutschland",
         t("Not needed (within the EEA)")],
        ["Postmark Mail Inc.", t("Sub-processor"), "Versendet unsere E-Mails.", "Vereinigte Staaten",
         t("Standard contractual clauses")],
    ]  # fmt: skip
    assert t("Sub-processor") != "Sub-processor"  # the German catalogue words it
    assert english_of_legaldocs(site, "privacy/de") == {}


def test_a_translations_register_exports_and_entry_histories_are_under_its_language(tmp_path: Path) -> None:
    site, _ = registers_site(tmp_path)
    build(site, env=epoch("2026-01-10"))
    out = site / "site" / "privacy" / "de"
    exported = json.loads((out / "recipients.json").read_text(encoding="utf-8"))
    assert exported["title"] == "Datenschutzerklärung"
    assert [(r["name"], r["service"], r["location"]) for r in exported["recipients"]] == [
        ("Example Cloud GmbH", "Betreibt unsere Website.", ["DE"]),
        ("Postmark Mail Inc.", "Versendet unsere E-Mails.", ["US"]),
    ]
    table = list(csv.DictReader(io.StringIO((out / "cookies.csv").read_text(encoding="utf-8"))))
    assert [(c["name"], c["purpose"], c["category"]) for c in table] == [
        ("sessionid", "Hält Sie angemeldet.", "strictly_necessary"),
        ("_pk_id", "Zählt Besuche.", "analytics"),
    ]
    version = json.loads((out / "versions" / "2026-01-01" / "recipients.json").read_text(encoding="utf-8"))
    assert version["recipients"][1]["service"] == "Versendet unsere E-Mails."
    history = page(site, "privacy/de/recipients/mail/index.html")
    assert history.get("lang") == "de"
    # The source's exports keep the source's texts.
    own = json.loads((site / "site" / "privacy" / "recipients.json").read_text(encoding="utf-8"))
    assert own["recipients"][1]["service"] == "Sends our e-mails."


def test_a_translations_register_may_give_only_texts_by_the_sources_ids(tmp_path: Path) -> None:
    site, repo = make_site(tmp_path)
    with_registers(site, 1)
    folder = german_with_registers(
        site,
        1,
        recipients=GERMAN_RECIPIENTS.replace("  - id: mail\n", "  - id: mail\n    name: Postmark Post AG\n")
        + "  - id: backup\n    service: Sichert unsere Daten.\n",
        cookies=GERMAN_COOKIES + "colour: blau\n",
    )
    commit(repo, "Version 1, translated, with names and an id the source lacks", "2025-12-01")
    checked = legaldocs("check", cwd=site, env=epoch("2026-01-10"))
    said = checked.stdout + checked.stderr
    assert checked.returncode != 0
    shown = "docs/privacy/translations/de/recipients.yml"
    assert f"{shown}:{line_of(folder / 'recipients.yml', 'name: Postmark')}: 'name' cannot be translated" in said, said
    assert (
        f"{shown}:{line_of(folder / 'recipients.yml', '- id: backup')}: the source's recipients.yml has no entry "
        in said
    )
    assert "use the source's ids: hosting, mail" in said
    cookies = "docs/privacy/translations/de/cookies.yml"
    assert f"{cookies}:{line_of(folder / 'cookies.yml', 'colour')}: unknown key 'colour'" in said, said


def test_a_translations_changed_register_text_is_a_revision_its_redline_marks(tmp_path: Path) -> None:
    """Its own words in a register were outside its fingerprint: a commit changing only a translated service
    changed the German page with no revision, no redline and the ledger's hash unchanged."""
    site, repo = registers_site(tmp_path)
    folder = site / "docs" / "privacy" / "translations" / "de"
    write(folder / "recipients.yml", GERMAN_RECIPIENTS.replace("Versendet unsere E-Mails.", "Versendet Newsletter."))
    commit(repo, "Übersetzung: Dienst des Mail-Anbieters", "2025-12-05")
    build(site, env=epoch("2026-01-10"))
    versions = json.loads((site / "site" / "privacy" / "de" / "versions.json").read_text(encoding="utf-8"))
    (first,) = versions["versions"]
    assert len(first["revisions"]) == 2, first["revisions"]
    assert first["revisions"][0]["sha256"] != first["revisions"][1]["sha256"]
    changes = page(site, f"privacy/de/changes/{first['effective']}/r2/index.html")
    marked = " ".join(text(m) for m in changes.xpath("//article//ins | //article//del"))
    assert "Newsletter" in marked and "E-Mails" in marked, marked
