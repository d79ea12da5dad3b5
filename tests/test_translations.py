"""Translations of a folder document (issue 20): read against the source's versions, published under
``/<doc>/<lang>/`` with the source's numbers and structure and their own words.

Real git repositories, real builds, assertions on the parsed pages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import lxml.etree
import lxml.html
import pytest
from helpers import build, commit, legaldocs, line_of, mkdocs, page, redirect, text
from legaldocs import feed, source, translation
from legaldocs.model import IN_FORCE, Commit, Revision, Version
from translated_site import VERSIONS, english_of_legaldocs, epoch, five_versions, german, make_site, write
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
    labels = set(root.xpath("//div[@class='ld-document']//h2/a[@class='headerlink']/@aria-label"))
    assert labels == {"Link zu diesem Abschnitt"}  # legaldocs' own words, in the page's language
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


# A translation behind its source -----------------------------------------------------------------


@pytest.fixture(scope="module")
def lagging(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five versions, the fifth (in force from 1 May) not translated yet; binding_language: en."""
    options = ":\n      documents:\n        - name: privacy\n          binding_language: en"
    site, _ = five_versions(tmp_path_factory.mktemp("lagging"), translate_fifth=False, options=options)
    build(site, env=epoch("2026-05-04"))
    return site


def test_a_lagging_translation_says_so_in_its_language_with_a_link_to_the_binding_text(lagging: Path) -> None:
    root = page(lagging, "privacy/de/index.html")
    [notice] = root.xpath("//article//div[contains(@class, 'ld-translation-lag')]")
    said = text(notice)
    assert "gibt die Fassung gültig ab 1. April 2026 wieder" in said
    assert "Die seit 1. Mai 2026 geltende Fassung ist noch nicht übersetzt" in said
    [link] = notice.xpath(".//a")
    assert link.get("href") == "../" and link.get("hreflang") == "en"
    assert [t.get("datetime") for t in notice.xpath(".//time")] == ["2026-04-01", "2026-05-01"]
    assert "Ausgabe 4" in text(root)  # the latest translation is still shown
    # The binding-language sentence, on every translated page, not on the source's.
    sentence = "verbindlich ist der Text auf Englisch"
    assert sentence in text(page(lagging, "privacy/de/versions/2026-03-01/index.html"))
    assert sentence in text(root)
    assert not page(lagging, "privacy/index.html").xpath("//p[contains(@class, 'ld-binding')]")
    # The translated version is not "in force" because nothing newer is translated: its status is its source's.
    badge = page(lagging, "privacy/de/changes/2026-04-01/index.html").xpath("//span[contains(@class, 'ld-status')]")
    assert [text(b) for b in badge] == ["Ersetzt"]
    recorded = json.loads((lagging / "site" / "privacy" / "de" / "versions.json").read_text())
    assert [v["status"] for v in recorded["versions"]] == ["superseded", "superseded", "superseded"]


def test_a_translation_that_caught_up_has_no_notice(built: Path) -> None:
    root = page(built, "privacy/de/index.html")
    assert not root.xpath("//div[contains(@class, 'ld-translation-lag')]")
    assert not root.xpath("//p[contains(@class, 'ld-binding')]")  # binding_language is not set there


def test_check_warns_of_a_lag_and_strict_fails_until_acknowledged(tmp_path: Path) -> None:
    site, repo = five_versions(tmp_path, translate_fifth=False)
    inside = legaldocs("check", "--strict", cwd=site, env=epoch("2026-05-04"))
    assert inside.returncode != 0
    assert "docs/privacy/translations/de/document.yml" in inside.stdout + inside.stderr
    assert "2026-05-01" in inside.stdout + inside.stderr
    # An upcoming version is warned about within translation_days (14) of its date, never before.
    early = legaldocs("check", "--strict", cwd=site, env=epoch("2026-04-10"))
    assert early.returncode == 0, early.stdout + early.stderr
    due = legaldocs("check", "--strict", cwd=site, env=epoch("2026-04-20"))
    assert due.returncode != 0 and "takes effect in 11 days" in due.stdout + due.stderr
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - legaldocs\n",
            "  - legaldocs:\n      acknowledge:\n        - translation: de\n          version: 2026-05-01\n"
            "          reason: The German text is with the translator.\n",
        )
    )
    commit(repo, "Acknowledge the German lag", "2026-05-02")
    acknowledged = legaldocs("check", "--strict", cwd=site, env=epoch("2026-05-04"))
    assert acknowledged.returncode == 0, acknowledged.stdout + acknowledged.stderr
    build(site, env=epoch("2026-05-04"))
    notice = page(site, "privacy/de/index.html").xpath("//div[contains(@class, 'ld-translation-lag')]")[0]
    assert "The German text is with the translator." in text(notice)  # shown publicly


def test_check_says_nothing_of_the_past(tmp_path: Path) -> None:
    """The translation skipped the second version: superseded now, so nothing to act on."""
    site, _ = five_versions(tmp_path)
    checked = legaldocs("check", "--strict", cwd=site, env=epoch("2026-05-10"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


# Languages of one page ----------------------------------------------------------------------------


def test_every_page_links_its_other_languages_and_hreflang_pairs_hold_both_ways(built: Path) -> None:
    out = built / "site"
    pairs = set()
    for html in out.joinpath("privacy").rglob("index.html"):
        root = lxml.html.parse(str(html)).getroot()
        if root.xpath("//meta[@http-equiv='refresh']"):
            continue
        here = html.parent
        switcher = root.xpath("//nav[contains(@class, 'ld-languages')]")
        assert switcher, html
        for a in switcher[0].xpath(".//a"):
            assert (here / a.get("href")).resolve().joinpath("index.html").is_file(), (html, a.get("href"))
        for link in root.xpath("//head/link[@rel='alternate'][@hreflang]"):
            target = (here / link.get("href")).resolve()
            assert target.joinpath("index.html").is_file(), (html, link.get("href"))
            pairs.add((here.resolve(), link.get("hreflang"), target))
    assert pairs
    languages = {here: {tag for h, tag, t in pairs if h == here} for here, _, _ in pairs}
    for here, tag, target in pairs:
        # The page it names names this page back, under this page's own language.
        own = "de" if "/de/" in f"{here}/" else "en"
        assert (target, own, here) in pairs, (here, tag, target)
        assert languages[here] == {"en", "de"}
    # The second version has no translation: its page has no alternates, and its switcher leads to the
    # German current page.
    second = page(built, "privacy/versions/2026-02-01/index.html")
    assert not second.xpath("//head/link[@hreflang]")
    assert second.xpath("//nav[contains(@class, 'ld-languages')]//a/@href") == ["../../de/"]


def test_versions_json_and_the_feed_say_the_lag(lagging: Path, built: Path) -> None:
    behind = json.loads((lagging / "site" / "privacy" / "de" / "versions.json").read_text())
    assert behind["language"] == "de" and behind["lagging_since"] == "2026-05-01"
    assert behind["translation_of"] == "../versions.json"
    assert [v["effective"] for v in behind["versions"]] == ["2026-01-01", "2026-03-01", "2026-04-01"]
    assert "language" not in json.loads((lagging / "site" / "privacy" / "versions.json").read_text())
    caught_up = json.loads((built / "site" / "privacy" / "de" / "versions.json").read_text())
    assert caught_up["lagging_since"] is None
    schema = json.loads((Path(feed.__file__).parent / "schemas" / "versions.schema.json").read_text())
    jsonschema.validate(behind, schema)
    jsonschema.validate(caught_up, schema)
    entries = lxml.etree.parse(str(lagging / "site" / "privacy" / "de" / "feed.xml")).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    contents = {e.findtext(f"{atom}title"): e.findtext(f"{atom}content") for e in entries.iter(f"{atom}entry")}
    newest = next(c for i, c in contents.items() if "2026-04-01" in i)
    assert "ld-translation-lag" in newest and "noch nicht übersetzt" in newest
    assert all("ld-translation-lag" not in c for i, c in contents.items() if "2026-04-01" not in i)


def test_a_revision_of_the_source_changes_no_translation_in_the_ledger(tmp_path: Path) -> None:
    """What a translation takes from its source is the source's record: the deployed ledger still holds."""
    site, repo = make_site(tmp_path)
    english(site, 1)
    german(site, 1, sections=("who-we-are",))
    commit(repo, "Version 1 and a partial translation", "2025-12-01")
    build(site, env=epoch("2026-01-10"))
    (site / "deployed-ledger.json").write_text((site / "site" / "ledger.json").read_text())
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - legaldocs\n", "  - legaldocs:\n      ledger: deployed-ledger.json\n")
    )
    # A correction of the source: an untranslated section and a fact change, the version stays.
    contact = site / "docs/privacy/sections/contact.md"
    contact.write_text(contact.read_text().replace("Write to us.", "Write to us by post."))
    yml = site / "docs/privacy/document.yml"
    yml.write_text(yml.read_text().replace("Example Ltd", "Example Limited"))
    commit(repo, "Correct the contact section and the company's name", "2026-01-05")
    build(site, env=epoch("2026-01-10"))  # the ledger check passes
    recorded = json.loads((site / "site" / "privacy" / "de" / "versions.json").read_text())
    assert [len(v["revisions"]) for v in recorded["versions"]] == [1]  # no revision of the translation
    root = page(site, "privacy/de/index.html")
    assert "Write to us by post." in text(root) and "Wir sind Example Limited." in text(root)


def test_a_translated_purpose_table_keeps_the_sources_rows_and_bases(tmp_path: Path) -> None:
    from helpers import files

    source_files = files()
    document, problems = source.read_document("privacy", source_files, "docs/privacy")
    assert not problems and document is not None
    when = Commit("a" * 40, __import__("datetime").datetime(2024, 2, 1, 12), "", "")
    versions = [Version(document.effective, (Revision(when, document, source_files),), IN_FORCE)]
    reader = translation.Reader("privacy/de", versions, "docs/privacy/translations/de", "docs/privacy", "de")
    translated = {
        "document.yml": b"title: Beispiel\neffective: 2024-03-01\nsummary: Erste Fassung.\n",
        "purposes.yml": (
            "caption: Wie wir Ihre Daten verwenden\n"
            "bases:\n  contract: Vertragserfüllung\n"
            "data_types:\n  - id: contact\n    label: Kontaktdaten\n"
            "purposes:\n  - id: service\n    purpose: Um den Dienst zu erbringen.\n"
            "    interests:\n      legitimate_interests: um den Dienst sicher zu halten\n"
            "  - id: newsletter\n    purpose: Newsletter.\n"
        ).encode(),
    }
    reading = reader(translated)
    table = reading.document.purposes if reading.document else None
    assert table is not None and table.caption == "Wie wir Ihre Daten verwenden"
    assert [d.label for d in table.data_types] == ["Kontaktdaten", "Usage"]
    [service] = table.purposes
    assert service.text == "Um den Dienst zu erbringen." and service.data == ("contact", "usage")
    assert [(b.key, b.interest) for b in service.bases] == [
        ("contract", ""),
        ("legitimate_interests", "um den Dienst sicher zu halten"),
    ]
    assert table.basis_wording["contract"] == "Vertragserfüllung"
    # A purpose the source does not have: an error at its line.
    [problem] = reading.problems
    assert problem.where == "docs/privacy/translations/de/purposes.yml:12" and "'newsletter'" in problem.message


def test_check_warns_of_untranslated_sections_in_force_not_of_the_past(tmp_path: Path) -> None:
    site, repo = make_site(tmp_path)
    english(site, 1)
    german(site, 1, sections=("who-we-are",))
    commit(repo, "Version 1 and a partial translation", "2025-12-01")
    checked = legaldocs("check", "--strict", cwd=site, env=epoch("2026-01-10"))
    said = checked.stdout + checked.stderr
    assert checked.returncode != 0
    assert "docs/privacy/translations/de/document.yml" in said and "your-rights, contact" in said
    english(site, 2)
    german(site, 2)
    commit(repo, "Version 2, translated whole", "2026-01-02")
    later = legaldocs("check", "--strict", cwd=site, env=epoch("2026-02-10"))
    assert later.returncode == 0, later.stdout + later.stderr  # the partial one is superseded: the past


def test_a_language_written_right_to_left_says_so_on_html() -> None:
    from legaldocs.pages import html_language

    assert translation.direction("ar") == "rtl" and translation.direction("he") == "rtl"
    assert translation.direction("de") == "ltr" and translation.direction("xx-unknown") == "ltr"
    page_html = '<!doctype html><html lang="en" class="no-js"><head></head></html>'
    assert html_language(page_html, "ar").startswith('<!doctype html><html class="no-js" lang="ar" dir="rtl">')
    assert translation.address("pt-BR") == "pt-br" and translation.language_name("en", "de") == "Englisch"


def test_a_folder_that_would_take_a_page_of_the_document_is_no_translation(tmp_path: Path) -> None:
    """/privacy/at/ is the point-in-time page: a folder translations/at/ is said, not published over it."""
    site, repo = make_site(tmp_path)
    english(site, 1)
    german(site, 1)
    at = site / "docs/privacy/translations/at"
    at.mkdir()
    (at / "document.yml").write_text("title: X\neffective: 2026-01-01\nsummary: Y.\n")
    commit(repo, "A folder named like a page", "2025-12-01")
    result = mkdocs(site, "build", env=epoch("2026-01-10"))
    assert result.returncode == 0, result.stderr
    assert "docs/privacy/translations/at: 'at' is the address of one of the document's own pages" in result.stderr
    assert (site / "site" / "privacy" / "at" / "index.html").is_file()  # still the point-in-time page
    assert page(site, "privacy/de/index.html").get("lang") == "de"


def test_the_pre_commit_check_reads_a_translation_of_the_version_on_disk(tmp_path: Path) -> None:
    """`check --working-copy` (no git) checks a translation of the source's version on disk; one of an
    older version is left to `check`, which knows the history."""
    site, repo = make_site(tmp_path)
    english(site, 2)
    german(site, 2)
    folder = site / "docs/privacy/translations/de"
    write(folder / "sections" / "cookies.md", "# Cookies\n\nText.\n")
    commit(repo, "Version 2, translated, and a section the source lacks", "2026-01-02")
    checked = legaldocs("check", "--working-copy", cwd=site)
    said = checked.stdout + checked.stderr
    assert checked.returncode != 0 and "docs/privacy/translations/de/sections/cookies.md:1" in said, said
    german(site, 1)  # a translation of the version before: only history can tell whether that exists
    (folder / "sections" / "cookies.md").unlink()
    older = legaldocs("check", "--working-copy", cwd=site)
    assert older.returncode == 0, older.stdout + older.stderr


def test_diff_of_a_folder_document_shows_its_translation_s_change(tmp_path: Path) -> None:
    """`legaldocs diff` compared the source only, and `--document privacy/de` was refused as not a folder."""
    site, _ = five_versions(tmp_path)
    path = site / "docs" / "privacy" / "translations" / "de" / "sections" / "contact.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Schreiben Sie uns.", "Schreiben Sie uns gern."))
    said = legaldocs("diff", cwd=site, env=epoch("2026-05-10"))
    assert said.returncode == 0, said.stderr
    assert "No changes to the text." in said.stdout  # the source
    assert "docs/privacy/translations/de" in said.stdout and "{+ gern+}" in said.stdout, said.stdout
    one = legaldocs("diff", "--document", "privacy/de", "--format", "json", cwd=site, env=epoch("2026-05-10"))
    assert one.returncode == 0, one.stderr
    data = json.loads(one.stdout)
    assert (data["document"], data["language"], data["counts"]["words_added"]) == ("privacy/de", "de", 1)
    assert "translations" not in data


def test_diff_shows_a_translation_a_pull_request_adds_that_the_checkout_lacks(tmp_path: Path) -> None:
    """The PR workflow runs `legaldocs diff FORK_POINT SHA` in the default branch's checkout: a translation
    folder only the pull request's commits hold must still be compared (found in git, not on disk)."""
    site, repo = make_site(tmp_path)
    english(site, 1)
    commit(repo, "Version 1", "2025-12-01")
    repo.git.checkout("-b", "add-german")
    german(site, 1)
    commit(repo, "Deutsche Fassung 1", "2025-12-02")
    repo.git.checkout("main")
    assert not (site / "docs" / "privacy" / "translations").exists()
    said = legaldocs("diff", "main", "add-german", cwd=site, env=epoch("2025-12-10"))
    assert said.returncode == 0, said.stderr
    assert "Datenschutzerklärung (docs/privacy/translations/de)" in said.stdout, said.stdout
    assert "Added: {+Wir sind Example Ltd. Ausgabe 1.+}" in said.stdout


def test_new_version_of_a_folder_translation_says_its_version_is_set_by_its_date(tmp_path: Path) -> None:
    site, _ = five_versions(tmp_path)
    refused = legaldocs("new-version", "privacy/de", "--effective", "2026-07-01", "--summary", "x", cwd=site)
    assert refused.returncode == 2
    assert "is a translation of 'privacy'" in refused.stderr, refused.stderr
    assert "set `effective:` in docs/privacy/translations/de/document.yml" in refused.stderr


def test_a_german_translations_pages_and_feed_have_no_english_word_of_legaldocs(tmp_path: Path) -> None:
    """Every page of the German translation (its article, title and labels) and its feed (titles, entries,
    the lag notice) are in German: no word of legaldocs' English phrases (issue 20)."""
    site, _ = five_versions(tmp_path, translate_fifth=False)
    build(site, env=epoch("2026-05-03"))
    assert english_of_legaldocs(site, "privacy/de") == {}
    root = lxml.etree.parse(str(site / "site" / "privacy" / "de" / "feed.xml")).getroot()
    titles = root.xpath("//*[local-name()='title']/text()")
    assert titles[:2] == ["Datenschutzerklärung: Fassungen", "Datenschutzerklärung, gültig ab 2026-04-01"]


def test_check_says_that_only_it_fails_on_a_lag_and_the_build_publishes_the_notice(tmp_path: Path) -> None:
    """A lag is check's warning, not the build's (the build publishes the translation with its notice, so
    a late translation never holds back the binding text): the summary says which fails on what, truly."""
    site, _ = five_versions(tmp_path, translate_fifth=False)
    checked = legaldocs("check", cwd=site, env=epoch("2026-05-04"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "mkdocs build --strict" not in checked.stdout
    assert "1 translation warning, which fails only `legaldocs check --strict`" in checked.stdout
    strict = legaldocs("check", "--strict", cwd=site, env=epoch("2026-05-04"))
    assert strict.returncode != 0
    assert strict.stdout.strip() == (
        "1 translation warning, which fails only `legaldocs check --strict`: the build publishes the translation "
        "with its lag notice."
    )
    result = build(site, env=epoch("2026-05-04"))  # --strict: what the summary says is true
    assert "lags" not in result.stderr


def test_a_renamed_documents_translated_pages_redirect_from_their_old_addresses(tmp_path: Path) -> None:
    """The translation's pages were under the document's old folder too: they redirect like the source's."""
    site, repo = make_site(tmp_path)
    for n in (1, 2):
        english(site, n)
        german(site, n)
        commit(repo, f"Version {n}, translated", VERSIONS[n - 1][1])
    repo.git.mv("docs/privacy", "docs/policy")
    commit(repo, "Rename the folder", "2026-02-10")
    build(site, env=epoch("2026-02-20"))
    for old, new in [
        ("privacy/de/index.html", "policy/de/"),
        ("privacy/de/versions/index.html", "policy/de/versions/"),
        ("privacy/de/versions/2026-01-01/index.html", "policy/de/versions/2026-01-01/"),
        ("privacy/de/changes/2026-02-01/index.html", "policy/de/changes/2026-02-01/"),
        ("privacy/de/sections/contact/index.html", "policy/de/sections/contact/"),
        ("privacy/index.html", "policy/"),
    ]:
        assert redirect(site, old) == new
        assert (site / "site" / new / "index.html").is_file(), new
    feed_copy = lxml.etree.parse(str(site / "site" / "privacy" / "de" / "feed.xml")).getroot()
    assert feed_copy.xpath("//*[local-name()='title']/text()")[0] == "Datenschutzerklärung: Fassungen"
