"""A former address ('aliases:') in headless Chromium: the redirect page leads to the briefing.

The site is built without site_url, so the redirect is relative, and served under a project
path (/mkdocs-briefings/) as GitHub Pages serves it: the redirect must stay under that path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..conftest import DATA, build_site
from ..pages_server import serve

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

PAGE = "briefings/harbour-strike-ends-after-nine-days/"


def test_chromium_follows_a_former_address_to_the_briefing(
    project: Path, context: BrowserContext
) -> None:
    text = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
    aliases = "aliases:\n  - port-strike\n  - news/2025/port-strike/\n"
    (project / "briefings" / "harbour.yml").write_text(
        text.replace("category: Economy\n", aliases + "category: Economy\n", 1), "utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("site_url: https://news.example.org/\n", ""), "utf-8"
    )
    with serve(build_site(project), "/mkdocs-briefings/") as url:
        page = context.new_page()
        for old in ("briefings/port-strike/", "news/2025/port-strike/"):
            page.goto(url + old)
            page.wait_for_url(url + PAGE)
            assert page.locator("h1").first.inner_text() == "Harbour strike ends after nine days"
