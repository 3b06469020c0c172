"""Digests' emails in headless Chromium, as a mail client's web view shows them: 600 px (the
desktop reading pane) and 375 px (a phone), light and dark. Nothing overflows the width,
nothing is fetched, axe-core finds no violation; screenshots in test-artifacts/ (email-600-light.png ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from mkdocs_briefings.newsletter.render import render_digest_email

from ..pages_server import LOCAL_HOST
from ..unit.test_loader import VALID
from ..unit.test_newsletter import SETTINGS, WEB, briefing, digest
from .test_accessibility import describe, run_axe

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

WIDTHS = (600, 375)
PAGE_LANDMARK_RULES = {"landmark-one-main", "region"}
SCHEMES = ("light", "dark")

# What overflows the viewport, if anything: the page's scroll width, and every element whose
# right edge is past the viewport (hidden elements, such as the preheader, have no box).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 0.5;
  }).map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));
  return {scroll: document.scrollingElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def open_email(browser: Browser, width: int, scheme: str, fetched: list[str]) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
        locale="en-US",  # type: ignore[arg-type]
    )

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname != LOCAL_HOST:
            fetched.append(route.request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.route("**/*", only_local)
    return context.new_page()


def assert_fits(page: Page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"], found
    assert found["wide"] == [], found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_digest_email_fits_and_reads_at_600_and_375_px(
    browser: Browser, site_url: str, artifacts_dir: Path, width: int, scheme: str
) -> None:
    fetched: list[str] = []
    page = open_email(browser, width, scheme, fetched)
    try:
        for day in ("2025-11-11", "2025-11-18"):
            page.goto(f"{site_url}digests/{day}/email.html")
            assert_fits(page)
            card = page.locator("table.em-card").bounding_box()
            assert card is not None
            assert card["width"] <= min(width, 600)
            headline = page.locator(".em-headline").first
            assert headline.is_visible()
            colour = headline.locator("a").evaluate("a => getComputedStyle(a).color")
            background = page.locator("table.em-card").evaluate(
                "t => getComputedStyle(t).backgroundColor"
            )
            # Dark text on the light card, light text on the dark one.
            if scheme == "light":
                assert (colour, background) == ("rgb(31, 35, 40)", "rgb(255, 255, 255)")
            else:
                assert (colour, background) == ("rgb(230, 237, 243)", "rgb(22, 27, 34)")
            assert page.locator("li").first.is_visible()
            # The preheader is in the document but not shown.
            assert page.locator("body > div").first.is_hidden()
            # axe-core: contrast in this scheme, headings, link names, the document's language.
            # Not the page-level landmark rules: a mail client shows the email inside its own
            # landmarks (a message's HTML is no page of its own).
            violations = [v for v in run_axe(page) if v["id"] not in PAGE_LANDMARK_RULES]
            assert violations == [], describe(violations)
        page.goto(f"{site_url}digests/2025-11-18/email.html")
        page.screenshot(path=artifacts_dir / f"email-{width}-{scheme}.png", full_page=True)
        assert fetched == []
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_long_words_and_addresses_wrap_inside_the_email(
    browser: Browser, artifacts_dir: Path, width: int
) -> None:
    long_word = "Harbourlevyagreementsignedafterninetydaysoftalks" * 3
    text = VALID.replace("title: Harbour strike ends", f"title: {long_word}").replace(
        "- Dock workers in Port Anselm return on Monday.",
        f"- https://harbour-ledger.example/{'x' * 150} and {long_word}",
    )
    briefings = {"harbour-strike-ends": (briefing(text), f"https://news.example.org/{'y' * 120}/")}
    email = render_digest_email(digest(), WEB, briefings, SETTINGS)
    fetched: list[str] = []
    page = open_email(browser, width, "light", fetched)
    try:
        page.set_content(email.html)
        assert_fits(page)
        page.screenshot(path=artifacts_dir / f"email-long-words-{width}.png", full_page=True)
        assert fetched == []
    finally:
        page.context.close()
