"""The documentation's reference pages, generated from the code they describe, so that they cannot drift.

- the plugin's options and their JSON Schema: from ``LegalDocsConfig`` in ``config.py`` (each option's
  declaration, its default, and the ``#:`` comment above it);
- the routes: from ``routes.ROUTES`` (each route's view and template) and the comment above each
  ``Route(...)`` in ``routes.py``;
- the templates: from the ``{#- … -#}`` comment each template opens with;
- the commands: from the ``legaldocs`` argparse parser's own help.

``hooks.py`` calls it while MkDocs builds the documentation. Run it to rewrite the committed schema
after changing an option (a test fails until then)::

    python documentation/gen_reference.py --write-schema
"""

from __future__ import annotations

import argparse
import ast
import html
import inspect
import io
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from legaldocs import cli, config, routes
from mkdocs.config import base
from mkdocs.config import config_options as c

PACKAGE = Path(config.__file__).parent
SCHEMAS = PACKAGE / "schemas"
OPTIONS_SCHEMA = SCHEMAS / "options.schema.json"
TEMPLATES = PACKAGE / "templates"

#: What JSON Schema says of a Python type that an option declares with ``c.Type``.
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}

#: The rules that config.py's own option classes check in code, written as JSON Schema: keyed by the
#: class, or by (class, field) for a field of a sub-configuration. A new option class of config.py
#: stops the generator until it is described here (and tests/test_documentation.py checks that MkDocs
#: and the schema accept and refuse the same values).
CONSTRAINTS: dict[str | tuple[str, str], dict[str, Any]] = {
    "_Days": {"minimum": 0},
    "_Date": {"pattern": r"^\d{4}-\d{2}-\d{2}$"},
    ("_Acknowledgement", "commit"): {"pattern": "^([0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$"},
    ("_Acknowledgement", "reason"): {"pattern": r"\S"},
    ("_FileDocument", "name"): {"pattern": "^[a-z0-9]+(?:[-_][a-z0-9]+)*$"},
    ("_FileDocument", "section_level"): {"minimum": 1, "maximum": 6},
    ("_FileDocument", "language"): {"pattern": config.TAG.pattern},
    ("_FileDocument", "binding_language"): {"pattern": config.TAG.pattern},
    ("_FileDocument", "translations"): {
        "propertyNames": {"pattern": config.TAG.pattern},
        "additionalProperties": {"type": "string", "pattern": r"\S"},
    },
}

#: Rules over a sub-configuration's keys together, by its class: an acknowledgement names a commit, or
#: a translation and the version it lags.
OBJECT_CONSTRAINTS: dict[str, dict[str, Any]] = {
    "_Acknowledgement": {"anyOf": [{"required": ["commit"]}, {"required": ["translation", "version"]}]},
}


# Options ---------------------------------------------------------------------------------------


def _comments(cls: type) -> dict[str, str]:
    """Each attribute of ``cls`` and the ``#:`` comment lines just above it, joined."""
    source, _ = inspect.getsourcelines(cls)  # a class of config.py, declared at the top level
    node = ast.parse("".join(source)).body[0]
    found: dict[str, str] = {}
    for statement in node.body:  # type: ignore[attr-defined]
        if not (isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name)):
            continue
        above: list[str] = []
        line = statement.lineno - 2  # 0-based index of the line above
        while line >= 0 and source[line].strip().startswith("#:"):
            above.insert(0, source[line].strip()[2:].strip())
            line -= 1
        found[statement.targets[0].id] = " ".join(above)
    return found


def _option_schema(option: base.BaseConfigOption, owner: type, name: str, defs: dict[str, Any]) -> dict[str, Any]:
    """One option's value as JSON Schema, from its MkDocs declaration."""
    kind = type(option)
    if isinstance(option, c.Optional):
        inner = _option_schema(option.option, owner, name, defs)
        if isinstance(inner.get("type"), str):
            return {**inner, "type": [inner["type"], "null"]}
        return {"oneOf": [inner, {"type": "null"}]}
    if isinstance(option, c.ListOfItems):
        return {"type": "array", "items": _option_schema(option.option_type, owner, name, defs)}
    if isinstance(option, config._Document):  # a folder's name, or a mapping: a folder's, or a file document's
        sub_schema = _option_schema(c.SubConfig(option.config_class), owner, name, defs)
        tag = {"type": "string", "pattern": config.TAG.pattern}
        folder = {
            "type": "object",
            "description": "A folder document named with its language options.",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {"name": {"type": "string"}, **{key: tag for key in config.FOLDER_KEYS}},
        }
        return {"oneOf": [{"type": "string"}, folder, sub_schema]}
    if isinstance(option, c.Choice):
        return {"enum": list(option.choices)}
    if isinstance(option, c.SubConfig):
        sub = option.config_class
        defs[sub.__name__.lstrip("_").lower()] = _config_schema(sub, defs)
        return {"$ref": f"#/$defs/{sub.__name__.lstrip('_').lower()}"}
    if isinstance(option, c.Type):
        schema: dict[str, Any] = {"type": _JSON_TYPES[option._type]}
        if kind is not c.Type:
            if kind.__name__ not in CONSTRAINTS:
                raise LookupError(f"{kind.__name__} (config.py) checks values in code: describe it in CONSTRAINTS")
            schema.update(CONSTRAINTS[kind.__name__])
        schema.update(CONSTRAINTS.get((owner.__name__, name), {}))
        return schema
    raise LookupError(f"{name}: {kind.__name__} has no JSON Schema yet: teach gen_reference._option_schema it")


def _config_schema(cls: type[base.Config], defs: dict[str, Any]) -> dict[str, Any]:
    """A Config class as an object schema: its options, their defaults and their comments."""
    comments = _comments(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, option in cls._schema:
        schema: dict[str, Any] = {}
        if comments.get(name):
            schema["description"] = comments[name]
        schema.update(_option_schema(option, cls, name, defs))
        if option.default is not None or isinstance(option, c.Optional):
            schema["default"] = option.default
        elif option.required:
            required.append(name)
        properties[name] = schema
    out: dict[str, Any] = {"type": "object"}
    if cls.__doc__ and cls is not config.LegalDocsConfig:
        out["description"] = " ".join(cls.__doc__.split())
    if required:
        out["required"] = required
    out.update(OBJECT_CONSTRAINTS.get(cls.__name__, {}))
    return {**out, "additionalProperties": False, "properties": properties}


def options_schema() -> dict[str, Any]:
    """The JSON Schema of ``plugins: - legaldocs: …`` in mkdocs.yml (written to schemas/options.schema.json)."""
    defs: dict[str, Any] = {}
    body = _config_schema(config.LegalDocsConfig, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://legaldocs.invalid/schemas/options.schema.json",
        "title": "The legaldocs plugin's options (mkdocs.yml: plugins: - legaldocs: …)",
        "description": "Generated from plugins/legaldocs/config.py by documentation/gen_reference.py: "
        "change the options there, then run `python documentation/gen_reference.py --write-schema`. "
        "An option not listed here is refused (mkdocs build --strict fails on it).",
        **body,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(options_schema(), indent=2, ensure_ascii=False) + "\n"


def _type_in_words(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in schema:
        sub = defs[schema["$ref"].rsplit("/", 1)[1]]
        return "{" + ", ".join(sub["properties"]) + "}"
    if "oneOf" in schema:
        return " or ".join(_type_in_words(s, defs) for s in schema["oneOf"])
    if "enum" in schema:
        return " or ".join(f"`{v}`" for v in schema["enum"])
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    words = {"boolean": "true or false", "integer": "a whole number", "string": "text", "null": "unset (null)"}
    out = []
    for kind in kinds:
        if kind == "array":
            out.append(f"a list of {_type_in_words(schema['items'], defs)}")
        else:
            out.append(words.get(kind, kind))
    text = " or ".join(out)
    if "minimum" in schema:
        text += f", {schema['minimum']} or more"
    return text


def _yaml(value: Any) -> str:
    return json.dumps(value) if value is not None else "null"


def options_markdown() -> str:
    """The options page's generated part: mkdocs.yml with every default, then each option in turn."""
    schema = options_schema()
    props, defs = schema["properties"], schema["$defs"]
    lines = ["```yaml", "plugins:", "  - search", "  - legaldocs:"]
    lines += [f"      {name}: {_yaml(p['default'])}" for name, p in props.items()]
    lines.append("```")
    for name, p in props.items():
        lines += ["", f"### `{name}`", "", f"{_type_in_words(p, defs)}; default `{_yaml(p['default'])}`.", ""]
        lines.append(_prose(p.get("description", "")))
        ref = p.get("items", p).get("$ref")
        if ref:
            sub = defs[ref.rsplit("/", 1)[1]]
            lines += ["", f"Each item: {_prose(sub.get('description', ''))}", ""]
            for field, f in sub["properties"].items():
                rule = {None: "", r"\S": ", not blank"}.get(f.get("pattern"), f", matching `{f.get('pattern')}`")
                required = ", required" if field in sub.get("required", ()) else ""
                lines.append(
                    f"- `{field}` ({_type_in_words(f, defs)}{rule}{required}): {_prose(f.get('description', ''))}"
                )
    return "\n".join(lines) + "\n"


# Routes ----------------------------------------------------------------------------------------


def _route_sites() -> list[tuple[re.Pattern[str], int, str]]:
    """Each ``Route(...)`` written in routes.py: a pattern of the names it makes, its line, its comment."""
    path = Path(routes.__file__)
    lines = path.read_text(encoding="utf-8").splitlines()
    sites = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Route"):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant):
            name = re.escape(first.value)
        elif isinstance(first, ast.JoinedStr):
            name = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in first.values)
        else:
            raise LookupError(f"routes.py:{node.lineno}: a Route whose name is not written out")
        index = node.lineno - 2
        while index >= 0 and lines[index].strip() in ("*(", "("):  # a comprehension: the comment is above it
            index -= 1
        above: list[str] = []
        while index >= 0 and lines[index].strip().startswith("#"):
            above.insert(0, lines[index].strip().lstrip("#").strip())
            index -= 1
        sites.append((re.compile(name), node.lineno, " ".join(above)))
    return sites


def route_rows() -> list[tuple[list[routes.Route], str]]:
    """Every route of ``routes.ROUTES``, grouped by the ``Route(...)`` that declares it, with its comment."""
    sites = _route_sites()
    groups: dict[int, tuple[list[routes.Route], str]] = {}
    for r in routes.ROUTES:
        exact = [s for s in sites if s[0].pattern == re.escape(r.name)]
        matching = exact or [s for s in sites if s[0].fullmatch(r.name)]
        if not matching:
            raise LookupError(f"the route {r.name!r} is not declared by a Route(...) in routes.py")
        _, line, comment = matching[0]
        groups.setdefault(line, ([], comment))[0].append(r)
    return list(groups.values())


def _address(pattern: str) -> str:
    return "/" + re.sub(r"\{(\w+)\}", r"<\1>", pattern)


def view_name(r: routes.Route) -> str:
    """The route's view as the package names it: ``document.current_page`` is ``pages/document.py``'s."""
    return f"{r.view.__module__.removeprefix('legaldocs.pages.')}.{r.view.__name__}"


def _maker(r: routes.Route) -> str:
    """The route's view, then the template that makes the page from its variables (a file has none)."""
    view = f"the view `{view_name(r)}`"
    return f"{view} and the template `{r.template}`" if r.template else view


def routes_markdown() -> str:
    """A definition list: each route (or group), its addresses and maker, then what its pages are."""
    lines = []
    for group, comment in route_rows():
        names = ", ".join(f"`{r.name}`" for r in group)
        shown = list(dict.fromkeys(_address(r.pattern) for r in group))
        makers = ", ".join(dict.fromkeys(_maker(r) for r in group))
        flags = [w for w, on in (("in the navigation", group[0].in_nav), ("searched", group[0].searchable)) if on]
        what = _prose(comment) + (f" {', '.join(flags).capitalize()}." if flags else "")
        lines += [names, f":   {', '.join(f'`{a}`' for a in shown)}, made by {makers}. {what}", ""]
    return "\n".join(lines)


# Templates -------------------------------------------------------------------------------------

_HEADER = re.compile(r"\A\{#-?(.*?)-?#\}", re.S)


def template_headers() -> dict[str, str]:
    """Each packaged template and the comment it opens with (its description and what it receives)."""
    found = {}
    for path in sorted(TEMPLATES.glob("*.html")):
        match = _HEADER.match(path.read_text(encoding="utf-8"))
        found[path.name] = " ".join(match.group(1).split()) if match else ""
    return found


def templates_markdown() -> str:
    lines = []
    for name, header in template_headers().items():
        what, _, receives = header.partition("Receives:")
        lines += [f"### `{name}`", "", _prose(what.strip())]
        if receives.strip():
            lines += ["", f"**Receives:** {_prose(receives.strip())}"]
        lines.append("")
    return "\n".join(lines)


# Commands --------------------------------------------------------------------------------------


def _commands() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    top = cli.parser()
    yield "legaldocs", top
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from ((f"legaldocs {name}", sub) for name, sub in action.choices.items())


def cli_markdown() -> str:
    """Each command's `--help`, as the parser prints it (at 100 columns, whatever the terminal)."""
    lines = []
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        for name, parser in _commands():
            out = io.StringIO()
            with redirect_stdout(out):
                parser.print_help()
            lines += [f"### `{name}`", "", "```text", out.getvalue().rstrip(), "```", ""]
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
    return "\n".join(lines)


# Schemas shown as they are -------------------------------------------------------------------


def schema_markdown(name: str) -> str:
    return "```json\n" + (SCHEMAS / name).read_text(encoding="utf-8").rstrip() + "\n```\n"


GENERATORS = {
    "options": options_markdown,
    "routes": routes_markdown,
    "templates": templates_markdown,
    "commands": cli_markdown,
    "diff-schema": lambda: schema_markdown("diff.schema.json"),
    "notice-schema": lambda: schema_markdown("notice.schema.json"),
    "options-schema": lambda: schema_markdown("options.schema.json"),
}


# Markdown helpers --------------------------------------------------------------------------------


def _prose(text: str) -> str:
    """Our own comment text as Markdown: code spans kept, ``<`` ``>`` ``&`` shown as written elsewhere."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") else html.escape(p, quote=False) for p in parts)


def _cell(text: str) -> str:
    return _prose(text).replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--write-schema", action="store_true", help=f"write {OPTIONS_SCHEMA.name} from config.py")
    if args.parse_args(argv).write_schema:
        OPTIONS_SCHEMA.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {OPTIONS_SCHEMA}")
        return 0
    print(schema_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
