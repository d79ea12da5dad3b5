"""`legaldocs check` and `mkdocs build --strict` give the same verdict on the same broken text.

A corpus of broken documents, each committed (the text the build publishes), run through both
commands: the problems each prints must be the same lines, and both must fail.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import commit_site, copy_site, edit, legaldocs, mkdocs

PRIVACY = "docs/privacy"


def _yaml(site: Path) -> None:
    edit(site / PRIVACY / "document.yml", "title: Privacy & Cookie Policy", "title: Privacy: Cookie Policy")


def _reference(site: Path) -> None:
    edit(site / PRIVACY / "sections/your-rights.md", "{{ section: further-information }}", "{{ section: nowhere }}")


def _anchor_and_fact(site: Path) -> None:
    edit(site / PRIVACY / "sections/links.md", "websites of", "websites of [x](#nowhere) {{ fact: phone }}")


def _image_without_alt(site: Path) -> None:
    (site / PRIVACY / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(site / PRIVACY / "sections/who-we-are.md", "\n", '\n![](../logo.png)\n\n<img src="logo.png">\n\n')


def _table(site: Path) -> None:
    edit(site / PRIVACY / "purposes.yml", "data: [technical, usage]", "data: [technical, usage, location]")
    edit(site / PRIVACY / "purposes.yml", "- contract\n", "- contracts\n")


def _order(site: Path) -> None:
    (site / PRIVACY / "sections/stray.md").write_text("# Stray\n\nText.\n")
    edit(site / PRIVACY / "document.yml", "  - links\n", "  - links\n  - missing\n  - links\n")


def _headings(site: Path) -> None:
    edit(
        site / PRIVACY / "sections/cookies.md",
        "\n",
        "\n# A second title\n\n",
    )
    (site / PRIVACY / "sections/data-security.md").write_text("# 6. Data Security\n\n")


def _effective(site: Path) -> None:
    edit(site / PRIVACY / "document.yml", "effective: 2018-05-25", "effective: 25 May 2018")


def _two_documents(site: Path) -> None:
    terms = site / "docs/terms"
    terms.mkdir()
    (terms / "document.yml").write_text("title: Terms\neffective: 2020-01-01\nsummary: S.\nsections: [about]\n")
    (terms / "sections").mkdir()
    (terms / "sections/about.md").write_text("# About\n\nSee {{ Section: about }} and {{ purposes }}.\n")


def _bidi(site: Path) -> None:
    edit(site / PRIVACY / "sections/links.md", "partner networks", "partner \u202enetworks\u202c <bdo dir=rtl>21</bdo>")
    edit(site / PRIVACY / "document.yml", "title: Privacy & Cookie Policy", 'title: "Privacy \\u2067& Cookie Policy"')


def _mixed_scripts(site: Path) -> None:
    edit(site / PRIVACY / "sections/links.md", "partner networks", "pаrtner networks")  # a Cyrillic а


CORPUS: dict[str, Callable[[Path], None]] = {
    "malformed-yaml": _yaml,
    "unknown-section": _reference,
    "missing-anchor-and-fact": _anchor_and_fact,
    "image-without-alt": _image_without_alt,
    "purpose-table": _table,
    "section-order": _order,
    "headings": _headings,
    "effective-not-a-date": _effective,
    "second-document": _two_documents,
    "bidi-controls-and-bdo": _bidi,
    "mixed-scripts": _mixed_scripts,
}


def build_problems(stderr: str) -> list[str]:
    found = []
    for line in stderr.splitlines():
        for level, prefix in (("error", "ERROR   -  legaldocs: "), ("warning", "WARNING -  legaldocs: ")):
            if line.startswith(prefix) and not line.startswith(prefix + "The build failed"):
                found.append(f"{level}: {line[len(prefix) :]}")
    return sorted(found)


def check_problems(stderr: str) -> list[str]:
    found = []
    for line in stderr.splitlines():
        if line.startswith("warning: "):
            found.append(line)
        elif line.startswith("docs/") or line.startswith("commit "):
            found.append(f"error: {line}")
    return sorted(found)


@pytest.mark.parametrize("breakage", list(CORPUS), ids=list(CORPUS))
def test_check_and_strict_build_agree(tmp_path: Path, breakage: str) -> None:
    site = copy_site(tmp_path)
    CORPUS[breakage](site)
    commit_site(site, f"Break it: {breakage}")
    built = mkdocs(site, "build", "--strict")
    checked = legaldocs("check", "--strict", cwd=site)
    assert built.returncode != 0 and checked.returncode == 1, checked.stderr
    from_build = [p for p in build_problems(built.stderr) if "problems in the legal documents" not in p]
    assert from_build, built.stderr
    assert check_problems(checked.stderr) == from_build
    assert "Traceback" not in built.stderr + checked.stderr


def test_a_file_documents_github_warnings_are_counted_by_check_as_by_the_build(tmp_path: Path) -> None:
    """A `markdown: mkdocs` file document that GitHub shows otherwise: warnings the build fails on with
    --strict; check says them, counts them in its summary, and fails with --strict, at the same lines."""
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - legaldocs\n",
            "  - legaldocs:\n      documents:\n        - privacy\n        - {name: notice, file: notice.md}\n",
        )
    )
    (site / "notice.md").write_text(
        "# Notice\n\nEffective date: 2024-01-01\n\n## A\n\nWe collect:\n- names\n- addresses\n\n## B\n\nText.\n"
    )
    commit_site(site, "A file document with a list GitHub shows and the site does not")
    built = mkdocs(site, "build", "--strict")
    checked = legaldocs("check", cwd=site)
    strict = legaldocs("check", "--strict", cwd=site)
    assert built.returncode != 0 and strict.returncode == 1 and checked.returncode == 0, checked.stderr
    warned = [line for line in checked.stderr.splitlines() if line.startswith("warning: notice.md:8:")]
    assert len(warned) == 1 and "in the document's entry under plugins.legaldocs.documents in mkdocs.yml" in warned[0]
    assert "document.yml" not in warned[0]
    assert check_problems(checked.stderr) == build_problems(built.stderr)
    assert "1 warning, which fails `mkdocs build --strict`" in checked.stdout
    assert "1 warning, which fails `mkdocs build --strict`." in strict.stdout
