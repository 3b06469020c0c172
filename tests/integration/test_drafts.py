"""Drafts in a real build: `draft: true` leaves no trace in the built site (pages, lists,
feeds, sitemap, search); `build_drafts: true` and `mkdocs serve` show them with a banner, and
still keep them out of the feeds and the sitemap. Every name here is fictional."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_briefings.adapter.config import plan_options
from mkdocs_briefings.cli import cli

from ..conftest import DATA, MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
FERRY = (
    HARBOUR.replace("Harbour strike ends after nine days", "Ferry timetable changes")
    .replace("published: 2025-11-03", "published: 2025-11-05")
    .replace("updated: 2025-11-04\n", "")
    + "draft: true\n"
)
DRAFT = "ferry-timetable-changes"
DIGEST = """\
title: Wednesday
date: 2025-11-05
sections:
  - title: Port
    briefings: [harbour-strike-ends-after-nine-days]
  - title: Ferries
    briefings: [ferry-timetable-changes]
"""


def write_site(project: Path, *, build_drafts: bool = False) -> None:
    (project / "briefings" / "harbour.yml").write_text(HARBOUR, encoding="utf-8")
    (project / "briefings" / "ferry.yml").write_text(FERRY, encoding="utf-8")
    (project / "briefings" / "digests").mkdir()
    (project / "briefings" / "digests" / "2025-11-05.yml").write_text(DIGEST, encoding="utf-8")
    if build_drafts:
        yml = MINIMAL_MKDOCS_YML.replace(
            "  - briefings\n", "  - briefings:\n      build_drafts: true\n"
        )
        (project / "mkdocs.yml").write_text(yml, encoding="utf-8")


def every_text(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in site.rglob("*")
        if path.suffix in {".html", ".xml", ".json"}
    }


def test_a_draft_leaves_no_trace_in_the_built_site(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    assert not (site / "briefings" / DRAFT).exists()
    assert (site / "briefings" / "harbour-strike-ends-after-nine-days" / "index.html").is_file()
    found = {
        path: text
        for path, text in every_text(site).items()
        if DRAFT in text or "Ferry timetable" in text
    }
    assert found == {}  # home, listings, digest, feeds, sitemap, search index
    digest = BeautifulSoup(
        (site / "digests" / "2025-11-05" / "index.html").read_text(), "html.parser"
    )
    assert "Harbour strike ends after nine days" in digest.get_text()
    assert "Ferries" not in digest.get_text()  # its only briefing is a draft
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert search["docs"]
    assert not any("Draft" in str(doc.get("title")) for doc in search["docs"])


def check_shown(site: Path) -> None:
    page = site / "briefings" / DRAFT / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    banner = soup.select_one(".briefing-draft[role=note]")
    assert banner is not None
    assert banner.get_text(" ", strip=True).startswith("Draft Not published")
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    home = soup.select(".briefing-card__draft")
    assert home == []  # no card of itself on its own page's lists
    strike = site / "briefings" / "harbour-strike-ends-after-nine-days" / "index.html"
    strike_soup = BeautifulSoup(strike.read_text(encoding="utf-8"), "html.parser")
    assert strike_soup.select_one(".briefing-draft") is None
    assert strike_soup.find("meta", attrs={"name": "robots"}) is None
    economy = (site / "categories" / "economy" / "index.html").read_text(encoding="utf-8")
    cards = BeautifulSoup(economy, "html.parser").select(".briefing-card")
    marked = [
        c.select_one(".briefing-card__title").get_text(strip=True)
        for c in cards
        if c.select_one(".briefing-card__draft")
    ]
    assert marked == ["Ferry timetable changes"]
    assert "Ferries" in (site / "digests" / "2025-11-05" / "index.html").read_text(encoding="utf-8")
    # Feeds and sitemaps, even when drafts show.
    outputs = ["sitemap-pages.xml", "briefings.rss.xml", "briefings.atom.xml", "briefings.json"]
    outputs += ["digests.rss.xml", "digests.atom.xml", "digests.json"]
    for name in outputs:
        text = (site / name).read_text(encoding="utf-8")
        assert "harbour-strike-ends-after-nine-days" in text, name
        assert DRAFT not in text, name


def test_build_drafts_builds_them_with_a_banner(project: Path) -> None:
    write_site(project, build_drafts=True)
    check_shown(build_site(project))


def test_serve_shows_drafts(project: Path) -> None:
    """As `mkdocs serve` builds: `on_startup(command="serve")`, then a build."""
    write_site(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    assert plan_options(config, config.plugins["briefings"].config, serving=True).drafts
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    check_shown(project / "site")


def test_check_names_the_drafts_without_failing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(project)
    draft_digest = DIGEST.replace("2025-11-05", "2025-11-06") + "draft: true\n"
    (project / "briefings" / "digests" / "2025-11-06.yml").write_text(
        draft_digest, encoding="utf-8"
    )
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.stdout == ""  # no problem: stdout stays a list of problems to jump to
    note = "draft: left out of the built site (`mkdocs serve` shows it)"
    assert result.stderr.splitlines() == [
        f"briefings/digests/2025-11-06.yml: {note}",
        f"briefings/ferry.yml: {note}",
    ]
    alone = CliRunner().invoke(cli, ["check", "briefings/ferry.yml"])
    assert alone.stderr.splitlines() == [f"briefings/ferry.yml: {note}"]
    outside = project / "elsewhere"
    outside.mkdir()
    (outside / "ferry.yml").write_text(FERRY, encoding="utf-8")
    elsewhere = CliRunner().invoke(cli, ["check", "elsewhere"])
    assert elsewhere.exit_code == 0
    assert elsewhere.stderr.splitlines() == [f"elsewhere/ferry.yml: {note}"]
