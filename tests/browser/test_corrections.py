"""The Corrections page in headless Chromium, on a phone and a laptop: a reader follows the
footer link from the home page, sees every correction with its date and headline, and follows
the headline to the corrected briefing. Screenshots go to test-artifacts/."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import IMAGE_SLUG, SIZES, local_context

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

CORRECTED = "Port Anselm's Temporary Flood Barriers Hold as Storm Irela Brings Record Surge"


@pytest.mark.parametrize("size", list(SIZES))
def test_a_reader_finds_the_corrections_from_the_footer(
    browser: Browser, site_url: str, artifacts_dir: Path, size: str
) -> None:
    blocked: list[str] = []
    context = local_context(browser, blocked, size)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url)
        link = page.locator("footer .site-footer__links a", has_text="Corrections").first
        assert link.inner_text().strip() == "Corrections"
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_url(site_url + "corrections/")
        assert page.locator("h1").first.inner_text().strip("¶ \n") == "Corrections"
        items = page.locator("li.briefing-correction")
        assert items.count() >= 1
        first = items.first
        assert first.locator("time").get_attribute("datetime") == "2025-11-15"
        assert first.locator("a").inner_text() == CORRECTED
        assert "closed for 18 hours" in first.locator(".briefing-correction__text").inner_text()
        assert first.is_visible()
        # Nothing wider than the screen: no sideways scrolling on a phone.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        page.screenshot(path=artifacts_dir / f"corrections-{size}.png", full_page=True)
        first.locator("a").click()
        page.wait_for_url(site_url + f"briefings/{IMAGE_SLUG}/")
        assert page.locator("#updates").count() == 1  # the briefing shows its corrections
        assert not errors, errors
        assert not blocked, blocked
    finally:
        context.close()
