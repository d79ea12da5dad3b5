"""A small site with a policy and its German translation, in a real git repository (issue 20).

The source has five versions; the German translation skips the second, translates the fifth a week
after it took effect, and one of its commits says another date in its text than in document.yml.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timezone
from pathlib import Path

from git import Repo
from helpers import REPO, commit, init_repo

MKDOCS = """\
site_name: Example legal documents
theme:
  name: material
  custom_dir: overrides
  font: false
  language: en
plugins:
  - search
  - legaldocs{options}
markdown_extensions:
  - toc:
      permalink: "¶"
  - attr_list
"""

#: The source's five versions: effective date, the day it was committed.
VERSIONS = [
    ("2026-01-01", "2025-12-01"),
    ("2026-02-01", "2026-01-02"),
    ("2026-03-01", "2026-02-01"),
    ("2026-04-01", "2026-03-01"),
    ("2026-05-01", "2026-04-01"),
]


def epoch(day: str) -> dict[str, str]:
    """SOURCE_DATE_EPOCH for noon UTC of ``day``: the build date."""
    moment = datetime.combine(date.fromisoformat(day), datetime.min.time(), timezone.utc).replace(hour=12)
    return {"SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def source(site: Path, n: int) -> None:
    """Version ``n`` (1…5) of the English source: three sections, the second refers to the third."""
    effective = VERSIONS[n - 1][0]
    doc = site / "docs" / "privacy"
    write(
        doc / "document.yml",
        f"title: Privacy Policy\neffective: {effective}\nsummary: Version {n}.\n"
        "sections:\n  - who-we-are\n  - your-rights\n  - contact\nfacts:\n  company: Example Ltd\n",
    )
    write(doc / "sections" / "who-we-are.md", f"# Who we are\n\nWe are {{{{ fact: company }}}}. Edition {n}.\n")
    write(
        doc / "sections" / "your-rights.md",
        f"# Your rights\n\nYou may ask us, see {{{{ section: contact }}}}. Rights text {n}.\n",
    )
    write(doc / "sections" / "contact.md", f"# Contact\n\nWrite to us. Contact text {n}.\n")


def german(site: Path, n: int, *, sections: tuple[str, ...] = ("who-we-are", "your-rights", "contact")) -> None:
    """The German translation of source version ``n``, of the ``sections`` given (the rest untranslated)."""
    effective = VERSIONS[n - 1][0]
    doc = site / "docs" / "privacy" / "translations" / "de"
    write(
        doc / "document.yml",
        f"title: Datenschutzerklärung\neffective: {effective}\nsummary: Fassung {n}.\n",
    )
    texts = {
        "who-we-are": f"# Wer wir sind\n\nWir sind {{{{ fact: company }}}}. Ausgabe {n}.\n",
        "your-rights": f"# Ihre Rechte\n\nSie können uns fragen, siehe {{{{ section: contact }}}}. Rechtetext {n}.\n",
        "contact": f"# Kontakt\n\nSchreiben Sie uns. Kontakttext {n}.\n",
    }
    for name, text in texts.items():
        path = doc / "sections" / f"{name}.md"
        if name in sections:
            write(path, text)
        elif path.exists():
            path.unlink()


def make_site(tmp_path: Path, options: str = "") -> tuple[Path, Repo]:
    site = tmp_path / "site"
    site.mkdir(parents=True)
    write(site / "mkdocs.yml", MKDOCS.format(options=options))
    shutil.copytree(REPO / "overrides", site / "overrides")  # the project's own: the search dialog has a name
    return site, init_repo(site)


def five_versions(tmp_path: Path, *, translate_fifth: bool = True, options: str = "") -> tuple[Path, Repo]:
    """The source's five versions and the German translation of 1, 3, 4 (and 5, a week late)."""
    site, repo = make_site(tmp_path, options)
    for n, (_, day) in enumerate(VERSIONS, 1):
        source(site, n)
        commit(repo, f"Version {n}", day)
        if n in (1, 3, 4):
            german(site, n)
            commit(repo, f"Deutsche Fassung {n}", day)
    if translate_fifth:
        german(site, 5)
        commit(repo, "Deutsche Fassung 5", "2026-05-08")
    return site, repo


def english_of_legaldocs(site: Path, prefix: str) -> dict[str, list[str]]:
    """The English words of legaldocs' own phrases (``test_compare_page.english_words``) on the built pages
    under ``prefix`` (a translation's ``privacy/de``): each page's article, title and labels, and its feed's
    titles and entries; the repository's own text (``own_text``) left out. By file, those that have any."""
    import re

    import lxml.etree
    import lxml.html
    from test_compare_page import english_words, own_text

    english, (whole, pieces) = english_words(), own_text(site)

    def theirs(said: str) -> str:
        said = " ".join(said.split())
        if said in whole:
            return ""
        for piece in pieces:
            said = said.replace(piece, " ")
        return said

    found: dict[str, list[str]] = {}
    for path in sorted((site / "site" / prefix).rglob("*")):
        if path.suffix == ".html":
            root = lxml.html.parse(str(path)).getroot()
            texts = [str(t) for t in root.xpath("//article//text() | //article//@aria-label | //title/text()")]
        elif path.name == "feed.xml":
            root = lxml.etree.parse(str(path)).getroot()
            plain = "//*[local-name()!='content' and local-name()!='id' and local-name()!='link']/text()"
            texts = [str(t) for t in root.xpath(plain)]
            texts += [lxml.html.fromstring(c.text).text_content() for c in root.xpath("//*[local-name()='content']")]
        else:
            continue
        words = {w for t in texts for w in re.findall(r"[^\W\d_]+", theirs(t)) if w.lower() in english}
        if words:
            found[path.relative_to(site / "site").as_posix()] = sorted(words)
    return found
