"""A site built in French: legaldocs' words come from the French catalogue (locales/fr), on the current
page, a changes page and the compare page, and the page scripts are given them (issue 20)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import docgen
import lxml.html
import pytest
from git import Repo
from helpers import build, commit, copy_site, edit
from legaldocs import history, plugin, purpose_table, words


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site in two versions, built with ``theme.language: fr``: its output folder."""
    site = copy_site(tmp_path_factory.mktemp("fr") / "site")
    edit(site / "docs/privacy/document.yml", "effective: 2018-05-25", "effective: 2020-01-01")
    edit(site / "docs/privacy/sections/links.md", "partner networks", "partner networks and others")
    commit(Repo(site), "Second version", "2019-11-01")
    edit(site / "mkdocs.yml", "language: en", "language: fr")
    build(site, env={"SOURCE_DATE_EPOCH": "1735689600"})
    return site / "site"


def page(built: Path, address: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(built / address)).getroot()


def said(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in root.xpath(xpath)]


def test_the_current_page_is_in_french(french: Path) -> None:
    root = page(french, "privacy/index.html")
    assert root.get("lang") == "fr"
    stamp = " ".join(root.xpath("//p[contains(@class, 'ld-stamp')]")[0].text_content().split())
    assert stamp.startswith("En vigueur le 1 janvier 2020 · Dernière mise à jour le 1 novembre 2019"), stamp
    assert "Historique des versions" in said(root, "//p[contains(@class, 'ld-stamp')]//a")


def test_a_changes_page_is_in_french(french: Path) -> None:
    root = page(french, "privacy/changes/2020-01-01/index.html")
    counts = said(root, "//ul[@class='ld-counts']/li")
    assert "1 section modifiée" in counts and "0 section ajoutée" in counts  # French: 0 is singular
    assert "2 mots ajoutés" in counts
    assert "(aucune modification)" in said(root, "//span[@class='ld-unchanged-note']")
    title = said(root, "//h1/span[contains(@class, 'ld-title-date')]")
    assert title == [": modifications de la version en vigueur le 1 janvier 2020"]
    english = [
        n for n in said(root, "//span[@class='ld-unchanged-note'] | //ul[@class='ld-counts']/li") if "change" in n
    ]
    assert english == []


def test_the_compare_page_is_in_french_and_gives_its_script_the_french_words(french: Path) -> None:
    root = page(french, "privacy/compare/index.html")
    text = " ".join(root.xpath("//article")[0].text_content().split())
    assert "Comparer deux versions nécessite JavaScript, qui ne s’exécute pas ici." in text
    assert "Les modifications de chaque version" in text and "Inverser" in text
    (given,) = root.xpath("//head/script[@id='ld-words']")
    assert json.loads(given.text) == words.script_words("fr")
    assert json.loads(given.text)["Side by side"] == "Côte à côte"
    # The script that reads them is compare.js as published: assets/words.js written in (plugin.published_asset).
    script = (french / "assets/compare.js").read_text(encoding="utf-8")
    assert plugin.WORDS_SLOT not in script and 'document.getElementById("ld-words")' in script
    assert script == plugin.published_asset("assets/compare.js")


def test_the_purpose_tables_own_words_follow_the_language_and_the_record_stays_english() -> None:
    """Where purposes.yml words no lawful basis, legaldocs' own words ("Legitimate interests") were English on a
    German or French page; now in the page's language, while the ledger's fingerprint, which must never move
    with the site's language, keeps them in English."""
    doc = docgen.base(random.Random(0))
    english, german = docgen.load(doc), docgen.load(doc, "de")
    table = german.loaded.document.purposes
    assert table is not None and table.default_bases
    for key in table.default_bases:
        assert table.basis_wording[key] == words.translator("de")(english.loaded.document.purposes.basis_wording[key])
    shown = purpose_table.render(table)
    assert any(table.basis_wording[key] in shown for key in table.default_bases)
    assert not any(english.loaded.document.purposes.basis_wording[key] in shown for key in table.default_bases)
    assert history.fingerprint(german.loaded.document) == history.fingerprint(english.loaded.document)
