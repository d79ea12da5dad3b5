"""Translations of a one-file document (issue 20): `translations: {de: de/privacy.md}` in its entry, sections
paired with the source's by position or by explicit `{#id}`, mismatches said at file:line.

Real git repositories, real builds, assertions on the parsed pages."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import lxml.etree
import lxml.html
from git import Repo
from helpers import build, commit, legaldocs, line_of, mkdocs, page, text
from translated_site import epoch, make_site, write

SCHEMAS = Path(__file__).parent.parent / "plugins" / "legaldocs" / "schemas"

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


def test_a_file_translation_s_lag_is_said_at_its_own_file_and_no_redirect_gets_a_language_switcher(
    tmp_path: Path,
) -> None:
    """A one-file translation has no document.yml: check names its Markdown file. A heading renamed in the
    source leaves a redirect at its old history address: a whole small document, which must open with its
    doctype, not with the switcher of the pages around it (a browser would read it in quirks mode)."""
    site, repo = site_with_files(tmp_path)
    english = ENGLISH.format(date="May 1, 2026", n=3).replace("## Your rights", "## Your choices")
    write(site / "en" / "privacy.md", english)
    commit(repo, "Version 3", "2026-03-20")
    checked = legaldocs("check", cwd=site, env=epoch("2026-05-10"))
    said = checked.stdout + checked.stderr
    assert "warning: de/privacy.md: the de translation lags" in said, said
    assert "de/privacy.md/document.yml" not in said
    result = mkdocs(site, "build", env=epoch("2026-05-10"))
    assert result.returncode == 0, result.stderr
    moved = (site / "site" / "privacy" / "sections" / "your-rights" / "index.html").read_text(encoding="utf-8")
    assert moved.lstrip().lower().startswith("<!doctype html>"), moved[:200]
    assert "ld-languages" not in moved
    assert page(site, "privacy/index.html").xpath("//nav[contains(@class, 'ld-languages')]")  # pages keep it


def test_a_translation_s_feed_titles_are_in_its_language(tmp_path: Path) -> None:
    """The feed's own words (its title, each entry's) were English on a German feed."""
    site, repo = site_with_files(tmp_path)
    write(site / "de" / "privacy.md", GERMAN.format(date="1. März 2026", n=2))
    commit(repo, "Deutsche Fassung 2", "2026-01-20")
    build(site, env=epoch("2026-03-10"))
    atom = {"a": "http://www.w3.org/2005/Atom"}
    german = lxml.etree.parse(str(site / "site" / "privacy" / "de" / "feed.xml"))
    assert german.xpath("/a:feed/a:title/text()", namespaces=atom) == ["Datenschutzerklärung: Fassungen"]
    assert german.xpath("/a:feed/a:entry/a:title/text()", namespaces=atom) == [
        "Datenschutzerklärung, gültig ab 2026-03-01",
        "Datenschutzerklärung, gültig ab 2026-01-01",
    ]
    english = lxml.etree.parse(str(site / "site" / "privacy" / "feed.xml"))
    assert english.xpath("/a:feed/a:title/text()", namespaces=atom) == ["Privacy Policy: versions"]
    assert english.xpath("/a:feed/a:entry/a:title/text()", namespaces=atom)[0] == "Privacy Policy, effective 2026-03-01"


def test_at_needs_no_document_named_where_the_only_document_has_a_translation(tmp_path: Path) -> None:
    """One policy in two languages is one document: `legaldocs at DATE` answered for it, not "there are
    several documents (privacy, privacy/de)"; the translation is still asked for by name."""
    site, _ = site_with_files(tmp_path)
    answered = legaldocs("at", "2026-03-05", cwd=site, env=epoch("2026-03-10"))
    assert answered.returncode == 0, answered.stderr
    said = answered.stdout
    assert said.startswith("On 5 March 2026 the version effective 1 March 2026 was in force"), said
    assert "privacy/versions/2026-03-01/r1/" in answered.stdout
    german = legaldocs("at", "2026-02-05", "--document", "privacy/de", cwd=site, env=epoch("2026-03-10"))
    assert german.returncode == 0, german.stderr
    assert "privacy/de/versions/2026-01-01/r1/" in german.stdout


def test_at_a_translation_names_the_source_s_version_in_force_and_says_the_lag(tmp_path: Path) -> None:
    """On 5 March 2026 the source's version effective 1 March 2026 was in force; it has no German translation.
    `at --document privacy/de` said the German version effective 1 January 2026 "was in force": legally false
    (a translation's status is always its source's)."""
    site, _ = site_with_files(tmp_path)
    german = legaldocs("at", "2026-03-05", "--document", "privacy/de", cwd=site, env=epoch("2026-03-10"))
    assert german.returncode == 0, german.stderr
    said = german.stdout
    assert said.startswith("Am 5. März 2026 galt die Fassung gültig ab 1. März 2026"), said
    assert "privacy/versions/2026-03-01/r1/" in said  # the binding text
    assert "Die Fassung gültig ab 1. März 2026 ist noch nicht übersetzt." in said
    assert "privacy/de/versions/2026-01-01/r1/" in said  # the latest translation before it
    assert "seit 1. März 2026" in said
    answered = legaldocs(
        "at", "2026-03-05", "--document", "privacy/de", "--format", "json", cwd=site, env=epoch("2026-03-10")
    )
    data = json.loads(answered.stdout)
    assert data["in_force"]["version"] == "2026-03-01"
    assert (data["language"], data["translation"], data["lagging_since"]) == ("de", None, "2026-03-01")
    # A day whose version is translated: named, linked.
    earlier = legaldocs("at", "2026-02-05", "--document", "privacy/de", cwd=site, env=epoch("2026-03-10"))
    assert "Ihre Übersetzung:\n  privacy/de/versions/2026-01-01/r1/" in earlier.stdout, earlier.stdout
    assert "nicht übersetzt" not in earlier.stdout


def test_a_translation_s_current_json_is_its_source_s_version_in_force_with_its_own_fields(tmp_path: Path) -> None:
    """It had every field null (the translation's own versions are all superseded)."""
    site, repo = site_with_files(tmp_path)
    build(site, env=epoch("2026-03-10"))
    data = json.loads((site / "site" / "privacy" / "de" / "current.json").read_text(encoding="utf-8"))
    source = json.loads((site / "site" / "privacy" / "current.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((SCHEMAS / "current.schema.json").read_text(encoding="utf-8")))
    assert (data["document"], data["language"], data["source_language"]) == ("privacy", "de", "en")
    assert (data["version"], data["revision"], data["sha256"]) == (source["version"], 1, source["sha256"])
    assert data["url"] == "../versions/2026-03-01/r1/"  # the binding text, relative to this file
    assert (data["translation"], data["lagging_since"]) == (None, "2026-03-01")
    write(site / "de" / "privacy.md", GERMAN.format(date="1. März 2026", n=2))
    commit(repo, "Deutsche Fassung 2", "2026-03-12")
    build(site, env=epoch("2026-03-15"))
    data = json.loads((site / "site" / "privacy" / "de" / "current.json").read_text(encoding="utf-8"))
    assert data["lagging_since"] is None
    assert data["translation"]["url"] == "versions/2026-03-01/r1/"
    assert (site / "site" / "privacy" / "de" / data["translation"]["url"] / "index.html").is_file()


def test_diff_shows_a_change_to_the_translation_alone(tmp_path: Path) -> None:
    """A pull request that edits only de/privacy.md got "No changes": the redline compared the source only."""
    site, repo = site_with_files(tmp_path)
    changed = GERMAN.format(date="1. Januar 2026", n=1).replace("Fragen Sie uns.", "Fragen Sie uns jederzeit.")
    write(site / "de" / "privacy.md", changed)
    said = legaldocs("diff", cwd=site, env=epoch("2026-01-20"))  # the published branch → the working tree
    assert said.returncode == 0, said.stderr
    assert "Datenschutzerklärung (de/privacy.md)" in said.stdout, said.stdout
    assert "Fragen Sie uns{+ jederzeit+}." in said.stdout
    commit(repo, "Deutsch: jederzeit", "2026-01-20")
    markdown = legaldocs("diff", "HEAD~1", "HEAD", "--format", "markdown", cwd=site, env=epoch("2026-01-20"))
    assert "## Redline: Datenschutzerklärung" in markdown.stdout and "<ins> jederzeit</ins>" in markdown.stdout
    html = legaldocs("diff", "HEAD~1", "HEAD", "--format", "html", cwd=site, env=epoch("2026-01-20"))
    (german,) = lxml.html.fromstring(html.stdout).xpath("//section[@lang='de']")
    assert german.xpath(".//ins[contains(., 'jederzeit')]")
    data = json.loads(legaldocs("diff", "HEAD~1", "HEAD", "--format", "json", cwd=site, env=epoch("2026-01-20")).stdout)
    schema = json.loads((SCHEMAS / "diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert (data["language"], data["counts"]["words_added"]) == ("en", 0)
    (de,) = data["translations"]
    assert (de["document"], de["language"], de["path"], de["counts"]["words_added"]) == (
        "privacy/de",
        "de",
        "de/privacy.md",
        1,
    )
    one = legaldocs("diff", "HEAD~1", "HEAD", "--document", "privacy/de", cwd=site, env=epoch("2026-01-20"))
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("Datenschutzerklärung (de/privacy.md)") and "Privacy Policy" not in one.stdout
    unknown = legaldocs("diff", "HEAD~1", "HEAD", "--document", "privacy/fr", cwd=site, env=epoch("2026-01-20"))
    assert unknown.returncode == 2
    assert "the documents and their languages are privacy, privacy/de" in unknown.stderr, unknown.stderr


def test_new_version_of_a_translation_names_the_documents_and_how_a_translation_s_version_is_set(
    tmp_path: Path,
) -> None:
    """It said "docs has no document 'privacy/de'; it holds no documents" on a site with a file document."""
    site, _ = site_with_files(tmp_path)
    refused = legaldocs("new-version", "privacy/de", "--effective", "2026-06-01", "--summary", "x", cwd=site)
    assert refused.returncode == 2
    said = refused.stderr
    assert "holds no documents" not in said
    assert "the documents are (folders in it and files mkdocs.yml names): privacy." in said, said
    assert "is the de translation of 'privacy'" in said and "edit its date line in de/privacy.md" in said


def test_notice_of_a_translation_is_in_its_language_and_says_a_lag(tmp_path: Path) -> None:
    """`notice --language de` gave German labels around the English text; there was no notice of the German
    translation."""
    site, repo = site_with_files(tmp_path)
    lagging = legaldocs("notice", "2026-03-01", "--document", "privacy/de", cwd=site, env=epoch("2026-02-10"))
    assert lagging.returncode == 0, lagging.stderr
    said = lagging.stdout
    assert "Die Fassung gültig ab 1. März 2026 ist noch nicht übersetzt." in said, said
    assert "Diese Übersetzung gibt die Fassung gültig ab 1. Januar 2026 wieder." in said
    assert "die des Textes auf Englisch, der verbindlich ist" in said.replace("\n", " ")
    data = json.loads(
        legaldocs(
            "notice", "2026-03-01", "--document", "privacy/de", "--format", "json", cwd=site, env=epoch("2026-02-10")
        ).stdout
    )
    jsonschema.validate(data, json.loads((SCHEMAS / "notice.schema.json").read_text(encoding="utf-8")))
    assert data["language"] == "de" and len(data["lag"]) == 4
    write(site / "de" / "privacy.md", GERMAN.format(date="1. März 2026", n=2))
    commit(repo, "Deutsche Fassung 2", "2026-01-20")
    for asked in (("--document", "privacy/de"), ("--language", "de")):
        translated = legaldocs("notice", "2026-03-01", *asked, cwd=site, env=epoch("2026-02-10"))
        assert translated.returncode == 0, translated.stderr
        said = translated.stdout
        assert said.startswith("Datenschutzerklärung: was sich am 1. März 2026 ändert"), said
        assert "- Wer wir sind" in said and "Who we are" not in said and "nicht übersetzt" not in said


def test_a_translated_heading_also_answers_to_its_own_github_anchor(tmp_path: Path) -> None:
    """`[Wer wir sind](#wer-wir-sind)` in de/privacy.md was an error ("leads nowhere"): translated sections take
    the source's ids. On GitHub the translated file's heading has its own anchor, so the link is right there;
    the page keeps that id as an alias, and the link leads to it."""
    site, repo = site_with_files(tmp_path)
    german = GERMAN.format(date="1. März 2026", n=2).replace(
        "Fragen Sie uns. Rechte 2.", "Fragen Sie uns, siehe [Wer wir sind](#wer-wir-sind). Rechte 2."
    )
    write(site / "de" / "privacy.md", german)
    commit(repo, "Deutsche Fassung 2, mit Verweis", "2026-01-20")
    checked = legaldocs("check", cwd=site, env=epoch("2026-03-10"))
    assert "leads nowhere" not in checked.stdout + checked.stderr, checked.stderr
    build(site, env=epoch("2026-03-10"))
    root = page(site, "privacy/de/index.html")
    (link,) = root.xpath("//div[@class='ld-document']//p/a[normalize-space(.)='Wer wir sind']")
    assert link.get("href") == "#wer-wir-sind"
    (target,) = root.xpath(f"//*[@id='{link.get('href')[1:]}']")
    (section,) = target.xpath("ancestor::section[1]")
    assert "Ausgabe 2" in text(section)  # the section "Wer wir sind"
    # The source's id stays the heading's: the same anchors in both languages.
    assert section.xpath("string(.//h2/@id)") == "who-we-are"


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
