"""A draft previewed in headless Chromium on a phone: with `build_drafts: true` (as under
`mkdocs serve`) the draft's page shows the Draft banner above its headline, readable and within
the screen. Screenshot in test-artifacts/. Every name here is fictional."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..conftest import build_site
from ..integration.test_drafts import DRAFT, write_site
from ..pages_server import serve
from .conftest import local_context

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_draft_banner_shows_on_a_phone_under_build_drafts(
    project: Path, browser: Browser, artifacts_dir: Path
) -> None:
    write_site(project, build_drafts=True)
    # The minimal test site asks for Google's fonts and GitHub's API: aborted, as everything
    # off 127.0.0.1 is, without a trace in the page.
    context = local_context(browser, [], "phone")
    try:
        with serve(build_site(project), "/") as url:
            page = context.new_page()
            page.goto(f"{url}briefings/{DRAFT}/")
            banner = page.get_by_role("note", name="Draft")
            assert banner.is_visible()
            assert "Not published" in banner.inner_text()
            box, headline = banner.bounding_box(), page.locator("h1").first.bounding_box()
            assert box is not None
            assert headline is not None
            width = page.evaluate("document.documentElement.clientWidth")
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= width
            assert box["y"] + box["height"] <= headline["y"]  # above the headline
            assert box["y"] + box["height"] <= page.viewport_size["height"]  # on the first screen
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=artifacts_dir / "draft-banner-phone.png")
            # A published briefing of the same build has no banner.
            page.goto(f"{url}briefings/harbour-strike-ends-after-nine-days/")
            assert page.locator(".briefing-draft").count() == 0
    finally:
        context.close()
