"""Dates as a reader of a legal text expects them, and the build date that decides what is in force."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def long_date(value: date) -> str:
    """25 May 2018: unambiguous in every English-speaking country, unlike 05/25/2018."""
    return f"{value.day} {value:%B %Y}"


def build_date(environ: dict[str, str] | None = None) -> date:
    """SOURCE_DATE_EPOCH when set, so that two builds of one commit are byte-identical."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()
