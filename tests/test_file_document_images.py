"""Images next to a one-file document (issue 19): read from git with the file at each commit, frozen
with each version, counted in its fingerprint, shown on its pages; an image that cannot be published
(missing, a link, outside the repository) is an error at the file's line that shows it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from git import Repo
from helpers import build, commit, init_repo, line_of, mkdocs, page, png, text
from helpers import legaldocs as run_legaldocs

FILE = "Policies/privacy.md"
#: The logo of the first version, of its correction (only the image replaced), of the second version.
FIRST, CORRECTED, SECOND = png(4, 3), png(6, 5), png(8, 7)
#: A seal kept elsewhere in the repository, named from the file with ../
SEAL = png(3, 3)
ROOT = "https://site.test/"


def policy(effective: str, extra: str = "") -> str:
    return (
        f"# Privacy Policy\n\nEffective date: {effective}\n\n## Who we are\n\nExample Ltd.\n\n"
        "![Company logo](img/logo.png)\n\n## What we collect\n\nYour e-mail address.\n\n"
        f"## Your rights\n\nAsk us.\n\n![Seal of approval](../shared/seal.png)\n{extra}"
    )


def file_site(root: Path) -> tuple[Path, Repo]:
    site = root / "r"
    (site / "docs").mkdir(parents=True)
    (site / "docs/.gitkeep").write_text("")
    (site / "mkdocs.yml").write_text(
        f"site_name: x\nsite_url: {ROOT}\ntheme: {{name: material}}\nplugins:\n  - legaldocs:\n"
        f"      documents:\n        - {{name: privacy, file: {FILE}}}\n"
    )
    return site, init_repo(site)


def history(root: Path) -> tuple[Path, Repo]:
    """v1 with the logo (2024-01-10); the logo replaced in a commit that does not touch the file
    (2024-02-01: a correction of v1); v2, a new text with a new logo (2024-03-01)."""
    site, repo = file_site(root)
    (site / "Policies/img").mkdir(parents=True)
    (site / "shared").mkdir()
    (site / FILE).write_text(policy("January 10, 2024"))
    (site / "Policies/img/logo.png").write_bytes(FIRST)
    (site / "shared/seal.png").write_bytes(SEAL)
    commit(repo, "Publish the policy", "2024-01-10")
    (site / "Policies/img/logo.png").write_bytes(CORRECTED)
    commit(repo, "The logo, corrected", "2024-02-01")
    (site / FILE).write_text(policy("April 15, 2024").replace("Ask us.", "Write to us."))
    (site / "Policies/img/logo.png").write_bytes(SECOND)
    commit(repo, "Second version", "2024-03-01")
    return site, repo


def shown_images(site: Path, rel: str) -> list[bytes]:
    """The bytes of each image a built page's text shows, found by resolving its src from the page."""
    here = urljoin(ROOT, rel.removesuffix("index.html"))
    found = []
    for src in page(site, rel).xpath("//article//div[contains(@class, 'ld-document')]//img/@src"):
        url = urljoin(here, src)
        assert url.startswith(ROOT), src
        found.append((site / "site" / url.removeprefix(ROOT)).read_bytes())
    return found


def images_sha256(files: dict[str, bytes]) -> str:
    """The ledger's definition (README, images.py), worked out here independently of legaldocs."""
    hasher = hashlib.sha256()
    for name in sorted(files):
        hasher.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return hasher.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site, _ = history(tmp_path_factory.mktemp("file-images"))
    build(site)
    return site


def test_each_version_and_revision_of_a_file_document_keeps_its_images(built: Path) -> None:
    site = built
    assert shown_images(site, "privacy/versions/2024-01-10/r1/index.html") == [FIRST, SEAL]
    assert shown_images(site, "privacy/versions/2024-01-10/index.html") == [CORRECTED, SEAL], "the correction"
    assert shown_images(site, "privacy/versions/2024-04-15/index.html") == [SECOND, SEAL]
    assert shown_images(site, "privacy/index.html") == [SECOND, SEAL]
    copies = sorted(p.name for p in (site / "site/privacy/_images").iterdir())
    assert copies == sorted(f"{hashlib.sha256(x).hexdigest()}.png" for x in (FIRST, CORRECTED, SECOND, SEAL))
    # the alt text stays, and no page points at the file's own folder, which is not published
    alts = page(site, "privacy/index.html").xpath("//article//img/@alt")
    assert alts == ["Company logo", "Seal of approval"]


def test_a_replaced_image_of_a_file_document_is_a_revision_the_redline_marks(built: Path) -> None:
    site = built
    correction = page(site, "privacy/changes/2024-01-10/r2/index.html")
    marked = correction.xpath("//article//*[contains(concat(' ', @class, ' '), ' ld-changed ')]//img/@src")
    assert any(hashlib.sha256(CORRECTED).hexdigest() in src for src in marked), "the new logo is not marked"
    assert "1 section changed" in text(correction.xpath("//article")[0])


def test_the_ledger_and_versions_json_count_a_file_document_s_images(built: Path) -> None:
    site = built
    ledger = json.loads((site / "site/ledger.json").read_text())
    revisions = [r for v in ledger["documents"]["privacy"]["versions"] for r in v["revisions"]]
    expected = [
        images_sha256({"img/logo.png": logo, "../shared/seal.png": SEAL}) for logo in (FIRST, CORRECTED, SECOND)
    ]
    assert [r["images_sha256"] for r in revisions] == expected
    versions = json.loads((site / "site/privacy/versions.json").read_text())
    assert [r["images_sha256"] for v in versions["versions"] for r in v["revisions"]] == expected


def test_check_says_where_an_image_of_a_file_document_cannot_be_published(tmp_path: Path) -> None:
    site, repo = file_site(tmp_path)
    outside = tmp_path / "outside.png"
    outside.write_bytes(png(2, 2))
    (site / "Policies/img").mkdir(parents=True)
    (site / "Policies/img/linked.png").symlink_to(outside)
    (site / FILE).write_text(
        policy("January 10, 2024", "\n![A missing picture](img/missing.png)\n\n![Linked](img/linked.png)\n")
        + "\n![Outside](../../outside.png)\n\n![Remote](https://example.com/x.png)\n"
    )
    (site / "shared").mkdir()
    (site / "shared/seal.png").write_bytes(SEAL)
    (site / "Policies/img/logo.png").write_bytes(FIRST)
    commit(repo, "Publish", "2024-01-10")
    for args in (("check",), ("check", "--working-copy")):
        result = run_legaldocs(*args, cwd=site)
        assert result.returncode == 1, result.stdout + result.stderr
        said = result.stderr
        at = f"{FILE}:{line_of(site / FILE, 'img/missing.png')}"
        assert f"{at}: the image img/missing.png does not exist" in said, said
        linked, outside = line_of(site / FILE, "img/linked.png"), line_of(site / FILE, "outside.png")
        assert f"{FILE}:{linked}: the image img/linked.png is a symbolic link" in said
        assert f"{FILE}:{outside}: the image ../../outside.png is outside the repository" in said
        assert f"{FILE}:{line_of(site / FILE, 'example.com')}: the image 'Remote' is from another site" in said
        assert "logo.png" not in said and "seal.png" not in said, said
    result = mkdocs(site, "build")
    assert result.returncode != 0 and "img/missing.png does not exist" in result.stdout + result.stderr


def test_an_image_committed_after_the_text_that_names_it_is_read_with_it(tmp_path: Path) -> None:
    """The text names the image first; the image comes in a commit that does not touch the file:
    that commit is where the page gets its picture (a revision), as git's log of both says."""
    site, repo = file_site(tmp_path)
    (site / "Policies").mkdir()
    (site / FILE).write_text(policy("January 10, 2024").replace("../shared/seal.png", "img/logo.png"))
    commit(repo, "Publish", "2024-01-10")
    (site / "Policies/img").mkdir()
    (site / "Policies/img/logo.png").write_bytes(FIRST)
    commit(repo, "Add the logo", "2024-01-11")
    build(site)
    assert shown_images(site, "privacy/index.html") == [FIRST, FIRST]
    assert (site / "site/privacy/versions/2024-01-10/r2/index.html").is_file()


def test_git_and_the_working_copy_read_the_same_images_of_a_file_document(tmp_path: Path) -> None:
    """The build compares the two byte for byte (an uncommitted change otherwise): the same images,
    by the same paths, and the same refusals; an image over the size limit is never read."""
    from legaldocs import filedoc, gitsource, images, source

    site, repo = file_site(tmp_path)
    (site / "Policies/img").mkdir(parents=True)
    (site / "shared").mkdir()
    (site / "Policies/img/logo.png").write_bytes(FIRST)
    (site / "shared/seal.png").write_bytes(SEAL)
    (site / "Policies/img/big.png").write_bytes(b"\x89PNG" + b"\0" * source.MAX_IMAGE_BYTES)
    (site / "Policies/img/linked.png").symlink_to(site / "shared/seal.png")
    extra = "\n![Big](img/big.png) ![Linked](img/linked.png) ![Out](../../x.png) ![None](img/none.png)\n"
    (site / FILE).write_text(policy("January 10, 2024", extra))
    commit(repo, "Publish", "2024-01-10")
    git = gitsource.Repository(site)
    try:
        committed = git.file_at(repo.head.commit, FILE)
    finally:
        git.close()
    on_disk = filedoc.read_file(site / FILE)
    assert committed == on_disk
    assert images.of(on_disk) == {"img/logo.png": FIRST, "../shared/seal.png": SEAL}
    refused = {"img/big.png": "large", "img/linked.png": "link", "../../x.png": "outside"}
    assert filedoc.refused_images(on_disk) == refused
    result = run_legaldocs("check", cwd=site)
    assert f"{FILE}:{line_of(site / FILE, 'img/big.png')}: the image img/big.png is larger than" in result.stderr


def test_an_image_path_is_no_pattern_to_git(tmp_path: Path) -> None:
    """A text naming `img/*.png` names that one file: the commits that change img/a.png are not the
    document's (a pattern from the repository never widens what git's log reads)."""
    from legaldocs import gitsource

    site, repo = file_site(tmp_path)
    (site / "Policies/img").mkdir(parents=True)
    (site / FILE).write_text(policy("January 10, 2024").replace("img/logo.png", "img/*.png"))
    (site / "Policies/img/a.png").write_bytes(FIRST)
    first = commit(repo, "Publish", "2024-01-10")
    (site / "Policies/img/a.png").write_bytes(SECOND)
    commit(repo, "Another picture, not the document's", "2024-01-11")
    git = gitsource.Repository(site)
    try:
        walked = git.walk(repo.head.commit, FILE, file=True)
    finally:
        git.close()
    assert [s.commit.sha for s in walked] == [first]
