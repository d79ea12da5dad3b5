"""The MkDocs adapter: it only translates between MkDocs and the core.

Everything is read, validated and rendered in on_pre_build (through ``loader``, as
`legaldocs check` does), before MkDocs cleans the site folder, so a document with mistakes
stops the build with every mistake listed and leaves the last good site alone. The pages are
the route table's outputs (``routes``), each made by its template (``pages``).
"""

from __future__ import annotations

import shutil
from html import escape, unescape
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import announce, bounds, docsdir, ledger, loader, pages, pdf, redline_rules, routes, siteconfig, source
from .config import LegalDocsConfig
from .dates import build_date
from .filedoc import FileSpec
from .model import Problem, printable
from .publish import Publisher
from .render import toc_tokens
from .sanitise import MAX_DEPTH, clean_checked
from .templating import OVERRIDES, Templates
from .words import english

log = get_plugin_logger(__name__)
CSS = "assets/legaldocs.css"
REDLINE_CSS = "assets/redline.css"
HISTORY_CSS = "assets/history.css"
#: The default look of a legal page (white header, one link colour, a readable measure): only where
#: mkdocs.yml sets no theme palette of its own.
LOOK_CSS = "assets/look.css"
#: The reader's view choices on every change view (inline or side by side, filters): on every page.
VIEWS_JS = "assets/views.js"
#: "Since your last visit", on the current page.
LASTVISIT_JS = "assets/lastvisit.js"
#: Loaded by the compare page itself (pages.ASSETS), so other pages do not carry the engine.
SCRIPTS = (VIEWS_JS, LASTVISIT_JS, *pages.ASSETS.values())
#: legaldocs' theme override (main.html): the feed link in every head, the banner in Material's announce block.
THEME = Path(__file__).parent / "theme"
#: Pages whose text is a redline: no table of contents beside it (it would be empty), so side by side
#: has the width for two readable columns.
REDLINE_TEMPLATES = ("changes.html", "compare.html", "compare_current.html")


#: Where a page script takes the shared words (assets/words.js), written in as the site is built.
WORDS_SLOT = "  /* legaldocs:words (assets/words.js is written here as the site is built: WORDS and t) */\n"


def published_asset(asset: str) -> str | bytes:
    """An asset as the site publishes it: redline.js with the rules it shares with Python, a page
    script with the shared words of assets/words.js (one copy for at.js, compare.js and views.js)."""
    if asset == pages.ASSETS["redline"]:
        return redline_rules.script()
    path = Path(__file__).parent / asset
    if asset.endswith(".js") and WORDS_SLOT in (text := path.read_text(encoding="utf-8")):
        return text.replace(WORDS_SLOT, (path.parent / "words.js").read_text(encoding="utf-8"))
    return path.read_bytes()


class LegalDocsPlugin(BasePlugin[LegalDocsConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.publisher = Publisher()  # git objects and renders, kept across serve rebuilds
        self.site: loader.LoadedSite | None = None
        self.outputs: dict[str, routes.Output] = {}  # by MkDocs source URI
        self.linker = routes.Linker(())
        self.templates = Templates()
        #: This build's pages and what they share (each document's index and compared pairs): one per build.
        self.build: pages.Build | None = None
        self.bodies: dict[str, str] = {}  # made with the title in on_page_markdown, used in on_page_content
        #: What has been said about history in this session: `mkdocs serve` says each thing once.
        self.said: set[str] = set()
        #: Set once MkDocs has cleaned the site folder and begun writing to it.
        self.writing_to: str | None = None
        #: In MkDocs' own Markdown, for the site's other pages: their quadratic shapes bounded too.
        self.bounded = bounds.Extension()
        #: Where this build keeps its PDFs (option ``pdf``); None: it makes none.
        self.pdf_cache: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance (and its caches) across serve rebuilds.
        self.command = command

    def on_shutdown(self) -> None:
        self.publisher.close()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """A file document lives anywhere in the repository, outside docs/: `mkdocs serve` watches it too."""
        root = Path(config.config_file_path or ".").resolve().parent
        for spec in self.config.documents or ():
            if not isinstance(spec, FileSpec):
                continue
            for file in (spec.file, *(translated for _, translated in spec.translations)):  # and its translations
                if (root / file).is_file():  # (loader refuses links and escapes)
                    server.watch(str(root / file), recursive=False)
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for sheet in (CSS, REDLINE_CSS, HISTORY_CSS):
            if sheet not in [str(x) for x in config.extra_css]:
                config.extra_css.append(sheet)
        for sheet in self.look(config):  # first: the site's own extra_css comes after it, and wins
            if sheet not in [str(x) for x in config.extra_css]:
                config.extra_css.insert(0, sheet)
        for script in (VIEWS_JS, LASTVISIT_JS):
            if script not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(script)
        self.add_theme_dir(config)
        if self.bounded not in config.markdown_extensions:
            config.markdown_extensions.append(self.bounded)
        return config

    @staticmethod
    def look(config: MkDocsConfig) -> tuple[str, ...]:
        """legaldocs' legal-page look where the site chose no palette colours; then Material's "Made with"
        line goes too, unless ``extra.generator`` says otherwise. A site's own palette keeps its look."""
        palette = config.theme.get("palette")
        chosen = isinstance(palette, list) and bool(palette)  # a light/dark toggle: the site chose its colours
        if isinstance(palette, dict):  # ``scheme: default`` alone picks no colour
            chosen = bool(
                palette.get("primary") or palette.get("accent") or palette.get("scheme") not in (None, "default")
            )
        if chosen:
            return ()
        config.extra.setdefault("generator", False)
        return (LOOK_CSS,)

    def add_theme_dir(self, config: MkDocsConfig) -> None:
        """After the site's custom_dir, before the theme's own: a site's own main.html still wins.

        Such a main.html must then place ``legaldocs_head`` and ``legaldocs_announce`` itself
        (see documentation/docs/guide/banner-and-feed.md); a warning says so where it does not.
        """
        theme = config.theme
        dirs = theme.dirs
        if str(THEME) in dirs:
            return
        custom_dir = theme.custom_dir
        at = 1 if custom_dir and dirs and Path(dirs[0]) == Path(custom_dir) else 0
        dirs.insert(at, str(THEME))
        own = Path(custom_dir) / "main.html" if custom_dir else None
        if own is not None and own.is_file():
            text = own.read_text(encoding="utf-8", errors="replace")
            missing = [name for name in ("legaldocs_head", "legaldocs_announce") if name not in text]
            if missing:
                self.say(
                    log.warning,
                    f"{own}: this main.html replaces legaldocs' own, so pages lack "
                    f"{' and '.join(missing)} (the feed link, the banner of a new version). Fix: add "
                    "{% block extrahead %}{{ super() }}{{ legaldocs_head }}{% endblock %} and "
                    "{% block announce %}{{ legaldocs_announce }}{% endblock %} to it.",
                )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.writing_to = None
        options = siteconfig.options(config, self.config)
        for note in options.notes:  # e.g. an extension the legal documents' sections are rendered without
            self.say(log.info, note)
        for problem in options.warnings:  # e.g. a zensical.toml beside it: check says the same
            self.say(log.warning, str(problem))
        self.pdf_cache = self.pdf_folder(options) if options.pdf else None
        overrides = [options.custom_dir / OVERRIDES] if options.custom_dir else []
        self.templates = Templates(overrides, options.language)
        try:
            self.site = loader.load_site(
                options,
                build_date(),
                include_uncommitted=self.command == "serve",
                publisher=self.publisher,
                home=self.config.home,
            )
        except loader.OptionsError as error:
            raise PluginError(str(error)) from error
        site = self.site
        if site.refused:  # links out of the repository, unlisted active files: not even in serve
            for problem in site.refused:
                log.error(str(problem))
            raise PluginError(
                english(
                    "{count} files under docs/ cannot be published, listed above; nothing was built.",
                    count=len(site.refused),
                )
            )
        for problem in site.warnings:
            self.say(log.warning, str(problem))
        for problem in site.history_errors:
            self.say(log.error, str(problem))
        for problem in site.errors:
            log.error(str(problem))
        # In serve the problems are shown on the pages being previewed instead of a stuck server.
        if site.errors and self.command != "serve":
            raise PluginError(
                english(
                    "{count} problems in the legal documents, listed above; nothing was built.",
                    count=len(site.errors),
                )
                + " Fix them and build again (`legaldocs check` lists them too)."
            )
        if not options.site_url and any(d.ok and d.published.history.versions for d in site.documents):
            # Said, not a warning: a site without an address is a site, and --strict must not fail on it.
            self.say(
                log.info,
                f"{Path(config.config_file_path or 'mkdocs.yml').name} sets no site_url, so the links in each "
                "document's feed (feed.xml) are relative, "
                "which many feed readers cannot follow, and its ids are urn:uuid: ids. Fix: set site_url to the "
                "address the site is published at, before the feed has readers (its ids change with it).",
            )
        if not config.copyright and (footer := pages.footer(site)):
            config.copyright = escape(footer)  # Material writes it unescaped

    @staticmethod
    def pdf_folder(options: loader.SiteOptions) -> Path:
        """The PDF cache, checked before anything is built (``pdf.cache_folder``)."""
        try:
            return pdf.cache_folder(options.root, options.pdf_cache, options.config_file)
        except (pdf.Unavailable, pdf.BadCache) as error:
            raise PluginError(str(error)) from error

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The ledger of what this build published, for the next build to check itself against."""
        histories = self.site.histories() if self.site else {}
        made = self.build.pdf if self.build is not None else None
        pdfs = pages.printed.ledger_pdfs(self.build) if self.build is not None and made is not None else {}
        (Path(config.site_dir) / docsdir.LEDGER).write_text(ledger.write(histories, pdfs), encoding="utf-8")
        if made is not None:
            log.info(f"PDFs: {made.made} made, {made.reused} from the cache ({self.pdf_cache}).")

    def say(self, emit: Any, message: str) -> None:
        """History is the same on every serve rebuild: its warnings are said once per session."""
        if message not in self.said:
            self.said.add(message)
            emit(message)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.writing_to = config.site_dir
        assert self.site is not None, "on_pre_build runs first"
        # Every document folder's sources, published or not: never pages or downloads of their own.
        for folder in source.find_documents(Path(config.docs_dir)):
            prefix = f"{folder.name}/"
            for file in list(files):
                if file.src_uri.startswith(prefix) and source.is_private(file.src_uri[len(prefix) :]):
                    files.remove(file)
        own_home = files.get_file_from_path("index.md") is not None  # the site has a home page of its own
        made = routes.outputs(self.site, [r for r in routes.ROUTES if not (own_home and r.name == "home")])
        self.linker = routes.Linker(made, directory_urls=config.use_directory_urls)
        maker = pdf.Maker(self.pdf_cache) if self.pdf_cache is not None else None
        self.build = pages.Build(self.site, self.linker, self.templates, pdf=maker)
        try:
            pages.printed.make_all(self.build)  # side by side, before the loop below asks for each
        except (routes.RouteError, jinja2.TemplateError) as error:
            where = getattr(error, "filename", None) or "pdf.html"
            raise PluginError(
                f"{where}: the template of the PDFs cannot be used: {error}. Fix: compare it with the packaged "
                'template of the same name (see "Templates" in legaldocs\' documentation).'
            ) from error
        self.outputs = {}
        for out in made:
            uri = out.source_uri
            if (existing := files.get_file_from_path(uri)) is not None:
                files.remove(existing)
            # A translation is reached by its document's language switcher, not listed beside it.
            translated = "doc" in out.params and bool(self.site.document(out.params["doc"]).translation_of)
            inclusion = InclusionLevel.INCLUDED if out.route.in_nav and not translated else InclusionLevel.NOT_IN_NAV
            if out.route.is_page:
                self.outputs[uri] = out
                files.append(File.generated(config, uri, content="", inclusion=inclusion))
            else:
                body = self.make(out)[1]
                files.append(File.generated(config, uri, content=body, inclusion=inclusion))
        for asset in (CSS, REDLINE_CSS, HISTORY_CSS, LOOK_CSS, *SCRIPTS, announce.SCRIPT):
            files.append(File.generated(config, asset, content=published_asset(asset)))
        return files

    def make(self, out: routes.Output) -> tuple[str, str]:
        """One output from its template; a mistake in a template (the site's own, say) is said plainly."""
        assert self.build is not None, "on_files runs first"
        try:
            return pages.render(self.build, out)
        except routes.RouteError as error:
            raise PluginError(f"{out.route.template}: {error}. Fix: link only to the routes in routes.py.") from error
        except jinja2.TemplateError as error:
            where = getattr(error, "filename", None) or out.route.template
            line = getattr(error, "lineno", None)
            raise PluginError(
                f"{where}{f':{line}' if line else ''}: the template cannot be used: {error}. "
                "Fix: compare it with the packaged template of the same name "
                '(see "Templates" in legaldocs\' documentation).'
            ) from error

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Name each document's section of the navigation after its title, not its folder."""
        assert self.site is not None
        titles = {
            routes.Output(routes.route("current"), {"doc": d.slug}).source_uri: d.published.shown.document.title
            for d in self.site.documents
            if d.published.shown is not None
        }
        for item in nav.items:
            if isinstance(item, Section):
                for child in item.children:
                    if isinstance(child, Page) and child.file.src_uri in titles:
                        item.title = titles[child.file.src_uri]
                # Material writes it unescaped; a folder's name comes from the repository too.
                item.title = escape(unescape(item.title or ""))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs: Any) -> str:
        out = self.outputs.get(page.file.src_uri)
        if out is None:  # its title is made safe once rendered, in on_page_content
            self.bounded.found.clear()
            if refused := bounds.scan(markdown):  # a page of the site's own, as hostile as a section
                for r in refused:
                    log.error(str(Problem(page.file.src_uri, r.line, f"the page is left empty: {r.message}", r.fix)))
                return ""
            return markdown
        title, body = self.make(out)
        self.bodies[page.file.src_uri] = body
        if out.route.name != "home":  # the home page's title is the site's name, said once
            page.meta["title"] = str(title)  # escaped: Material writes it unfiltered into <title>
        if not out.route.searchable:
            page.meta["search"] = {"exclude": True}  # search leads to the text in force
        if out.route.template in REDLINE_TEMPLATES:
            page.meta["hide"] = ["toc"]  # Material's own switch: the content takes the sidebar's width
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        out = self.outputs.get(page.file.src_uri)
        if out is None:
            return self.other_page(html, page)
        body = self.bodies.pop(page.file.src_uri)
        assert self.build is not None
        if out.route.template == "document.html":
            shows = pages.text_of(self.build, self.build.document(out).published, out.params)
            if shows is not None:  # a version's text, or one revision's
                page.toc = get_toc(toc_tokens(shows.rendered.toc))  # type: ignore[arg-type]
        return body

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """What the theme override (theme/main.html) places: the head's feed link, the banner."""
        out = self.outputs.get(page.file.src_uri)
        extras = announce.Extras()
        if out is not None and self.site is not None:
            try:
                extras = announce.extras(self.site, out, self.linker, self.templates)
            except routes.RouteError as error:
                raise PluginError(
                    f"announce.html or head.html: {error}. Fix: link only to the routes in routes.py."
                ) from error
            except jinja2.TemplateError as error:
                where = getattr(error, "filename", None) or "announce.html"
                raise PluginError(
                    f"{where}: the template cannot be used: {error}. "
                    "Fix: compare it with the packaged template of the same name "
                    '(see "Templates" in legaldocs\' documentation).'
                ) from error
        context["legaldocs_head"] = extras.head
        context["legaldocs_announce"] = extras.announce
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """A translation's pages (and a document in another language than the site's) say their own
        language and direction on <html>, which the theme writes from theme.language for every page."""
        out = self.outputs.get(page.file.src_uri)
        if out is None or self.site is None or "doc" not in out.params:
            return output
        language = self.site.language(out.params["doc"])
        if language == self.site.options.language:
            return output
        return pages.html_language(output, language.replace("_", "-"))

    def other_page(self, html: str, page: Page) -> str:
        """A page that is not a legal document is untrusted too: the same allow-list, by default.

        Material writes a page's title unescaped into <title>, the header and the navigation, so
        it is made plain text here, whether it came from front matter or from the first heading.
        """
        if page.title:
            page.meta["title"] = escape(unescape(str(page.title)))
        for costly in self.bounded.found:  # kept as plain text: said, so that --strict fails
            log.error(str(Problem(page.file.src_uri, None, f"shown as plain text: {costly.message}", costly.fix)))
        if self.config.trust_all_authors:
            return html
        cleaned = clean_checked(html)
        where = printable(page.file.src_uri)  # a file name from the repository: one line in the log
        if cleaned.too_deep:
            log.error(
                f"{where}: the page is nested more than {MAX_DEPTH} levels deep, so it is left empty. "
                "Fix: flatten the lists, quotes or HTML elements inside one another."
            )
        elif cleaned.lost:
            log.error(
                f"{where}: some text would be lost when the HTML is cleaned ({', '.join(cleaned.lost[:8])}). "
                "Fix: write that text as ordinary Markdown, outside elements such as <svg> or <template>."
            )
        return cleaned.html

    def on_build_error(self, *, error: Exception) -> None:
        """A build that failed after MkDocs began writing must not leave a site that looks complete.

        (A failure in on_pre_build comes before MkDocs cleans the folder: the last site stays.)
        """
        site_dir, self.writing_to = self.writing_to, None
        if self.command == "build" and site_dir and Path(site_dir).is_dir():
            shutil.rmtree(site_dir, ignore_errors=True)
            log.error(f"The build failed, so {site_dir} was removed rather than left half-written.")
