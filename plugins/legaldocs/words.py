"""The words legaldocs writes on its pages, in one table per language: English and German ship.

Templates call ``t("In force")``; the English phrase is the key, so a missing translation reads
as English rather than as a key. ``{name}`` fields are filled after translation, with values
that the template has already escaped. A phrase with a number in it has a form per CLDR plural
category (``COUNTED``), chosen by Babel's plural rules. To add a language, add a table here (every
key of ``ENGLISH``, and its forms in ``COUNTED``); a site's own templates may also pass their own words.
"""

from __future__ import annotations

from collections.abc import Callable

from babel import Locale, UnknownLocaleError

ENGLISH: tuple[str, ...] = (
    "In force",
    "Upcoming",
    "Superseded",
    "Draft",
    "Draft: proposed, not in force",
    "Effective",
    "Effective {date}",
    "effective {date}",
    "Last updated {date}",
    "Announced {date}",
    "Announced {date} (date from git)",
    "A date from git is the one its commit gives, which the commit's author sets.",
    "Version history",
    "version history",
    "Contents",
    "Read this version",
    "Read the current version",
    "Read the version in force",
    "Read the new version",
    "From the commit message:",
    "Read the proposed text",
    "The full version history",
    "Versions of this document:",
    "Revisions of this version",
    "Date",
    "Commit",
    "Change",
    "Author",
    "Published",
    "Revision",
    "not committed",
    "Uncommitted changes",
    "Revision {n} of the version effective {date}.",
    "revision {n}",
    "The text as first published on {date}",
    "The text as revised on {date}",
    "commit {commit} by {author}",
    "commit {commit}",
    "This is the latest text of this version.",
    "A later revision changed this text.",
    "Read the latest text of this version",
    "Previous: revision {n}",
    "Next: revision {n}",
    "What this revision changed",
    "What this version changed",
    "Changes",
    "Text",
    "of revision {n}",
    "This compares the version's latest text with the version before, so it includes its later corrections:",
    "revision {n} of {date}",
    "changes in the version effective {date}, as first published",
    "Later revisions corrected it, each with its own redline.",
    "The changes as first published, without them",
    "Corrected since",
    "Read",
    "Read this revision",
    "The revision before: revision {n}",
    "changes in revision {n} of the version effective {date}",
    "An editorial revision: the text was changed on {date} by commit {commit}, without a new effective date.",
    "DRAFT: proposed changes",
    (
        "This redline shows what the draft changes: the draft against the latest published text, effective {date}, "
        "as in the pull request's redline."
    ),
    "Compare the draft with the text in force, effective {date}",
    "This redline shows the whole draft as new: nothing is published yet.",
    "against the version effective {date}",
    "See the proposed changes against the published text",
    "This policy changes on {date}.",
    "No version of this document is in force yet.",
    "The version history is not available in this build.",
    "This is the version in force.",
    "This is not the current version.",
    "It was in force from {start} until {end}.",
    "It was in force from {start}.",
    "It takes effect on {date}.",
    "This text has {origin}. It is a preview for review, not the policy.",
    "This version is not in force yet.",
    "DRAFT: proposed changes, not in force.",
    "DRAFT preview:",
    "changes not yet committed",
    " and ",
    "there are proposed changes that are not published.",
    "A version begins when its effective date is set; later corrections are listed as its revisions.",
    "Commits left out of the history",
    "changes on {date}",
    "problems to fix",
    "This preview cannot be shown until these are fixed.",
    "It rebuilds by itself when you save.",
    "The published text is still there:",
    "Until they are fixed, the preview shows the published text.",
    (
        "They are in your uncommitted edits. {build} publishes the committed text without them, and warns that it "
        "left your edits out, so {strict} fails; {check} lists them."
    ),
    "They are committed. {build} stops on them and publishes nothing until a commit fixes them; {check} lists them.",
    "On the record",
    "changes in the version effective {date}",
    "The version before: effective {date}",
    "The first version: all of its text is new.",
    "Acknowledged: {reason}",
    "Published as it was; under today's rules:",
    # The compare page (issue 10)
    "compare versions",
    "Comparing two versions needs JavaScript, which is not running here. Each version's changes are listed below.",
    "From",
    "To",
    "Swap",
    "The changes of each version",
    "what changed from the version before",
    "compared with the version in force",
    "from {old} to {new}",
    "Compare other versions",
    "Compare any two versions",
    "Effective {date}, revision {n}",
    "The older text is the one before, the newer the one after.",
    # The banner of the current page and the feed link (announce.html, head.html).
    "This policy changed on {date}.",
    "See what changes",
    "See what changed",
    "Dismiss",
    "{title}: versions",
    # Section and purpose histories, "since your last visit"
    "History",
    "History of section {number}, {title}",
    "History of the purpose “{purpose}”",
    "history of section {number}, {title}",
    "history of the preamble",
    "history of the purpose “{purpose}”",
    "Read this section in the current version",
    "This section is not in the current version.",
    ("Every version that changed this section, newest first: added, reworded, renamed, renumbered, moved or removed."),
    "Read this purpose in the current version",
    "This purpose is not in the current version.",
    "Every version that changed this purpose, newest first: its activities, data types or lawful bases.",
    "Against the version effective {date}",
    "The first version",
    "This policy has changed since your last visit.",
    "You last read the version effective {date}.",
    "See what changed since then",
    "this version",
    "1 earlier version: see the version history",
    "{count} earlier versions: see the version history",
    "This page has moved",
    "This page has moved to {link}.",
    "At these commits the document could not be read, so what they held is not published:",
    "Its effective date could not be read ({where}), so it is not published.",
    "The next commit, {commit} of {date}, corrected it: its text is the one published.",
    "A revision of the version effective {date} could not be read, so it is not published.",
    "That version is published as its other commits left it.",
    "The version effective {date} could not be read, so it is not published.",
    "A version or revision could not be read, so it is not published.",
    "Commit {commit} of {date} ({message}).",
    "Commit {commit} of {date} corrected it.",
    "Not versions or revisions: at each of these commits the document was invalid or its date out of order.",
    "The document was invalid at this commit.",
    "Its effective date, {date}, was out of order: a version takes effect after the one before it.",
    # `legaldocs diff` (redline_text.py): a long redline shortened
    "Unchanged text is shortened here ({link}).",
    "the full redline",
    "Unchanged text is shortened here; for the full redline, run {command}.",
    "The redline is cut short to fit a GitHub comment: {changes}, {parts}, are not shown here, though "
    "unchanged text was shortened first. See {full}.",
    "run {command}",
    "Caption:",
    "Column headers:",
    # … and its other words
    "Redline: {title}",
    "{old} (effective {old_date}) → {new} (effective {new_date}), in {path}",
    "effective {old} → {new}",
    "absent",
    "No changes to the text.",
    "Preview:",
    "the changes page",
    "the draft",
    "on the changes page",
    "Counts:",
    "Warnings",
    "Changed",
    "Added",
    "Deleted",
    "Formatting or links changed",
    "Purpose: {name}",
    # The registers' headings and values (registers.py).
    "Cookies we use",
    "Who receives your personal data",
    "Cookie",
    "Provider",
    "First or third party",
    "Category",
    "Duration",
    "Purpose",
    "Recipient",
    "Role",
    "Service",
    "Where the data is processed",
    "Transfer safeguard",
    "First party",
    "Third party",
    "Strictly necessary",
    "Functional",
    "Analytics",
    "Marketing",
    "Session",
    "Processor",
    "Sub-processor",
    "Controller",
    "Joint controller",
    "Adequacy decision",
    "Standard contractual clauses",
    "Binding corporate rules",
    "Derogation (Art. 49 GDPR)",
    "Not needed (within the EEA)",
    # What the scripts write (views.js, compare.js), given to them by head.html: SCRIPT_WORDS.
    # The notice to send for a new version (notice.py, `legaldocs notice`, the feed's entries).
    "{title}: what changes on {date}",
    "The new version takes effect on {date}.",
    "on the day it takes effect",
    "What changes",
    "Sections",
    "Purposes whose lawful basis changes",
    "Table row added: {row}",
    "Table row removed: {row}",
    "Table row changed: {row}",
    # Keep these last: SCRIPT_WORDS is every phrase from "How to show the changes" on.
    "How to show the changes",
    "View",
    "Inline",
    "Side by side",
    "Show",
    "Everything",
    "Only additions",
    "Only removals",
    "Only changed sections",
    "Before",
    "After",
    "{shown} of {total} sections shown: only those with additions.",
    "{shown} of {total} sections shown: only those with removals.",
    "{shown} of {total} sections shown: only those that changed.",
    "Loading the two versions…",
    "From {old} to {new}",
    "The same version on both sides: nothing changed.",
    "Showing the changes from {old} to {new}.",
    (
        "Backwards in time: {old} is newer than {new}, so what the newer text added shows as removed. "
        "Swap them to see the changes in order."
    ),
    "The versions could not be loaded ({error}). Each version's changes are listed below.",
    "There is no version {version} here: choose from the lists.",
    # The redline's own notes, in redline_html.py and assets/redline.js alike (the redline.js
    # render's ``words`` option takes them, as head.html gives them).
    "Changed outside the sections",
    "What changed",
    "Title:",
    "Effective date:",
    "Summary:",
    "Fact {name}:",
    "(in full: {old} → {new})",
    "“{text}”",
    "{what} added: {new}.",
    "{what} removed: {old}.",
    "{what} changed: {old} → {new}.",
    "Link on {text}",
    "Markup on {text}",
    "Markup",
    "Image",
    "Image description",
    "Emphasis",
    "Bold",
    "Strike-through",
    "Underline",
    "Code",
    "The formatting changed, not the words.",
    "The purpose table",
    "The list of versions",
    "{what} is shown here now.",
    "{what} is no longer shown here.",
    "{what} moved here from section {number}.",
    "{what} moved to section {number}.",
    "{what} moved within this section.",
    # The redline's notes on kinds of change (redline_html and redline.js, tokens rules 6 and 9).
    "Spacing only:",
    "Punctuation only:",
    "Spacing changed.",
    "Punctuation changed.",
    "letters that look alike changed: {old} → {new} ({letters})",
    "Cyrillic {letter}",
    "Greek {letter}",
    "Latin {letter}",
    # The redline's notes on sections, moved blocks and purposes (redline_html and redline.js; redline_text
    # writes them too, in English).
    "New section.",
    "Section removed.",
    "Moved: was section {old}, now section {new}.",
    "Renumbered: was section {number}.",
    "Moved to another place among the sections.",
    "Preamble",
    "Renamed: was “{title}”.",
    "Text moved here from {sections}.",
    "Text moved to {sections}.",
    "section {number}",
    "sections {numbers} and {last}",
    "(no changes)",
    "Moved here from elsewhere in this section.",
    "Moved elsewhere in this section:",
    "Moved here from section {number}.",
    "Moved to section {number}:",
    "No change.",
    "Purpose added.",
    "Purpose removed.",
    "Moved in the table.",
    "Wording changed.",
    "Lawful basis added: {label}.",
    "Lawful basis added: {label} ({interest}).",
    "Lawful basis removed: {label}.",
    "Lawful basis removed: {label} ({interest}).",
    "Interest changed for {label}: “{old}” became “{new}”.",
    "Data type added: {label}.",
    "Data type dropped: {label}.",
    "Data type renamed: “{old}” became “{new}”.",
    "Activity added: {label}.",
    "Activity removed: {label}.",
    # The point-in-time page (at.html) and its script (assets/at.js), and `legaldocs at`.
    "in force on a day",
    "Which version was in force on a day",
    (
        "Finding the version in force on a day needs JavaScript, which is not running here. Each version's "
        "dates are listed below."
    ),
    "Day",
    "Show the version in force",
    "Every version and its dates",
    "In force from",
    "In force until",
    "Revisions",
    "Status",
    "still in force",
    "not yet in force",
    "On {date} the version effective {effective} was in force, in its revision {n}.",
    "On {date} no version was in force yet: the first took effect on {effective}.",
    (
        "{date} is after this site was built on {built}. As published then, the version effective "
        "{effective} will be in force that day (its revision {n}), unless a newer version is published "
        "before it."
    ),
    "“{date}” is not a day: write it as YYYY-MM-DD, e.g. 2021-06-30.",
    "The list of versions could not be loaded ({error}). Each version's dates are listed below.",
    "Read that text",
    "Read the first version",
    "No version of this document is published yet.",
    "SHA-256 of its text: {sha256}",
    # issue 22, PDFs (pdf.html, the links to them): h/pdf
    "Download as PDF",
    "Page {page} of {pages}",
    "SHA-256 of this text, as the ledger and versions.json record it: {sha256}",
    "SHA-256 of the text of this version, as the ledger and versions.json record it: {sha256}",
)

GERMAN: dict[str, str] = {
    "{title}: what changes on {date}": "{title}: was sich am {date} ändert",
    "The new version takes effect on {date}.": "Die neue Fassung gilt ab dem {date}.",
    "on the day it takes effect": "am Tag des Inkrafttretens",
    "What changes": "Was sich ändert",
    "Sections": "Abschnitte",
    "Purposes whose lawful basis changes": "Zwecke, deren Rechtsgrundlage sich ändert",
    "Table row added: {row}": "Tabellenzeile hinzugefügt: {row}",
    "Table row removed: {row}": "Tabellenzeile entfernt: {row}",
    "Table row changed: {row}": "Tabellenzeile geändert: {row}",
    "In force": "In Kraft",
    "Upcoming": "Angekündigt",
    "Superseded": "Ersetzt",
    "Draft": "Entwurf",
    "Draft: proposed, not in force": "Entwurf: vorgeschlagen, nicht in Kraft",
    "Effective": "Gültig ab",
    "Effective {date}": "Gültig ab {date}",
    "effective {date}": "gültig ab {date}",
    "Last updated {date}": "Zuletzt geändert am {date}",
    "Announced {date}": "Veröffentlicht am {date}",
    "Announced {date} (date from git)": "Veröffentlicht am {date} (Datum aus git)",
    "A date from git is the one its commit gives, which the commit's author sets.": (
        "Ein Datum aus git ist das des Commits, das dessen Autor festlegt."
    ),
    "Version history": "Versionsverlauf",
    "version history": "Versionsverlauf",
    "Contents": "Inhalt",
    "Read this version": "Diese Fassung lesen",
    "Read the current version": "Die geltende Fassung lesen",
    "Read the version in force": "Die geltende Fassung lesen",
    "Read the new version": "Die neue Fassung lesen",
    "From the commit message:": "Aus der Commit-Nachricht:",
    "Read the proposed text": "Den vorgeschlagenen Text lesen",
    "The full version history": "Der vollständige Versionsverlauf",
    "Versions of this document:": "Fassungen dieses Dokuments:",
    "Revisions of this version": "Überarbeitungen dieser Fassung",
    "Date": "Datum",
    "Commit": "Commit",
    "Change": "Änderung",
    "Author": "Autor",
    "Published": "Veröffentlichung",
    "Revision": "Überarbeitung",
    "not committed": "nicht committet",
    "Uncommitted changes": "Nicht committete Änderungen",
    "Revision {n} of the version effective {date}.": "Überarbeitung {n} der Fassung gültig ab {date}.",
    "revision {n}": "Überarbeitung {n}",
    "The text as first published on {date}": "Der Text, wie er am {date} zuerst veröffentlicht wurde",
    "The text as revised on {date}": "Der Text, wie er am {date} überarbeitet wurde",
    "commit {commit} by {author}": "Commit {commit} von {author}",
    "commit {commit}": "Commit {commit}",
    "This is the latest text of this version.": "Dies ist der neueste Text dieser Fassung.",
    "A later revision changed this text.": "Eine spätere Überarbeitung hat diesen Text geändert.",
    "Read the latest text of this version": "Den neuesten Text dieser Fassung lesen",
    "Previous: revision {n}": "Davor: Überarbeitung {n}",
    "Next: revision {n}": "Danach: Überarbeitung {n}",
    "What this revision changed": "Was diese Überarbeitung geändert hat",
    "What this version changed": "Was diese Fassung geändert hat",
    "Changes": "Änderungen",
    "Text": "Text",
    "of revision {n}": "der Überarbeitung {n}",
    "This compares the version's latest text with the version before, so it includes its later corrections:": (
        "Verglichen wird der neueste Text der Fassung mit der Fassung davor; "
        "enthalten sind also ihre späteren Korrekturen:"
    ),
    "revision {n} of {date}": "Überarbeitung {n} vom {date}",
    "changes in the version effective {date}, as first published": (
        "Änderungen der Fassung gültig ab {date}, wie zuerst veröffentlicht"
    ),
    "The changes as first published, without them": "Die Änderungen wie zuerst veröffentlicht, ohne diese",
    "Corrected since": "Seitdem korrigiert",
    "Later revisions corrected it, each with its own redline.": (
        "Spätere Überarbeitungen haben ihn korrigiert, jede mit ihrem eigenen Änderungsvergleich."
    ),
    "Read": "Lesen",
    "Read this revision": "Diese Überarbeitung lesen",
    "The revision before: revision {n}": "Die Überarbeitung davor: Überarbeitung {n}",
    "changes in revision {n} of the version effective {date}": (
        "Änderungen in Überarbeitung {n} der Fassung gültig ab {date}"
    ),
    "An editorial revision: the text was changed on {date} by commit {commit}, without a new effective date.": (
        "Eine redaktionelle Überarbeitung: der Text wurde am {date} mit Commit {commit} geändert, ohne neues "
        "Gültigkeitsdatum."
    ),
    "DRAFT: proposed changes": "ENTWURF: vorgeschlagene Änderungen",
    (
        "This redline shows what the draft changes: the draft against the latest published text, effective {date}, "
        "as in the pull request's redline."
    ): (
        "Diese Gegenüberstellung zeigt, was der Entwurf ändert: den Entwurf gegenüber dem zuletzt veröffentlichten "
        "Text, gültig ab {date}, wie in der Gegenüberstellung des Pull Requests."
    ),
    "Compare the draft with the text in force, effective {date}": (
        "Den Entwurf mit dem geltenden Text vergleichen, gültig ab {date}"
    ),
    "This redline shows the whole draft as new: nothing is published yet.": (
        "Diese Gegenüberstellung zeigt den ganzen Entwurf als neu: noch ist nichts veröffentlicht."
    ),
    "against the version effective {date}": "gegenüber der Fassung gültig ab {date}",
    "See the proposed changes against the published text": (
        "Die vorgeschlagenen Änderungen gegenüber dem veröffentlichten Text sehen"
    ),
    "This policy changes on {date}.": "Diese Erklärung ändert sich am {date}.",
    "This policy changed on {date}.": "Diese Erklärung hat sich am {date} geändert.",
    "See what changes": "Was sich ändert",
    "See what changed": "Was sich geändert hat",
    "Dismiss": "Ausblenden",
    "{title}: versions": "{title}: Fassungen",
    "No version of this document is in force yet.": "Noch ist keine Fassung dieses Dokuments in Kraft.",
    "The version history is not available in this build.": "Der Versionsverlauf ist in diesem Build nicht verfügbar.",
    "This is the version in force.": "Dies ist die geltende Fassung.",
    "This is not the current version.": "Dies ist nicht die geltende Fassung.",
    "It was in force from {start} until {end}.": "Sie galt vom {start} bis zum {end}.",
    "It was in force from {start}.": "Sie galt ab dem {start}.",
    "It takes effect on {date}.": "Sie gilt ab dem {date}.",
    "This text has {origin}. It is a preview for review, not the policy.": (
        "Dieser Text enthält {origin}. Er ist eine Vorschau zur Prüfung, nicht die geltende Erklärung."
    ),
    "This version is not in force yet.": "Diese Fassung ist noch nicht in Kraft.",
    "DRAFT: proposed changes, not in force.": "ENTWURF: vorgeschlagene Änderungen, nicht in Kraft.",
    "DRAFT preview:": "ENTWURF-Vorschau:",
    "changes not yet committed": "noch nicht committete Änderungen",
    " and ": " und ",
    "there are proposed changes that are not published.": (
        "es gibt vorgeschlagene Änderungen, die nicht veröffentlicht sind."
    ),
    "A version begins when its effective date is set; later corrections are listed as its revisions.": (
        "Eine Fassung beginnt mit ihrem Gültigkeitsdatum; spätere Korrekturen sind als ihre Überarbeitungen aufgeführt."
    ),
    "Commits left out of the history": "Aus dem Verlauf ausgelassene Commits",
    "changes on {date}": "ändert sich am {date}",
    "problems to fix": "zu behebende Probleme",
    "This preview cannot be shown until these are fixed.": (
        "Diese Vorschau kann erst gezeigt werden, wenn diese Probleme behoben sind."
    ),
    "It rebuilds by itself when you save.": "Sie wird beim Speichern von selbst neu erstellt.",
    "The published text is still there:": "Der veröffentlichte Text ist weiterhin da:",
    "Until they are fixed, the preview shows the published text.": (
        "Bis sie behoben sind, zeigt die Vorschau den veröffentlichten Text."
    ),
    (
        "They are in your uncommitted edits. {build} publishes the committed text without them, and warns that it "
        "left your edits out, so {strict} fails; {check} lists them."
    ): (
        "Sie stehen in Ihren nicht committeten Änderungen. {build} veröffentlicht den committeten Text ohne sie und "
        "warnt, dass es Ihre Änderungen ausgelassen hat, daher schlägt {strict} fehl; {check} listet sie auf."
    ),
    "They are committed. {build} stops on them and publishes nothing until a commit fixes them; {check} lists them.": (
        "Sie sind committet. {build} bricht an ihnen ab und veröffentlicht nichts, bis ein Commit sie behebt; "
        "{check} listet sie auf."
    ),
    "On the record": "Festgehalten",
    "changes in the version effective {date}": "Änderungen in der Fassung gültig ab {date}",
    "The version before: effective {date}": "Die Fassung davor: gültig ab {date}",
    "The first version: all of its text is new.": "Die erste Fassung: ihr ganzer Text ist neu.",
    "What changed": "Was sich geändert hat",
    "Acknowledged: {reason}": "Bestätigt: {reason}",
    "Published as it was; under today's rules:": "Veröffentlicht wie damals; nach heutigen Regeln:",
    # The compare page (issue 10)
    "compare versions": "Fassungen vergleichen",
    "Comparing two versions needs JavaScript, which is not running here. Each version's changes are listed below.": (
        "Der Vergleich braucht JavaScript, das hier nicht läuft. Die Änderungen jeder Fassung stehen unten."
    ),
    "From": "Von",
    "To": "Bis",
    "Swap": "Tauschen",
    "The changes of each version": "Die Änderungen jeder Fassung",
    "what changed from the version before": "was sich gegenüber der Fassung davor geändert hat",
    "compared with the version in force": "verglichen mit der geltenden Fassung",
    "from {old} to {new}": "von {old} bis {new}",
    "Compare other versions": "Andere Fassungen vergleichen",
    "Compare any two versions": "Zwei beliebige Fassungen vergleichen",
    "Effective {date}, revision {n}": "Gültig ab {date}, Überarbeitung {n}",
    "The older text is the one before, the newer the one after.": (
        "Der ältere Text ist der vorherige, der neuere der spätere."
    ),
    "History": "Verlauf",
    "History of section {number}, {title}": "Verlauf von Abschnitt {number}, {title}",
    "History of the purpose “{purpose}”": "Verlauf des Zwecks „{purpose}“",
    "history of section {number}, {title}": "Verlauf von Abschnitt {number}, {title}",
    "history of the preamble": "Verlauf der Präambel",
    "history of the purpose “{purpose}”": "Verlauf des Zwecks „{purpose}“",
    "Read this section in the current version": "Diesen Abschnitt in der geltenden Fassung lesen",
    "This section is not in the current version.": "Dieser Abschnitt ist nicht in der geltenden Fassung.",
    "Every version that changed this section, newest first: added, reworded, renamed, renumbered, moved or removed.": (
        "Jede Fassung, die diesen Abschnitt geändert hat, die neueste zuerst: "
        "hinzugefügt, umformuliert, umbenannt, umnummeriert, verschoben oder entfernt."
    ),
    "Read this purpose in the current version": "Diesen Zweck in der geltenden Fassung lesen",
    "This purpose is not in the current version.": "Dieser Zweck ist nicht in der geltenden Fassung.",
    "Every version that changed this purpose, newest first: its activities, data types or lawful bases.": (
        "Jede Fassung, die diesen Zweck geändert hat, die neueste zuerst: "
        "seine Tätigkeiten, Datenarten oder Rechtsgrundlagen."
    ),
    "Against the version effective {date}": "Gegenüber der Fassung gültig ab {date}",
    "The first version": "Die erste Fassung",
    "This policy has changed since your last visit.": "Diese Erklärung hat sich seit Ihrem letzten Besuch geändert.",
    "You last read the version effective {date}.": "Sie haben zuletzt die Fassung gültig ab {date} gelesen.",
    "See what changed since then": "Sehen, was sich seitdem geändert hat",
    "this version": "diese Fassung",
    "1 earlier version: see the version history": "1 frühere Fassung: siehe den Versionsverlauf",
    "{count} earlier versions: see the version history": "{count} frühere Fassungen: siehe den Versionsverlauf",
    "This page has moved": "Diese Seite ist umgezogen",
    "This page has moved to {link}.": "Diese Seite ist umgezogen: {link}.",
    "At these commits the document could not be read, so what they held is not published:": (
        "An diesen Commits konnte das Dokument nicht gelesen werden, daher ist ihr Inhalt nicht veröffentlicht:"
    ),
    "Its effective date could not be read ({where}), so it is not published.": (
        "Sein Gültigkeitsdatum konnte nicht gelesen werden ({where}), daher ist er nicht veröffentlicht."
    ),
    "The next commit, {commit} of {date}, corrected it: its text is the one published.": (
        "Der nächste Commit, {commit} vom {date}, hat ihn korrigiert: sein Text ist der veröffentlichte."
    ),
    "A revision of the version effective {date} could not be read, so it is not published.": (
        "Eine Überarbeitung der Fassung gültig ab {date} konnte nicht gelesen werden und ist nicht veröffentlicht."
    ),
    "That version is published as its other commits left it.": (
        "Die Fassung ist so veröffentlicht, wie ihre übrigen Commits sie hinterlassen haben."
    ),
    "The version effective {date} could not be read, so it is not published.": (
        "Die Fassung gültig ab {date} konnte nicht gelesen werden und ist daher nicht veröffentlicht."
    ),
    "A version or revision could not be read, so it is not published.": (
        "Eine Fassung oder Überarbeitung konnte nicht gelesen werden und ist daher nicht veröffentlicht."
    ),
    "Commit {commit} of {date} ({message}).": "Commit {commit} vom {date} ({message}).",
    "Commit {commit} of {date} corrected it.": "Commit {commit} vom {date} hat ihn korrigiert.",
    "Not versions or revisions: at each of these commits the document was invalid or its date out of order.": (
        "Diese Commits sind weder Fassungen noch Überarbeitungen: bei jedem war das Dokument ungültig oder sein "
        "Gültigkeitsdatum nicht in der Reihenfolge."
    ),
    "The document was invalid at this commit.": "Bei diesem Commit war das Dokument ungültig.",
    "Its effective date, {date}, was out of order: a version takes effect after the one before it.": (
        "Sein Gültigkeitsdatum, {date}, war nicht in der Reihenfolge: eine Fassung gilt erst nach der davor."
    ),
    "Unchanged text is shortened here ({link}).": "Unveränderter Text ist hier gekürzt ({link}).",
    "the full redline": "die vollständige Gegenüberstellung",
    "Unchanged text is shortened here; for the full redline, run {command}.": (
        "Unveränderter Text ist hier gekürzt; für die vollständige Gegenüberstellung {command} ausführen."
    ),
    "The redline is cut short to fit a GitHub comment: {changes}, {parts}, are not shown here, though "
    "unchanged text was shortened first. See {full}.": (
        "Die Gegenüberstellung ist für einen GitHub-Kommentar gekürzt: {changes}, {parts}, fehlen hier, obwohl "
        "unveränderter Text zuerst gekürzt wurde. Siehe {full}."
    ),
    "run {command}": "{command} ausführen",
    "Caption:": "Beschriftung:",
    "Column headers:": "Spaltenüberschriften:",
    "How to show the changes": "So werden die Änderungen gezeigt",
    "View": "Ansicht",
    "Inline": "Im Text",
    "Side by side": "Nebeneinander",
    "Show": "Zeigen",
    "Everything": "Alles",
    "Only additions": "Nur Hinzufügungen",
    "Only removals": "Nur Streichungen",
    "Only changed sections": "Nur geänderte Abschnitte",
    "Before": "Vorher",
    "After": "Nachher",
    "{shown} of {total} sections shown: only those with additions.": (
        "{shown} von {total} Abschnitten gezeigt: nur die mit Hinzufügungen."
    ),
    "{shown} of {total} sections shown: only those with removals.": (
        "{shown} von {total} Abschnitten gezeigt: nur die mit Streichungen."
    ),
    "{shown} of {total} sections shown: only those that changed.": (
        "{shown} von {total} Abschnitten gezeigt: nur die geänderten."
    ),
    "Loading the two versions…": "Die beiden Fassungen werden geladen …",
    "From {old} to {new}": "Von {old} bis {new}",
    "The same version on both sides: nothing changed.": "Dieselbe Fassung auf beiden Seiten: nichts hat sich geändert.",
    "Showing the changes from {old} to {new}.": "Gezeigt werden die Änderungen von {old} bis {new}.",
    (
        "Backwards in time: {old} is newer than {new}, so what the newer text added shows as removed. "
        "Swap them to see the changes in order."
    ): (
        "Rückwärts in der Zeit: {old} ist neuer als {new}, daher erscheint, was der neuere Text hinzufügte, "
        "als entfernt. Tauschen Sie die beiden, um die Änderungen in ihrer Reihenfolge zu sehen."
    ),
    "The versions could not be loaded ({error}). Each version's changes are listed below.": (
        "Die Fassungen konnten nicht geladen werden ({error}). Die Änderungen jeder Fassung stehen unten."
    ),
    "There is no version {version} here: choose from the lists.": (
        "Hier gibt es keine Fassung {version}: wählen Sie aus den Listen."
    ),
    "Changed outside the sections": "Außerhalb der Abschnitte geändert",
    "Title:": "Titel:",
    "Effective date:": "Gültig ab:",
    "Summary:": "Zusammenfassung:",
    "Fact {name}:": "Angabe {name}:",
    "(in full: {old} → {new})": "(vollständig: {old} → {new})",
    "“{text}”": "„{text}“",
    "{what} added: {new}.": "{what} hinzugefügt: {new}.",
    "{what} removed: {old}.": "{what} entfernt: {old}.",
    "{what} changed: {old} → {new}.": "{what} geändert: {old} → {new}.",
    "Link on {text}": "Link auf {text}",
    "Markup on {text}": "Auszeichnung auf {text}",
    "Markup": "Auszeichnung",
    "Image": "Bild",
    "Image description": "Bildbeschreibung",
    "Emphasis": "Hervorhebung",
    "Bold": "Fettdruck",
    "Strike-through": "Durchstreichung",
    "Underline": "Unterstreichung",
    "Code": "Code",
    "The formatting changed, not the words.": "Die Formatierung hat sich geändert, nicht der Wortlaut.",
    "The purpose table": "Die Zwecktabelle",
    "The list of versions": "Die Liste der Fassungen",
    "{what} is shown here now.": "{what} wird jetzt hier gezeigt.",
    "{what} is no longer shown here.": "{what} wird hier nicht mehr gezeigt.",
    "{what} moved here from section {number}.": "{what} wurde aus Abschnitt {number} hierher verschoben.",
    "{what} moved to section {number}.": "{what} wurde nach Abschnitt {number} verschoben.",
    "{what} moved within this section.": "{what} wurde innerhalb dieses Abschnitts verschoben.",
    "Spacing only:": "Nur Abstände:",
    "Punctuation only:": "Nur Satzzeichen:",
    "Spacing changed.": "Abstände geändert.",
    "Punctuation changed.": "Satzzeichen geändert.",
    "letters that look alike changed: {old} → {new} ({letters})": (
        "gleich aussehende Buchstaben geändert: {old} → {new} ({letters})"
    ),
    "Cyrillic {letter}": "kyrillisches {letter}",
    "Greek {letter}": "griechisches {letter}",
    "Latin {letter}": "lateinisches {letter}",
    "New section.": "Neuer Abschnitt.",
    "Section removed.": "Abschnitt entfernt.",
    "Moved: was section {old}, now section {new}.": "Verschoben: war Abschnitt {old}, jetzt Abschnitt {new}.",
    "Renumbered: was section {number}.": "Neu nummeriert: war Abschnitt {number}.",
    "Moved to another place among the sections.": "An eine andere Stelle unter den Abschnitten verschoben.",
    "Preamble": "Präambel",
    "Renamed: was “{title}”.": "Umbenannt: hieß „{title}“.",
    "Text moved here from {sections}.": "Text aus {sections} hierher verschoben.",
    "Text moved to {sections}.": "Text in {sections} verschoben.",
    "section {number}": "Abschnitt {number}",
    "sections {numbers} and {last}": "Abschnitten {numbers} und {last}",
    "(no changes)": "(keine Änderungen)",
    "Moved here from elsewhere in this section.": "Von anderer Stelle dieses Abschnitts hierher verschoben.",
    "Moved elsewhere in this section:": "An eine andere Stelle dieses Abschnitts verschoben:",
    "Moved here from section {number}.": "Aus Abschnitt {number} hierher verschoben.",
    "Moved to section {number}:": "In Abschnitt {number} verschoben:",
    "No change.": "Keine Änderung.",
    "Purpose added.": "Zweck hinzugefügt.",
    "Purpose removed.": "Zweck entfernt.",
    "Moved in the table.": "In der Tabelle verschoben.",
    "Wording changed.": "Wortlaut geändert.",
    "Lawful basis added: {label}.": "Rechtsgrundlage hinzugefügt: {label}.",
    "Lawful basis added: {label} ({interest}).": "Rechtsgrundlage hinzugefügt: {label} ({interest}).",
    "Lawful basis removed: {label}.": "Rechtsgrundlage entfernt: {label}.",
    "Lawful basis removed: {label} ({interest}).": "Rechtsgrundlage entfernt: {label} ({interest}).",
    "Interest changed for {label}: “{old}” became “{new}”.": (
        "Interesse für {label} geändert: aus „{old}“ wurde „{new}“."
    ),
    "Data type added: {label}.": "Datenart hinzugefügt: {label}.",
    "Data type dropped: {label}.": "Datenart gestrichen: {label}.",
    "Data type renamed: “{old}” became “{new}”.": "Datenart umbenannt: aus „{old}“ wurde „{new}“.",
    "Activity added: {label}.": "Tätigkeit hinzugefügt: {label}.",
    "Activity removed: {label}.": "Tätigkeit entfernt: {label}.",
    "Redline: {title}": "Gegenüberstellung: {title}",
    "{old} (effective {old_date}) → {new} (effective {new_date}), in {path}": (
        "{old} (gültig ab {old_date}) → {new} (gültig ab {new_date}), in {path}"
    ),
    "effective {old} → {new}": "gültig ab {old} → {new}",
    "absent": "nicht vorhanden",
    "No changes to the text.": "Keine Änderungen am Text.",
    "Preview:": "Vorschau:",
    "the changes page": "die Seite mit den Änderungen",
    "the draft": "der Entwurf",
    "on the changes page": "auf der Seite mit den Änderungen",
    "Counts:": "Zählung:",
    "Warnings": "Warnungen",
    "Changed": "Geändert",
    "Added": "Hinzugefügt",
    "Deleted": "Gelöscht",
    "Formatting or links changed": "Formatierung oder Links geändert",
    "Purpose: {name}": "Zweck: {name}",
    "in force on a day": "an einem Tag geltende Fassung",
    "Which version was in force on a day": "Welche Fassung an einem Tag galt",
    (
        "Finding the version in force on a day needs JavaScript, which is not running here. Each version's "
        "dates are listed below."
    ): (
        "Die an einem Tag geltende Fassung zu finden braucht JavaScript, das hier nicht läuft. Die Daten "
        "jeder Fassung stehen unten."
    ),
    "Day": "Tag",
    "Show the version in force": "Geltende Fassung zeigen",
    "Every version and its dates": "Alle Fassungen und ihre Daten",
    "In force from": "Gilt ab",
    "In force until": "Gilt bis",
    "Revisions": "Überarbeitungen",
    "Status": "Status",
    "still in force": "gilt weiterhin",
    "not yet in force": "noch nicht in Kraft",
    ("On {date} the version effective {effective} was in force, in its revision {n}."): (
        "Am {date} galt die Fassung gültig ab {effective}, in ihrer Überarbeitung {n}."
    ),
    ("On {date} no version was in force yet: the first took effect on {effective}."): (
        "Am {date} galt noch keine Fassung: die erste trat am {effective} in Kraft."
    ),
    (
        "{date} is after this site was built on {built}. As published then, the version effective "
        "{effective} will be in force that day (its revision {n}), unless a newer version is published "
        "before it."
    ): (
        "Der {date} liegt nach dem Tag, an dem diese Seite erstellt wurde ({built}). Nach dem damals "
        "veröffentlichten Stand gilt an diesem Tag die Fassung gültig ab {effective} (ihre Überarbeitung "
        "{n}), sofern vorher keine neuere veröffentlicht wird."
    ),
    ("“{date}” is not a day: write it as YYYY-MM-DD, e.g. 2021-06-30."): (
        "„{date}“ ist kein Tag: schreiben Sie ihn als JJJJ-MM-TT, z. B. 2021-06-30."
    ),
    ("The list of versions could not be loaded ({error}). Each version's dates are listed below."): (
        "Die Liste der Fassungen konnte nicht geladen werden ({error}). Die Daten jeder Fassung stehen unten."
    ),
    "Read that text": "Diesen Text lesen",
    "Read the first version": "Die erste Fassung lesen",
    "No version of this document is published yet.": "Von diesem Dokument ist noch keine Fassung veröffentlicht.",
    "SHA-256 of its text: {sha256}": "SHA-256 ihres Textes: {sha256}",
    "Cookies we use": "Cookies, die wir verwenden",
    "Who receives your personal data": "Wer Ihre personenbezogenen Daten erhält",
    "Cookie": "Cookie",
    "Provider": "Anbieter",
    "First or third party": "Eigenes Cookie oder Drittanbieter",
    "Category": "Kategorie",
    "Duration": "Speicherdauer",
    "Purpose": "Zweck",
    "Recipient": "Empfänger",
    "Role": "Rolle",
    "Service": "Leistung",
    "Where the data is processed": "Ort der Verarbeitung",
    "Transfer safeguard": "Garantie für die Übermittlung",
    "First party": "Eigenes Cookie",
    "Third party": "Drittanbieter",
    "Strictly necessary": "Unbedingt erforderlich",
    "Functional": "Funktional",
    "Analytics": "Statistik",
    "Marketing": "Marketing",
    "Session": "Sitzung",
    "Processor": "Auftragsverarbeiter",
    "Sub-processor": "Unterauftragsverarbeiter",
    "Controller": "Verantwortlicher",
    "Joint controller": "Gemeinsam Verantwortlicher",
    "Adequacy decision": "Angemessenheitsbeschluss",
    "Standard contractual clauses": "Standardvertragsklauseln",
    "Binding corporate rules": "Verbindliche interne Datenschutzvorschriften",
    "Derogation (Art. 49 GDPR)": "Ausnahme (Art. 49 DSGVO)",
    "Not needed (within the EEA)": "Nicht erforderlich (innerhalb des EWR)",
    # issue 22, PDFs (pdf.html, the links to them): h/pdf
    "Download as PDF": "Als PDF herunterladen",
    "Page {page} of {pages}": "Seite {page} von {pages}",
    "SHA-256 of this text, as the ledger and versions.json record it: {sha256}": (
        "SHA-256 dieses Textes, wie ihn das Ledger und versions.json verzeichnen: {sha256}"
    ),
    "SHA-256 of the text of this version, as the ledger and versions.json record it: {sha256}": (
        "SHA-256 des Textes dieser Fassung, wie ihn das Ledger und versions.json verzeichnen: {sha256}"
    ),
}

TABLES: dict[str, dict[str, str]] = {"en": {w: w for w in ENGLISH}, "de": GERMAN}

#: Phrases with a number in them, never "problem(s)": the English phrase (the key, as ``t`` is called
#: with it) to each language's forms by CLDR plural category ("one", "few", "many", "other" …), which
#: Babel's plural rules pick for the number given as ``count``. A language without forms here, or
#: without the category, gets its "other" form (English where the language has no forms at all).
COUNTED: dict[str, dict[str, dict[str, str]]] = {
    "{count} problems to fix": {
        "en": {"one": "{count} problem to fix", "other": "{count} problems to fix"},
        "de": {"one": "{count} Problem zu beheben", "other": "{count} Probleme zu beheben"},
    },
    "{count} commits not yet on the published branch": {
        "en": {
            "one": "{count} commit not yet on the published branch",
            "other": "{count} commits not yet on the published branch",
        },
        "de": {
            "one": "{count} Commit, der noch nicht im veröffentlichten Branch ist",
            "other": "{count} Commits, die noch nicht im veröffentlichten Branch sind",
        },
    },
    # The command line's and the build log's (English, as every problem is).
    "{count} problems found.": {"en": {"one": "{count} problem found.", "other": "{count} problems found."}},
    "{count} warnings, which fail `mkdocs build --strict`.": {
        "en": {
            "one": "{count} warning, which fails `mkdocs build --strict`.",
            "other": "{count} warnings, which fail `mkdocs build --strict`.",
        }
    },
    "{count} documents checked: no problems.": {
        "en": {"one": "{count} document checked: no problems.", "other": "{count} documents checked: no problems."}
    },
    "{count} problems": {"en": {"one": "{count} problem", "other": "{count} problems"}},
    "{count} warnings, which fail `mkdocs build --strict` (`legaldocs check --strict` fails on them too).": {
        "en": {
            "one": "{count} warning, which fails `mkdocs build --strict` (`legaldocs check --strict` fails on it too).",
            "other": "{count} warnings, which fail `mkdocs build --strict` (`legaldocs check --strict` fails on them "
            "too).",
        }
    },
    # How long a cookie lasts (registers.py).
    "{count} days": {
        "en": {"one": "{count} day", "other": "{count} days"},
        "de": {"one": "{count} Tag", "other": "{count} Tage"},
    },
    "{count} months": {
        "en": {"one": "{count} month", "other": "{count} months"},
        "de": {"one": "{count} Monat", "other": "{count} Monate"},
    },
    "{count} years": {
        "en": {"one": "{count} year", "other": "{count} years"},
        "de": {"one": "{count} Jahr", "other": "{count} Jahre"},
    },
    "in {count} days": {"en": {"one": "in {count} day", "other": "in {count} days"}},
    "{count} days ago": {"en": {"one": "{count} day ago", "other": "{count} days ago"}},
    "{count} days before it takes effect": {
        "en": {"one": "{count} day before it takes effect", "other": "{count} days before it takes effect"},
        "de": {"one": "{count} Tag vor Inkrafttreten", "other": "{count} Tage vor Inkrafttreten"},
    },
    "{count} days after it took effect": {
        "en": {"one": "{count} day after it took effect", "other": "{count} days after it took effect"},
        "de": {"one": "{count} Tag nach Inkrafttreten", "other": "{count} Tage nach Inkrafttreten"},
    },
    "{count} files under docs/ cannot be published, listed above; nothing was built.": {
        "en": {
            "one": "{count} file under docs/ cannot be published, listed above; nothing was built.",
            "other": "{count} files under docs/ cannot be published, listed above; nothing was built.",
        }
    },
    "{count} problems in the legal documents, listed above; nothing was built.": {
        "en": {
            "one": "{count} problem in the legal documents, listed above; nothing was built.",
            "other": "{count} problems in the legal documents, listed above; nothing was built.",
        }
    },
    # The counts a redline opens with (redline_html.count_items, assets/redline.js's countItems): the
    # browser takes them too (SCRIPT_COUNTED).
    "{count} sections changed": {
        "en": {"one": "{count} section changed", "other": "{count} sections changed"},
        "de": {"one": "{count} Abschnitt geändert", "other": "{count} Abschnitte geändert"},
    },
    "{count} sections added": {
        "en": {"one": "{count} section added", "other": "{count} sections added"},
        "de": {"one": "{count} Abschnitt hinzugefügt", "other": "{count} Abschnitte hinzugefügt"},
    },
    "{count} sections removed": {
        "en": {"one": "{count} section removed", "other": "{count} sections removed"},
        "de": {"one": "{count} Abschnitt entfernt", "other": "{count} Abschnitte entfernt"},
    },
    "{count} words added": {
        "en": {"one": "{count} word added", "other": "{count} words added"},
        "de": {"one": "{count} Wort hinzugefügt", "other": "{count} Wörter hinzugefügt"},
    },
    "{count} words removed": {
        "en": {"one": "{count} word removed", "other": "{count} words removed"},
        "de": {"one": "{count} Wort entfernt", "other": "{count} Wörter entfernt"},
    },
    "{count} changes to the purpose table": {
        "en": {"one": "{count} change to the purpose table", "other": "{count} changes to the purpose table"},
        "de": {"one": "{count} Änderung an der Zwecktabelle", "other": "{count} Änderungen an der Zwecktabelle"},
    },
    "{count} formatting changes": {
        "en": {"one": "{count} formatting change", "other": "{count} formatting changes"},
        "de": {"one": "{count} Formatierungsänderung", "other": "{count} Formatierungsänderungen"},
    },
    "{count} image changes": {
        "en": {"one": "{count} image change", "other": "{count} image changes"},
        "de": {"one": "{count} Bildänderung", "other": "{count} Bildänderungen"},
    },
    "{count} facts changed": {
        "en": {"one": "{count} fact changed", "other": "{count} facts changed"},
        "de": {"one": "{count} Angabe geändert", "other": "{count} Angaben geändert"},
    },
    "{count} changes to the title, date or summary": {
        "en": {
            "one": "{count} change to the title, date or summary",
            "other": "{count} changes to the title, date or summary",
        },
        "de": {
            "one": "{count} Änderung an Titel, Datum oder Zusammenfassung",
            "other": "{count} Änderungen an Titel, Datum oder Zusammenfassung",
        },
    },
    # Tables in the text (table_redline.PHRASES), after the counts above.
    "{count} table rows added": {
        "en": {"one": "{count} table row added", "other": "{count} table rows added"},
        "de": {"one": "{count} Tabellenzeile hinzugefügt", "other": "{count} Tabellenzeilen hinzugefügt"},
    },
    "{count} table rows removed": {
        "en": {"one": "{count} table row removed", "other": "{count} table rows removed"},
        "de": {"one": "{count} Tabellenzeile entfernt", "other": "{count} Tabellenzeilen entfernt"},
    },
    "{count} table rows changed": {
        "en": {"one": "{count} table row changed", "other": "{count} table rows changed"},
        "de": {"one": "{count} Tabellenzeile geändert", "other": "{count} Tabellenzeilen geändert"},
    },
    "{count} table columns added": {
        "en": {"one": "{count} table column added", "other": "{count} table columns added"},
        "de": {"one": "{count} Tabellenspalte hinzugefügt", "other": "{count} Tabellenspalten hinzugefügt"},
    },
    "{count} table columns removed": {
        "en": {"one": "{count} table column removed", "other": "{count} table columns removed"},
        "de": {"one": "{count} Tabellenspalte entfernt", "other": "{count} Tabellenspalten entfernt"},
    },
    "{count} more changes": {
        "en": {"one": "{count} more change", "other": "{count} more changes"},
        "de": {"one": "{count} weitere Änderung", "other": "{count} weitere Änderungen"},
    },
    "in {count} parts of the document": {
        "en": {"one": "in {count} part of the document", "other": "in {count} parts of the document"},
        "de": {"one": "in {count} Teil des Dokuments", "other": "in {count} Teilen des Dokuments"},
    },
}

#: The phrases the browser scripts write (assets/views.js, compare.js, and redline.js's notes): head.html
#: gives them, in the site's language, to every page of a document; a script falls back on its English
#: where none is given (redline.js on ``redline_rules.RULES["words"]``, these phrases in English).
SCRIPT_WORDS: tuple[str, ...] = ENGLISH[ENGLISH.index("How to show the changes") :]
#: The counted phrases the browser's redline writes (assets/redline.js): given with their forms and the
#: language whose plural rules pick one (the browser's ``Intl.PluralRules``, CLDR's rules as Babel's are).
SCRIPT_COUNTED: tuple[str, ...] = (
    "{count} sections changed",
    "{count} sections added",
    "{count} sections removed",
    "{count} words added",
    "{count} words removed",
    "{count} changes to the purpose table",
    "{count} formatting changes",
    "{count} image changes",
    "{count} facts changed",
    "{count} changes to the title, date or summary",
    "{count} table rows added",
    "{count} table rows removed",
    "{count} table rows changed",
    "{count} table columns added",
    "{count} table columns removed",
)


def _language(language: str) -> str:
    return (language or "en").replace("-", "_").split("_")[0].lower()


def _plural_category(language: str, count: int) -> str:
    """CLDR's plural category of ``count`` in ``language`` (Babel's rules); English's for a language Babel lacks."""
    try:
        return Locale.parse(language).plural_form(count)
    except (UnknownLocaleError, ValueError):
        return Locale("en").plural_form(count)


def _forms(phrase: str, lang: str) -> tuple[str, dict[str, str]]:
    """A counted phrase's forms in ``lang`` and the language whose plural rules pick among them: the
    language's own, else English's (forms and rules together)."""
    if lang in COUNTED[phrase]:
        return lang, COUNTED[phrase][lang]
    return "en", COUNTED[phrase]["en"]


def wording(language: str) -> Callable[..., str]:
    """``w(phrase, count=None)``: the phrase in ``language``, its ``{fields}`` not filled yet (templates
    escape the values first); a phrase of ``COUNTED`` in the form ``count`` takes there."""
    lang = _language(language)
    table = TABLES.get(lang, TABLES["en"])

    def w(phrase: str, count: object = None) -> str:
        if phrase in COUNTED:
            if count is None:
                raise KeyError(f"{phrase!r} is a counted phrase: give it count=")
            rules, forms = _forms(phrase, lang)
            category = _plural_category(rules, count) if isinstance(count, int) else "other"
            return forms.get(category, forms["other"])
        if phrase not in TABLES["en"]:
            raise KeyError(f"{phrase!r} is not in legaldocs' table of words (words.py); add it there")
        return table.get(phrase, phrase)

    return w


def translator(language: str) -> Callable[..., str]:
    """``t(phrase, **fields)`` in ``language`` (e.g. "de", "de_AT"); English where there is no table.

    A phrase of ``COUNTED`` takes its form from ``count``: ``t("{count} problems to fix", count=1)``.
    """
    w = wording(language)

    def t(phrase: str, **fields: object) -> str:
        text = w(phrase, fields.get("count"))
        return text.format(**fields) if fields else text

    return t


#: The command line's words: English, as its problems are.
english = translator("en")


def script_words(language: str) -> dict[str, object]:
    """``SCRIPT_WORDS`` in ``language``, as plain text: the scripts fill the ``{name}`` fields themselves;
    and ``SCRIPT_COUNTED``, each as {"rules": a language, "forms": {CLDR plural category: text}}."""
    lang = _language(language)
    table = TABLES.get(lang, TABLES["en"])
    found: dict[str, object] = {phrase: table.get(phrase, phrase) for phrase in SCRIPT_WORDS}
    for phrase in SCRIPT_COUNTED:
        rules, forms = _forms(phrase, lang)
        found[phrase] = {"rules": rules, "forms": dict(forms)}
    return found
