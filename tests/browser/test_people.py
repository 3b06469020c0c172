"""Bylines in headless Chromium on a phone: this repository's example briefing by two
(fictional) people shows "By Oskar Brennholt and Mira Talvessen" under its date line, and the
first name leads to that person's page, which lists the briefing. Screenshots of both pages go
to test-artifacts/."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import IMAGE_SLUG, local_context

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_a_byline_on_a_phone_leads_to_the_persons_page(
    browser: Browser, site_url: str, artifacts_dir: Path, blocked_requests: list[str]
) -> None:
    context = local_context(browser, blocked_requests, "phone")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{site_url}briefings/{IMAGE_SLUG}/")
        byline = page.locator(".briefing-byline")
        byline.scroll_into_view_if_needed()
        assert byline.is_visible()
        assert " ".join(byline.inner_text().split()) == "By Oskar Brennholt and Mira Talvessen"
        box = byline.bounding_box()
        date = page.locator(".briefing-meta").bounding_box()
        assert box is not None
        assert date is not None
        assert 0 <= box["y"] - (date["y"] + date["height"]) < 40  # just under the date line
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
        page.screenshot(path=artifacts_dir / "people-byline-phone.png")
        byline.get_by_role("link", name="Oskar Brennholt").click()
        page.wait_for_url(f"{site_url}people/oskar-brennholt/")
        assert page.locator("h1").first.inner_text().rstrip("¶") == "Oskar Brennholt"
        assert page.locator(".briefing-person__role").is_visible()
        card = page.locator(".briefing-card__title a")
        assert card.first.get_attribute("href") == f"../../briefings/{IMAGE_SLUG}/"
        page.screenshot(path=artifacts_dir / "people-person-phone.png", full_page=True)
    finally:
        context.close()
    assert blocked_requests == []
