"""Synthetic policy histories: N versions of a document with M sections, edited as policies are.

Each version moves `effective` on (announced 45 days ahead, so notice is respected), rewrites a
few sentences in two or three sections, sometimes adds a paragraph or a section, and every other
version gets an editorial revision. Commits are made with GitPython, dated, on `main`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from git import Actor, Repo

WORDS = [
    "personal",
    "data",
    "processing",
    "controller",
    "purpose",
    "lawful",
    "basis",
    "consent",
    "contract",
    "retention",
    "period",
    "security",
    "measures",
    "third",
    "party",
    "providers",
    "transfer",
    "rights",
    "access",
    "erase",
    "object",
    "restrict",
    "portability",
    "complaint",
    "supervisory",
    "authority",
    "cookies",
    "analytics",
    "marketing",
    "communications",
    "legitimate",
    "interests",
]
MKDOCS_YML = """site_name: Benchmark
theme:
  name: material
  font: false
plugins:
  - search
{plugin}markdown_extensions:
  - toc
  - tables
"""


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def section_text(rng: random.Random, title: str) -> str:
    return f"# {title}\n\n" + "\n\n".join(paragraph(rng) for _ in range(rng.randint(3, 6))) + "\n"


#: The "changes to this policy" section, with the generated list of versions (never edited).
CHANGES = "# Changes to This Policy\n\nWe publish every version of this policy.\n\n{{ versions }}\n"


def document_yml(effective: date, ids: list[str], n: int, extra: tuple[str, ...] = ()) -> str:
    listed = "".join(f"  - {i}\n" for i in [*ids, *extra])
    return (
        f"title: Synthetic Policy\neffective: {effective.isoformat()}\n"
        f'summary: "Version {n}: synthetic changes."\nsections:\n{listed}'
    )


def edit(rng: random.Random, text: str, grow: bool = True) -> str:
    """Replace one sentence, and now and then (``grow``) add a paragraph."""
    head, _, body = text.partition("\n\n")
    paragraphs = body.split("\n\n")
    i = rng.randrange(len(paragraphs))
    sentences = paragraphs[i].split(". ")
    sentences[rng.randrange(len(sentences))] = sentence(rng).rstrip(".")
    paragraphs[i] = ". ".join(sentences)
    if rng.random() < 0.3 and grow:
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), paragraph(rng))
    return head + "\n\n" + "\n\n".join(p.strip() for p in paragraphs if p.strip()) + "\n"


#: The plugin's entry for the same history kept as one file (``generate(single_file=True)``).
FILE_DOCUMENT = "  - legaldocs:\n      documents:\n        - name: policy\n          file: policies/policy.md\n"


def single_file(effective: date, ids: list[str], texts: dict[str, str], n: int) -> str:
    """The version as one Markdown file: front matter, a date line, each section a `##` heading with
    the folder's section id (`{#id}`), so that both forms of the history have the same text and ids."""
    sections = []
    for sid in ids:
        title, _, body = texts[sid].partition("\n")
        sections.append(f"#{title} {{#{sid}}}\n{body}")
    front = f'---\ntitle: Synthetic Policy\nsummary: "Version {n}: synthetic changes."\n---\n'
    return f"{front}# Synthetic Policy\n\nEffective date: {effective.isoformat()}\n\n" + "\n".join(sections)


def generate(
    root: Path,
    versions: int,
    sections: int = 15,
    seed: int = 1,
    *,
    versions_list: bool = False,
    steady: bool = False,
    one_file: bool = False,
    languages: tuple[str, ...] = (),
) -> Path:
    """A site with the legaldocs plugin whose docs/policy has ``versions`` versions; with
    ``versions_list``, a last section holds ``{{ versions }}``, as a real policy's does. A
    ``steady`` policy keeps its length (sentences rewritten, nothing added), so that what grows
    with the history is the history alone. ``one_file``: the same history (the same seed gives the
    same text) kept as one file, policies/policy.md, a file document. ``languages``: a folder document's
    translations (docs/policy/translations/<lang>/), each version translated whole in the same commit."""
    rng = random.Random(seed)
    (root / "policies" if one_file else root / "docs" / "policy" / "sections").mkdir(parents=True)
    if one_file:  # docs/ holds the site's own pages: here, a home page
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin=FILE_DOCUMENT if one_file else "  - legaldocs\n"))
    (root / ".gitignore").write_text("site/\n")
    repo = Repo.init(root, initial_branch="main")
    who = Actor("Benchmark", "benchmark@example.com")
    folder = root / "docs" / "policy"
    ids = [f"section-{i}" for i in range(1, sections + 1)]
    texts = {i: section_text(rng, f"Section about {rng.choice(WORDS)}") for i in ids}
    extra = ("changes",) if versions_list else ()
    if versions_list:
        (folder / "sections" / "changes.md").write_text(CHANGES)
    effective = date(2000, 1, 1)

    def commit(message: str, day: date) -> None:
        if one_file:
            (root / "policies" / "policy.md").write_text(single_file(effective, ids, texts, n))
        for sid, text in texts.items():
            if one_file:
                break
            (folder / "sections" / f"{sid}.md").write_text(text)
        for lang in languages:  # every section "translated": the same words, marked, in the translation's folder
            own = folder / "translations" / lang
            (own / "sections").mkdir(parents=True, exist_ok=True)
            for old in (own / "sections").glob("*.md"):
                old.unlink()
            (own / "document.yml").write_text(
                f"title: Policy ({lang})\neffective: {effective.isoformat()}\nsummary: Version {n} ({lang}).\n"
            )
            for sid, text in texts.items():
                (own / "sections" / f"{sid}.md").write_text(text.replace("\n\n", f"\n\n[{lang}] ", 1))
        repo.index.add([str(p) for p in root.rglob("*") if p.is_file() and ".git" not in p.parts])
        when = f"{int(datetime.combine(day, time(12), timezone.utc).timestamp())} +0000"
        repo.index.commit(message, author=who, committer=who, author_date=when, commit_date=when)

    for n in range(1, versions + 1):
        if n > 1:
            for sid in rng.sample(ids, k=min(len(ids), rng.randint(2, 3))):
                texts[sid] = edit(rng, texts[sid], grow=not steady)
            if rng.random() < 0.1 and not steady:
                new = f"section-{len(ids) + 1}"
                ids.insert(rng.randrange(len(ids) + 1), new)
                texts[new] = section_text(rng, "A new section")
        if not one_file:
            (folder / "document.yml").write_text(document_yml(effective, ids, n, extra))
        announced = effective - timedelta(days=45)
        commit(f"Version {n}", announced)
        if n % 2 == 0:
            sid = rng.choice(ids)
            texts[sid] = edit(rng, texts[sid], grow=not steady)
            commit(f"Editorial revision of version {n}", announced + timedelta(days=3))
        effective += timedelta(days=60)
    return root


def plain_site(root: Path, pages: int, document: Path) -> Path:
    """The same number of pages, each as long as the document, built by plain MkDocs.

    Treated as the plugin treats its version pages, so that only the plugin's own work is
    measured: all but two pages are out of the navigation and out of the search index.
    """
    text = "\n\n".join(
        "#" + p.read_text().split("\n", 1)[0].removeprefix("#") + "\n" + p.read_text().split("\n", 1)[1]
        for p in sorted((document / "sections").glob("*.md"))
    )
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin="") + "not_in_nav: |\n  /archive/\n")
    (root / "docs" / "archive").mkdir()
    for i in range(pages):
        if i < 2:
            (root / "docs" / f"page-{i}.md").write_text(f"# Page {i}\n\n{text}")
        else:
            hidden = "---\nsearch:\n  exclude: true\n---\n"
            (root / "docs" / "archive" / f"page-{i:04d}.md").write_text(f"{hidden}# Page {i}\n\n{text}")
    return root


def timed_cli(site: Path, args: list[str], runs: int) -> list[float]:
    """Wall seconds of ``legaldocs <args>`` in ``site``, each run a fresh process (start-up included)."""
    import subprocess
    import sys
    from time import perf_counter

    times = []
    for _ in range(runs):
        start = perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "legaldocs.cli", *args], cwd=site, capture_output=True, text=True
        )
        times.append(perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"legaldocs {' '.join(args)} failed in {site}:\n{result.stderr}")
    return times
