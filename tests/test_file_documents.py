"""A document kept as one Markdown file anywhere in the repository, with its whole history (issue 19).

Real git repositories, real builds, assertions on the parsed pages."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from git import Repo
from helpers import commit, copy_site, edit, init_repo, legaldocs, mkdocs, page, text
from legaldocs import filedoc, placeholders
from legaldocs.filedoc import FILE_KEY, FileSpec

SPEC = FileSpec(name="statement", file="Policies/privacy-statement.md")


def entry(**keys: object) -> str:
    """A `documents` list with the folder document and one file document, as mkdocs.yml writes it."""
    name = keys.pop("name", "statement")
    lines = "".join(f"          {k}: {v}\n" for k, v in keys.items())
    return f"  - legaldocs:\n      documents:\n        - privacy\n        - name: {name}\n{lines}"


def site_with(tmp_path: Path, **keys: object) -> tuple[Path, Repo]:
    """The project's own site (the folder document privacy) and a file document beside it."""
    site = copy_site(tmp_path / "site", git=False)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - legaldocs\n", entry(**keys)))
    return site, init_repo(site)


def read(text: str, spec: FileSpec = SPEC, language: str = "en") -> filedoc.source.Reading:
    return filedoc.read("statement", {FILE_KEY: text.encode()}, "Policies/privacy-statement.md", spec, language)


# Reading one file --------------------------------------------------------------------------------

POLICY = """\
---
title: Privacy Statement
summary: Names our new processor.
layout: page
---
# Privacy Statement at Example

Effective date: February 1, 2024

We respect your privacy.

## Who we are

Example Ltd, London.

## What we collect

- your name
- your e-mail address

### In detail

More words.

## Your rights {#rights}

Ask us.
"""


def test_front_matter_is_metadata_and_the_headings_are_sections() -> None:
    reading = read(POLICY)
    document = reading.document
    assert reading.problems == [] and document is not None
    assert document.title == "Privacy Statement"  # front matter wins over the level-1 heading
    assert document.summary == "Names our new processor."
    assert document.effective == date(2024, 2, 1)
    assert [s.id for s in document.sections] == ["preamble", "who-we-are", "what-we-collect", "rights"]
    preamble = document.sections[0]
    assert preamble.preamble and preamble.title == ""
    assert preamble.body.strip() == "We respect your privacy."  # neither the title nor the date line
    assert "layout" not in "".join(s.body for s in document.sections)
    # The sub-heading sits under its section (## in the section's own terms), on its own line of the file.
    collect = document.sections[2]
    assert "## In detail" in collect.body and "###" not in collect.body
    assert collect.body_line == POLICY.split("\n").index("## What we collect") + 2
    assert not document.numbered and document.label("who-we-are") == ""


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("Effective date: February 1, 2024", "en", date(2024, 2, 1)),
        ("**Effective date:** 1 February 2024", "en", date(2024, 2, 1)),
        ("*Effective May 4, 2026*", "en", date(2026, 5, 4)),
        ("_Effective as of May 4th, 2026._", "en", date(2026, 5, 4)),
        ("Gültig ab 4. Mai 2026", "de", date(2026, 5, 4)),
        ("Effective: 2024-02-01", "en", date(2024, 2, 1)),
        ("2024-02-01", "en", date(2024, 2, 1)),
        ('Effective <time datetime="2024-02-01">1 Feb.</time>', "en", date(2024, 2, 1)),
        ('*February 1, 2024*{: datetime="2024-02-01" }', "en", date(2024, 2, 1)),
    ],
)
def test_the_date_line_in_the_forms_policies_write_it(line: str, language: str, expected: date) -> None:
    reading = read(f"# Policy\n\n{line}\n\n## A\n\nText.\n", language=language)
    assert reading.problems == [] and reading.document is not None
    assert reading.document.effective == expected
    assert line not in reading.document.sections[0].body  # the stamp says the date: not repeated


def test_a_control_character_escaped_in_front_matter_is_refused_at_its_line() -> None:
    reading = read('---\ntitle: "Privacy\\x01"\n---\nEffective: 2024-02-01\n\n## A\n\nText.\n')
    assert [p.where for p in reading.problems] == ["Policies/privacy-statement.md:2"]
    assert reading.document is not None and "\x01" not in reading.document.title


def test_last_updated_counts_only_where_no_line_says_effective() -> None:
    both = read("# P\n\nLast updated: March 3, 2024\n\nEffective date: February 1, 2024\n\n## A\n\nText.\n")
    assert both.document is not None and both.document.effective == date(2024, 2, 1)
    updated = read("# P\n\nLast updated: March 3, 2024\n\n## A\n\nText.\n")
    assert updated.document is not None and updated.document.effective == date(2024, 3, 3)


def test_no_readable_date_is_an_error_at_the_line_saying_which_forms_are_understood() -> None:
    reading = read("# P\n\nIntro.\n\nEffective date: sometime soon\n\n## A\n\nText.\n")
    (problem,) = reading.problems
    assert problem.where == "Policies/privacy-statement.md:5"
    assert "Effective date: February 1, 2024" in problem.fix and "Gültig ab" in problem.fix
    missing = read("# P\n\nIntro.\n\n## A\n\nText.\n")
    assert [p.path for p in missing.problems] == ["Policies/privacy-statement.md"]
    assert "no effective date" in missing.problems[0].message


def test_ids_as_github_makes_them_or_as_the_sites_toc_does() -> None:
    text = (
        "# P\n\nEffective: 2024-02-01\n\n## 1. Données & Cookies\n\nA.\n\n"
        "## 2. Your rights\n\nB.\n\n## 2. Your rights\n\nC.\n"
    )
    github = read(text, FileSpec("statement", "p.md", markdown="github")).document
    mkdocs_ids = read(text).document
    assert github is not None and mkdocs_ids is not None
    assert [s.id for s in github.sections] == ["1-données--cookies", "2-your-rights", "2-your-rights-1"]
    assert [s.id for s in mkdocs_ids.sections] == ["1-donnees-cookies", "2-your-rights", "2-your-rights_1"]
    assert github.markdown == "github" and mkdocs_ids.markdown == "mkdocs"


def test_a_file_without_sections_is_its_title_and_a_preamble() -> None:
    reading = read("# Cookie Notice\n\nEffective: 2024-02-01\n\nWe use one cookie.\n")
    document = reading.document
    assert reading.problems == [] and document is not None
    assert document.title == "Cookie Notice"
    assert [(s.preamble, s.body.strip()) for s in document.sections] == [(True, "We use one cookie.")]


def test_generated_numbering_refuses_typed_numbers_at_their_line() -> None:
    text = "# P\n\nEffective: 2024-02-01\n\n## Who we are\n\nA.\n\n## 2. Your rights\n\nB.\n\n## Contact\n\nC.\n"
    reading = read(text, FileSpec("statement", "p.md", numbering="generated"))
    (problem,) = reading.problems
    assert problem.line == 9 and "typed number" in problem.message
    document = reading.document
    assert document is not None and document.numbered
    assert [document.label(s.id) for s in document.sections] == ["1.", "2.", "3."]
    with_preamble = read(
        "# P\n\nEffective: 2024-02-01\n\nSee {{ section: contact }}.\n\n## Who we are\n\nA.\n\n## Contact\n\nC.\n",
        FileSpec("statement", "p.md", numbering="generated"),
    ).document
    assert with_preamble is not None and with_preamble.sections[0].preamble
    assert placeholders.reading("section", "contact", with_preamble) == "section 2"  # the preamble is not counted


def test_the_section_level_is_the_shallowest_used_three_times_unless_given() -> None:
    text = "# P\n\nEffective: 2024-02-01\n\n## Part one\n\n### A\n\nx\n\n### B\n\ny\n\n### C\n\nz\n"
    found = read(text).document  # level 3: a shallower heading still starts a section of its own
    assert found is not None and [s.title for s in found.sections] == ["Part one", "A", "B", "C"]
    given = read(text, FileSpec("statement", "p.md", section_level=2)).document
    assert given is not None and [s.title for s in given.sections] == ["Part one"]


# Options -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "said"),
    [
        ({"file": "p.md", "numbring": "generated"}, "unknown key 'numbring'"),
        ({"file": "p.md", "markdown": "gfm"}, "markdown"),
        ({"file": "p.md", "section_level": 9}, "section_level must be a heading level"),
        ({"file": "../outside.md"}, "outside the repository"),
        ({"file": "P.md"}, "the file 'P.md' does not exist"),
        ({"file": "p.md", "name": "privacy"}, "the folder docs/privacy/ has the same name"),
        ({"file": "p.md", "effective_format": "'Valid from %Q %Y'"}, "'%Q', which is not one of %Y"),
        ({"file": "p.md", "effective_format": "'Valid from %B %Y'"}, "must have a year (%Y), a month"),
    ],
)
def test_a_wrong_entry_is_a_clear_configuration_error(tmp_path: Path, keys: dict[str, object], said: str) -> None:
    site, repo = site_with(tmp_path, **keys)
    (site / "p.md").write_text("# P\n\nEffective: 2024-02-01\n\nText.\n")
    commit(repo, "Policy", "2024-01-01")
    result = mkdocs(site, "build", "--strict")
    assert result.returncode != 0
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_linked_file_is_never_read(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="linked.md")
    (tmp_path / "secret.md").write_text("# Secret\n\nEffective: 2024-02-01\n")
    (site / "linked.md").symlink_to(tmp_path / "secret.md")
    commit(repo, "Policy", "2024-01-01")
    result = mkdocs(site, "build", "--strict")
    assert result.returncode != 0 and "symbolic link" in result.stderr
    assert "Traceback" not in result.stderr


# A whole history -----------------------------------------------------------------------------------


def history_site(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A single-file policy with front matter, moved twice, dated in three forms, a heading renamed,
    and one commit whose date cannot be read (corrected by the next), beside a folder document."""
    site, repo = site_with(tmp_path, file="policies/privacy-statement.md", markdown="github")
    shas: dict[str, str] = {}
    first = site / "Policies" / "privacy.md"
    first.parent.mkdir()
    first.write_text(
        "---\ntitle: Privacy Statement\n---\n# Privacy Statement\n\nEffective date: February 1, 2024\n\n"
        "We respect your privacy.\n\n## Who we are\n\nExample Ltd.\n\n## What we collect\n\nYour name.\n\n"
        "## Contact us\n\nWrite to us.\n"
    )
    shas["v1"] = commit(repo, "First privacy statement", "2024-01-01")
    second = site / "legal" / "privacy.md"
    second.parent.mkdir()
    repo.git.mv(str(first), str(second))
    shas["moved"] = commit(repo, "Move the statement to legal/", "2024-01-20")
    second.write_text(
        second.read_text()
        .replace("Effective date: February 1, 2024", "**Effective date:** 1 June 2024")
        .replace("## Contact us", "## How to reach us")
        .replace("Your name.", "Your name and your e-mail address.")
    )
    shas["v2"] = commit(repo, "Collect e-mail addresses", "2024-04-01")
    second.write_text(second.read_text().replace("1 June 2024", "sometime in June"))
    shas["broken"] = commit(repo, "Reword the date", "2024-04-10")
    second.write_text(second.read_text().replace("sometime in June", "1 June 2024"))
    shas["fixed"] = commit(repo, "Put the date back", "2024-04-11")
    third = site / "policies" / "privacy-statement.md"
    third.parent.mkdir()
    repo.git.mv(str(second), str(third))
    third.write_text(
        third.read_text()
        .replace("**Effective date:** 1 June 2024", "*Effective September 1, 2024*")
        .replace("Example Ltd.", "Example Ltd, London.")
    )
    shas["v3"] = commit(repo, "Move to policies/ and give our address", "2024-07-01")
    return site, shas


def test_a_file_moved_twice_keeps_its_whole_history(tmp_path: Path) -> None:
    site, shas = history_site(tmp_path)
    result = mkdocs(site, "build", "--strict")
    assert result.returncode == 0, result.stderr
    versions = page(site, "statement/versions/index.html")
    linked = {a.get("href") for a in versions.iter("a")}
    for effective in ("2024-02-01", "2024-06-01", "2024-09-01"):
        assert f"{effective}/" in linked
        assert (site / "site" / "statement" / "versions" / effective / "index.html").is_file()
    assert shas["broken"][:7] in text(versions)  # the unreadable commit: skipped and listed
    # The permalink of the first version: its own text, the date line and front matter not repeated.
    first = page(site, "statement/versions/2024-02-01/index.html")
    body = text(first.xpath("//div[@class='ld-document']")[0])
    assert "We respect your privacy." in body and "Your name." in body
    assert "Effective date" not in body and "title:" not in body
    assert [text(h) for h in first.xpath("//div[@class='ld-document']//h2")] == [
        "Who we are¶",
        "What we collect¶",
        "Contact us¶",
    ]
    assert text(first.xpath("//h1")[0]).startswith("Privacy Statement")
    # The summary: the first line of the message of the commit that started the version.
    summaries = [text(p) for p in versions.xpath("//p[@class='ld-summary']")]
    newest_first = ["Move to policies/ and give our address", "Collect e-mail addresses", "First privacy statement"]
    assert summaries == [f"From the commit message: {s}" for s in newest_first]  # shown as such
    # The changes page's redline: the renamed heading and the new words, marked.
    changes = page(site, "statement/changes/2024-06-01/index.html")
    inserted = " ".join(text(e) for e in changes.xpath("//ins"))
    deleted = " ".join(text(e) for e in changes.xpath("//del"))
    assert "e-mail address" in inserted
    assert "reach" in inserted and "Contact" in deleted
    # The preamble has its history too, named as such (it has no title of its own).
    preamble = page(site, "statement/sections/preamble/index.html")
    assert text(preamble.xpath("//h1")[0]).endswith(": history of the preamble")
    # The folder document beside it is untouched.
    assert (site / "site" / "privacy" / "index.html").is_file()
    assert "Effective" in text(page(site, "statement/index.html"))


# A new version -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("Effective date: February 1, 2024", "en", "Effective date: September 14, 2026"),
        ("**Effective date:** 1 June 2024", "en", "**Effective date:** 14 September 2026"),
        ("*Effective May 4th, 2024*", "en", "*Effective September 14th, 2026*"),
        ("Gültig ab 4. Mai 2024", "de", "Gültig ab 14. September 2026"),
        ("Effective: 2024-02-01", "en", "Effective: 2026-09-14"),
    ],
)
def test_a_new_version_rewrites_the_date_line_in_its_own_form(line: str, language: str, expected: str) -> None:
    text = f"# Policy\n\n{line}\n\n## A\n\nText.\n"
    edited, before = filedoc.redate(text, SPEC, "p.md", date(2026, 9, 14), language)
    assert edited == text.replace(line, expected)
    assert before < date(2026, 9, 14)


def test_new_version_on_a_file_document_changes_only_its_date(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md")
    policy = site / "policy.md"
    policy.write_text("---\ntitle: Policy\neffective: '2024-02-01'  # the date\n---\n\nWe care.\n\n## A\n\nText.\n")
    commit(repo, "Policy", "2024-01-01")
    before = policy.read_text()
    result = subprocess.run(
        ["legaldocs", "new-version", "statement", "--effective", "2026-09-14", "--summary", "Adds a processor."],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert policy.read_text() == before.replace("2024-02-01", "2026-09-14")
    assert "Adds a processor." in result.stdout


def test_check_names_the_line_of_an_unreadable_date_in_the_working_copy(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md")
    policy = site / "policy.md"
    policy.write_text("# Policy\n\nEffective date: February 1, 2024\n\n## A\n\nText.\n")
    commit(repo, "Policy", "2024-01-01")
    policy.write_text("# Policy\n\nEffective date: soon\n\n## A\n\nText.\n")  # not committed: read as data
    result = subprocess.run(["legaldocs", "check"], cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    unread = "policy.md:3: this line states a date that cannot be read: “soon” is not a month's name or a number."
    assert unread in result.stderr
    assert "Traceback" not in result.stderr
    run = ["legaldocs", "check", "--working-copy"]  # the pre-commit hook: the file on disk, no history
    hook = subprocess.run(run, cwd=site, capture_output=True, text=True, timeout=120)
    assert hook.returncode == 1 and unread in hook.stderr
    committed = mkdocs(site, "build", "--strict")  # the build publishes the committed text, and says so
    assert "uncommitted" in committed.stderr and "Traceback" not in committed.stderr


# adopt -------------------------------------------------------------------------------------------


def test_adopt_prints_the_entry_and_the_history_and_writes_it_keeping_comments(tmp_path: Path) -> None:
    site, shas = history_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            entry(file="policies/privacy-statement.md", markdown="github"),
            "  - legaldocs:\n      # the policies\n      documents:\n        - privacy  # the folder\n"
            "      branch: main\n",
        )
    )
    before = config.read_text()
    args = ["legaldocs", "adopt", "policies/privacy-statement.md", "--markdown", "github"]
    result = subprocess.run(args, cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "- name: privacy-statement\n  file: policies/privacy-statement.md\n  markdown: github\n"
    assert "3 versions" in result.stderr
    for effective in ("2024-02-01", "2024-06-01", "2024-09-01"):
        assert f"effective {effective}" in result.stderr
    assert f"commit {shas['broken'][:7]}" in result.stderr and "left out" in result.stderr
    assert "headings of level 2" in result.stderr
    assert config.read_text() == before  # nothing written without --write
    written = subprocess.run([*args, "--name", "statement", "--write"], cwd=site, capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    assert config.read_text() == before.replace(
        "        - privacy  # the folder\n",
        "        - privacy  # the folder\n        - name: statement\n          file: policies/privacy-statement.md\n"
        "          markdown: github\n",
    )
    assert mkdocs(site, "build", "--strict").returncode == 0
    assert (site / "site" / "statement" / "versions" / "2024-06-01" / "index.html").is_file()


def test_adopt_write_turns_a_bare_plugin_entry_into_options(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site", git=False)
    repo = init_repo(site)
    (site / "Privacy-Notice.md").write_text(
        "# Privacy\n\n_Last updated: March 3, 2024_\n\n## A\n\nx\n\n## B\n\ny\n\n## C\n\nz\n"
    )
    commit(repo, "Privacy", "2024-03-01")
    args = ["legaldocs", "adopt", "Privacy-Notice.md", "--write"]
    result = subprocess.run(args, cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Last updated" in result.stderr  # said: every change of that date is a new version
    assert (
        "  - legaldocs:\n      documents:\n        - name: privacy-notice\n          file: Privacy-Notice.md\n"
        in (site / "mkdocs.yml").read_text()
    )
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "privacy-notice" / "versions" / "2024-03-03" / "index.html").is_file()
    assert (site / "site" / "privacy" / "index.html").is_file()  # the folder beside it: still every folder


def test_generated_numbering_numbers_the_sections_and_not_the_preamble(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md", numbering="generated")
    (site / "policy.md").write_text(
        "# Policy\n\n*Effective May 4, 2024*\n\nWe care.\n\n## Who we are\n\nUs.\n\n## Rights\n\nAsk.\n"
    )
    commit(repo, "Policy", "2024-01-01")
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 0, built.stderr
    current = page(site, "statement/index.html")
    document = current.xpath("//div[@class='ld-document']")[0]
    assert [text(h) for h in document.xpath(".//h2")] == ["1. Who we are¶", "2. Rights¶"]
    assert text(document.xpath("./section")[0]).endswith("We care.")  # the preamble: no heading, no number
    contents = [text(li) for li in current.xpath("//nav[contains(@class, 'ld-contents')]//li")]
    assert contents == ["1. Who we are", "2. Rights"]


def test_serve_watches_the_file_outside_docs_and_previews_its_edits(tmp_path: Path) -> None:
    """The file lives outside docs/: `mkdocs serve` still rebuilds on save, the edit a draft read as data."""
    from helpers import serving, wait_for

    site, repo = site_with(tmp_path, file="legal/policy.md")
    policy = site / "legal" / "policy.md"
    policy.parent.mkdir()
    policy.write_text("# Policy\n\nEffective date: February 1, 2024\n\nWe care.\n\n## Rights\n\nAsk us.\n")
    commit(repo, "Policy", "2024-01-01")
    with serving(site, tmp_path / "serve.log") as url:
        wait_for(url + "statement/", "Ask us.")
        policy.write_text(policy.read_text().replace("Ask us.", "Ask us in writing."))
        draft = wait_for(url + "statement/versions/proposed/", "Ask us in writing.")
        assert "DRAFT: proposed changes, not in force." in draft


def test_diff_redlines_a_file_document_between_versions_and_against_the_working_tree(tmp_path: Path) -> None:
    site, _ = history_site(tmp_path)
    run = ["legaldocs", "diff", "2024-02-01", "2024-06-01", "--document", "statement", "--format", "json"]
    result = subprocess.run(run, cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["document"] == "statement" and found["path"] == "policies/privacy-statement.md"
    assert found["base"]["effective"] == "2024-02-01" and found["head"]["effective"] == "2024-06-01"
    edit(site / "policies" / "privacy-statement.md", "Example Ltd, London.", "Example Ltd, Leeds.")
    worktree = subprocess.run(
        ["legaldocs", "diff", "HEAD", "--document", "statement"], cwd=site, capture_output=True, text=True, timeout=120
    )
    assert worktree.returncode == 0, worktree.stderr
    assert "Leeds" in worktree.stdout and "London" in worktree.stdout


def test_a_pull_request_preview_of_a_file_document_is_a_draft(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md")
    policy = site / "policy.md"
    policy.write_text("# Policy\n\nEffective date: February 1, 2024\n\nWe care.\n\n## Rights\n\nAsk us.\n")
    commit(repo, "Policy", "2024-01-01")
    repo.git.checkout("-b", "new-rights")
    edit(policy, "Ask us.", "Ask us, or our regulator.")
    edit(policy, "February 1, 2024", "March 1, 2025")
    commit(repo, "Name the regulator", "2025-01-10")
    built = mkdocs(site, "build")
    assert built.returncode == 0, built.stderr
    draft = page(site, "statement/versions/proposed/index.html")
    assert "Ask us, or our regulator." in text(draft)
    assert "DRAFT: proposed changes, not in force." in text(draft)
    assert "Ask us, or our regulator." not in text(page(site, "statement/index.html"))


def test_setext_headings_are_headings_and_a_thematic_break_is_not() -> None:
    reading = read(
        "Privacy Notice\n==============\n\nEffective date: February 1, 2024\n\nIntro.\n\n---\n\n"
        "Who we are\n----------\n\nUs.\n\nYour rights\n-----------\n\nAsk.\n\n- a list item\n---\n"
    )
    document = reading.document
    assert reading.problems == [] and document is not None
    assert document.title == "Privacy Notice"
    assert [s.title for s in document.sections] == ["", "Who we are", "Your rights"]
    assert "---" in document.sections[0].body  # a thematic break after a blank line stays text
    assert document.sections[1].body.strip() == "Us." and document.sections[1].body_line == 12


# Markdown as GitHub renders it ---------------------------------------------------------------------

GITHUB_POLICY = """\
---
title: Privacy Statement
---
# Privacy Statement

Effective date: February 1, 2024

We use your data for:
- running the service
  - keeping your account

## 1. Who we are

In particular:
- Example Ltd
- its partners
"""


def test_a_github_file_document_is_built_as_github_shows_it(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md", markdown="github")
    (site / "policy.md").write_text(GITHUB_POLICY)
    commit(repo, "Policy", "2024-01-01")
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 0, built.stderr
    document = page(site, "statement/index.html").xpath("//div[@class='ld-document']")[0]
    # A list right after its paragraph, and one nested by two spaces: lists, as on GitHub.
    assert [text(li) for li in document.xpath(".//ul/li/ul/li")] == ["keeping your account"]
    items = [text(li) for li in document.xpath(".//section[.//h2]//ul/li")]
    assert items == ["Example Ltd", "its partners"]
    assert "- Example" not in text(document)
    assert document.xpath(".//h2/@id") == ["1-who-we-are"]  # GitHub's id, so `#1-who-we-are` links work


def test_a_site_markdown_file_document_is_warned_at_the_line_of_the_real_file(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md")
    (site / "policy.md").write_text(GITHUB_POLICY)
    commit(repo, "Policy", "2024-01-01")
    lines = GITHUB_POLICY.split("\n")
    preamble = f"policy.md:{lines.index('- running the service') + 1}:"
    section = f"policy.md:{lines.index('- Example Ltd') + 1}:"
    checked = subprocess.run(["legaldocs", "check"], cwd=site, capture_output=True, text=True, timeout=120)
    said = checked.stdout + checked.stderr
    assert preamble in said and section in said, said
    assert "GitHub shows a list here" in said
    built = mkdocs(site, "build", "--strict")
    assert built.returncode != 0 and preamble in built.stderr and section in built.stderr, built.stderr


# The redline names sections as the page does ---------------------------------------------------------

AS_WRITTEN = (
    "# Policy\n\nEffective date: {date}\n\n{intro}\n\n## 1. Who we are\n\n{who}\n\n## 2. Your rights\n\nAsk us.\n"
)


def test_the_redline_names_sections_as_written_and_the_preamble_as_such(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md")
    policy = site / "policy.md"
    policy.write_text(AS_WRITTEN.format(date="February 1, 2024", intro="We care.", who="Example Ltd, London."))
    commit(repo, "Policy", "2024-01-01")
    policy.write_text(AS_WRITTEN.format(date="June 1, 2024", intro="We care a lot.", who="Example Ltd, Leeds."))
    commit(repo, "Move to Leeds", "2024-05-01")
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 0, built.stderr
    changes = page(site, "statement/changes/2024-06-01/index.html")
    titles = [" ".join(text(h).split()) for h in changes.xpath("//*[contains(@class, 'ld-change-title')]")]
    assert titles[:2] == ["Preamble", "1. Who we are"], titles
    assert not any("§" in t for t in titles), titles
    # The compare page's data: the label the page shows ("": headings as written), not the position.
    data = json.loads((site / "site" / "statement" / "compare" / "data" / "2024-06-01.json").read_text())
    assert [(s["n"], s.get("l")) for s in data["sections"]] == [(1, ""), (2, ""), (3, "")]
    # The pull-request comment and the terminal.
    run = ["legaldocs", "diff", "2024-02-01", "2024-06-01", "--document", "statement", "--format", "markdown"]
    comment = subprocess.run(run, cwd=site, capture_output=True, text=True, timeout=120)
    assert comment.returncode == 0, comment.stderr
    headings = [line for line in comment.stdout.splitlines() if line.startswith("### ")]
    assert headings[:2] == ["### Preamble", "### 1&#46; Who we are"], headings  # (GitHub shows "1.")
    assert "§" not in comment.stdout
    terminal = subprocess.run(run[:-2], cwd=site, capture_output=True, text=True, timeout=120)
    assert "\nPreamble\n" in terminal.stdout and "\n1. Who we are\n" in terminal.stdout, terminal.stdout
    assert "§" not in terminal.stdout


def test_a_renamed_headings_old_history_address_redirects_to_its_new_one(tmp_path: Path) -> None:
    site, _ = history_site(tmp_path)  # "Contact us" is "How to reach us" from 2024-06-01
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 0, built.stderr
    old = page(site, "statement/sections/contact-us/index.html")
    (refresh,) = old.xpath("//head/meta[@http-equiv='refresh']/@content")
    assert refresh == "0; url=../how-to-reach-us/", refresh
    new = page(site, "statement/sections/how-to-reach-us/index.html")
    assert new.xpath("//head/meta[@http-equiv='refresh']") == []
    linked = {a.get("href") for a in new.iter("a")}
    assert any("versions/2024-02-01/" in (h or "") for h in linked), linked  # its history before the rename
    # A section that was not renamed keeps its own page.
    assert page(site, "statement/sections/who-we-are/index.html").xpath("//head/meta[@http-equiv='refresh']") == []


# effective_format ----------------------------------------------------------------------------------

FORMATTED = FileSpec("statement", "p.md", effective_format="Policy in force from the %-dth day of %B, %Y.")


@pytest.mark.parametrize(
    ("form", "line", "language", "expected"),
    [
        (
            "Policy in force from the %-dth day of %B, %Y.",
            "Policy in force from the 4th day of May, 2026.",
            "en",
            date(2026, 5, 4),
        ),
        ("Stand: %d.%m.%Y", "Stand: 04.05.2026", "de", date(2026, 5, 4)),
        ("Version %Y/%-m/%-d", "Version 2026/5/4", "en", date(2026, 5, 4)),
        ("Wirksam: %e. %b %Y", "Wirksam: 4. Mai 2026", "de", date(2026, 5, 4)),
        ("Stand: %d.%m.%Y", "Stand: 4.05.2026", "de", None),  # %d is two digits
        ("Version %Y/%-m/%-d", "Version 2026/5/4 (draft)", "en", None),  # the whole line, nothing after
        ("Version %Y/%-m/%-d", "Version 2026/13/4", "en", None),  # not a date
    ],
)
def test_an_effective_format_reads_the_line_it_describes(
    form: str, line: str, language: str, expected: date | None
) -> None:
    assert filedoc.match_format(form, line, language) == expected


def test_a_file_document_dated_in_its_own_form_is_read_and_redated_in_it() -> None:
    text = "# Policy\n\n  Policy in force from the 1th day of February, 2024.\n\nWe care.\n\n## A\n\nText.\n"
    reading = read(text, FORMATTED)
    assert reading.problems == [] and reading.document is not None
    assert reading.document.effective == date(2024, 2, 1)
    assert "in force" not in reading.document.sections[0].body  # the date line is not repeated
    assert read(text).document is None or read(text).problems  # without the format: not understood
    edited, before = filedoc.redate(text, FORMATTED, "p.md", date(2026, 9, 14))
    assert before == date(2024, 2, 1)
    assert edited == text.replace("the 1th day of February, 2024", "the 14th day of September, 2026")
    said = read(text.replace("February, 2024", "Febtober, 2024"), FORMATTED).problems
    assert len(said) == 1 and "as effective_format says: `Policy in force from the %-dth day of %B, %Y.`" in said[0].fix


def test_new_version_writes_the_date_in_the_effective_format(tmp_path: Path) -> None:
    site, repo = site_with(tmp_path, file="policy.md", effective_format="'Stand: %d.%m.%Y'")
    policy = site / "policy.md"
    policy.write_text("# Policy\n\nStand: 01.02.2024\n\nWe care.\n\n## A\n\nText.\n")
    commit(repo, "Policy", "2024-01-01")
    result = subprocess.run(
        ["legaldocs", "new-version", "statement", "--effective", "2026-09-04", "--summary", "Adds a processor."],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert policy.read_text() == "# Policy\n\nStand: 04.09.2026\n\nWe care.\n\n## A\n\nText.\n"
    commit(repo, "Adds a processor.", "2026-08-01")
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "statement" / "versions" / "2026-09-04" / "index.html").is_file()


def test_adopt_names_the_path_the_file_had_at_the_commit(tmp_path: Path) -> None:
    site, shas = history_site(tmp_path)
    result = legaldocs("adopt", "policies/privacy-statement.md", "--name", "other", cwd=site)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if f"commit {shas['broken'][:7]}" in line]
    assert "left out of the history: legal/privacy.md:6: this line states a date" in line, line


# One source for the counts (the new-user trial) ----------------------------------------
# One source for the counts: `legaldocs diff A B` and `legaldocs notice B` say the same numbers for
# the same pair of versions (the trial's diff said "1 change to the title, date or summary" where the
# notice said 2: diff read a one-file document's version without the summary the build gives it).


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


# A commit whose date could not be read, corrected by the next (the new-user trial) ----------
# A commit whose date line could not be read ("Marhc 1, 2024"), corrected by the next commit: `check`
# and the versions page say the same (the next commit corrected it), and the version's summary is the
# message of the commit that started its text ("Add PayFast as sub-processor", not "Fix date typo").


TYPO_POLICY = (
    "# Privacy Statement\n\nEffective date: {date}\n\nWe respect your privacy.\n\n## Who gets your data\n\n{who}\n"
)


def typo_site(tmp_path: Path, fixed: bool = True) -> tuple[Path, Repo]:
    site, repo = site_with(tmp_path, file="privacy.md", markdown="github")
    policy = site / "privacy.md"
    policy.write_text(TYPO_POLICY.format(date="February 1, 2024", who="Mailer Inc."))
    commit(repo, "First privacy statement", "2024-01-01")
    policy.write_text(TYPO_POLICY.format(date="Marhc 1, 2024", who="Mailer Inc. and PayFast Ltd."))
    commit(repo, "Add PayFast as sub-processor", "2024-02-01")
    if fixed:
        policy.write_text(TYPO_POLICY.format(date="March 1, 2024", who="Mailer Inc. and PayFast Ltd."))
        commit(repo, "Fix date typo", "2024-02-02")
    return site, repo


def test_check_and_the_versions_page_agree_and_the_summary_is_the_change(tmp_path: Path) -> None:
    site, _ = typo_site(tmp_path)
    said = legaldocs("check", cwd=site)
    assert "corrected it" not in said.stdout + said.stderr, said.stdout + said.stderr
    assert "Marhc" not in said.stdout + said.stderr, "a mistake the next commit corrected asks nothing of anyone"
    notice = json.loads(
        legaldocs("notice", "2024-03-01", "--document", "statement", "--format", "json", cwd=site).stdout
    )
    assert notice["summary"] == "Add PayFast as sub-processor"
    result = mkdocs(site, "build")
    assert result.returncode == 0, result.stderr
    root = page(site, "statement/versions/index.html")
    unreadable = text(root.xpath("//ul[@class='ld-unreadable']/li")[0])
    assert "corrected it" in unreadable, unreadable
    summaries = [text(p) for p in root.xpath("//p[@class='ld-summary']")]
    assert summaries == [
        "From the commit message: Add PayFast as sub-processor",
        "From the commit message: First privacy statement",
    ], summaries


def test_an_uncorrected_typo_names_the_word_and_a_fix_for_an_old_commit(tmp_path: Path) -> None:
    site, _ = typo_site(tmp_path, fixed=False)  # the typo is the last commit: nothing corrected it
    said = legaldocs("check", cwd=site)
    out = said.stdout + said.stderr
    # The working copy and the commit alike name the word that could not be read.
    assert "“Marhc” is not a month's name or a number" in out, out
    line = next(x for x in out.splitlines() if "was invalid at this commit" in x)
    assert "write the date" not in line and "or leave it and it stays skipped" in line, line


def test_too_short_a_notice_for_a_version_in_force_says_what_can_still_be_done(tmp_path: Path) -> None:
    """ "Fix: set `effective` at least 30 days after publishing" is impossible once the version is in
    force: acknowledge its commit (by its full id) or lower notice_period."""
    site, repo = typo_site(tmp_path)
    sha = repo.head.commit.hexsha  # "Fix date typo": the version's first valid commit, 28 days ahead
    said = legaldocs("check", cwd=site)
    line = next(x for x in (said.stdout + said.stderr).splitlines() if "the notice period is 30 days" in x)
    assert "already in force" in line and "privacy.md" in line, line
    assert f"`- commit: {sha}`" in line and "lower plugins.legaldocs.notice_period" in line, line
    assert "set `effective`" not in line, line
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - legaldocs:\n",
            f"  - legaldocs:\n      acknowledge:\n        - commit: {sha}\n          reason: Announced late.\n",
        )
    )
    again = legaldocs("check", cwd=site)
    assert "the notice period is 30 days" not in again.stdout + again.stderr


GERMAN = "# Datenschutz\n\nGültig ab {date}\n\nWir achten Ihre Privatsphäre.\n\n## Wer Ihre Daten erhält\n\n{who}\n"


def test_a_translations_summary_is_its_own_commits_message(tmp_path: Path) -> None:
    """A one-file translation's versions page gave the English commits' messages as its summaries."""
    site, repo = site_with(tmp_path, file="privacy.md", markdown="github", translations="{de: de.md}")
    (site / "privacy.md").write_text(TYPO_POLICY.format(date="February 1, 2024", who="Mailer Inc."))
    (site / "de.md").write_text(GERMAN.format(date="1. Februar 2024", who="Mailer Inc."))
    commit(repo, "First privacy statement", "2024-01-01")
    (site / "privacy.md").write_text(TYPO_POLICY.format(date="March 1, 2024", who="Mailer Inc. and PayFast Ltd."))
    commit(repo, "Add PayFast as sub-processor", "2024-01-20")
    (site / "de.md").write_text(GERMAN.format(date="1. März 2024", who="Mailer Inc. und PayFast Ltd."))
    commit(repo, "Deutsch: PayFast", "2024-01-21")
    result = mkdocs(site, "build")
    assert result.returncode == 0, result.stderr
    english = [text(p) for p in page(site, "statement/versions/index.html").xpath("//p[@class='ld-summary']")]
    assert english[0] == "From the commit message: Add PayFast as sub-processor"
    german = [text(p) for p in page(site, "statement/de/versions/index.html").xpath("//p[@class='ld-summary']")]
    assert german == ["Aus der Commit-Nachricht: Deutsch: PayFast", "Aus der Commit-Nachricht: First privacy statement"]
