"""mkdocs.yml to ``SiteOptions``: the one place that reads MkDocs' configuration for the core.

The plugin passes the configuration MkDocs loaded; `legaldocs check` loads mkdocs.yml with
MkDocs' own ``load_config``, so both see the same extensions, options and docs_dir.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .loader import SiteOptions
from .render import MarkdownOptions

PLUGIN = "legaldocs"


def options(config: Any, plugin_config: Any) -> SiteOptions:
    """``config`` is a loaded MkDocsConfig; ``plugin_config`` this plugin's options in it."""
    root = Path(config.config_file_path or ".").resolve().parent
    theme = config.theme
    custom_dir = theme.custom_dir if theme is not None else None
    language = (theme.get("language") if theme is not None else None) or "en"
    return SiteOptions(
        docs_dir=Path(config.docs_dir),
        root=root,
        documents=tuple(plugin_config.documents or ()),
        branch=plugin_config.branch,
        notice_period=plugin_config.notice_period,
        recent_days=plugin_config.recent_days,
        home=plugin_config.home,
        markdown=MarkdownOptions(tuple(config.markdown_extensions), dict(config.mdx_configs)),
        language=str(language),
        site_name=config.site_name or "",
        repo_url=config.repo_url or "",
        site_url=config.site_url or "",
        copyright=config.copyright or "",
        directory_urls=bool(config.use_directory_urls),
        custom_dir=Path(custom_dir) if custom_dir else None,
        allow_files=(
            *(str(getattr(x, "path", x)) for x in (*config.extra_css, *config.extra_javascript)),
            *plugin_config.allow_files,
        ),
        trust_all_authors=bool(plugin_config.trust_all_authors),
        acknowledged={str(a["commit"]).lower(): str(a["reason"]) for a in plugin_config.acknowledge},
        ledger=plugin_config.ledger,
        show_authors=bool(plugin_config.show_authors),
    )


class ConfigProblem(Exception):
    """mkdocs.yml cannot be read, or does not use the plugin: said plainly."""


def load(config_file: Path) -> SiteOptions:
    """Read mkdocs.yml as `mkdocs build` does (MkDocs' own loader and validation)."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    try:
        config = load_config(config_file=str(config_file))
    except (exceptions.MkDocsException, OSError) as error:
        raise ConfigProblem(f"{config_file}: {error}") from error
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise ConfigProblem(
            f"{config_file} does not use the legaldocs plugin. Fix: add `- legaldocs` under `plugins:`."
        )
    return options(config, plugin.config)
