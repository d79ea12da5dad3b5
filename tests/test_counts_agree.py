"""One source for the counts: `legaldocs diff A B` and `legaldocs notice B` say the same numbers for
the same pair of versions (the trial's diff said "1 change to the title, date or summary" where the
notice said 2: diff read a one-file document's version without the summary the build gives it)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import legaldocs
from test_file_documents import history_site


def counts(site: Path, *args: str) -> dict[str, int]:
    result = legaldocs(*args, "--format", "json", cwd=site)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["counts"]


def test_diff_and_notice_count_alike_on_each_pair_of_the_demo(tmp_path: Path) -> None:
    site = tmp_path / "policy"
    assert legaldocs("demo", str(site), cwd=tmp_path).returncode == 0
    pairs = 0
    after: str | None = None  # the latest, then each one's previous
    while True:
        notice = legaldocs("notice", *([after] if after else []), "--format", "json", "--document", "privacy", cwd=site)
        said = json.loads(notice.stdout)
        if not said["previous"]:
            break
        assert counts(site, "diff", said["previous"], said["version"], "--document", "privacy") == said["counts"]
        pairs, after = pairs + 1, said["previous"]
    assert pairs >= 4


def test_diff_and_notice_count_alike_for_a_one_file_document(tmp_path: Path) -> None:
    """Its summary is the message of the commit that started the version, in diff as in notice."""
    site, shas = history_site(tmp_path)
    notice = counts(site, "notice", "2024-06-01", "--document", "statement")
    assert notice["metadata_changed"] == 2, "the date and the summary"
    assert counts(site, "diff", "2024-02-01", "2024-06-01", "--document", "statement") == notice
    assert counts(site, "diff", shas["v1"], shas["v2"], "--document", "statement") == notice
