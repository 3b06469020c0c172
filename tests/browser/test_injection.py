"""Hostile briefings and digests in headless Chromium: nothing in them runs.

The site of tests/integration/test_injection.py (a briefing and a digest per payload, the
payload in every text field), built with this repository's theme features (instant loading,
search suggestions and highlighting) and served on 127.0.0.1 under its site_url's path, as a
deployment serves it. Each page starts with ``window.__pwned = false``; the payloads would set
it to true. After loading, hovering and clicking the payload text, searching for it and
following search results, the flag is still false, no dialog opened, and the payload is on the
page as visible text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from ..integration.test_injection import (
    PAYLOADS,
    PWNED,
    make_hostile_site,
    one_line,
    slug_of,
    title_of,
)
from ..integration.test_names import ARABIC_SLUG, HEBREW_SLUG, MIXED_SLUG, make_names_site
from .conftest import build_and_serve, local_context

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Dialog, Locator, Page, Response

pytestmark = pytest.mark.browser

FEATURES = """\
  features:
    - content.action.edit
    - navigation.instant
    - search.suggest
    - search.highlight
"""
SEARCH_INPUT = 'input[data-md-component="search-query"]'

# What the browser itself made of the markup: handlers, and link or resource URLs whose parsed
# protocol is not a web or mail one (obfuscated schemes included, as the browser resolves them).
INSPECT = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name) || attr.name === "srcdoc") found.push(`${el.tagName} ${attr.name}`);
    }
    for (const name of ["href", "src", "action", "formaction", "xlink:href"]) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let protocol;
      try { protocol = new URL(value, document.baseURI).protocol; } catch { continue; }
      if (!["http:", "https:", "mailto:"].includes(protocol)) found.push(`${el.tagName} ${name}=${value}`);
    }
  }
  for (const s of document.querySelectorAll("script")) {
    if (/pwned/.test(s.textContent) && s.type !== "application/ld+json") found.push("script: " + s.textContent.slice(0, 80));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_hostile_site(tmp_path_factory.mktemp("hostile-browser"))
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  features: [content.action.edit]\n", FEATURES)
    config.write_text(text, "utf-8")
    # strict=False: the refused briefings are warnings.
    with build_and_serve(root, "/hostile/", strict=False) as url:
        yield url


@pytest.fixture(scope="module")
def guarded_page(browser: Browser) -> Iterator[tuple[Page, list[str], list[str]]]:
    """A page, reused by the module's tests, with ``window.__pwned = false`` set before any of
    its scripts; the dialogs (alert, confirm, prompt) it tried to open, each dismissed; and its
    uncaught JavaScript errors. Only 127.0.0.1 is reachable."""
    context = local_context(browser, [])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script("window.__pwned = false;")
    dialogs: list[str] = []
    errors: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, dialogs, errors
    context.close()


@pytest.fixture
def guarded(
    guarded_page: tuple[Page, list[str], list[str]],
) -> Iterator[tuple[Page, list[str]]]:
    """The guarded page and its dialogs, for one test: it fails if a dialog opened or a script
    threw during the test."""
    page, dialogs, errors = guarded_page
    dialogs.clear()
    errors.clear()
    yield page, dialogs
    assert not dialogs
    assert not errors, f"JavaScript errors on the page: {errors}"


def heading(locator: Locator) -> str:
    """A heading's text without its permalink."""
    text = locator.evaluate(
        "h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink'))"
        ".map(n => n.textContent).join('')"
    )
    return one_line(str(text))


def pwned(page: Page) -> bool:
    return bool(page.evaluate("window.__pwned"))


# Whether an element is, is in or holds a link that leads off the page (not a "#" fragment).
LEADS_AWAY = """el => Boolean(el.closest('a[href]:not([href^="#"])')
    || el.querySelector('a[href]:not([href^="#"])'))"""

# A story card is one link: its headline's link stretches over the whole card (a ::after box),
# so the rest of the card's text lies under it. Outside a card: null. In a card: scroll ``el``
# into view and tell whether what a pointer at its middle meets is that card's own headline
# link, and nothing else.
UNDER_CARD_LINK = """el => {
    const card = el.closest('.briefing-card');
    if (card === null) return null;
    el.scrollIntoView({block: 'center'});
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && hit.closest('a') === card.querySelector('.briefing-card__title a');
}"""


def poke(page: Page, selector: str) -> None:
    """Hover over each element ``selector`` matches and click it, as a curious reader would.

    Playwright clicks the middle of the element's first box (for text that wraps, its first
    line) and first checks that the element itself, not something over it, takes the click,
    so the click lands on the element whatever the fonts and line breaks; a click moves the
    pointer there first, so the element is hovered too (mouseover, mouseenter, mousemove). An
    element that is, is in or holds a link to another page is only hovered (a click would
    leave the page); in-page links (``#...``: permalinks, the credited sources) are clicked.
    Text in a story card lies under the card's headline link: the pointer is moved over it
    (and so over that link, which must be what is there), not clicked.
    """
    for element in page.locator(selector).all():
        if not element.is_visible():
            continue
        under_link = element.evaluate(UNDER_CARD_LINK)
        if under_link is None:
            if element.evaluate(LEADS_AWAY):
                element.hover()
            else:
                element.click(no_wait_after=True)
        else:
            assert under_link, f"not under its card's link: {element}"
            element.hover(force=True)


def without_fragment(url: str) -> str:
    return url.partition("#")[0]


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_briefing_page_runs_nothing_and_shows_the_payload(
    guarded: tuple[Page, list[str]], hostile_url: str, n: int, artifacts_dir: Path
) -> None:
    page, _ = guarded
    url = f"{hostile_url}briefings/{slug_of(n)}/"
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.evaluate(INSPECT) == []
    headline = page.locator("div.briefing h1")
    assert headline.is_visible()
    assert one_line(headline.inner_text()) == one_line(title_of(n))
    key_points = page.locator(".key-points li")
    assert one_line(key_points.first.inner_text()) == one_line(PAYLOADS[n])
    # Where a link, an image or a handler would have been made of the payload.
    poke(page, ".key-points li, div.briefing > p, .briefing-quote blockquote, h1")
    poke(page, ".briefing-meta__category, .md-tag, .briefing-image")
    # Nothing navigated away (javascript: links never load a page); in-page links only scrolled.
    assert without_fragment(page.url) == url
    assert not pwned(page)
    if n in (0, 12):
        page.screenshot(path=artifacts_dir / f"injection-briefing-{n:02}.png", full_page=True)


def test_javascript_links_in_the_text_are_not_links(
    guarded: tuple[Page, list[str]], hostile_url: str
) -> None:
    page, _ = guarded
    for n, payload in enumerate(PAYLOADS):
        if "javascript:" not in payload.lower() and "java\tscript:" not in payload:
            continue
        page.goto(f"{hostile_url}briefings/{slug_of(n)}/")
        article = page.locator("div.briefing")
        # The payload text is there; the only links in the article are the page's own.
        assert one_line(payload) in one_line(article.inner_text())
        hrefs = article.locator("a[href]").evaluate_all("as => as.map(a => a.protocol)")
        assert set(hrefs) <= {"http:", "https:"}
        # Click the text where the links would have been: nothing runs, nothing loads.
        texts = article.locator(".key-points li, :scope > p:not([class]), blockquote p")
        clicked = texts.filter(has_text=re.compile("java.?script:", re.IGNORECASE)).all()
        assert clicked
        for element in clicked:
            element.click(no_wait_after=True)
        assert page.url.endswith(f"/briefings/{slug_of(n)}/")
        assert not pwned(page)


@pytest.mark.parametrize("n", range(0, len(PAYLOADS), 5))
def test_digest_page_runs_nothing_and_shows_the_payload(
    guarded: tuple[Page, list[str]], hostile_url: str, n: int
) -> None:
    page, _ = guarded
    page.goto(f"{hostile_url}digests/2025-09-{n + 1:02}/")
    assert page.evaluate(INSPECT) == []
    article = page.locator("article")
    assert heading(article.locator("h1")) == one_line(f"Digest {n:02}: {PAYLOADS[n]}")
    assert heading(article.locator("h2").first) == one_line(f"S{n:02} {PAYLOADS[n]}")
    poke(page, "article li, article h2, .admonition.note p")
    assert not pwned(page)


@pytest.mark.parametrize("url", ["", "tags/", "categories/", "archive/2025-10/", "missing/"])
def test_index_pages_run_nothing(
    guarded: tuple[Page, list[str]], hostile_url: str, url: str
) -> None:
    page, _ = guarded
    missing: list[str] = []

    def record_missing(response: Response) -> None:
        if response.status == 404 and response.request.resource_type != "document":
            missing.append(response.url)

    page.on("response", record_missing)
    try:
        page.goto(hostile_url + url)
        page.wait_for_load_state("load")
    finally:
        page.remove_listener("response", record_missing)
    # Styled as a reader sees it: the page (the 404 page too) finds its CSS and JavaScript.
    assert not missing, f"{url or 'home'}: not found: {missing}"
    assert page.evaluate(INSPECT) == []
    assert page.locator("body").is_visible()  # the <style> payload hid nothing
    poke(
        page,
        ".briefing-card__category, .briefing-card__summary, .briefing-card__points li,"
        " .briefing-card__meta",
    )
    assert not pwned(page)


def test_a_listing_links_to_the_briefing_which_runs_nothing(
    guarded: tuple[Page, list[str]], hostile_url: str
) -> None:
    page, _ = guarded
    n = PAYLOADS.index(f'<img src=x onerror="{PWNED}">')
    page.goto(f"{hostile_url}categories/")
    page.locator("article a").filter(has_text=f"C{n:02} ").first.click()
    page.locator("article").get_by_role("link", name=one_line(title_of(n)), exact=True).click()
    page.wait_for_url(f"**/briefings/{slug_of(n)}/")
    assert one_line(page.locator("div.briefing h1").inner_text()) == one_line(title_of(n))
    assert page.evaluate(INSPECT) == []
    assert not pwned(page)


@pytest.mark.parametrize("query", ["Hostile", "Speaker", "Closing paragraph"])
def test_search_results_show_the_payloads_as_text(
    guarded: tuple[Page, list[str]], hostile_url: str, query: str, artifacts_dir: Path
) -> None:
    page, _ = guarded
    page.goto(hostile_url)
    page.locator("body").press("/")
    search = page.locator(SEARCH_INPUT)
    search.fill(query[:-1])
    search.press(query[-1])
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert page.evaluate(INSPECT) == []
    assert not pwned(page)
    page.screenshot(path=artifacts_dir / f"injection-search-{query.lower().replace(' ', '-')}.png")
    teasers = page.locator(".md-search-result").inner_text()
    assert "window.__pwned=true" in teasers  # the payload, as text
    results.first.locator("a").first.click()  # search.highlight marks the query on the page
    page.wait_for_url(re.compile(r"/briefings/"))
    page.locator("div.briefing h1").wait_for()
    assert page.evaluate(INSPECT) == []
    assert not pwned(page)


# -- right-to-left text --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def names_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Hebrew, Arabic and mixed briefings of tests/integration/test_names.py, served."""
    root = make_names_site(tmp_path_factory.mktemp("names-browser"))
    with build_and_serve(root, "/names/") as url:
        yield url


def direction(locator: Locator) -> str:
    return str(locator.evaluate("el => getComputedStyle(el).direction"))


def right_aligned(locator: Locator) -> bool:
    """Whether the element's text sits against its right edge rather than its left (a float,
    such as Material's edit button, may shorten the line)."""
    return bool(
        locator.evaluate(
            # The text's own boxes: a range over the element would also count the boxes of
            # block-level children (the caption's speaker and context lines), as wide as it.
            """el => { const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                let left = Infinity, right = -Infinity;
                for (let node; (node = walk.nextNode());) {
                  if (!node.textContent.trim()) continue;
                  const r = document.createRange(); r.selectNodeContents(node);
                  for (const rect of r.getClientRects()) {
                    left = Math.min(left, rect.left); right = Math.max(right, rect.right); } }
                const box = el.getBoundingClientRect();
                return box.right - right < left - box.left; }"""
        )
    )


# The boxes of a quote's "— Name, role" line, in the source's order: the dash, the name's <bdi>,
# the comma and the role's <bdi>; and the text between the names.
SPEAKER_ORDER = """el => {
    const texts = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE);
    const [name, role] = el.querySelectorAll('bdi');
    const char = node => { const r = document.createRange(); r.setStart(node, 0);
        r.setEnd(node, 1); return r.getBoundingClientRect(); };
    const box = b => ({left: b.left, right: b.right});
    return {texts: texts.map(n => n.data),
            boxes: [char(texts[0]), name.getBoundingClientRect(), char(texts[1]),
                    role.getBoundingClientRect()].map(box)};
}"""


def test_arabic_and_hebrew_briefings_read_right_to_left(
    page: Page, names_url: str, artifacts_dir: Path
) -> None:
    for slug in (ARABIC_SLUG, HEBREW_SLUG):
        page.goto(f"{names_url}briefings/{slug}/")
        article = page.locator("div.briefing")
        for selector in ("h1", ".key-points li", ":scope > p:not([class])", "blockquote p"):
            for element in article.locator(selector).all():
                assert direction(element) == "rtl", (slug, selector)
                assert right_aligned(element), (slug, selector)
        # The bullets stay inside the key-points box, on the right of each point.
        for item in article.locator(".key-points li").all():
            assert item.evaluate(
                "li => { const box = li.closest('.admonition').getBoundingClientRect();"
                " const r = li.getBoundingClientRect(); const s = getComputedStyle(li);"
                " return parseFloat(s.marginRight) > 0 && box.right - r.right > 10; }"
            ), slug
        # The quote's "— Name, role" reads right to left: the dash first (rightmost), then the
        # name, the comma after the name and the role last (leftmost), each name isolated so
        # that its own letters cannot reorder the line around it.
        caption = article.locator("figure.briefing-quote figcaption").first
        assert direction(caption) == "rtl", slug
        assert right_aligned(caption), slug
        speaker = caption.locator(".briefing-quote__speaker")
        for name in speaker.locator("bdi").all():
            assert name.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate", slug
        order = speaker.evaluate(SPEAKER_ORDER)
        assert order["texts"] == ["— ", ", "], (slug, order)
        dash, name, comma, role = order["boxes"]
        assert dash["left"] >= name["right"] - 1, (slug, order)
        assert name["left"] >= comma["right"] - 1, (slug, order)
        assert comma["left"] >= role["right"] - 1, (slug, order)
        page.screenshot(path=artifacts_dir / f"rtl-{slug[:20]}.png", full_page=True)


def test_each_block_of_a_mixed_page_takes_its_own_direction(page: Page, names_url: str) -> None:
    page.goto(f"{names_url}briefings/{MIXED_SLUG}/")
    article = page.locator("div.briefing")
    assert direction(article.locator("h1")) == "ltr"
    points = article.locator(".key-points li")
    assert [direction(points.nth(0)), direction(points.nth(1))] == ["ltr", "rtl"]
    assert right_aligned(points.nth(1))
    assert direction(article.locator(":scope > p:not([class])").first) == "ltr"
    assert direction(article.locator("blockquote p")) == "rtl"


def test_a_hebrew_digest_and_listings_read_right_to_left(page: Page, names_url: str) -> None:
    page.goto(f"{names_url}digests/2025-11-05/")
    article = page.locator("article")
    assert direction(article.locator("h1")) == "rtl"
    assert direction(article.locator("h2").first) == "rtl"
    assert direction(article.locator("h2").nth(1)) == "ltr"  # "Elsewhere"
    page.goto(f"{names_url}categories/")
    link = page.locator("article li > a").filter(has_text="כלכלה")
    assert direction(link) == "rtl"


def test_search_results_in_hebrew_read_right_to_left(page: Page, names_url: str) -> None:
    page.goto(names_url)
    page.locator("body").press("/")
    search = page.locator(SEARCH_INPUT)
    search.fill("הנמל")
    search.press("End")  # Material searches on keyup
    result = page.locator(".md-search-result__item").first
    result.wait_for(state="visible")
    title = result.locator("article h1")
    assert title.inner_text() == "שביתת הנמל בנורדוויק הסתיימה"
    assert title.evaluate("el => getComputedStyle(el).unicodeBidi") == "plaintext"
    assert right_aligned(title)
    texts = result.locator("article > p, article li").all()
    assert texts
    for text in texts:
        assert text.evaluate("el => getComputedStyle(el).unicodeBidi") == "plaintext"
