"""Times in a real build: date-times with offsets order a day's briefings, pages show the time
in the site's zone, feeds, sitemap and JSON-LD carry full timestamps, and a briefing published
later is held back until then (shown with a Scheduled banner by `build_drafts`). Every name
here is fictional."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import zoneinfo
from typing import TYPE_CHECKING

import feedparser
from bs4 import BeautifulSoup
from click.testing import CliRunner

from mkdocs_briefings.cli import cli

from ..conftest import DATA, MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")


def briefing(title: str, published: str, *, updated: str | None = None) -> str:
    text = HARBOUR.replace("Harbour strike ends after nine days", title)
    text = text.replace("published: 2025-11-03", f"published: {published}")
    return text.replace("updated: 2025-11-04\n", f"updated: {updated}\n" if updated else "")


LATER = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
FILES = {
    "morning.yml": briefing("Morning ferry resumes", "2025-11-14T09:30+01:00"),
    "afternoon.yml": briefing(
        "Afternoon tide warning", "2025-11-14 14:00Z", updated="2025-11-14T18:45:00+01:00"
    ),
    "day.yml": briefing("Harbour fair opens", "2025-11-14"),
    "earlier.yml": briefing("Council meets on berths", "2025-11-13T23:30-05:00"),
    "later-time.yml": briefing("Bridge reopening", LATER.strftime("%Y-%m-%dT%H:%MZ")),
    "later-day.yml": briefing("Lighthouse tours", LATER.date().isoformat()),
}
TIMED_TITLES = ["Afternoon tide warning", "Morning ferry resumes", "Harbour fair opens"]


def write_site(project: Path, *, build_drafts: bool = False) -> None:
    for name, text in FILES.items():
        (project / "briefings" / name).write_text(text, encoding="utf-8")
    options = "      time_zone: Europe/Paris\n" + (
        "      build_drafts: true\n" if build_drafts else ""
    )
    yml = MINIMAL_MKDOCS_YML.replace("  - briefings\n", "  - briefings:\n" + options)
    (project / "mkdocs.yml").write_text(yml, encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, slug: str) -> BeautifulSoup:
    return soup(site / "briefings" / slug / "index.html")


def test_times_order_the_day_and_show_in_the_site_zone(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    month = soup(site / "archive" / "2025-11" / "index.html")
    titles = [a.get_text(" ", strip=True) for a in month.select(".briefing-card__title a")]
    shown = [t for t in titles if t in {*TIMED_TITLES, "Council meets on berths"}]
    # 14:00Z is 15:00 in Paris, after 9:30 CET; the day alone after the day's times; the
    # evening in New York (23:30-05:00) is listed under the day it was written, the 13th.
    assert shown == [*TIMED_TITLES, "Council meets on berths"]
    days = [h.get_text(" ", strip=True) for h in month.select("h2")]
    assert days[:2] == ["Friday, November 14, 2025", "Thursday, November 13, 2025"]  # one a day
    assert (site / "daily" / "2025-11-14" / "index.html").is_file()

    morning = page(site, "morning-ferry-resumes")
    date = morning.select_one("time.briefing-meta__date")
    assert date is not None
    assert date["datetime"] == "2025-11-14T09:30:00+01:00"
    assert date["title"] == "Friday, November 14, 2025, 9:30 CET"
    earlier = page(site, "council-meets-on-berths").select_one("time.briefing-meta__date")
    assert earlier is not None
    assert earlier["title"] == "Friday, November 14, 2025, 5:30 CET"  # in the site's zone
    day = page(site, "harbour-fair-opens").select_one("time.briefing-meta__date")
    assert day is not None
    assert day["title"] == "Friday, November 14, 2025"

    afternoon = page(site, "afternoon-tide-warning")
    updated = afternoon.select_one(".briefing-meta__updated time")
    assert updated is not None
    assert updated["title"] == "Friday, November 14, 2025, 18:45 CET"
    script = afternoon.find("script", type="application/ld+json")
    assert script is not None
    article = json.loads(script.get_text())
    article = next(x for x in article.get("@graph", [article]) if "datePublished" in x)
    assert article["datePublished"] == "2025-11-14T14:00:00+00:00"
    assert article["dateModified"] == "2025-11-14T18:45:00+01:00"
    meta = afternoon.find("meta", property="article:published_time")
    assert meta is not None
    assert meta["content"] == "2025-11-14T14:00:00+00:00"


def test_feeds_and_sitemap_carry_full_timestamps(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    feed = feedparser.parse((site / "briefings.rss.xml").read_bytes())
    assert not feed.bozo
    by_title = {e.title: e for e in feed.entries}
    assert calendar.timegm(by_title["Morning ferry resumes"].published_parsed) == calendar.timegm(
        (2025, 11, 14, 8, 30, 0)
    )
    # A day alone: its midnight in the site's zone (Paris), 23:00 UTC the day before.
    assert calendar.timegm(by_title["Harbour fair opens"].published_parsed) == calendar.timegm(
        (2025, 11, 13, 23, 0, 0)
    )
    atom = feedparser.parse((site / "briefings.atom.xml").read_bytes())
    updated = {e.title: e.updated for e in atom.entries}
    assert updated["Afternoon tide warning"] == "2025-11-14T18:45:00+01:00"
    sitemap = (site / "sitemap-pages.xml").read_text(encoding="utf-8")
    assert "<lastmod>2025-11-14T18:45:00+01:00</lastmod>" in sitemap


def test_a_briefing_published_later_waits_for_its_time(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    for slug in ("bridge-reopening", "lighthouse-tours"):
        assert not (site / "briefings" / slug).exists()
    texts = [
        p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.suffix in {".html", ".xml", ".json"}
    ]
    assert not [t for t in texts if "Bridge reopening" in t or "Lighthouse tours" in t]


def test_build_drafts_shows_a_scheduled_briefing_with_its_time(project: Path) -> None:
    write_site(project, build_drafts=True)
    site = build_site(project)
    banner = page(site, "bridge-reopening").select_one(".briefing-draft")
    assert banner is not None
    text = banner.get_text(" ", strip=True)
    assert text.startswith("Scheduled Not published yet")
    shown = LATER.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    assert f"{shown.hour}:{shown.minute:02d} CE" in text  # CET or CEST
    day_banner = page(site, "lighthouse-tours").select_one(".briefing-draft")
    assert day_banner is not None
    assert LATER.strftime("%B") in day_banner.get_text()
    feed = (site / "briefings.rss.xml").read_text(encoding="utf-8")
    assert "Bridge reopening" not in feed  # never in feeds or the sitemap
    assert "bridge-reopening" not in (site / "sitemap-pages.xml").read_text(encoding="utf-8")


def test_check_names_scheduled_briefings_without_failing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    notes = sorted(line for line in result.stderr.splitlines() if ": scheduled: " in line)
    assert notes == [
        f"briefings/later-day.yml: scheduled: published {LATER.date().isoformat()} is still to "
        "come; the built site leaves it out until then (`mkdocs serve` shows it)",
        f"briefings/later-time.yml: scheduled: published "
        f"{LATER.strftime('%Y-%m-%dT%H:%M')}:00+00:00 is still to come; the built site leaves "
        "it out until then (`mkdocs serve` shows it)",
    ]
