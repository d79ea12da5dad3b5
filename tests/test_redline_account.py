"""Issue 16 on a real site: the changes page is a complete account of what a reader sees change.

One published version and a second that, besides its words, strikes a word through, moves a link
to another site, shows another image, no longer shows the purpose table, renames the document and
changes a fact used only in the footer. The changes page, parsed as a reader's browser would get
it, says every one of them and counts them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import EPOCH, add_logo, build, commit_site, copy_site, edit, new_version, page, png, text

SECTIONS = "docs/privacy/sections"
DOCUMENT = "docs/privacy/document.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("account"))
    add_logo(site)
    edit(
        site / f"{SECTIONS}/links.md",
        "Please check these policies",
        "Please check [these policies](https://old.example/p)",
    )
    edit(site / DOCUMENT, "facts:\n", "facts:\n  address: Argyll House, London\n")
    commit_site(site, "Version 1, with a link and an address", "2018-05-01")
    new_version(site, "2019-06-01", "Second version.")
    edit(site / f"{SECTIONS}/data-security.md", "We ask you not to share", "We ask you <del>not</del> to share")
    edit(site / f"{SECTIONS}/data-security.md", "password with anyone.", "password with anyone at all times.")
    edit(
        site / f"{SECTIONS}/links.md",
        "Please check [these policies](https://old.example/p)",
        "Please do check [these policies](https://new.example/p)",
    )
    (site / "docs/privacy/logo-2.png").write_bytes(png(8, 6))
    edit(site / f"{SECTIONS}/who-we-are.md", "](logo.png)", "](logo-2.png)")
    edit(site / f"{SECTIONS}/how-we-use-your-data.md", "{{ purposes }}\n", "")
    edit(site / DOCUMENT, "title: Privacy & Cookie Policy", "title: Privacy Policy")
    edit(site / DOCUMENT, "address: Argyll House", "address: Old Jewry House")
    commit_site(site, "Version 2", "2019-05-01")
    build(site, env=EPOCH)
    return site


def counts(root: object) -> dict[str, int]:
    return {
        text(li).split(" ", 1)[1]: int(text(li).split(" ", 1)[0])
        for li in root.xpath("//article//ul[@class='ld-counts']/li")  # type: ignore[attr-defined]
    }


def test_the_changes_page_says_every_change_a_reader_sees(site: Path) -> None:
    root = page(site, "privacy/changes/2019-06-01/index.html")
    (redline,) = root.xpath("//article//div[@class='ld-redline']")
    found = counts(root)
    rows = len(root.xpath("//article//tr[contains(@class, 'ld-purpose-removed')]"))
    assert rows > 0
    assert found["words added"] == 4
    assert found["formatting changes"] == 2 and found["image change"] == 1
    assert found["changes to the purpose table"] == rows, "the table is no longer shown: each purpose is gone"
    assert found["fact changed"] == 1 and found["changes to the title, date or summary"] == 3
    # The title, the date, the summary and the footer's fact: lines of their own, before any section.
    lines = [text(li) for li in redline.xpath("ul[@class='ld-metadata']/li")]
    assert lines == [
        # The word redline ("& Cookie" struck through), then both values whole, as a reader reads them.
        "Title: Privacy & Cookie Policy (in full: “Privacy & Cookie Policy” → “Privacy Policy”)",
        "Effective date: 2018-05-25 → 2019-06-01",
        lines[2],
        "Fact “address”: ArgyllOld Jewry House, London "  # Argyll struck through, Old Jewry inserted
        "(in full: “Argyll House, London” → “Old Jewry House, London”)",
    ]
    (summary,) = redline.xpath("ul[@class='ld-metadata']/li[3]")
    assert lines[2].startswith("Summary: ") and [text(i) for i in summary.xpath(".//ins")] == ["Second"]
    (title,) = redline.xpath("ul[@class='ld-metadata']/li[1]")
    assert [text(d) for d in title.xpath(".//del")] == ["& Cookie"]
    # Words and markup changed together: both shown.
    (security,) = redline.xpath(".//p[contains(@class, 'ld-formatting')][contains(., 'password')]")
    assert text(security.xpath("span[@class='ld-note']")[0]) == "Strike-through added: “not”."
    assert [text(i) for i in security.xpath(".//ins")] == ["at all times"]
    (links,) = redline.xpath(".//p[contains(@class, 'ld-formatting')][contains(., 'these policies')]")
    assert text(links.xpath("span[@class='ld-note']")[0]) == (
        "Link on “these policies” changed: “https://old.example/p” → “https://new.example/p”."
    )
    # Another image in the same place (a paragraph without words): its address, old and new, and both
    # pictures (the old one struck through), each the published copy of its file.
    (image,) = redline.xpath(".//p[contains(@class, 'ld-formatting')][.//img]")
    note = text(image.xpath("span[@class='ld-note']")[0])
    (old,) = image.xpath("span[@class='ld-images']/del[@class='ld-del ld-image']/img/@src")
    (new,) = image.xpath("span[@class='ld-images']/ins[@class='ld-ins ld-image']/img/@src")
    assert note == f"Image changed: “{old}” → “{new}”."
    here = site / "site/privacy/changes/2019-06-01"
    assert (here / old).read_bytes() == (site / "docs/privacy/logo.png").read_bytes()
    assert (here / new).read_bytes() == (site / "docs/privacy/logo-2.png").read_bytes()
    # The purpose table, where it stood, struck through and said to be gone.
    (gone,) = redline.xpath(".//p[contains(@class, 'ld-placement')]")
    assert text(gone) == "The purpose table is no longer shown here."
    assert gone.getnext().get("class") == "ld-purposes-change ld-purposes-removed"
    assert "No changes" not in text(redline)
