"""Translations of a one-file document (issue 20): `translations: {de: de/privacy.md}` in its entry, sections
paired with the source's by position or by explicit `{#id}`, mismatches said at file:line.

Real git repositories, real builds, assertions on the parsed pages."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from git import Repo
from helpers import build, commit, legaldocs, line_of, mkdocs, page, text
from translated_site import epoch, make_site, write

ENTRY = """:
      documents:
        - name: privacy
          file: en/privacy.md
          language: en
          binding_language: en
          translations:
            de: de/privacy.md
"""

ENGLISH = """\
# Privacy Policy

Effective date: {date}

## Who we are

Example Ltd. Edition {n}.

## Your rights

Ask us. Rights {n}.

## Contact

Write to us. Contact {n}.
"""

GERMAN = """\
# Datenschutzerklärung

Gültig ab: {date}

## Wer wir sind

Example Ltd. Ausgabe {n}.

## Ihre Rechte

Fragen Sie uns. Rechte {n}.

## Kontakt

Schreiben Sie uns. Kontakt {n}.
"""


def site_with_files(tmp_path: Path) -> tuple[Path, Repo]:
    site, repo = make_site(tmp_path, ENTRY)
    write(site / "docs" / ".keep", "")  # MkDocs needs a docs/ folder; the documents are elsewhere
    write(site / "en" / "privacy.md", ENGLISH.format(date="January 1, 2026", n=1))
    write(site / "de" / "privacy.md", GERMAN.format(date="1. Januar 2026", n=1))
    commit(repo, "Version 1, in English and German", "2025-12-01")
    write(site / "en" / "privacy.md", ENGLISH.format(date="March 1, 2026", n=2))
    commit(repo, "Version 2", "2026-01-15")
    return site, repo


def test_a_file_translation_is_published_under_its_language_paired_by_position(tmp_path: Path) -> None:
    site, repo = site_with_files(tmp_path)
    write(site / "de" / "privacy.md", GERMAN.format(date="1. März 2026", n=2))
    commit(repo, "Deutsche Fassung 2", "2026-01-20")
    build(site, env=epoch("2026-03-10"))
    root = page(site, "privacy/de/index.html")
    assert root.get("lang") == "de"
    sections = root.xpath("//div[@class='ld-document']/section")
    assert [s.get("lang") for s in sections] == [None, None, None]  # every section translated
    assert "Kontakt 2" in text(sections[2])
    # The source's section ids: the same anchors in both languages.
    assert [s.xpath("string(.//h2/@id)") for s in sections] == [
        s.xpath("string(.//h2/@id)")
        for s in page(site, "privacy/index.html").xpath("//div[@class='ld-document']/section")
    ]
    assert (site / "site" / "privacy" / "de" / "versions" / "2026-01-01" / "index.html").is_file()
    assert "verbindlich ist der Text auf Englisch" in text(root)


def test_a_different_count_of_sections_is_a_warning_at_the_file(tmp_path: Path) -> None:
    site, repo = site_with_files(tmp_path)
    german = GERMAN.format(date="1. März 2026", n=2).replace("## Kontakt\n\nSchreiben Sie uns. Kontakt 2.\n", "")
    write(site / "de" / "privacy.md", german)
    commit(repo, "Deutsche Fassung 2, ohne Kontakt", "2026-01-20")
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    said = checked.stdout + checked.stderr
    assert f"de/privacy.md:{line_of(site / 'de' / 'privacy.md', '## Wer wir sind')}" in said, said
    assert "the translation has 2 sections and the source version effective 2026-03-01 has 3" in said
    root = built_without_strict(site)
    sections = root.xpath("//div[@class='ld-document']/section")
    assert [s.get("lang") for s in sections] == [None, None, "en"]  # the third shown in English, marked


def built_without_strict(site: Path) -> lxml.html.HtmlElement:
    """The German current page of a build that warns (so not --strict)."""
    result = mkdocs(site, "build", env=epoch("2026-03-10"))
    assert result.returncode == 0, result.stderr
    return page(site, "privacy/de/index.html")


def test_visible_and_machine_readable_dates_that_disagree_are_a_warning(tmp_path: Path) -> None:
    site, repo = site_with_files(tmp_path)
    german = "---\neffective: 2026-03-01\n---\n" + GERMAN.format(date="1. Februar 2026", n=2)
    write(site / "de" / "privacy.md", german)
    commit(repo, "Deutsche Fassung 2, falsches Datum im Text", "2026-01-20")
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    said = checked.stdout + checked.stderr
    assert f"de/privacy.md:{line_of(site / 'de' / 'privacy.md', 'Gültig ab')}" in said, said
    assert "shows the date 2026-02-01, but front matter says `effective: 2026-03-01`" in said


def test_a_file_translation_of_no_source_version_is_an_error_with_the_nearest_dates(tmp_path: Path) -> None:
    site, repo = site_with_files(tmp_path)
    write(site / "de" / "privacy.md", GERMAN.format(date="15. Februar 2026", n=2))
    commit(repo, "Deutsche Fassung mit falschem Datum", "2026-01-20")
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    said = checked.stdout + checked.stderr
    assert checked.returncode != 0
    assert f"de/privacy.md:{line_of(site / 'de' / 'privacy.md', 'Gültig ab')}" in said, said
    assert "2026-01-01 and 2026-03-01" in said


def test_a_file_translations_cross_references_name_the_source_sections(tmp_path: Path) -> None:
    """`{{ section: your-rights }}` in the German file names the source's section (its own heading's slug
    is another word), and shows the source's number in German: a translated reference cannot drift."""
    site, repo = site_with_files(tmp_path)
    german = GERMAN.format(date="1. März 2026", n=2).replace(
        "Example Ltd. Ausgabe 2.", "Example Ltd. Ausgabe 2. Siehe {{ section: your-rights }}."
    )
    write(site / "de" / "privacy.md", german)
    commit(repo, "Deutsche Fassung 2 mit Verweis", "2026-01-20")
    build(site, env=epoch("2026-03-10"))
    link = page(site, "privacy/de/index.html").xpath("//a[@class='ld-xref']")
    assert [(a.get("href"), text(a)) for a in link] == [("#your-rights", "Abschnitt 2")]


def test_a_file_translations_reference_to_its_own_heading_is_an_error_naming_the_source_ids(tmp_path: Path) -> None:
    site, repo = site_with_files(tmp_path)
    german = GERMAN.format(date="1. März 2026", n=2).replace(
        "Example Ltd. Ausgabe 2.", "Example Ltd. Ausgabe 2. Siehe {{ section: ihre-rechte }}."
    )
    write(site / "de" / "privacy.md", german)
    commit(repo, "Deutsche Fassung 2 mit eigenem Verweis", "2026-01-20")
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    said = checked.stdout + checked.stderr
    assert checked.returncode != 0
    assert f"de/privacy.md:{line_of(site / 'de' / 'privacy.md', 'ihre-rechte')}" in said, said
    assert "the source (en/privacy.md): contact, who-we-are, your-rights" in said, said


def test_source_sections_moved_warn_where_a_file_translation_is_paired_by_position(tmp_path: Path) -> None:
    site, repo = site_with_files(tmp_path)
    moved = ENGLISH.format(date="March 1, 2026", n=2)
    rights = "## Your rights\n\nAsk us. Rights 2.\n\n"
    moved = moved.replace(rights, "") + "\n" + rights.rstrip("\n") + "\n"  # Your rights now last
    write(site / "en" / "privacy.md", moved)
    commit(repo, "Version 2: rights last", "2026-01-16")
    write(site / "de" / "privacy.md", GERMAN.format(date="1. März 2026", n=2))  # kept the old order
    commit(repo, "Deutsche Fassung 2", "2026-01-20")
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    said = checked.stdout + checked.stderr
    assert f"de/privacy.md:{line_of(site / 'de' / 'privacy.md', '## Ihre Rechte')}" in said, said
    assert "moved sections since the version effective 2026-01-01" in said, said
    assert "{#contact}" in said
    # With the source's ids on its headings, the translation is paired by id and nothing is said.
    german = (
        GERMAN.format(date="1. März 2026", n=2)
        .replace("## Wer wir sind", "## Wer wir sind {#who-we-are}")
        .replace("## Ihre Rechte", "## Ihre Rechte {#your-rights}")
        .replace("## Kontakt", "## Kontakt {#contact}")
    )
    write(site / "de" / "privacy.md", german)
    commit(repo, "Deutsche Fassung 2 mit ids", "2026-01-21")
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    assert "moved sections" not in checked.stdout + checked.stderr


def test_the_pre_commit_check_reads_a_file_translation_of_the_version_on_disk(tmp_path: Path) -> None:
    """`check --working-copy` (no git) reads a one-file translation as it does a folder's: one of the
    source's version on disk with every rule; one of an older version is left to `check`."""
    site, _repo = site_with_files(tmp_path)
    german = GERMAN.format(date="1. März 2026", n=2).replace("Rechte 2.", "Rechte 2. {{ section: kontakt }}")
    write(site / "de" / "privacy.md", german)
    checked = legaldocs("check", "--working-copy", cwd=site)
    said = checked.stdout + checked.stderr
    assert checked.returncode != 0, said
    assert f"de/privacy.md:{line_of(site / 'de' / 'privacy.md', 'kontakt }}')}" in said, said
    write(site / "de" / "privacy.md", GERMAN.format(date="1. Januar 2026", n=1) + "\n{{ section: kontakt }}\n")
    older = legaldocs("check", "--working-copy", cwd=site)
    assert older.returncode == 0, older.stdout + older.stderr


def test_a_lagging_file_translation_is_warned_about_at_its_file(tmp_path: Path) -> None:
    site, _repo = site_with_files(tmp_path)  # version 2 in force, the German file still translates version 1
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    said = checked.stdout + checked.stderr
    assert "warning: de/privacy.md: the de translation lags" in said, said
    assert "privacy.md/document.yml" not in said
