"""PDFs (option ``pdf: true``): real builds with WeasyPrint, read back with poppler's pdftotext and pdfinfo.

One small site is built once for the module (PDFs cost time): two versions, the second corrected once,
with a logo, a purpose table, links, and a hostile section (a script, remote images) whose remote host
is a real server here that counts every request it gets."""

from __future__ import annotations

import hashlib
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
from helpers import commit, copy_site, edit, init_repo, mkdocs, mkdocs_process, page, png, text

pytest.importorskip("weasyprint", reason="the PDF tests need the pdf extra: pip install -e '.[test]'")
if shutil.which("pdftotext") is None:  # pragma: no cover - .ci/run installs it
    pytest.skip("the PDF tests read PDFs with pdftotext: apt-get install poppler-utils", allow_module_level=True)

EPOCH = {"SOURCE_DATE_EPOCH": "1735689600"}  # 2025-01-01
DOC = "docs/privacy"
SITE_URL = "https://policies.example.com/"
#: Every PDF the site has: each version's, each revision's of the corrected version, each version's changes.
PDFS = {
    "privacy/versions/2019-01-01/privacy-2019-01-01.pdf",
    "privacy/versions/2019-04-01/privacy-2019-04-01.pdf",
    "privacy/versions/2019-04-01/r1/privacy-2019-04-01-r1.pdf",
    "privacy/versions/2019-04-01/r2/privacy-2019-04-01-r2.pdf",
    "privacy/changes/2019-01-01/privacy-changes-2019-01-01.pdf",
    "privacy/changes/2019-04-01/privacy-changes-2019-04-01.pdf",
}
PURPOSES = """\
caption: How we use your data
data_types:
  - id: contact
    label: Contact details
purposes:
  - id: service
    purpose: To provide the service.
    data: [contact]
    bases:
      - contract
"""


class Counting(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Counting.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(png())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def remote() -> Iterator[str]:
    """A host the PDFs must never ask anything of: it records every request."""
    Counting.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def pdf_site(root: Path, remote: str) -> Path:
    """The policy: a first version (2019-01-01), a second (2019-04-01) that rewrites a sentence, and a
    correction of the second (r2)."""
    site = copy_site(root, git=False)
    shutil.rmtree(site / DOC)
    (site / DOC / "sections").mkdir(parents=True)
    (site / DOC / "document.yml").write_text(
        "title: Privacy Policy\neffective: 2019-01-01\nsummary: The first version.\n"
        "sections:\n  - who-we-are\n  - hostile\n"
    )
    (site / DOC / "purposes.yml").write_text(PURPOSES)
    (site / DOC / "sections/who-we-are.md").write_text(
        "# Who We Are\n\nWe are Example Ltd. Write to us as [the contact section](#hostile) says, or read "
        "[the regulator's guidance](https://ico.org.uk/for-organisations/).\n\n![Company logo](logo.png)\n\n"
        "{{ purposes }}\n\nWe keep logs for ninety days.\n"
    )
    (site / DOC / "sections/hostile.md").write_text(
        f"# Contact\n\nWrite to privacy@example.com.<script>alert('pdf')</script>\n\n"
        f'![tracker]({remote}/markdown.png)\n\n<img src="{remote}/html.png" alt="pixel">\n'
    )
    (site / DOC / "logo.png").write_bytes(png(6, 5))
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      pdf: true\n")
    edit(site / "mkdocs.yml", "site_name:", f"site_url: {SITE_URL}\nsite_name:")
    repo = init_repo(site)
    (site / ".gitignore").write_text("site/\n.cache/\n")
    commit(repo, "Publish the policy", "2019-01-10")
    edit(site / DOC / "document.yml", "effective: 2019-01-01", "effective: 2019-04-01")
    edit(site / DOC / "document.yml", "The first version.", "Logs are kept for thirty days.")
    edit(site / DOC / "sections/who-we-are.md", "ninety days", "thirty days")
    commit(repo, "Second version: shorter logs", "2019-02-01")
    edit(site / DOC / "sections/who-we-are.md", "We are Example Ltd.", "We are Example Limited.")
    commit(repo, "Our company's full name", "2019-05-01")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, remote: str) -> tuple[Path, str]:
    site = pdf_site(tmp_path_factory.mktemp("pdf") / "site", remote)
    return site, build_warned(site, EPOCH)


def build_warned(site: Path, env: dict[str, str]) -> str:
    """`mkdocs build` (not --strict: the hostile section's remote images are warned about, as they must be)."""
    result = mkdocs(site, "build", env=env)
    assert result.returncode == 0, result.stderr
    assert "is from another site, so it is not published" in result.stderr
    return result.stderr


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def made(log: str) -> tuple[int, int]:
    """What the build says it made: (PDFs made, PDFs taken from the cache)."""
    found = re.search(r"PDFs: (\d+) made, (\d+) from the cache", log)
    assert found, log
    return int(found[1]), int(found[2])


def test_every_version_revision_and_changes_page_has_a_pdf_listed_with_its_sha256(built: tuple[Path, str]) -> None:
    site, log = built
    out = site / "site"
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")} == PDFS
    assert made(log) == (len(PDFS), 0)
    data = json.loads((out / "privacy/versions.json").read_text())
    schema = json.loads((Path(__file__).parent.parent / "plugins/legaldocs/schemas/versions.schema.json").read_text())
    jsonschema.validate(data, schema)
    ledger = json.loads((out / "ledger.json").read_text())["documents"]["privacy"]["versions"]

    def check(url: str, sha: str) -> None:
        assert url.startswith(SITE_URL)
        assert hashlib.sha256((out / url.removeprefix(SITE_URL)).read_bytes()).hexdigest() == sha

    listed = 0
    for version, recorded in zip(data["versions"], ledger, strict=True):
        check(version["pdf_url"], version["pdf_sha256"])
        check(version["changes_pdf_url"], version["changes_pdf_sha256"])
        assert recorded["pdf_sha256"] == version["pdf_sha256"]
        assert recorded["changes_pdf_sha256"] == version["changes_pdf_sha256"]
        listed += 2
        for revision, kept in zip(version["revisions"], recorded["revisions"], strict=True):
            if len(version["revisions"]) > 1:  # a corrected version: each revision has its own
                check(revision["pdf_url"], revision["pdf_sha256"])
                assert kept["pdf_sha256"] == revision["pdf_sha256"]
                listed += 1
            else:
                assert "pdf_url" not in revision and "pdf_sha256" not in kept
    assert listed == len(PDFS)


def test_each_page_links_its_pdf(built: tuple[Path, str]) -> None:
    site, _ = built
    pages = {
        "privacy/index.html": "privacy/versions/2019-04-01/privacy-2019-04-01.pdf",
        "privacy/versions/2019-01-01/index.html": "privacy/versions/2019-01-01/privacy-2019-01-01.pdf",
        "privacy/versions/2019-04-01/r1/index.html": "privacy/versions/2019-04-01/r1/privacy-2019-04-01-r1.pdf",
        "privacy/changes/2019-04-01/index.html": "privacy/changes/2019-04-01/privacy-changes-2019-04-01.pdf",
    }
    for rel, pdf in pages.items():
        (link,) = page(site, rel).xpath("//article//p[contains(@class, 'ld-pdf-link')]/a")
        target = (site / "site" / rel).parent / link.get("href")
        assert target.resolve() == (site / "site" / pdf).resolve() and target.is_file(), rel
        assert text(link) == "Download as PDF"


def test_the_pdf_holds_the_words_of_its_page_in_order_with_the_footer_and_the_hash(built: tuple[Path, str]) -> None:
    site, _ = built
    out = site / "site"
    pdf = out / "privacy/versions/2019-04-01/r2/privacy-2019-04-01-r2.pdf"
    article = page(site, "privacy/versions/2019-04-01/r2/index.html").xpath("//article")[0]
    # Without the per-section history links and the headings' permalink marks (¶), which print leaves out too.
    for link in article.xpath(".//*[contains(@class, 'ld-section-history') or contains(@class, 'headerlink')]"):
        link.drop_tree()
    parts = article.xpath(
        "./h1[contains(@class, 'ld-title')] | ./p[contains(@class, 'ld-stamp')] | ./div[@class='ld-document']"
    )
    assert len(parts) == 3
    for image in article.xpath(".//img[not(@src)]"):  # a remote image left out: its description is shown
        image.tail = f" {image.get('alt')} {image.tail or ''}"
    for block in article.iter("p", "h1", "h2", "h3", "li", "div", "section", "caption", "th", "td", "figure"):
        block.text, block.tail = " " + (block.text or ""), " " + (block.tail or "")  # a line ends between blocks
    words = " ".join(p.text_content() for p in parts).split()

    ledger = json.loads((out / "ledger.json").read_text())["documents"]["privacy"]["versions"]
    revision = ledger[1]["revisions"][1]
    footer = f"Privacy Policy · Effective 1 April 2019, revision 2 · commit {revision['commit'][:7]}"
    pages = pdftotext(pdf).split("\f")[:-1]
    body = []
    for n, printed in enumerate(pages, 1):
        lines = [" ".join(line.split()) for line in printed.splitlines()]
        assert footer in lines, (n, lines)  # every page says what it is from
        assert f"Page {n} of {len(pages)}" in lines
        body += [line for line in lines if line not in (footer, f"Page {n} of {len(pages)}")]
    printed_words = " ".join(body).split()
    hashed = printed_words.index("SHA-256")
    assert printed_words[:hashed] == words
    # The last page: the text's SHA-256, as the ledger has it (printed across lines if it must).
    assert "".join(printed_words[hashed:]).endswith(revision["sha256"])
    assert "Example Limited" in " ".join(words) and "thirty days" in " ".join(words)


def test_links_and_fonts_and_pdfa(built: tuple[Path, str]) -> None:
    site, _ = built
    pdf = site / "site/privacy/versions/2019-04-01/privacy-2019-04-01.pdf"
    urls = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "https://ico.org.uk/for-organisations/" in urls  # a link in the text
    assert f"{SITE_URL}privacy/versions/" in urls  # "Version history": the site's full address
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("LegalDocs-Sans" in r and r.split()[-5:-2] == ["yes", "yes", "yes"] for r in rows), fonts
    info = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pdfaid:part" in info or "<pdfaid:part>3</pdfaid:part>" in info


def test_a_hostile_section_gives_a_pdf_with_no_script_and_no_remote_image(built: tuple[Path, str]) -> None:
    site, _ = built
    out = site / "site"
    assert Counting.requests == []  # no PDF asked the remote host for anything
    for rel in PDFS:
        words = pdftotext(out / rel)
        assert "alert" not in words and "127.0.0.1" not in words
    images = subprocess.run(
        ["pdfimages", "-list", str(out / "privacy/versions/2019-04-01/privacy-2019-04-01.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert [(row.split()[3], row.split()[4]) for row in images] == [("6", "5")]  # the logo, nothing else


def test_the_fetcher_serves_only_the_builds_own_files(remote: str) -> None:
    """Below the sanitiser: HTML that still asks for remote files gets none of them, and no request is made."""
    from legaldocs import pdf

    before = list(Counting.requests)
    html = (
        f'<html><head><link rel="stylesheet" href="{remote}/style.css"><style>@import "{remote}/more.css";'
        f' body {{ background: url("{remote}/bg.png") }}</style></head>'
        f'<body><p>Text.</p><img src="{remote}/x.png"><img src="file:///etc/passwd"><img src="own.png"></body></html>'
    )
    fetcher = pdf.Fetcher({"doc/own.png": png()})
    weasyprint = pdf.engine()
    data = weasyprint.HTML(string=html, base_url=pdf.BASE + "doc/", url_fetcher=fetcher).write_pdf()
    assert data.startswith(b"%PDF")
    assert Counting.requests == before
    assert sorted(fetcher.refused) == sorted(
        [f"{remote}/style.css", f"{remote}/more.css", f"{remote}/bg.png", f"{remote}/x.png", "file:///etc/passwd"]
    )


def test_a_rebuild_reuses_every_pdf_and_a_fresh_build_makes_the_same_bytes(
    built: tuple[Path, str], tmp_path: Path
) -> None:
    site, _ = built
    out = site / "site"
    first = {rel: (out / rel).read_bytes() for rel in PDFS}
    again = build_warned(site, EPOCH)
    assert made(again) == (0, len(PDFS))  # nothing changed: every PDF from the cache
    assert {rel: (out / rel).read_bytes() for rel in PDFS} == first
    # Another checkout of the same commit, without the cache, on another day: the same bytes.
    other = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(site), str(other)], check=True)
    fresh = build_warned(other, {"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01
    assert made(fresh) == (len(PDFS), 0)
    assert {rel: (other / "site" / rel).read_bytes() for rel in PDFS} == first


def test_without_weasyprint_the_build_says_how_to_install_it(tmp_path: Path) -> None:
    """The import itself fails, in a real process (a sitecustomize that refuses the module), as it would
    where the extra is not installed."""
    site = copy_site(tmp_path / "site")
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      pdf: true\n")
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\n\n\nclass Refuse:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'weasyprint':\n"
        "            raise ImportError(f'No module named {name!r}')\n\n\nsys.meta_path.insert(0, Refuse())\n"
    )
    plugins = Path(__file__).resolve().parent.parent / "plugins"
    result = mkdocs_process(site, "build", "--strict", env={"PYTHONPATH": f"{blocker}:{plugins}"})
    assert result.returncode == 1
    assert "pip install 'legaldocs[pdf]'" in result.stderr and "pdf: false" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "site").exists()
    # And without `pdf: true`, the same process builds: WeasyPrint is needed only for PDFs.
    edit(site / "mkdocs.yml", "      pdf: true\n", "      pdf: false\n")
    assert mkdocs_process(site, "build", "--strict", env={"PYTHONPATH": f"{blocker}:{plugins}"}).returncode == 0


def test_a_cache_outside_the_repository_is_refused(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      pdf: true\n      pdf_cache: ../elsewhere\n")
    result = mkdocs(site, "build", "--strict")
    assert result.returncode == 1 and "pdf_cache '../elsewhere' is outside the repository" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_a_cache_holding_committed_files_is_refused(tmp_path: Path) -> None:
    """A PDF put in the cache by a commit (a pull request's) would be published as if legaldocs had made it."""
    site = copy_site(tmp_path / "site", git=False)
    edit(site / "mkdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      pdf: true\n")
    forged = site / ".cache/legaldocs/pdf" / f"{'0' * 64}.pdf"
    forged.parent.mkdir(parents=True)
    forged.write_bytes(b"%PDF-1.7 forged")
    commit(init_repo(site), "Publish the policy, and a PDF", "2019-01-10")
    result = mkdocs(site, "build", "--strict")
    assert result.returncode == 1, result.stderr
    assert "holds files committed to git (.cache/legaldocs/pdf/0000" in result.stderr
    assert "git rm -r --cached .cache/legaldocs/pdf" in result.stderr


def test_the_ledger_check_verifies_texts_not_pdfs(built: tuple[Path, str]) -> None:
    """A new engine or font may change a PDF's bytes: a deployed ledger whose PDF hashes differ still
    passes; one whose text hash differs does not."""
    from legaldocs import ledger, loader, siteconfig
    from legaldocs.dates import build_date

    site, _ = built
    deployed = json.loads((site / "site/ledger.json").read_text())
    options = siteconfig.load(site / "mkdocs.yml")
    histories = loader.load_site(options, build_date(EPOCH), include_uncommitted=False, pages=False).histories()
    for version in deployed["documents"]["privacy"]["versions"]:
        version["pdf_sha256"] = version["changes_pdf_sha256"] = "0" * 64
        for revision in version["revisions"]:
            revision["pdf_sha256"] = "0" * 64
    assert ledger.check(deployed, histories, {}, "ledger.json") == []
    deployed["documents"]["privacy"]["versions"][0]["revisions"][0]["sha256"] = "0" * 64
    (problem,) = ledger.check(deployed, histories, {}, "ledger.json")
    assert "has changed or vanished" in problem.message


def test_a_translation_has_its_pdfs_in_its_own_words(tmp_path: Path) -> None:
    """Under /<doc>/<lang>/, named after the translation's address (privacy-de-…), in the translation's language."""
    import translated_site

    site, _ = translated_site.five_versions(tmp_path, options=":\n      pdf: true")
    (site / ".gitignore").write_text("site/\n.cache/\n")
    result = mkdocs(site, "build", env=translated_site.epoch("2026-06-01"))
    assert result.returncode == 0, result.stderr
    german = site / "site/privacy/de/versions/2026-05-01/privacy-de-2026-05-01.pdf"
    words = " ".join(pdftotext(german).split())
    assert "Datenschutzerklärung, gültig ab 1. Mai 2026" in words and "Seite 1 von 1" in words
    assert "SHA-256 dieses Textes" in words
    (link,) = page(site, "privacy/de/versions/2026-05-01/index.html").xpath("//p[contains(@class, 'ld-pdf-link')]/a")
    assert link.get("href") == "privacy-de-2026-05-01.pdf"
    data = json.loads((site / "site/privacy/de/versions.json").read_text())
    # No site_url here: relative to versions.json, as its other addresses are.
    assert data["versions"][-1]["pdf_url"] == "versions/2026-05-01/privacy-de-2026-05-01.pdf"
