"""`legaldocs adopt FILE`: the mkdocs.yml entry that publishes a policy kept as one Markdown file,
and what its history holds (versions, commits that cannot be read, the section level).

Reads the repository, writes nothing but (with ``--write``) the one entry in mkdocs.yml, inserted
as text so that the file's comments and layout stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from . import filedoc, history
from .filedoc import FILE_KEY, FileSpec
from .model import Document, Problem


class AdoptError(Exception):
    """The file cannot be adopted; the message says why and how to fix it."""


@dataclass
class Findings:
    spec: FileSpec
    #: (effective date, first commit's short id, its date, revisions) per version, oldest first.
    versions: list[tuple[date, str, date, int]] = field(default_factory=list)
    #: (short id, date, the first problem) per commit left out of the history.
    skipped: list[tuple[str, date, str]] = field(default_factory=list)
    section_level: int | None = None
    sections: int = 0
    preamble: bool = False
    #: The date comes from a "Last updated" line (no line says "Effective").
    from_updated: bool = False
    problems: list[str] = field(default_factory=list)


def default_name(path: Path) -> str:
    """An address made from the file's name: privacy-statement.md → privacy-statement."""
    return re.sub(r"[^a-z0-9]+", "-", filedoc.toc_slug(path.stem).lower()).strip("-") or "policy"


def entry(spec: FileSpec) -> str:
    """The entry under ``documents:``, as YAML lines (no indentation of its own)."""
    lines = [f"- name: {spec.name}", f"  file: {_quoted(spec.file)}"]
    if spec.markdown != "mkdocs":
        lines.append(f"  markdown: {spec.markdown}")
    if spec.section_level is not None:
        lines.append(f"  section_level: {spec.section_level}")
    return "\n".join(lines) + "\n"


def _quoted(value: str) -> str:
    return value if yaml.safe_load(value) == value and ":" not in value else '"' + value.replace('"', '\\"') + '"'


def find(path: Path, spec: FileSpec, shown_as: str, today: date, language: str = "en") -> Findings:
    """The file's history as the build would read it, and its shape at the last commit."""
    from . import gitsource  # GitPython: only here

    found = Findings(spec)
    try:
        repo = gitsource.Repository(path.parent)
    except gitsource.NoHistory as error:
        found.problems.append(str(error))
        repo = None
    if repo is not None:
        try:
            snapshots = repo.walk(repo.repo.head.commit, repo.relative(path), file=True)
        except (ValueError, gitsource.NoHistory) as error:
            found.problems.append(str(error))
            snapshots = ()
        finally:
            repo.close()

        def read(files: Mapping[str, bytes]) -> tuple[Document | None, list[Problem]]:
            reading = filedoc.read(spec.name, files, shown_as, spec, language)
            return reading.document, reading.problems

        result = history.build(((s.commit, s.files) for s in snapshots), read, today, shown_as=shown_as)
        for version in result.history.versions:
            first = version.revisions[0].commit
            found.versions.append((version.effective, first.short, first.date.date(), len(version.revisions)))
        paths = {s.commit.sha: s.path for s in snapshots}
        current = repo.relative(path) if snapshots else shown_as
        # Each problem at the file's path at that commit, not today's.
        for skipped in filedoc.at_their_paths(result.history, paths, current, shown_as).skipped:
            said = str(skipped.problems[0]) if skipped.problems else "it could not be read"
            found.skipped.append((skipped.commit.short, skipped.commit.date.date(), said))
    text = filedoc.read_file(path).get(FILE_KEY, b"")
    reader = filedoc._FileReader(spec.name, {FILE_KEY: text}, shown_as, spec, language)
    document = reader.read()
    found.problems.extend(str(p) for p in reader.problems)
    if document is not None:
        found.sections = sum(not s.preamble for s in document.sections)
        found.preamble = any(s.preamble for s in document.sections)
        lines = text.decode("utf-8", "replace").split("\n")
        found.section_level = filedoc.section_level(filedoc.headings(lines), spec.section_level)
        if reader.date_at is not None and not reader.date_at[1]:
            stated = filedoc.date_line(lines[reader.date_at[0]], language)
            found.from_updated = stated is not None and stated[0] == "updated"
    return found


def report(found: Findings) -> list[str]:
    """The findings in words, one line each (for stderr)."""
    lines = []
    if found.versions:
        lines.append(f"{len(found.versions)} versions in the file's history:")
        for effective, sha, when, revisions in found.versions:
            more = f", {revisions} revisions" if revisions > 1 else ""
            lines.append(f"  effective {effective.isoformat()}: begun by commit {sha} on {when.isoformat()}{more}")
    else:
        lines.append("no version in the file's history (is it committed?).")
    for sha, when, problem in found.skipped:
        lines.append(f"commit {sha} ({when.isoformat()}) is left out of the history: {problem}")
    if found.section_level is not None:
        preamble = "; the text before the first is the preamble" if found.preamble else ""
        lines.append(f"sections: the {found.sections} headings of level {found.section_level}{preamble}.")
    if found.from_updated:
        lines.append(
            "the date is read from a 'Last updated' line, as no line says 'Effective': every change of that "
            "date starts a new version. Write 'Effective date: …' if that is not what the date means."
        )
    lines.extend(f"problem: {p}" for p in found.problems)
    return lines


def write(config_file: Path, spec: FileSpec) -> None:
    """Add the entry to the legaldocs plugin's ``documents`` in mkdocs.yml, as text: every other
    character of the file (comments, layout, quoting) stays as it was."""
    text = config_file.read_text(encoding="utf-8")
    lines = text.split("\n")
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.YAMLError as error:
        raise AdoptError(f"{config_file}: mkdocs.yml cannot be read ({error}).") from None
    plugins = _value(root, "plugins")
    if not isinstance(plugins, yaml.SequenceNode):
        raise AdoptError(f"{config_file}: there is no `plugins:` list. Fix: add `plugins: [search, legaldocs]`.")
    for item in plugins.value:
        if isinstance(item, yaml.ScalarNode) and item.value == "legaldocs":
            row, column = item.start_mark.line, item.start_mark.column
            rest = lines[row][item.end_mark.column :] if item.end_mark.line == row else "?"
            plain = lines[row][column : item.end_mark.column] == "legaldocs"
            # `- legaldocs`, perhaps with a comment after it (the guide's starter: `# options: see …`)
            if not plain or rest.strip()[:1] not in ("", "#") or not lines[row][:column].strip().endswith("-"):
                break
            pad = " " * (column + 2)
            lines[row] = lines[row][:column] + "legaldocs:" + rest
            lines[row + 1 : row + 1] = [f"{pad}documents:", *_indented(spec, pad + "  ")]
            break
        if isinstance(item, yaml.MappingNode) and _key(item.value[0][0]) == "legaldocs":
            key, options = item.value[0]
            if isinstance(options, yaml.ScalarNode) and options.tag.endswith(":null") and not options.value:
                # `- legaldocs:` with nothing under it
                pad = " " * (key.start_mark.column + 2)
                lines[key.start_mark.line + 1 : key.start_mark.line + 1] = [
                    f"{pad}documents:",
                    *_indented(spec, pad + "  "),
                ]
                break
            if not isinstance(options, yaml.MappingNode) or options.flow_style:
                break
            documents = _value(options, "documents")
            if isinstance(documents, yaml.SequenceNode) and not documents.value and documents.flow_style:
                # `documents: []`: the list written out as a block, the rest of the line (a comment) kept
                start, end = documents.start_mark, documents.end_mark
                if start.line != end.line:
                    break
                line = lines[start.line]
                lines[start.line] = (line[: start.column].rstrip() + " " + line[end.column :].lstrip()).rstrip()
                column = next(k.start_mark.column for k, v in options.value if v is documents)
                lines[start.line + 1 : start.line + 1] = _indented(spec, " " * (column + 2))
                break
            if documents is None:
                first = options.value[0][0].start_mark
                pad = " " * first.column
                lines[first.line : first.line] = [f"{pad}documents:", *_indented(spec, pad + "  ")]
            elif isinstance(documents, yaml.SequenceNode) and documents.value and not documents.flow_style:
                if any(_value(d, "name") is not None and _key(_value(d, "name")) == spec.name for d in documents.value):
                    raise AdoptError(f"{config_file}: `documents` already has {spec.name!r}.")
                pad = " " * documents.start_mark.column
                end = _last_line(documents, lines)
                lines[end + 1 : end + 1] = _indented(spec, pad)
            else:
                break
            config_file.write_text("\n".join(lines), encoding="utf-8")
            return
    else:
        raise AdoptError(f"{config_file}: the legaldocs plugin is not in `plugins:`. Fix: add `- legaldocs`.")
    if lines != text.split("\n"):
        config_file.write_text("\n".join(lines), encoding="utf-8")
        return
    raise AdoptError(
        f"{config_file}: legaldocs' options are written in a way this command does not edit. Fix: add the entry "
        "printed above under `documents:` by hand."
    )


def _indented(spec: FileSpec, pad: str) -> list[str]:
    return [pad + line for line in entry(spec).rstrip("\n").split("\n")]


def _last_line(node: yaml.Node, lines: list[str]) -> int:
    """The last line with text of a block node (its end mark may sit on the next key's line)."""
    end = node.end_mark.line
    if end >= len(lines) or not lines[end][: node.end_mark.column].strip():
        end -= 1  # the end mark is where the next key begins
    while end > node.start_mark.line and not lines[end].strip():
        end -= 1
    return end


def _key(node: yaml.Node) -> object:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if _key(k) == key), None)


class _Composer(yaml.SafeLoader):
    """Composes mkdocs.yml's nodes, whatever tags it uses (`!!python/name:` …): nothing is constructed."""
