"""Long German words in narrow columns, in Chromium: the versions page's revisions table at 1280 px put
"Veröffentlichung" into the date column ("Veröffentlichung10. Februar 2024")."""

from __future__ import annotations

from typing import Any

from helpers import mkdocs, page
from translated_site import epoch, five_versions


def test_the_kind_of_a_revision_stays_in_its_column_on_a_german_versions_page(browser: Any, tmp_path: Any) -> None:
    site, _ = five_versions(tmp_path)
    result = mkdocs(site, "build", env=epoch("2026-05-10"))
    assert result.returncode == 0, result.stderr
    root = page(site, "privacy/de/versions/index.html")
    assert root.xpath("//table[@class='ld-revisions']//tbody/tr/th[normalize-space()='Veröffentlichung']")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto((site / "site/privacy/de/versions/index.html").as_uri())
        overlaps = tab.evaluate(
            """() => [...document.querySelectorAll('table.ld-revisions tbody tr')].flatMap(row => {
                 const kind = row.querySelector('th'), date = row.querySelector('td');
                 const range = document.createRange(); range.selectNodeContents(kind);
                 const words = range.getBoundingClientRect();
                 return words.right > date.getBoundingClientRect().left ? [kind.textContent] : [];
               })"""
        )
    finally:
        context.close()
    assert overlaps == []
