"""`legaldocs demo`: a policy repository with a history worth looking at, ready to build.

A new user should see every feature in a minute, so the repository holds what real policy
work produces: versions with real edits (a new purpose, a lawful basis changed, a section
added and one moved), editorial revisions, a version announced but not yet in force, and an
open draft branch. Every date is relative to today (the build date), so the demo stays true
whenever it is made: announcements give the notice the plugin asks for, and the upcoming
version is still upcoming. This module writes git (GitPython); reading it stays in gitsource.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
import git

from . import SOURCE, newversion
from .dates import build_date

PUBLISHED = "main"
DRAFT = "draft/data-protection-officer"
WORKFLOW = ".github/workflows/policy.yml"
#: The workflow that comments a pull request's redline: separate, so that a pull request cannot change it.
REDLINE_WORKFLOW = ".github/workflows/policy-redline.yml"
POLICY = "docs/privacy"
#: The registers (issue 21), first published with a version of their own.
COOKIES = """\
# The cookies our site sets: {{ cookies }} in sections/cookies.md shows them as a table.
cookies:
  - id: session
    name: sessionid
    provider: Example Data
    party: first
    category: strictly_necessary
    duration: session
    purpose: Keeps you signed in to our Services.
  - id: consent
    name: cookie_consent
    provider: Example Data
    party: first
    category: strictly_necessary
    duration: 12 months
    purpose: Remembers which cookies you agreed to.
  - id: analytics
    name: _pk_id
    provider: Example Data
    party: first
    category: analytics
    duration: 13 months
    purposes: [analytics]
"""
RECIPIENTS = """\
# Who receives personal data: {{ recipients }} in sections/disclosure.md shows them as a table.
recipients:
  - id: hosting
    name: Example Cloud GmbH
    role: processor
    service: Hosts our site and Services.
    location: [DE]
    purposes: [provide-services]
  - id: mail
    name: Postmark Mail Inc.
    role: sub_processor
    service: Sends our e-mails and the newsletter.
    location: [US]
    transfer: scc
    purposes: [manage-relationship]
"""
BACKUP = """\
  - id: backup
    name: Backup AB
    role: sub_processor
    service: Keeps encrypted copies of our databases.
    location: [SE]
"""
_EDITOR = ("Dana Okafor", "legal@example.com")
_REVIEWER = ("Sam Reyes", "compliance@example.com")


#: The demo's German translation: a few sections, the others shown in English and marked so.
GERMAN_SECTIONS = {
    "data-security": (
        "# Datensicherheit\n\n"
        "Wir haben geeignete Sicherheitsmaßnahmen getroffen, damit Ihre personenbezogenen Daten nicht versehentlich "
        "verloren gehen, unbefugt verwendet, abgerufen, verändert oder offengelegt werden. Zugang zu Ihren Daten "
        "haben nur Beschäftigte, Beauftragte, Auftragnehmer und andere Dritte, die ihn für ihre Arbeit brauchen. "
        "Sie verarbeiten Ihre Daten nur nach unseren Weisungen und sind zur Vertraulichkeit verpflichtet.\n\n"
        "Für den Verdacht einer Datenpanne haben wir Verfahren eingerichtet; wo das Gesetz es verlangt, "
        "benachrichtigen wir Sie und die zuständige Aufsichtsbehörde.\n"
    ),
    "links": (
        "# Links\n\n"
        "Unsere Dienste können Links zu den Websites unserer Partnernetzwerke und verbundenen Unternehmen enthalten "
        "und von dort verlinkt sein. Diese Websites haben eigene Datenschutzerklärungen, für die wir keine "
        "Verantwortung übernehmen. Bitte lesen Sie diese, bevor Sie dort personenbezogene Daten angeben.\n"
    ),
    "changes": (
        "# Änderungen dieser Datenschutzerklärung\n\n"
        "Wir können diese Datenschutzerklärung jederzeit ändern, indem wir diese Seite anpassen. Bitte sehen Sie "
        "von Zeit zu Zeit nach, ob sich etwas geändert hat. Fragen beantworten wir unter den Angaben in "
        "{{ section: further-information }}.\n\n"
        "{{ versions }}\n"
    ),
}


class DemoError(Exception):
    """The demo cannot be written; the message says why and how to fix it."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage  # the command was given a wrong DIR, rather than failing on its own


@dataclass(frozen=True)
class Written:
    path: Path
    versions: int
    revisions: int
    upcoming: date
    draft: str


def requirement() -> str:
    """legaldocs as the demo's requirements.txt names it: not on the package index, so from its source
    repository, at the tag of the release writing the demo (the CI workflow installs it with pip)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("legaldocs")
    except PackageNotFoundError:  # run from a source tree: its pyproject.toml's version is not known here
        return f"legaldocs @ git+{SOURCE}"
    return f"legaldocs @ git+{SOURCE}@v{release}"


def workflow_text(name: str = "policy.yml") -> str:
    """A GitHub Actions workflow for a policy repository, as shipped in the package (ci/)."""
    return resources.files("legaldocs").joinpath(f"ci/{name}").read_text(encoding="utf-8")


def write(target: Path, today: date | None = None) -> Written:
    """Write the demo repository into ``target``, which must be empty or not exist yet."""
    today = today or build_date()
    if target.exists() and not target.is_dir():
        raise DemoError(f"{target} is a file. Fix: give the path of a new or empty folder.", usage=True)
    if target.is_dir() and any(target.iterdir()):
        raise DemoError(f"{target} is not empty. Fix: give the path of a new or empty folder.", usage=True)
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        return _History(target, today).write()
    except (git.GitCommandNotFound, git.GitCommandError) as error:
        _clean(target, created)
        if isinstance(error, git.GitCommandNotFound):
            raise DemoError(
                "the git program is not installed. Fix: install git (e.g. `apt-get install git`)."
            ) from None
        raise DemoError(f"git failed while writing the demo: {error.stderr.strip() or error}") from None
    except OSError as error:
        _clean(target, created)
        raise DemoError(f"{target}: {error.strerror or error}.") from None
    except BaseException:  # a bug, or Ctrl-C: leave no half-written repository behind
        _clean(target, created)
        raise


def _clean(target: Path, created: bool) -> None:
    if created:
        shutil.rmtree(target, ignore_errors=True)
    elif target.is_dir():
        for child in target.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


class _History:
    """The demo's commits, oldest first, each dated as if made on its day."""

    def __init__(self, root: Path, today: date) -> None:
        self.root = root
        self.today = today
        self.policy = root / POLICY
        self.versions = 0
        self.revisions = 0

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def write(self) -> Written:
        self.repo = git.Repo.init(self.root, initial_branch=PUBLISHED)
        self.first_version()
        self.typos()
        self.new_purpose()
        self.address()
        self.consent_for_analytics()
        self.german()
        self.children_and_cookies()
        self.links()
        self.registers()
        upcoming = self.retention()
        self.draft()
        self.repo.close()
        return Written(self.root, self.versions, self.revisions, upcoming, DRAFT)

    # helpers ---------------------------------------------------------------------------

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.policy / rel
        text = path.read_text(encoding="utf-8")
        if old not in text:  # the shipped sources and this script disagree: a bug in legaldocs
            raise AssertionError(f"demo: {old!r} is not in {rel}")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def new_version(self, effective_in: int, summary: str) -> None:
        newversion.start(self.policy, self.day(effective_in), summary)
        self.versions += 1

    def commit(self, message: str, days_ago: int, who: tuple[str, str] = _EDITOR) -> None:
        stamp = f"{self.day(-days_ago).isoformat()}T12:00:00+00:00"
        env = {
            "GIT_AUTHOR_NAME": who[0],
            "GIT_AUTHOR_EMAIL": who[1],
            "GIT_COMMITTER_NAME": who[0],
            "GIT_COMMITTER_EMAIL": who[1],
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
        }
        self.repo.git.add("-A")
        # The user's own git settings (signing, hooks) must not stop or change the demo's commits.
        self.repo.git.execute(
            ["git", "-c", "commit.gpgsign=false", "commit", "--no-verify", "-q", "-m", message], env=env
        )

    # the history -----------------------------------------------------------------------

    def first_version(self) -> None:
        shipped = resources.files("legaldocs").joinpath("demo_site")
        with resources.as_file(shipped) as folder:
            shutil.copytree(folder, self.root, dirs_exist_ok=True)
        (self.root / ".gitignore").write_text("site/\n", encoding="utf-8")
        requirements = self.root / "requirements.txt"
        lines = requirements.read_text(encoding="utf-8").splitlines()
        lines = [requirement() if line.strip() == "legaldocs" else line for line in lines]
        requirements.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for written in (WORKFLOW, REDLINE_WORKFLOW):
            workflow = self.root / written
            workflow.parent.mkdir(parents=True, exist_ok=True)
            workflow.write_text(workflow_text(Path(written).name), encoding="utf-8")
        document = self.policy / "document.yml"
        text = document.read_text(encoding="utf-8")
        document.write_text(
            text.replace("effective: 2018-05-25", f"effective: {self.day(-760).isoformat()}"), encoding="utf-8"
        )
        self.versions += 1
        self.commit("Publish the privacy policy", days_ago=790)

    def typos(self) -> None:
        self.edit("sections/who-we-are.md", "(“Data Protection Law“)", "(“Data Protection Law”)")
        self.edit("sections/who-we-are.md", "documents referred therein", "documents referred to therein")
        self.edit(
            "sections/how-we-use-your-data.md", "your or your organizations use", "your or your organization’s use"
        )
        self.edit("sections/your-rights.md", "circumstances: a) if", "circumstances: (a) if")
        self.revisions += 1
        self.commit("Fix typos in sections 1, 3 and 9", days_ago=700, who=_REVIEWER)

    def new_purpose(self) -> None:
        self.edit(
            "purposes.yml",
            "  - id: suggestions\n",
            "  - id: newsletter\n"
            "    purpose: To send you our newsletter, where you have asked for it.\n"
            "    data: [identity-contact]\n"
            "    bases: [consent]\n\n"
            "  - id: suggestions\n",
        )
        self.edit("purposes.yml", "bases:\n  contract:", "bases:\n  consent: Your consent\n  contract:")
        self.edit(
            "sections/how-we-use-your-data.md",
            "- where we need to comply with a legal or regulatory obligation.",
            "- where we need to comply with a legal or regulatory obligation; and\n"
            "- where you have given us your consent, for example to receive our newsletter.",
        )
        self.edit(
            "sections/how-we-use-your-data.md",
            "do not override those interests; and",
            "do not override those interests;",
        )
        self.new_version(
            -540,
            "We now send a newsletter to those who ask for it, with their consent: a new purpose in the "
            "table of section 3.",
        )
        self.commit("New version: the newsletter, with consent", days_ago=600)

    def address(self) -> None:
        self.edit("sections/further-information.md", "20 – 22 Sample Lane", "20-22 Sample Lane")
        self.edit("purposes.yml", "testing, system. maintenance", "testing, system maintenance")
        self.edit(
            "purposes.yml",
            '"system. maintenance" has a stray full stop; the purpose has none at the end.',
            "its purpose has no full stop at the end.",
        )
        self.revisions += 1
        self.commit("Write the postal address as section 1 does; remove a stray full stop", days_ago=520, who=_REVIEWER)

    def consent_for_analytics(self) -> None:
        self.edit(
            "purposes.yml",
            "    data: [technical, usage]\n"
            "    bases:\n"
            "      - legitimate_interests: >-\n"
            "          to define types of customers for our Services, to keep our site updated and\n"
            "          relevant, to develop our business and to inform our marketing strategy\n",
            "    data: [technical, usage]\n    bases: [consent]\n",
        )
        self.edit(
            "sections/cookies.md",
            "By continuing to browse or access the site, you are agreeing to our use of cookies.",
            "We set analytical/performance and functionality cookies only if you agree to them when you first "
            "visit our site, and you can change your choice at any time from the “Cookie settings” link at the "
            "foot of every page.",
        )
        self.new_version(
            -360,
            "Analytics now rely on your consent instead of our legitimate interests: see the table in "
            "section 3 and the section on cookies, which asks for your agreement.",
        )
        self.commit("New version: analytics cookies need consent", days_ago=400)

    def german(self) -> None:
        """A German translation of the version in force then, of a few sections (the rest shown in English,
        marked so): the next version is not translated, so the German pages show the lag notice."""
        folder = self.policy / "translations" / "de"
        (folder / "sections").mkdir(parents=True, exist_ok=True)
        (folder / "document.yml").write_text(
            "# The German translation: its words; numbers, references, the table's structure and the dates\n"
            "# come from the English version of the same effective date.\n"
            "title: Datenschutz- und Cookie-Richtlinie\n"
            f"effective: {self.day(-360).isoformat()}\n"
            "summary: >-\n"
            "  Statistik-Cookies setzen wir nur noch mit Ihrer Einwilligung statt auf Grundlage unserer\n"
            "  berechtigten Interessen: siehe die Tabelle in Abschnitt 3 und den Abschnitt über Cookies.\n",
            encoding="utf-8",
        )
        for name, text in GERMAN_SECTIONS.items():
            (folder / "sections" / f"{name}.md").write_text(text, encoding="utf-8")
        self.commit("Deutsche Übersetzung der geltenden Fassung (einige Abschnitte)", days_ago=380)

    def children_and_cookies(self) -> None:
        (self.policy / "sections/children.md").write_text(
            "# Children’s Data\n\n"
            "Our site and Services are meant for businesses and are not directed at children under 16. We do "
            "not knowingly collect personal data from children. If you believe that a child has given us "
            "personal data, please contact us at {{ fact: contact_email }} and we will delete it.\n",
            encoding="utf-8",
        )
        self.edit("document.yml", "  - your-rights\n", "  - your-rights\n  - children\n")
        self.edit("document.yml", "  - links\n  - cookies\n", "  - links\n")
        self.edit("document.yml", "  - information-we-collect\n", "  - information-we-collect\n  - cookies\n")
        self.edit("purposes.yml", "table of section 3,", "table of section 4,")
        self.new_version(
            -150,
            "A new section on children’s data. The section on cookies now follows the one on the information "
            "we collect, so the sections after it are renumbered.",
        )
        self.commit("New version: children's data; cookies moved next to what we collect", days_ago=200)

    def links(self) -> None:
        self.edit(
            "sections/links.md",
            "the websites of our partner networks, and affiliates.",
            "the websites of our partner networks and affiliates.",
        )
        self.revisions += 1
        self.commit("Links: remove a stray comma", days_ago=120, who=_REVIEWER)

    def registers(self) -> None:
        """The cookies and the recipients as data (cookies.yml, recipients.yml), shown as tables."""
        (self.policy / "cookies.yml").write_text(COOKIES, encoding="utf-8")
        (self.policy / "recipients.yml").write_text(RECIPIENTS, encoding="utf-8")
        self.edit(
            "sections/cookies.md",
            "We use the following cookies:\n",
            "We use the following cookies:\n\n{{ cookies }}\n\nThey fall into these categories:\n",
        )
        self.edit(
            "sections/disclosure.md",
            "We may disclose your personal information to third parties:\n",
            "These companies process personal data for us:\n\n{{ recipients }}\n\n"
            "We may disclose your personal information to third parties:\n",
        )
        self.new_version(
            -70,
            "The cookies we set and the companies that process your data for us are now listed in tables, "
            "in the sections on cookies and on disclosure.",
        )
        self.commit("New version: the cookies and the recipients as tables", days_ago=110)

    def retention(self) -> date:
        self.edit(
            "sections/data-retention.md",
            "We will retain information you provide to us for as long as we need it to provide you with our Services.",
            "We keep the information you provide to us for as long as we provide you with our Services, and then "
            "for six years, the period in which a claim about our contract with you could be brought. We keep "
            "technical and usage data for 26 months.",
        )
        self.edit("cookies.yml", "duration: 13 months", "duration: 25 months")
        recipients = self.policy / "recipients.yml"
        recipients.write_text(recipients.read_text(encoding="utf-8") + BACKUP, encoding="utf-8")
        effective = 30
        self.new_version(
            effective,
            "Says how long we keep each kind of data: six years after our Services end, and 26 months for "
            "technical and usage data (so the analytics cookie now lasts 25 months). Backup AB will keep "
            "encrypted copies of our databases.",
        )
        self.commit("New version: retention periods", days_ago=10)
        return self.day(effective)

    def draft(self) -> None:
        self.repo.git.checkout("-q", "-b", DRAFT)
        self.edit(
            "sections/who-we-are.md",
            "You can contact us in any of the following ways:",
            "We have appointed a data protection officer, who can be reached at {{ fact: dpo_email }}.\n\n"
            "You can contact us in any of the following ways:",
        )
        self.edit(
            "document.yml",
            "  contact_email: privacy@example.com\n",
            "  contact_email: privacy@example.com\n  dpo_email: dpo@example.com\n",
        )
        self.new_version(75, "Names our data protection officer and how to reach them.")
        self.versions -= 1  # proposed, not published
        self.commit("Draft: name our data protection officer", days_ago=3)
        self.repo.git.checkout("-q", PUBLISHED)
