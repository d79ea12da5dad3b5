"""A pull request cannot make `legaldocs check` or `legaldocs diff` run its code or read outside it.

Each test is an attack a pull request could make through mkdocs.yml, against a real site in a real
git repository, through the real console script: the code it names writes a marker file, and the
marker must not appear; what legaldocs did instead is said.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from git import Repo
from helpers import commit_site, copy_site, edit, legaldocs, line_of, mkdocs

CONFIG = "mkdocs.yml"


def configure(site: Path, old: str, new: str) -> None:
    edit(site / CONFIG, old, new)


def with_site_on_path(site: Path) -> dict[str, str]:
    """A PYTHONPATH that finds modules in the site's folder, as `python -m mkdocs` run there does:
    so code the repository names could be imported, if anything tried."""
    return {"PYTHONPATH": os.pathsep.join([os.environ.get("PYTHONPATH", ""), str(site)])}


def test_a_hook_named_in_mkdocs_yml_is_not_run_by_check_or_diff(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    marker = tmp_path / "hook-ran"
    (site / "hooks").mkdir()
    # What the attack did: make `legaldocs diff` report nothing, and anything else it likes.
    (site / "hooks/x.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n"
        "import legaldocs.redline as r\n_compare = r.compare\n"
        "r.compare = lambda old, new: _compare(old, old)\n",
        encoding="utf-8",
    )
    configure(site, "plugins:\n", "hooks:\n  - hooks/x.py\n\nplugins:\n")
    commit_site(site, "A hook")
    edit(site / "docs/privacy/sections/data-retention.md", "We will retain", "We shall retain")

    checked = legaldocs("check", cwd=site)
    assert not marker.exists(), "legaldocs check ran the hook"
    assert checked.returncode == 0, checked.stderr
    line = line_of(site / CONFIG, "hooks:")
    assert f"note: mkdocs.yml:{line}: hooks names 'hooks/x.py', Python code from the repository" in checked.stderr
    assert "did not run it (`mkdocs build` runs it)" in checked.stderr

    diffed = legaldocs("diff", "HEAD", "--no-color", cwd=site)
    assert not marker.exists(), "legaldocs diff ran the hook"
    assert diffed.returncode == 0, diffed.stderr
    assert "No changes" not in diffed.stdout and "shall" in diffed.stdout
    assert "did not run it" in diffed.stderr

    # The hook is real: the build, which runs what mkdocs.yml names as MkDocs does, runs it.
    mkdocs(site, "build")
    assert marker.exists()


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    marker = tmp_path / "tag-ran"
    configure(
        site,
        "extra:\n",
        f'extra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    commit_site(site, "A Python tag")
    line = line_of(site / CONFIG, "!!python/object/apply")
    checked = legaldocs("check", cwd=site)
    assert not marker.exists()
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    assert f"mkdocs.yml:{line}: `!!python/object/apply:os.system` names Python code" in checked.stderr
    diffed = legaldocs("diff", "HEAD", cwd=site)
    assert not marker.exists()
    assert diffed.returncode == 2 and "!!python/object/apply:os.system" in diffed.stderr


def test_env_tags_never_read_the_environment(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    configure(
        site,
        "  - legaldocs\n",
        "  - legaldocs:\n      notice_period: !ENV [LEGALDOCS_NOTICE, 30]\n      branch: !ENV LEGALDOCS_BRANCH\n",
    )
    commit_site(site, "Options from the environment")
    # What the runner's environment holds: had it been read, the value would be printed as wrong.
    secret = {"LEGALDOCS_NOTICE": "ghp_SECRET_TOKEN", "LEGALDOCS_BRANCH": "no-such-branch"}
    checked = legaldocs("check", "--strict", cwd=site, env=secret)
    assert checked.returncode == 0, checked.stderr
    assert "SECRET" not in checked.stderr + checked.stdout
    diffed = legaldocs("diff", "--format", "json", cwd=site, env=secret)
    assert diffed.returncode == 0, diffed.stderr
    assert "SECRET" not in diffed.stderr + diffed.stdout and "no-such-branch" not in diffed.stderr
    assert '"notice_period": 30' in diffed.stdout


def test_inherit_reads_only_inside_the_repository(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    outside = tmp_path / "outside.yml"
    outside.write_text("site_name: From outside\n", encoding="utf-8")
    config = site / CONFIG
    config.write_text("INHERIT: ../outside.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    commit_site(site, "Inherit from outside")
    for args in (("check",), ("diff", "HEAD")):
        result = legaldocs(*args, cwd=site)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert "mkdocs.yml:1: INHERIT names '../outside.yml', which is outside the repository" in result.stderr

    # Inside the repository it is read, and merged as MkDocs merges it: the options it sets count.
    (site / "base.yml").write_text("plugins:\n  - legaldocs:\n      notice_periods: 30\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("../outside.yml", "base.yml"), encoding="utf-8")
    configure(site, "plugins:\n  - search\n  - legaldocs\n", "")
    result = legaldocs("check", "--strict", cwd=site)
    assert result.returncode == 1
    assert "base.yml:3: plugins.legaldocs has no option 'notice_periods'" in result.stderr


def test_an_extension_off_the_allow_list_is_not_run_and_is_said(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    marker = tmp_path / "extension-ran"
    (site / "myext.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n"
        "from markdown.extensions import Extension\n"
        "class X(Extension):\n    def extendMarkdown(self, md):\n        pass\n"
        "def makeExtension(**kwargs):\n    return X(**kwargs)\n",
        encoding="utf-8",
    )
    configure(site, "  - abbr\n", "  - abbr\n  - myext\n  - pymdownx.snippets:\n      base_path: [.]\n")
    commit_site(site, "Two extensions")
    env = with_site_on_path(site)
    for args in (("check",), ("diff", "HEAD")):
        result = legaldocs(*args, cwd=site, env=env)
        assert not marker.exists(), f"legaldocs {args[0]} imported the repository's extension"
        assert result.returncode == 0, result.stderr
        for name in ("myext", "pymdownx.snippets"):
            line = line_of(site / CONFIG, f"- {name}")
            assert f"mkdocs.yml:{line}: markdown_extensions names {name!r}, which the legal documents' sections " in (
                result.stderr
            )
        assert "Python-Markdown's own and pymdown-extensions' (except snippets and b64" in result.stderr

    # The build renders sections with the same allow-list, so check and build agree: no file is read
    # into a section by a snippet, and the build says why.
    (site / "secret.txt").write_text("SECRET-FILE-CONTENT\n", encoding="utf-8")
    edit(site / "docs/privacy/sections/links.md", "Please check", '--8<-- "secret.txt"\n\nPlease check')
    commit_site(site, "A snippet in a section")
    built = mkdocs(site, "build", env=env)
    assert built.returncode == 0, built.stderr
    assert "SECRET-FILE-CONTENT" not in (site / "site/privacy/index.html").read_text(encoding="utf-8")
    assert "markdown_extensions names 'pymdownx.snippets', which the legal documents' sections" in built.stderr


def test_functions_named_for_an_extension_are_used_only_from_the_allow_list(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    configure(
        site,
        "  - abbr\n",
        "  - abbr\n  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
        "          class: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "  - pymdownx.emoji:\n      emoji_generator: !!python/name:os.system\n",
    )
    commit_site(site, "Extensions with functions")
    result = legaldocs("check", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "pymdownx.superfences" not in result.stderr  # on the allow-list, with its function
    line = line_of(site / CONFIG, "- pymdownx.emoji")
    assert f"mkdocs.yml:{line}: markdown_extensions names 'pymdownx.emoji', which" in result.stderr
    assert "its options name code, `!!python/name:os.system`" in result.stderr


def test_a_misspelled_option_fails_check_strict_as_it_fails_the_strict_build(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    configure(site, "  - legaldocs\n", "  - legaldocs:\n      notice_periods: 30\n")
    configure(site, "site_name:", "site_nmae: Typo\nsite_name:")
    commit_site(site, "Typos")
    built = mkdocs(site, "build", "--strict")
    assert built.returncode == 1 and "notice_periods" in built.stderr  # what check must agree with
    strict = legaldocs("check", "--strict", cwd=site)
    assert strict.returncode == 1, strict.stderr
    line = line_of(site / CONFIG, "notice_periods")
    assert (
        f"warning: mkdocs.yml:{line}: plugins.legaldocs has no option 'notice_periods', so it does nothing "
        "(and `mkdocs build --strict` stops on it). Fix: did you mean notice_period?"
    ) in strict.stderr
    assert f"mkdocs.yml:{line_of(site / CONFIG, 'site_nmae')}: mkdocs.yml has no option 'site_nmae'" in strict.stderr
    assert "did you mean site_name?" in strict.stderr
    lenient = legaldocs("check", cwd=site)
    assert lenient.returncode == 0 and "notice_periods" in lenient.stderr


def test_a_wrong_option_value_is_a_problem_at_its_line(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    configure(site, "  - legaldocs\n", "  - legaldocs:\n      notice_period: -3\n      recent_days: 5\n")
    commit_site(site, "A negative notice")
    result = legaldocs("check", cwd=site)
    assert result.returncode == 1, result.stderr
    line = line_of(site / CONFIG, "notice_period:")
    assert f"mkdocs.yml:{line}: plugins.legaldocs.notice_period: must be a number of days, 0 or more" in result.stderr


def test_a_short_acknowledged_commit_id_is_refused_with_the_full_one(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    full = Repo(site).head.commit.hexsha
    configure(
        site,
        "  - legaldocs\n",
        f"  - legaldocs:\n      acknowledge:\n        - commit: {full[:7]}\n          reason: A typing mistake.\n",
    )
    result = legaldocs("check", cwd=site)
    assert result.returncode == 1, result.stderr
    assert f"'{full[:7]}' is a short commit id" in result.stderr
    assert f"Write the full id: commit: {full}" in result.stderr
    built = mkdocs(site, "build")
    assert built.returncode == 1 and f"Write the full id: commit: {full}" in built.stderr
    configure(site, f"commit: {full[:7]}", f"commit: {full}")
    assert legaldocs("check", cwd=site).returncode == 0


def test_a_symlinked_mkdocs_yml_leading_out_of_the_repository_is_not_read(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    secret = tmp_path / "secret.yml"
    secret.write_text("site_name: [unclosed\n", encoding="utf-8")
    (site / CONFIG).unlink()
    (site / CONFIG).symlink_to(secret)
    result = legaldocs("check", cwd=site)
    assert result.returncode == 2 and "outside the repository" in result.stderr
    assert "unclosed" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_docs_dir_outside_the_repository_is_refused(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    (tmp_path / "elsewhere").mkdir()
    configure(site, "docs_dir: docs", "docs_dir: ../elsewhere")
    result = legaldocs("check", cwd=site)
    assert result.returncode == 2 and "docs_dir '../elsewhere' is outside the repository" in result.stderr


def test_new_version_finds_the_documents_where_mkdocs_yml_says(tmp_path: Path) -> None:
    """One options object: new-version reads docs_dir from mkdocs.yml as check and diff do."""
    site = copy_site(tmp_path / "site")
    (site / "docs").rename(site / "content")
    configure(site, "docs_dir: docs", "docs_dir: content")
    commit_site(site, "The documents under content/")
    result = legaldocs("new-version", "--effective", "2031-01-01", "--summary", "A new version.", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content/privacy/document.yml: a new version, effective 2031-01-01")
    assert "effective: 2031-01-01" in (site / "content/privacy/document.yml").read_text(encoding="utf-8")


def test_a_package_of_the_repository_shadowing_an_allowed_one_is_not_run(tmp_path: Path) -> None:
    """`pymdownx/` in the repository, found first on sys.path: an allowed name, but not installed code."""
    site = copy_site(tmp_path / "site")
    marker = tmp_path / "shadow-ran"
    (site / "pymdownx").mkdir()
    (site / "pymdownx/__init__.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    (site / "pymdownx/details.py").write_text("def makeExtension(**kwargs):\n    raise SystemExit(3)\n")
    configure(site, "  - abbr\n", "  - abbr\n  - pymdownx.details\n")
    commit_site(site, "A package of our own")
    result = legaldocs("check", cwd=site, env=with_site_on_path(site))
    assert not marker.exists(), "legaldocs check ran the repository's pymdownx"
    assert result.returncode == 0, result.stderr
    line = line_of(site / CONFIG, "- pymdownx.details")
    assert f"mkdocs.yml:{line}: markdown_extensions names 'pymdownx.details', which the legal documents'" in (
        result.stderr
    )
    assert "(Python finds it in the repository, not among the installed packages)" in result.stderr
