"""history.py on its own: commits in, versions and revisions out, no git and no MkDocs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone

from helpers import DOCUMENT, files
from legaldocs import history, source
from legaldocs.model import IN_FORCE, PROPOSED, SUPERSEDED, UPCOMING, Commit, Document, Problem


def commit(n: int, day: str, message: str = "") -> Commit:
    when = datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc)
    return Commit(f"{n:07d}" + "a" * 33, when, "Editor", message or f"commit {n}")


def read(tree: Mapping[str, bytes]) -> tuple[Document | None, list[Problem]]:
    return source.read_document("example", tree, "docs/example")


def tree(effective: str = "2024-03-01", words: str = "Write to", summary: str = "First version.") -> dict[str, bytes]:
    document = DOCUMENT.replace("effective: 2024-03-01", f"effective: {effective}").replace(
        "summary: First version.", f"summary: {summary}"
    )
    return files(document_yml=document, sections__contact_md=f"# Contact\n\n{words} {{{{ fact: email }}}}.\n")


def build(*snapshots: tuple[Commit, dict[str, bytes] | None], today: str = "2025-01-01") -> history.Result:
    return history.build(snapshots, read, date.fromisoformat(today), shown_as="docs/example", notice_days=30)


def test_a_new_effective_date_begins_a_version_and_other_commits_revise_it() -> None:
    result = build(
        (commit(1, "2024-01-01"), tree()),
        (commit(2, "2024-02-01"), tree(words="Please write to")),
        (commit(3, "2024-05-01"), tree(effective="2024-07-01", summary="Second.")),
    )
    first, second = result.history.versions
    assert [r.commit.sha[:7] for r in first.revisions] == ["0000001", "0000002"]
    assert [r.commit.sha[:7] for r in second.revisions] == ["0000003"]
    assert (first.status, second.status) == (SUPERSEDED, IN_FORCE)
    assert first.announced == date(2024, 1, 1) and first.last_updated == date(2024, 2, 1)
    assert result.errors == [] and result.warnings == []


def test_the_build_date_decides_what_is_in_force() -> None:
    snapshots = ((commit(1, "2024-01-01"), tree()), (commit(2, "2024-05-01"), tree(effective="2024-07-01")))
    assert [v.status for v in build(*snapshots, today="2024-06-30").history.versions] == [IN_FORCE, UPCOMING]
    assert [v.status for v in build(*snapshots, today="2024-07-01").history.versions] == [SUPERSEDED, IN_FORCE]
    assert [v.status for v in build(*snapshots, today="2024-02-01").history.versions] == [UPCOMING, UPCOMING]


def test_an_invalid_commit_is_skipped_with_a_warning_naming_it() -> None:
    broken = tree(words="See {{ section: nowhere }}")
    result = build((commit(1, "2024-01-01"), tree()), (commit(2, "2024-01-05"), broken))
    assert len(result.history.versions) == 1
    (skipped,) = result.history.skipped
    assert skipped.commit.sha.startswith("0000002")
    assert [w.path for w in result.warnings] == ["commit 0000002"]


def test_effective_going_backwards_or_reused_is_an_error_and_skipped() -> None:
    result = build(
        (commit(1, "2024-01-01"), tree(effective="2024-03-01")),
        (commit(2, "2024-02-01"), tree(effective="2024-06-01")),
        (commit(3, "2024-03-01"), tree(effective="2024-05-01")),
        (commit(4, "2024-04-01"), tree(effective="2024-03-01", words="Again")),
    )
    assert [v.effective.isoformat() for v in result.history.versions] == ["2024-03-01", "2024-06-01"]
    assert [p.path for p in result.errors] == ["commit 0000003", "commit 0000004"]
    assert "moves `effective` back" in result.errors[0].message
    assert "second version effective 2024-03-01" in result.errors[1].message


def test_renaming_a_section_without_changing_the_text_is_not_a_revision() -> None:
    before = tree()
    after = dict(before)
    after["document.yml"] = before["document.yml"].replace(b"  - contact", b"  - reach-us")
    after["sections/reach-us.md"] = after.pop("sections/contact.md")
    after["sections/intro.md"] = before["sections/intro.md"].replace(b"section: contact", b"section: reach-us")
    result = build(
        (commit(1, "2024-01-01"), before),
        (commit(2, "2024-01-02"), before),  # nothing a source holds changed
        (commit(3, "2024-01-03"), after),  # renamed, and the reference with it
        (commit(4, "2024-01-04"), None),  # the folder is absent here
    )
    (version,) = result.history.versions
    assert [r.commit.sha[:7] for r in version.revisions] == ["0000001"], "last updated stays"
    assert [s.id for s in version.document.sections] == ["intro", "reach-us"], "the newer files are shown"


def test_a_version_with_short_notice_is_warned_about() -> None:
    result = build((commit(1, "2024-01-01"), tree()), (commit(2, "2024-06-20"), tree(effective="2024-07-01")))
    assert [w.path for w in result.warnings] == ["commit 0000002"]
    assert "notice period is 30 days" in result.warnings[0].message


def test_proposed_changes_are_a_draft_never_in_force() -> None:
    published = build((commit(1, "2024-01-01"), tree())).history
    draft = tree(words="Kindly write to")
    document, problems = read(draft)
    assert problems == [] and document is not None
    proposed = history.propose(published, draft, document, (), uncommitted=True, today=date(2025, 1, 1))
    assert proposed.proposed is not None and proposed.proposed.status == PROPOSED
    assert proposed.current is published.current
    assert history.is_uncommitted(proposed.proposed.revisions[-1])
    # Nothing proposed when the draft is the published text.
    same, _ = read(tree())
    assert same is not None
    assert history.propose(published, tree(), same, (), uncommitted=True, today=date(2025, 1, 1)) is published
