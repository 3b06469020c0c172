"""The optional sections in headless Chromium, on a phone and a laptop: the perspectives of the
sample coalition briefing stand side by side on a laptop and one under another on a phone, and
neither page scrolls sideways. Screenshots go to test-artifacts/."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import SIZES, local_context, skip_or_fail
from .test_accessibility import AXE_JS, describe, run_axe

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

    from .test_accessibility import Scheme

pytestmark = pytest.mark.browser

COALITION = "briefings/velorian-coalition-talks-stall-over-port-anselm-harbour-levy/"


@pytest.mark.parametrize("size", list(SIZES))
def test_perspectives_side_by_side_on_a_laptop_and_stacked_on_a_phone(
    browser: Browser, site_url: str, artifacts_dir: Path, size: str
) -> None:
    blocked: list[str] = []
    context = local_context(browser, blocked, size)
    try:
        page = context.new_page()
        page.goto(site_url + COALITION)
        headings = page.locator("article h2").all_inner_texts()
        assert [h.strip("¶ \n") for h in headings][:3] == [
            "Why it matters",
            "What’s next",
            "Perspectives",
        ]
        views = page.locator(".briefing-perspective")
        assert views.count() == 3
        boxes = [views.nth(i).bounding_box() for i in range(3)]
        assert all(box is not None for box in boxes)
        tops = [round(box["y"]) for box in boxes if box]
        lefts = [round(box["x"]) for box in boxes if box]
        if size == "desktop":
            assert len(set(tops)) == 1, f"not side by side: {boxes}"
            assert lefts == sorted(set(lefts)), boxes  # left to right, none on another
        else:
            assert len(set(lefts)) == 1, f"not stacked: {boxes}"
            assert tops == sorted(set(tops)), boxes  # top to bottom, none beside another
        width = page.evaluate("document.documentElement.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert all(box["x"] + box["width"] <= width for box in boxes if box)
        # Each view keeps its credit line, inside its own box.
        assert views.locator(".briefing-credit").count() == 3
        page.screenshot(path=artifacts_dir / f"sections-{size}.png", full_page=True)
        assert not blocked, f"requests leaving 127.0.0.1: {blocked}"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_a_briefing_with_every_section(
    browser: Browser, site_url: str, scheme: Scheme
) -> None:
    """The sections' headings, boxes and credit lines pass axe-core in both colour schemes
    (contrast included); the accessibility tests' own pages have no such sections."""
    if not AXE_JS.is_file():
        skip_or_fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` (make test does)")
    context = local_context(browser, [], scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + COALITION)
        violations = run_axe(page)
        assert not violations, f"axe-core on {COALITION} ({scheme}):\n{describe(violations)}"
    finally:
        context.close()
