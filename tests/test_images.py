"""Images are part of the text: each version's pages keep the images they were published with
(content-addressed copies), a replaced image is a change the redline marks, and the ledger
records and checks them, while a ledger written before images were recorded stays valid."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import pytest
from git import Repo
from helpers import build, commit, copy_site, edit, init_repo, mkdocs, page, png
from legaldocs import compare_data, docsdir, documents, feed, gitsource, images, redline, source

EPOCH = {"SOURCE_DATE_EPOCH": "1735689600"}  # 2025-01-01
DOC = "docs/privacy"
#: The logo of the first version, of the second, and of the second's correction.
FIRST, SECOND, CORRECTED = png(4, 3), png(6, 5), png(8, 7)
SECTION = "# Who We Are\n\nWe are Example Ltd, 1 High Street, London.\n\n![Company logo](logo.png)\n"


def tiny_site(root: Path) -> Path:
    """A one-section policy with a logo. Its history: the first version with the logo (2019-01-10);
    the second, effective 2019-04-01, whose only change to the text is a new logo (2019-02-01); and
    a correction of the second that replaces the logo again, nothing else (2019-05-01). Everything
    is fixed, so its text hashes are too."""
    site = copy_site(root, git=False)
    shutil.rmtree(site / DOC)
    (site / DOC / "sections").mkdir(parents=True)
    (site / DOC / "document.yml").write_text(
        "title: Privacy Policy\neffective: 2019-01-01\nsummary: The first version.\nsections:\n  - who-we-are\n"
    )
    (site / DOC / "sections/who-we-are.md").write_text(SECTION)
    (site / DOC / "logo.png").write_bytes(FIRST)
    repo = init_repo(site)
    commit(repo, "Publish the policy", "2019-01-10")
    edit(site / DOC / "document.yml", "effective: 2019-01-01", "effective: 2019-04-01")
    edit(site / DOC / "document.yml", "The first version.", "A new logo.")
    (site / DOC / "logo.png").write_bytes(SECOND)
    commit(repo, "Second version: a new logo", "2019-02-01")
    (site / DOC / "logo.png").write_bytes(CORRECTED)
    commit(repo, "The logo, corrected", "2019-05-01")
    return site


#: The ledger that legaldocs wrote for ``tiny_site`` before it recorded images (its release of
#: 2025, run on this very history): no "fingerprints", no images_sha256, and the correction that
#: replaced only the logo was no revision then.
LEDGER_BEFORE_IMAGES = {
    "documents": {
        "privacy": {
            "versions": [
                {
                    "effective": "2019-01-01",
                    "revisions": [
                        {
                            "commit": "76505d85f7592fe411045c40face587580cf21e5",
                            "date": "2019-01-10T12:00:00+00:00",
                            "sha256": "3fc16273dfeac434938a36724c628137358ba6194ca45ad121e15f30bb8b7ce5",
                        }
                    ],
                },
                {
                    "effective": "2019-04-01",
                    "revisions": [
                        {
                            "commit": "823325b0e94315cfeb6b6d64fd3ea9831f7877d5",
                            "date": "2019-02-01T12:00:00+00:00",
                            "sha256": "18963563d741b2de668a25dc5c1b87127ac83c333ed726875b7a51e780dda974",
                        }
                    ],
                },
            ]
        }
    },
    "format": 1,
}
ROOT = "https://site.test/"


def images_sha256(files: dict[str, bytes]) -> str:
    """The README's definition, worked out here independently of legaldocs."""
    hasher = hashlib.sha256()
    for name in sorted(files):
        hasher.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return hasher.hexdigest()


def shown_images(site: Path, rel: str, where: str = "//article//img") -> list[bytes]:
    """The bytes of each image a built page shows, found by resolving its src from the page's address."""
    here = urljoin(ROOT, rel.removesuffix("index.html"))
    found = []
    for src in page(site, rel).xpath(f"{where}/@src"):
        url = urljoin(here, src)
        assert url.startswith(ROOT), src
        found.append((site / "site" / url.removeprefix(ROOT)).read_bytes())
    return found


def with_ledger(site: Path, ledger: dict[str, object]) -> None:
    deployed = site.parent / "deployed-ledger.json"
    deployed.write_text(json.dumps(ledger), encoding="utf-8")
    edit(site / "mkdocs.yml", "  - legaldocs\n", f"  - legaldocs:\n      ledger: {deployed}\n")


@pytest.fixture(scope="module")
def tiny_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tiny_site``, built once for the tests that only read what was built."""
    site = tiny_site(tmp_path_factory.mktemp("images") / "site")
    build(site, env=EPOCH)
    return site


def test_each_version_and_revision_keeps_the_images_it_was_published_with(tiny_built: Path) -> None:
    site = tiny_built
    assert shown_images(site, "privacy/versions/2019-01-01/index.html") == [FIRST], "the old permalink is frozen"
    assert shown_images(site, "privacy/versions/2019-04-01/r1/index.html") == [SECOND]
    assert shown_images(site, "privacy/versions/2019-04-01/r2/index.html") == [CORRECTED]
    assert shown_images(site, "privacy/versions/2019-04-01/index.html") == [CORRECTED]
    assert shown_images(site, "privacy/index.html") == [CORRECTED]
    # One copy per distinct content, named by it: four texts, three logos, three files.
    copies = sorted((site / "site/privacy/_images").iterdir())
    assert sorted(p.name for p in copies) == sorted(
        f"{hashlib.sha256(x).hexdigest()}.png" for x in (FIRST, SECOND, CORRECTED)
    )
    # The image under its own name is still the one in the folder now (links from elsewhere to it keep working).
    assert (site / "site/privacy/logo.png").read_bytes() == CORRECTED


def test_a_replaced_image_is_a_change_the_redline_marks(tiny_built: Path) -> None:
    site = tiny_built
    changed = "//article//*[contains(concat(' ', @class, ' '), ' ld-changed ')]//img"
    for rel, new in (
        ("privacy/changes/2019-04-01/index.html", CORRECTED),  # the version against the one before
        ("privacy/changes/2019-04-01/r1/index.html", SECOND),  # as first published
        ("privacy/changes/2019-04-01/r2/index.html", CORRECTED),  # the correction: only the logo
    ):
        assert new in shown_images(site, rel, changed), f"{rel}: the new image's block is not marked changed"
        assert "1 section changed" in " ".join(page(site, rel).xpath("//article")[0].text_content().split()), rel
    # The compare page's data (any pair, in the browser) names each version's own copy.
    for version, logo in (("2019-01-01", FIRST), ("2019-04-01", CORRECTED)):
        data = (site / f"site/privacy/compare/data/{version}.json").read_text()
        assert f"_images/{hashlib.sha256(logo).hexdigest()}.png" in data, version


def test_the_ledger_and_versions_json_record_each_text_s_images(tiny_built: Path) -> None:
    site = tiny_built
    ledger = json.loads((site / "site/ledger.json").read_text())
    assert ledger["fingerprints"] == ["sha256", "images_sha256"]
    revisions = [r for v in ledger["documents"]["privacy"]["versions"] for r in v["revisions"]]
    assert [r["images_sha256"] for r in revisions] == [
        images_sha256({"logo.png": logo}) for logo in (FIRST, SECOND, CORRECTED)
    ]
    # The text's own hash is computed as before: the same as the ledger written before images were.
    before = [r["sha256"] for v in LEDGER_BEFORE_IMAGES["documents"]["privacy"]["versions"] for r in v["revisions"]]  # type: ignore[index]
    assert [revisions[0]["sha256"], revisions[1]["sha256"]] == before
    assert revisions[2]["sha256"] == revisions[1]["sha256"], "the correction changed only the image"
    versions = json.loads((site / "site/privacy/versions.json").read_text())
    jsonschema.validate(versions, json.loads((Path(feed.__file__).parent / "schemas/versions.schema.json").read_text()))
    assert [r["images_sha256"] for v in versions["versions"] for r in v["revisions"]] == [
        r["images_sha256"] for r in revisions
    ]


def test_the_ledger_fails_a_build_where_a_published_image_changed(tmp_path: Path) -> None:
    site = tiny_site(tmp_path / "site")
    build(site, env=EPOCH)
    with_ledger(site, json.loads((site / "site/ledger.json").read_text()))
    build(site, env=EPOCH)  # the same history passes
    # A force-push: the first version's logo replaced in its own commit, the text untouched.
    repo = Repo(site)
    first = list(repo.iter_commits())[-1]
    repo.git.stash()
    repo.git.checkout("-q", first.hexsha)
    (site / DOC / "logo.png").write_bytes(png(9, 9))
    repo.git.add("-A")
    repo.git.commit("-q", "--amend", "--no-edit", env={"GIT_COMMITTER_DATE": "2019-01-10T12:00:00+00:00"})
    rewritten = repo.head.commit.hexsha
    repo.git.checkout("-q", "main")
    repo.git.rebase("-q", "--onto", rewritten, first.hexsha, "main", "-X", "theirs")
    repo.git.stash("pop")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode != 0
    said = " ".join((result.stdout + result.stderr).split())
    assert f"the text of privacy effective 2019-01-01 published at commit {first.hexsha[:7]}" in said
    assert "that text and those images" in said


def test_a_ledger_written_before_images_were_recorded_stays_valid(tmp_path: Path) -> None:
    site = tiny_site(tmp_path / "site")
    with_ledger(site, LEDGER_BEFORE_IMAGES)
    build(site, env=EPOCH)  # --strict: no error, no warning
    # Read as a ledger that records images, the same file would say the texts had none.
    with_images = {**LEDGER_BEFORE_IMAGES, "fingerprints": ["sha256", "images_sha256"]}
    (site.parent / "deployed-ledger.json").write_text(json.dumps(with_images), encoding="utf-8")
    result = mkdocs(site, "build", env=EPOCH)
    assert result.returncode != 0 and "that text and those images" in result.stdout + result.stderr


def test_images_are_read_from_git_and_from_disk_alike_and_bounded(tmp_path: Path) -> None:
    """Git and the working copy read the same images: plain files in the folder (subfolders too),
    never a link, never one over the size limit (refused by name before a build), never sections/."""
    site = tiny_site(tmp_path / "site")
    folder = site / DOC
    (folder / "images").mkdir()
    (folder / "images/seal.JPG").write_bytes(b"\xff\xd8\xff\xe0 a seal")
    (folder / "sections/draft.png").write_bytes(png(2, 2))  # sections/ is never published
    (folder / "a/b/c/d/e").mkdir(parents=True)
    (folder / "a/b/c/d/e/deep.png").write_bytes(png(2, 2))  # deeper than source.IMAGE_DEPTH
    (folder / "big.png").write_bytes(b"\x89PNG" + b"\0" * source.MAX_IMAGE_BYTES)
    (folder / "passwd.png").symlink_to("/etc/passwd")
    repo = Repo(site)
    commit(repo, "Images of every kind", "2019-06-01")
    expected = {"logo.png": CORRECTED, "images/seal.JPG": b"\xff\xd8\xff\xe0 a seal"}
    git = gitsource.Repository(site)
    try:
        committed = git.files_at(repo.head.commit, f"{DOC}")
    finally:
        git.close()
    assert committed is not None and images.of(committed) == expected
    assert images.of(source.read_folder(folder)) == expected
    refused = {p.path: p.message for p in docsdir.scan(site / "docs", site)}
    assert "bytes; an image of a legal document may have at most" in refused[f"{DOC}/big.png"]
    assert "symbolic link" in refused[f"{DOC}/passwd.png"]


def test_a_section_s_image_addresses_name_the_copies_of_the_folder_s_images() -> None:
    """As a browser reads a relative address; one that leaves the folder or names no image of it is kept."""
    known = images.addresses({"logo.png": FIRST, "images/my seal.png": SECOND, "document.yml": b"x"})
    logo = f"_images/{hashlib.sha256(FIRST).hexdigest()}.png"
    seal = f"_images/{hashlib.sha256(SECOND).hexdigest()}.png"
    assert known == {"logo.png": logo, "images/my seal.png": seal}
    for src, address in (
        ("logo.png", logo),
        ("./logo.png", logo),
        ("logo.png?v=2#top", logo),
        ("images/../logo.png", logo),
        ("images\\my%20seal.png", seal),
        ("images/my seal.png", seal),
        ("../logo.png", None),
        ("/privacy/logo.png", None),
        ("missing.png", None),
        ("document.yml", None),
    ):
        assert images.resolve(src, known) == address, src


@pytest.mark.browser
def test_the_compare_page_marks_a_replaced_image_as_the_python_engine_does(js_engine: Any) -> None:
    """Any pair is redlined in the browser from each version's data: a new logo is marked there too."""
    texts = []
    for logo in (FIRST, SECOND):
        files = {
            "document.yml": b"title: P\neffective: 2019-01-01\nsummary: S.\nsections:\n  - who-we-are\n",
            "sections/who-we-are.md": SECTION.encode(),
            "logo.png": logo,
        }
        loaded = documents.load("privacy", files, DOC)
        assert loaded.ok and loaded.document is not None and loaded.rendered is not None, loaded.problems
        texts.append(redline.document_text(loaded.document, loaded.rendered))
    expected = redline.compare(texts[0], texts[1]).to_dict()
    assert [b["status"] for b in expected["sections"][0]["blocks"]] == [redline.UNCHANGED, redline.CHANGED]
    assert expected["counts"]["sections_changed"] == 1
    found = js_engine.compare([compare_data.version_data(t) for t in texts], [(0, 1)], html=False)
    assert [r["change"] for r in found] == [expected]
