"""Six versions of the seed policy with every kind of edit: the fixture the browser engine must agree on.

Each version is the one before with some edits, made as an editor would make them (in the
section files, document.yml and purposes.yml), then read, validated and rendered for real.
Two of them were corrected after they were published (``FIRST_TEXTS``): each has a revision 1
(the text first published) and a revision 2 (the version's text), one correction renaming a section.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from legaldocs import documents, redline, render, source
from legaldocs.redline import DocumentText, SectionText

SEED = Path(__file__).resolve().parent.parent / "docs" / "privacy"

Edits = list[tuple[str, str, str]]  # (file, old text, new text); "" as old text: the whole file


def seed_files() -> dict[str, str]:
    return {p.relative_to(SEED).as_posix(): p.read_text(encoding="utf-8") for p in sorted(SEED.rglob("*.*"))}


def _apply(files: dict[str, str], edits: Edits) -> dict[str, str]:
    out = dict(files)
    for path, old, new in edits:
        if new is None:
            del out[path]
        elif old == "":
            out[path] = new
        else:
            assert old in out[path], f"{path}: {old!r} not found"
            out[path] = out[path].replace(old, new, 1)
    return out


def _split_rights(files: dict[str, str]) -> Edits:
    """The last two paragraphs of "Your Rights" become a section of their own."""
    rights = files["sections/your-rights.md"]
    at = rights.index("You will not have to pay")
    return [
        ("sections/your-rights.md", "", rights[:at].rstrip() + "\n"),
        ("sections/requests.md", "", "# Making A Request\n\n" + rights[at:]),
        ("document.yml", "  - your-rights\n", "  - your-rights\n  - requests\n"),
    ]


DISCLOSURE_ITEMS = (
    "- In the event that we sell or buy any business",
    "- If ClusterSeven or its ultimate holding company",
    "- If we are under a duty to disclose",
)


def _reorder_list(files: dict[str, str]) -> Edits:
    text = files["sections/disclosure.md"]
    lines = text.split("\n")
    items = [next(line for line in lines if line.startswith(start)) for start in DISCLOSURE_ITEMS]
    reordered = text.replace(items[0], "\x00").replace(items[2], items[0]).replace("\x00", items[2])
    return [("sections/disclosure.md", "", reordered)]


REWRITE = """# Statistical Information

We count visits to our website in aggregate only. The counts cannot identify you, are kept for two
years at most, and are used to decide which parts of our Services to improve first.
"""

CHILDREN = """# Children

Our Services are meant for businesses and are not directed at children. We do not knowingly collect
personal data from anyone under the age of sixteen; if we learn that we have, we delete it.
"""


def versions() -> list[DocumentText]:
    """The six versions, oldest first."""
    return [_read(files) for files in version_files()]


def version_files() -> list[dict[str, str]]:
    """The six versions' sources (paths relative to the document folder), oldest first."""
    files = seed_files()
    steps: list[Edits] = [
        [],
        [  # a moved section, a punctuation-only change, a lawful basis added
            ("document.yml", "  - links\n  - cookies\n", "  - cookies\n  - links\n"),
            (
                "sections/data-security.md",
                "in an unauthorized way, altered or disclosed",
                "in an unauthorized way; altered, or disclosed",
            ),
            (
                "purposes.yml",
                "      - legitimate_interests: >-\n          to define",
                "      - legal_obligation\n      - legitimate_interests: >-\n          to define",
            ),
            (
                "sections/who-we-are.md",
                "committed to protecting and respecting your privacy.",
                "committed to protecting & respecting the privacy of everyone who uses our site.",
            ),
        ],
        [  # a renamed section, a purpose cell reworded, a reordered list
            ("sections/data-security.md", "# Data Security", "# Keeping Your Data Secure"),
            (
                "purposes.yml",
                "To register you as user of our Services.",
                "To register you as a user of our Services and to verify your identity.",
            ),
            "reorder",
            (
                "sections/cookies.md",
                "This helps us provide and improve your experience when you browse our site.",
                "This helps us to give you a good experience when you browse our site and allows us to improve it.",
            ),
            (
                "sections/cookies.md",
                "greet you by name and remember your preferences",
                "greet you by your name and to remember your settings",
            ),
        ],
        [  # a split, a wholesale rewrite
            "split",
            ("sections/statistical-information.md", "", REWRITE),
            (
                "sections/who-we-are.md",
                "carefully to understand our views and practices",
                "with care to understand our practices",
            ),
        ],
        [  # a section added, one removed, a file renamed with an edit
            ("sections/children.md", "", CHILDREN),
            ("document.yml", "  - further-information\n", "  - children\n  - further-information\n"),
            ("document.yml", "  - links\n", ""),
            ("sections/links.md", "", None),
            ("document.yml", "  - data-retention\n", "  - retention\n"),
            (
                "sections/retention.md",
                "",
                "# Data Retention\n\nWe review what we keep every year. "
                + files["sections/data-retention.md"].split("\n", 2)[2],
            ),
            ("sections/data-retention.md", "", None),
            (
                "sections/cookies.md",
                "a small file of letters and numbers that we store on your browser",
                "a small text file that we store in your browser",
            ),
        ],
        [  # words edited, a data type relabelled, a purpose removed, a paragraph added
            (
                "sections/data-security.md",
                "We ask you not to share a password with anyone.",
                "We ask you never to share your password with anyone, including our staff.",
            ),
            ("purposes.yml", "label: Usage\n", "label: Usage Data\n"),
            (
                "sections/changes.md",
                "{{ versions }}",
                "We will tell you by email about any change that reduces your rights.\n\n{{ versions }}",
            ),
            ("purposes.yml", files["purposes.yml"][files["purposes.yml"].index("\n  - id: suggestions") :], "\n"),
            ("sections/who-we-are.md", "(from 25 May 2018)", "(from 25 May 2018, and as amended)"),
            ("sections/who-we-are.md", "By post:", "By post or courier:"),
        ],
    ]
    out: list[dict[str, str]] = []
    for step in steps:
        edits: Edits = []
        for edit in step:
            if edit == "split":
                files = _apply(files, edits)
                edits = _split_rights(files)
            elif edit == "reorder":
                files = _apply(files, edits)
                edits = _reorder_list(files)
            else:
                edits.append(edit)  # type: ignore[arg-type]
        files = _apply(files, edits)
        out.append(files)
    return out


#: Each version's effective date, and the day its commit reached the published branch.
DATES = ["2018-05-25", "2019-03-01", "2020-03-01", "2021-03-01", "2022-03-01", "2023-03-01"]
ANNOUNCED = ["2018-04-01", "2019-01-02", "2020-01-02", "2021-01-02", "2022-01-02", "2023-01-02"]


#: The versions (by index) corrected by a second commit: their first text is the version's with these edits.
FIRST_TEXTS: dict[int, Edits] = {
    2: [  # revision 2 renames a section and corrects a word
        ("sections/data-security.md", "# Keeping Your Data Secure", "# Keeping Data Safe"),
        ("sections/cookies.md", "and allows us to improve it", "and allow us to improve it"),
    ],
    4: [("sections/children.md", "under the age of sixteen", "under the age of sixten")],  # a typing mistake
}
#: The day of each correction (revision 2).
CORRECTED = {2: "2020-02-01", 4: "2022-06-01"}


def first_text(index: int) -> dict[str, str]:
    """Revision 1 of a corrected version: its sources as first published."""
    return _apply(version_files()[index], FIRST_TEXTS[index])


def slugs() -> list[str]:
    """Every text the compare page offers, as its address names them, oldest first: each version,
    and after a corrected version its revisions."""
    out: list[str] = []
    for i, day in enumerate(DATES):
        out.append(day)
        if i in FIRST_TEXTS:
            out += [f"{day}/r1", f"{day}/r2"]
    return out


def texts() -> dict[str, DocumentText]:
    """Each of ``slugs()`` and its text as the Python engine reads it (r2 is its version's text)."""
    read = versions()
    out: dict[str, DocumentText] = {}
    for i, day in enumerate(DATES):
        out[day] = read[i]
        if i in FIRST_TEXTS:
            out[f"{day}/r1"] = _read(first_text(i))
            out[f"{day}/r2"] = read[i]
    return out


def six_version_site(target: Path, *, corrected: bool = True) -> Path:
    """The project's site with the six versions committed in turn, each with its own effective date;
    with ``corrected``, the versions of ``FIRST_TEXTS`` first as published, then corrected."""
    from helpers import commit, copy_site, init_repo

    site = copy_site(target, git=False)
    repo = init_repo(site)
    folder = site / "docs/privacy"

    def write(files: dict[str, str], effective: str) -> None:
        shutil.rmtree(folder)
        for name, content in files.items():
            if name == "document.yml":
                content = content.replace("effective: 2018-05-25", f"effective: {effective}")
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(content, encoding="utf-8")

    for n, (files, effective, day) in enumerate(zip(version_files(), DATES, ANNOUNCED, strict=True)):
        if corrected and n in FIRST_TEXTS:
            write(_apply(files, FIRST_TEXTS[n]), effective)
            commit(repo, f"Version {n + 1}", day)
            write(files, effective)
            commit(repo, f"Version {n + 1}: corrected", CORRECTED[n])
        else:
            write(files, effective)
            commit(repo, f"Version {n + 1}", day)
    return site


def _read(files: dict[str, str]) -> DocumentText:
    document, problems = source.read_document("privacy", {k: v.encode() for k, v in files.items()}, "docs/privacy")
    assert document is not None and not [p for p in problems if "warning" not in str(p).lower()], problems
    return redline.document_text(document, render.render(document))


# --- More cases the two engines must agree on ----------------------------------------------------

VOCABULARY = [
    *["we", "may", "keep", "data", "the", "of", "and", "or", "to"],
    *["your", "four", "word", "long", "personal", "information", "ClusterSeven", "données", "naïve", "2018", "_x"],
    " ",
    "  ",
    "\n",
    ",",
    ".",
    ";",
    "(",
    ")",
    "’",
    "–",
    "&",
    "<",
    "\U0001f600",
    "\ue000contact\ue001",
    # Issue 16: symbols and signed numbers are words, invisible characters too, look-alikes said.
    *["€", "$", "%", "‰", "§", "/", "+", "-", "−", "50", "-50", "18+", "„", "«", "—"],
    *["\u200b", "\u00ad", "\u202e", "\u2066", "\u2069", "\ufeff", "ico", "icо", "о", "Ρ"],
]

#: Issue 16's attacks on the word level, each a paragraph before and after: (old, new).
ATTACKS = {
    "bidi controls": (
        "Deleted after 30 days, not 10 years.",
        "Deleted after \u2067\u206630 days\u2069, not \u206610 years\u2069\u2069.",
    ),
    "zero-width space": ("Write to privacy@ico.org today.", "Write to privacy@ico\u200b.org today."),
    "cyrillic o": ("Write to privacy@ico.org today.", "Write to privacy@icо.org today."),
    "euro to dollar": ("The fee is 50 € a month.", "The fee is 50 $ a month."),
    "a sign": ("We refund 50 within 30 days.", "We refund -50 within 30 days."),
    "per mille": ("Interest of 5% a year.", "Interest of 5‰ a year."),
    "punctuation only": ("We keep data, and we delete it.", "We keep data and we delete it!"),
    "a block with hidden characters": ("Kept.", "Kept.\u2003</p><p>Contact privacy@ico\u200b.org or \u202ethis."),
}


def attack(name: str) -> tuple[DocumentText, DocumentText]:
    """One of ``ATTACKS`` as two one-paragraph documents."""
    old, new = (DocumentText((SectionText("terms", 1, "Terms", f"<p>{p}</p>"),)) for p in ATTACKS[name])
    return old, new


HOSTILE = '<script>window.ran = 1</script> <img src=x onerror="window.ran = 2"> <b onmouseover=alert(3)>x</b> &lt;i&gt;'


def hostile_versions() -> tuple[DocumentText, DocumentText]:
    """Markup and script in a title, a paragraph, a list item and a purpose: text to both engines."""
    from helpers import PURPOSES, files

    def read(**changes: str) -> DocumentText:
        found, problems = source.read_document("example", files(**changes), "docs/example")
        assert problems == [] and found is not None
        return redline.document_text(found, render.render(found))

    purposes = PURPOSES.replace("To provide the service.", f"'To provide the service. {HOSTILE}'")
    return read(), read(
        purposes_yml=purposes,
        sections__contact_md=f"# Contact {HOSTILE}\n\nWrite to {{{{ fact: email }}}}. {HOSTILE}\n\n- {HOSTILE}\n",
    )


TABLE = "<table><thead><tr><th>Kind</th><th>Kept</th></tr></thead><tbody>{rows}</tbody></table>"
MOVED = "<p>This paragraph is long enough to be followed when it moves to another section.</p>"


def every_kind(new: bool) -> DocumentText:
    """Blocks of every kind the engine knows, the second version editing each of them."""
    rows = (
        "<tr><td>Contact details</td><td>two years</td></tr><tr><td>Logs</td><td>ninety days</td><td>x</td></tr>"
        if new
        else "<tr><td>Contact details</td><td>one year</td></tr><tr><td>Logs</td><td>ninety days</td></tr>"
    )
    nested = "nested one, edited" if new else "nested one"
    lists = f"<ul><li>First item<ul><li>{nested}</li><li>nested two</li></ul></li><li>second</li></ul>"
    lists += "" if new else "<ol><li>o</li></ol>"
    xref = f'<a class="ld-xref" href="#tables">section {2 if new else 1}</a>'
    link = f'<a href="https://example.com/{"new" if new else "old"}">our terms</a>'
    others = (
        f"<blockquote><p>Quoted words{' here' if new else ''}.</p></blockquote>"
        f"<dl><dt>Term</dt><dd>What it means{', exactly' if new else ''}.</dd></dl>"
        f"<pre>code  kept\n  {'there' if new else 'here'}</pre> loose text "
        f"<p>See {xref} and {link}.</p><p>Read {xref} again{' now' if new else ''}.</p>"
    )
    sections = [
        ("tables", "Tables", TABLE.format(rows=rows) + ("" if new else MOVED)),
        ("lists", "Lists & <more>", lists),
        ("others", "Others", others + (MOVED if new else "")),
    ]
    if new:
        sections.insert(0, ("intro", "Intro", "<p>New.</p>"))
    return DocumentText(tuple(SectionText(sid, n, title, body) for n, (sid, title, body) in enumerate(sections, 1)))


def history_texts() -> dict[str, DocumentText]:
    """Every text of the fixture histories: the six versions and their first revisions, the demo's
    policy, the terms fixture, and no document at all (everything added, or removed)."""
    from helpers import FIXTURES

    out = dict(texts())
    demo = Path(redline.__file__).parent / "demo_site" / "docs" / "privacy"
    for name, folder in (("demo", demo), ("terms", FIXTURES / "terms")):
        loaded = documents.load_folder(folder, f"docs/{folder.name}")
        assert loaded.ok, loaded.problems
        out[name] = redline.document_text(loaded.document, loaded.rendered)  # type: ignore[arg-type]
    out["none"] = DocumentText(())
    return out
