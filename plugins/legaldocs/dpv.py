"""The purpose table as data for machines (``/<doc>/purposes.json``): each purpose, its data and its
lawful bases, each basis mapped to the W3C Data Privacy Vocabulary's GDPR term (DPV 2, extension
``legal/eu/gdpr``: Art. 6(1)(a)–(f) as ``eu-gdpr:A6-1-a`` … ``eu-gdpr:A6-1-f``), so that a consent
or records tool can read which basis each purpose relies on without parsing the page.

Of the version in force (else the first upcoming one: the text the current page shows), and its
latest revision, with the SHA-256 of its text as the ledger records it. Plain data in and out.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from . import inforce
from .model import Version

#: DPV 2's namespace for GDPR terms (unversioned, as DPV recommends citing it).
EU_GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
#: Each lawful basis legaldocs knows (``model.LAWFUL_BASES``), as its DPV term and GDPR article.
TERMS: dict[str, tuple[str, str]] = {
    "consent": ("A6-1-a", "Art. 6(1)(a)"),
    "contract": ("A6-1-b", "Art. 6(1)(b)"),
    "legal_obligation": ("A6-1-c", "Art. 6(1)(c)"),
    "vital_interests": ("A6-1-d", "Art. 6(1)(d)"),
    "public_task": ("A6-1-e", "Art. 6(1)(e)"),
    "legitimate_interests": ("A6-1-f", "Art. 6(1)(f)"),
}


def purposes_json(version: Version, number: int, *, document: str, language: str, url: inforce.Url, built: date) -> str:
    """purposes.json: the revision (as current.json names it) and its purpose table, bases as DPV terms."""
    table = version.revisions[number - 1].document.purposes
    assert table is not None, "made only for a text with a purpose table"
    types = {t.id: t for t in table.data_types}
    data: dict[str, Any] = {
        "@context": {"eu-gdpr": EU_GDPR},
        **inforce.record(version, number, document=document, language=language, url=url),
        "caption": table.caption,
        "purposes": [
            {
                "id": p.id,
                "purpose": p.text,
                "activities": list(p.activities),
                "data": [
                    {"id": key, "label": types[key].label, "covers": types[key].covers}
                    for key in p.data
                    if key in types
                ],
                "bases": [
                    {
                        "basis": b.key,
                        "wording": table.basis_wording.get(b.key, ""),
                        **({"interest": b.interest} if b.interest else {}),
                        "dpv": f"eu-gdpr:{TERMS[b.key][0]}",
                        "iri": EU_GDPR + TERMS[b.key][0],
                        "article": TERMS[b.key][1],
                    }
                    for b in p.bases
                ],
            }
            for p in table.purposes
        ],
        "built": built.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
