"""The HTML legaldocs adds around a document: stamp, notices, banners, version lists, home.

Everything from the repository (summaries, commit messages, author names) is escaped here.
Links come from ``href``, which the adapter answers for its own URL layout:
"current", "versions", or "version:<slug>" (slug: an effective date, or "proposed").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from .dates import long_date
from .history import is_uncommitted
from .model import IN_FORCE, PROPOSED, SUPERSEDED, UPCOMING, Document, History, Problem, Version

Href = Callable[[str], str]

STATUS_LABEL = {
    IN_FORCE: "In force",
    UPCOMING: "Upcoming",
    SUPERSEDED: "Superseded",
    PROPOSED: "Draft: proposed, not in force",
}


def _time(value: date) -> str:
    return f'<time datetime="{value.isoformat()}">{long_date(value)}</time>'


def _link(href: Href, target: str, text: str) -> str:
    return f'<a href="{escape(href(target))}">{text}</a>'


def status_badge(version: Version) -> str:
    css = version.status.replace(" ", "-")
    return f'<span class="ld-status ld-status--{css}">{STATUS_LABEL[version.status]}</span>'


def stamp(version: Version, href: Href, *, from_git: bool) -> str:
    """Effective <date> · Last updated <date> · Version history (dates from git, never from mtime)."""
    parts = [f"Effective {_time(version.effective)}"]
    if from_git and not any(is_uncommitted(r) for r in version.revisions):
        parts.append(f"Last updated {_time(version.last_updated)}")
    parts.append(_link(href, "versions", "Version history"))
    return f'<p class="ld-generated ld-stamp">{" · ".join(parts)}</p>'


def _notice(kind: str, body: str, extra: str = "") -> str:
    return f'<div class="ld-generated ld-notice ld-notice--{kind}{extra}" role="note">{body}</div>'


NO_HISTORY = _notice("no-history", "<p>The version history is not available in this build.</p>")


def draft_banner(version: Version, href: Href) -> str:
    """Unmistakable: a draft must never be read as the policy in force."""
    commits = [r for r in version.revisions if not is_uncommitted(r)]
    origin = []
    if commits:
        origin.append(f"{len(commits)} commit(s) not yet on the published branch")
    if len(commits) != len(version.revisions):
        origin.append("changes not yet committed")
    return _notice(
        "draft",
        "<p><strong>DRAFT: proposed changes, not in force.</strong> "
        f"This text has {' and '.join(origin)}. It is a preview for review, not the policy. "
        f"{_link(href, 'current', 'Read the version in force')}.</p>",
        " ld-draft-banner",  # marks every printed page too (see the stylesheet)
    )


def version_banner(version: Version, history: History, href: Href) -> str:
    """The banner of a frozen version page: is this the text that applies now?"""
    if version.status == PROPOSED:
        return draft_banner(version, href)
    current = _link(href, "current", "Read the current version")
    if version.status == IN_FORCE:
        return _notice("in-force", f"<p>This is the version in force. {current}.</p>")
    if version.status == UPCOMING:
        when = _time(version.effective)
        body = f"<p><strong>This version is not in force yet:</strong> it takes effect on {when}."
        return _notice("upcoming", f"{body} {current}.</p>")
    later = [v for v in history.versions if v.effective > version.effective]
    until = f" until {_time(later[0].effective)}" if later else ""
    return _notice(
        "superseded",
        "<p><strong>This is not the current version.</strong> It was in force from "
        f"{_time(version.effective)}{until}. {current}.</p>",
    )


def current_notices(history: History, href: Href) -> str:
    """On the current page: what is coming, and (in previews) what is proposed."""
    notices = []
    for version in history.upcoming:
        notices.append(
            _notice(
                "upcoming",
                f"<p><strong>This policy changes on {_time(version.effective)}.</strong> "
                f"{escape(version.document.summary)} "
                f"{_link(href, f'version:{version.slug}', 'Read the new version')}.</p>",
            )
        )
    if history.current is None and history.upcoming:
        notices.insert(0, _notice("upcoming", "<p>No version of this document is in force yet.</p>"))
    if history.proposed is not None:
        notices.append(
            _notice(
                "draft",
                "<p><strong>DRAFT preview:</strong> there are proposed changes that are not published. "
                f"{_link(href, 'version:proposed', 'Read the proposed text')}.</p>",
            )
        )
    if not history.from_git:
        notices.append(NO_HISTORY)
    return "".join(notices)


def _all_versions(history: History, *, with_proposed: bool) -> list[Version]:
    versions = list(reversed(history.versions))
    if with_proposed and history.proposed is not None:
        versions.insert(0, history.proposed)
    return versions


def versions_list(history: History, href: Href, *, with_proposed: bool = False) -> str:
    """For `{{ versions }}`, the "changes to our policy" section: generated, never typed."""
    items = "".join(
        f"<li>{_link(href, f'version:{v.slug}', f'Effective {long_date(v.effective)}')} "
        f"{status_badge(v)}: {escape(v.document.summary)}</li>"
        for v in _all_versions(history, with_proposed=with_proposed)
    )
    return (
        '<div class="ld-generated ld-version-list"><p>Versions of this document:</p>'
        f"<ul>{items}</ul><p>{_link(href, 'versions', 'The full version history')}.</p></div>"
    )


def _revision_rows(version: Version) -> str:
    rows = []
    for revision in version.revisions:
        commit = revision.commit
        if is_uncommitted(revision):
            rows.append("<tr><td>not committed</td><td>-</td><td>Uncommitted changes</td><td>-</td></tr>")
            continue
        rows.append(
            f"<tr><td>{_time(commit.date.date())}</td><td><code>{escape(commit.short)}</code></td>"
            f"<td>{escape(commit.message)}</td><td>{escape(commit.author)}</td></tr>"
        )
    return "".join(rows)


def versions_page(document: Document, history: History, href: Href) -> str:
    """Every version, newest first: effective and announced dates, summary, revisions."""
    parts = [f"<h1>{escape(document.title)}: version history</h1>"]
    if not history.from_git:
        parts.append(NO_HISTORY)
    parts.append(
        f'<p class="ld-intro">{_link(href, "current", "Read the current version")}. '
        "A version begins when its effective date is set; later corrections are listed as its revisions.</p>"
    )
    for version in _all_versions(history, with_proposed=True):
        announced = (
            f" · Announced {_time(version.announced)}" if history.from_git and version.status != PROPOSED else ""
        )
        parts.append(
            f'<section class="ld-version" id="v-{escape(version.slug)}">'
            f"<h2>Effective {long_date(version.effective)} {status_badge(version)}</h2>"
            f'<p class="ld-version-dates">Effective {_time(version.effective)}{announced} · '
            f"{_link(href, f'version:{version.slug}', 'Read this version')}</p>"
            f'<p class="ld-summary">{escape(version.document.summary)}</p>'
        )
        if history.from_git:
            parts.append(
                '<table class="ld-revisions"><caption>Revisions of this version</caption>'
                '<thead><tr><th scope="col">Date</th><th scope="col">Commit</th>'
                '<th scope="col">Change</th><th scope="col">Author</th></tr></thead>'
                f"<tbody>{_revision_rows(version)}</tbody></table>"
            )
        parts.append("</section>")
    if history.skipped:
        items = "".join(
            f"<li>Commit <code>{escape(s.commit.short)}</code> of {_time(s.commit.date.date())} "
            f"({escape(s.commit.message)}): {escape(str(s.problems[0]) if s.problems else 'invalid')}</li>"
            for s in history.skipped
        )
        parts.append(
            '<section class="ld-skipped"><h2>Commits left out of the history</h2>'
            "<p>These commits are not versions or revisions: at each, the document was invalid or its "
            "effective date was out of order, as said below.</p>"
            f"<ul>{items}</ul></section>"
        )
    return "".join(parts)


def problems_page(shown_as: str, problems: list[Problem]) -> str:
    """In `mkdocs serve`: the mistakes, where the editor is looking, instead of a stuck page."""
    items = "".join(
        f"<li><code>{escape(p.where)}</code>: {escape(p.message)}"
        f"{f' <strong>Fix:</strong> {escape(p.fix)}' if p.fix else ''}</li>"
        for p in problems
    )
    return (
        f"<h1>{escape(shown_as)}: {len(problems)} problem(s) to fix</h1>"
        + _notice(
            "draft",
            "<p><strong>This preview cannot be shown until these are fixed.</strong> "
            "It rebuilds by itself when you save. `mkdocs build` would stop on them too.</p>",
        )
        + f'<ol class="ld-problems">{items}</ol>'
    )


def home(site_name: str, documents: list[Document]) -> str:
    """The list of documents; links are relative so the site works in any subfolder."""
    items = "".join(
        f'<li><a href="{escape(d.slug)}/">{escape(d.title)}</a> '
        f'<span class="ld-effective">effective {_time(d.effective)}</span></li>'
        for d in documents
    )
    return f'<h1>{escape(site_name)}</h1><ul class="ld-documents">{items}</ul>'
