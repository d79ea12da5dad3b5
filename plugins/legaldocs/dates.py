"""Dates as a reader of a legal text expects them, and the build date that decides what is in force."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def long_date(value: date, language: str = "en") -> str:
    """A date written out in the site's language (``theme.language``), with Babel.

    English is "25 May 2018": unambiguous in every English-speaking country, unlike 05/25/2018
    (Babel's "en" would write May 25, 2018). Other languages take Babel's long format, e.g.
    German "1. Februar 2024".
    """
    lang = (language or "en").replace("-", "_")
    if lang == "en" or lang.startswith("en_"):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return _babel_long(value, lang)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _babel_long(value: date, lang: str) -> str:
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse(lang.split("_")[0]) if "_" in lang else Locale.parse("en_GB")
    return format_date(value, format="long", locale=locale)


def build_date(environ: dict[str, str] | None = None) -> date:
    """SOURCE_DATE_EPOCH when set, so that two builds of one commit are byte-identical."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()
