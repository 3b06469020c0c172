"""A reader's path through the built demo site in headless Chromium, and how pages look.

Home -> latest digest -> the seed briefing -> an outlet's listing, clicked as a reader would;
the key-points box and the pull quote rendered and styled, the tags under the story; the
dark-mode toggle; a 375-px
phone viewport without horizontal scrolling; print styles; share links carrying the page's
absolute URL. Screenshots of each step go to test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .conftest import IMAGE_SLUG
from .test_injection import SPEAKER_ORDER

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

SEED_SLUG = "kushner-and-netanyahu-discuss-second-phase-of-gaza-truce-amid-ongoing-tensions"
SEED_TITLE = "Kushner and Netanyahu Discuss Second Phase of Gaza Truce Amid Ongoing Tensions"
CANONICAL = f"https://mkdocs-briefings.github.io/mkdocs-briefings/briefings/{SEED_SLUG}/"
TRANSPARENT = "rgba(0, 0, 0, 0)"


def _style(page: Page, selector: str, prop: str) -> str:
    value = page.locator(selector).first.evaluate(
        "(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop
    )
    return str(value)


def _horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no horizontal scrolling)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def _overflowing(page: Page) -> list[str]:
    """The outermost elements that reach past the viewport's right edge, for the message."""
    return list(
        page.evaluate(
            """() => { const width = document.documentElement.clientWidth, found = [];
                for (const el of document.body.querySelectorAll('*')) {
                    const box = el.getBoundingClientRect();
                    if (box.width && box.right > width + 0.5
                        && !found.some(f => f.contains(el))) found.push(el);
                }
                return found.map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
                    + ` (right edge ${Math.round(el.getBoundingClientRect().right)}px)`); }"""
        )
    )


def test_reader_goes_from_home_to_digest_to_briefing_to_an_outlet(
    page: Page, site_url: str, artifacts_dir: Path
) -> None:
    page.goto(site_url)
    page.screenshot(path=artifacts_dir / "journey-1-home.png", full_page=True)
    # The home page's "Latest digest" box, a landmark named by its heading.
    digest = page.get_by_role("region", name="Latest digest").get_by_role("link").first
    assert digest.is_visible()
    digest.click()
    page.wait_for_url(re.compile(r"/digests/\d{4}-\d{2}-\d{2}/$"))
    assert page.locator("h1").first.inner_text().strip()
    page.screenshot(path=artifacts_dir / "journey-2-digest.png", full_page=True)

    # The seed briefing is in the 2025-11-11 digest: go there through the digests index.
    page.goto(site_url + "digests/2025-11-11/")
    page.locator("article").get_by_role("link", name=SEED_TITLE, exact=True).click()
    page.wait_for_url(re.compile(re.escape(f"/briefings/{SEED_SLUG}/") + "$"))
    assert page.locator("h1").first.inner_text() == SEED_TITLE
    page.screenshot(path=artifacts_dir / "journey-3-briefing.png", full_page=True)

    page.get_by_role("link", name="Briefings crediting Reuters").click()
    page.wait_for_url(re.compile(r"/sources/reuters/$"))
    content = page.locator("article.md-content__inner")
    assert "Reuters: credited in" in content.inner_text()
    assert content.get_by_role("link", name=SEED_TITLE, exact=True).count() == 1
    page.screenshot(path=artifacts_dir / "journey-4-source.png", full_page=True)
    assert page.url.startswith(site_url)


def test_key_points_pull_quote_and_tags_are_visible_and_styled(
    page: Page, site_url: str, artifacts_dir: Path
) -> None:
    page.goto(site_url + f"briefings/{SEED_SLUG}/")
    key_points = page.locator(".admonition.key-points")
    assert key_points.is_visible()
    assert key_points.locator(".admonition-title").inner_text().strip() == "Key points"
    assert key_points.locator("li").count() == 3
    # Styled as a callout: a coloured border and a title bar with its own background.
    assert _style(page, ".admonition.key-points", "border-left-style") == "solid"
    assert _style(page, ".admonition.key-points", "border-left-color") != TRANSPARENT
    title_background = _style(page, ".key-points > .admonition-title", "background-color")
    assert title_background != TRANSPARENT
    # An icon before the title (Material's admonition icon, set by the plugin's CSS).
    assert _style(page, ".key-points > .admonition-title", "--md-admonition-icon--key-points")

    # The quote is a pull quote: large text set off by a rule in the accent colour on its
    # leading edge, no box and no title bar, and "— Name, role" under it.
    quote = page.locator("figure.briefing-quote")
    assert quote.is_visible()
    assert "iron fist" in quote.locator("blockquote").inner_text()
    caption = quote.locator("figcaption")
    assert " ".join(caption.inner_text().split()).startswith(
        "— Benjamin Netanyahu, Israeli Prime Minister"
    )
    assert caption.evaluate(
        "(c) => c.getBoundingClientRect().top >= "
        "c.parentElement.querySelector('blockquote').getBoundingClientRect().bottom"
    ), "the attribution should be under the quote"
    accent = str(
        quote.evaluate(
            "(q) => { const probe = document.createElement('span');"
            " probe.style.color = 'var(--briefing-accent)'; q.append(probe);"
            " const c = getComputedStyle(probe).color; probe.remove(); return c; }"
        )
    )
    assert _style(page, ".briefing-quote", "border-left-style") == "solid"
    assert _style(page, ".briefing-quote", "border-left-color") == accent
    assert float(_style(page, ".briefing-quote", "border-left-width").removesuffix("px")) >= 2
    for side in ("top", "right", "bottom"):
        assert _style(page, ".briefing-quote", f"border-{side}-width") == "0px"
    assert _style(page, ".briefing-quote", "background-color") == TRANSPARENT
    assert quote.locator(".admonition-title").count() == 0
    quote_size = float(_style(page, ".briefing-quote blockquote", "font-size").removesuffix("px"))
    text_size = float(_style(page, "div.briefing > p:not([class])", "font-size").removesuffix("px"))
    assert quote_size > text_size, "a pull quote is set larger than the text"
    # ...and looks unlike the key points: a box with a title bar.
    assert _style(page, ".admonition.key-points", "border-top-width") != "0px"

    # The tags come after the story (and its sources), not above it.
    assert page.locator(".briefing__header .md-tag").count() == 0
    tags = page.locator("div.briefing .briefing-tags")
    assert tags.is_visible()
    assert tags.locator(".md-tag").count() == 4
    assert tags.evaluate(
        "(t) => { const story = [...t.closest('.briefing').querySelectorAll("
        "':scope > p, :scope > figure, :scope > ul')].pop();"
        " return t.getBoundingClientRect().top >= story.getBoundingClientRect().bottom; }"
    ), "the tags should come after the story"
    key_points.screenshot(path=artifacts_dir / "briefing-key-points.png")
    quote.screenshot(path=artifacts_dir / "briefing-quote.png")


def test_an_arabic_speakers_name_keeps_the_attribution_left_to_right(
    page: Page, site_url: str
) -> None:
    """Port Anselm's briefing (English) quotes a speaker whose name is in Arabic: the line
    "— Name, role" stays left to right, the comma straight after the name, not flipped."""
    page.goto(site_url + f"briefings/{IMAGE_SLUG}/")
    speaker = page.locator("figure.briefing-quote figcaption .briefing-quote__speaker")
    assert speaker.locator("bdi").first.inner_text() == "سلمى الدرّاجي"
    assert str(speaker.evaluate("el => getComputedStyle(el).direction")) == "ltr"
    order = speaker.evaluate(SPEAKER_ORDER)
    assert order["texts"] == ["— ", ", "], order
    dash, name, comma, role = order["boxes"]
    assert dash["right"] <= name["left"] + 1, order
    assert name["right"] <= comma["left"] + 1, order
    assert comma["right"] <= role["left"] + 1, order


def test_dark_mode_toggle_switches_scheme_and_back(
    page: Page, site_url: str, artifacts_dir: Path
) -> None:
    page.goto(site_url + f"briefings/{SEED_SLUG}/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    light = _style(page, "body", "background-color")
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    dark = _style(page, "body", "background-color")
    assert dark != light
    # The briefing's own elements follow the scheme: key points stay readable on dark.
    text = _style(page, ".key-points li", "color")
    assert text != _style(page, ".key-points", "background-color")
    page.screenshot(path=artifacts_dir / "briefing-dark.png", full_page=True)
    # The choice is remembered across pages, and the toggle switches back.
    page.goto(site_url)
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.get_by_title("Switch to light mode").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "digests/2025-11-11/",
        f"briefings/{SEED_SLUG}/",
        "sources/",
        "sources/reuters/",
        "archive/",
    ],
)
def test_phone_viewport_has_no_horizontal_scrolling(
    browser: Browser, site_url: str, artifacts_dir: Path, path: str
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True
    )
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert _horizontal_overflow(page) == 0, (
            f"{path or 'home'} scrolls sideways on a phone: {_overflowing(page)}"
        )
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=artifacts_dir / f"phone-{name[:40]}.png", full_page=True)
    finally:
        context.close()


def test_print_hides_navigation_and_share_links_but_keeps_the_briefing(
    page: Page, site_url: str, artifacts_dir: Path
) -> None:
    page.goto(site_url + f"briefings/{SEED_SLUG}/")
    assert page.locator(".briefing-share").is_visible()
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-footer",
        ".briefing-share",
        ".briefing-recent",
    ):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} shows when printed"
    for shown in ("h1", ".key-points", ".briefing-quote", "#sources"):
        assert page.locator(shown).first.is_visible(), f"{shown} is missing when printed"
    page.pdf(path=str(artifacts_dir / "briefing-print.pdf"))
    page.screenshot(path=artifacts_dir / "briefing-print.png", full_page=True)


def test_share_links_carry_the_pages_absolute_url(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url + f"briefings/{SEED_SLUG}/")
    assert page.locator('link[rel="canonical"]').get_attribute("href") == CANONICAL
    links = page.locator(".briefing-share a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert {urlsplit(h).scheme for h in hrefs} == {"https", "mailto"}
    assert {urlsplit(h).hostname for h in hrefs if h.startswith("https")} == {
        "x.com",
        "www.facebook.com",
        "www.linkedin.com",
        "wa.me",
    }
    for href in hrefs:
        values = [unquote(v) for vs in parse_qs(urlsplit(href).query).values() for v in vs]
        assert any(CANONICAL in v for v in values), f"{href} does not carry {CANONICAL}"
        assert SEED_TITLE in unquote(href) or "facebook" in href or "linkedin" in href
    # Each link has an accessible name, and those that leave the site open a new tab safely.
    for i in range(links.count()):
        link = links.nth(i)
        assert (link.get_attribute("aria-label") or "").startswith("Share on")
        if (link.get_attribute("href") or "").startswith("https"):
            assert link.get_attribute("target") == "_blank"
            assert "noopener" in (link.get_attribute("rel") or "")

    # The copy-link button puts the absolute URL on the clipboard (Material's clipboard.js).
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url[:-1])
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()") == CANONICAL
