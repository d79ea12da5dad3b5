"""Translations of a folder document (issue 20): read against the source's versions, published under
``/<doc>/<lang>/`` with the source's numbers and structure and their own words.

Real git repositories, real builds, assertions on the parsed pages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import build, commit, legaldocs, line_of, mkdocs, page, text
from legaldocs import source, translation
from legaldocs.model import IN_FORCE, Commit, Revision, Version
from translated_site import VERSIONS, epoch, five_versions, german, make_site, write
from translated_site import source as english


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five versions and the German translation, built after it caught up (10 May 2026)."""
    site, _ = five_versions(tmp_path_factory.mktemp("translated"))
    build(site, env=epoch("2026-05-10"))
    return site


# Reading a translation ---------------------------------------------------------------------------


def source_versions(tmp_path: Path) -> list[Version]:
    """The source's versions as history makes them (one revision each), read from files on disk."""
    out = []
    for n, (effective, day) in enumerate(VERSIONS, 1):
        english(tmp_path, n)
        files = source.read_folder(tmp_path / "docs" / "privacy")
        document, problems = source.read_document("privacy", files, "docs/privacy")
        assert not problems and document is not None
        when = Commit(f"{n:040x}", __import__("datetime").datetime.fromisoformat(f"{day}T12:00:00+00:00"), "", "")
        out.append(Version(date.fromisoformat(effective), (Revision(when, document, files),), IN_FORCE))
    return out


def read_translation(tmp_path: Path) -> source.Reading:
    versions = source_versions(tmp_path / "src")
    reader = translation.Reader("privacy/de", versions, "docs/privacy/translations/de", "docs/privacy", "de")
    return reader(source.read_folder(tmp_path / "docs" / "privacy" / "translations" / "de"))


def test_a_translation_takes_structure_from_the_source_and_words_from_its_own_files(tmp_path: Path) -> None:
    german(tmp_path, 3, sections=("who-we-are", "your-rights"))
    reading = read_translation(tmp_path)
    document = reading.document
    assert reading.problems == [] and document is not None
    assert document.effective == date(2026, 3, 1)
    assert document.title == "Datenschutzerklärung" and document.summary == "Fassung 3."
    assert [s.id for s in document.sections] == ["who-we-are", "your-rights", "contact"]  # the source's order
    assert [s.title for s in document.sections] == ["Wer wir sind", "Ihre Rechte", "Contact"]
    assert document.untranslated == ("contact",)
    assert document.facts == {"company": "Example Ltd"}  # the source's value
    assert document.sections[2].path == "docs/privacy/sections/contact.md"


def test_a_date_that_names_no_source_version_is_an_error_at_its_line(tmp_path: Path) -> None:
    german(tmp_path, 3)
    yml = tmp_path / "docs/privacy/translations/de/document.yml"
    yml.write_text(yml.read_text().replace("2026-03-01", "2026-02-15"))
    reading = read_translation(tmp_path)
    assert reading.document is None
    [problem] = reading.problems
    assert problem.where == f"docs/privacy/translations/de/document.yml:{line_of(yml, 'effective')}"
    assert "2026-02-01 and 2026-03-01" in problem.message  # the nearest source versions


def test_a_section_or_fact_the_source_lacks_is_an_error_at_its_file(tmp_path: Path) -> None:
    german(tmp_path, 3)
    folder = tmp_path / "docs/privacy/translations/de"
    write(folder / "sections" / "cookies.md", "# Cookies\n\nText.\n")
    (folder / "document.yml").write_text((folder / "document.yml").read_text() + "facts:\n  dpo: Frau Muster\n")
    reading = read_translation(tmp_path)
    wheres = sorted(p.where for p in reading.problems)
    assert wheres == [
        f"docs/privacy/translations/de/document.yml:{line_of(folder / 'document.yml', 'dpo')}",
        "docs/privacy/translations/de/sections/cookies.md:1",
    ]


# The pages ---------------------------------------------------------------------------------------


def test_translated_pages_are_under_the_language_with_its_words_and_the_sources_numbers(built: Path) -> None:
    root = page(built, "privacy/de/index.html")
    assert root.get("lang") == "de" and root.get("dir") == "ltr"
    article = text(root.xpath("//article")[0])
    assert "Gültig ab 1. Mai 2026" in article and "Effective" not in article
    # The cross-reference is the source's number, in German, to the section's anchor.
    [ref] = root.xpath("//article//a[contains(., 'Abschnitt 3')]")
    assert ref.get("href") == "#contact"
    assert "Kontakttext 5" in article
    # The source stays at /privacy/, in English.
    source_root = page(built, "privacy/index.html")
    assert source_root.get("lang") == "en" and "Contact text 5" in text(source_root)


def test_every_translated_version_has_its_pages_and_a_skipped_one_none(built: Path) -> None:
    site = built / "site" / "privacy" / "de"
    for effective in ("2026-01-01", "2026-03-01", "2026-04-01", "2026-05-01"):
        assert (site / "versions" / effective / "index.html").is_file()
        assert (site / "changes" / effective / "index.html").is_file()
        assert (site / "versions" / effective / "r1" / "index.html").is_file()
    assert not (site / "versions" / "2026-02-01").exists()  # the translation skipped it
    for name in ("compare/index.html", "feed.xml", "versions.json", "sections/contact/index.html"):
        assert (site / name).is_file(), name
    changes = page(built, "privacy/de/changes/2026-03-01/index.html")
    # Against its own version before (the first: it skipped the second).
    assert [text(d) for d in changes.xpath("//article//del")][:1] == ["1"]
    assert [text(i) for i in changes.xpath("//article//ins")][:1] == ["3"]


def test_translation_files_are_no_pages_and_no_part_of_the_source(built: Path) -> None:
    assert not (built / "site" / "privacy" / "translations").exists()
    recorded = json.loads((built / "site" / "privacy" / "versions.json").read_text())
    # Each source version has one revision: a commit touching only the translation makes none.
    assert [len(v["revisions"]) for v in recorded["versions"]] == [1, 1, 1, 1, 1]
    ledger = json.loads((built / "site" / "ledger.json").read_text())
    assert sorted(ledger["documents"]) == ["privacy", "privacy/de"]


def test_a_partial_translation_shows_untranslated_sections_in_the_source_language(tmp_path: Path) -> None:
    site, repo = make_site(tmp_path)
    english(site, 1)
    german(site, 1, sections=("who-we-are",))
    commit(repo, "Version 1 and a partial translation", "2025-12-01")
    build(site, env=epoch("2026-01-10"))
    root = page(site, "privacy/de/index.html")
    sections = root.xpath("//div[@class='ld-document']/section")
    assert [s.get("lang") for s in sections] == [None, "en", "en"]
    notes = root.xpath("//section[@lang='en']/p[contains(@class, 'ld-untranslated-note')]")
    assert [n.get("lang") for n in notes] == ["de", "de"]
    assert "auf Englisch gezeigt" in text(notes[0])
    assert "Rights text 1" in text(sections[1])


def test_a_wrong_date_fails_the_build_and_check_at_its_line(tmp_path: Path) -> None:
    site, repo = make_site(tmp_path)
    english(site, 1)
    german(site, 1)
    yml = site / "docs/privacy/translations/de/document.yml"
    yml.write_text(yml.read_text().replace("2026-01-01", "2026-01-02"))
    commit(repo, "A translation of a version that does not exist", "2025-12-01")
    where = f"docs/privacy/translations/de/document.yml:{line_of(yml, 'effective')}"
    result = mkdocs(site, "build", env=epoch("2026-01-10"))
    assert result.returncode != 0 and where in result.stderr
    checked = legaldocs("check", cwd=site, env=epoch("2026-01-10"))
    assert checked.returncode != 0 and where in checked.stdout + checked.stderr
