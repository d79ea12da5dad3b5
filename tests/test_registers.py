"""The registers: cookies.yml and recipients.yml beside purposes.yml, validated with file:line and a fix."""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
import yaml
from helpers import (
    PURPOSES,
    SITE_COOKIES,
    SITE_RECIPIENTS,
    build,
    commit_site,
    copy_site,
    edit,
    files,
    line_of,
    page,
    serious_violations,
)
from jsengine import Engine, comparable, expected, first_difference
from legaldocs import compare_data, filedoc, history, ledger, redline, registers, source, tokens
from legaldocs.filedoc import FileSpec
from legaldocs.model import Duration
from legaldocs.redline import DocumentText, SectionText

SCHEMAS = Path(__file__).parent.parent / "plugins" / "legaldocs" / "schemas"

COOKIES = """\
caption: Cookies we set
categories:
  preferences:
    consent: exempt
    label: Preferences
cookies:
  - id: session
    name: sessionid
    provider: Example Ltd
    party: first
    category: strictly_necessary
    duration: session
    purpose: Keeps you signed in.
  - id: ga
    name: _ga
    provider: Google Ireland Ltd
    party: third
    category: analytics
    duration: 13 months
    purposes: [statistics]
    domain: .example.com
  - id: lang
    name: lang
    provider: Example Ltd
    party: first
    category: preferences
    duration: 1 year
    purpose: Remembers your language.
"""

RECIPIENTS = """\
caption: Who receives your data
recipients:
  - id: hosting
    name: Hosting GmbH
    role: processor
    service: Hosts our servers.
    location: [DE]
  - id: mailer
    name: Mailer Inc.
    role: sub_processor
    service: Sends our e-mail.
    location: [US, IE]
    transfer: scc
    purposes: [service]
    since: 2024-03-01
"""


#: purposes.yml with a purpose that rests on consent, for the analytics cookie.
WITH_CONSENT = (
    PURPOSES
    + """\
  - id: statistics
    purpose: To count visits.
    data: [usage]
    bases:
      - consent
"""
)


def register_files(**changes: str | None) -> dict[str, bytes]:
    given = {"cookies_yml": COOKIES, "recipients_yml": RECIPIENTS, "purposes_yml": WITH_CONSENT, **changes}
    return files(**given)


def read(**changes: str | None) -> source.Reading:
    return source.read("example", register_files(**changes), "docs/example")


def only(**changes: str | None) -> str:
    """The one problem a change makes, said with its file, line and fix."""
    found = [str(p) for p in read(**changes).problems]
    assert len(found) == 1, found
    assert " Fix: " in found[0], "every problem says how to fix it"
    return found[0]


def cookies_with(old: str, new: str) -> str:
    assert old in COOKIES
    return COOKIES.replace(old, new, 1)


def recipients_with(old: str, new: str) -> str:
    assert old in RECIPIENTS
    return RECIPIENTS.replace(old, new, 1)


def test_valid_registers_read_into_the_model() -> None:
    reading = read()
    assert reading.problems == [] and reading.warnings == []
    document = reading.document
    assert document is not None and document.cookies is not None and document.recipients is not None
    cookies = document.cookies
    assert [c.id for c in cookies.cookies] == ["session", "ga", "lang"]
    assert cookies.caption == "Cookies we set"
    assert cookies.cookies[1].duration == Duration("months", 13)
    assert cookies.cookies[2].duration == Duration("years", 1)
    assert cookies.cookies[0].duration.written == "session"
    assert cookies.cookies[1].purposes == ("statistics",) and cookies.cookies[1].domain == ".example.com"
    assert cookies.consent("preferences") == "exempt" and cookies.consent("analytics") == "required"
    assert cookies.consent("strictly_necessary") == "exempt"
    mailer = document.recipients.recipients[1]
    assert (mailer.role, mailer.location, mailer.transfer, mailer.purposes) == (
        "sub_processor",
        ("US", "IE"),
        "scc",
        ("service",),
    )
    assert mailer.since is not None and mailer.since.isoformat() == "2024-03-01"


def test_a_document_without_registers_has_none() -> None:
    document, found = source.read_document("example", files(), "docs/example")
    assert found == [] and document is not None
    assert document.cookies is None and document.recipients is None


@pytest.mark.parametrize(("name", "text"), [("cookies", COOKIES), ("recipients", RECIPIENTS)])
def test_the_json_schema_accepts_the_fixture_and_refuses_an_unknown_field(name: str, text: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(text)
    if "since" in text:  # the reader keeps dates as text; so does the schema
        data["recipients"][1]["since"] = "2024-03-01"
    jsonschema.validate(data, schema)
    data[name][0]["colour"] = "blue"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# Every validation message, each at its file and line ---------------------------------------------


def test_unknown_field_of_a_cookie() -> None:
    message = only(cookies_yml=cookies_with("    domain: .example.com\n", "    domian: .example.com\n"))
    assert message.startswith("docs/example/cookies.yml:21: unknown key 'domian'.")


def test_unknown_key_at_the_top_of_recipients() -> None:
    message = only(recipients_yml="title: x\n" + RECIPIENTS)
    assert message.startswith("docs/example/recipients.yml:1: unknown key 'title'.")


def test_unknown_party_category_role_and_transfer_with_a_suggestion() -> None:
    assert only(cookies_yml=cookies_with("party: third", "party: 3rd")).startswith(
        "docs/example/cookies.yml:17: '3rd' is not a party (first: this site's own; third: another's)."
    )
    message = only(cookies_yml=cookies_with("category: analytics", "category: analytic"))
    assert message.startswith("docs/example/cookies.yml:18: 'analytic' is not a category of cookies.")
    assert "did you mean `analytics`?" in message
    assert "preferences" in message, "the document's own categories are named too"
    message = only(recipients_yml=recipients_with("role: sub_processor", "role: subprocessor"))
    assert message.startswith("docs/example/recipients.yml:10: 'subprocessor' is not a role of a recipient.")
    assert "did you mean `sub_processor`?" in message
    message = only(recipients_yml=recipients_with("transfer: scc", "transfer: SCCs"))
    assert message.startswith("docs/example/recipients.yml:13: 'SCCs' is not a safeguard for a transfer.")


def test_missing_required_field() -> None:
    message = only(cookies_yml=cookies_with("    provider: Google Ireland Ltd\n", ""))
    assert message.startswith("docs/example/cookies.yml:14: 'provider' is missing or empty.")
    message = only(recipients_yml=recipients_with("    role: processor\n", ""))
    assert message.startswith("docs/example/recipients.yml:3: 'role' is missing.")


def test_duplicate_ids() -> None:
    message = only(cookies_yml=cookies_with("  - id: lang", "  - id: ga"))
    assert message.startswith("docs/example/cookies.yml:22: the cookie id 'ga' is used twice (first on line 14).")
    message = only(recipients_yml=recipients_with("  - id: mailer", "  - id: hosting"))
    assert message.startswith("docs/example/recipients.yml:8: the recipient id 'hosting' is used twice")


def test_unknown_purpose_id() -> None:
    message = only(cookies_yml=cookies_with("purposes: [statistics]", "purposes: [statistic]"))
    assert message.startswith("docs/example/cookies.yml:20: the purpose 'statistic' is not defined in purposes.yml.")
    assert "did you mean `statistics`?" in message
    message = only(recipients_yml=recipients_with("purposes: [service]", "purposes: [service, billing]"))
    assert message.startswith("docs/example/recipients.yml:14: the purpose 'billing' is not defined")


def test_purposes_without_a_purposes_yml() -> None:
    found = [str(p) for p in source.read("example", files(purposes_yml=None, cookies_yml=COOKIES), "x").problems]
    ours = [p for p in found if "cookies.yml" in p]
    assert len(ours) == 1 and "the purpose 'statistics' is not defined in purposes.yml." in ours[0], found
    assert "define it in x/purposes.yml" in ours[0]


def test_unreadable_durations() -> None:
    for written in ("13 monts", "forever", "0 days", "-1 days", "13 weeks"):
        message = only(cookies_yml=cookies_with("duration: 13 months", f"duration: {written}"))
        assert message.startswith(f"docs/example/cookies.yml:19: the duration {written!r} cannot be read."), message
        assert "duration: session" in message
    message = only(cookies_yml=cookies_with("duration: 13 months", "duration: 13"))
    assert message.startswith("docs/example/cookies.yml:19: the duration 13 cannot be read.")
    assert read(cookies_yml=cookies_with("duration: 13 months", "duration: 2 days")).problems == []


def test_unknown_country_codes() -> None:
    message = only(recipients_yml=recipients_with("location: [US, IE]", "location: [US, UK]"))
    assert message.startswith("docs/example/recipients.yml:12: 'UK' is not a country code.")
    assert "the United Kingdom is GB" in message
    message = only(recipients_yml=recipients_with("location: [DE]", "location: [de]"))
    assert message.startswith(
        "docs/example/recipients.yml:7: 'de' is not a country code. Fix: write it in capitals: DE."
    )
    message = only(recipients_yml=recipients_with("location: [DE]", "location: [EU]"))
    assert "'EU' is not a country code." in message
    message = only(recipients_yml=recipients_with("location: [DE]", "location: [DE, DE]"))
    assert message.startswith("docs/example/recipients.yml:7: the country DE is listed twice.")
    message = only(recipients_yml=recipients_with("    location: [DE]\n", ""))
    assert message.startswith("docs/example/recipients.yml:3: 'location' must list the countries")


def test_a_location_outside_the_eea_needs_a_transfer_safeguard() -> None:
    message = only(recipients_yml=recipients_with("    transfer: scc\n", ""))
    assert message.startswith(
        "docs/example/recipients.yml:12: the recipient 'Mailer Inc.' processes data in United States (US), "
        "outside the EEA, but names no safeguard for the transfer."
    )
    # Norway is in the EEA (not the EU); Switzerland is not.
    assert read(recipients_yml=recipients_with("location: [DE]", 'location: ["NO", DE]')).problems == []
    # YAML reads a bare NO as false: said so, not "False is not a country code".
    message = only(recipients_yml=recipients_with("location: [DE]", "location: [NO, DE]"))
    assert message.startswith("docs/example/recipients.yml:7: NO (Norway) must be written in quotes")
    message = only(recipients_yml=recipients_with("location: [DE]", "location: CH"))
    assert "processes data in Switzerland (CH), outside the EEA" in message


def test_an_unreadable_since_date() -> None:
    message = only(recipients_yml=recipients_with("since: 2024-03-01", "since: March 2024"))
    assert message.startswith("docs/example/recipients.yml:15: 'March 2024' is not a date.")
    message = only(recipients_yml=recipients_with("since: 2024-03-01", "since: 2024-02-30"))
    assert "'2024-02-30' is not a date." in message


def test_a_cookie_must_say_what_it_is_for() -> None:
    message = only(cookies_yml=cookies_with("    purpose: Keeps you signed in.\n", ""))
    assert message.startswith("docs/example/cookies.yml:7: the cookie 'session' does not say what it is for.")


def test_document_categories_are_checked() -> None:
    message = only(cookies_yml=cookies_with("    consent: exempt\n", "    consent: maybe\n"))
    assert message.startswith(
        "docs/example/cookies.yml:4: the category 'preferences' needs `consent: required` or `consent: exempt`."
    )
    message = only(cookies_yml=cookies_with("categories:\n", "categories:\n  analytics: {consent: exempt}\n"))
    assert message.startswith("docs/example/cookies.yml:3: 'analytics' is a built-in category")
    message = only(cookies_yml=cookies_with("categories:\n", "categories:\n  Ads-2: {consent: required}\n"))
    assert message.startswith("docs/example/cookies.yml:3: 'Ads-2' is not a valid category name.")
    message = only(cookies_yml=cookies_with("categories:\n", "categories:\n  ads: required\n"))
    assert message.startswith("docs/example/cookies.yml:3: the category 'ads' must say whether it needs consent.")
    message = only(cookies_yml=cookies_with("    label: Preferences\n", "    label: Preferences\n    colour: red\n"))
    assert message.startswith("docs/example/cookies.yml:6: unknown key 'colour'.")


def test_an_empty_register_is_a_problem() -> None:
    message = only(cookies_yml="caption: Cookies\ncookies: []\n")
    assert message.startswith("docs/example/cookies.yml:2: 'cookies' must list the cookies the site sets")


def test_warning_a_cookie_needing_consent_whose_purposes_rest_on_another_basis() -> None:
    # The purpose 'service' rests on contract and legitimate interests; analytics needs consent.
    reading = read(cookies_yml=cookies_with("purposes: [statistics]", "purposes: [service]"))
    assert reading.problems == []
    assert [str(w) for w in reading.warnings] == [
        "docs/example/cookies.yml:20: the cookie '_ga' is in the category 'analytics', which needs the visitor's "
        "consent, but its purposes (service) rest on other lawful bases in purposes.yml. Fix: add `- consent` to "
        "the bases of its purpose in purposes.yml, or, if the cookie is strictly necessary, put it in the "
        "category strictly_necessary."
    ]
    # One purpose that rests on consent is enough; an exempt category needs none.
    assert read(cookies_yml=cookies_with("purposes: [statistics]", "purposes: [service, statistics]")).warnings == []
    exempt = cookies_with("purposes: [statistics]", "purposes: [service]").replace(
        "category: analytics", "category: preferences"
    )
    assert read(cookies_yml=exempt).warnings == []


@pytest.mark.parametrize("placeholder", ["cookies", "recipients"])
def test_the_placeholder_needs_its_register(placeholder: str) -> None:
    intro = f"# Introduction\n\nSee {{{{ section: contact }}}}.\n\n{{{{ {placeholder} }}}}\n"
    found = [str(p) for p in source.read("example", files(sections__intro_md=intro), "docs/example").problems]
    assert found == [
        f"docs/example/sections/intro.md:5: {{{{ {placeholder} }}}} needs a {placeholder}.yml beside document.yml. "
        f"Fix: create docs/example/{placeholder}.yml "
        '(see "Use it on your own policy" in legaldocs\' documentation), or remove the placeholder.'
    ]
    assert source.read("example", register_files(sections__intro_md=intro), "docs/example").problems == []


def test_registers_are_part_of_the_fingerprint_only_where_a_version_has_them() -> None:
    plain, _ = source.read_document("example", files(purposes_yml=WITH_CONSENT), "docs/example")
    assert plain is not None
    # A version without registers keeps the fingerprint it had (the ledger's hashes stay true).
    assert len(history.fingerprint(plain)) == 6
    with_registers = read().document
    longer = read(cookies_yml=cookies_with("duration: 13 months", "duration: 14 months")).document
    assert with_registers is not None and longer is not None
    assert history.fingerprint(with_registers) != history.fingerprint(longer)
    assert ledger.text_sha256(with_registers) != ledger.text_sha256(longer)
    assert history.fingerprint(with_registers)[:6] == history.fingerprint(plain)[:6]


# Real builds: the tables on the page, their redline row by row -----------------------------------


def site_with_registers(tmp_path: Path) -> Path:
    """The demo policy with both registers (effective 2019-03-01), then a version effective 2019-06-01
    in which a cookie lasts longer, a recipient is removed and another added."""
    site = copy_site(tmp_path / "site")
    folder = site / "docs/privacy"
    (folder / "cookies.yml").write_text(SITE_COOKIES, encoding="utf-8")
    (folder / "recipients.yml").write_text(SITE_RECIPIENTS, encoding="utf-8")
    for name, placeholder in (("statistical-information", "cookies"), ("disclosure", "recipients")):
        section = folder / "sections" / f"{name}.md"
        section.write_text(section.read_text(encoding="utf-8") + f"\n{{{{ {placeholder} }}}}\n", encoding="utf-8")
    edit(folder / "document.yml", "effective: 2018-05-25", "effective: 2019-03-01")
    commit_site(site, "Registers of cookies and recipients", "2019-02-01")
    (folder / "cookies.yml").write_text(SITE_COOKIES.replace("13 months", "25 months"), encoding="utf-8")
    (folder / "recipients.yml").write_text(
        SITE_RECIPIENTS.replace("Mailer Inc.", "Backup AB")
        .replace("id: mailer", "id: backup")
        .replace("role: sub_processor", "role: processor")
        .replace("Sends our e-mail.", "Keeps copies of our databases.")
        .replace("[US]", "[SE]")
        .replace("    transfer: scc\n", ""),
        encoding="utf-8",
    )
    edit(folder / "document.yml", "effective: 2019-03-01", "effective: 2019-06-01")
    commit_site(site, "A backup provider instead of the mailer; analytics cookies kept longer", "2019-05-01")
    return site


def cell_text(cell: lxml.html.HtmlElement) -> str:
    """A cell's words, without the link to its entry's history the current page adds."""
    cell = copy.deepcopy(cell)
    for link in cell.xpath(".//a[contains(@class, 'ld-history-link')]"):
        link.drop_tree()
    return " ".join(cell.text_content().split())


def register_rows(root: lxml.html.HtmlElement, kind: str) -> list[list[str]]:
    table = root.xpath(f"//div[contains(@class, 'ld-{kind}')]/table")
    assert len(table) == 1
    return [[cell_text(c) for c in row if c.tag in ("th", "td")] for row in table[0].iter("tr")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = site_with_registers(tmp_path_factory.mktemp("registers"))
    build(site)
    return site


def test_the_registers_are_accessible_tables_on_the_page(built: Path) -> None:
    root = page(built, "privacy/index.html")
    cookies = root.xpath("//div[contains(@class, 'ld-cookies')]/table")[0]
    assert cookies.xpath("string(caption)") == "Cookies on our website"
    headings = ["Cookie", "Provider", "First or third party", "Category", "Duration", "Purpose"]
    assert cookies.xpath("thead/tr/th/text()") == headings and set(cookies.xpath("thead//th/@scope")) == {"col"}
    matomo = cookies.xpath("tbody/tr[@id='cookie-matomo']")[0]
    assert matomo[0].tag == "th" and matomo[0].get("scope") == "row"
    assert [c.get("data-label") for c in matomo] == headings, "each cell is labelled for a phone"
    rows = register_rows(root, "cookies")
    assert rows[1][:5] == ["sessionid", "ClusterSeven", "First party", "Strictly necessary", "Session"]
    assert rows[1][5].startswith("Keeps you signed in. To provide our Services"), "then its purposes' texts"
    assert rows[2] == ["_pk_id", "ClusterSeven", "First party", "Analytics", "25 months", "Counts visits."]
    recipients = register_rows(root, "recipients")
    assert recipients[0] == ["Recipient", "Role", "Service", "Where the data is processed", "Transfer safeguard"]
    assert recipients[1] == [
        "Hosting GmbH",
        "Processor",
        "Hosts our servers.",
        "Germany",
        "Not needed (within the EEA)",
    ]
    assert recipients[2] == [
        "Backup AB",
        "Processor",
        "Keeps copies of our databases.",
        "Sweden",
        "Not needed (within the EEA)",
    ]
    assert root.xpath("string(//div[contains(@class, 'ld-recipients')]//caption)") == "Who receives your personal data"
    earlier = register_rows(page(built, "privacy/versions/2019-03-01/index.html"), "recipients")
    assert earlier[2] == [
        "Mailer Inc.",
        "Sub-processor",
        "Sends our e-mail.",
        "United States",
        "Standard contractual clauses",
    ]


def test_the_redline_shows_register_rows_added_removed_and_changed_cell_by_cell(built: Path) -> None:
    root = page(built, "privacy/changes/2019-06-01/index.html")
    tables = root.xpath("//table[contains(@class, 'ld-table')]")
    cookie_rows = [r for t in tables for r in t.iter("tr") if "_pk_id" in r.text_content()]
    assert len(cookie_rows) == 1 and "ld-changed" in cookie_rows[0].get("class")
    assert cookie_rows[0].xpath(".//del/text()") == ["13"] and cookie_rows[0].xpath(".//ins/text()") == ["25"]
    mailer = [r for t in tables for r in t.iter("tr") if "Mailer Inc." in r.text_content()]
    postbox = [r for t in tables for r in t.iter("tr") if "Backup AB" in r.text_content()]
    assert len(mailer) == 1 and "ld-deleted" in mailer[0].get("class")
    assert len(postbox) == 1 and "ld-inserted" in postbox[0].get("class")
    counts = root.xpath("string(//ul[@class='ld-counts'])")
    # In the registers' own words, not as table rows.
    assert "1 cookie changed" in counts and "1 recipient added" in counts and "1 recipient removed" in counts
    assert "table row" not in counts


def test_words_and_country_names_in_the_pages_language() -> None:
    document = read().document
    assert document is not None and document.cookies is not None and document.recipients is not None
    html = registers.render_recipients(document.recipients, "de")
    root = lxml.html.fragment_fromstring(html)
    assert root.xpath("string(.//caption)") == "Who receives your data", "the document's caption, as written"
    assert root.xpath(".//thead//th/text()")[:2] == ["Empfänger", "Rolle"]
    assert [" ".join(c.text_content().split()) for c in root.xpath(".//tr[@id='recipient-mailer']/*")] == [
        "Mailer Inc.",
        "Unterauftragsverarbeiter",
        "Sends our e-mail.",
        "Vereinigte Staaten, Irland",
        "Standardvertragsklauseln",
    ]
    cookies = lxml.html.fragment_fromstring(registers.render_cookies(document.cookies, document, "de"))
    assert [c.text_content() for c in cookies.xpath(".//tr[@id='cookie-ga']/*")][2:5] == [
        "Drittanbieter",
        "Statistik",
        "13 Monate",
    ]
    lang = cookies.xpath(".//tr[@id='cookie-lang']/*")
    assert lang[3].text_content() == "Preferences" and lang[4].text_content() == "1 Jahr"
    assert lang[3].get("data-label") == "Kategorie"


def test_a_hostile_value_is_only_text() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    document = read(cookies_yml=cookies_with("name: _ga", f"name: '{hostile}'")).document
    assert document is not None and document.cookies is not None
    root = lxml.html.fragment_fromstring(registers.render_cookies(document.cookies, document))
    assert not root.xpath(".//img") and hostile in root.text_content()


def register_text(cookies: str, recipients: str) -> DocumentText:
    """A section holding both registers, as the page renders them."""
    document = read(cookies_yml=cookies, recipients_yml=recipients).document
    assert document is not None and document.cookies is not None and document.recipients is not None
    html = registers.render_cookies(document.cookies, document) + registers.render_recipients(document.recipients)
    return DocumentText((SectionText("registers", 1, "Registers", html),))


def test_the_browser_engine_redlines_the_registers_as_python_does(js_dom: Engine) -> None:
    variants = [
        (COOKIES, RECIPIENTS),
        (cookies_with("duration: 13 months", "duration: 25 months"), RECIPIENTS),
        (COOKIES, recipients_with("  - id: hosting\n    name: Hosting GmbH", "  - id: hosting\n    name: Hosting SE")),
        (
            cookies_with("  - id: lang\n", "  - id: lang2\n"),
            RECIPIENTS + "  - id: crm\n    name: CRM Ltd\n    role: processor\n    service: Keeps our contacts.\n"
            "    location: [GB]\n    transfer: adequacy\n",
        ),
        # Renamed and reordered: paired by id, not by name; a recipient added whose text is an old one's.
        (
            cookies_with("name: _ga\n", "name: _ga4\n").replace("name: sessionid", "name: sid"),
            RECIPIENTS + "  - id: hosting2\n    name: Hosting GmbH\n    role: processor\n"
            "    service: Hosts our servers.\n    location: [DE]\n",
        ),
    ]
    texts = [register_text(*v) for v in variants]
    pairs = [(i, j) for i in range(len(texts)) for j in range(len(texts)) if i != j]
    got = js_dom.compare([compare_data.version_data(t) for t in texts], pairs)
    for (i, j), node in zip(pairs, got, strict=True):
        assert not first_difference(comparable(expected(texts[i], texts[j])), comparable(node)), (i, j)
    change = redline.compare(texts[0], texts[3]).counts
    assert (change.recipients_added, change.cookies_added, change.cookies_removed) == (1, 1, 1), (
        "CRM Ltd added; a cookie with another id is another cookie"
    )
    assert (change.rows_added, change.rows_removed, change.rows_changed) == (0, 0, 0)
    renamed = redline.compare(texts[0], texts[2]).counts
    assert (renamed.recipients_changed, renamed.recipients_added, renamed.recipients_removed) == (1, 0, 0)
    renamed = redline.compare(texts[0], texts[4]).counts
    assert (renamed.cookies_changed, renamed.cookies_added, renamed.cookies_removed) == (2, 0, 0)


def test_a_site_overrides_a_registers_template(tmp_path: Path) -> None:
    site = site_with_registers(tmp_path)
    own = site / "overrides/legaldocs/recipients.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(
        '<div class="ld-register ld-recipients"><table><caption>Ours</caption>'
        "{% for row in rows %}<tr><td>{{ row.cells[0] }}!</td></tr>{% endfor %}</table></div>",
        encoding="utf-8",
    )
    build(site)
    root = page(site, "privacy/index.html")
    assert register_rows(root, "recipients") == [["Hosting GmbH!"], ["Backup AB!"]]


def test_on_a_phone_each_register_row_is_a_labelled_card_and_axe_finds_nothing_serious(
    built: Path, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto((built / "site/privacy/index.html").as_uri())
        seen = tab.evaluate(
            """() => {
              const cells = [...document.querySelector('#recipient-hosting').children];
              return {
                labels: cells.map(c => getComputedStyle(c, '::before').content),
                display: cells.map(c => getComputedStyle(c).display),
                stacked: cells[1].getBoundingClientRect().top > cells[0].getBoundingClientRect().top,
              };
            }"""
        )
        violations = serious_violations(tab)
    finally:
        context.close()
    assert seen["labels"] == [
        '"Recipient"',
        '"Role"',
        '"Service"',
        '"Where the data is processed"',
        '"Transfer safeguard"',
    ]
    assert set(seen["display"]) == {"block"} and seen["stacked"]
    assert violations == []


def test_the_registers_are_exported_as_json_and_csv_for_each_version(built: Path) -> None:
    out = built / "site/privacy"
    current = json.loads((out / "recipients.json").read_text(encoding="utf-8"))
    assert (current["format"], current["effective"]) == (1, "2019-06-01")
    assert [r["id"] for r in current["recipients"]] == ["hosting", "backup"]
    assert current["recipients"][0] == {
        "id": "hosting",
        "name": "Hosting GmbH",
        "role": "processor",
        "service": "Hosts our servers.",
        "location": ["DE"],
        "transfer": "",
        "purposes": [],
        "since": "",
    }
    earlier = json.loads((out / "versions/2019-03-01/recipients.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in earlier["recipients"]] == ["Hosting GmbH", "Mailer Inc."]
    assert earlier["recipients"][1]["transfer"] == "scc"
    cookies = list(csv.DictReader(io.StringIO((out / "versions/2019-03-01/cookies.csv").read_text(encoding="utf-8"))))
    assert [(c["id"], c["duration"], c["consent"]) for c in cookies] == [
        ("session", "session", "exempt"),
        ("matomo", "13 months", "required"),
    ]
    assert cookies[0]["purposes"] == "provide-services"
    assert "25 months" in (out / "cookies.csv").read_text(encoding="utf-8")
    # The first version has no registers: nothing is exported for it.
    assert not (out / "versions/2018-05-25/cookies.json").exists()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    document = read(
        recipients_yml=recipients_with("name: Mailer Inc.", "name: '=HYPERLINK(\"http://x\")'").replace(
            "service: Hosts our servers.", "service: '@SUM(1+1)'"
        )
    ).document
    assert document is not None
    rows = list(csv.reader(io.StringIO(registers.export_csv(document, "recipients"))))
    assert rows[0][:3] == ["id", "name", "role"]
    assert rows[1][3] == "'@SUM(1+1)" and rows[2][1] == '\'=HYPERLINK("http://x")'
    assert [registers.neutralised(c) for c in ("+1", "-1", "\tx", "a=b")] == ["'+1", "'-1", "'\tx", "a=b"]


def test_legaldocs_check_names_a_registers_mistakes_at_their_lines(tmp_path: Path) -> None:
    site = site_with_registers(tmp_path)
    recipients = site / "docs/privacy/recipients.yml"
    edit(recipients, "location: [DE]", "location: [DE, UK]")
    edit(recipients, "role: processor", "role: procesor")
    commit_site(site, "Two mistakes in the register", "2019-05-02")
    result = subprocess.run(["legaldocs", "check"], cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"docs/privacy/recipients.yml:{line_of(recipients, 'procesor')}: 'procesor' is not a role of a recipient. "
        "Fix: did you mean `processor`? Otherwise use one of processor, sub_processor, controller, "
        "joint_controller, recipient.",
        f"docs/privacy/recipients.yml:{line_of(recipients, 'UK]')}: 'UK' is not a country code. Fix: use ISO "
        "3166-1 two-letter codes, e.g. DE for Germany, US for the United States (the United Kingdom is GB).",
    ]


def test_a_file_document_with_a_register_placeholder_is_told_it_has_none() -> None:
    """A one-file document whose entry names no register: its placeholder is a problem, never a traceback
    (test_registers_files: one that names them)."""
    text = "---\ntitle: Privacy\neffective: 2024-02-01\n---\n# Privacy\n\nText.\n\n{{ recipients }}\n"
    reading = filedoc.read("statement", {filedoc.FILE_KEY: text.encode()}, "p.md", FileSpec("statement", "p.md"))
    assert [p.message for p in reading.problems] == [
        "{{ recipients }} needs a register: the document's entry in mkdocs.yml names no recipients.yml."
    ]


def markdown_table(heads: list[str], rows: list[list[str]]) -> str:
    """A table as Python-Markdown writes one from a Markdown table: ``<th>`` without ``scope``."""
    head = "".join(f"<th>{h}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def test_a_table_moved_into_the_register_reads_the_same_where_its_cells_do(js_dom: Engine) -> None:
    """The sub-processors' Markdown table moved into recipients.yml: each row was "removed" and the same
    added again, and the header said "Markup on “Recipient” added: <th scope="col">" five times (a
    scope no reader sees). Now a row whose cells read the same is unchanged; a changed cell is a
    changed row (paired by its name with the text's row), counted as a changed recipient."""
    document = read(recipients_yml=RECIPIENTS).document
    assert document is not None and document.recipients is not None
    rows = registers.recipient_rows(document.recipients, "en")
    heads = [str(c) for c in registers.RECIPIENT_COLUMNS]
    old = DocumentText((SectionText("s", 1, "Sub-processors", markdown_table(heads, [list(r.cells) for r in rows])),))
    new = DocumentText((SectionText("s", 1, "Sub-processors", registers.render_recipients(document.recipients)),))
    change = redline.compare(old, new)
    counts = change.counts
    assert (counts.recipients_added, counts.recipients_removed, counts.recipients_changed) == (0, 0, 0)
    assert (counts.rows_added, counts.rows_removed, counts.rows_changed, counts.formatting_changed) == (0, 0, 0, 0)
    shown = [c for s in change.sections for c in s.blocks if c.status != redline.UNCHANGED]
    assert [(c.status, c.new.text) for c in shown] == [(redline.INSERTED, "Who receives your data")]
    # One cell reads otherwise: that row changed, paired with the text's row by its name.
    edited = [list(r.cells) for r in rows]
    edited[1][2] = "E-mail"
    old2 = DocumentText((SectionText("s", 1, "Sub-processors", markdown_table(heads, edited)),))
    counts = redline.compare(old2, new).counts
    assert (counts.recipients_added, counts.recipients_removed, counts.recipients_changed) == (0, 0, 1)
    # The trial's table: other columns ("Name", "Location"), other words. Each row is one changed
    # recipient, its name in the same column on both sides (a renamed column pairs by position).
    trial = markdown_table(
        ["Name", "Service", "Location"], [["Hosting GmbH", "Hosting", "DE"], ["Mailer Inc.", "E-mail", "US"]]
    )
    old3 = DocumentText((SectionText("s", 1, "Sub-processors", trial),))
    change = redline.compare(old3, new)
    counts = change.counts
    assert (counts.recipients_added, counts.recipients_removed, counts.recipients_changed) == (0, 0, 2)
    assert (counts.columns_added, counts.columns_removed, counts.formatting_changed) == (2, 0, 0)
    rows_shown = [c for s in change.sections for c in s.blocks if c.status == redline.CHANGED and c.old.kind == "row"]
    assert [c.diffs[0].kind for c in rows_shown[1:]] == [tokens.UNCHANGED] * 2, "the names stay"
    texts = [old, old2, new, old3]
    pairs = [(0, 2), (2, 0), (1, 2), (2, 1), (3, 2), (2, 3)]
    got = js_dom.compare([compare_data.version_data(t) for t in texts], pairs)
    for (i, j), node in zip(pairs, got, strict=True):
        assert not first_difference(comparable(expected(texts[i], texts[j])), comparable(node)), (i, j)
