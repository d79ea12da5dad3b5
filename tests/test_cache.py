"""Git is read once: a rebuild (as in `mkdocs serve`) re-reads nothing that has not changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import commit_site, copy_site, edit
from legaldocs.publish import Publisher, Settings

SETTINGS = Settings(today=date(2025, 1, 1), include_uncommitted=True)


def test_a_rebuild_reuses_every_git_read_until_a_new_commit(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    folder = site / "docs" / "privacy"
    publisher = Publisher()
    first = publisher.publish(folder, "docs/privacy", SETTINGS)
    repo = publisher.repository(folder)
    walks, trees = dict(repo._walks), dict(repo._trees)

    # An edit in the working copy (what `mkdocs serve` sees on save): no new git reads at all.
    edit(folder / "sections/links.md", "partner networks", "partner networks EDITED")
    second = publisher.publish(folder, "docs/privacy", SETTINGS)
    assert repo._walks == walks and repo._trees == trees
    assert second.history.versions is first.history.versions, "the history was not worked out again"
    assert second.history.proposed is not None
    # The one text that changed was rendered anew; the published version's render was reused.
    assert second.rendered["2018-05-25"] is first.rendered["2018-05-25"]

    # A new commit: one more walk, and only the objects it changed are new.
    commit_site(site, "Edit links", "2019-02-01")
    publisher.publish(folder, "docs/privacy", SETTINGS)
    assert len(repo._walks) == len(walks) + 1
    new_trees = set(repo._trees) - set(trees)
    assert len(new_trees) == 2, "the folder tree and the sections tree; the unchanged files are not re-read"
    publisher.close()
