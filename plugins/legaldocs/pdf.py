"""PDFs of versions, revisions and changes pages (the option ``pdf: true``): the document an auditor files.

Made with WeasyPrint, a maintained Python engine that needs no browser (only the system's Pango),
installed with an extra (``pip install 'legaldocs[pdf]'``); without it a build with ``pdf: true``
stops and says that command (``Unavailable``).

**The same bytes on every machine.** A PDF embeds its fonts, so a host's fonts would change its
bytes: legaldocs ships its own, DejaVu Sans (regular, bold, oblique, bold oblique; the Bitstream Vera
licence, a free one, beside them in ``fonts/LICENSE``), and uses nothing else. DejaVu rather than
Noto: one family in four files covers Latin, Greek, Cyrillic, Hebrew and Arabic (Noto needs a file per
script), and Debian's fonts-dejavu-core is the same font, which makes it easy to check. Fontconfig is
given an empty configuration (``FONTCONFIG_FILE``) before WeasyPrint starts, so no host font is ever a
fallback: a character DejaVu lacks (Chinese, say) prints as a box on every machine alike. Dates in the
PDF are the revision's commit date, never the time of the build, and WeasyPrint's file identifier is a
hash of the content: two builds of one commit give byte-identical PDFs, whatever ``SOURCE_DATE_EPOCH``.

**No request to any other host.** The only fetcher WeasyPrint gets (``Fetcher``) serves the build's own
files (the document's images, the fonts) from memory, under an address of its own
(``https://legaldocs.invalid/``, a name that cannot exist), and refuses everything else without a request.

**Made once.** A PDF is a function of its HTML (the text, the templates, the CSS, the words), of the fonts,
of WeasyPrint's version and legaldocs' own (``Maker.key``): the cache folder (option ``pdf_cache``) keeps each
under that key, and a build makes only the PDFs whose key is new, so a 300-version site adds the PDFs of
what changed. CI keeps the folder between runs (the shipped workflows do, with actions/cache).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import posixpath
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html

from .model import printable

#: What installs the engine: said where a build needs it and it is missing.
INSTALL = "pip install 'legaldocs[pdf]'"
#: The address the PDF's HTML is read at: a name that cannot resolve (RFC 2606), served only by ``Fetcher``.
BASE = "https://legaldocs.invalid/"
FONTS = Path(__file__).parent / "fonts"
#: The shipped fonts, each with its CSS descriptors (one family: DejaVu Sans).
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)
#: The page setup and the print look; the site's own stylesheets (their print rules) come before it.
CSS = Path(__file__).parent / "assets" / "pdf.css"
#: The stylesheets of the web pages whose print rules the PDFs share (the redline's marks, the tables).
SHARED_CSS = ("legaldocs.css", "redline.css", "history.css")
#: PDF/A-3u: an archival PDF (fonts embedded, colours defined) whose text can be copied out.
VARIANT = "pdf/a-3u"
#: An empty fontconfig: no host font is found, so none can change the bytes.
_FONTCONFIG = '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n'


class Unavailable(RuntimeError):
    """WeasyPrint cannot be imported (the extra is not installed, or the system lacks Pango)."""


@contextmanager
def _isolated() -> Iterator[None]:
    """Fontconfig reads ``FONTCONFIG_FILE`` each time WeasyPrint makes a font configuration: an empty one
    while it does, the process's own back afterwards."""
    folder = Path(tempfile.gettempdir()) / "legaldocs-fontconfig"
    folder.mkdir(exist_ok=True)
    conf = folder / "fonts.conf"
    if not conf.is_file() or conf.read_text(encoding="utf-8") != _FONTCONFIG:
        conf.write_text(_FONTCONFIG, encoding="utf-8")
    saved = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(conf)
    try:
        with warnings.catch_warnings():  # "No fonts configured in FontConfig": on purpose, see above
            warnings.simplefilter("ignore")
            yield
    finally:
        if saved is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = saved


@cache
def engine() -> Any:
    """WeasyPrint, started with fontconfig isolated; ``Unavailable`` says how to install it."""
    try:
        with _isolated():
            import weasyprint
            import weasyprint.text.fonts
    except (ImportError, OSError) as error:
        raise Unavailable(
            f"`pdf: true` needs WeasyPrint, which cannot be loaded here ({error}). Fix: install it with "
            f"`{INSTALL}` (on Debian or Ubuntu it also needs the system's Pango: "
            "`apt-get install libpango-1.0-0 libpangoft2-1.0-0`), or set `pdf: false`."
        ) from None
    return weasyprint


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "0"


@cache
def _fonts() -> dict[str, bytes]:
    return {name: (FONTS / name).read_bytes() for name, _, _ in FONT_FACES}


@cache
def _fonts_sha256() -> str:
    """The shipped fonts' fingerprint, once per process (2.7 MB: hashed for every PDF, it cost seconds)."""
    return hashlib.sha256(b"".join(n.encode() + hashlib.sha256(d).digest() for n, d in _fonts().items())).hexdigest()


@cache
def css() -> str:
    """The stylesheet of every PDF: the fonts, the web pages' print rules, then the page setup."""
    faces = "".join(
        f'@font-face {{ font-family: "LegalDocs Sans"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{BASE}_fonts/{name}"); }}\n'
        for name, weight, style in FONT_FACES
    )
    assets = Path(__file__).parent / "assets"
    shared = "".join((assets / name).read_text(encoding="utf-8") for name in SHARED_CSS)
    return faces + shared + CSS.read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """``text`` as a CSS string: every character but letters, digits and spaces as an escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


class BadCache(ValueError):
    """The cache folder cannot be trusted or written: outside the repository, or holding committed files."""


def cache_folder(root: Path, configured: str, config_file: str) -> Path:
    """The PDF cache (``pdf_cache``, relative to ``root``, the folder of mkdocs.yml), once WeasyPrint is known
    to load: inside the repository (legaldocs writes nowhere else), holding nothing committed (a PDF put
    there by a commit would be published as if legaldocs had made it from the text)."""
    from . import gitsource, siteconfig

    engine()
    folder = root / configured
    if not folder.resolve().is_relative_to(siteconfig.repository_root(root).resolve()):
        raise BadCache(
            f"{config_file}: pdf_cache {configured!r} is outside the repository; legaldocs writes no file outside "
            "it. Fix: name a folder inside it, e.g. the default .cache/legaldocs/pdf."
        )
    if committed := [printable(name) for name in gitsource.tracked(folder, root) if name]:
        raise BadCache(
            f"{config_file}: pdf_cache {configured!r} holds files committed to git ({', '.join(committed[:3])}): a "
            "committed PDF would be published as if legaldocs had made it from the text. Fix: "
            f"`git rm -r --cached {configured}`, and add it to .gitignore."
        )
    return folder


class Refused(ValueError):
    """A PDF asked for something other than the build's own files."""


class Fetcher:
    """Serves the build's own files to WeasyPrint, from memory, and refuses any other address
    (without a request): ``files`` by their address under ``BASE``."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = {**{f"_fonts/{name}": data for name, data in _fonts().items()}, **files}
        self._fail_on_errors = False  # WeasyPrint asks its fetcher: a refusal is a missing image, not a crash
        #: Every address asked for and refused (a test reads it).
        self.refused: list[str] = []

    def __call__(self, url: str, headers: Any = None) -> Any:
        return self.fetch(url, headers)

    def fetch(self, url: str, headers: Any = None) -> Any:
        path = url.split("#", 1)[0].split("?", 1)[0]
        if path.startswith(BASE) and path[len(BASE) :] in self.files:
            from weasyprint.urls import URLFetcherResponse

            return URLFetcherResponse(url, self.files[path[len(BASE) :]])
        self.refused.append(url)
        raise Refused(f"legaldocs' PDFs fetch nothing but the build's own files, not {url}")


def absolute_links(html: str, address: str, site_url: str) -> str:
    """Links as a PDF keeps them: to the site's pages with its full address (``site_url``) or, where the site
    has none, as plain text (a relative link leads nowhere from a downloaded file); in-page ones as they are."""
    root = lxml.html.fromstring(html)
    for a in root.iter("a"):
        href = a.get("href")
        if href is None or href.startswith("#"):
            continue
        if urlsplit(href).scheme:
            continue
        if site_url:
            a.set("href", urljoin(site_url.rstrip("/") + "/" + address, href))
        else:
            del a.attrib["href"]
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


@dataclass
class Maker:
    """Makes PDFs for one build, each once: from the cache folder where its key is there."""

    #: Where PDFs are kept between builds (None: nowhere; each build makes them all).
    cache: Path | None = None
    made: int = 0
    reused: int = 0
    #: What the PDFs of this build are, by their address: versions.json and the ledger list their SHA-256.
    by_address: dict[str, bytes] = field(default_factory=dict)

    def key(self, html: str, files: Mapping[str, bytes]) -> str:
        """Everything a PDF is made from: its HTML (text, templates, words), the stylesheet, the files it
        shows, the fonts, the engine's version and legaldocs'."""
        h = hashlib.sha256()
        for part in (_version("legaldocs"), _version("weasyprint"), VARIANT, css(), _fonts_sha256(), html):
            h.update(part.encode("utf-8") + b"\0")
        for name, data in sorted(files.items()):
            h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        return h.hexdigest()

    def make(self, address: str, html: str, files: Mapping[str, bytes]) -> bytes:
        """The PDF at ``address`` (site-relative) of ``html``, which may show ``files`` (by address)."""
        if address not in self.by_address:
            self.make_all([Job(address, html, dict(files))])
        return self.by_address[address]

    def make_all(self, jobs: list[Job]) -> None:
        """Many PDFs: those the cache lacks are made side by side, one process per core (``render_all``)."""
        missing: list[tuple[Job, Path | None]] = []
        for job in jobs:
            if job.address in self.by_address:
                continue
            key = self.key(job.html, job.files)
            cached = self.cache / f"{key}.pdf" if self.cache is not None else None
            if cached is not None and cached.is_file():
                self.by_address[job.address] = cached.read_bytes()
                self.reused += 1
            else:
                missing.append((job, cached))
        for (job, cached), data in zip(missing, render_all([job for job, _ in missing]), strict=True):
            self.made += 1
            self.by_address[job.address] = data
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                partial = cached.with_suffix(f".{os.getpid()}.part")
                partial.write_bytes(data)
                partial.replace(cached)  # whole or absent: two builds at once never see half a file


@dataclass(frozen=True)
class Job:
    """One PDF to make: its address on the site, its HTML, and the files it may show (by address)."""

    address: str
    html: str
    files: dict[str, bytes]


#: From this many PDFs to make, a build makes them in worker processes, one per core: below it, a worker's
#: start (WeasyPrint, the stylesheet: about 2 s) costs more than it saves.
POOL_FROM = 6


def render_all(jobs: list[Job]) -> list[bytes]:
    """Each job's PDF, in order; side by side in ``spawn``ed worker processes (not forked: `mkdocs serve`
    has threads) where there are enough to repay starting them. A PDF's bytes are the same either way."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2 or len(jobs) < POOL_FROM:
        return [render(job.html, job.address, job.files) for job in jobs]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_render_job, jobs))


def _render_job(job: Job) -> bytes:
    return render(job.html, job.address, job.files)


@cache
def _stylesheet() -> tuple[Any, Any]:
    """The stylesheet and its fonts, parsed and loaded once for every PDF the process makes (they were
    a third of each PDF's time); a PDF's bytes do not depend on what was made before it (test_pdf)."""
    weasyprint = engine()
    with _isolated():
        fonts = weasyprint.text.fonts.FontConfiguration()
    return weasyprint.CSS(string=css(), base_url=BASE, url_fetcher=Fetcher({}), font_config=fonts), fonts


def render(html: str, address: str, files: Mapping[str, bytes]) -> bytes:
    """One PDF (PDF/A-3u, fonts embedded), its HTML read as if at ``address`` on the site."""
    weasyprint = engine()
    fetcher = Fetcher(files)
    base = BASE + posixpath.dirname(address) + "/"
    # The web pages' stylesheets hold rules for screens and browsers that WeasyPrint does not know: it
    # would warn of each, on every PDF. What it cannot fetch is refused on purpose (``Fetcher``).
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        sheet, fonts = _stylesheet()
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
        return document.write_pdf(stylesheets=[sheet], font_config=fonts, pdf_variant=VARIANT)
    finally:
        logger.setLevel(level)
