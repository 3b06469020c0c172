"""Times as a reader sees them in headless Chromium: a briefing published two hours ago says
so ("2 hours ago"), with the full time in the site's zone on hover (its title); a scheduled
briefing is not there until its time. Every name here is fictional."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from ..conftest import DATA, MINIMAL_MKDOCS_YML
from .conftest import build_and_serve, local_context

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")


def briefing(title: str, published: str) -> str:
    text = HARBOUR.replace("Harbour strike ends after nine days", title)
    return text.replace("published: 2025-11-03", f"published: {published}").replace(
        "updated: 2025-11-04\n", ""
    )


def test_a_reader_sees_how_long_ago_and_the_time_in_the_site_zone(
    project: Path, browser: Browser, blocked_requests: list[str], artifacts_dir: Path
) -> None:
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    two_hours_ago = (now - dt.timedelta(hours=2)).astimezone(dt.timezone(dt.timedelta(hours=-5)))
    files = {
        "recent.yml": briefing("Ferry crews agree rota", two_hours_ago.isoformat()),
        "later.yml": briefing("Bridge reopening", (now + dt.timedelta(days=2)).isoformat()),
    }
    for name, text in files.items():
        (project / "briefings" / name).write_text(text, encoding="utf-8")
    yml = MINIMAL_MKDOCS_YML.replace(
        "  - briefings\n", "  - briefings:\n      time_zone: Asia/Tokyo\n"
    )
    (project / "mkdocs.yml").write_text(yml, encoding="utf-8")
    with build_and_serve(project, "/news/") as url:
        context = local_context(browser, blocked_requests, size="phone")
        try:
            page = context.new_page()
            page.goto(url + "briefings/ferry-crews-agree-rota/")
            date = page.locator("time.briefing-meta__date")
            assert date.inner_text() == "2 hours ago"
            tokyo = two_hours_ago.astimezone(dt.timezone(dt.timedelta(hours=9)))
            title = date.get_attribute("title") or ""
            assert title.endswith(f", {tokyo.hour}:{tokyo.minute:02d} JST")
            page.screenshot(path=artifacts_dir / "times-phone-briefing.png")
            missing = page.goto(url + "briefings/bridge-reopening/")
            assert missing is not None
            assert missing.status == 404
        finally:
            context.close()
