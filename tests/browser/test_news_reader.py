"""What a reader sees of the news site, in Chromium on a phone (390x844) and a desktop (1280x900).

Each test asserts a fact a reader would notice, measured in the page as rendered: the headline
bold and at full contrast in both colour schemes; "Skip to content" landing on the headline; no
image credit without an image; story cards with thumbnails exactly where briefings have images,
and those images loaded; no editors' manual in the readers' menu; no request leaving
127.0.0.1 and sitemap.xml fetched at most once per page view; lines of a readable length.
Full-page screenshots of home, a briefing with and one without an image, a digest and a listing,
on both screens and in both schemes, go to test-artifacts/news-<page>-<size>-<scheme>.png for a
person to look at.

Nothing here waits for a fixed time: where the page settles (lazy images, a scroll), the tests
wait for the condition itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from ..conftest import ROOT
from .conftest import IMAGE_SLUG, PAGE_KINDS, SEED_SLUG, SIZES, local_context

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")
HEADLINE = "h1#briefing-title"
# The editors' manual (docs/manual/, draft_docs): its pages' titles, as they were in the menu.
MANUAL_TITLES = re.compile(
    r"briefing format|the editor.s loop|the digest site|publishing|sending the digest|editors?.? manual",
    re.I,
)
# The readers' menu: mkdocs.yml's nav (Home, Digests, Sections, Stories, Outlets, Archive, About).
READER_SECTIONS = ["", "digests/", "categories/", "stories/", "sources/", "archive/", "about/"]
SCREENSHOT_PAGES = {
    "home": PAGE_KINDS["home"],
    "briefing-with-image": PAGE_KINDS["briefing-with-image"],
    "briefing-without-image": PAGE_KINDS["briefing-without-image"],
    "digest": PAGE_KINDS["digest"],
    "listing": PAGE_KINDS["category-listing"],
}


# -- the briefings as written ------------------------------------------------------------------


def briefing_sources() -> list[dict[str, Any]]:
    """Every briefing's YAML in this repository's briefings/ (digests are in a subfolder; the
    people file is not a briefing)."""
    return [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "briefings").glob("*.yml"))
        if path.name != "people.yml"
    ]


def image_stems() -> dict[str, str | None]:
    """Each briefing's title -> the file stem of its image's src (None: no image to show).

    A briefing may give an image's alt and credit without a src (the seed briefing does): it
    has no image, and must show no credit line."""
    stems = {}
    for data in briefing_sources():
        src = (data.get("image") or {}).get("src")
        stems[" ".join(data["title"].split())] = Path(src).stem if src else None
    return stems


# -- pages -------------------------------------------------------------------------------------


class Reader:
    """A browser context at one size and scheme, with one page, that can reach only 127.0.0.1.

    Made once per module and size and scheme (the page is reused: a test opens what it needs).
    Since the last ``reset``: ``blocked`` holds the URLs of requests to anywhere else (all
    aborted), ``requests`` every request's URL, ``console`` the console's error messages (text,
    and the URL of what logged it) and
    ``errors`` the uncaught JavaScript errors.
    """

    def __init__(self, browser: Browser, site_url: str, size: str, scheme: Scheme) -> None:
        self.site_url = site_url
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.context = local_context(browser, self.blocked, size, scheme)
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: (
                self.console.append((message.text, message.location.get("url", "")))
                if message.type == "error"
                else None
            ),
        )

    def reset(self) -> None:
        for found in (self.blocked, self.requests, self.console, self.errors):
            found.clear()

    def open(self, path: str) -> Page:
        """Load ``path`` (under the site's URL); what earlier pages requested is forgotten."""
        self.requests.clear()
        self.page.goto(self.site_url + path)
        return self.page


@pytest.fixture(scope="module")
def readers(browser: Browser) -> Iterator[dict[tuple[str, Scheme], Reader]]:
    made: dict[tuple[str, Scheme], Reader] = {}
    yield made
    for visit in made.values():
        visit.context.close()


@pytest.fixture
def reader(
    readers: dict[tuple[str, Scheme], Reader], browser: Browser, site_url: str
) -> Iterator[Callable[..., Reader]]:
    """Get the ``Reader`` at a size ("phone", "desktop") and scheme ("light", "dark").

    The test fails at teardown if a page it opened threw an uncaught JavaScript error."""
    used: list[Reader] = []

    def get(size: str, scheme: Scheme = "light") -> Reader:
        if (size, scheme) not in readers:
            readers[size, scheme] = Reader(browser, site_url, size, scheme)
        visit = readers[size, scheme]
        visit.reset()
        used.append(visit)
        return visit

    yield get
    errors = [error for visit in used for error in visit.errors]
    assert not errors, f"JavaScript errors on the page: {errors}"


def scroll_through(page: Page) -> None:
    """Scroll to the bottom a screen at a time, so lazy images load, then wait for every image
    on the page to finish (loaded or failed), go back to the top and wait for what scrolling
    set moving to stop (Material's header swaps the site name and the page title with a
    transition), so a screenshot shows the page at rest."""
    page.evaluate(
        """async () => {
            const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const step = Math.max(200, innerHeight - 100);
            for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
                scrollTo(0, y);
                await frame();
            }
            scrollTo(0, document.documentElement.scrollHeight);
            await frame();
        }"""
    )
    page.wait_for_function("[...document.images].every(img => img.complete)")
    page.evaluate(
        "async () => { scrollTo(0, 0);"
        " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }"
    )
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')"
        " && !document.querySelector('.md-header__title--active')"
    )


def briefing_paths(built_site: Path) -> list[str]:
    found = sorted(p.parent.name for p in (built_site / "briefings").glob("*/index.html"))
    assert len(found) == len(briefing_sources()), found
    return [f"briefings/{slug}/" for slug in found]


# -- measurements in the page ------------------------------------------------------------------

# WCAG 2 contrast ratio of an element's text against what is behind it: the element's and its
# ancestors' background colours composited up to the first opaque one (white if none). Colours
# go through a canvas, so any CSS colour syntax the browser computes (rgb, color-mix) is read.
CONTRAST = """el => {
  const ctx = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
  ctx.canvas.width = ctx.canvas.height = 1;
  const rgba = css => {
    ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const bg = rgba(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let behind = [255, 255, 255];
  for (const layer of layers.reverse()) behind = over(layer, behind);
  const fg = over(rgba(getComputedStyle(el).color), behind);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [hi, lo] = [lum(fg), lum(behind)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}"""

# Characters on an element's first line and how many lines it has: a Range over each character
# of its text, in order, grouped by the top of the character's box. Collapsed whitespace (no
# box, or no width) is not counted.
FIRST_LINE = """el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let first = null, count = 0, lines = 0, lastTop = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box || box.width === 0) continue;
      if (lastTop === null || box.top > lastTop + box.height / 2) { lines++; lastTop = box.top; }
      if (lines === 1) count++;
    }
  }
  return {first: count, lines: lines, text: el.textContent.trim().slice(0, 60)};
}"""


# -- the headline ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(SIZES))
def test_headline_is_bold_with_full_contrast(
    reader: Callable[..., Reader], size: str, scheme: Scheme
) -> None:
    visit = reader(size, scheme)
    for path in (PAGE_KINDS["briefing-without-image"], PAGE_KINDS["briefing-with-image"]):
        page = visit.open(path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        headline = page.locator(HEADLINE)
        assert headline.is_visible()
        weight = int(headline.evaluate("h => getComputedStyle(h).fontWeight"))
        assert weight >= 700, f"{path}: the headline's font-weight is {weight}"
        contrast = float(headline.evaluate(CONTRAST))
        assert contrast >= 7, f"{path} ({size}, {scheme}): headline contrast {contrast:.2f}:1"


@pytest.mark.parametrize("size", list(SIZES))
def test_skip_to_content_lands_on_the_headline(reader: Callable[..., Reader], size: str) -> None:
    page = reader(size).open(PAGE_KINDS["briefing-with-image"])
    page.keyboard.press("Tab")  # from page load, the first stop is Material's skip link
    skip = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert skip["text"] == "Skip to content", skip
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#briefing-title'")
    assert page.evaluate("document.activeElement.id") == "briefing-title"
    # The headline is on screen, below the sticky header, not scrolled past.
    page.wait_for_function(
        """() => { const h = document.getElementById('briefing-title').getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return h.top >= header.bottom - 1 && h.top < innerHeight / 2; }"""
    )
    # The next Tab goes on into the briefing (its category link), not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("Boolean(document.activeElement.closest('div.briefing'))")


# -- images and credits ------------------------------------------------------------------------


def test_no_image_credit_without_an_image(reader: Callable[..., Reader], built_site: Path) -> None:
    visit = reader("desktop")
    stems = image_stems()
    for path in briefing_paths(built_site):
        page = visit.open(path)
        title = " ".join(page.locator(HEADLINE).inner_text().split())
        # No visible text that credits an image the page does not show.
        orphans = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.checkVisibility() && [...el.childNodes].some(n =>
                    n.nodeType === 3 && /^\\s*image credited/i.test(n.data)))
                .map(el => el.outerHTML.slice(0, 120))"""
        )
        assert not orphans, f"{path}: {orphans}"
        # Every caption in the briefing captions something: an image, or a quote.
        captions = page.locator("div.briefing figcaption")
        for caption in captions.all():
            assert caption.evaluate(
                "c => Boolean(c.parentElement.querySelector(':scope > img, :scope > picture,"
                " :scope > blockquote'))"
            ), f"{path}: a caption with nothing to caption: {caption.inner_text()!r}"
        figures = page.locator("div.briefing figure:has(img)")
        if stems[title] is None:
            assert figures.count() == 0, f"{path} shows an image its briefing does not have"
            assert page.locator("div.briefing img").count() == 0
        else:
            assert figures.count() == 1, f"{path}: expected one lead image"
            image = figures.locator("img")
            assert str(stems[title]) in str(image.evaluate("img => img.currentSrc"))
            assert int(image.evaluate("img => img.naturalWidth")) > 0, f"{path}: image not loaded"
            caption = figures.locator("figcaption")
            assert caption.inner_text().strip(), f"{path}: no credit"
            # The credit sits under the image, starting where the image starts.
            edges = caption.evaluate(
                "c => ({image: c.parentElement.querySelector('img').getBoundingClientRect(),"
                " caption: c.getBoundingClientRect()})"
            )
            assert edges["caption"]["top"] >= edges["image"]["bottom"] - 1, f"{path}: {edges}"
            assert abs(edges["caption"]["left"] - edges["image"]["left"]) <= 1, (
                f"{path}: the caption starts {edges['caption']['left'] - edges['image']['left']:.0f}"
                " px right of the image"
            )


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("kind", ["home", "category-listing"])
def test_cards_show_the_thumbnails_of_briefings_with_images(
    reader: Callable[..., Reader], size: str, kind: str
) -> None:
    stems = image_stems()
    page = reader(size).open(PAGE_KINDS[kind])
    seen = {"with": 0, "without": 0}
    for card in page.locator("article.briefing-card").all():
        link = card.locator(".briefing-card__title a")
        thumbnails = card.locator("img.briefing-card__image")
        if "/briefings/" not in str(link.evaluate("a => a.href")):
            assert thumbnails.count() == 0, "a digest card has no image of its own"
            continue
        title = " ".join(link.inner_text().split())
        assert title in stems, f"a card for {title!r}, which is no briefing in briefings/"
        if stems[title] is None:
            seen["without"] += 1
            assert thumbnails.count() == 0, f"{title!r} has no image but its card has one"
            continue
        seen["with"] += 1
        assert thumbnails.count() == 1, f"{title!r} has an image but its card shows none"
        thumbnails.scroll_into_view_if_needed()
        assert thumbnails.is_visible(), f"{title!r}: the thumbnail is hidden at {size}"
        handle = thumbnails.element_handle()
        page.wait_for_function("img => img.complete", arg=handle)
        loaded = thumbnails.evaluate("img => ({w: img.naturalWidth, src: img.currentSrc})")
        assert loaded["w"] > 0, f"{title!r}: the thumbnail did not load ({loaded['src']})"
        assert stems[title] in loaded["src"], f"{title!r}: the card shows {loaded['src']}"
    # The pages chosen hold both kinds of card, so both halves are tested.
    assert seen["with"], seen
    assert seen["without"], seen


# -- the readers' menu -------------------------------------------------------------------------


@pytest.mark.parametrize("size", list(SIZES))
def test_readers_menu_has_no_editors_manual(
    reader: Callable[..., Reader], site_url: str, size: str
) -> None:
    visit = reader(size)
    for path in (PAGE_KINDS["home"], PAGE_KINDS["briefing-without-image"]):
        page = visit.open(path)
        if size == "phone":  # the drawer, opened with the header's menu button
            page.locator("label.md-header__button[for='__drawer']").click()
            page.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible")
        menus = ".md-header, .md-tabs, .md-sidebar--primary"
        links = (
            page.locator(menus)
            .locator("a")
            .evaluate_all(
                "as => as.map(a => ({href: a.href, text: a.textContent.trim(),"
                " visible: a.checkVisibility({visibilityProperty: true}),"
                " nav: a.matches('.md-tabs__link, .md-nav__link')}))"
            )
        )
        manual = [
            link
            for link in links
            if "/manual/" in urlsplit(link["href"]).path or MANUAL_TITLES.search(link["text"])
        ]
        assert not manual, f"{path or 'home'} ({size}): editors' pages in the menu: {manual}"
        # What the menu does show is the readers' sections, in mkdocs.yml's order.
        shown = [
            link["href"].removeprefix(site_url) for link in links if link["visible"] and link["nav"]
        ]
        assert list(dict.fromkeys(shown)) == READER_SECTIONS, shown


# -- requests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_view_stays_on_the_site_and_fetches_the_sitemap_once_at_most(
    reader: Callable[..., Reader], kind: str
) -> None:
    visit = reader("desktop")
    page = visit.open(PAGE_KINDS[kind])
    scroll_through(page)
    page.wait_for_load_state("networkidle")
    assert not visit.blocked, f"{kind}: requests leaving 127.0.0.1: {visit.blocked}"
    sitemaps = [url for url in visit.requests if urlsplit(url).path.endswith("/sitemap.xml")]
    assert len(sitemaps) <= 1, f"{kind}: sitemap.xml requested {len(sitemaps)} times"
    broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
    assert not broken, f"{kind}: images that did not load: {broken}"
    # The one error the 404 page may log is its own status ("Failed to load resource: ... 404").
    errors = [
        (text, url)
        for text, url in visit.console
        if not (kind == "not-found" and url == page.url and "status of 404" in text)
    ]
    assert not errors, f"{kind}: console errors: {errors}"


def test_links_on_the_404_page_lead_to_pages(reader: Callable[..., Reader], site_url: str) -> None:
    """The 404 page answers at any depth: its links must not be relative to where it is."""
    page = reader("desktop").open(PAGE_KINDS["not-found"] + "deeper/still/")
    hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
    local = sorted({href.partition("#")[0] for href in hrefs if href.startswith(site_url)})
    assert local, "no links into the site on the 404 page"
    broken = [url for url in local if page.request.get(url).status != 200]
    assert not broken, f"links on the 404 page that lead to no page: {broken}"


# -- line length -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize(
    ("kind", "selector"),
    [
        ("briefing-without-image", "div.briefing > p:not([class])"),
        ("briefing-with-image", "div.briefing > p:not([class])"),
        ("about", "article.md-content__inner > p"),
    ],
)
def test_body_text_lines_are_a_readable_length(
    reader: Callable[..., Reader], size: str, kind: str, selector: str
) -> None:
    page = reader(size).open(PAGE_KINDS[kind])
    line = page.locator(selector).first.evaluate(FIRST_LINE)
    assert line["lines"] >= 2, f"{kind}: the paragraph is one line, no full line to measure"
    if size == "desktop":
        assert 45 <= line["first"] <= 80, f"{kind} ({size}): {line}"
    else:
        assert line["first"] <= 80, f"{kind} ({size}): {line}"


# -- screenshots -------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(SCREENSHOT_PAGES))
def test_screenshot(
    reader: Callable[..., Reader], artifacts_dir: Path, name: str, size: str, scheme: Scheme
) -> None:
    """Full-page screenshots for a person to look at; each page also loads every image."""
    visit = reader(size, scheme)
    page = visit.open(SCREENSHOT_PAGES[name])
    scroll_through(page)
    broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
    assert not broken, f"{name}: images that did not load: {broken}"
    page.screenshot(path=artifacts_dir / f"news-{name}-{size}-{scheme}.png", full_page=True)
    assert not visit.blocked, f"{name}: requests leaving 127.0.0.1: {visit.blocked}"


def test_the_chosen_pages_are_what_their_names_say(built_site: Path) -> None:
    """Every page kind is in the build, and the briefings chosen with and without an image are."""
    for kind, path in PAGE_KINDS.items():
        if kind != "not-found":
            assert (built_site / path / "index.html").is_file(), f"{kind}: {path} is not built"
    assert not (built_site / PAGE_KINDS["not-found"]).exists()
    stems = image_stems()
    for slug, has_image in ((IMAGE_SLUG, True), (SEED_SLUG, False)):
        html = (built_site / "briefings" / slug / "index.html").read_text(encoding="utf-8")
        headline = BeautifulSoup(html, "html.parser").select_one(HEADLINE)
        assert headline is not None, slug
        assert (stems[" ".join(headline.get_text().split())] is not None) == has_image, slug
