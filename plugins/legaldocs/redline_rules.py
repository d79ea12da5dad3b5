"""The redline's rules and words as one structure, ``RULES``: what both engines share.

The Python engine's constants are written once, where their rules are written down (``tokens``,
``redline``, ``redline_html``, ``compare_data``, ``words``), and used from there; ``RULES`` gathers
them for the browser's engine (assets/redline.js), which reads every threshold, limit, name, table
and phrase from it and holds no copy of its own. A change or a translation is one edit in Python.

How they reach the browser: ``script`` writes ``RULES`` into redline.js in place of its
``RULES_SLOT`` when the site is built (the plugin ships that text as assets/redline.js), and the
tests and benchmarks load the same text. Not written into each page, as ``#ld-words`` is: the
engine builds its regular expressions from the rules once, as it loads, so the rules must be there
before it runs on any page that loads it, and they are the same on every page and in every
language; the words of the site's language still come with the page (``#ld-words``, given to
``render`` as ``words``), and ``RULES["words"]`` (English) is what the engine says without them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import compare_data, redline, redline_html, tokens, words

#: The source of the browser's engine; what ``script`` fills in.
SOURCE = Path(__file__).parent / "assets" / "redline.js"
#: Where redline.js takes its rules: ``script`` replaces it with ``RULES`` as JSON.
RULES_SLOT = "/* redline_rules.RULES */ null"

RULES: dict[str, Any] = {
    # compare_data
    "format": compare_data.FORMAT,
    # tokens: rules 1, 2, 5, 6, 8 and 9
    "ref": [tokens.REF_OPEN, tokens.REF_CLOSE],
    "signs": tokens.SIGNS,
    "punctuation": "".join(sorted(tokens.PUNCTUATION_MARKS)),
    "short": tokens.SHORT,
    "max_tokens": tokens.MAX_TOKENS,
    "ops": {"equal": tokens.EQUAL, "change": tokens.CHANGE},
    "kinds": {
        "unchanged": tokens.UNCHANGED,
        "whitespace": tokens.WHITESPACE,
        "punctuation": tokens.PUNCTUATION,
        "words": tokens.WORDS,
        "replaced": tokens.REPLACED,
    },
    "invisible": [list(r) for r in tokens.INVISIBLE_RANGES],
    "invisible_names": tokens.INVISIBLE_NAMES,
    "lookalikes": [[c, twin, script] for c, (twin, script) in tokens.LOOKALIKES.items()],
    "latin": tokens.LATIN,
    # redline: pairing, statuses, the kinds of markup, what is compared outside the sections
    "section_pairing": redline.SECTION_PAIRING,
    "block_pairing": redline.BLOCK_PAIRING,
    "move_pairing": redline.MOVE_PAIRING,
    "move_min_words": redline.MOVE_MIN_WORDS,
    "max_candidates": redline.MAX_CANDIDATES,
    "statuses": {
        "unchanged": redline.UNCHANGED,
        "changed": redline.CHANGED,
        "inserted": redline.INSERTED,
        "deleted": redline.DELETED,
        "moved_in": redline.MOVED_IN,
        "moved_out": redline.MOVED_OUT,
        "added": redline.ADDED,
        "removed": redline.REMOVED,
    },
    "generated": redline.GENERATED,
    "marks": {"link": redline.LINK, "image": redline.IMAGE, "alt": redline.ALT, "other": redline.OTHER},
    "meta": {"title": redline.TITLE, "summary": redline.SUMMARY, "effective": redline.EFFECTIVE, "fact": redline.FACT},
    "subjects": {
        "basis": redline.BASIS,
        "interest": redline.INTEREST,
        "data_type": redline.DATA_TYPE,
        "activity": redline.ACTIVITY,
    },
    # redline_html: the containers rebuilt, and which phrase of words.py names what
    "containers": list(redline_html.CONTAINERS),
    "format_names": redline_html.FORMAT_NAMES,
    "meta_names": redline_html.META_NAMES,
    "generated_names": redline_html.GENERATED_NAMES,
    "script_names": redline_html.SCRIPT_NAMES,
    "fact_phrases": redline_html.FACT_PHRASES,
    "what_changed": redline_html.WHAT_CHANGED,
    "preamble": redline_html.PREAMBLE,
    # words: the phrases in English, what the engine says where a page gives none
    "words": words.script_words("en"),
}


def script() -> str:
    """redline.js as it is published: ``RULES`` written into its slot (ASCII JSON, so that no invisible
    character of the rules is raw in the script)."""
    source = SOURCE.read_text(encoding="utf-8")
    if source.count(RULES_SLOT) != 1:
        raise RuntimeError(f"{SOURCE} must hold {RULES_SLOT!r} exactly once")
    return source.replace(RULES_SLOT, json.dumps(RULES, ensure_ascii=True, separators=(",", ":")))
