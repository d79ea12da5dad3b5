"""Reading and validating document folders: every mistake named by file and line, with a fix."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import DOCUMENT, PURPOSES, REPO, files
from legaldocs import documents, source
from legaldocs.model import LAWFUL_BASES


def problems(**changes: str | None) -> list[str]:
    _, found = source.read_document("example", files(**changes), "docs/example")
    return [str(p) for p in found]


def only(**changes: str | None) -> str:
    found = problems(**changes)
    assert len(found) == 1, found
    assert " Fix: " in found[0], "every problem says how to fix it"
    return found[0]


def test_valid_document_reads_in_order_with_generated_numbers() -> None:
    document, found = source.read_document("example", files(), "docs/example")
    assert found == []
    assert document is not None
    assert [s.id for s in document.sections] == ["intro", "contact"]
    assert document.number("contact") == 2
    assert document.effective == date(2024, 3, 1)
    assert document.purposes is not None
    assert [b.key for b in document.purposes.purposes[0].bases] == ["contract", "legitimate_interests"]


def test_the_policy_has_13_sections_and_6_purposes() -> None:
    document = documents.load_folder(REPO / "docs" / "privacy", "docs/privacy").document
    assert document is not None
    assert len(document.sections) == 13
    assert document.sections[12].title == "Further Information"
    assert document.purposes is not None
    assert len(document.purposes.purposes) == 6
    assert [t.label for t in document.purposes.data_types] == [
        "Identity and Contact",
        "Technical",
        "Usage",
        "Profile",
    ]


def test_malformed_yaml_names_the_line() -> None:
    bad = DOCUMENT.replace("summary: First version.", "summary: [unclosed")
    assert only(document_yml=bad).startswith("docs/example/document.yml:")


def test_a_key_without_its_colon_is_reported_at_its_own_line() -> None:
    bad = DOCUMENT.replace("facts:", "facts")  # line 7; the YAML scanner notices on line 8
    assert only(document_yml=bad).startswith("docs/example/document.yml:7: this is not valid YAML")
    bad = DOCUMENT.replace("summary: First version.", "summary First version.")
    assert only(document_yml=bad).startswith("docs/example/document.yml:3: this is not valid YAML")


def test_a_broken_purposes_yml_is_one_problem_not_also_a_missing_one() -> None:
    """The {{ purposes }} placeholder must not be said to lack a purposes.yml that exists but has a mistake."""
    bad = PURPOSES.replace("caption: How we use your data", "caption: [How we use your data")
    found = only(purposes_yml=bad)
    assert found.startswith("docs/example/purposes.yml:") and "not valid YAML" in found
    assert "needs a purposes.yml" in only(purposes_yml=None), "a missing one is still said"


def test_duplicate_yaml_key_is_an_error_at_its_line() -> None:
    bad = DOCUMENT + "title: Again\n"
    assert only(document_yml=bad).startswith("docs/example/document.yml:9: this is not valid YAML")


def test_missing_document_yml() -> None:
    assert "docs/example/document.yml: the document folder has no document.yml" in only(document_yml=None)


def test_section_listed_but_missing_names_the_list_line() -> None:
    found = problems(sections__contact_md=None)
    assert any(p.startswith("docs/example/document.yml:6: the section 'contact' is listed but") for p in found)


def test_section_file_not_listed() -> None:
    message = only(sections__extra_md="# Extra\n\nText.\n")
    assert message.startswith("docs/example/sections/extra.md:1: this section is not listed")


def test_empty_section() -> None:
    assert only(sections__contact_md="# Contact\n\n   \n").startswith(
        "docs/example/sections/contact.md:1: the section has a title but no text."
    )


def test_section_without_title() -> None:
    assert only(sections__contact_md="Write to us.\n").startswith(
        "docs/example/sections/contact.md:1: the first line must be the section title"
    )


def test_typed_section_number_in_title() -> None:
    assert "starts with a typed number" in only(sections__contact_md="# 2. Contact\n\nText.\n")


def test_unknown_cross_reference_names_file_and_line() -> None:
    body = "# Contact\n\nText.\n\nSee {{ section: nowhere }} below.\n"
    message = only(sections__contact_md=body)
    assert message.startswith(
        "docs/example/sections/contact.md:5: {{ section: nowhere }} refers to a section that does not exist."
    )
    assert "contact, intro" in message


def test_unknown_fact() -> None:
    assert only(sections__contact_md="# Contact\n\nCall {{ fact: phone }}.\n").startswith(
        "docs/example/sections/contact.md:3: {{ fact: phone }} names a fact that is not defined."
    )


def test_unknown_placeholder() -> None:
    assert "unknown placeholder {{ nonsense }}" in only(sections__contact_md="# C\n\n{{ nonsense }}\n")


def test_block_placeholder_must_stand_alone() -> None:
    body = "# Introduction\n\nThe table: {{ purposes }}\n"
    assert only(sections__intro_md=body).startswith(
        "docs/example/sections/intro.md:3: {{ purposes }} must stand on a line of its own."
    )


def test_duplicate_section_id() -> None:
    bad = DOCUMENT.replace("  - contact\n", "  - contact\n  - intro\n")
    assert only(document_yml=bad).startswith(
        "docs/example/document.yml:7: the section id 'intro' is listed twice (first on line 5)."
    )


@pytest.mark.parametrize("value", ["soon", "2024-13-01", "01/03/2024", "2024-3-1"])
def test_effective_must_be_an_iso_date(value: str) -> None:
    bad = DOCUMENT.replace("2024-03-01", value)
    assert only(document_yml=bad).startswith(
        f"docs/example/document.yml:2: 'effective' is {value!r}, which is not a date."
    )


def test_unknown_key_in_document_yml() -> None:
    assert only(document_yml=DOCUMENT + "efective: 2024-01-01\n").startswith(
        "docs/example/document.yml:9: unknown key 'efective'."
    )


def test_unknown_data_type() -> None:
    bad = PURPOSES.replace("data: [contact, usage]", "data: [contact, location]")
    message = only(purposes_yml=bad)
    assert message.startswith("docs/example/purposes.yml:10: the purpose 'service' uses the data type 'location'")
    assert "contact, usage" in message


def test_unknown_lawful_basis() -> None:
    bad = PURPOSES.replace("      - contract\n", "      - convenience\n")
    message = only(purposes_yml=bad)
    assert message.startswith("docs/example/purposes.yml:12: 'convenience' is not a lawful basis of GDPR Article 6(1).")
    assert all(key in message for key in LAWFUL_BASES)


def test_legitimate_interests_must_state_the_interest() -> None:
    bad = PURPOSES.replace(
        "      - legitimate_interests: to keep the service secure\n", "      - legitimate_interests\n"
    )
    assert only(purposes_yml=bad).startswith(
        "docs/example/purposes.yml:13: legitimate interests must state the interest relied on."
    )


def test_duplicate_data_type_id() -> None:
    bad = PURPOSES.replace("  - id: usage\n", "  - id: contact\n")
    found = problems(purposes_yml=bad)
    assert any(
        p.startswith("docs/example/purposes.yml:5: the data type id 'contact' is used twice (first on line 3)")
        for p in found
    )


def test_purposes_placeholder_without_purposes_yml() -> None:
    assert only(purposes_yml=None).startswith("docs/example/sections/intro.md:5: {{ purposes }} needs a purposes.yml")


def test_all_problems_are_reported_in_one_run() -> None:
    found = problems(
        document_yml=DOCUMENT.replace("2024-03-01", "tomorrow"),
        sections__contact_md="# Contact\n\n{{ section: gone }}\n",
        purposes_yml=PURPOSES.replace("[contact, usage]", "[contact, gone]"),
    )
    assert len(found) == 3, found


def test_not_utf8_is_an_error_not_a_traceback() -> None:
    data = files()
    data["sections/contact.md"] = "# Contact\n\nCaf\xe9\n".encode("latin-1")
    _, found = source.read_document("example", data, "docs/example")
    assert [str(p) for p in found] == [
        "docs/example/sections/contact.md:3: this file is not UTF-8 text. Fix: save it as UTF-8."
    ]


def test_windows_line_endings_and_bom_are_accepted() -> None:
    data = {k: b"\xef\xbb\xbf" + v.replace(b"\n", b"\r\n") for k, v in files().items()}
    document, found = source.read_document("example", data, "docs/example")
    assert found == []
    assert document is not None and document.sections[0].title == "Introduction"


def test_no_single_broken_line_of_yaml_raises() -> None:
    """Delete or empty each line of the policy's YAML in turn: always problems, never a traceback."""
    from legaldocs import documents

    folder = REPO / "docs" / "privacy"
    original = source.read_folder(folder)
    checked = 0
    for name in ("document.yml", "purposes.yml"):
        lines = original[name].decode().split("\n")
        for index, line in enumerate(lines):
            variants = [lines[:index] + lines[index + 1 :]]
            if ":" in line:
                variants.append([*lines[:index], line.split(":")[0] + ":", *lines[index + 1 :]])
            for variant in variants:
                files = {**original, name: "\n".join(variant).encode()}
                loaded = documents.load("privacy", files, "docs/privacy")  # must not raise
                for problem in loaded.problems:
                    assert problem.line and problem.fix, f"no line or no fix: {problem}"
                checked += 1
    assert checked > 150


def test_a_file_name_that_cannot_be_an_id_says_to_rename_it() -> None:
    assert only(sections__Cookie_Policy_md="# Cookies\n\nText.\n").startswith(
        "docs/example/sections/Cookie_Policy.md:1: the file name 'Cookie_Policy' cannot be a section id. Fix: rename"
    )
