"""`briefings check --sitemap FILE_OR_URL`: the addresses of the published site (its sitemap
file, or its address served on 127.0.0.1) that no briefing keeps are warned of; a sitemap that
cannot be read is one line and exit status 2. Every name here is fictional."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from click.testing import CliRunner

from mkdocs_briefings.cli import cli

from ..conftest import DATA, build_site
from ..pages_server import serve

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
PAGE = "briefings/harbour-strike-ends-after-nine-days/"
MOVED = "slug: port-strike\n" + HARBOUR
KEPT = "slug: port-strike\n" + HARBOUR.replace(
    "category:", "aliases: [harbour-strike-ends-after-nine-days]\ncategory:", 1
)


def published_site(project: Path) -> Path:
    """The site as published before the slug changed (a copy: the next build replaces site/)."""
    (project / "briefings" / "harbour.yml").write_text(HARBOUR, encoding="utf-8")
    published = project / "published"
    shutil.copytree(build_site(project), published)
    shutil.rmtree(project / "site")  # no last build: only --sitemap to compare with
    return published


def test_check_warns_of_addresses_of_the_published_sitemap_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    published_site(project)
    harbour = project / "briefings" / "harbour.yml"
    harbour.write_text(MOVED, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check"]).stderr == ""  # no last build, no --sitemap
    # sitemap.xml is the index; the sitemap it names is read from the same folder.
    result = runner.invoke(cli, ["check", "--sitemap", "published/sitemap.xml"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"published/sitemap-pages.xml: warning: the published site has {PAGE}, which no "
        "briefing has now; add it to 'aliases:' of the briefing that moved there\n"
    )
    harbour.write_text(KEPT, encoding="utf-8")
    assert runner.invoke(cli, ["check", "--sitemap", "published/sitemap.xml"]).stderr == ""


def test_check_fetches_the_published_sitemap_from_its_address(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    published = published_site(project)
    (project / "briefings" / "harbour.yml").write_text(MOVED, encoding="utf-8")
    with serve(published, "/news/") as url:
        result = CliRunner().invoke(cli, ["check", "--sitemap", url + "sitemap-pages.xml"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{url}sitemap-pages.xml: warning: the published site has {PAGE}, which no briefing "
        "has now; add it to 'aliases:' of the briefing that moved there\n"
    )


def test_an_unreadable_sitemap_is_one_line_and_exit_status_2(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "briefings" / "harbour.yml").write_text(HARBOUR, encoding="utf-8")
    runner = CliRunner()
    with serve(project / "docs", "/news/") as url:
        missing = runner.invoke(cli, ["check", "--sitemap", url + "sitemap.xml"])
    assert missing.exit_code == 2
    assert (
        missing.stderr
        == f"Error: --sitemap: {url}sitemap.xml: the server answered 404 File not found\n"
    )
    gone = runner.invoke(cli, ["check", "--sitemap", "nowhere/sitemap.xml"])
    assert gone.exit_code == 2
    assert gone.stderr == (
        "Error: --sitemap: nowhere/sitemap.xml: cannot read it: No such file or directory\n"
    )
