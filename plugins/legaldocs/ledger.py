"""The ledger: what was published, with a fingerprint of each text, so nothing published can
vanish or change without the next build noticing.

Every build writes it (``ledger.json`` at the site's root); given the last deployed one, a build
checks itself against it. The fingerprint of a text is the SHA-256 of what a reader sees, not of
files: renaming a file is no change, and neither is a new release of legaldocs.

A revision that shows images also has ``images_sha256`` (``images.sha256``): for each image file
of the document's folder, in order of its path there ("/"-separated), the path in UTF-8, a zero
byte and the 32-byte SHA-256 of its content, all hashed with SHA-256. A ledger that records it
says so at its root (``"fingerprints": ["sha256", "images_sha256"]``): there, a revision without
it had no images. A ledger written before (no ``fingerprints``) is checked by text alone, as it
was, so upgrading legaldocs never fails a deployed site's next build.

Plain data in and out: no MkDocs, no git.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from . import images
from .history import at, fingerprint
from .model import Document, History, Problem, Version

FORMAT = 1
#: The fingerprints this release records of each revision (the ledger's "fingerprints").
FINGERPRINTS = ("sha256", "images_sha256")


def text_sha256(document: Document) -> str:
    """SHA-256 of the reader-visible text: title, effective date, summary, each section's title
    and text (cross-references as the numbers they show), the purpose table's cells and the facts
    (and the registers' values, where the version has them),
    as compact JSON (UTF-8, keys in order). `legaldocs` computes it; documentation/docs/guide/versions.md
    (The ledger) says how to check it."""
    return hashlib.sha256(canonical_text(document).encode("utf-8")).hexdigest()


def canonical_text(document: Document) -> str:
    return json.dumps(fingerprint(document), ensure_ascii=False, separators=(",", ":"), default=str)


#: The SHA-256 of each PDF of one document (option ``pdf``), by (effective date, which): "version" (its text),
#: "changes" (its redline), or a revision's number (a corrected version's revisions).
Pdfs = Mapping[tuple[str, "str | int"], str]


def entries(history: History, pdfs: Pdfs | None = None) -> dict[str, Any]:
    """One document's part of the ledger: every version and revision, oldest first, with its PDFs' SHA-256
    where the build made PDFs (recorded, not checked: a new engine or font may change a PDF's bytes, never
    its text's)."""
    pdfs = pdfs or {}

    def pdf(key: tuple[str, str | int], name: str = "pdf_sha256") -> dict[str, str]:
        return {name: pdfs[key]} if key in pdfs else {}

    return {
        "versions": [
            {
                "effective": (day := v.effective.isoformat()),
                **recorded_date(v),
                **pdf((day, "version")),
                **pdf((day, "changes"), "changes_pdf_sha256"),
                "revisions": [
                    {
                        "commit": r.commit.sha,
                        "date": r.commit.date.isoformat(),
                        "sha256": text_sha256(r.document),
                        **({"images_sha256": shown} if (shown := images.sha256(r.files)) else {}),
                        **pdf((day, n)),
                    }
                    for n, r in enumerate(v.revisions, 1)
                ],
            }
            for v in history.versions
        ]
    }


def recorded_date(version: Version) -> dict[str, str]:
    """``announced``: when a deployed build first recorded the version, kept from ledger to ledger.

    Added to format 1 without changing it: a ledger without it (written before, or by a first
    deployment, which has no ledger to go by) stays valid, and its versions keep their git dates.
    """
    return {"announced": version.recorded.isoformat()} if version.recorded is not None else {}


def announced_dates(ledger: Mapping[str, Any] | None, slug: str) -> dict[str, date | None] | None:
    """When a deployed build first recorded each version of a document, by effective date (None for a
    version recorded before ledgers kept the date); None without a ledger."""
    if ledger is None:
        return None
    dates: dict[str, date | None] = {}
    for version in (ledger["documents"].get(slug) or {}).get("versions", []):
        try:
            dates[str(version.get("effective"))] = date.fromisoformat(str(version["announced"]))
        except (KeyError, TypeError, ValueError):
            dates[str(version.get("effective"))] = None
    return dates


def write(histories: Mapping[str, History], pdfs: Mapping[str, Pdfs] | None = None) -> str:
    """The whole site's ledger as JSON text, byte-identical for the same history (and PDFs, by document)."""
    ledger = {
        "format": FORMAT,
        "fingerprints": list(FINGERPRINTS),
        "documents": {slug: entries(h, (pdfs or {}).get(slug)) for slug, h in sorted(histories.items())},
    }
    return json.dumps(ledger, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def read(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The last deployed ledger, or a problem saying why it cannot be used."""
    fix = "point plugins.legaldocs.ledger at the ledger.json of the deployed site (CI fetches it before building)."
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(str(path), None, "the ledger file does not exist.", fix)]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [Problem(str(path), None, f"the ledger cannot be read: {error}.", fix)]
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("documents"), dict):
        return None, [Problem(str(path), None, "this is not a legaldocs ledger (format 1).", fix)]
    return data, []


def published_dates(ledger: Mapping[str, Any] | None, slug: str) -> set[str] | None:
    """Effective dates the ledger records for a document; None without a ledger."""
    if ledger is None:
        return None
    document = ledger["documents"].get(slug) or {}
    return {str(v.get("effective")) for v in document.get("versions", [])}


def check(
    ledger: Mapping[str, Any],
    histories: Mapping[str, History],
    acknowledged: Mapping[str, str],
    where: str,
) -> list[Problem]:
    """Every published version or revision that vanished or whose text (or images) changed."""
    problems = []

    def excused(*shas: str) -> bool:
        return any(sha in acknowledged for sha in shas)  # by full id: a prefix can be forged

    # A ledger written before images were recorded is checked by the text alone, as it was.
    fingerprints = ledger.get("fingerprints")
    with_images = isinstance(fingerprints, list) and "images_sha256" in fingerprints

    def key(text: object, shown: object) -> tuple[object, ...]:
        return (text, shown) if with_images else (text,)

    for slug, recorded in sorted(ledger["documents"].items()):
        history = histories.get(slug)
        versions = {v.effective.isoformat(): v for v in history.versions} if history else {}
        for old in recorded.get("versions", []):
            old_revisions = old.get("revisions", [])
            commits = [str(r.get("commit", "")) for r in old_revisions]
            current = versions.get(str(old.get("effective")))
            if current is None:
                if not excused(*commits):
                    problems.append(
                        Problem(
                            where,
                            None,
                            f"the version of {slug} effective {old.get('effective')} was published "
                            f"(commits {', '.join(c[:7] for c in commits)}) and is no longer in the history.",
                            _FIX,
                        )
                    )
                continue
            now = {key(text_sha256(r.document), images.sha256(r.files)) for r in current.revisions}
            for old_revision in old_revisions:
                sha = str(old_revision.get("commit", ""))
                if key(old_revision.get("sha256"), old_revision.get("images_sha256")) in now or excused(sha):
                    continue
                later = ", ".join(at(r.commit) for r in current.revisions)
                problems.append(
                    Problem(
                        where,
                        None,
                        f"the text of {slug} effective {old.get('effective')} published at commit {sha[:7]} "
                        f"({str(old_revision.get('date', ''))[:10]}) has changed or vanished: no revision of "
                        f"that version has that text{' and those images' if with_images else ''} now "
                        f"(its revisions: {later}).",
                        _FIX,
                    )
                )
    return problems


_FIX = (
    "history was rewritten (a force-push, or an amended old commit). Restore the published commits; or, if "
    "the change is deliberate, acknowledge the commit in mkdocs.yml under plugins.legaldocs.acknowledge "
    "with a reason, which the versions page shows."
)
