"""mkdocs.yml to ``SiteOptions``: the one place that reads the site's configuration.

Two ways in, one ``loader.SiteOptions`` out:

- ``options(config, plugin_config)``: the build. MkDocs has loaded mkdocs.yml and run what it
  names (hooks, plugins, the theme, Markdown extensions), as it always does.
- ``load(path)``: `legaldocs check` and `legaldocs diff`, which run on pull requests and so run
  nothing a pull request names. mkdocs.yml is read as data: a safe YAML loader (``!!python/…`` is
  never constructed, ``!ENV`` takes its default and never reads the environment, ``INHERIT`` only
  from inside the repository), the values validated by MkDocs' own declarations of its top-level
  keys and by the plugin's (``config.LegalDocsConfig``), and no hook, plugin or theme imported.

Both give the documents' sections the same Markdown extensions (``markdown_options``: the
allow-list of installed packages), so check, diff and the build render a section alike.

The configuration is mkdocs.yml or, where there is none, properdocs.yml (``find``): ProperDocs, the
maintained fork of MkDocs 1.x, builds the same site with the plugin. What would build the folder
otherwise (a zensical.toml: Zensical skips the plugin) is a warning of both ways in (``platform_warnings``).
"""

from __future__ import annotations

import copy
import difflib
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from site import getsitepackages
from typing import Any

import yaml

from . import bounds, yamlfile
from .loader import SiteOptions
from .model import Problem
from .render import MarkdownOptions
from .templating import OVERRIDES

PLUGIN = "legaldocs"
CONFIG_FILE = "mkdocs.yml"
#: The site's configuration, looked for in this order: MkDocs' name, then that of ProperDocs (the
#: maintained fork of MkDocs 1.x, which builds the same site with the same plugin).
CONFIG_FILES = (CONFIG_FILE, "properdocs.yml")
#: Zensical's configuration: Zensical builds a site without the plugins it does not know, legaldocs included.
ZENSICAL = "zensical.toml"

#: Packages whose Markdown extensions sections may use: installed code, never the repository's.
EXTENSION_PACKAGES = ("markdown.extensions", "pymdownx")
#: Extensions of those packages that read files (any file of the machine, named in a section).
READS_FILES = ("pymdownx.snippets", "pymdownx.b64")
#: Modules whose functions an extension's options may name with ``!!python/name:`` (e.g.
#: ``pymdownx.superfences.fence_code_format``, Material's ``material.extensions.emoji.twemoji``).
NAMED_FUNCTIONS = (*EXTENSION_PACKAGES, "material.extensions.emoji")
#: MkDocs adds these to every site's extensions (``MkDocsConfig.markdown_extensions``' builtins).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
#: Top-level keys whose validation would import code (hooks, plugins, the theme, extensions):
#: read here as data instead.
_CODE_KEYS = ("hooks", "plugins", "theme", "markdown_extensions")
#: INHERIT chains longer than this are refused (a loop, or a maze).
_MAX_INHERIT = 8
#: Values (with YAML aliases expanded) a mkdocs.yml may hold: a few aliases must not become gigabytes.
_MAX_NODES = 100_000


class ConfigProblem(Exception):
    """mkdocs.yml cannot be read, or does not use the plugin: said plainly, with file and line."""


@dataclass(frozen=True)
class Code:
    """A ``!!python/…`` value: Python that MkDocs would import or run. Never constructed here."""

    tag: str
    where: str  # "mkdocs.yml:12"

    def __str__(self) -> str:
        return self.tag


# The build: MkDocs has loaded mkdocs.yml ----------------------------------------------------------


def _with_templates(markdown: MarkdownOptions, custom_dir: Path | None) -> MarkdownOptions:
    """The site's template overrides, for the blocks made in the text (``render.MarkdownOptions.templates``)."""
    folder = custom_dir / OVERRIDES if custom_dir else None
    return replace(markdown, templates=(str(folder),)) if folder is not None and folder.is_dir() else markdown


def options(config: Any, plugin_config: Any) -> SiteOptions:
    """``config`` is a loaded MkDocsConfig; ``plugin_config`` this plugin's options in it."""
    root = Path(config.config_file_path or ".").resolve().parent
    shown = Path(config.config_file_path or CONFIG_FILE).name
    theme = config.theme
    custom_dir = theme.custom_dir if theme is not None else None
    language = (theme.get("language") if theme is not None else None) or "en"
    markdown, notes = markdown_options(
        config.markdown_extensions, config.mdx_configs, repository_root(root), lambda name: shown
    )
    return SiteOptions(
        docs_dir=Path(config.docs_dir),
        root=root,
        config_file=shown,
        documents=tuple(plugin_config.documents or ()),
        branch=plugin_config.branch,
        notice_period=plugin_config.notice_period,
        recipients_notice=plugin_config.recipients_notice,
        recent_days=plugin_config.recent_days,
        home=plugin_config.home,
        markdown=_with_templates(markdown, Path(custom_dir) if custom_dir else None),
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
        acknowledged={str(a["commit"]).lower(): str(a["reason"]) for a in plugin_config.acknowledge if a["commit"]},
        acknowledged_translations=translation_acknowledgements(plugin_config.acknowledge),
        ledger=plugin_config.ledger,
        show_authors=bool(plugin_config.show_authors),
        pdf=bool(plugin_config.pdf),
        pdf_cache=str(plugin_config.pdf_cache),
        translation_days=plugin_config.translation_days,
        warnings=tuple(platform_warnings(root)),
        notes=tuple(notes),
    )


def translation_acknowledgements(entries: Any) -> dict[tuple[str, str], str]:
    """``acknowledge`` entries naming a translation's lag: (language, effective date) → the public reason."""
    return {
        (str(a["translation"]).strip().lower(), str(a["version"]).strip()): str(a["reason"])
        for a in entries
        if a.get("translation")
    }


# Which file, and which tool ---------------------------------------------------------------------


def find(folder: Path) -> Path | None:
    """The site's configuration in ``folder``: mkdocs.yml, else properdocs.yml; None if neither is there."""
    return next((folder / name for name in CONFIG_FILES if (folder / name).is_file()), None)


def platform_warnings(root: Path) -> list[Problem]:
    """What in the site's folder would build it otherwise than this build: said by the build and by check."""
    said = []
    if (root / ZENSICAL).is_file():
        said.append(
            Problem(
                ZENSICAL,
                None,
                "this folder is set up to be built with Zensical, which builds a site without the plugins it "
                "does not know: a Zensical build publishes the pages without legaldocs, so without the legal "
                "documents' versions, redlines and ledger.",
                f"build with `mkdocs build` or `properdocs build`, and remove {ZENSICAL}.",
            )
        )
    if all((root / name).is_file() for name in CONFIG_FILES):
        mkdocs, properdocs = CONFIG_FILES
        said.append(
            Problem(
                properdocs,
                None,
                f"both {mkdocs} and {properdocs} are here: `mkdocs build` reads {mkdocs}, `properdocs build` "
                f"reads {properdocs}, and legaldocs check and diff read {mkdocs} unless given the other, so they may "
                "build different sites.",
                "keep one of the two files.",
            )
        )
    return said


# Markdown extensions: the allow-list ------------------------------------------------------------


def module_of(name: str) -> str:
    """An extension as Python-Markdown names it ("toc", "pymdownx.details", "x.y:Class"): its module."""
    module = name.partition(":")[0]
    if "." in module or not module.isidentifier():
        return module
    try:  # a short name is Python-Markdown's own extension only if it has one of that name
        builtin = importlib.util.find_spec(f"markdown.extensions.{module}") is not None
    except (ImportError, ValueError):
        builtin = False
    return f"markdown.extensions.{module}" if builtin else module


def allowed_module(module: str, packages: Iterable[str] = EXTENSION_PACKAGES) -> bool:
    def within(name: str, package: str) -> bool:
        return name == package or name.startswith(f"{package}.")

    return not any(within(module, m) for m in READS_FILES) and any(within(module, p) for p in packages)


def repository_root(folder: Path) -> Path:
    """The repository holding ``folder`` (the nearest folder up with a ``.git``), else the folder:
    found without running git, since this is what git may be asked about."""
    folder = folder.absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def installed(module: str, repository: Path | None) -> bool:
    """Whether ``module``'s package is installed: found by Python in an environment's packages, or
    anywhere outside ``repository``. Looked up, not imported, so a folder of the repository that
    shadows a package on sys.path is never run (a virtual environment inside it is an install)."""
    top = module.split(".")[0]
    loaded = sys.modules.get(top)
    try:
        spec = loaded.__spec__ if loaded is not None else importlib.util.find_spec(top)
    except (ImportError, ValueError, AttributeError):
        return False
    if spec is None:
        return False
    if repository is None:
        return True
    found = (spec.origin, *(spec.submodule_search_locations or ()))
    places = [Path(p).resolve() for p in found if p and p not in ("built-in", "frozen")]
    environments = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, *getsitepackages())}
    inside = repository.resolve()
    return all(
        not place.is_relative_to(inside) or any(place.is_relative_to(env) for env in environments) for place in places
    )


def _nodes(value: Any, keys: bool = False) -> Iterator[Any]:
    """Every value under ``value`` (with ``keys``, mapping keys too), each once: YAML aliases share values."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, Mapping):
            stack.extend(item.keys() if keys else ())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _code_in(value: Any) -> str | None:
    """The first value in an extension's options that is code not on the allow-list, described."""
    for item in _nodes(value, keys=True):
        if isinstance(item, Code):
            return f"`{item.tag}`"
        if isinstance(item, (str, int, float, bool, type(None), Mapping, list, tuple)):
            continue
        if callable(item):
            module = getattr(item, "__module__", "") or ""
            if not allowed_module(module, NAMED_FUNCTIONS):
                return f"`{module}.{getattr(item, '__qualname__', type(item).__name__)}`"
        elif not hasattr(item, "__fspath__"):  # MkDocs' `!relative` placeholders are paths: data
            return f"a Python object ({type(item).__name__})"
    return None


def markdown_options(
    extensions: Iterable[str],
    configs: Mapping[str, Any],
    repository: Path | None,
    where: Callable[[str], str],
) -> tuple[MarkdownOptions, list[str]]:
    """The extensions sections are rendered with: those of mkdocs.yml on the allow-list, named by
    module. Each one left out is said (``where(name)`` is its place in mkdocs.yml)."""
    kept: list[str] = []
    kept_configs: dict[str, Any] = {}
    said: list[str] = []
    # legaldocs' own bounds.Extension, which the plugin adds for the site's other pages, is not the site's.
    for name in dict.fromkeys(str(n) for n in extensions if not isinstance(n, bounds.Extension)):
        config = configs.get(name) or {}
        module = module_of(name)
        code = _code_in(config)
        if not allowed_module(module):
            why = "it is not on the allow-list of extensions for sections"
        elif not installed(module, repository):
            why = "Python finds it in the repository, not among the installed packages"
        elif code is not None:
            why = f"its options name code, {code}, that is not on the allow-list"
        else:
            full = module + name[len(name.partition(":")[0]) :]  # "toc" → "markdown.extensions.toc"
            kept.append(full)
            if config:
                kept_configs[full] = config
            continue
        said.append(
            f"{where(name)}: markdown_extensions names {name!r}, which the legal documents' sections are "
            f"rendered without ({why}); other pages still use it. legaldocs check and diff run on pull "
            "requests, so sections use only installed extensions that run no code named in the repository: "
            "Python-Markdown's own and pymdown-extensions' (except snippets and b64, which read files). "
            "If a section needs it, write that part without it."
        )
    return MarkdownOptions(tuple(kept), kept_configs), said


# check and diff: mkdocs.yml read as data --------------------------------------------------------


class _Mapping(yamlfile.Mapping):
    #: Where it was read: "mkdocs.yml" or an INHERITed file, relative to the site's folder.
    file: str = CONFIG_FILE

    def where(self, key: Any) -> str:
        return f"{self.file}:{self.line_of(key)}"


class _Loader(yaml.SafeLoader):
    """YAML as data: MkDocs' tags read without reading the environment or running anything."""

    shown = CONFIG_FILE
    repository: Path | None = None
    site: Path = Path(".")


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    result = _Mapping()
    result.line, result.key_lines, result.file = node.start_mark.line + 1, {}, loader.shown
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yamlfile.Refused(problem="a key must be a plain name", problem_mark=key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        if key in result.key_lines:
            raise yamlfile.DuplicateKey(problem=f"the key {key!r} appears twice", problem_mark=key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> yamlfile.Sequence:
    result = yamlfile.Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, …, default]``: the default, never the runner's environment
    (which CI fills with secrets and a pull request must not be able to print)."""
    if isinstance(node, yaml.SequenceNode) and len(node.value) > 1:
        return loader.construct_object(node.value[-1], deep=True)
    return None


def _relative(loader: _Loader, node: yaml.Node) -> str:
    """MkDocs' ``!relative $config_dir/x``: a path, as text (only extensions use it)."""
    value = str(loader.construct_scalar(node) or "") if isinstance(node, yaml.ScalarNode) else ""
    prefix, _, rest = value.partition("/")
    return str(loader.site / rest) if prefix == "$config_dir" else value


def _python(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    """``!!python/name:`` of a function on the allow-list is that function; any other ``!!python/…``
    is a ``Code`` marker, said where it matters and never run."""
    if suffix.startswith("name:") and (named := _named(suffix[5:], loader.repository)) is not None:
        return named
    return Code(f"!!python/{suffix}", f"{loader.shown}:{node.start_mark.line + 1}")


def _named(name: str, repository: Path | None) -> Any:
    module, _, attribute = name.rpartition(".")
    if not (module and allowed_module(module, NAMED_FUNCTIONS) and installed(module, repository)):
        return None
    try:
        found = getattr(importlib.import_module(module), attribute, None)
    except ImportError:
        return None
    # Only the package's own functions: not something it imported (os.system, say).
    return found if callable(found) and allowed_module(getattr(found, "__module__", ""), NAMED_FUNCTIONS) else None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python)


def _bounded(node: yaml.Node | None, where: str) -> None:
    """Aliases expanded, at most ``_MAX_NODES`` values: counted on the node graph, before anything is built."""
    stack, count = [node], 0
    while stack:
        item = stack.pop()
        if item is None:
            continue
        count += 1
        if count > _MAX_NODES:
            raise ConfigProblem(
                f"{where}: more than {_MAX_NODES:,} values once YAML aliases (*name) are expanded. "
                "Fix: write the configuration out without nested aliases."
            )
        if isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        elif isinstance(item, yaml.MappingNode):
            stack.extend(v for pair in item.value for v in pair)


def _inside(path: Path, repository: Path) -> bool:
    return path.resolve().is_relative_to(repository.resolve())


def _shown(path: Path, site: Path) -> str:
    try:
        return path.absolute().relative_to(site.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, site: Path, repository: Path, depth: int = 0) -> _Mapping:
    """One YAML file of the configuration, INHERIT merged in (only files inside the repository)."""
    shown = _shown(path, site)
    if not _inside(path, repository):
        raise ConfigProblem(
            f"{shown}: this file is outside the repository ({repository}), so legaldocs does not read it. "
            "Fix: keep the site's configuration in the repository."
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigProblem(f"{shown}: {error.strerror or error}.") from None
    if len(raw) > yamlfile.MAX_BYTES:
        raise ConfigProblem(f"{shown}: larger than {yamlfile.MAX_BYTES:,} bytes; this is not a site's configuration.")
    loader = _Loader(raw.decode("utf-8", errors="replace"))
    loader.shown, loader.repository, loader.site = shown, repository, site
    try:
        node = loader.get_single_node()
        _bounded(node, shown)
        data = loader.construct_document(node) if node is not None else _Mapping()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigProblem(
            f"{shown}{line}: this is not valid YAML for a site's configuration: {error.problem or error}. "
            "Fix: check the indentation and quoting on this line and the one before it."
        ) from None
    except yaml.YAMLError as error:
        raise ConfigProblem(f"{shown}: this is not valid YAML: {error}.") from None
    finally:
        loader.dispose()
    if not isinstance(data, _Mapping):
        raise ConfigProblem(f"{shown}: the configuration must be a mapping of names to values (`site_name: …`).")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    if depth >= _MAX_INHERIT or not isinstance(parent, str):
        raise ConfigProblem(
            f"{data.where('INHERIT')}: INHERIT must name one file, and inherited files may nest at most "
            f"{_MAX_INHERIT} deep. Fix: name the file the configuration builds on."
        )
    target = path.parent / parent
    if not _inside(target, repository):
        raise ConfigProblem(
            f"{data.where('INHERIT')}: INHERIT names {parent!r}, which is outside the repository; legaldocs "
            "reads no file outside it. Fix: keep the inherited configuration in the repository."
        )
    if not target.is_file():
        raise ConfigProblem(f"{data.where('INHERIT')}: INHERIT names {parent!r}, which does not exist.")
    return _merge(_read(target, site, repository, depth + 1), data)


def _merge(parent: _Mapping, child: _Mapping) -> _Mapping:
    """MkDocs' INHERIT: mappings merged key by key, the child winning; anything else replaced."""
    merged = _Mapping(parent)
    merged.line, merged.file = child.line, child.file
    merged.key_lines = {k: parent.line_of(k) for k in parent}
    files = {k: parent.file for k in parent}
    for key, value in child.items():
        old = parent.get(key)
        merged[key] = _merge(old, value) if isinstance(old, _Mapping) and isinstance(value, _Mapping) else value
        merged.key_lines[key], files[key] = child.line_of(key), child.file
    merged.files = files  # type: ignore[attr-defined]
    return merged


def _where(data: _Mapping, key: Any) -> str:
    files = getattr(data, "files", {})
    return f"{files.get(key, data.file)}:{data.line_of(key)}"


def _codes(value: Any) -> list[Code]:
    """Every ``Code`` marker under ``value`` (each shared value looked at once)."""
    return sorted((item for item in _nodes(value) if isinstance(item, Code)), key=lambda c: c.where)


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else ""


#: What validation said, by option name.
_Said = list[tuple[str, str]]


def _validate(make: Callable[[], Any], data: Mapping[str, Any]) -> tuple[Any, _Said, _Said]:
    """Validate as MkDocs does; a value that fails is said and left out (its default used), and the
    rest validated again, so that every mistake is said at once."""
    data = dict(data)
    errors: _Said = []
    for _ in range(len(data) + 2):
        config = make()
        config.load_dict(dict(data))
        failed, warnings = config.validate()
        dropped = [key for key, _ in failed if key in data]
        # A value dropped can fail again as its default (docs_dir 'docs', absent): said once.
        errors.extend(e for e in ((key, str(error)) for key, error in failed) if e not in errors)
        if not failed or not dropped:
            return config, errors, [(key, str(w)) for key, w in warnings]
        for key in dropped:
            data.pop(key)
    return config, errors, [(key, str(w)) for key, w in warnings]


def _said(
    where: Callable[[str], str], prefix: str, known: Iterable[str], errors: _Said, warnings: _Said
) -> tuple[list[Problem], list[Problem]]:
    """Validation's errors and warnings as Problems at their lines, an unknown name with the nearest known one."""
    known = list(known)
    problems = [
        Problem(
            where(key),
            None,
            f"{prefix}{key}: {' '.join(message.split())}",
            'correct the value (see "Plugin options" in legaldocs\' documentation).',
        )
        for key, message in errors
    ]
    warned = []
    for key, message in warnings:
        if message.startswith("Unrecognised configuration name"):
            hint = _suggest(key, known)
            warned.append(
                Problem(
                    where(key),
                    None,
                    f"{prefix.rstrip('.') or 'mkdocs.yml'} has no option {key!r}, so it does nothing "
                    "(and `mkdocs build --strict` stops on it).",
                    hint or 'remove it, or correct its name (see "Plugin options" in legaldocs\' documentation).',
                )
            )
        else:
            warned.append(Problem(where(key), None, f"{prefix}{key}: {' '.join(message.split())}"))
    return problems, warned


def _entries(value: Any, file: str = CONFIG_FILE) -> list[tuple[Any, Any, str]]:
    """``plugins:`` or ``markdown_extensions:`` as MkDocs reads them: a list of names and one-key
    mappings (``- name`` or ``- name: {options}``), or one mapping; each (name, options, where)."""
    if isinstance(value, _Mapping):
        return [(k, v, value.where(k)) for k, v in value.items()]
    entries = []
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, _Mapping) and len(item) == 1:
            ((name, config),) = item.items()
            entries.append((name, config, item.where(name)))
        else:
            line = value.line_of(i) if isinstance(value, yamlfile.Sequence) else None
            entries.append((item, None, f"{file}:{line}" if line else file))
    return entries


def _extensions(value: Any, file: str = CONFIG_FILE) -> tuple[list[str], dict[str, Any], dict[str, str], list[Problem]]:
    """``markdown_extensions:``, MkDocs' builtins first: names, options and places by name, mistakes."""
    names: list[str] = list(BUILTIN_EXTENSIONS)
    configs: dict[str, Any] = {}
    lines: dict[str, str] = {}
    wrong: list[Problem] = []
    if value is not None and not isinstance(value, (list, Mapping)):
        wrong.append(Problem(file, None, "markdown_extensions must be a list of extension names."))
    for name, config, where in _entries(value, file):
        if not isinstance(name, str) or not (config is None or isinstance(config, Mapping)):
            wrong.append(Problem(where, None, f"markdown_extensions: {name!r} is not an extension name with options."))
            continue
        names.append(name)
        lines[name] = where
        if config:
            configs[name] = config
    return list(dict.fromkeys(names)), configs, lines, wrong


def load(config_file: Path) -> SiteOptions:
    """mkdocs.yml read as data, validated as `mkdocs build` validates it, running nothing it names."""
    from mkdocs.config import base
    from mkdocs.config import config_options as c
    from mkdocs.config.defaults import MkDocsConfig

    site = config_file.absolute().parent
    repository = repository_root(site)
    data = _read(config_file, site, repository)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    notes: list[str] = []

    def where(key: Any) -> str:
        return _where(data, key)

    # Code named where legaldocs reads values: refused (extensions are judged below, as the build does).
    for key, value in data.items():
        if key in ("plugins", "markdown_extensions", "hooks"):
            continue
        for code in _codes(value):
            problems.append(_code_problem(code))
    hooks = data.get("hooks") or []
    for hook in hooks if isinstance(hooks, list) else [hooks]:
        notes.append(
            f"{where('hooks')}: hooks names {str(hook)!r}, Python code from the repository; legaldocs reads "
            "mkdocs.yml as data and did not run it (`mkdocs build` runs it)."
        )

    # MkDocs' own keys, by MkDocs' own declarations; those that would import code, as data here.
    schema = [(k, c.BaseConfigOption() if k in _CODE_KEYS else copy.deepcopy(o)) for k, o in MkDocsConfig._schema]
    plain = {k: v for k, v in data.items() if k not in _CODE_KEYS and not _codes(v)}  # refused above
    plain["config_file_path"] = str(config_file)  # as load_config sets it
    top, errors, warned = _validate(lambda: base.LegacyConfig(schema, config_file_path=str(config_file)), plain)
    said, warned_top = _said(where, "", (k for k, _ in schema), errors, warned)
    problems += said
    warnings += warned_top

    theme = data.get("theme")
    theme = theme if isinstance(theme, Mapping) else {"name": theme}
    custom_dir = None
    if theme.get("custom_dir"):
        custom_dir = site / str(theme["custom_dir"])
        if not _inside(custom_dir, repository) or not custom_dir.is_dir():
            problems.append(
                Problem(
                    _where(theme, "custom_dir") if isinstance(theme, _Mapping) else where("theme"),
                    None,
                    f"theme.custom_dir {str(theme['custom_dir'])!r} is not a folder of the repository.",
                    "name a folder inside the repository, relative to mkdocs.yml.",
                )
            )
            custom_dir = None

    ours, plugin_where_of, said, warned_ours = _plugin_options(data, config_file, site)
    problems += said
    warnings += warned_ours
    warnings += platform_warnings(config_file.resolve().parent)

    names, configs, lines, wrong = _extensions(data.get("markdown_extensions"), data.file)
    problems += wrong
    markdown, left_out = markdown_options(names, configs, repository, lambda name: lines.get(name, data.file))
    notes += left_out
    problems += _extensions_load(markdown, lines, data.file)

    docs_dir = Path(top.get("docs_dir") or site / "docs")
    if not _inside(docs_dir, repository):
        raise ConfigProblem(
            f"{where('docs_dir')}: docs_dir {str(data.get('docs_dir'))!r} is outside the repository; legaldocs "
            "reads no file outside it. Fix: keep the documents in the repository."
        )
    ledger = ours.get("ledger")
    if ledger and not _inside(site / ledger, repository):
        notes.append(
            f"{plugin_where_of('ledger')}: the ledger {ledger!r} is outside the repository, so legaldocs did "
            "not read it (nor check against it); `mkdocs build` does."
        )
        ledger = None
    scripts = [*(top.get("extra_css") or []), *(top.get("extra_javascript") or [])]
    return SiteOptions(
        docs_dir=docs_dir,
        root=config_file.resolve().parent,
        config_file=config_file.name,
        documents=tuple(ours.get("documents") or ()),
        branch=ours.get("branch"),
        notice_period=ours.get("notice_period", 30),
        recipients_notice=ours.get("recipients_notice", 0),
        recent_days=ours.get("recent_days", 30),
        home=ours.get("home", True),
        markdown=_with_templates(markdown, custom_dir),
        language=str(theme.get("language") or "en"),
        site_name=top.get("site_name") or "",
        repo_url=top.get("repo_url") or "",
        site_url=top.get("site_url") or "",
        copyright=top.get("copyright") or "",
        directory_urls=bool(top.get("use_directory_urls", True)),
        custom_dir=custom_dir,
        allow_files=(*(str(getattr(x, "path", x)) for x in scripts), *(ours.get("allow_files") or ())),
        trust_all_authors=bool(ours.get("trust_all_authors")),
        acknowledged={
            str(a["commit"]).lower(): str(a["reason"]) for a in ours.get("acknowledge") or () if a.get("commit")
        },
        acknowledged_translations=translation_acknowledgements(ours.get("acknowledge") or ()),
        ledger=ledger,
        translation_days=ours.get("translation_days", 14),
        problems=tuple(problems),
        warnings=tuple(warnings),
        notes=tuple(notes),
    )


def _plugin_options(
    data: _Mapping, config_file: Path, site: Path
) -> tuple[Any, Callable[[str], str], list[Problem], list[Problem]]:
    """The plugin's options, validated by the plugin's own declarations (``config.LegalDocsConfig``)."""
    from .config import LegalDocsConfig

    plugins = _entries(data.get("plugins", ["search"]), data.file)
    entries = [e for e in plugins if isinstance(e[0], str) and e[0].rpartition("/")[2] == PLUGIN]
    if not entries:
        raise ConfigProblem(
            f"{_shown(config_file, site)} does not use the legaldocs plugin. Fix: add `- legaldocs` under `plugins:`."
        )
    _, given, plugin_where = entries[-1]
    options = given if isinstance(given, Mapping) else {}
    if options.get("enabled") is False:
        raise ConfigProblem(f"{plugin_where}: the legaldocs plugin is disabled (`enabled: false`).")
    problems = [_code_problem(code) for code in _codes(options)]
    options = {k: v for k, v in options.items() if k != "enabled" and not _codes(v)}

    def where_of(key: str) -> str:
        return _where(given, key) if isinstance(given, _Mapping) and key in given else plugin_where

    ours, errors, warned = _validate(lambda: LegalDocsConfig(config_file_path=str(config_file)), options)
    said, warnings = _said(where_of, "plugins.legaldocs.", (k for k, _ in LegalDocsConfig._schema), errors, warned)
    return ours, where_of, [*problems, *said], warnings


def _code_problem(code: Code) -> Problem:
    return Problem(
        code.where,
        None,
        f"`{code.tag}` names Python code; legaldocs reads mkdocs.yml as data and runs nothing it names, "
        "so this value was not read.",
        "write a plain value here (text, a number, a list).",
    )


def _extensions_load(markdown: MarkdownOptions, lines: Mapping[str, str], file: str = CONFIG_FILE) -> list[Problem]:
    """The allowed extensions loaded once with their options, as MkDocs checks them: a wrong option
    is a problem at its line, not a traceback later."""
    import markdown as md

    problems = []
    for name in markdown.extensions:
        try:
            md.Markdown(extensions=[name], extension_configs={name: markdown.configs.get(name, {})})
        except Exception as error:  # any extension's complaint, said with its line
            short = name.removeprefix("markdown.extensions.")
            where = lines.get(short, lines.get(name, file))
            problems.append(
                Problem(
                    where,
                    None,
                    f"the Markdown extension {short!r} cannot be used: {' '.join(str(error).split())}.",
                    "correct its name or options (see the extension's documentation).",
                )
            )
    return problems
