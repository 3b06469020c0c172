"""Former addresses ('aliases:'): a redirect page at each, on a real build."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from ..conftest import DATA, build_site

if TYPE_CHECKING:
    from pathlib import Path

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
PAGE = "briefings/harbour-strike-ends-after-nine-days/"


def with_aliases(*aliases: str) -> str:
    listed = "".join(f"  - {alias}\n" for alias in aliases)
    return HARBOUR.replace("category: Economy\n", f"aliases:\n{listed}category: Economy\n", 1)


def redirect_target(path: Path) -> tuple[str, str, str]:
    """The refresh target, the canonical link and the visible link of a redirect page."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    canonical = page.find("link", rel="canonical")
    link = page.find("a")
    assert refresh is not None
    assert canonical is not None
    assert link is not None
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    assert page.find("script") is None
    assert "This briefing has moved to" in page.get_text()
    content = str(refresh["content"])
    assert content.startswith("0; url=")
    return content.removeprefix("0; url="), str(canonical["href"]), str(link["href"])


def test_each_former_address_redirects_to_the_page_and_stays_out_of_sitemap(
    project: Path,
) -> None:
    (project / "briefings" / "harbour.yml").write_text(
        with_aliases("port-strike", "news/2025/port-strike/"), encoding="utf-8"
    )
    site = build_site(project)
    target = f"https://news.example.org/{PAGE}"
    for old in ("briefings/port-strike/index.html", "news/2025/port-strike/index.html"):
        assert redirect_target(site / old) == (target, target, target)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "port-strike" not in sitemap
    assert "port-strike" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "port-strike" not in (site / "briefings.rss.xml").read_text(encoding="utf-8")


def test_redirects_under_a_subpath_and_without_site_url(project: Path) -> None:
    (project / "briefings" / "harbour.yml").write_text(with_aliases("port-strike"), "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("https://news.example.org/", "https://user.example.io/mkdocs-briefings/"),
        encoding="utf-8",
    )
    site = build_site(project)
    target = f"https://user.example.io/mkdocs-briefings/{PAGE}"
    assert redirect_target(site / "briefings/port-strike/index.html")[0] == target
    config.write_text(text.replace("site_url: https://news.example.org/\n", ""), "utf-8")
    site = build_site(project)
    relative = "../harbour-strike-ends-after-nine-days/"
    assert redirect_target(site / "briefings/port-strike/index.html") == (relative,) * 3
    assert (site / "briefings/port-strike" / relative / "index.html").resolve().exists()


@pytest.mark.parametrize(
    ("alias", "taken"),
    [
        ("tags/labour/", "the generated pages under tags/"),
        ("about/", "docs/about.md"),
        ("other-story", "briefings/other.yml"),
    ],
)
def test_an_alias_that_collides_is_a_located_error(
    project: Path, caplog: pytest.LogCaptureFixture, alias: str, taken: str
) -> None:
    (project / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    other = HARBOUR.replace("title: Harbour strike", "slug: other-story\ntitle: Harbour strike")
    (project / "briefings" / "other.yml").write_text(other, encoding="utf-8")
    (project / "briefings" / "harbour.yml").write_text(with_aliases(alias), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    line = HARBOUR.splitlines().index("category: Economy") + 2
    assert (
        f"briefings/harbour.yml:{line}:5: aliases[0]: '{alias}' is already the address of "
        f"{taken}; choose another or remove it"
    ) in [r.getMessage() for r in caplog.records]
    with pytest.raises(Abort):
        build_site(project, strict=True)


def test_check_warns_when_an_address_of_the_last_build_is_lost(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from mkdocs_briefings.cli import cli

    monkeypatch.chdir(project)
    harbour = project / "briefings" / "harbour.yml"
    harbour.write_text(HARBOUR, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check"]).stderr == ""  # no build yet: nothing to compare with
    build_site(project)
    harbour.write_text("slug: port-strike\n" + HARBOUR, encoding="utf-8")
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"site/sitemap-pages.xml: warning: the last build had {PAGE}, which no briefing has now; "
        "add it to 'aliases:' of the briefing that moved there\n"
    )
    kept = HARBOUR.replace("category:", "aliases: [harbour-strike-ends-after-nine-days]\ncategory:")
    harbour.write_text("slug: port-strike\n" + kept, encoding="utf-8")
    assert runner.invoke(cli, ["check"]).stderr == ""
