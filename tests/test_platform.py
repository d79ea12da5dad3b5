"""The platform after MkDocs 1.x: ProperDocs builds the same site, a site's configuration may be
properdocs.yml, and a folder set up for Zensical (which skips the plugin) is said.

ProperDocs installs beside MkDocs (its own package and command; only inside `properdocs` does
`import mkdocs` mean ProperDocs), so both build in this one environment.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, commit_site, copy_site, edit, line_of, mkdocs
from legaldocs import demo, siteconfig

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 has no tomllib
    tomllib = pytest.importorskip("tomli")

#: The one thing the two builds may differ in: the generator's name and version in each page's head
#: (Material writes `mkdocs-<version>`; under ProperDocs that version reads `ProperDocs <version>`).
GENERATOR = re.compile(rb'(<meta name="generator" content=")mkdocs-(?:ProperDocs )?[0-9][0-9.]*(, )')
#: The demo's build date for both builds: a build across midnight must not differ in its dates.
EPOCH = "1780000000"  # 28 May 2026


def run(site: Path, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, "-m", program, *args] if program != "legaldocs" else [program, *args]
    return subprocess.run(command, cwd=site, capture_output=True, text=True, env=environ, timeout=300)


def needs_properdocs() -> None:
    if importlib.util.find_spec("properdocs") is None:
        reason = "ProperDocs is not installed (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(f"the ProperDocs build is required in CI: {reason}")
        pytest.skip(reason)


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":  # sitemap.xml.gz: its content, not its gzip header
        data = gzip.decompress(data)
    return GENERATOR.sub(rb"\1GENERATOR\2", data)


def first_difference(rel: str, ours: bytes, theirs: bytes) -> str:
    mine, other = ours.decode("utf-8", "replace").splitlines(), theirs.decode("utf-8", "replace").splitlines()
    for number, (a, b) in enumerate(zip(mine, other, strict=False), 1):
        if a != b:
            return f"{rel}:{number}:\n  mkdocs:     {a[:300]!r}\n  properdocs: {b[:300]!r}"
    return f"{rel}: mkdocs wrote {len(mine)} lines, properdocs {len(other)}"


def test_properdocs_builds_the_demo_as_mkdocs_does(tmp_path: Path) -> None:
    """The issue's "done when": ProperDocs builds the same site. Every file of the two builds is
    compared; only the generator's name in the pages' head may differ."""
    needs_properdocs()
    site = tmp_path / "policy"
    demo.write(site)
    built = {}
    for program in ("mkdocs", "properdocs"):
        out = tmp_path / program
        result = run(site, program, "build", "--strict", "-d", str(out))
        assert result.returncode == 0, f"{program} build --strict failed:\n{result.stderr}"
        assert (out / "ledger.json").is_file(), f"{program} built the site without the legaldocs plugin"
        built[program] = out
    ours, theirs = built["mkdocs"], built["properdocs"]
    files = {p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file()}
    other = {p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file()}
    assert files == other, f"only mkdocs wrote {sorted(files - other)}; only properdocs wrote {sorted(other - files)}"
    assert len(files) > 50
    head = (theirs / "privacy/index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs ' in head  # it was ProperDocs that built it
    for rel in sorted(files):
        a, b = normalised(ours / rel), normalised(theirs / rel)
        if a != b:
            pytest.fail("ProperDocs built a different site: " + first_difference(rel, a, b))


def test_the_plugin_is_registered_for_mkdocs_and_for_properdocs() -> None:
    points = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert points["mkdocs.plugins"] == points["properdocs.plugins"] == {"legaldocs": "legaldocs.plugin:LegalDocsPlugin"}
    needs_properdocs()
    from properdocs.plugins import get_plugins  # the groups ProperDocs itself loads plugins from

    assert get_plugins()["legaldocs"].value == "legaldocs.plugin:LegalDocsPlugin"


def test_check_and_diff_read_properdocs_yml_where_there_is_no_mkdocs_yml(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    (site / "mkdocs.yml").rename(site / "properdocs.yml")
    commit_site(site, "Built with ProperDocs")
    assert siteconfig.find(site) == site / "properdocs.yml"
    result = run(site, "legaldocs", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 document checked: no problems.\n"
    result = run(site, "legaldocs", "diff", "HEAD", "HEAD", "--format", "json")
    assert result.returncode == 0, result.stderr
    # A mistake in it is said at its line, in the file it is in.
    edit(site / "properdocs.yml", "  - legaldocs\n", "  - legaldocs:\n      notice_period: -3\n")
    commit_site(site, "A negative notice")
    result = run(site, "legaldocs", "check")
    assert result.returncode == 1
    line = line_of(site / "properdocs.yml", "notice_period:")
    assert result.stderr.startswith(f"properdocs.yml:{line}: plugins.legaldocs.notice_period: "), result.stderr
    edit(site / "properdocs.yml", "notice_period: -3\n", "documents: [privacy, terms]\n")
    result = run(site, "legaldocs", "check")
    assert result.returncode == 2
    assert result.stderr.startswith("properdocs.yml: plugins.legaldocs.documents names 'terms', but "), result.stderr


def test_new_version_finds_the_documents_where_properdocs_yml_says(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    (site / "docs").rename(site / "content")
    (site / "properdocs.yml").write_text(
        (site / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs", "docs_dir: content"),
        encoding="utf-8",
    )
    (site / "mkdocs.yml").unlink()
    commit_site(site, "ProperDocs, the documents under content/")
    result = run(site, "legaldocs", "new-version", "--effective", "2031-01-01", "--summary", "A new version.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content/privacy/document.yml: a new version, effective 2031-01-01")


def test_check_and_the_build_warn_of_a_zensical_toml(tmp_path: Path) -> None:
    """Zensical builds a site without the plugins it does not know: a folder set up for it would
    publish the pages without their archive. A warning (the site is fine; `--strict` fails), since
    the fix is the user's: build with MkDocs or ProperDocs and remove the file."""
    site = copy_site(tmp_path / "site")
    (site / "zensical.toml").write_text('[project]\nsite_name = "Policies"\n', encoding="utf-8")
    commit_site(site, "Try Zensical")
    result = run(site, "legaldocs", "check")
    assert result.returncode == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warning.startswith("warning: zensical.toml: this folder is set up to be built with Zensical")
    assert "Fix: build with `mkdocs build` or `properdocs build`, and remove zensical.toml." in warning
    assert run(site, "legaldocs", "check", "--strict").returncode == 1
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 1 and "zensical.toml: this folder is set up to be built with Zensical" in built.stderr


def test_check_warns_when_mkdocs_yml_and_properdocs_yml_are_both_there(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    (site / "properdocs.yml").write_text((site / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    commit_site(site, "Two configurations")
    result = run(site, "legaldocs", "check", "--strict")
    assert result.returncode == 1
    assert "warning: properdocs.yml: both mkdocs.yml and properdocs.yml are here" in result.stderr
    assert "Fix: keep one of the two files." in result.stderr
