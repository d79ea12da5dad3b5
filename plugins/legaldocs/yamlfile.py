"""YAML that remembers where each value stood, so validation can name the line.

PyYAML throws line numbers away once it builds Python objects; editors need them.
Dates are left as text (no implicit timestamps) so that a bad date is our error with a line,
not a constructor exception without one.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from .model import Problem

#: A document.yml or purposes.yml larger than this is refused before it is parsed.
MAX_BYTES = 1_000_000


class Mapping(dict):
    """A dict that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser where PyYAML has it (much faster over long histories), with our constructors."""


# Without the timestamp resolver, `effective: 2018-05-25` stays a string we validate ourselves.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(yaml.MarkedYAMLError):
    pass


class Refused(yaml.MarkedYAMLError):
    """YAML that is valid but has no place in a legal document (anchors, aliases, complex keys)."""


def _refuse_anchors(text: str) -> None:
    """Anchors and aliases have no use in a legal document, and aliases can expand a small file
    into gigabytes ("billion laughs"): refused from the event stream, before anything is built."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise Refused(
                problem="YAML anchors (&name) and aliases (*name) are not allowed in a legal document; "
                "write each value out in full",
                problem_mark=event.start_mark,
            )


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise Refused(
                problem="a key must be a plain name, not a list or a mapping (`? [a, b]`); "
                "write the key as text before the colon",
                problem_mark=key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=True)
        if key in result.key_lines:
            raise DuplicateKey(
                problem=f"the key {key!r} appears twice",
                problem_mark=key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


@functools.lru_cache(maxsize=512)
def load(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; malformed YAML becomes a Problem at its line, never a traceback.

    Remembered by text: most commits leave a file as it was. Callers must not change the result.
    """
    if len(text) > MAX_BYTES:
        return None, [
            Problem(
                path,
                None,
                f"this file is {len(text):,} characters long; a YAML file of a legal document may have at most "
                f"{MAX_BYTES:,}.",
                "split the text, or check that the file is the one you meant to commit.",
            )
        ]
    try:
        _refuse_anchors(text)
        return yaml.load(text, Loader=_Loader), []
    except Refused as error:
        mark = error.problem_mark
        what, _, fix = (error.problem or "").partition("; ")
        return None, [Problem(path, mark.line + 1 if mark else None, f"{what}.", f"{fix}.")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context == "while scanning a simple key" and error.context_mark:
            # A key without its colon: the scanner gives up on a later line; the key's own is the one to fix.
            mark = error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or "it is not valid YAML"
        return None, [
            Problem(
                path,
                line,
                f"this is not valid YAML: {what}.",
                "check the indentation and quoting on this line and the one before it; "
                "text containing ': ' or starting with a quote needs quotes around it.",
            )
        ]
    except yaml.YAMLError as error:  # e.g. a reader error on odd bytes
        return None, [Problem(path, None, f"this is not valid YAML: {error}.", "save the file as plain UTF-8 text.")]
